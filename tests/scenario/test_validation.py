"""Validation of scenario files: bad inputs are rejected with precise messages, good ones load."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from mission_planner.errors import ScenarioFileError
from mission_planner.scenario import (
    Calendar,
    Lead,
    Scenario,
    Task,
    TimeRange,
    Weekday,
    read_mapping,
)
from mission_planner.scenario.mission import moment_end, moment_start

DATA = Path(__file__).parents[1] / "data"
BUNDLED = Path(__file__).parents[2] / "src" / "mission_planner" / "examples" / "bundled.yaml"
TINY_FILES = ["tiny.json", "tiny_partners.json", "tiny_engagement.yaml", "tiny_30min.yaml"]


def tiny_data() -> dict[str, Any]:
    """A fresh copy of ``tiny.json`` as Python data."""
    data: dict[str, Any] = read_mapping(DATA / "tiny.json")
    return data


def task_data(data: dict[str, Any], task_id: str) -> dict[str, Any]:
    """The task ``task_id`` inside scenario data."""
    task: dict[str, Any] = next(t for t in data["mission"]["tasks"] if t["id"] == task_id)
    return task


# ---------------------------------------------------------------------------------- bad inputs
# tests/data/invalid_<rule>.json is tiny.json broken in one way. Its error message must contain
# every fragment: together they name the object, the field and the offending value.
INVALID: dict[str, list[str]] = {
    "zero_effort": ["mission.tasks[0].effort_hours = 0", "greater than 0"],
    "negative_effort": ["mission.tasks[0].effort_hours = -2", "greater than 0"],
    "due_before_release": ["task 'a'", "due=2026-12-08", "release=2026-12-10"],
    "deadline_before_due": ["task 'b'", "deadline=2026-12-09", "due=2026-12-10"],
    "unknown_predecessor": ["task 'c'", "predecessors", "'z'"],
    "unknown_skill": ["task 'b'", "skills", "'quantum'"],
    # any rotation of the cycle a -> c -> b -> a shows these three arcs
    "cycle": [":12 mission.tasks[0].predecessors", "cycle", "a -> c", "c -> b", "b -> a"],
    "time_off_outside_horizon": ["lead 'lead' calendar", "time_off[0]", "2026-12-21..2026-12-23"],
    "overlapping_fixed_blocks": ["fixed block 'review'", "'standup'", "time=09:00-11:00"],
    "fixed_blocks_exceed_day": ["fixed blocks on 2026-12-09", "'prep'", "'report'", "9 hours"],
    "unknown_field": ["mission.tasks[0].efort_hours = 4", "did you mean 'effort_hours'"],
    "unknown_top_level_field": ["granularity = 30", "did you mean 'granularity_minutes'"],
    "duplicate_task_id": ["task", "id='a'", "used twice"],
    "off_grid_time": [
        "fixed block 'standup'",
        "time.start=09:15",
        "60-minute grid: set granularity_minutes: 15",
    ],
    "effort_off_grid": ["task 'a'", "effort_hours=2.5", "60 minutes"],
    "end_before_start": ["scenario", "end=2026-12-04", "start=2026-12-07"],
    "unknown_country": ["lead.calendar", "country='XX'"],
    "deadline_after_horizon": ["task 'c'", "deadline=2026-12-18", "2026-12-11"],
    "engagement_window": ["engagement 'other'", "deadline=2026-12-08", "earliest_start=2026-12-10"],
    "non_delegable_skill": ["task 'a'", "delegable=False", "'sql'"],
    "time_range_string": ["fixed_blocks[0].time", "'09:00 to 10:00'"],
    # further rules of the models
    "self_predecessor": ["task 'a'", "predecessors=['a']", "itself"],
    "granularity": ["scenario", "granularity_minutes=45", "divide 60"],
    "time_and_hours": ["fixed block 'standup'", "time=09:00-10:00", "hours=1"],
    "unsplittable_max_chunks": ["task 'b'", "max_chunks=2", "splittable=False"],
    "time_off_reversed": ["lead.calendar.time_off[0]", "end=2026-12-09", "start=2026-12-10"],
    "working_hours_overlap": ["working_hours[mon]", "09:00-13:00", "12:00-18:00"],
    "busy_outside_horizon": ["partner 'hugo'", "busy[0].date=2026-12-21", "horizon"],
    "release_after_horizon": ["task 'c'", "release=2026-12-12", "2026-12-11"],
    "duplicate_person_id": ["person", "id='lead'", "used twice"],
    "clock_out_of_range": ["fixed_blocks[0].time.end", "'25:00'"],
    "empty_tasks": ["mission.tasks", "at least 1 item"],
}

# Rules found missing during review, now enforced.
INVALID.update(
    {
        "deadline_before_horizon": ["task 'a'", "deadline=2026-12-04", "2026-12-07"],
        "effort_rounds_to_zero": ["task 'a'", "effort_hours=1e-10"],
        "unknown_subdivision": ["lead.calendar", "subdivision='999'"],
        "timezone": ["mission.tasks[1].due", "+01:00"],
    }
)

CASES = [pytest.param(rule, fragments, id=rule) for rule, fragments in INVALID.items()]


@pytest.mark.parametrize(("rule", "fragments"), CASES)
def test_invalid_file_is_rejected_with_a_precise_message(rule: str, fragments: list[str]) -> None:
    """Each bad input raises ScenarioFileError naming the object, the field and the value."""
    with pytest.raises(ScenarioFileError) as excinfo:
        Scenario.from_file(DATA / f"invalid_{rule}.json")
    message = str(excinfo.value)
    missing = [f for f in fragments if f not in message]
    assert not missing, f"{missing} not in:\n{message}"


def test_every_invalid_file_is_parametrized() -> None:
    """No invalid_*.json file in tests/data is left out of the parametrization."""
    listed = {f"invalid_{rule}.json" for rule in INVALID}
    on_disk = {p.name for p in DATA.glob("invalid_*.json")}
    assert on_disk == listed


# ---------------------------------------------------------------------------------- good inputs
@pytest.mark.parametrize(
    ("filename", "n_tasks", "n_partners", "n_engagements"),
    [
        ("tiny.json", 3, 0, 0),
        ("tiny_partners.json", 3, 2, 0),
        ("tiny_engagement.yaml", 2, 0, 1),
        ("tiny_30min.yaml", 2, 0, 0),
    ],
)
def test_tiny_files_load(filename: str, n_tasks: int, n_partners: int, n_engagements: int) -> None:
    """The tiny scenario files are valid and read completely."""
    scenario = Scenario.from_file(DATA / filename)
    assert scenario.start == dt.date(2026, 12, 7)
    assert scenario.end == dt.date(2026, 12, 11)
    assert len(scenario.mission.tasks) == n_tasks
    assert len(scenario.partners) == n_partners
    assert len(scenario.engagements) == n_engagements


def test_bundled_example_loads() -> None:
    """The example shipped with the package is a valid scenario."""
    scenario = Scenario.from_file(BUNDLED)
    assert scenario.lead.id == "claire"
    assert scenario.granularity_minutes == 30


def test_scenario_is_frozen() -> None:
    """Assigning to a scenario or any nested model raises."""
    scenario = Scenario.from_file(DATA / "tiny_partners.json")
    with pytest.raises(ValidationError, match="frozen"):
        scenario.end = dt.date(2026, 12, 31)  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        scenario.mission.tasks[0].effort_hours = 1  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        scenario.lead.calendar.country = None  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        scenario.partners[0].day_rate = 0  # type: ignore[misc]
    assert isinstance(scenario.mission.tasks, tuple)


def test_calendar_working_hours_cannot_be_mutated() -> None:
    """A frozen calendar's weekly hours cannot be changed in place."""
    calendar = Scenario.from_file(DATA / "tiny.json").lead.calendar
    with contextlib.suppress(TypeError):
        calendar.working_hours[Weekday.SAT] = (TimeRange(start=600, end=660),)
    assert Weekday.SAT not in calendar.working_hours


