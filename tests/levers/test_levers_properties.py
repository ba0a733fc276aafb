"""Properties of the levers on generated tiny scenarios, settled by the exhaustive oracle."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from lever_helpers import FAST, assert_checked

from mission_planner import Scenario, Status
from mission_planner.levers import OPTIONS, advise, delegate, negotiate, spread
from mission_planner.levers.negotiate import negotiation_scenario
from mission_planner.levers.spread import spread_scenario
from mission_planner.scenario.mission import moment_end
from oracle import is_feasible, min_weighted_lateness
from strategies import small_scenarios_with_partner

PROPERTY = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def dump(scenario: Scenario) -> str:
    return scenario.model_dump_json(exclude_defaults=True)


@PROPERTY
@given(small_scenarios_with_partner())
def test_negotiate_is_minimal_and_alone(scenario: Scenario):
    """Negotiate never uses partners, and its extension equals the exhaustive minimum."""
    result = negotiate(scenario, **FAST, earliest=False, probes=False, sweep=False)
    assert_checked(result.scenario, result.plan)
    variant = negotiation_scenario(scenario)
    best = min_weighted_lateness(variant)
    if not result.plan.has_plan:
        assert result.plan.status is Status.INFEASIBLE, dump(scenario)
        assert best is None, dump(scenario)
        return
    assert set(result.plan.schedule["resource"]) == {scenario.lead.id}, dump(scenario)
    assert best is not None
    lateness = result.total_weighted_extension
    assert lateness >= best - 1e-6, dump(scenario)
    if result.plan.status is Status.OPTIMAL:
        assert abs(lateness - best) < 1e-6, f"{lateness} != {best}\n{dump(scenario)}"
    within = bool((result.tasks["commit"] <= result.tasks["client_deadline"]).all())
    assert result.within_flexibility == within


@PROPERTY
@given(small_scenarios_with_partner())
def test_delegate_never_moves_a_due_date(scenario: Scenario):
    """Delegate's deadlines are the dues; a plan is on time; no plan only when none exists."""
    result = delegate(scenario, **FAST)
    for task in result.scenario.mission.tasks:
        assert moment_end(task.latest) == moment_end(task.due)
    assert_checked(result.scenario, result.plan)
    if result.plan.has_plan:
        assert result.plan.deliveries["on_time"].all(), dump(scenario)
        assert result.revenue == result.partner_fees + result.margin
    else:
        assert not is_feasible(result.scenario), dump(scenario)


@settings(PROPERTY, max_examples=15)
@given(small_scenarios_with_partner())
def test_spread_within_deadlines_and_minimal(scenario: Scenario):
    """Spread stays within the client's deadlines, the lead alone, with the minimal shift."""
    result = spread(scenario, **FAST, parallel=1)
    assert_checked(result.scenario, result.plan)
    for analysis in result.analyses:
        assert_checked(analysis.scenario, analysis.plan)
    best = min_weighted_lateness(spread_scenario(scenario))
    if not result.plan.has_plan:
        assert best is None, dump(scenario)
        return
    assert set(result.plan.schedule["resource"]) == {scenario.lead.id}
    assert (result.tasks["delivery"] <= result.tasks["client_deadline"]).all()
    assert best is not None and result.total_weighted_shift >= best - 1e-6
    if result.plan.status is Status.OPTIMAL:
        assert abs(result.total_weighted_shift - best) < 1e-6, dump(scenario)


@settings(PROPERTY, max_examples=12)
@given(small_scenarios_with_partner())
def test_best_mix_never_worse_than_a_single_lever(scenario: Scenario):
    """Under the policy, the mix is at least as good as each option, and every plan checks."""
    advice = advise(scenario, **FAST, language="en", parallel=1)
    mix = advice.options["mix"]
    for name in OPTIONS:
        option = advice.options[name]
        assert_checked(option.scenario, option.plan)
        assert mix.key()[:-1] <= option.key()[:-1], f"{name}\n{dump(scenario)}"
    if advice.best is not None:
        assert advice.chosen is not None and advice.chosen.within_limits
    else:
        assert not any(o.within_limits for o in advice.options.values())
