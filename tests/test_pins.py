"""Pins in the scenario: a task's start, a person on a task, a partner's start day.

Each known answer is worked out by hand in the docstring; every plan goes through the checker,
and infeasible answers are confirmed by the exhaustive oracle.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from mission_planner import PlanResult, Scenario, SolveSettings, Status, check, plan
from oracle import is_feasible

DATA = Path(__file__).parent / "data"
FAST = SolveSettings(time_limit=5, seed=0, workers=1)


def pinned(name: str, *pins: dict[str, Any]) -> Scenario:
    """A bundled test scenario with ``pins`` added."""
    base = Scenario.from_file(DATA / name)
    return Scenario.model_validate({**base.model_dump(), "pins": list(pins)})


def solved(scenario: Scenario) -> PlanResult:
    """Plan with test settings; a plan passes the checker."""
    result = plan(scenario, settings=FAST)
    if result.has_plan:
        assert check(scenario, result) == []
    return result


def mission_rows(result: PlanResult, task: str) -> Any:
    schedule = result.schedule
    return schedule[(schedule["kind"] == "mission") & (schedule["task"] == task)]


def test_task_pinned_at_a_time_starts_then() -> None:
    """b pinned Tue 14:00 (after a's 4 h on Mon): b's first row starts Tue 14:00."""
    scenario = pinned("tiny.json", {"task": "b", "at": "2026-12-08T14:00"})
    result = solved(scenario)
    assert result.has_plan
    assert mission_rows(result, "b")["start"].min() == dt.datetime(2026, 12, 8, 14)


def two_mornings(*pins: dict[str, Any]) -> Scenario:
    """Tue 1 and Wed 2 Dec 2026, the lead on 09-13; a (2 h) then b (2 h), both due Wed."""
    mornings = {day: ["09:00-13:00"] for day in ("mon", "tue", "wed", "thu", "fri")}
    return Scenario.model_validate(
        {
            "start": "2026-12-01",
            "end": "2026-12-02",
            "lead": {"calendar": {"country": None, "working_hours": mornings}},
            "mission": {
                "client": "ACME",
                "tasks": [
                    {"id": "a", "effort_hours": 2, "due": "2026-12-02"},
                    {"id": "b", "effort_hours": 2, "due": "2026-12-02", "predecessors": ["a"]},
                ],
            },
            "pins": list(pins),
        }
    )


def test_task_pinned_before_its_predecessor_can_finish_is_infeasible() -> None:
    """b pinned Tue 09:00 but a (2 h) must come first, and nothing is before Tue 09:00."""
    scenario = two_mornings({"task": "b", "at": "2026-12-01T09:00"})
    assert solved(scenario).status is Status.INFEASIBLE
    assert not is_feasible(scenario)


def test_task_pinned_right_after_its_predecessor_is_feasible() -> None:
    """b pinned Tue 11:00: a on 09-11, b on 11-13 (the oracle agrees)."""
    scenario = two_mornings({"task": "b", "at": "2026-12-01T11:00"})
    result = solved(scenario)
    assert is_feasible(scenario)
    assert mission_rows(result, "b")["start"].min() == dt.datetime(2026, 12, 1, 11)


def test_task_pinned_to_a_person_is_theirs_alone() -> None:
    """b (data) may go to hugo or lea; pinned to hugo, every row of b is hugo's."""
    scenario = pinned("tiny_partners.json", {"task": "b", "person": "hugo"})
    result = solved(scenario)
    assert result.has_plan
    assert set(mission_rows(result, "b")["resource"]) == {"hugo"}


def test_person_pin_against_max_partners_is_infeasible() -> None:
    """b pinned to lea, c (cloud) only hugo can do, and max_partners is 1: no plan."""
    scenario = pinned("tiny_partners.json", {"task": "b", "person": "lea"})
    assert solved(scenario).status is Status.INFEASIBLE


def test_partner_pinned_start_day() -> None:
    """hugo pinned to start Thu 10: c (cloud, hugo only, 3 h, due Fri 11) is done Thu or Fri."""
    scenario = pinned("tiny_partners.json", {"partner": "hugo", "start": "2026-12-10"})
    result = solved(scenario)
    assert result.has_plan
    hugo = result.schedule[result.schedule["resource"] == "hugo"]
    assert hugo["start"].min() >= dt.datetime(2026, 12, 10)


def test_checker_flags_a_broken_pin() -> None:
    """A plan made without the pin, checked against a pin it does not keep, breaks rule pin."""
    free = solved(Scenario.from_file(DATA / "tiny.json"))
    start = mission_rows(free, "b")["start"].min()
    other = (start + dt.timedelta(days=1)).replace(hour=14).to_pydatetime()
    scenario = pinned("tiny.json", {"task": "b", "at": other.isoformat()})
    assert [v.rule for v in check(scenario, free)] == ["pin"]


@pytest.mark.parametrize(
    ("pin", "message"),
    [
        ({"task": "zz", "person": "lead"}, "task='zz' is not a task"),
        ({"task": "b", "at": "2026-12-08T14:30"}, "not on the 60-minute grid"),
        ({"task": "b", "at": "2027-01-08T14:00"}, "outside the horizon"),
        ({"task": "b"}, "give task with at"),
        ({"partner": "lead", "start": "2026-12-08"}, "partner='lead' is not a partner"),
    ],
)
def test_bad_pins_name_the_pin(pin: dict[str, Any], message: str) -> None:
    """A pin that cannot be read is refused, naming the pin, the field and the value."""
    with pytest.raises(ValueError, match=message):
        pinned("tiny.json", pin)