def test_scenario_is_hashable() -> None:
    """A frozen scenario can be hashed (e.g. used as a cache key)."""
    first = Scenario.from_file(DATA / "tiny.json")
    assert hash(first) == hash(Scenario.from_file(DATA / "tiny.json"))


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
@pytest.mark.parametrize("source", [*(DATA / f for f in TINY_FILES), BUNDLED], ids=lambda p: p.name)
def test_round_trip_through_files(source: Path, suffix: str, tmp_path: Path) -> None:
    """``to_file`` then ``from_file`` gives back an equal scenario, in JSON and in YAML."""
    scenario = Scenario.from_file(source)
    target = tmp_path / f"copy{suffix}"
    scenario.to_file(target)
    assert Scenario.from_file(target) == scenario


def test_round_trip_keeps_dates_and_datetimes_apart(tmp_path: Path) -> None:
    """A date due stays a date and a datetime due stays a datetime after a round trip."""
    scenario = Scenario.from_file(DATA / "tiny_30min.yaml")
    for suffix in (".json", ".yaml"):
        scenario.to_file(tmp_path / f"copy{suffix}")
        again = Scenario.from_file(tmp_path / f"copy{suffix}")
        assert again.task("a").due == dt.datetime(2026, 12, 8, 16, 30)
        assert type(again.task("b").due) is dt.date


