"""Property: a re-plan after any disruption passes the checkers, and is infeasible only when it is.

Tiny generated scenarios of two or three days (some with pins) are planned, then re-planned
from their second day after a disruption (work done other than planned, more effort on a task,
promises hard or free to move, a stability weight). Every re-plan passes the independent
checker on the work left (pins, promises as delivery limits) and the re-plan rules (history,
effort left, promises). With the lead alone, an infeasible re-plan is confirmed by the
exhaustive oracle on the work left with the promises as deadlines.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from replan_helpers import FAST, assert_valid
from tests.oracle import is_feasible
from tests.strategies import (
    disruptions,
    pinned_scenarios,
    small_scenarios,
    small_scenarios_with_partner,
)

from mission_planner import Scenario, Status, plan
from mission_planner.replanning import ReplanError, replan
from mission_planner.scenario.mission import moment_end, moment_start

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@PROPERTY
@given(
    st.one_of(small_scenarios(), small_scenarios_with_partner(), pinned_scenarios()).filter(
        lambda s: s.end > s.start
    ),
    disruptions(),
)
def test_replan_after_a_disruption_is_valid(scenario: Scenario, change: dict[str, Any]) -> None:
    """Every re-plan passes both checkers; INFEASIBLE (lead alone) only when the oracle agrees."""
    previous = plan(scenario, settings=FAST)
    assume(previous.has_plan)
    now = scenario.start + dt.timedelta(days=1)
    moment = dt.datetime.combine(now, dt.time())
    before = previous.schedule[
        (previous.schedule["kind"] == "mission") & (previous.schedule["start"] < moment)
    ]
    done = None
    if change["done_share"] is not None:
        planned = before.groupby("task")["hours"].sum()
        done = {str(t): float(h) * change["done_share"] for t, h in planned.items()}
    now_scenario = _more_effort(scenario, change["more_hours"])
    try:
        result = replan(
            now_scenario,
            previous,
            now=now,
            done=done,
            settings=FAST,
            promises_may_move=change["may_move"],
            stability=change["stability"],
        )
    except ReplanError:
        assume(False)  # work left past a latest date, or nothing left: refused as input
        raise
    if result.has_plan:
        assert_valid(now_scenario, previous, result, hard=not change["may_move"])
    elif result.left.status is Status.INFEASIBLE and not scenario.partners:
        assert not is_feasible(_promised_as_deadlines(result.scenario_left, result.promised))


def _more_effort(scenario: Scenario, hours: int) -> Scenario:
    """The scenario with ``hours`` more effort on its first task."""
    if not hours:
        return scenario
    data = scenario.model_dump()
    first = data["mission"]["tasks"][0]
    first["effort_hours"] += hours
    return Scenario.model_validate(data)


def _promised_as_deadlines(scenario: Scenario, promised: dict[str, dt.datetime]) -> Scenario:
    """The work left with each promise as the task's deadline (and due date if earlier)."""
    data = scenario.model_dump()
    for task in data["mission"]["tasks"]:
        promise = promised.get(task["id"])
        if promise is None:
            continue
        latest = min(moment_end(task.get("deadline") or task["due"]), promise)
        task["deadline"] = latest
        if moment_end(task["due"]) > latest:
            task["due"] = latest
        release = task.get("release")
        if release is not None and moment_start(release) > latest:
            task["release"] = latest
    return Scenario.model_validate(data)
