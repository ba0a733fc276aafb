"""Recurring fixed blocks: expanded in the horizon with their exceptions, kept by the plan."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from mission_planner import Scenario, check, plan
from mission_planner.errors import ScenarioFileError
from mission_planner.io.commitment_warnings import commitment_warnings
from mission_planner.io.scenario_file import scenario_from_data
from mission_planner.scenario import recurrence
from mission_planner.scenario.source import parse_yaml, read_source

DATA = Path(__file__).parents[1] / "data"
FILE = DATA / "recurring_blocks.yaml"
D = dt.date


def dates(scenario: Scenario, series: str) -> list[dt.date]:
    return [b.date for b in scenario.fixed_blocks if b.series == series]


def december(*blocks: dict[str, Any], **extra: Any) -> Scenario:
    """Mon 7 Dec 2026 to Fri 29 Jan 2027, French holidays, the given fixed blocks."""
    data: dict[str, Any] = {
        "start": "2026-12-07",
        "end": "2027-01-29",
        "fixed_blocks": list(blocks),
        "mission": {"client": "x", "tasks": [{"id": "a", "effort_hours": 2, "due": "2026-12-10"}]},
    }
    return Scenario.model_validate(data | extra)


# ---------------------------------------------------------------------- expansion
def test_file_expands_the_weekly_and_monthly_series_with_their_exceptions() -> None:
    """Mondays 7 Dec..4 Jan without 28 Dec, and the first Friday of January (1 Jan)."""
    scenario = Scenario.from_file(FILE)
    mondays = [D(2026, 12, 7), D(2026, 12, 14), D(2026, 12, 21), D(2027, 1, 4)]
    assert dates(scenario, "comite") == mondays
    assert dates(scenario, "revue") == [D(2027, 1, 1)]
    first = scenario.fixed_blocks[0]
    assert (first.id, str(first.time), first.title) == (
        "comite.2026-12-07",
        "09:00-11:00",
        "Comité de pilotage",
    )
    assert scenario.fixed_blocks[4].hours == 3
    assert [b.id for b in scenario.fixed_blocks if b.series is None] == ["call"]


def test_rrule_and_every_forms_give_the_same_days() -> None:
    """FREQ=WEEKLY;BYDAY=MO;UNTIL=... is every: week, on: [mon], until: ..."""
    a = december({"id": "m", "rrule": "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270111", "hours": 1})
    b = december({"id": "m", "every": "week", "on": ["mon"], "until": "2027-01-11", "hours": 1})
    assert a.fixed_blocks == b.fixed_blocks
    assert dates(a, "m") == [D(2026, 12, 7) + dt.timedelta(weeks=k) for k in range(6)]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        # the last Friday of December and of January
        ({"every": "month", "on": ["last fri"]}, [D(2026, 12, 25), D(2027, 1, 29)]),
        # the 15th and the last day of each month
        ({"every": "month", "on": [15, -1]}, [D(2026, 12, 15), D(2026, 12, 31), D(2027, 1, 15)]),
        # every other week from Wed 2 Dec (before the horizon): 16 Dec, 30 Dec, 13 Jan, 27 Jan
        (
            {"every": "week", "interval": 2, "on": "wed", "from": "2026-12-02"},
            [D(2026, 12, 16), D(2026, 12, 30), D(2027, 1, 13), D(2027, 1, 27)],
        ),
        # COUNT counts from the first day, before the horizon: 30 Nov is the first of 3
        (
            {"rrule": "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3", "from": "2026-11-30"},
            [D(2026, 12, 7), D(2026, 12, 14)],
        ),
        # an UNTIL with a time (as Google writes it) is read as its date
        (
            {"rrule": "FREQ=WEEKLY;BYDAY=TH;UNTIL=20261217T225959Z"},
            [D(2026, 12, 10), D(2026, 12, 17)],
        ),
        # every day from a date to a date, one exception
        (
            {"every": "day", "from": "2027-01-25", "until": "2027-01-28", "except": ["2027-01-26"]},
            [D(2027, 1, 25), D(2027, 1, 27), D(2027, 1, 28)],
        ),
        # a series ending before the horizon has no occurrence
        ({"rrule": "FREQ=DAILY;UNTIL=20261201", "from": "2026-11-01"}, []),
    ],
)
def test_series_forms(entry: dict[str, Any], expected: list[dt.date]) -> None:
    """Each form expands to the days worked out by hand, inside the horizon only."""
    scenario = december({"id": "s", "time": "09:00-10:00", **entry})
    assert dates(scenario, "s") == expected


def test_a_written_scenario_reads_back_the_same(tmp_path: Path) -> None:
    """to_file writes the occurrences (with their series); reading them back changes nothing."""
    scenario = Scenario.from_file(FILE)
    out = tmp_path / "back.yaml"
    scenario.to_file(out)
    assert Scenario.from_file(out) == scenario


# ---------------------------------------------------------------------- warnings
def test_occurrences_on_time_off_and_holidays_are_named() -> None:
    """The committee on the lead's time off and the review on New Year's Day are warned."""
    first, second = commitment_warnings(Scenario.from_file(FILE))
    assert first.startswith(
        "fixed block 'comite.2026-12-21' (Comité de pilotage) on 2026-12-21 falls on the "
        "lead's time off (congés)"
    )
    assert "add 2026-12-21 to the except list of 'comite'" in first
    assert second.startswith(
        "fixed block 'revue.2027-01-01' (Revue mensuelle) on 2027-01-01 falls on a public holiday"
    )


# ---------------------------------------------------------------------- the plan
@dataclass
class Tables:
    has_plan: bool
    schedule: pd.DataFrame
    deliveries: pd.DataFrame
    tranches: pd.DataFrame


def test_the_plan_keeps_every_occurrence_and_the_checker_sees_them() -> None:
    """Each occurrence is a fixed row at its time; dropping one breaks the 'fixed' rule."""
    scenario = Scenario.from_file(FILE)
    result = plan(scenario, time_limit=10, seed=0, workers=1)
    assert check(scenario, result) == []
    fixed = result.schedule[result.schedule["kind"] == "fixed"]
    comite = fixed[fixed["task"].str.startswith("comite.")]
    assert sorted(zip(comite["start"], comite["end"], strict=True)) == [
        (pd.Timestamp(f"{day} 09:00"), pd.Timestamp(f"{day} 11:00"))
        for day in ("2026-12-07", "2026-12-14", "2026-12-21", "2027-01-04")
    ]
    dropped = result.schedule[result.schedule["task"] != "comite.2026-12-14"]
    tables = Tables(True, dropped, result.deliveries, result.tranches)
    violations = [v for v in check(scenario, tables) if v.rule == "fixed"]
    assert [v.subject for v in violations] == ["fixed block comite.2026-12-14"]


# ---------------------------------------------------------------------- errors
def bad(change: dict[str, Any], index: int = 0) -> ScenarioFileError:
    data = copy.deepcopy(read_source(FILE).data)
    entry = data["fixed_blocks"][index]
    for key, value in change.items():
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = value
    with pytest.raises(ScenarioFileError) as caught:
        scenario_from_data(data, source=FILE.name, text=FILE.read_text(encoding="utf-8"))
    return caught.value


@pytest.mark.parametrize(
    ("change", "index", "location", "fragment"),
    [
        ({"every": "fortnight"}, 0, "fixed_blocks[0].every", "'day', 'week' or 'month'"),
        ({"on": ["lun"]}, 0, "fixed_blocks[0].on[0]", "is not a weekday ('mon')"),
        ({"on": None}, 0, "fixed_blocks[0]", "on is required with every=week"),
        ({"on": [15]}, 0, "fixed_blocks[0].on[0]", "give it with every: month"),
        ({"excpet": []}, 0, "fixed_blocks[0].excpet", "did you mean 'except'?"),
        ({"date": "2026-12-07"}, 0, "fixed_blocks[0].date", "has no date: give from"),
        ({"except": ["2026-12-29"]}, 0, "fixed_blocks[0].except[0]", "not a day of the series"),
        ({"except": ["2026-12-32"]}, 0, "fixed_blocks[0].except[0]", "day is out of range"),
        ({"from": "2020-01-06"}, 0, "fixed_blocks[0].from", "more than 1100 days before"),
        (
            {"from": "2026-12-07", "until": "2026-12-01"},
            0,
            "fixed_blocks[0].until",
            "is before from=",
        ),
        ({"rrule": "FREQ=WEEKLY"}, 0, "fixed_blocks[0]", "give a date, an rrule or every"),
        ({"rrule": "FREQ=HOURLY"}, 1, "fixed_blocks[1].rrule", "FREQ must be one of DAILY"),
        ({"rrule": "FREQ=DAILY;BYHOUR=9"}, 1, "fixed_blocks[1].rrule", "BYHOUR is not allowed"),
        ({"rrule": "FREQ=WEEKLY;BYDAY=XX"}, 1, "fixed_blocks[1].rrule", "not a valid RRULE"),
        ({"rrule": "FREQ=DAILY;COUNT=0"}, 1, "fixed_blocks[1].rrule", "COUNT must be"),
        ({"until": "2027-01-31"}, 1, "fixed_blocks[1].rrule", "goes without until"),
        ({"time": "09:00-10:00"}, 1, "fixed_blocks[1]", "give time=09:00-10:00 or hours=3"),
        ({"id": "x" * 60}, 1, "fixed_blocks[1].id", "longer than 53 characters"),
    ],
)
def test_bad_series_are_named_with_field_value_and_line(
    change: dict[str, Any], index: int, location: str, fragment: str
) -> None:
    """Each malformed series is one located problem: object, field, value and rule."""
    (problem,) = bad(change, index).problems
    assert (problem.location, fragment in problem.message) == (location, True), problem
    assert problem.line is not None


def test_an_exception_is_reported_at_its_line() -> None:
    """A date that is not a Monday in the committee's except list points at that line."""
    (problem,) = bad({"except": ["2026-12-28", "2026-12-29"]}).problems
    assert (problem.location, problem.value) == ("fixed_blocks[0].except[1]", "2026-12-29")
    assert problem.line == 18