def test_to_file_json_is_plain_json(tmp_path: Path) -> None:
    """The JSON writer produces a JSON object with the scenario's top-level keys."""
    Scenario.from_file(DATA / "tiny.json").to_file(tmp_path / "out.json")
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert {"start", "end", "mission", "fixed_blocks"} <= set(data)


def test_json_schema_structure() -> None:
    """The JSON Schema describes a closed object with the scenario's fields."""
    schema = Scenario.json_schema()
    assert isinstance(schema, dict)
    assert schema["type"] == "object"
    assert {
        "mission",
        "lead",
        "start",
        "end",
        "partners",
        "fixed_blocks",
        "engagements",
        "weights",
        "granularity_minutes",
    } <= set(schema["properties"])
    assert {"start", "end", "mission"} <= set(schema["required"])
    assert schema["additionalProperties"] is False
    task = schema["$defs"]["Task"]
    assert task["additionalProperties"] is False
    assert task["properties"]["effort_hours"]["exclusiveMinimum"] == 0
    assert {"id", "effort_hours", "due"} <= set(task["required"])
    json.dumps(schema)  # serialisable as is


# ---------------------------------------------------------------------------------- defaults
def test_default_calendar_is_monday_to_friday_eight_hours() -> None:
    """Without working_hours a person works Mon-Fri 09:00-13:00 and 14:00-18:00, French holidays."""
    calendar = Calendar()
    week = [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI]
    assert list(calendar.working_hours) == week
    for day in week:
        assert [str(r) for r in calendar.working_hours[day]] == ["09:00-13:00", "14:00-18:00"]
        assert sum(r.minutes for r in calendar.working_hours[day]) == 8 * 60
    assert calendar.ranges_on(dt.date(2026, 12, 12)) == ()  # a Saturday
    assert calendar.country == "FR"
    assert calendar.overtime_hours_per_day == 0
    assert Lead().calendar == calendar


