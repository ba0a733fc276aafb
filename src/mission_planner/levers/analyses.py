"""Negotiation analyses: what each task could reach alone, which commitments bind, what a date buys.

Each analysis is one solve of the client's scenario inside the negotiate call's budget:

* **earliest alone** (policy) — a task's earliest delivery if it alone mattered: its lateness
  counted from its release with urgency 1, every other task's urgency 0, any date allowed;
* **binding probes** — the plan again with one of the lead's own commitments removed (a fixed
  block, an engagement, a time off: what-ifs that change the world, so a changed scenario) or
  one task's target moved to the day the client accepts (policy), and whether other tasks
  then come earlier;
* **sweep** (policy) — for each late task, "if the client's real limit were day D" for a few
  working days D between the day asked and the planned delivery.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from mission_planner.levers.solving import LATENESS_FIRST, Solved, frame
from mission_planner.levers.tables import task_table, weighted_lateness
from mission_planner.policy import Policy
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.workdays import WorkingDays, day_named, day_of, midnight

EARLIEST_COLUMNS = {"task": "string", "earliest_alone": "datetime64[ns]"}
"""Columns of the earliest-alone table."""

BINDING_COLUMNS = {
    "kind": "string",
    "subject": "string",
    "change": "string",
    "status": "string",
    "weighted_lateness": "float64",
    "gain": "float64",
    "earlier_tasks": "string",
    "binding": "bool",
}
"""Columns of the probes table (``gain``: weighted lateness saved, the probed task left out)."""

SWEEP_COLUMNS = {
    "task": "string",
    "limit_if": "datetime64[ns]",
    "status": "string",
    "feasible": "bool",
    "weighted_lateness": "float64",
    "extra_weighted_lateness": "float64",
    "delivery": "datetime64[ns]",
    "later_tasks": "string",
}
"""Columns of the sweep table: per late task and candidate day (the day's 00:00)."""


@dataclass(frozen=True)
class Analysis:
    """One analysis solve: kind, subject, the job to solve and what it changes in words."""

    kind: str
    subject: str
    job: tuple[str, Policy] | tuple[str, Policy, Scenario]
    change: str = ""
    day: dt.date | None = None


def earliest_jobs(scenario: Scenario) -> list[Analysis]:
    """Per task: only it matters, from its release, any date, as many deliveries as tasks."""
    tasks = scenario.mission.tasks
    out = []
    for task in tasks:
        start = task.release if task.release is not None else scenario.start
        policy = Policy(
            dates="horizon",
            roster="none",
            weights=LATENESS_FIRST,
            max_tranches=max(len(tasks), scenario.mission.max_tranches),
            targets={task.id: start},
            urgency={t.id: int(t.id == task.id) for t in tasks},
        )
        out.append(Analysis("earliest", task.id, (f"earliest alone: {task.id}", policy)))
    return out


def probe_jobs(
    scenario: Scenario, policy: Policy, baseline: PlanResult, most: int
) -> list[Analysis]:
    """Commitments before the last late delivery removed one at a time, then targets moved."""
    tasks = task_table(scenario, baseline)
    late = tasks[~tasks["on_time"]]
    if late.empty:
        return []
    last = day_of(pd.Timestamp(late["delivery"].max()))
    dated: list[tuple[dt.date, Analysis]] = []
    for block in scenario.fixed_blocks:
        if block.date <= last:
            world = _without(scenario, "fixed_blocks", block.id)
            change = f"without {block.title or block.id} on {block.date:%a %d %b}"
            dated.append(
                (block.date, Analysis("fixed_block", block.id, (change, policy, world), change))
            )
    for eng in scenario.engagements:
        if eng.earliest_start <= last:
            world = _without(scenario, "engagements", eng.id)
            change = f"without engagement {eng.id} ({eng.effort_hours:g} h by {eng.deadline})"
            dated.append(
                (
                    eng.earliest_start,
                    Analysis("engagement", eng.id, (change, policy, world), change),
                )
            )
    for i, off in enumerate(scenario.lead.calendar.time_off):
        if off.start <= last:
            world = _without_time_off(scenario, i)
            change = f"without time off {off.start}..{off.end}"
            subject = off.reason or f"time_off[{i}]"
            dated.append(
                (off.start, Analysis("time_off", subject, (change, policy, world), change))
            )
    dated.sort(key=lambda pair: pair[0])
    out = [a for _, a in dated]
    for task in scenario.mission.tasks:
        if task.deadline is not None and day_named(task.deadline) > day_named(task.due):
            change = f"{task.id} counted late only after {task.deadline}"
            moved = policy.model_copy(
                update={"targets": {**policy.targets, task.id: task.deadline}}
            )
            out.append(Analysis("target", task.id, (change, moved), change))
    return out[:most]


def sweep_jobs(
    scenario: Scenario, policy: Policy, baseline: PlanResult, points: int
) -> list[Analysis]:
    """For each late task: a hard limit a few working days before its planned delivery."""
    working = WorkingDays.of(scenario)
    out = []
    for t in task_table(scenario, baseline, working).to_dict("records"):
        if t["on_time"]:
            continue
        asked, delivered = pd.Timestamp(t["asked_day"]).date(), day_of(t["delivery"])
        days = [d for d in working.days if asked <= d < delivered]
        for day in _evenly(days, points):
            rule = dict(policy.dates) if isinstance(policy.dates, dict) else {}
            limits = {**rule, str(t["task"]): day}
            change = f"{t['task']} by {day}"
            moved = policy.model_copy(update={"dates": limits})
            out.append(Analysis("sweep", str(t["task"]), (change, moved), change, day))
    return out


def earliest_table(analyses: Sequence[Analysis], solved: Sequence[Solved | None]) -> pd.DataFrame:
    """Each task's earliest delivery alone (only solved ones)."""
    rows: list[dict[str, object]] = []
    for a, s in zip(analyses, solved, strict=True):
        if a.kind != "earliest" or s is None or not s.plan.has_plan:
            continue
        mine = s.plan.deliveries[s.plan.deliveries["task"] == a.subject]
        rows.append({"task": a.subject, "earliest_alone": pd.Timestamp(mine["delivery"].iloc[0])})
    return frame(rows, EARLIEST_COLUMNS)


def binding_table(
    scenario: Scenario,
    baseline: PlanResult,
    analyses: Sequence[Analysis],
    solved: Sequence[Solved | None],
) -> pd.DataFrame:
    """Each probe's gain in weighted lateness (the probed task left out for a target probe)."""
    rows: list[dict[str, object]] = []
    for a, s in zip(analyses, solved, strict=True):
        if a.kind in ("earliest", "sweep") or s is None:
            continue
        leave_out = a.subject if a.kind == "target" else None
        before = _lateness(scenario, baseline, leave_out)
        if s.plan.has_plan:
            after = _lateness(scenario, s.plan, leave_out)
            earlier = _moved(scenario, baseline, s.plan, earlier=True, leave_out=leave_out)
        else:
            after, earlier = float("nan"), ""
        rows.append(
            {
                "kind": a.kind,
                "subject": a.subject,
                "change": a.change,
                "status": s.plan.status.value,
                "weighted_lateness": after,
                "gain": before - after,
                "earlier_tasks": earlier,
                "binding": bool(s.plan.has_plan and before - after > 1e-6),
            }
        )
    return frame(rows, BINDING_COLUMNS)


def sweep_table(
    scenario: Scenario,
    baseline: PlanResult,
    analyses: Sequence[Analysis],
    solved: Sequence[Solved | None],
) -> pd.DataFrame:
    """Per late task and candidate day: what that limit would cost the other tasks."""
    rows: list[dict[str, object]] = []
    base = _lateness(scenario, baseline)
    for a, s in zip(analyses, solved, strict=True):
        if a.kind != "sweep" or s is None or a.day is None:
            continue
        row: dict[str, object] = {
            "task": a.subject,
            "limit_if": midnight(a.day),
            "status": s.plan.status.value,
            "feasible": s.plan.has_plan,
            "weighted_lateness": float("nan"),
            "extra_weighted_lateness": float("nan"),
            "delivery": pd.NaT,
            "later_tasks": "",
        }
        if s.plan.has_plan:
            total = _lateness(scenario, s.plan)
            mine = s.plan.deliveries[s.plan.deliveries["task"] == a.subject]
            row.update(
                weighted_lateness=total,
                extra_weighted_lateness=total - base,
                delivery=pd.Timestamp(mine["delivery"].iloc[0]),
                later_tasks=_moved(scenario, baseline, s.plan, earlier=False),
            )
        rows.append(row)
    return frame(rows, SWEEP_COLUMNS)


# ---------------------------------------------------------------------- helpers
def _lateness(scenario: Scenario, result: PlanResult, leave_out: str | None = None) -> float:
    tasks = task_table(scenario, result)
    if leave_out is not None:
        tasks = tasks[tasks["task"] != leave_out]
    return weighted_lateness(tasks)


def _moved(
    scenario: Scenario,
    before: PlanResult,
    after: PlanResult,
    *,
    earlier: bool,
    leave_out: str | None = None,
) -> str:
    """Tasks delivered earlier (or later) in ``after``: ``task -2 wd`` (or ``-3 h``)."""
    working = WorkingDays.of(scenario)
    old = {
        str(r["task"]): pd.Timestamp(r["delivery"]) for r in before.deliveries.to_dict("records")
    }
    parts = []
    for r in after.deliveries.to_dict("records"):
        task, new = str(r["task"]), pd.Timestamp(r["delivery"])
        if task == leave_out or task not in old or new == old[task]:
            continue
        if (new < old[task]) != earlier:
            continue
        a, b = sorted((new, old[task]))
        days = working.between(a, b)
        amount = f"{days} wd" if days else f"{(b - a) / pd.Timedelta(hours=1):g} h"
        parts.append(f"{task} {'-' if earlier else '+'}{amount}")
    return ",".join(parts)


def _without(scenario: Scenario, field: str, ident: str) -> Scenario:
    """``scenario`` without the fixed block or engagement ``ident`` (validated again)."""
    data = scenario.model_dump()
    data[field] = [item for item in data[field] if item["id"] != ident]
    return Scenario.model_validate(data)


def _without_time_off(scenario: Scenario, index: int) -> Scenario:
    """``scenario`` without the lead's ``time_off[index]`` (validated again)."""
    data = scenario.model_dump()
    offs = list(data["lead"]["calendar"]["time_off"])
    del offs[index]
    data["lead"] = {**data["lead"], "calendar": {**data["lead"]["calendar"], "time_off": offs}}
    return Scenario.model_validate(data)


def _evenly(days: list[dt.date], points: int) -> list[dt.date]:
    """Up to ``points`` days evenly spread over ``days``, the first one always included."""
    if len(days) <= points:
        return list(days)
    if points <= 1:
        return days[:1]
    step = (len(days) - 1) / (points - 1)
    return sorted({days[round(i * step)] for i in range(points)})


__all__ = [
    "BINDING_COLUMNS",
    "EARLIEST_COLUMNS",
    "SWEEP_COLUMNS",
    "Analysis",
    "binding_table",
    "earliest_jobs",
    "earliest_table",
    "probe_jobs",
    "sweep_jobs",
    "sweep_table",
]
