"""Properties of the levers and the advice on generated tiny scenarios, settled by the oracle."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from lever_helpers import FAST, assert_checked, assert_option_checked

from mission_planner import Policy, Scenario, Status, check
from mission_planner.levers import OPTIONS, Recommendation, advise, delegate, negotiate
from oracle import is_feasible, min_weighted_lateness
from strategies import small_scenarios_with_partner

PROPERTY = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ]
    )
}
FRENCH_DAY = re.compile(
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (\d{1,2})(?:er)? (\w+) (\d{4})"
)


def dump(scenario: Scenario) -> str:
    return scenario.model_dump_json(exclude_defaults=True)


def for_oracle(scenario: Scenario, policy: Policy) -> Scenario:
    """The scenario the oracle should search for ``policy`` (test-side, on its own)."""
    data = scenario.model_dump()
    for task in data["mission"]["tasks"]:
        if policy.dates == "asked":
            task["deadline"] = task["due"]
        elif policy.dates == "horizon":
            task["deadline"] = scenario.end
    if policy.roster == "none":
        data["mission"]["max_partners"] = 0
    if policy.max_tranches is not None:
        data["mission"]["max_tranches"] = policy.max_tranches
    data["weights"] = (policy.weights or scenario.weights).model_dump()
    return Scenario.model_validate(data)


@PROPERTY
@given(small_scenarios_with_partner())
def test_negotiate_is_alone_and_infeasible_only_when_true(scenario: Scenario):
    """Negotiate: the lead alone, checked under its policy; no plan only when none exists."""
    result = negotiate(scenario, **FAST, earliest=False, probes=False, sweep=False)
    assert_checked(scenario, result.plan, result.policy)
    if not result.plan.has_plan:
        assert result.plan.status is Status.INFEASIBLE, dump(scenario)
        assert not is_feasible(for_oracle(scenario, result.policy)), dump(scenario)
        return
    assert set(result.plan.schedule["resource"]) == {scenario.lead.id}, dump(scenario)
    best = min_weighted_lateness(for_oracle(scenario, result.policy))
    assert best is not None
    if result.plan.status is Status.OPTIMAL and result.policy.dates == "horizon":
        assert abs(result.total_weighted_extension - best) < 1e-6, dump(scenario)
    assert result.within_flexibility == bool(result.tasks["within_accepted"].all())


@PROPERTY
@given(small_scenarios_with_partner())
def test_delegate_keeps_every_day_asked(scenario: Scenario):
    """Delegate: a plan is on time and keeps the client's limits; none only when none exists."""
    result = delegate(scenario, **FAST)
    assert_checked(scenario, result.plan, result.policy)
    if result.plan.has_plan:
        assert result.plan.deliveries["on_time"].all(), dump(scenario)
        assert check(scenario, result.plan) == [], dump(scenario)
        assert abs(result.revenue - result.partner_fees - result.margin) < 1e-6
    else:
        assert not is_feasible(for_oracle(scenario, result.policy)), dump(scenario)


def quoted_days(line: str) -> set[dt.date]:
    """Every long French date written in ``line``."""
    return {
        dt.date(int(y), MONTHS[m], int(d)) for d, m, y in FRENCH_DAY.findall(line) if m in MONTHS
    }


@settings(PROPERTY, max_examples=12)
@given(small_scenarios_with_partner())
def test_advice_order_dates_and_check(scenario: Scenario):
    """The first option that holds is recommended; the message quotes only true dates per task.

    Every task line of the client message states the task's day asked and its delivery, and
    any date in it is the task's day asked, day accepted, planned delivery or proposed day;
    the recommended plan passes the checker under its policy, and against the client's own
    limits when the option keeps them.
    """
    advice = advise(scenario, **FAST, language="fr")
    holding = [name for name in OPTIONS if advice.options[name].holds]
    assert advice.best == (holding[0] if holding else None), dump(scenario)
    for option in advice.options.values():
        assert_option_checked(scenario, option)
    plan = advice.recommended_plan
    if plan is None:
        assert advice.recommendation in (Recommendation.DECLINE, Recommendation.UNDECIDED)
        if advice.recommendation is Recommendation.DECLINE:
            assert not is_feasible(for_oracle(scenario, advice.counter.policy)), dump(scenario)
        return
    assert check(scenario, plan, advice.recommended_policy) == [], dump(scenario)
    if advice.best in ("as_asked", "negotiate", "delegate"):
        assert check(scenario, plan) == [], dump(scenario)
    chosen = advice.chosen
    assert chosen is not None
    lines = advice.messages["fr"].splitlines()
    for row in chosen.tasks.to_dict("records"):
        mine = [line for line in lines if f"« {row['name']} »" in line]
        if len({t.name or t.id for t in scenario.mission.tasks}) < len(scenario.mission.tasks):
            continue  # two tasks share a name: lines cannot be told apart
        assert len(mine) >= 1, (row["name"], advice.message)
        days = set().union(*(quoted_days(line) for line in mine))
        asked, delivered = row["asked_day"].date(), row["delivery_day"].date()
        allowed = {asked, row["accepted_day"].date(), delivered}
        assert asked in days and delivered in days, (row, mine)
        assert days <= allowed, (days, allowed, mine)