def test_deadline_defaults_to_due() -> None:
    """``Task.latest`` is the due date when no deadline is given, else the deadline."""
    scenario = Scenario.from_file(DATA / "tiny.json")
    a, b = scenario.task("a"), scenario.task("b")
    assert a.deadline is None
    assert a.latest == a.due == dt.date(2026, 12, 8)
    assert b.latest == b.deadline == dt.date(2026, 12, 11)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param({"effort_hours": 6, "splittable": False}, 1, id="not_splittable"),
        pytest.param({"effort_hours": 6, "max_chunks": 5}, 5, id="explicit_max_chunks"),
        pytest.param({"effort_hours": 6}, 3, id="effort_over_min_session"),
        pytest.param({"effort_hours": 7, "min_session_hours": 2}, 3, id="rounds_down"),
        pytest.param({"effort_hours": 40}, 8, id="capped_at_8"),
        pytest.param({"effort_hours": 1, "min_session_hours": 2}, 1, id="effort_below_session"),
        pytest.param({"effort_hours": 12, "min_session_hours": 4}, 3, id="longer_sessions"),
    ],
)
def test_chunk_limit(fields: dict[str, Any], expected: int) -> None:
    """Chunk limit: 1 if not splittable, max_chunks if given, else min(8, effort // session)."""
    task = Task.model_validate({"id": "t", "due": "2026-12-11", **fields})
    assert task.chunk_limit() == expected


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        ("2026-12-10", dt.date(2026, 12, 10)),
        ("2026-12-10T12:00", dt.datetime(2026, 12, 10, 12)),
        ("2026-12-10 12:00", dt.datetime(2026, 12, 10, 12)),
        (dt.date(2026, 12, 10), dt.date(2026, 12, 10)),
        (dt.datetime(2026, 12, 10, 15), dt.datetime(2026, 12, 10, 15)),
    ],
)
def test_due_accepts_dates_and_datetimes(due: Any, expected: dt.date) -> None:
    """A due date and a due datetime are both accepted, and kept as given."""
    data = tiny_data()
    task_data(data, "b")["due"] = due
    got = Scenario.model_validate(data).task("b").due
    assert got == expected
    assert type(got) is type(expected)


def test_date_due_means_end_of_day_against_release() -> None:
    """A date due with a same-day datetime release is valid (the due day ends at 24:00)."""
    data = tiny_data()
    task_data(data, "b")["release"] = "2026-12-10T17:00"
    assert Scenario.model_validate(data).task("b").release == dt.datetime(2026, 12, 10, 17)


@pytest.mark.parametrize(
    ("release", "due"),
    [("2026-12-10", "2026-12-09"), ("2026-12-09T14:00", "2026-12-09T14:00")],
)
def test_due_at_the_release_instant_is_accepted(release: str, due: str) -> None:
    """A due at the very instant of the release is valid: late by construction, not an error."""
    data = tiny_data()
    task_data(data, "b").update(release=release, due=due, deadline=None)
    task = Scenario.model_validate(data).task("b")
    assert task.release is not None
    assert moment_end(task.due) == moment_start(task.release)


def test_thirty_minute_granularity_accepts_half_hours() -> None:
    """With granularity 30, half-hour clock times, efforts, block hours and due times load."""
    scenario = Scenario.from_file(DATA / "tiny_30min.yaml")
    assert scenario.granularity_minutes == 30
    assert scenario.fixed_blocks[0].time == TimeRange(start=10 * 60 + 30, end=11 * 60)
    assert scenario.fixed_blocks[1].hours == 1.5
    assert scenario.task("a").effort_hours == 2.5
    assert scenario.task("a").due == dt.datetime(2026, 12, 8, 16, 30)
    assert str(scenario.lead.calendar.working_hours[Weekday.MON][0]) == "09:00-12:30"


def test_half_hours_are_rejected_on_the_hour_grid() -> None:
    """The same half-hour values fail with granularity 60, each one named in the message."""
    data = read_mapping(DATA / "tiny_30min.yaml")
    data["granularity_minutes"] = 60
    with pytest.raises(ValidationError) as excinfo:
        Scenario.model_validate(data)
    message = str(excinfo.value)
    for fragment in [
        "working_hours[mon].end=12:30",
        "fixed block 'call': time.start=10:30",
        "fixed block 'prep': hours=1.5",
        "task 'a': effort_hours=2.5",
        "task 'a': due=2026-12-08T16:30:00",
    ]:
        assert fragment in message
