"""Plans of the scenario files of tests/data/schedule, by the planner and by the warm start."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from mission_planner import PlanResult, Scenario, check, plan
from mission_planner.frames import schedule_frame
from mission_planner.heuristics import dispatch
from mission_planner.plan_hint import verified
from mission_planner.problem import compile_problem

DATA = Path(__file__).resolve().parents[1] / "data" / "schedule"


def planned(name: str) -> tuple[Scenario, PlanResult]:
    """The file ``name`` and its plan (test settings), which passes the checker."""
    scenario = Scenario.from_file(DATA / name)
    result = plan(scenario, time_limit=10, seed=0, workers=1)
    assert result.has_plan
    assert check(scenario, result) == []
    return scenario, result


def warm_schedule(name: str) -> pd.DataFrame:
    """The schedule of the warm start alone on the file ``name``, checked."""
    problem = compile_problem(Scenario.from_file(DATA / name))
    solution = dispatch(problem)
    assert solution is not None
    assert verified(problem, solution)  # the checker finds nothing wrong
    return schedule_frame(problem, solution)
