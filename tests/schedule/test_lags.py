"""Lags between tasks and the mission's notice period (tests/data/schedule/lags_and_notice.yaml).

Call on Mon 7 Dec, two working days' notice: nothing before Wed 9 Dec. Workshop Wed
09:00-12:00 at the earliest; interviews one working day (8 h of the lead's working time: Wed
12-13, 14-18, Thu 9-12) after it ends: Thu 12:00 at the earliest; synthesis 4 calendar hours
after the interviews start.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from tests.test_checker import FakeResult

from mission_planner import PlanResult, Scenario, check, plan
from mission_planner.frames import delivery_frame, schedule_frame, tranche_frame
from mission_planner.heuristics import dispatch
from mission_planner.plan_hint import verified
from mission_planner.problem import compile_problem

SCENARIO = Path(__file__).resolve().parents[1] / "data" / "schedule" / "lags_and_notice.yaml"
WED = pd.Timestamp("2026-12-09 00:00")
THU_NOON = pd.Timestamp("2026-12-10 12:00")


def first_start(schedule: pd.DataFrame, task: str) -> pd.Timestamp:
    """When ``task``'s first row starts."""
    return schedule[schedule["task"] == task]["start"].min()


def last_end(schedule: pd.DataFrame, task: str) -> pd.Timestamp:
    """When ``task``'s last row ends."""
    return schedule[schedule["task"] == task]["end"].max()


def assert_timing(schedule: pd.DataFrame) -> None:
    """Notice, the working lag and the start-to-start lag of the file hold in ``schedule``."""
    assert first_start(schedule, "workshop") >= WED
    assert last_end(schedule, "workshop") >= pd.Timestamp("2026-12-09 12:00")
    assert first_start(schedule, "interviews") >= THU_NOON
    interviews = first_start(schedule, "interviews")
    assert first_start(schedule, "synthesis") >= interviews + pd.Timedelta(hours=4)


def planned() -> tuple[Scenario, PlanResult]:
    """The file and its plan (valid)."""
    scenario = Scenario.from_file(SCENARIO)
    result = plan(scenario, time_limit=10, seed=0, workers=1)
    assert result.has_plan
    assert check(scenario, result) == []
    return scenario, result


def test_lags_and_notice_hold() -> None:
    """The plan keeps the notice period and both lags."""
    _, result = planned()
    assert_timing(result.schedule)


def test_warm_start_keeps_lags_and_notice() -> None:
    """The warm start starts the interviews exactly one working day after the workshop."""
    problem = compile_problem(Scenario.from_file(SCENARIO))
    solution = dispatch(problem)
    assert solution is not None
    assert verified(problem, solution)
    schedule = schedule_frame(problem, solution)
    assert_timing(schedule)
    assert first_start(schedule, "workshop") == pd.Timestamp("2026-12-09 09:00")
    assert first_start(schedule, "interviews") == THU_NOON


def moved(result: PlanResult, task: str, hours: float) -> FakeResult:
    """``result`` with every row of ``task`` moved by ``hours`` (same day, same length)."""
    schedule = result.schedule.copy()
    rows = schedule["task"] == task
    for column in ("start", "end"):
        schedule.loc[rows, column] += pd.Timedelta(hours=hours)
    return FakeResult(schedule, result.deliveries, result.tranches)


def timing_faults(scenario: Scenario, tables: FakeResult) -> list[str]:
    """Messages of the ``timing`` rule."""
    return [v.message for v in check(scenario, tables) if v.rule == "timing"]


def edited(scenario: Scenario, **mission: Any) -> Scenario:
    """``scenario`` with mission fields or task lags replaced."""
    data = scenario.model_dump()
    lags = mission.pop("lags", None)
    data["mission"].update(mission)
    if lags is not None:
        for t in data["mission"]["tasks"]:
            t["lags"] = lags.get(t["id"], [])
    return Scenario.model_validate(data)


def test_checker_rejects_work_within_the_notice() -> None:
    """A plan moved to start two days earlier breaks the notice; without notice it does not."""
    scenario, result = planned()
    early = result.schedule.copy()
    early[["date", "start", "end"]] -= pd.Timedelta(days=2)
    tables = FakeResult(early, result.deliveries, result.tranches)
    faults = timing_faults(scenario, tables)
    assert faults and all("within the notice period of 2 working days" in f for f in faults)
    assert timing_faults(edited(scenario, notice_days=0, lags={}), tables) == []


def test_checker_rejects_a_broken_lag() -> None:
    """The synthesis moved to start with the interviews breaks its start-to-start lag."""
    scenario, result = planned()
    gap = first_start(result.schedule, "synthesis") - first_start(result.schedule, "interviews")
    tables = moved(result, "synthesis", -gap / pd.Timedelta(hours=1))
    faults = timing_faults(scenario, tables)
    assert len(faults) == 1 and "4 h calendar lag after 'interviews' starts" in faults[0]
    keep = {"interviews": [{"task": "workshop", "hours": 8}]}
    assert timing_faults(edited(scenario, lags=keep), tables) == []


def test_checker_counts_a_working_lag_in_working_hours() -> None:
    """Interviews moved to Thu 09:00 start 21 calendar hours but only 5 working hours (Wed
    12-13 and 14-18) after the workshop: the 1-day working lag is broken."""
    scenario = Scenario.from_file(SCENARIO)
    problem = compile_problem(scenario)
    solution = dispatch(problem)
    assert solution is not None
    tables = FakeResult(
        schedule_frame(problem, solution),
        delivery_frame(problem, solution),
        tranche_frame(problem, solution),
    )
    assert timing_faults(scenario, tables) == []
    rows = tables.schedule["task"] == "interviews"
    tables.schedule.loc[rows, ["start", "end"]] -= pd.Timedelta(hours=3)
    assert timing_faults(scenario, tables) == [
        "lead starts it Thu 10 Dec 09:00, 5 working hours of lead into its 8 h working lag "
        "after 'workshop' finishes (Wed 09 Dec 12:00)"
    ]
