"""Negotiate ("play for time"): the lead alone, and the smallest extensions that fit the mission.

The lead works alone (no partner) and every task's deadline is moved to the horizon's last
day; the planner then minimises the urgency-weighted extensions (lateness first, chunks and
overtime only break ties). Each task's and tranche's delivery in that plan is the date the lead
can commit to; an extension past the client's own deadline is reported as such
(``within_flexibility`` False) — it is something to ask for, not something the client already
accepts.

Analyses (each a solve of ``analysis_time_limit`` seconds, all within ``analysis_budget``):

* **earliest alone** — for each task, the earliest it can be delivered if it alone mattered
  (its urgency 1, every other task's 0, delivered on its own);
* **binding probes** — re-plan with one commitment removed (a fixed block, an engagement, a
  time off) or one due moved to the client's deadline, and see which frees earlier deliveries;
* **sweep** — for each late tranche, "if the client's real deadline for this tranche were X"
  for a few working days X between its asked date and the date we can commit to.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

import pandas as pd

from mission_planner.levers import messages
from mission_planner.levers._common import (
    DEFAULT_PARALLEL,
    LATENESS_FIRST,
    Budget,
    Settings,
    asked_instant,
    calendar_days_between,
    day_of,
    deadline_instant,
    empty_plan,
    frame,
    lead_skill_gaps,
    lead_working_days,
    midnight,
    solve,
    solve_all,
    working_days_between,
)
from mission_planner.levers.variants import (
    deadlines_at_horizon,
    lead_alone,
    with_max_tranches,
    with_task_fields,
    with_weights,
    without_engagement,
    without_fixed_block,
    without_time_off,
)
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.scenario.mission import moment_end, moment_start

TASK_COLUMNS = {
    "task": "string",
    "name": "string",
    "tranche": "int64",
    "urgency": "int64",
    "asked": "datetime64[ns]",
    "client_deadline": "datetime64[ns]",
    "earliest_alone": "datetime64[ns]",
    "commit": "datetime64[ns]",
    "commit_day": "datetime64[ns]",
    "extension_hours": "float64",
    "extension_working_days": "int64",
    "extension_calendar_days": "int64",
    "beyond_deadline_working_days": "int64",
    "within_flexibility": "bool",
}
"""Columns of :attr:`NegotiationResult.tasks`, one row per task (see the class)."""

TRANCHE_COLUMNS = {
    "tranche": "int64",
    "tasks": "string",
    "asked": "datetime64[ns]",
    "client_deadline": "datetime64[ns]",
    "earliest_possible": "datetime64[ns]",
    "commit": "datetime64[ns]",
    "commit_day": "datetime64[ns]",
    "extension_working_days": "int64",
    "extension_calendar_days": "int64",
    "within_flexibility": "bool",
}
"""Columns of :attr:`NegotiationResult.tranches`."""

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
"""Columns of :attr:`NegotiationResult.binding`."""

SWEEP_COLUMNS = {
    "tranche": "int64",
    "tasks": "string",
    "deadline_if": "datetime64[ns]",
    "status": "string",
    "feasible": "bool",
    "weighted_lateness": "float64",
    "extra_weighted_lateness": "float64",
    "delivery": "datetime64[ns]",
    "later_tasks": "string",
}
"""Columns of :attr:`NegotiationResult.sweep`."""

BRIEF_COLUMNS = {
    "item": "string",
    "id": "string",
    "asked_day": "datetime64[ns]",
    "commit_day": "datetime64[ns]",
    "extension_working_days": "int64",
    "within_flexibility": "bool",
}
"""Columns of :attr:`NegotiationResult.brief`."""


@dataclass(frozen=True)
class AnalysisPlan:
    """A plan solved during an analysis, with the scenario variant that produced it."""

    label: str
    scenario: Scenario
    plan: PlanResult


@dataclass(frozen=True)
class NegotiationResult:
    """What the lead alone can commit to, and what to ask the client.

    Attributes
    ----------
    scenario
        The variant planned: lead alone (``max_partners = 0``), every deadline at the horizon's
        end, weights :data:`~mission_planner.levers._common.LATENESS_FIRST`.
    plan
        Its plan (``check(scenario, plan) == []``).
    tasks
        One row per task: ``task``, ``name``, ``tranche``, ``urgency``; ``asked`` (due instant),
        ``client_deadline`` (the original deadline instant); ``earliest_alone`` (earliest
        delivery if this task alone mattered; NaT when not computed); ``commit`` (delivery
        instant in the plan) and ``commit_day`` (its day, at 00:00); ``extension_hours``
        (calendar hours past due), ``extension_working_days`` and ``extension_calendar_days``
        (days after the asked day); ``beyond_deadline_working_days`` (lead's working days past
        the client's deadline; 0 when within); ``within_flexibility`` (commit <= deadline).
    tranches
        One row per tranche: ``tranche``, ``tasks``, ``asked`` (earliest due),
        ``client_deadline`` (earliest deadline), ``earliest_possible`` (the latest of its
        tasks' ``earliest_alone``: a lower bound, NaT when not computed), ``commit``,
        ``commit_day``, ``extension_working_days``, ``extension_calendar_days``,
        ``within_flexibility`` (every task of the tranche within).
    binding
        One row per probe: ``kind`` (``fixed_block``, ``engagement``, ``time_off``, ``due``),
        ``subject``, ``change`` (in words), ``status`` of the re-plan, ``weighted_lateness``
        (urgency x hours past the original dues, the moved task left out for a ``due`` probe),
        ``gain`` (baseline minus that), ``earlier_tasks`` ("task -N wd", comma-joined),
        ``binding`` (gain > 0).
    sweep
        One row per (late tranche, candidate date): ``tranche``, ``tasks``, ``deadline_if``
        (end of the candidate day), ``status`` of the re-plan (``infeasible`` is proven,
        ``unknown`` means no plan found in time), ``feasible``, ``weighted_lateness`` of the
        whole plan,
        ``extra_weighted_lateness`` (vs the baseline), ``delivery`` of the tranche's tasks,
        ``later_tasks`` (other tasks delivered later than in the baseline).
    brief
        The negotiation brief: ``item`` (``task`` / ``tranche``), ``id``, ``asked_day``,
        ``commit_day``, ``extension_working_days``, ``within_flexibility``.
    text
        The brief in words, to read before calling the client back.
    explanation
        Why there is no plan, or which analyses the time budget cut.
    analyses
        Every analysis plan with its scenario variant (for checking and inspection).
    runtime
        Seconds for the whole call.
    """

    scenario: Scenario
    plan: PlanResult
    tasks: pd.DataFrame
    tranches: pd.DataFrame
    binding: pd.DataFrame
    sweep: pd.DataFrame
    brief: pd.DataFrame
    text: str
    explanation: list[str] = field(default_factory=list)
    analyses: tuple[AnalysisPlan, ...] = ()
    runtime: float = 0.0

    @property
    def feasible(self) -> bool:
        """True when the lead alone can do the mission by the horizon's end."""
        return self.plan.has_plan

    @property
    def within_flexibility(self) -> bool:
        """True when every task's committed date is within the client's deadline."""
        return self.feasible and bool(self.tasks["within_flexibility"].all())

    @property
    def total_weighted_extension(self) -> float:
        """Sum over tasks of urgency x hours past due (the minimised term)."""
        return float(self.plan.objective_terms.get("lateness", float("nan")))

    @property
    def total_extension_working_days(self) -> int:
        """Sum over tasks of working days past due."""
        return int(self.tasks["extension_working_days"].sum())

    @property
    def beyond_flexibility(self) -> pd.DataFrame:
        """Tasks whose committed date is past the client's deadline."""
        return self.tasks[~self.tasks["within_flexibility"]]


def negotiate(
    scenario: Scenario,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    workers: int = 2,
    earliest: bool = True,
    probes: bool = True,
    sweep: bool = True,
    sweep_points: int = 3,
    max_probes: int = 12,
    analysis_time_limit: float | None = None,
    analysis_budget: float | None = None,
    parallel: int = DEFAULT_PARALLEL,
    language: str = "en",
) -> NegotiationResult:
    """Plan the lead alone with any extension allowed, and prepare the negotiation.

    Parameters
    ----------
    scenario
        The scenario as given (never modified); its partners are ignored.
    time_limit, seed, workers
        Settings of the main solve (see :func:`mission_planner.plan`).
    earliest, probes, sweep
        Which analyses to run (see the module docstring).
    sweep_points
        Candidate dates per late tranche in the sweep.
    max_probes
        Most binding probes (commitments in date order, then dues).
    analysis_time_limit, analysis_budget
        Seconds per analysis solve (default ``min(2, time_limit)``) and for all of them
        (default ``3 * time_limit``); analyses beyond the budget are skipped and said so.
    parallel
        Analysis solves run at once (threads).
    language
        ``"en"`` or ``"fr"``, for :attr:`NegotiationResult.text`.

    Returns
    -------
    NegotiationResult
        The plan, the tables and the brief.
    """
    started = time.perf_counter()
    messages.check_language(language)
    if sweep_points < 1 or max_probes < 0:
        raise ValueError(
            f"negotiate: sweep_points={sweep_points} must be >= 1 and max_probes={max_probes} >= 0"
        )
    settings = Settings(time_limit, seed, workers, analysis_time_limit, analysis_budget, parallel)
    variant = negotiation_scenario(scenario)
    unable = lead_skill_gaps(scenario)
    if unable:
        return _no_plan(scenario, variant, settings, started, language, unable)
    result = solve(variant, settings)
    if not result.has_plan:
        why = [messages.no_fit_by_horizon(scenario, language), *result.explanation]
        return _build(scenario, variant, result, started, language, explanation=why)

    budget = Budget(settings.budget)
    late = float(result.objective_terms.get("lateness", 0.0)) > 0
    jobs: list[_Job] = []
    if earliest:
        jobs += _earliest_jobs(variant)
    if sweep and late:
        jobs += _sweep_jobs(scenario, variant, result, sweep_points)
    if probes and late:
        jobs += _probe_jobs(scenario, variant, result, max_probes)
    solved = solve_all(
        [(j.label, j.scenario) for j in jobs], settings, settings.per_analysis, budget
    )
    analyses: list[AnalysisPlan] = []
    earliest_at: dict[str, pd.Timestamp] = {}
    binding_rows: list[dict[str, object]] = []
    sweep_rows: list[dict[str, object]] = []
    for job, outcome in zip(jobs, solved, strict=True):
        if outcome is None:
            continue
        analyses.append(AnalysisPlan(job.label, job.scenario, outcome[2]))
        if job.kind == "earliest":
            found = _earliest_row(job, outcome[2])
            if found is not None:
                earliest_at[job.subject] = found
        elif job.kind == "sweep":
            sweep_rows.append(_sweep_row(scenario, result, job, outcome[2]))
        else:
            binding_rows.append(_probe_row(scenario, result, job, outcome[2]))
    notes = []
    swept = frame(sweep_rows, SWEEP_COLUMNS)
    if (swept["feasible"] & (swept["extra_weighted_lateness"] < -1e-6)).any():
        notes.append(messages.better_plan_in_sweep(language))
    if budget.skipped:
        notes.append(messages.skipped_analyses(budget.skipped, settings.budget, language))
    return _build(
        scenario,
        variant,
        result,
        started,
        language,
        explanation=notes,
        earliest_at=earliest_at,
        binding_rows=binding_rows,
        sweep_rows=sweep_rows,
        analyses=analyses,
    )


def negotiation_scenario(scenario: Scenario) -> Scenario:
    """The variant negotiate plans: lead alone, deadlines at the horizon end, lateness first."""
    return with_weights(deadlines_at_horizon(lead_alone(scenario)), LATENESS_FIRST)


# ---------------------------------------------------------------------- tables
def task_rows(
    original: Scenario,
    result: PlanResult,
    earliest_at: dict[str, pd.Timestamp] | None = None,
) -> pd.DataFrame:
    """The :data:`TASK_COLUMNS` table of a plan, measured against ``original``'s dates."""
    working = lead_working_days(original)
    rows: list[dict[str, object]] = []
    for d in result.deliveries.to_dict("records"):
        task = original.task(str(d["task"]))
        asked = asked_instant(original, task.id)
        limit = deadline_instant(original, task.id)
        commit = pd.Timestamp(d["delivery"])
        rows.append(
            {
                "task": task.id,
                "name": task.name,
                "tranche": int(d["tranche"]),
                "urgency": task.urgency,
                "asked": asked,
                "client_deadline": limit,
                "earliest_alone": (earliest_at or {}).get(task.id, pd.NaT),
                "commit": commit,
                "commit_day": midnight(day_of(commit)),
                "extension_hours": max(0.0, (commit - asked) / pd.Timedelta(hours=1)),
                "extension_working_days": working_days_between(working, asked, commit),
                "extension_calendar_days": calendar_days_between(asked, commit),
                "beyond_deadline_working_days": working_days_between(working, limit, commit),
                "within_flexibility": commit <= limit,
            }
        )
    return frame(rows, TASK_COLUMNS)


def tranche_rows(original: Scenario, tasks: pd.DataFrame) -> pd.DataFrame:
    """The :data:`TRANCHE_COLUMNS` table, from a :data:`TASK_COLUMNS` table."""
    working = lead_working_days(original)
    rows: list[dict[str, object]] = []
    for number, group in tasks.groupby("tranche", sort=True):
        asked = pd.Timestamp(group["asked"].min())
        commit = pd.Timestamp(group["commit"].max())
        earliest = group["earliest_alone"]
        rows.append(
            {
                "tranche": int(str(number)),
                "tasks": ",".join(group["task"].astype(str)),
                "asked": asked,
                "client_deadline": pd.Timestamp(group["client_deadline"].min()),
                "earliest_possible": pd.NaT if earliest.isna().any() else earliest.max(),
                "commit": commit,
                "commit_day": midnight(day_of(commit)),
                "extension_working_days": working_days_between(working, asked, commit),
                "extension_calendar_days": calendar_days_between(asked, commit),
                "within_flexibility": bool(group["within_flexibility"].all()),
            }
        )
    return frame(rows, TRANCHE_COLUMNS)


def _brief(tasks: pd.DataFrame, tranches: pd.DataFrame) -> pd.DataFrame:
    rows: list[dict[str, object]] = []
    for t in tranches.to_dict("records"):
        rows.append(
            {
                "item": "tranche",
                "id": str(t["tranche"]),
                "asked_day": midnight(day_of(t["asked"])),
                "commit_day": t["commit_day"],
                "extension_working_days": t["extension_working_days"],
                "within_flexibility": t["within_flexibility"],
            }
        )
    for t in tasks.to_dict("records"):
        rows.append(
            {
                "item": "task",
                "id": t["task"],
                "asked_day": midnight(day_of(t["asked"])),
                "commit_day": t["commit_day"],
                "extension_working_days": t["extension_working_days"],
                "within_flexibility": t["within_flexibility"],
            }
        )
    return frame(rows, BRIEF_COLUMNS)


def _build(
    original: Scenario,
    variant: Scenario,
    result: PlanResult,
    started: float,
    language: str,
    *,
    explanation: list[str],
    earliest_at: dict[str, pd.Timestamp] | None = None,
    binding_rows: list[dict[str, object]] | None = None,
    sweep_rows: list[dict[str, object]] | None = None,
    analyses: list[AnalysisPlan] | None = None,
) -> NegotiationResult:
    tasks = task_rows(original, result, earliest_at)
    tranches = tranche_rows(original, tasks)
    binding = frame(binding_rows or [], BINDING_COLUMNS)
    sweep = frame(sweep_rows or [], SWEEP_COLUMNS)
    text = messages.negotiation_text(
        original, result, tasks, tranches, binding, sweep, explanation, language
    )
    return NegotiationResult(
        scenario=variant,
        plan=result,
        tasks=tasks,
        tranches=tranches,
        binding=binding,
        sweep=sweep,
        brief=_brief(tasks, tranches),
        text=text,
        explanation=explanation,
        analyses=tuple(analyses or ()),
        runtime=time.perf_counter() - started,
    )


def _no_plan(
    original: Scenario,
    variant: Scenario,
    settings: Settings,
    started: float,
    language: str,
    unable: dict[str, list[str]],
) -> NegotiationResult:
    """Without solving: the lead lacks a skill some task needs."""
    why = messages.lead_lacks_skills(unable, language)
    result = empty_plan(settings, [why], list(unable))
    return _build(original, variant, result, started, language, explanation=[why])


# ---------------------------------------------------------------------- analyses
@dataclass(frozen=True)
class _Job:
    """One analysis solve: what it is about and the scenario variant to plan."""

    kind: str
    """``earliest``, ``sweep``, or a probe kind (``fixed_block``, ``engagement``, ...)."""
    subject: str
    label: str
    scenario: Scenario
    change: str = ""
    tranche: int = 0
    tasks: tuple[str, ...] = ()
    day: dt.date | None = None


def _earliest_jobs(variant: Scenario) -> list[_Job]:
    """Per task: only it matters (urgency 1, due at its release), delivered on its own."""
    tasks = variant.mission.tasks
    spread_out = with_max_tranches(variant, len(tasks))
    jobs = []
    for task in tasks:
        start = moment_start(task.release if task.release is not None else variant.start)
        urgencies = {t.id: int(t.id == task.id) for t in tasks}
        probe = with_task_fields(
            with_task_fields(spread_out, "urgency", urgencies), "due", {task.id: start}
        )
        jobs.append(_Job("earliest", task.id, f"earliest alone: {task.id}", probe))
    return jobs


def _earliest_row(job: _Job, result: PlanResult) -> pd.Timestamp | None:
    if not result.has_plan:
        return None
    row = result.deliveries[result.deliveries["task"] == job.subject].iloc[0]
    return pd.Timestamp(row["delivery"])


def _weighted_lateness(
    original: Scenario, result: PlanResult, leave_out: str | None = None
) -> float:
    """Urgency x hours past ``original``'s dues, optionally leaving one task out."""
    total = 0.0
    for d in result.deliveries.to_dict("records"):
        if d["task"] == leave_out:
            continue
        task = original.task(str(d["task"]))
        late = (pd.Timestamp(d["delivery"]) - asked_instant(original, task.id)) / pd.Timedelta(
            hours=1
        )
        total += task.urgency * max(0.0, late)
    return total


def _moved(
    original: Scenario,
    before: PlanResult,
    after: PlanResult,
    *,
    earlier: bool,
    leave_out: str | None = None,
) -> str:
    """Tasks delivered earlier (or later) in ``after``: ``task -2 wd`` (or ``-3 h``)."""
    working = lead_working_days(original)
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
        days = working_days_between(working, a, b)
        amount = f"{days} wd" if days else f"{(b - a) / pd.Timedelta(hours=1):g} h"
        parts.append(f"{task} {'-' if earlier else '+'}{amount}")
    return ",".join(parts)


def _probe_jobs(
    original: Scenario, variant: Scenario, baseline: PlanResult, max_probes: int
) -> list[_Job]:
    """One commitment removed, or one due moved to the client's deadline, per job."""
    last_late = max(
        (
            day_of(pd.Timestamp(d["delivery"]))
            for d in baseline.deliveries.to_dict("records")
            if not d["on_time"]
        ),
        default=original.start,
    )
    dated: list[tuple[dt.date, _Job]] = []
    for block in original.fixed_blocks:
        if block.date <= last_late:
            change = f"without {block.title or block.id} on {block.date:%a %d %b}"
            probe = without_fixed_block(variant, block.id)
            dated.append(
                (block.date, _Job("fixed_block", block.id, f"probe: {change}", probe, change))
            )
    for eng in original.engagements:
        if eng.earliest_start <= last_late:
            change = f"without engagement {eng.id} ({eng.effort_hours:g} h by {eng.deadline})"
            probe = without_engagement(variant, eng.id)
            dated.append(
                (eng.earliest_start, _Job("engagement", eng.id, f"probe: {change}", probe, change))
            )
    for i, off in enumerate(original.lead.calendar.time_off):
        if off.start <= last_late:
            change = f"without time off {off.start}..{off.end}"
            probe = without_time_off(variant, i)
            subject = off.reason or f"time_off[{i}]"
            dated.append((off.start, _Job("time_off", subject, f"probe: {change}", probe, change)))
    dated.sort(key=lambda pair: pair[0])
    jobs = [job for _, job in dated]
    for task in original.mission.tasks:
        if task.deadline is not None and moment_end(task.deadline) > moment_end(task.due):
            change = f"due of {task.id} moved to its deadline {task.deadline}"
            probe = with_task_fields(variant, "due", {task.id: task.deadline})
            jobs.append(_Job("due", task.id, f"probe: {change}", probe, change))
    return jobs[:max_probes]


def _probe_row(
    original: Scenario, baseline: PlanResult, job: _Job, result: PlanResult
) -> dict[str, object]:
    leave_out = job.subject if job.kind == "due" else None
    if result.has_plan:
        total = _weighted_lateness(original, result, leave_out)
        gain = _weighted_lateness(original, baseline, leave_out) - total
        earlier = _moved(original, baseline, result, earlier=True, leave_out=leave_out)
    else:
        total, gain, earlier = float("nan"), float("nan"), ""
    return {
        "kind": job.kind,
        "subject": job.subject,
        "change": job.change,
        "status": result.status.value,
        "weighted_lateness": total,
        "gain": gain,
        "earlier_tasks": earlier,
        "binding": bool(result.has_plan and gain > 1e-6),
    }


def _sweep_jobs(
    original: Scenario, variant: Scenario, baseline: PlanResult, points: int
) -> list[_Job]:
    """For each late tranche: its tasks' deadline set to a few days before its delivery."""
    working = lead_working_days(original)
    deliveries = baseline.deliveries
    jobs = []
    for tranche in baseline.tranches.to_dict("records"):
        members = deliveries[deliveries["tranche"] == tranche["tranche"]]
        ids = tuple(str(t) for t in members["task"])
        delivered = pd.Timestamp(members["delivery"].max())
        asked = min(asked_instant(original, t) for t in ids)
        if delivered <= asked:
            continue
        days = [d for d in working if day_of(asked) <= d < day_of(delivered)]
        for day in _spread_pick(days, points):
            limits: dict[str, object] = {}
            for task_id in ids:
                due = original.task(task_id).due
                limits[task_id] = day if moment_end(day) >= moment_end(due) else due
            probe = with_task_fields(variant, "deadline", limits)
            number = int(tranche["tranche"])
            label = f"sweep: tranche {number} by {day}"
            jobs.append(
                _Job("sweep", str(number), label, probe, tranche=number, tasks=ids, day=day)
            )
    return jobs


def _sweep_row(
    original: Scenario, baseline: PlanResult, job: _Job, result: PlanResult
) -> dict[str, object]:
    assert job.day is not None
    row: dict[str, object] = {
        "tranche": job.tranche,
        "tasks": ",".join(job.tasks),
        "deadline_if": pd.Timestamp(moment_end(job.day)),
        "status": result.status.value,
        "feasible": result.has_plan,
        "weighted_lateness": float("nan"),
        "extra_weighted_lateness": float("nan"),
        "delivery": pd.NaT,
        "later_tasks": "",
    }
    if result.has_plan:
        total = _weighted_lateness(original, result)
        mine = result.deliveries[result.deliveries["task"].isin(job.tasks)]
        row.update(
            weighted_lateness=total,
            extra_weighted_lateness=total - _weighted_lateness(original, baseline),
            delivery=pd.Timestamp(mine["delivery"].max()),
            later_tasks=_moved(original, baseline, result, earlier=False),
        )
    return row


def _spread_pick(days: list[dt.date], points: int) -> list[dt.date]:
    """Up to ``points`` days evenly spread over ``days``, the first one always included."""
    if len(days) <= points:
        return list(days)
    if points <= 1:
        return days[:1]
    step = (len(days) - 1) / (points - 1)
    picked = sorted({days[round(i * step)] for i in range(points)})
    return picked


__all__ = [
    "BINDING_COLUMNS",
    "BRIEF_COLUMNS",
    "SWEEP_COLUMNS",
    "TASK_COLUMNS",
    "TRANCHE_COLUMNS",
    "AnalysisPlan",
    "NegotiationResult",
    "negotiate",
    "negotiation_scenario",
]
