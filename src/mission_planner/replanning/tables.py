"""A plan's tables split at ``now`` and joined back: the part still to do, and the whole.

:func:`future_part` is the previous plan after ``now`` (tranches renumbered from 1), read by
the solver as the warm start and the baseline of change. :func:`whole_plan` is the re-plan
with its history in front: the history's rows, the tasks finished before ``now`` and the
tranches delivered by then keep their numbers; the new plan's tranches and chunks follow.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from mission_planner.baseline import Baseline, BaselineWork, Stability
from mission_planner.contract import JOB_KINDS
from mission_planner.result import PlanResult


def delivered(previous: PlanResult, now: dt.datetime, left: set[str]) -> pd.DataFrame:
    """The previous plan's tranches delivered by ``now`` with none of their tasks ``left``.

    A tranche whose date has passed but one of whose tasks still has work left was not
    delivered: it is delivered again, later, by the re-plan.
    """
    tranches = previous.tranches
    deliveries = previous.deliveries
    open_ = set(deliveries.loc[deliveries["task"].isin(left), "tranche"].astype(int))
    past = pd.to_datetime(tranches["delivery"]) <= pd.Timestamp(now)
    return tranches[past & ~tranches["tranche"].astype(int).isin(open_)]


def future_part(previous: PlanResult, now: dt.datetime, tasks: set[str]) -> PlanResult:
    """The previous plan's work after ``now`` on the ``tasks`` left (and other work rows).

    A row across ``now`` keeps its part after ``now``. Only the deliveries of ``tasks`` are
    kept, with the tranches after ``now`` numbered from 1.
    """
    moment = pd.Timestamp(now)
    schedule = previous.schedule[previous.schedule["end"] > moment].copy()
    early = schedule["start"] < moment
    schedule.loc[early, "start"] = moment
    schedule["hours"] = (schedule["end"] - schedule["start"]).dt.total_seconds() / 3600
    done = delivered(previous, now, tasks)
    tranches = previous.tranches[~previous.tranches["tranche"].isin(done["tranche"])]
    numbers = {int(n): i + 1 for i, n in enumerate(sorted(tranches["tranche"]))}
    deliveries = previous.deliveries[previous.deliveries["task"].isin(tasks)].copy()
    deliveries = deliveries[deliveries["tranche"].isin(list(numbers))]
    deliveries["tranche"] = deliveries["tranche"].map(numbers).astype("int64")
    tranches = tranches.copy()
    tranches["tranche"] = tranches["tranche"].map(numbers).astype("int64")
    schedule["tranche"] = schedule["tranche"].map(numbers).astype("Int64")
    return dataclasses.replace(
        previous,
        schedule=schedule.reset_index(drop=True),
        deliveries=deliveries.reset_index(drop=True),
        tranches=tranches.reset_index(drop=True),
    )


def baseline_of(future: PlanResult, stability: Stability) -> Baseline:
    """The previous plan's future work and deliveries as the re-plan's :class:`Baseline`."""
    rows = future.schedule[future.schedule["kind"].isin(JOB_KINDS)]
    work = tuple(
        BaselineWork(
            task=str(r["task"]),
            person=str(r["resource"]),
            start=pd.Timestamp(r["start"]).to_pydatetime(),
            end=pd.Timestamp(r["end"]).to_pydatetime(),
        )
        for r in rows.to_dict("records")
    )
    deliveries = {
        str(t): pd.Timestamp(d).to_pydatetime()
        for t, d in zip(future.deliveries["task"], future.deliveries["delivery"], strict=True)
    }
    return Baseline(work=work, deliveries=deliveries, stability=stability)


def whole_plan(
    previous: PlanResult, history: pd.DataFrame, plan: PlanResult, now: dt.datetime
) -> PlanResult:
    """``plan`` (from ``now``) with the history and the tranches already delivered in front."""
    left = set(plan.deliveries["task"].astype(str))
    past = delivered(previous, now, left)
    offset = len(past)
    done = previous.deliveries[~previous.deliveries["task"].isin(left)]
    deliveries = plan.deliveries.copy()
    deliveries["tranche"] = deliveries["tranche"] + offset
    tranches = plan.tranches.copy()
    tranches["tranche"] = tranches["tranche"] + offset
    schedule = plan.schedule.copy()
    schedule["tranche"] = schedule["tranche"] + offset
    last_chunk = history.groupby("task")["chunk"].max()
    shift = schedule["task"].map(last_chunk).fillna(0).astype("Int64")
    schedule["chunk"] = schedule["chunk"] + shift
    return dataclasses.replace(
        plan,
        schedule=_joined(history, schedule, ["start", "resource"]),
        deliveries=_joined(done, deliveries, ["tranche", "task"]),
        tranches=_joined(past, tranches, ["tranche"]),
    )


def _joined(first: pd.DataFrame, second: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """Rows of both tables with ``second``'s dtypes, sorted by ``order``."""
    if first.empty:
        return second.reset_index(drop=True)
    joined = pd.concat([first.astype(second.dtypes.to_dict()), second], ignore_index=True)
    return joined.sort_values(order, kind="stable").reset_index(drop=True)


__all__ = ["baseline_of", "delivered", "future_part", "whole_plan"]
