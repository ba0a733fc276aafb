"""The JSON Schema tells the truth: it accepts every file the loader accepts, and describes all."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mission_planner import Scenario
from mission_planner.cli import bundled_example
from mission_planner.errors import ScenarioFileError
from mission_planner.io import scenario_schema
from mission_planner.scenario.source import read_source

TESTS = Path(__file__).parents[1]
FILES = sorted(
    [
        *bundled_example().parent.glob("*.yaml"),
        *(TESTS / "data").glob("*.json"),
        *(TESTS / "data").glob("*.yaml"),
        *(TESTS / "cli" / "data").glob("*.yaml"),
    ]
)
LOADER_ONLY = {
    # rules across objects, the grid, calendars and dates against each other: loader only
    "bad.yaml",  # 2026-12-32 has the form of a date
    "invalid_busy_outside_horizon.json",
    "invalid_cycle.json",
    "invalid_deadline_after_horizon.json",
    "invalid_deadline_before_due.json",
    "invalid_deadline_before_horizon.json",
    "invalid_due_before_release.json",
    "invalid_duplicate_person_id.json",
    "invalid_duplicate_task_id.json",
    "invalid_effort_off_grid.json",
    "invalid_effort_rounds_to_zero.json",
    "invalid_end_before_start.json",
    "invalid_engagement_window.json",
    "invalid_fixed_blocks_exceed_day.json",
    "invalid_non_delegable_skill.json",
    "invalid_off_grid_time.json",
    "invalid_overlapping_fixed_blocks.json",
    "invalid_release_after_horizon.json",
    "invalid_self_predecessor.json",
    "invalid_time_and_hours.json",
    "invalid_time_off_outside_horizon.json",
    "invalid_time_off_reversed.json",
    "invalid_unknown_country.json",
    "invalid_unknown_predecessor.json",
    "invalid_unknown_skill.json",
    "invalid_unknown_subdivision.json",
    "invalid_unsplittable_max_chunks.json",
    "invalid_working_hours_overlap.json",
}


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = scenario_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def loads(path: Path) -> bool:
    try:
        Scenario.from_file(path)
    except ScenarioFileError:
        return False
    return True


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_schema_accepts_every_file_the_loader_accepts(
    validator: jsonschema.Draft202012Validator, path: Path
) -> None:
    """A file that loads validates against the schema; one that the schema accepts but the
    loader refuses is listed in LOADER_ONLY (a rule across objects)."""
    valid = validator.is_valid(read_source(path).data)
    if loads(path):
        assert valid, [e.message for e in validator.iter_errors(read_source(path).data)]
    else:
        assert valid == (path.name in LOADER_ONLY)


def tiny() -> dict[str, Any]:
    return copy.deepcopy(read_source(TESTS / "data" / "tiny.json").data)


def put(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    node: Any = data
    *parents, last = path.split("/")
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[last] = value
    return data


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("mission/tasks/0/effort_hours", "2 weeks"),
        ("mission/tasks/0/effort_hours", True),
        ("mission/tasks/0/due", "08/12/2026"),
        ("mission/tasks/0/due", 20261210),
        ("mission/tasks/0/urgency", "high"),
        ("mission/tasks/0/colour", "red"),
        ("lead", {"calendar": {"working_hours": {"mon": ["9h-12h"]}}}),
        ("lead", {"calendar": {"working_hours": {"monday": ["09:00-12:00"]}}}),
        ("start", "2026-12"),
    ],
)
def test_schema_rejects_structural_errors(
    validator: jsonschema.Draft202012Validator, path: str, value: Any
) -> None:
    """Wrong types, unknown fields, malformed times, dates and durations fail the schema."""
    assert not validator.is_valid(put(tiny(), path, value))


def test_schema_rejects_a_missing_required_field(
    validator: jsonschema.Draft202012Validator,
) -> None:
    """A task without effort_hours fails the schema."""
    data = tiny()
    del data["mission"]["tasks"][0]["effort_hours"]
    assert not validator.is_valid(data)


def test_every_field_has_a_description() -> None:
    """Each property of each object in the schema has a description."""
    schema = scenario_schema()
    missing = [
        f"{name}.{field}"
        for name, node in [("Scenario", schema), *schema["$defs"].items()]
        for field, sub in node.get("properties", {}).items()
        if "description" not in sub
    ]
    assert missing == []


RECURRING_OK = [
    {"id": "w", "every": "week", "on": "mon", "time": "09:00-10:00"},
    {"id": "w", "every": "month", "on": ["first tue", 15], "until": "2026-12-31", "hours": "2h"},
    {"id": "m", "rrule": "RRULE:FREQ=WEEKLY;BYDAY=MO", "except": ["2026-12-07"], "title": "t"},
]
RECURRING_BAD = [
    {"id": "w", "every": "fortnight", "on": "mon"},
    {"id": "w", "rrule": 42},
    {"id": "w", "rrule": "weekly"},
    {"id": "w", "time": "09:00-10:00"},
    {"id": "w", "every": "week", "on": "mon", "rrule": "FREQ=WEEKLY"},
    {"id": "w", "every": "week", "on": "mon", "except": ["07/12/2026"]},
    {"id": "w", "every": "week", "on": "mon", "interval": 0},
]


@pytest.mark.parametrize(
    ("entry", "valid"),
    [*((e, True) for e in RECURRING_OK), *((e, False) for e in RECURRING_BAD)],
    ids=str,
)
def test_schema_and_loader_agree_on_recurring_blocks(
    validator: jsonschema.Draft202012Validator, entry: dict[str, Any], valid: bool
) -> None:
    """A recurring fixed block the loader reads validates; a malformed one fails both."""
    data = put(tiny(), "fixed_blocks", [entry])
    assert validator.is_valid(data) == valid
    try:
        Scenario.model_validate(data)
    except ValueError:
        loaded = False
    else:
        loaded = True
    assert loaded == valid
