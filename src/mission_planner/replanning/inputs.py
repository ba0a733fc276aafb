"""What a re-plan starts from: history, work done, the work left, promises and the rules.

:func:`replan_inputs` reads the previous plan at ``now`` (the history before it, the work
done, the scenario of the work left, the previous plan's part after ``now``) and the rules of
the solve: the promises, the partners kicked off and followed up before ``now``, and the
roster when the history's partners already reach ``max_partners``. The change terms
(:class:`~mission_planner.baseline.Baseline`) are added by :func:`~.run.replan`; a cold plan
of the same work (``benchmarks``) uses the rules as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mission_planner.contract import COORDINATION, FOLLOW_UP, KICKOFF, MISSION, coordination_of
from mission_planner.policy import Policy
from mission_planner.replanning.history import Done, WorkDone, cut, instant, trimmed, work_done
from mission_planner.replanning.remaining import (
    Promises,
    WorkLeft,
    promise_policy,
    work_left,
)
from mission_planner.replanning.tables import future_part
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario


@dataclass(frozen=True)
class ReplanInputs:
    """The history, the work done and left, the previous plan after ``now``, and the rules."""

    now: dt.datetime
    history: pd.DataFrame
    done: WorkDone
    work: WorkLeft
    future: PlanResult
    rules: Policy
    """The policy of the work left, without the change terms."""


def replan_inputs(
    scenario: Scenario,
    previous: PlanResult,
    now: dt.date | dt.datetime | str,
    done: Done | None = None,
    policy: Policy | None = None,
    promises: Promises = "previous",
    *,
    promises_may_move: bool = False,
) -> ReplanInputs:
    """Read ``previous`` at ``now`` (see :func:`~mission_planner.replanning.replan`)."""
    moment = instant(now)
    if not isinstance(previous, PlanResult):
        raise ValueError(f"replan: previous is a {type(previous).__name__}, not a PlanResult")
    if not previous.has_plan:
        raise ValueError(f"replan: previous.status={previous.status.value!r} holds no plan")
    planned = cut(previous.schedule, moment)
    hours = work_done(scenario, planned, done)
    work = work_left(scenario, previous, moment, hours, promises)
    history = trimmed(planned, _done_on_grid(scenario, work.scenario))
    future = future_part(previous, moment, {t.id for t in work.scenario.mission.tasks})
    rules = promise_policy(work, policy, promises_may_move)
    rules = rules.model_copy(
        update={
            "kicked_off": _kicked_off(history, {p.id for p in scenario.partners}),
            "coordinated_before": _coordinated_before(history, scenario.lead.id),
            **_partner_cap(scenario, rules, history),
        }
    )
    return ReplanInputs(moment, history, hours, work, future, rules)


def _done_on_grid(scenario: Scenario, left: Scenario) -> dict[str, float]:
    """Per task and engagement, its effort less the work left (the hours done, on the grid)."""
    rest = {t.id: t.effort_hours for t in left.mission.tasks}
    rest |= {e.id: e.effort_hours for e in left.engagements}
    items = [(t.id, t.effort_hours) for t in scenario.mission.tasks]
    items += [(e.id, e.effort_hours) for e in scenario.engagements]
    return {item: effort - rest.get(item, 0.0) for item, effort in items}


def _kicked_off(history: pd.DataFrame, partners: set[str]) -> tuple[str, ...]:
    """Partners whose kick-off with the lead is in the history."""
    rows = history[history["kind"] == COORDINATION]["task"].astype(str)
    kicked = {coordination_of(t)[1] for t in rows if coordination_of(t)[0] == KICKOFF}
    return tuple(sorted(kicked & partners))


def _coordinated_before(history: pd.DataFrame, lead: str) -> dict[str, tuple[float, float]]:
    """Per partner with mission work before now: hours delegated and hours of follow-up."""
    work = history[(history["kind"] == MISSION) & (history["resource"] != lead)]
    delegated = work.groupby("resource")["hours"].sum()
    done: dict[str, float] = {}
    for row in history[history["kind"] == COORDINATION].to_dict("records"):
        role, partner = coordination_of(str(row["task"]))
        if role == FOLLOW_UP:
            done[partner] = done.get(partner, 0.0) + float(row["hours"])
    return {str(p): (float(h), float(done.get(str(p), 0.0))) for p, h in delegated.items() if h > 0}


def _partner_cap(scenario: Scenario, rules: Policy, history: pd.DataFrame) -> dict[str, Any]:
    """The roster left when the partners of the history already reach ``max_partners``.

    Those partners may go on working; no other may start. Below the cap the work left may
    take up to the cap again (the whole plan may then count more partners than the cap).
    """
    cap = rules.partners_cap_for(scenario)
    lead = scenario.lead.id
    worked = history[(history["kind"] == MISSION) & (history["resource"] != lead)]
    partners = sorted(set(worked["resource"].astype(str)))
    if cap is None or len(partners) < cap:
        return {}
    allowed = tuple(p for p in partners if rules.allows(scenario, p))
    return {"roster": allowed}


__all__ = ["ReplanInputs", "replan_inputs"]
