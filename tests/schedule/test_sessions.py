"""Session rules: a session stays within a day, in its window, no longer than allowed.

Each rule is pinned three ways: the planner keeps it on a scenario file of
``tests/data/schedule/``, the warm start keeps it, and the checker rejects a hand-made plan
that breaks it (and accepts the same plan when the task allows it).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from tests.test_checker import FakeResult

from mission_planner import PlanResult, Scenario, check, plan
from mission_planner.frames import schedule_frame
from mission_planner.heuristics import dispatch
from mission_planner.plan_hint import verified
from mission_planner.problem import compile_problem

DATA = Path(__file__).resolve().parents[1] / "data" / "schedule"


def load(name: str) -> Scenario:
    """A scenario file of ``tests/data/schedule``."""
    return Scenario.from_file(DATA / name)


def solved(scenario: Scenario) -> PlanResult:
    """Plan with test settings; the plan passes the checker."""
    result = plan(scenario, time_limit=10, seed=0, workers=1)
    assert result.has_plan
    assert check(scenario, result) == []
    return result


def rows(result: PlanResult, task: str) -> pd.DataFrame:
    """Schedule rows of ``task``."""
    return result.schedule[result.schedule["task"] == task]


def with_rows(result: PlanResult, task: str, spans: list[tuple[str, str]]) -> FakeResult:
    """``result`` with ``task``'s rows replaced by one chunk on ``spans`` (start, end)."""
    schedule = result.schedule
    template = rows(result, task).iloc[0]
    new = []
    for start, end in spans:
        row: dict[str, Any] = template.to_dict()
        a, b = pd.Timestamp(start), pd.Timestamp(end)
        row.update(date=a.normalize(), start=a, end=b, hours=(b - a) / pd.Timedelta(hours=1))
        row.update(chunk=0)
        new.append(row)
    kept = schedule[schedule["task"] != task]
    edited = pd.concat([kept, pd.DataFrame(new).astype(schedule.dtypes.to_dict())])
    return FakeResult(edited.reset_index(drop=True), result.deliveries, result.tranches)


@cache
def planned() -> PlanResult:
    """The restitution file planned once (valid plan)."""
    return solved(load("unsplittable_restitution.yaml"))


def restitution_on(*spans: tuple[str, str]) -> FakeResult:
    """The planned result with the restitution moved to ``spans`` (one session)."""
    return with_rows(planned(), "restitution", list(spans))


def session_faults(scenario: Scenario, tables: FakeResult) -> list[str]:
    """Messages of the ``session`` rule for ``tables``."""
    return [v.message for v in check(scenario, tables) if v.rule == "session"]


def relaxed(scenario: Scenario, task: str, **fields: Any) -> Scenario:
    """``scenario`` with ``task``'s fields changed (re-validated)."""
    data = scenario.model_dump()
    for t in data["mission"]["tasks"]:
        if t["id"] == task:
            t.update(fields)
    return Scenario.model_validate(data)


def test_non_splittable_three_hours_never_cross_a_night() -> None:
    """After 6.5 h of prep on Monday (till 16:30), the 3 h restitution runs Tue 09:00-12:00,
    not Mon 16:30-18:00 plus Tue 09:00-10:30."""
    scenario = load("unsplittable_restitution.yaml")
    result = solved(scenario)
    work = rows(result, "restitution")
    assert work["start"].dt.date.nunique() == 1
    assert work["start"].min() == pd.Timestamp("2026-12-08 09:00")
    assert work["end"].max() == pd.Timestamp("2026-12-08 12:00")


def test_warm_start_keeps_the_session_within_a_day() -> None:
    """The warm start alone never cuts the restitution across the night either."""
    scenario = load("unsplittable_restitution.yaml")
    problem = compile_problem(scenario)
    solution = dispatch(problem)
    assert solution is not None
    assert verified(problem, solution)  # the checker finds nothing wrong
    schedule = schedule_frame(problem, solution)
    work = schedule[schedule["task"] == "restitution"]
    assert work["start"].dt.date.nunique() == 1


def test_checker_rejects_a_session_across_a_night() -> None:
    """Mon 16:30-18:00 + Tue 09:00-10:30 as one 3 h session breaks the rule, unless the task
    lets its sessions cross nights."""
    scenario = load("unsplittable_restitution.yaml")
    crossing = restitution_on(
        ("2026-12-07 16:30", "2026-12-07 18:00"), ("2026-12-08 09:00", "2026-12-08 10:30")
    )
    faults = session_faults(scenario, crossing)
    assert len(faults) == 1 and "runs over 2 days" in faults[0]
    assert (
        session_faults(relaxed(scenario, "restitution", session_crosses="nights"), crossing) == []
    )


def test_checker_rejects_a_session_outside_its_window() -> None:
    """A mornings-only (09:00-12:30) task worked 13:30-16:30 breaks its window."""
    scenario = relaxed(
        load("unsplittable_restitution.yaml"), "restitution", session_window="09:00-12:30"
    )
    result = solved(scenario)
    assert rows(result, "restitution")["end"].dt.hour.max() <= 12
    afternoon = with_rows(result, "restitution", [("2026-12-08 13:30", "2026-12-08 16:30")])
    faults = session_faults(scenario, afternoon)
    assert faults and all("outside 09:00-12:30" in f for f in faults)
    assert session_faults(relaxed(scenario, "restitution", session_window=None), afternoon) == []


def test_checker_rejects_a_broken_or_too_long_session() -> None:
    """A session over lunch breaks ``crosses: nothing``; 3 h breaks ``max_session_hours: 2``."""
    scenario = load("unsplittable_restitution.yaml")
    lunch = restitution_on(
        ("2026-12-08 11:00", "2026-12-08 12:30"), ("2026-12-08 13:30", "2026-12-08 15:00")
    )
    assert session_faults(scenario, lunch) == []
    unbroken = relaxed(scenario, "restitution", session_crosses="nothing")
    assert any("resumes at" in f for f in session_faults(unbroken, lunch))
    capped = relaxed(scenario, "restitution", splittable=True, max_chunks=2, max_session_hours=2)
    assert any("more than 2 h" in f for f in session_faults(capped, lunch))


@pytest.mark.parametrize("crosses", ["nothing", "breaks"])
def test_planner_keeps_unbroken_and_windowed_sessions(crosses: str) -> None:
    """Planned with the rule, every session of the restitution keeps it (the checker says so),
    and an unbroken one is a single row."""
    scenario = relaxed(
        load("unsplittable_restitution.yaml"), "restitution", session_crosses=crosses
    )
    result = solved(scenario)
    if crosses == "nothing":
        assert len(rows(result, "restitution")) == 1
