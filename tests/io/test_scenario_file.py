"""Scenario files: the examples load, and bad files say where and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mission_planner import Scenario
from mission_planner.cli import bundled_example
from mission_planner.io import ScenarioFileError, load_scenario, scenario_schema
from mission_planner.scenario.source import parse_yaml

EXAMPLES = bundled_example().parent
GOOD = """\
start: 2026-12-01
end: 2026-12-31
granularity_minutes: 30
lead: {id: claire}
mission:
  client: ACME
  tasks:
    - {id: a, effort_hours: 4, due: 2026-12-03}
    - {id: b, effort_hours: 1d, due: 2026-12-10, predecessors: [a]}
    - {id: c, effort_hours: 1h30, due: 2026-12-11}
    - {id: d, effort_hours: 2, due: 2026-12-15}
"""


def write(tmp_path: Path, text: str, name: str = "scenario.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ScenarioFileError) as info:
        load_scenario(path)
    return [p.format(str(path)) for p in info.value.problems]


@pytest.mark.parametrize("name", ["bundled.yaml", "story.yaml", "partners.yaml"])
def test_example_files_load(name: str) -> None:
    """The bundled, story and partner-heavy examples are valid scenarios."""
    scenario = load_scenario(EXAMPLES / name)
    assert scenario.mission.tasks


def test_story_example_tells_its_story() -> None:
    """The story: a full December, a diagnosis asked within ten days, two partners."""
    story = load_scenario(EXAMPLES / "story.yaml")
    assert len(story.partners) == 2
    assert max(t.due for t in story.mission.tasks) == story.start.replace(day=11)  # type: ignore[union-attr]
    assert story.engagements and story.fixed_blocks and story.lead.calendar.time_off


def test_partner_example_is_partner_heavy() -> None:
    """The partner-heavy example has a larger roster than tasks the lead must keep."""
    heavy = load_scenario(EXAMPLES / "partners.yaml")
    keep = [t for t in heavy.mission.tasks if not t.delegable]
    assert len(heavy.partners) >= 5 and len(heavy.partners) > len(keep)


def test_good_file_with_durations_loads(tmp_path: Path) -> None:
    """'1d' and '1h30' efforts become 8 and 1.5 hours."""
    scenario = load_scenario(write(tmp_path, GOOD))
    assert [t.effort_hours for t in scenario.mission.tasks] == [4, 8, 1.5, 2]


def test_json_files_load_too(tmp_path: Path) -> None:
    """The same scenario as JSON loads the same."""
    data = parse_yaml(GOOD).data
    path = write(tmp_path, json.dumps(data, default=str), "scenario.json")
    assert load_scenario(path) == load_scenario(write(tmp_path, GOOD))


def test_unknown_key_gets_a_did_you_mean_hint_with_path_and_line(tmp_path: Path) -> None:
    """'efort_hours' in the second task: path, line and 'did you mean effort_hours'."""
    path = write(tmp_path, GOOD.replace("{id: b, effort_hours", "{id: b, efort_hours"))
    found = problems(path)
    assert (
        f"{path}:9 mission.tasks[1].efort_hours = '1d': "
        "unknown field (did you mean 'effort_hours'?)" in found
    )


def test_unknown_top_level_key_is_reported(tmp_path: Path) -> None:
    """A misspelt top-level key ('partner') is named with a hint."""
    found = problems(write(tmp_path, GOOD + "partner: []\n"))
    assert any("partner: unknown field (did you mean 'partners'?)" in p for p in found)


def test_bad_date_names_the_place_the_value_and_the_rule(tmp_path: Path) -> None:
    """A 32 December in the fourth task shows mission.tasks[3].due, the value and the rule."""
    path = write(tmp_path, GOOD.replace("due: 2026-12-15", "due: 2026-12-32"))
    (found,) = problems(path)
    assert found.startswith(f"{path}:11 mission.tasks[3].due = '2026-12-32': ")
    assert "day is out of range" in found


def test_cross_field_error_points_at_the_field(tmp_path: Path) -> None:
    """A deadline after the horizon is reported at mission.tasks[0].deadline, with its value."""
    path = write(
        tmp_path, GOOD.replace("due: 2026-12-03}", "due: 2026-12-03, deadline: 2027-01-15}")
    )
    (found,) = problems(path)
    assert found.startswith(f"{path}:8 mission.tasks[0].deadline = '2027-01-15': ")
    assert "after the horizon end" in found


def test_bad_duration_is_reported_at_its_place(tmp_path: Path) -> None:
    """'1 week' is not a duration: reported at mission.tasks[2].effort_hours."""
    path = write(tmp_path, GOOD.replace("effort_hours: 1h30", "effort_hours: 1 week"))
    (found,) = problems(path)
    assert found.startswith(f"{path}:10 mission.tasks[2].effort_hours = '1 week': ")


def test_enum_and_missing_field_errors(tmp_path: Path) -> None:
    """A wrong weekday key and a missing mission client are each reported at their place."""
    text = GOOD.replace(
        "lead: {id: claire}", "lead: {id: claire, calendar: {working_hours: {mond: []}}}"
    )
    found = problems(write(tmp_path, text.replace("  client: ACME\n", "")))
    assert any(
        "lead.calendar.working_hours.mond = 'mond': Input should be 'mon'" in p for p in found
    )
    assert any("mission.client: required field is missing" in p for p in found)


def test_yaml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    """A YAML syntax error is reported with its line."""
    path = write(tmp_path, GOOD.replace("lead: {id: claire}", "lead: {id: claire"))
    (found,) = problems(path)
    assert found.startswith(f"{path}:") and "not valid YAML" in found


def test_json_syntax_error_gives_the_line(tmp_path: Path) -> None:
    """A JSON syntax error is reported with its line."""
    (found,) = problems(write(tmp_path, '{\n  "start": "2026-12-01",\n}', "s.json"))
    assert ":3: not valid JSON" in found


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("empty.yaml", "", "the file is empty"),
        ("list.yaml", "- a\n- b\n", "the file is a list"),
        ("scenario.txt", "start: 2026-12-01", "unknown file type '.txt'"),
    ],
)
def test_files_that_are_not_scenarios(tmp_path: Path, name: str, text: str, message: str) -> None:
    """Empty files, lists and unknown suffixes are refused with a reason."""
    (found,) = problems(write(tmp_path, text, name))
    assert message in found


def test_missing_file_is_reported(tmp_path: Path) -> None:
    """A missing file is a ScenarioFileError naming it."""
    with pytest.raises(ScenarioFileError, match=r"nowhere\.yaml: no such file"):
        load_scenario(tmp_path / "nowhere.yaml")


def test_schema_accepts_durations_as_strings() -> None:
    """The JSON Schema describes scenarios, with duration fields taking numbers or strings."""
    schema = scenario_schema()
    assert {"start", "end", "mission"} <= set(schema["properties"])
    task = schema["$defs"]["Task"]["properties"]["effort_hours"]
    assert {"type": "number", "exclusiveMinimum": 0} in [
        {k: v for k, v in option.items() if k in ("type", "exclusiveMinimum")}
        for option in task["anyOf"]
    ]
    assert any(option.get("type") == "string" for option in task["anyOf"])
    assert Scenario.json_schema()["$defs"]["Task"]["properties"]["effort_hours"]["type"] == "number"
