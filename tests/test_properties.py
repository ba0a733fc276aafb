"""Properties of ``plan`` on generated tiny scenarios, settled by the exhaustive oracle."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mission_planner import PlanResult, Scenario, Status, Weights, check, plan
from mission_planner.policy import Policy
from oracle import is_feasible, min_weighted_lateness
from strategies import pinned_scenarios, small_scenarios, small_scenarios_with_partner

LATENESS_ONLY = Weights(lateness=1, partner_cost=0, coordination=0, fragmentation=0, overtime=0)

PROPERTY = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

any_scenario = st.one_of(small_scenarios(), small_scenarios_with_partner())


def solve(scenario: Scenario) -> PlanResult:
    """Plan with the test settings; every plan returned must pass the independent checker."""
    result = plan(scenario, time_limit=5, seed=0, workers=1)
    if result.has_plan:
        violations = check(scenario, result)
        assert violations == [], (
            f"{result.status.value} plan violates {violations}\n{dump(scenario)}"
        )
    return result


def dump(scenario: Scenario) -> str:
    """The scenario as compact JSON, to reproduce a failure."""
    return scenario.model_dump_json(exclude_defaults=True)


@PROPERTY
@given(small_scenarios())
def test_lead_alone_plans_valid_and_infeasible_iff_oracle(scenario: Scenario):
    """Lead alone: plans pass the checker; INFEASIBLE exactly when exhaustive search agrees."""
    _assert_status_matches_oracle(scenario)


@PROPERTY
@given(small_scenarios_with_partner())
def test_with_partner_plans_valid_and_infeasible_iff_oracle(scenario: Scenario):
    """With a partner: plans pass the checker; INFEASIBLE exactly when exhaustive search agrees."""
    _assert_status_matches_oracle(scenario)


def _assert_status_matches_oracle(scenario: Scenario) -> None:
    result = solve(scenario)
    assert result.status is not Status.UNKNOWN, f"UNKNOWN on a tiny scenario\n{dump(scenario)}"
    feasible = is_feasible(scenario)
    assert (result.status is Status.INFEASIBLE) == (not feasible), (
        f"planner {result.status.value}, oracle {'feasible' if feasible else 'infeasible'}\n"
        f"{dump(scenario)}"
    )


@settings(PROPERTY, max_examples=40)
@given(any_scenario.map(lambda s: _with_weights(s, LATENESS_ONLY)))
def test_optimal_lateness_matches_oracle(scenario: Scenario):
    """With lateness the only objective term, no plan beats the oracle and OPTIMAL equals it."""
    result = solve(scenario)
    if not result.has_plan:
        return
    best = min_weighted_lateness(scenario)
    assert best is not None, dump(scenario)
    lateness = result.objective_terms["lateness"]
    assert lateness >= best - 1e-6, f"lateness {lateness} < optimum {best}\n{dump(scenario)}"
    if result.status is Status.OPTIMAL:
        assert lateness == pytest.approx(best), f"optimum {best}\n{dump(scenario)}"


@settings(PROPERTY, max_examples=30)
@given(
    any_scenario.filter(lambda s: bool(s.opportunities)),
    st.sampled_from(("ignore", "expected", "all")),
)
def test_opportunity_policies_plan_valid_and_infeasible_iff_oracle(scenario: Scenario, rule: Any):
    """Under each treatment of opportunities: plans pass the checker told the policy, and
    INFEASIBLE exactly when exhaustive search with the reserved work agrees."""
    policy = Policy(opportunities=rule)
    result = plan(scenario, policy=policy, time_limit=5, seed=0, workers=1)
    assert result.status is not Status.UNKNOWN, f"UNKNOWN on a tiny scenario\n{dump(scenario)}"
    if result.has_plan:
        violations = check(scenario, result, policy)
        assert violations == [], f"{rule}: plan violates {violations}\n{dump(scenario)}"
    feasible = is_feasible(scenario, rule)
    assert (result.status is Status.INFEASIBLE) == (not feasible), (
        f"{rule}: planner {result.status.value}, oracle "
        f"{'feasible' if feasible else 'infeasible'}\n{dump(scenario)}"
    )


@settings(PROPERTY, max_examples=15)
@given(any_scenario)
def test_same_seed_gives_same_schedule(scenario: Scenario):
    """Two solves with the same seed and one worker give the same schedule."""
    first, second = solve(scenario), solve(scenario)
    assert first.status == second.status, dump(scenario)
    pd.testing.assert_frame_equal(first.schedule, second.schedule, obj=dump(scenario))


# ---------------------------------------------------------------------- counterexamples found
def _one_day(lead_hours: str, partner: dict[str, Any], task: dict[str, Any]) -> Scenario:
    """Tue 1 Dec 2026 only: the lead and one partner on the given hours, one task due that day."""

    def week(hours: str) -> dict[str, list[str]]:
        return {d: [hours] for d in ("mon", "tue", "wed", "thu", "fri")}

    partner = {"id": "p1", "day_rate": 400, **partner}
    partner["calendar"] = {"country": None, "working_hours": week(partner.pop("hours"))}
    return Scenario.model_validate(
        {
            "start": "2026-12-01",
            "end": "2026-12-01",
            "lead": {"calendar": {"country": None, "working_hours": week(lead_hours)}},
            "partners": [partner],
            "mission": {"client": "ACME", "tasks": [{"id": "t1", "due": "2026-12-01", **task}]},
        }
    )


def test_single_chunk_longer_than_anyones_day_is_infeasible():
    """A 4 h one-chunk task, lead free 3 h and partner 2 h: INFEASIBLE, not a crash."""
    scenario = _one_day(
        "09:00-12:00", {"hours": "08:00-10:00"}, {"effort_hours": 4, "min_session_hours": 3}
    )
    assert not is_feasible(scenario)
    assert solve(scenario).status is Status.INFEASIBLE


def test_off_grid_partner_cap_is_not_rounded_up():
    """max_hours=1.5 on a 60-minute grid allows one partner slot: 3 + 1 h cannot hold 5 h."""
    scenario = _one_day(
        "09:00-12:00",
        {"hours": "09:00-13:00", "max_hours": 1.5},
        {"effort_hours": 5, "min_session_hours": 1},
    )
    assert not is_feasible(scenario)
    assert solve(scenario).status is Status.INFEASIBLE


def _with_weights(scenario: Scenario, weights: Weights) -> Scenario:
    """The scenario with other objective weights, validated again."""
    data = scenario.model_dump()
    data["weights"] = weights.model_dump()
    return Scenario.model_validate(data)


@PROPERTY
@given(pinned_scenarios())
def test_pinned_plans_valid_and_infeasible_iff_oracle(scenario: Scenario):
    """With pins: plans keep them (checker); INFEASIBLE exactly when exhaustive search agrees."""
    _assert_status_matches_oracle(scenario)
