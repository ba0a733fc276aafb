"""The relaxed model's bound before the search, and the search stopping when a plan meets it."""

from __future__ import annotations

from pathlib import Path

from mission_planner import Status, check, plan, planner
from mission_planner.cpsat import solve
from mission_planner.cpsat.relaxation import relaxed_bound
from mission_planner.io import load_scenario
from mission_planner.problem import OBJECTIVE_SCALE, compile_problem

WEEKEND = Path(__file__).resolve().parents[1] / "data" / "bounds" / "weekend.yaml"


def test_relaxation_sees_the_weekend_lateness_and_two_chunks():
    """Weekend case: 66 h late x 1000 (real-time cut) + 2 chunks x 10 = 66,020, the optimum."""
    problem = compile_problem(load_scenario(WEEKEND))
    bound = relaxed_bound(problem, time_limit=10, seed=0, workers=1, work_limit=1.0)
    assert bound == 66_020 * OBJECTIVE_SCALE


def test_search_gets_the_floor_and_proves_the_plan_that_meets_it():
    """With the relaxed bound as a floor, the search proves the 66,020 plan optimal."""
    problem = compile_problem(load_scenario(WEEKEND))
    outcome = solve(
        problem, time_limit=10, seed=0, workers=1, params={"max_deterministic_time": 1.0}
    )
    assert outcome.floor == 66_020 * OBJECTIVE_SCALE
    assert outcome.status == "optimal" and outcome.objective == outcome.floor


def test_plan_meeting_the_relaxed_bound_is_proven_without_search(monkeypatch):
    """When the warm start meets the relaxed bound, plan() returns it OPTIMAL, no CP-SAT."""

    def no_search(*args: object, **kwargs: object) -> None:
        raise AssertionError("CP-SAT should not run: the plan is already proven")

    monkeypatch.setattr(planner, "solve", no_search)
    scenario = load_scenario(WEEKEND)
    result = plan(scenario, time_limit=10, seed=0, workers=1)
    assert check(scenario, result) == []
    assert result.status is Status.OPTIMAL and result.objective == 66_020
    assert result.bound == 66_020 and result.quality().startswith("Proven best")
