"""Shared helpers of the re-plan tests: solve with test settings and check every plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from mission_planner import PlanResult, Scenario, SolveSettings, check, plan
from mission_planner.checker import check_replan
from mission_planner.replanning import Replan, replan

DATA = Path(__file__).parent.parent / "data"
TINY = Scenario.from_file(DATA / "tiny.json")
TUESDAY = dt.date(2026, 12, 8)
FAST = SolveSettings(time_limit=5, seed=0, workers=1)


def planned(scenario: Scenario) -> PlanResult:
    """The first plan, with test settings, checked."""
    result = plan(scenario, settings=FAST)
    assert result.has_plan
    assert check(scenario, result) == []
    return result


def replanned(scenario: Scenario, previous: Any, **kw: Any) -> Replan:
    """A re-plan with test settings; its plan passes both checkers (plan and re-plan rules)."""
    kw.setdefault("settings", FAST)
    result = replan(scenario, previous, **kw)
    if result.has_plan:
        assert_valid(scenario, previous, result, hard=not kw.get("promises_may_move", False))
    return result


def assert_valid(scenario: Scenario, previous: Any, result: Replan, *, hard: bool = True) -> None:
    """Both checkers pass: the plan of the work left, and history / effort / promises."""
    violations = check(result.scenario_left, result.left, result.policy)
    totals = {item: sum(per.values()) for item, per in result.done.hours.items()}
    violations += check_replan(
        scenario, previous, result.plan, result.now, totals, result.promised if hard else {}
    )
    assert violations == [], "\n".join(map(str, violations))
