"""Missions not yet won: each policy's effect on the plan, and the checker told the policy.

``tests/data/opportunities/one_week.yaml``: the lead works 8 h a day, Mon 7 to Fri 11 Dec
2026; task "audit" (24 h) is asked for Wednesday, accepted until Friday; opportunity "bid"
(16 h, probability 0.5) would take the lead's time Monday to Wednesday, in sessions of 4 h.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from mission_planner import PlanResult, Policy, Scenario, Status, check, plan
from mission_planner.contract import OPPORTUNITY
from mission_planner.problem import compile_problem
from mission_planner.scenario import read_mapping

DATA = Path(__file__).parent / "data" / "opportunities"


def one_week() -> Scenario:
    """The scenario of this module's docstring."""
    return Scenario.from_file(DATA / "one_week.yaml")


def solve(scenario: Scenario, policy: Policy) -> PlanResult:
    """Plan under ``policy``; a plan must pass the checker told the same policy."""
    result = plan(scenario, policy=policy, time_limit=5, seed=0, workers=1)
    if result.has_plan:
        assert check(scenario, result, policy) == []
    return result


def reserved_hours(result: PlanResult) -> float:
    """Hours of the schedule's rows of kind ``opportunity``."""
    rows = result.schedule[result.schedule["kind"] == OPPORTUNITY]
    return float(rows["hours"].sum())


@pytest.mark.parametrize(
    ("rule", "hours", "delivered", "late_days"),
    [
        # nothing reserved: 24 h Mon-Wed, delivered Wednesday evening, on time
        ("ignore", 0.0, dt.datetime(2026, 12, 9, 18), 0),
        # 0.5 x 16 h = 8 h by Wednesday: 16 h of audit by Wednesday, 8 h on Thursday
        ("expected", 8.0, dt.datetime(2026, 12, 10, 18), 1),
        # 16 h by Wednesday: 8 h of audit by Wednesday, 16 h on Thursday and Friday
        ("all", 16.0, dt.datetime(2026, 12, 11, 18), 2),
    ],
)
def test_each_policy_reserves_its_share_and_delays_the_mission(
    rule: str, hours: float, delivered: dt.datetime, late_days: int
) -> None:
    """ignore / expected / all reserve 0 / 8 / 16 h of the lead's Mon-Wed; audit slips 0-2 days."""
    result = solve(one_week(), Policy(opportunities=rule))  # type: ignore[arg-type]
    assert result.has_plan
    assert reserved_hours(result) == hours
    work = result.schedule[result.schedule["kind"] == OPPORTUNITY]
    assert (work["resource"] == "lead").all()
    assert (work["end"] <= pd.Timestamp("2026-12-10")).all()  # inside the window
    row = result.deliveries.iloc[0]
    assert row["delivery"] == pd.Timestamp(delivered)
    assert row["lateness_working_days"] == late_days


def test_reserved_time_is_committed_in_the_load_table() -> None:
    """The load table counts reserved opportunity hours as committed, not as mission work."""
    result = solve(one_week(), Policy(opportunities="all"))
    lead = result.load[result.load["resource"] == "lead"]
    assert lead["committed"].sum() == 16.0
    assert lead["planned"].sum() == 24.0


def test_all_reserved_and_the_day_asked_is_infeasible() -> None:
    """All 16 h reserved Mon-Wed leave 24 h free for 40 h of work by Wednesday: no plan."""
    result = solve(one_week(), Policy(opportunities="all", dates="asked"))
    assert result.status is Status.INFEASIBLE


@pytest.mark.parametrize(
    ("probability", "effort", "step", "expected"),
    [
        (0.5, 16, 60, 8.0),  # exact
        (0.25, 6, 60, 2.0),  # 1.5 h: a half step rounds up
        (0.2, 2, 60, 0.0),  # 0.4 h rounds to nothing: no job
        (0.35, 10, 30, 3.5),  # on a 30-minute grid
        (0.3, 4, 30, 1.0),  # 1.2 h to the nearest half hour
    ],
)
def test_expected_load_is_probability_times_effort_on_the_grid(
    probability: float, effort: float, step: int, expected: float
) -> None:
    """'expected' reserves probability x effort, to the nearest step (halves up; zero: none)."""
    data = read_mapping(DATA / "one_week.yaml")
    data["granularity_minutes"] = step
    data["opportunities"][0] |= {
        "probability": probability,
        "effort_hours": effort,
        "min_session_hours": 1,
    }
    scenario = Scenario.model_validate(data)
    policy = Policy(opportunities="expected")
    reserved = dict((o.id, h) for o, h in policy.reserved(scenario))
    assert reserved.get("bid", 0.0) == expected
    jobs = [j for j in compile_problem(scenario, policy).jobs if j.kind == "opportunity"]
    assert [j.effort * step / 60 for j in jobs] == ([expected] if expected else [])


def test_a_mapping_treats_each_opportunity_on_its_own() -> None:
    """{bid: all} reserves bid in full; an opportunity left out of the mapping is ignored."""
    scenario = one_week()
    assert Policy(opportunities={"bid": "all"}).reserved(scenario)[0][1] == 16.0
    assert Policy(opportunities={}).reserved(scenario) == []
    with pytest.raises(ValueError, match=r"opportunities names unknown opportunity\(ies\) \['x'\]"):
        compile_problem(scenario, Policy(opportunities={"x": "all"}))


@pytest.mark.parametrize(
    ("made", "checked", "found"), [("ignore", "expected", 0), ("expected", "all", 8)]
)
def test_checker_rejects_a_plan_that_ignores_the_reserved_work(
    made: str, checked: str, found: int
) -> None:
    """A plan that reserves less than the policy checked is rejected: the effort is short."""
    scenario = one_week()
    result = solve(scenario, Policy(opportunities=made))  # type: ignore[arg-type]
    violations = check(scenario, result, Policy(opportunities=checked))  # type: ignore[arg-type]
    assert [(v.rule, v.subject) for v in violations] == [("effort", "opportunity bid")]
    assert f"{found} h scheduled" in violations[0].message


def test_checker_rejects_reserved_work_the_policy_does_not_reserve() -> None:
    """Rows of an opportunity under a policy that ignores it are flagged."""
    scenario = one_week()
    result = solve(scenario, Policy(opportunities="all"))
    violations = check(scenario, result)
    assert [(v.rule, v.message) for v in violations] == [
        ("effort", "is not reserved under the policy checked")
    ]


def test_checker_rejects_reserved_work_outside_its_window() -> None:
    """Reserved work moved to Thursday (after the opportunity's deadline) breaks the rule."""
    scenario = one_week()
    policy = Policy(opportunities="all")
    result = solve(scenario, policy)
    schedule = result.schedule.copy()
    rows = schedule.index[schedule["kind"] == OPPORTUNITY]
    day = pd.Timedelta(days=3)
    first = rows[0]
    for column in ("date", "start", "end"):  # to Thursday or beyond: outside Mon-Wed
        schedule.loc[first, column] = schedule.loc[first, column] + day
    violations = check(scenario, replace(result, schedule=schedule), policy)
    assert ("engagement", "opportunity bid") in {(v.rule, v.subject) for v in violations}
