"""One loader: Scenario.from_file, io.load_scenario and the CLI read the same files the same way."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mission_planner import Scenario
from mission_planner.cli import bundled_example, main
from mission_planner.errors import InputError, ScenarioFileError
from mission_planner.io import load_scenario
from mission_planner.scenario import Task

EXAMPLES = bundled_example().parent
DATA = Path(__file__).parents[1] / "data"
BASE = """\
start: 2026-12-07
end: 2026-12-11
granularity_minutes: {grid}
mission:
  client: ACME
  tasks:
    - id: a
      effort_hours: {effort}
      due: 2026-12-10
"""


def scenario_text(effort: str = "2", grid: int = 60) -> str:
    return BASE.format(effort=effort, grid=grid)


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(ScenarioFileError) as info:
        Scenario.from_file(path)
    return info.value.report()


@pytest.mark.parametrize("name", ["bundled.yaml", "story.yaml", "partners.yaml"])
def test_bundled_examples_load_through_from_file(name: str) -> None:
    """Every bundled example loads through Scenario.from_file, equal to io.load_scenario."""
    assert Scenario.from_file(EXAMPLES / name) == load_scenario(EXAMPLES / name)


def test_from_file_and_load_scenario_raise_the_same_error(tmp_path: Path) -> None:
    """A bad file raises the same ScenarioFileError (an InputError) through both entry points."""
    path = write(tmp_path, scenario_text(effort="lots"))
    with pytest.raises(ScenarioFileError) as first:
        Scenario.from_file(path)
    with pytest.raises(ScenarioFileError) as second:
        load_scenario(path)
    assert isinstance(first.value, InputError)
    assert first.value.report() == second.value.report()


def test_cli_refuses_the_same_file_with_exit_2(tmp_path: Path) -> None:
    """The CLI reads through the same loader: a bad duration is bad input (exit 2)."""
    path = write(tmp_path, scenario_text(effort="1d2d"))
    assert main(["plan", str(path), "--quiet"]) == 2


@pytest.mark.parametrize(
    ("effort", "grid", "hours"),
    [("2d", 60, 16.0), ("5min", 5, 5 / 60), ("1h05", 5, 65 / 60), ("50min", 10, 50 / 60)],
)
def test_durations_on_the_grid_are_accepted(
    tmp_path: Path, effort: str, grid: int, hours: float
) -> None:
    """Durations that fit the grid load whatever their spelling ('1h05' on a 5-minute grid)."""
    scenario = Scenario.from_file(write(tmp_path, scenario_text(effort, grid)))
    assert scenario.mission.tasks[0].effort_hours == pytest.approx(hours, abs=1e-12)


def test_a_day_counts_the_scenarios_hours_per_day(tmp_path: Path) -> None:
    """With hours_per_day: 7, '2d' is 14 hours."""
    text = "hours_per_day: 7\n" + scenario_text("2d")
    assert Scenario.from_file(write(tmp_path, text)).mission.tasks[0].effort_hours == 14


def test_model_validate_reads_durations_too() -> None:
    """Scenario.model_validate on data (no file) reads '1h30' and '1d' as well."""
    data = {
        "start": "2026-12-07",
        "end": "2026-12-11",
        "granularity_minutes": 30,
        "mission": {
            "client": "x",
            "tasks": [{"id": "a", "effort_hours": "1d 1h30", "due": "2026-12-10"}],
        },
    }
    assert Scenario.model_validate(data).mission.tasks[0].effort_hours == 9.5


def test_days_outside_a_scenario_need_the_context() -> None:
    """A Task alone reads '3h' but refuses '2d' unless the context gives hours_per_day."""
    base = {"id": "a", "due": "2026-12-10"}
    assert Task.model_validate({**base, "effort_hours": "3h"}).effort_hours == 3
    with pytest.raises(ValueError, match="counts days"):
        Task.model_validate({**base, "effort_hours": "2d"})
    task = Task.model_validate({**base, "effort_hours": "2d"}, context={"hours_per_day": 7})
    assert task.effort_hours == 14


@pytest.mark.parametrize("effort", ["1d2d", "30min 1h", "2 weeks", "1h-"])
def test_malformed_durations_are_refused(tmp_path: Path, effort: str) -> None:
    """'1d2d' (a unit twice), units out of order and unknown units are errors at the field."""
    report = error_of(write(tmp_path, scenario_text(effort)))
    assert "mission.tasks[0].effort_hours" in report


def test_off_grid_clock_time_suggests_the_grid(tmp_path: Path) -> None:
    """Lunch at 12:30 on the 60-minute grid: the message says to set granularity_minutes: 30."""
    text = (
        scenario_text() + "fixed_blocks:\n  - {id: lunch, date: 2026-12-08, time: '12:30-13:00'}\n"
    )
    report = error_of(write(tmp_path, text))
    assert "12:30 is not on the 60-minute grid: set granularity_minutes: 30" in report


@pytest.mark.parametrize(
    "due", ["08/12/2026", "2026-W49-2", "20261210", "1850-01-01", "9999-12-31"]
)
def test_bad_dates_show_the_expected_form(tmp_path: Path, due: str) -> None:
    """Dates in another form (or out of 1900..2200) are refused, naming the form YYYY-MM-DD."""
    report = error_of(write(tmp_path, scenario_text().replace("due: 2026-12-10", f"due: {due}")))
    assert "mission.tasks[0].due" in report
    assert "YYYY-MM-DD" in report or "1900-01-01..2200-12-31" in report


def test_integer_date_is_refused_in_json(tmp_path: Path) -> None:
    """An integer date (20261201) is an error at the field, never a timestamp."""
    text = (
        '{"start": 20261207, "end": "2026-12-11", "mission": {"client": "x", "tasks": '
        '[{"id": "a", "effort_hours": 2, "due": "2026-12-10"}]}}'
    )
    assert "start = 20261207: 20261207 is not a date of the form YYYY-MM-DD" in error_of(
        write(tmp_path, text, "s.json")
    )


def test_duplicate_id_points_at_the_second_one(tmp_path: Path) -> None:
    """A task id used twice is reported at the line of the second task."""
    text = scenario_text() + "    - id: a\n      effort_hours: 1\n      due: 2026-12-10\n"
    path = write(tmp_path, text)
    assert f"{path}:10 mission.tasks[1].id = 'a'" in error_of(path)


def test_cycle_points_at_a_task_of_the_cycle(tmp_path: Path) -> None:
    """A cycle of predecessors is reported at the predecessors line of a task in it."""
    text = scenario_text().replace(
        "due: 2026-12-10\n", "due: 2026-12-10\n      predecessors: [b]\n"
    )
    text += "    - {id: b, effort_hours: 1, due: 2026-12-10, predecessors: [a]}\n"
    path = write(tmp_path, text)
    assert f"{path}:10 mission.tasks[0].predecessors" in error_of(path)


def test_long_predecessor_chain_loads() -> None:
    """A chain of 1,500 tasks is checked for cycles without recursion."""
    tasks = [
        {
            "id": f"t{i}",
            "effort_hours": 1,
            "due": "2026-12-11",
            "predecessors": [f"t{i - 1}"] if i else [],
        }
        for i in range(1500)
    ]
    data = {"start": "2026-12-07", "end": "2026-12-11", "mission": {"client": "x", "tasks": tasks}}
    assert len(Scenario.model_validate(data).mission.tasks) == 1500


def test_to_file_round_trips_through_the_loader(tmp_path: Path) -> None:
    """A scenario written as YAML reads back equal through the same loader."""
    scenario = Scenario.from_file(EXAMPLES / "story.yaml")
    scenario.to_file(tmp_path / "copy.yaml")
    assert Scenario.from_file(tmp_path / "copy.yaml") == scenario
    assert scenario.start == dt.date(2026, 12, 1)