def test_an_off_grid_series_is_reported_once_at_its_entry() -> None:
    """An off-grid time in a weekly series is one error naming the series, not one a week."""
    (problem,) = bad({"time": "09:30-11:00"}).problems
    assert problem.location.startswith("fixed_blocks[0]")
    assert "fixed block 'comite': time.start=09:30" in problem.message
    assert "set granularity_minutes: 30" in problem.message


def test_overlapping_occurrences_point_at_their_series() -> None:
    """An occurrence overlapping a single block is located at the series' entry."""
    problems = bad({"on": ["mon", "wed"], "time": "13:00-15:00"}).problems
    assert any(
        p.location.startswith("fixed_blocks[2]")
        and "overlaps fixed block 'comite.2026-12-09'" in p.message
        for p in problems
    ), problems


def test_the_occurrences_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Series that expand past MAX_OCCURRENCES blocks in all are refused, naming the series."""
    monkeypatch.setattr(recurrence, "MAX_OCCURRENCES", 4)
    (problem,) = bad({}).problems
    assert problem.location == "fixed_blocks[1]"
    assert "expand to more than 4 blocks" in problem.message


def test_the_documented_example_loads_as_documented() -> None:
    """docs/inputs.md's YAML: both weekly forms agree; the monthly and fortnightly dates hold."""
    text = (Path(__file__).parents[2] / "docs" / "inputs.md").read_text(encoding="utf-8")
    section = text.split("## Recurring fixed blocks", 1)[1]
    snippet = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    blocks = parse_yaml(snippet).data["fixed_blocks"]
    scenario = december(*blocks, granularity_minutes=60)
    assert dates(scenario, "comite") == dates(scenario, "debrief")
    assert D(2026, 12, 28) not in dates(scenario, "comite")
    assert dates(scenario, "revue") == [D(2027, 1, 5)]
    thursdays = [D(2026, 12, 10), D(2026, 12, 24), D(2027, 1, 7), D(2027, 1, 21)]
    assert dates(scenario, "point") == thursdays
