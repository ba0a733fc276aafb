"""Every bound the planner reports is valid: never above the best plan (issue 15)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mission_planner import Scenario, Weights
from mission_planner.cpsat import solve
from mission_planner.heuristics import dispatch
from mission_planner.problem import OBJECTIVE_SCALE, compile_problem
from mission_planner.solution import evaluate
from oracle import SearchTooLargeError, min_weighted_lateness
from strategies import small_scenarios, small_scenarios_with_partner

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `benchmarks` is a top-level package of the repository
    sys.path.insert(0, str(ROOT))

from benchmarks import generators  # noqa: E402

LATENESS_ONLY = Weights(lateness=1, partner_cost=0, coordination=0, fragmentation=0, overtime=0)
WORK_LIMIT = {"max_deterministic_time": 2.0}
"""CP-SAT's work limit here: the bound checked does not depend on the machine's speed."""


def _with_weights(scenario: Scenario, weights: Weights) -> Scenario:
    data = scenario.model_dump()
    data["weights"] = weights.model_dump()
    return Scenario.model_validate(data)


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.one_of(small_scenarios(), small_scenarios_with_partner()).map(
        lambda s: _with_weights(s, LATENESS_ONLY)
    )
)
def test_bound_never_exceeds_the_oracle_optimum(scenario: Scenario):
    """With lateness the only term, CP-SAT's raw bound is at most the oracle's optimum."""
    problem = compile_problem(scenario)
    outcome = solve(problem, time_limit=30, seed=0, workers=1, params=WORK_LIMIT)
    if outcome.bound is None:
        return
    try:
        best = min_weighted_lateness(scenario)
    except SearchTooLargeError:
        return
    dump = scenario.model_dump_json(exclude_defaults=True)
    assert best is not None, f"bound {outcome.bound} on an infeasible scenario\n{dump}"
    # the objective is lateness_per_slot x urgency x slots late: 60 x hours late per urgency
    assert outcome.bound / OBJECTIVE_SCALE <= best + 1e-6, f"optimum {best}\n{dump}"


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_bound_never_exceeds_a_plan_on_the_s_suite(seed: int):
    """On S scenarios the raw bound is at most the dispatch plan and the searched plan."""
    problem = compile_problem(generators.generate("S", seed))
    outcome = solve(problem, time_limit=30, seed=0, workers=1, params=WORK_LIMIT)
    assert outcome.bound is not None and outcome.objective is not None
    rules = dispatch(problem)
    assert rules is not None
    assert outcome.bound <= evaluate(problem, rules).scaled_objective
    assert outcome.bound <= outcome.objective
