"""Infeasibility proven fast (issue 15): the checks before search are sound, and every tiny
scenario the exhaustive oracle calls infeasible is answered INFEASIBLE, whatever the clock."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.oracle import SearchTooLargeError, is_feasible
from tests.strategies import small_scenarios, small_scenarios_with_partner

from mission_planner import Scenario, Status, plan
from mission_planner.diagnosis import find_causes
from mission_planner.problem import compile_problem

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
DETERMINISTIC_LIMIT = {"max_deterministic_time": 5.0}
"""CP-SAT's work limit in the property: the outcome does not depend on the machine's speed."""

any_scenario = st.one_of(small_scenarios(), small_scenarios_with_partner())


def dump(scenario: Scenario) -> str:
    """The scenario as compact JSON, to reproduce a failure."""
    return scenario.model_dump_json(exclude_defaults=True)


def feasible(scenario: Scenario) -> bool | None:
    """The oracle's answer, or None when the scenario is too large to enumerate."""
    try:
        return is_feasible(scenario)
    except SearchTooLargeError:
        return None


@settings(PROPERTY, max_examples=150)
@given(any_scenario)
def test_causes_found_before_search_only_for_infeasible_scenarios(scenario: Scenario):
    """Every scenario the necessary conditions call infeasible is infeasible per the oracle."""
    causes = find_causes(compile_problem(scenario))
    if causes:
        assert feasible(scenario) is not True, f"{causes}\n{dump(scenario)}"


@PROPERTY
@given(any_scenario)
def test_oracle_infeasible_is_answered_infeasible_under_a_work_limit(scenario: Scenario):
    """A tiny scenario the oracle calls infeasible is INFEASIBLE, by the checks or by CP-SAT
    under a deterministic work limit (never UNKNOWN), and comes with at least one cause."""
    if feasible(scenario) is not False:
        return
    result = plan(scenario, time_limit=60, seed=0, workers=1, solver_params=DETERMINISTIC_LIMIT)
    assert result.status is Status.INFEASIBLE, dump(scenario)
    assert len(result.causes) >= 1 and result.explanation, dump(scenario)
    assert "undecided" not in set(result.causes["kind"]), dump(scenario)
