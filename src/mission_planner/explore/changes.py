"""What-if changes: one named change, described in words.

A change of the world (a partner unavailable or added, overtime, a commitment moved or
dropped, a task that needs more effort, a date the client brings forward) returns a
:class:`Change` whose ``scenario`` differs from the input in what the function names and
nothing else (the input is never modified; the changed scenario goes through every
validation rule again). More flexibility from the client is not a change of the world but of
the dates the plan must hold: :func:`more_flexibility` keeps the scenario and returns a
:class:`~mission_planner.policy.Policy` with the later dates (the client's own dates stay the
reference every figure is measured against). :mod:`mission_planner.explore.what_if` plans
them.

Days: flexibility is counted in the lead's working days (weekly hours, less public holidays
and time off), as extensions are everywhere in the library; dates of commitments and
partner unavailability are calendar dates.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mission_planner.policy import SCENARIO_AS_WRITTEN, Policy
from mission_planner.result import PlanResult
from mission_planner.scenario import Partner, Scenario, Task
from mission_planner.scenario.mission import moment_end
from mission_planner.workdays import WorkingDays, day_of


@dataclass(frozen=True)
class Change:
    """A named change: what changed in words, the scenario and, when it says one, the policy.

    ``policy`` is ``None`` for a change of the world (plan ``scenario`` under the policy of
    your choice) and set for a change of dates (plan ``scenario`` under it).
    """

    name: str
    description: str
    scenario: Scenario
    policy: Policy | None = None


def _rebuild(scenario: Scenario, data: dict[str, Any]) -> Scenario:
    return Scenario.model_validate(data)


def _day(value: dt.date) -> str:
    return f"{value:%a %d %b %Y}"


def _positive_int(owner: str, field: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError(f"{owner}: {field}={value!r} must be a positive integer")
    return value


def _positive_number(owner: str, field: str, value: Any) -> float:
    if not (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value > 0
    ):
        raise ValueError(f"{owner}: {field}={value!r} must be a positive number")
    return value


# ---------------------------------------------------------------------- flexibility
def more_flexibility(
    scenario: Scenario,
    days: int,
    *,
    tasks: str | Sequence[str] | None = None,
    tranche: int | None = None,
    baseline: PlanResult | None = None,
    policy: Policy | None = None,
) -> Change:
    """The client accepts ``days`` more of the lead's working days on some tasks' dates.

    Give ``tasks`` (one id or several), or ``tranche`` (a 1-based tranche of ``baseline``'s
    échéancier: its tasks). Each task's hard date under ``policy`` (default: the scenario as
    written, so its deadline, else its due date) moves to the ``days``-th working day of the
    lead after that date's day, as a date (the end of that day); a date that would pass the
    horizon's last day stops there, and the description says so.

    The scenario is kept as it is: the change is ``policy`` with ``dates`` mapping every task
    to its hard date (the moved ones to their new date), so that every figure of the plan is
    still measured against the client's own dates.

    Raises
    ------
    ValueError
        When ``days`` is not a positive integer, both or neither of ``tasks`` and ``tranche``
        are given, a task id is unknown, the tranche is not in ``baseline``'s plan, or every
        date already is the horizon's last day.
    """
    owner = "more_flexibility"
    days = _positive_int(owner, "days", days)
    ids = _flexible_tasks(scenario, tasks, tranche, baseline)
    base = SCENARIO_AS_WRITTEN if policy is None else policy
    base.check(scenario)
    dates = {t.id: _hard_date(scenario, base, t.id) for t in scenario.mission.tasks}
    working = WorkingDays.of(scenario).days
    notes = []
    moved = False
    for task_id in ids:
        current = day_of(base.hard_limit(scenario, task_id))
        later = [d for d in working if current < d <= scenario.end]
        if len(later) >= days:
            target, note = later[days - 1], ""
        else:
            target, note = scenario.end, " (stops at the horizon's last day)"
        if target <= current:
            continue
        dates[task_id] = target
        moved = True
        notes.append(f"'{task_id}' {_day(current)} -> {_day(target)}{note}")
    if not moved:
        raise ValueError(
            f"{owner}: tasks {list(ids)} already have their date on the horizon's last day "
            f"{scenario.end}"
        )
    subject = f"tranche {tranche}" if tranche is not None else _tasks_words(ids)
    plural = "s" if days > 1 else ""
    return Change(
        name=f"+{days} working day{plural} on {subject}",
        description=(
            f"the client accepts {days} more working day{plural} (the lead's working days) "
            f"past the date of {subject}: " + "; ".join(notes)
        ),
        scenario=scenario,
        policy=Policy.model_validate({**base.model_dump(), "dates": dates}),
    )


def _hard_date(scenario: Scenario, policy: Policy, task_id: str) -> dt.date | dt.datetime:
    """The date ``policy`` holds ``task_id`` to, as written in the scenario or the policy."""
    task = scenario.task(task_id)
    if isinstance(policy.dates, dict):
        return policy.dates.get(task_id, task.latest)
    return {"asked": task.due, "horizon": scenario.end}.get(policy.dates, task.latest)


def _tasks_words(ids: Sequence[str]) -> str:
    quoted = ", ".join(f"'{t}'" for t in ids)
    return f"task {quoted}" if len(ids) == 1 else f"tasks {quoted}"


def _flexible_tasks(
    scenario: Scenario,
    tasks: str | Sequence[str] | None,
    tranche: int | None,
    baseline: PlanResult | None,
) -> list[str]:
    owner = "more_flexibility"
    if (tasks is None) == (tranche is None):
        raise ValueError(f"{owner}: give tasks or tranche, not {'both' if tasks else 'neither'}")
    known = [t.id for t in scenario.mission.tasks]
    if tasks is not None:
        ids = [tasks] if isinstance(tasks, str) else list(tasks)
        if not ids:
            raise ValueError(f"{owner}: tasks=[] names no task")
        for task_id in ids:
            if task_id not in known:
                raise ValueError(
                    f"{owner}: task {task_id!r} is not a task of the mission (tasks: {known})"
                )
        return ids
    if baseline is None or not baseline.has_plan:
        raise ValueError(f"{owner}: tranche={tranche!r} needs a baseline plan to read it from")
    numbers = sorted(int(n) for n in baseline.tranches["tranche"])
    if tranche not in numbers:
        raise ValueError(f"{owner}: tranche={tranche!r} is not in the baseline's {numbers}")
    rows = baseline.deliveries[baseline.deliveries["tranche"] == tranche]
    ids = [str(t) for t in rows["task"]]
    for task_id in ids:
        if task_id not in known:
            raise ValueError(
                f"{owner}: the baseline's task {task_id!r} is not a task of the mission"
            )
    return ids


# ---------------------------------------------------------------------- the mission
def more_effort(scenario: Scenario, task: str, hours: float) -> Change:
    """Task ``task`` needs ``hours`` more hours of work (its ``effort_hours`` grows).

    Raises
    ------
    ValueError
        When ``task`` is not a task of the mission or ``hours`` is not a positive number (or
        the new effort breaks a rule of the scenario, e.g. is off the slot grid).
    """
    owner = "more_effort"
    current = _task(scenario, task, owner)
    hours = _positive_number(owner, "hours", hours)
    total = current.effort_hours + hours
    data = scenario.model_dump()
    data["mission"]["tasks"] = [
        {**t, "effort_hours": total} if t["id"] == task else t for t in data["mission"]["tasks"]
    ]
    return Change(
        name=f"'{task}' +{hours:g} h",
        description=(
            f"task '{task}' needs {hours:g} h more work: {total:g} h instead of "
            f"{current.effort_hours:g} h"
        ),
        scenario=_rebuild(scenario, data),
    )


def bring_forward(scenario: Scenario, task: str, to: dt.date) -> Change:
    """The client wants task ``task`` earlier: its due date becomes ``to``.

    Its deadline, when it has one, moves earlier by the same number of calendar days, and no
    earlier than ``to`` (the flexibility the client grants is kept where it can be). Figures
    of the plan are then measured against the new dates.

    Raises
    ------
    ValueError
        When ``task`` is not a task of the mission, ``to`` is not before its due date or is
        before the horizon's start (or the new date breaks a rule of the scenario, e.g. is
        before the task's release).
    """
    owner = "bring_forward"
    current = _task(scenario, task, owner)
    due = day_of(moment_end(current.due))
    if not isinstance(to, dt.date) or isinstance(to, dt.datetime):
        raise ValueError(f"{owner}: to={to!r} must be a date")
    if to >= due:
        raise ValueError(f"{owner}: to={to} is not before task {task!r}'s due date {due}")
    if to < scenario.start:
        raise ValueError(f"{owner}: to={to} is before the horizon's start {scenario.start}")
    shift = to - due
    deadline = None
    if current.deadline is not None:
        deadline = max(to, day_of(moment_end(current.deadline)) + shift)
    data = scenario.model_dump()
    data["mission"]["tasks"] = [
        {**t, "due": to, "deadline": deadline} if t["id"] == task else t
        for t in data["mission"]["tasks"]
    ]
    words = "" if deadline is None else f", deadline {_day(deadline)}"
    return Change(
        name=f"'{task}' brought forward to {to}",
        description=(
            f"the client wants task '{task}' by {_day(to)} instead of {_day(due)}{words} "
            f"({-shift.days} calendar day{'s' if shift.days < -1 else ''} earlier)"
        ),
        scenario=_rebuild(scenario, data),
    )


def _task(scenario: Scenario, task: str, owner: str) -> Task:
    known = [t.id for t in scenario.mission.tasks]
    if task not in known:
        raise ValueError(f"{owner}: task {task!r} is not a task of the mission (tasks: {known})")
    return scenario.task(task)


# ---------------------------------------------------------------------- partners
def partner_unavailable(
    scenario: Scenario,
    partner: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Change:
    """Partner ``partner`` is unavailable from ``start`` to ``end`` (calendar days, inclusive).

    Without dates, the whole horizon. The partner stays on the roster (so the scenario stays
    valid when only they have a skill) and gets a whole-day busy block on each day of the
    period, inside the horizon; their other busy blocks are kept.

    Raises
    ------
    ValueError
        When ``partner`` is not on the roster, ``end`` is before ``start``, or the period is
        outside the horizon.
    """
    owner = "partner_unavailable"
    roster = [p.id for p in scenario.partners]
    if partner not in roster:
        raise ValueError(f"{owner}: partner {partner!r} is not on the roster {roster}")
    first = scenario.start if start is None else start
    last = scenario.end if end is None else end
    if last < scenario.start or first > scenario.end:
        raise ValueError(
            f"{owner}: the period {first}..{last} is outside the horizon "
            f"{scenario.start}..{scenario.end}"
        )
    if last < first:
        raise ValueError(f"{owner}: end={last} is before start={first}")
    first, last = max(first, scenario.start), min(last, scenario.end)
    period = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    data = scenario.model_dump()
    partners = []
    for p in data["partners"]:
        if p["id"] == partner:
            kept = [b for b in p["busy"] if not (b["time"] is None and b["date"] in period)]
            busy = kept + [{"date": d, "reason": "unavailable (what-if)"} for d in period]
            p = {**p, "busy": busy}
        partners.append(p)
    data["partners"] = partners
    whole = start is None and end is None
    when = "over the whole horizon" if whole else f"from {_day(first)} to {_day(last)}"
    return Change(
        name=f"'{partner}' unavailable" + ("" if whole else f" {first}..{last}"),
        description=f"partner '{partner}' is unavailable {when} (a whole-day busy block a day)",
        scenario=_rebuild(scenario, data),
    )


def add_partner(scenario: Scenario, partner: Partner | Mapping[str, Any]) -> Change:
    """A new partner joins the roster (``partner`` as a :class:`Partner` or its fields).

    Raises
    ------
    ValueError
        When the partner's fields are invalid or its id is already the lead's or a partner's.
    """
    owner = "add_partner"
    new = partner if isinstance(partner, Partner) else Partner.model_validate(dict(partner))
    taken = [scenario.lead.id, *(p.id for p in scenario.partners)]
    if new.id in taken:
        raise ValueError(f"{owner}: partner id={new.id!r} is already used by {taken}")
    data = scenario.model_dump()
    data["partners"] = [*data["partners"], new.model_dump()]
    cap = scenario.mission.max_partners
    note = "" if cap is None else f"; the mission still allows at most {cap} partner(s)"
    skills = ", ".join(new.skills) or "no listed skill"
    return Change(
        name=f"partner '{new.id}' added",
        description=(
            f"partner '{new.id}' ({skills}, {new.day_rate:g} EUR/day) joins the roster{note}"
        ),
        scenario=_rebuild(scenario, data),
    )


# ---------------------------------------------------------------------- overtime
def overtime(scenario: Scenario, hours_per_week: float) -> Change:
    """The lead may work overtime, up to ``hours_per_week`` hours a week — approximately.

    Calendars only know ``overtime_hours_per_day`` (hours right after the day's last working
    range, priced by the ``overtime`` weight). The weekly cap ``N`` is approximated by a daily
    cap: ``N / d`` hours, rounded down to the scenario's granularity and at most 12, on each
    of the lead's ``d`` working weekdays (weekdays with working hours). A full week then
    allows at most ``N`` hours, and less when it has holidays or time off; no week can use
    another's unused hours. The description states ``d``, the daily cap and the weekly total;
    it replaces the calendar's own ``overtime_hours_per_day``.

    Raises
    ------
    ValueError
        When ``hours_per_week`` is not positive, or too small to give one slot a day.
    """
    owner = "overtime"
    hours_per_week = _positive_number(owner, "hours_per_week", hours_per_week)
    calendar = scenario.lead.calendar
    weekdays = [d for d, ranges in calendar.working_hours.items() if ranges]
    if not weekdays:
        raise ValueError(f"{owner}: lead {scenario.lead.id!r} has no working weekday")
    slot = scenario.granularity_minutes / 60
    per_day = min(12.0, math.floor(hours_per_week / len(weekdays) / slot + 1e-9) * slot)
    if per_day <= 0:
        raise ValueError(
            f"{owner}: hours_per_week={hours_per_week!r} over {len(weekdays)} working weekdays "
            f"is less than one {scenario.granularity_minutes}-minute slot a day"
        )
    data = scenario.model_dump()
    lead = data["lead"]
    data["lead"] = {**lead, "calendar": {**lead["calendar"], "overtime_hours_per_day": per_day}}
    week = per_day * len(weekdays)
    return Change(
        name=f"overtime up to {hours_per_week:g} h a week",
        description=(
            f"the lead may work overtime up to {hours_per_week:g} h a week, approximated by up "
            f"to {per_day:g} h a day after the last working range of each of the "
            f"{len(weekdays)} working weekdays ({week:g} h in a full week; weeks with holidays "
            f"or time off allow less; overtime_hours_per_day was "
            f"{calendar.overtime_hours_per_day:g})"
        ),
        scenario=_rebuild(scenario, data),
    )


# ---------------------------------------------------------------------- commitments
def move_commitment(scenario: Scenario, commitment: str, to: dt.date) -> Change:
    """A commitment moves to another date.

    A fixed block moves to date ``to``; an engagement's window shifts so that its deadline is
    ``to`` (its earliest start moves by the same number of calendar days, and no earlier than
    the horizon's start).

    Raises
    ------
    ValueError
        When ``commitment`` is neither a fixed block nor an engagement, ``to`` is outside the
        horizon or is already its date, or the moved block breaks a rule of the scenario (e.g.
        overlaps another block that day).
    """
    owner = "move_commitment"
    kind = _commitment_kind(scenario, commitment, owner)
    if not scenario.start <= to <= scenario.end:
        raise ValueError(
            f"{owner}: to={to} is outside the horizon {scenario.start}..{scenario.end}"
        )
    data = scenario.model_dump()
    if kind == "fixed block":
        block = next(b for b in scenario.fixed_blocks if b.id == commitment)
        if block.date == to:
            raise ValueError(f"{owner}: fixed block {commitment!r} is already on {to}")
        data["fixed_blocks"] = [
            {**b, "date": to} if b["id"] == commitment else b for b in data["fixed_blocks"]
        ]
        before = f"{_day(block.date)}"
        what = f"fixed block '{commitment}' moves from {before} to {_day(to)}"
    else:
        eng = next(e for e in scenario.engagements if e.id == commitment)
        if eng.deadline == to:
            raise ValueError(f"{owner}: engagement {commitment!r} already has deadline {to}")
        shift = to - eng.deadline
        start = max(scenario.start, eng.earliest_start + shift)
        data["engagements"] = [
            {**e, "earliest_start": start, "deadline": to} if e["id"] == commitment else e
            for e in data["engagements"]
        ]
        what = (
            f"engagement '{commitment}' moves from {_day(eng.earliest_start)}..."
            f"{_day(eng.deadline)} to {_day(start)}...{_day(to)}"
        )
    return Change(
        name=f"'{commitment}' moved to {to}", description=what, scenario=_rebuild(scenario, data)
    )


def drop_commitment(scenario: Scenario, commitment: str) -> Change:
    """A commitment (fixed block or engagement) is dropped from the order book.

    Raises
    ------
    ValueError
        When ``commitment`` is neither a fixed block nor an engagement.
    """
    owner = "drop_commitment"
    kind = _commitment_kind(scenario, commitment, owner)
    data = scenario.model_dump()
    key = "fixed_blocks" if kind == "fixed block" else "engagements"
    data[key] = [c for c in data[key] if c["id"] != commitment]
    return Change(
        name=f"'{commitment}' dropped",
        description=f"{kind} '{commitment}' is dropped (done elsewhere, cancelled or postponed)",
        scenario=_rebuild(scenario, data),
    )


def _commitment_kind(scenario: Scenario, commitment: str, owner: str) -> str:
    blocks = [b.id for b in scenario.fixed_blocks]
    engagements = [e.id for e in scenario.engagements]
    if commitment in blocks:
        return "fixed block"
    if commitment in engagements:
        return "engagement"
    raise ValueError(
        f"{owner}: commitment {commitment!r} is neither a fixed block {blocks} "
        f"nor an engagement {engagements}"
    )
