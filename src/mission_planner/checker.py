"""Independent plan checker: every rule of the result contract, re-derived from the scenario.

It shares nothing with the planner but the validated input models: no ``ortools``, no time
axis, no compiled problem. It reads the tables of a result (``schedule``, ``deliveries``,
``tranches``; see ``docs/concepts.md``) and reports every broken rule as a :class:`Violation`.

Time is handled as whole minutes from 00:00 of the scenario's first day; each person's
calendar becomes boolean minute masks over the horizon (working time, working time plus the
overtime window, time taken by fixed or busy blocks, time taken by work). The lead's fixed
blocks are read from the ``fixed`` rows of the schedule (the ``fixed`` rule checks those rows
against the scenario); a partner's busy blocks are read from the scenario.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
import pandas as pd

from mission_planner.scenario import Calendar, Engagement, Scenario, Task, TimeRange
from mission_planner.scenario.mission import DEFAULT_MAX_CHUNKS, moment_end, moment_start

RULES = (
    "table", "effort", "calendar", "overlap", "fixed", "engagement", "task", "splitting",
    "tranche", "partner", "figures",
)  # fmt: skip
"""Names of the rule families, in the order they are checked."""

WORK_KINDS = ("mission", "engagement")
TOLERANCE = 1e-6
"""Hours (or hour fractions) closer than this are equal."""
DAY_MINUTES = 24 * 60

SCHEDULE_COLUMNS = ("kind", "task", "tranche", "resource", "chunk", "date", "start", "end", "hours")
DELIVERY_COLUMNS = (
    "task", "tranche", "resources", "hours", "finish", "delivery", "due", "deadline",
    "lateness_hours", "lateness_working_days", "on_time", "within_deadline",
)  # fmt: skip
TRANCHE_COLUMNS = ("tranche", "tasks", "delivery", "due", "deadline", "lateness_working_days")

Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Violation:
    """A broken rule: which family (one of :data:`RULES`), what it concerns, and how."""

    rule: str
    subject: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.subject}: {self.message}"


class PlanTables(Protocol):
    """What :func:`check` reads from a result (e.g. a :class:`~mission_planner.PlanResult`)."""

    @property
    def has_plan(self) -> bool: ...  # noqa: D102
    @property
    def schedule(self) -> pd.DataFrame: ...  # noqa: D102
    @property
    def deliveries(self) -> pd.DataFrame: ...  # noqa: D102
    @property
    def tranches(self) -> pd.DataFrame: ...  # noqa: D102


def check(scenario: Scenario, result: PlanTables) -> list[Violation]:
    """Every rule the plan in ``result`` breaks; an empty list means a valid plan.

    Parameters
    ----------
    scenario
        The scenario the plan answers.
    result
        Anything with ``has_plan`` and the ``schedule``, ``deliveries`` and ``tranches``
        tables of the result contract. Without a plan there is nothing to check.

    Returns
    -------
    list[Violation]
        All violations, grouped by rule family in the order of :data:`RULES`.
    """
    if not result.has_plan:
        return []
    missing = _missing_columns(result)
    if missing:
        return missing
    plan, problems = _Plan.read(scenario, result)
    rules: tuple[Callable[[_Plan], Iterator[Violation]], ...] = (
        _check_effort,
        _check_calendar,
        _check_overlaps,
        _check_fixed_blocks,
        _check_engagements,
        _check_tasks,
        _check_splitting,
        _check_tranches,
        _check_partners,
        _check_figures,
    )
    return problems + [v for rule in rules for v in rule(plan)]


# ---------------------------------------------------------------------- reading the tables
@dataclass(frozen=True)
class _Block:
    """One schedule row."""

    row: int
    kind: str
    job: str
    tranche: int | None
    resource: str
    chunk: int | None
    date: dt.datetime
    start: dt.datetime
    end: dt.datetime
    hours: float

    def __str__(self) -> str:
        return f"{self.resource} {_when(self.start)}-{self.end:%H:%M}"


@dataclass
class _Person:
    """A person's minute masks over the horizon and days off (holidays, time off)."""

    id: str
    calendar: Calendar
    off_days: dict[dt.date, str]
    working: Mask
    """Working ranges of working days."""
    available: Mask
    """Working ranges plus the overtime window."""
    blocked: Mask
    """Fixed blocks (lead) or busy blocks (partner)."""
    work: Mask
    """Covered by work rows of the schedule."""


@dataclass
class _Plan:
    """The scenario and the result's tables as Python objects."""

    scenario: Scenario
    origin: dt.datetime
    blocks: list[_Block]
    deliveries: dict[str, dict[str, Any]]
    tranches: dict[int, dict[str, Any]]
    people: dict[str, _Person]

    @classmethod
    def read(cls, scenario: Scenario, result: PlanTables) -> tuple[_Plan, list[Violation]]:
        """Read the tables; rows with missing values are reported (rule ``table``) and dropped."""
        problems: list[Violation] = []
        blocks = _read_blocks(result.schedule, problems)
        deliveries = _read_keyed(result.deliveries, DELIVERY_COLUMNS, "deliveries", problems)
        tranches = _read_keyed(result.tranches, TRANCHE_COLUMNS, "tranches", problems)
        deliveries = {str(task): row for task, row in deliveries.items()}
        tranches = {int(number): row for number, row in tranches.items()}
        origin = moment_start(scenario.start)
        plan = cls(scenario, origin, blocks, deliveries, tranches, {})
        plan.people = _people(plan)
        return plan, problems

    @property
    def lead(self) -> str:
        """Id of the lead."""
        return self.scenario.lead.id

    @property
    def size(self) -> int:
        """Minutes in the horizon."""
        return ((self.scenario.end - self.scenario.start).days + 1) * DAY_MINUTES

    def minute(self, moment: dt.datetime) -> int:
        """Minutes from the horizon's first 00:00, clipped to the horizon."""
        return max(0, min(self.size, int((moment - self.origin) // dt.timedelta(minutes=1))))

    def span(self, start: dt.datetime, end: dt.datetime) -> slice:
        """Minute indices of ``[start, end)`` inside the horizon."""
        return slice(self.minute(start), self.minute(end))

    def day(self, day: dt.date) -> slice:
        """Minute indices of ``day``."""
        return self.span(moment_start(day), moment_end(day))

    def work(self) -> list[_Block]:
        """Work rows (kinds ``mission`` and ``engagement``)."""
        return [b for b in self.blocks if b.kind in WORK_KINDS]

    def job_blocks(self, job: str, kind: str) -> list[_Block]:
        """Rows of one task (``kind="mission"``) or engagement, by start."""
        return sorted((b for b in self.blocks if b.job == job and b.kind == kind), key=_by_start)


def _missing_columns(result: PlanTables) -> list[Violation]:
    tables = (
        ("schedule", result.schedule, SCHEDULE_COLUMNS),
        ("deliveries", result.deliveries, DELIVERY_COLUMNS),
        ("tranches", result.tranches, TRANCHE_COLUMNS),
    )
    return [
        Violation("table", name, f"missing columns {missing}")
        for name, frame, columns in tables
        if (missing := [c for c in columns if c not in frame.columns])
    ]


def _read_blocks(frame: pd.DataFrame, problems: list[Violation]) -> list[_Block]:
    blocks = []
    for i, row in enumerate(frame.to_dict("records")):
        needed = ("kind", "task", "resource", "date", "start", "end", "hours")
        blank = [c for c in needed if _blank(row[c])]
        if blank:
            problems.append(Violation("table", f"schedule row {i}", f"no value in {blank}"))
            continue
        kind = str(row["kind"])
        if kind not in (*WORK_KINDS, "fixed"):
            problems.append(Violation("table", f"schedule row {i}", f"unknown kind {kind!r}"))
            continue
        if kind in WORK_KINDS and _blank(row["chunk"]):
            problems.append(Violation("table", f"schedule row {i}", "work row without a chunk"))
            continue
        blocks.append(
            _Block(
                row=i,
                kind=kind,
                job=str(row["task"]),
                tranche=None if _blank(row["tranche"]) else int(row["tranche"]),
                resource=str(row["resource"]),
                chunk=None if _blank(row["chunk"]) else int(row["chunk"]),
                date=_moment(row["date"]),
                start=_moment(row["start"]),
                end=_moment(row["end"]),
                hours=float(row["hours"]),
            )
        )
    return blocks


def _read_keyed(
    frame: pd.DataFrame, columns: tuple[str, ...], name: str, problems: list[Violation]
) -> dict[Any, dict[str, Any]]:
    """Rows of ``frame`` by their first column (task id or tranche number)."""
    key, rows = columns[0], {}
    for i, row in enumerate(frame.to_dict("records")):
        blank = [c for c in columns if _blank(row[c])]
        if blank:
            problems.append(Violation("table", f"{name} row {i}", f"no value in {blank}"))
        elif row[key] in rows:
            problems.append(Violation("table", f"{name} row {i}", f"{row[key]} is listed twice"))
        else:
            moments = ("finish", "delivery", "due", "deadline")
            rows[row[key]] = {c: _moment(row[c]) if c in moments else row[c] for c in columns}
    return rows


def _people(plan: _Plan) -> dict[str, _Person]:
    scenario = plan.scenario
    people = {scenario.lead.id: _person(plan, scenario.lead.id, scenario.lead.calendar)}
    lead = people[scenario.lead.id]
    for block in plan.blocks:
        if block.kind == "fixed" and block.resource == lead.id:
            lead.blocked[plan.span(block.start, block.end)] = True
    for partner in scenario.partners:
        person = people[partner.id] = _person(plan, partner.id, partner.calendar)
        for busy in partner.busy:
            person.blocked[_busy_span(plan, busy.date, busy.time)] = True
    for block in plan.work():
        if block.resource in people:
            people[block.resource].work[plan.span(block.start, block.end)] = True
    return people


def _person(plan: _Plan, person: str, calendar: Calendar) -> _Person:
    first, last = plan.scenario.start, plan.scenario.end
    off = dict(calendar.public_holidays(first, last))
    for leave in calendar.time_off:
        for day in _days(max(leave.start, first), min(leave.end, last)):
            off.setdefault(day, f"time off {leave.reason}".strip())
    working = np.zeros(plan.size, dtype=bool)
    available = np.zeros(plan.size, dtype=bool)
    overtime = round(calendar.overtime_hours_per_day * 60)
    for day in _days(first, last):
        ranges = calendar.ranges_on(day)
        if day in off or not ranges:
            continue
        base = plan.minute(moment_start(day))
        for r in ranges:
            working[base + r.start : base + r.end] = True
        last_end = ranges[-1].end
        available[base + last_end : base + min(DAY_MINUTES, last_end + overtime)] = True
    blank = np.zeros(plan.size, dtype=bool)
    return _Person(person, calendar, off, working, available | working, blank, blank.copy())


# ---------------------------------------------------------------------- rules
def _check_effort(plan: _Plan) -> Iterator[Violation]:
    """All the effort is scheduled, and nothing else.

    For every mission task and engagement ``j``: ``sum(hours of j's rows) == effort_hours(j)``.
    Every ``mission`` row names a task of the mission, every ``engagement`` row an engagement.
    """
    flag = partial(Violation, "effort")
    jobs = {(t.id, "mission"): t.effort_hours for t in plan.scenario.mission.tasks}
    jobs |= {(e.id, "engagement"): e.effort_hours for e in plan.scenario.engagements}
    done: dict[tuple[str, str], float] = defaultdict(float)
    for block in plan.work():
        done[block.job, block.kind] += block.hours
    for job, kind in done:
        if (job, kind) not in jobs:
            yield flag(f"{_noun(kind)} {job}", "is not in the scenario")
    for (job, kind), effort in jobs.items():
        if abs(done.get((job, kind), 0.0) - effort) > TOLERANCE:
            yield flag(
                f"{_noun(kind)} {job}",
                f"{done.get((job, kind), 0.0):g} h scheduled, effort is {effort:g} h",
            )


def _check_calendar(plan: _Plan) -> Iterator[Violation]:
    """Work happens on the grid, within one day of the horizon, in working or overtime time.

    A work row starts and ends on multiples of ``granularity_minutes``, ``start < end``,
    ``date == start``'s midnight and ``end <= date + 24:00``, ``date`` within the horizon, not
    a public or extra holiday nor a day off of that person, and every minute of it lies in the
    person's working ranges for that weekday or in the overtime window (up to
    ``overtime_hours_per_day`` right after the day's last working range).
    """
    flag = partial(Violation, "calendar")
    step = plan.scenario.granularity_minutes
    for block in plan.work():
        person = plan.people.get(block.resource)
        subject = f"{_noun(block.kind)} {block.job}"
        day = block.start.date()
        off_grid = [m for m in (block.start, block.end) if _minutes_of(plan, m) % step]
        if off_grid:
            yield flag(subject, f"block {block} is off the {step}-minute grid")
        if block.end <= block.start:
            yield flag(subject, f"block {block} ends before it starts")
            continue
        if block.date != moment_start(day) or block.end > moment_end(day):
            yield flag(subject, f"block {block} (date {block.date:%d %b}) is not inside one day")
        if not plan.scenario.start <= day <= plan.scenario.end:
            yield flag(subject, f"block {block} is outside the horizon")
        elif person is not None and not person.calendar.ranges_on(day):
            yield flag(subject, f"block {block} is not on a working day of {person.id}")
        elif person is not None and day in person.off_days:
            yield flag(subject, f"block {block} is on a day off ({person.off_days[day]})")
        elif person is not None and not person.available[plan.span(block.start, block.end)].all():
            yield flag(subject, f"block {block} is outside working hours")


def _check_overlaps(plan: _Plan) -> Iterator[Violation]:
    """Nobody does two things at once.

    The rows of one person (work, and the lead's fixed blocks) are pairwise disjoint, and no
    work row of a partner meets one of their busy blocks (a whole day when its time is None).
    """
    flag = partial(Violation, "overlap")
    by_person: dict[str, list[_Block]] = defaultdict(list)
    for block in plan.blocks:
        by_person[block.resource].append(block)
    for person, blocks in by_person.items():
        reach: _Block | None = None
        for block in sorted(blocks, key=_by_start):
            if reach is not None and block.start < reach.end:
                yield flag(
                    f"person {person}",
                    f"{block.kind} {block.job} at {_when(block.start)} overlaps "
                    f"{reach.kind} {reach.job} ({_when(reach.start)}-{reach.end:%H:%M})",
                )
            if reach is None or block.end > reach.end:
                reach = block
    for partner in plan.scenario.partners:
        for busy in partner.busy:
            span = _busy_span(plan, busy.date, busy.time)
            for block in by_person.get(partner.id, []):
                if block.kind in WORK_KINDS and _intersects(plan, block, span):
                    what = busy.time or "all day"
                    yield flag(
                        f"partner {partner.id}",
                        f"{block.kind} {block.job} at {_when(block.start)} meets busy time "
                        f"{busy.date:%d %b} {what}",
                    )


def _check_fixed_blocks(plan: _Plan) -> Iterator[Violation]:
    """The lead's fixed blocks are in the schedule, untouched.

    Each scenario fixed block has ``fixed`` rows for the lead on its date only. A block with a
    ``time`` covers exactly that time. Otherwise its rows lie in the lead's working time of
    that day; a block in ``hours`` totals those hours (fewer only if fixed rows fill the whole
    working day, e.g. a holiday), and a block with neither leaves no working minute of the day
    outside fixed rows. Every ``fixed`` row names a fixed block of the scenario.
    """
    flag = partial(Violation, "fixed")
    lead = plan.people[plan.lead]
    fixed = [b for b in plan.blocks if b.kind == "fixed"]
    known = {b.id for b in plan.scenario.fixed_blocks}
    for block in fixed:
        if block.job not in known:
            yield flag(f"fixed block {block.job}", "is not in the scenario")
    for spec in plan.scenario.fixed_blocks:
        subject = f"fixed block {spec.id}"
        rows = [b for b in fixed if b.job == spec.id]
        for row in rows:
            if row.resource != plan.lead:
                yield flag(subject, f"row {row} is not the lead's")
            if not (
                row.date == moment_start(spec.date) <= row.start < row.end <= moment_end(spec.date)
            ):
                yield flag(subject, f"row {row} is not on {spec.date}")
        day = plan.day(spec.date)
        covered = np.zeros(plan.size, dtype=bool)
        for row in rows:
            covered[plan.span(row.start, row.end)] = True
        if spec.time is not None:
            expected = np.zeros(plan.size, dtype=bool)
            base = day.start
            expected[base + spec.time.start : base + spec.time.end] = True
            if not np.array_equal(covered, expected):
                yield flag(subject, f"does not cover exactly {spec.date} {spec.time}")
            continue
        if (covered & ~lead.working).any():
            yield flag(subject, "lies outside the lead's working hours")
        free_left = (lead.working[day] & ~lead.blocked[day]).any()
        total = sum(row.hours for row in rows)
        if spec.hours is not None:
            short = total < spec.hours - TOLERANCE and free_left
            if short or total > spec.hours + TOLERANCE:
                yield flag(subject, f"takes {total:g} h instead of {spec.hours:g} h")
        elif free_left:
            yield flag(subject, f"does not cover the lead's working day {spec.date}")


def _check_engagements(plan: _Plan) -> Iterator[Violation]:
    """Engagements are done by the lead, inside their window.

    Every row of engagement ``e`` is the lead's and lies within
    ``[earliest_start 00:00, deadline 24:00)``.
    """
    flag = partial(Violation, "engagement")
    for eng in plan.scenario.engagements:
        window = (moment_start(eng.earliest_start), moment_end(eng.deadline))
        for block in plan.job_blocks(eng.id, "engagement"):
            if block.resource != plan.lead:
                yield flag(f"engagement {eng.id}", f"block {block} is not the lead's")
            if block.start < window[0] or block.end > window[1]:
                yield flag(
                    f"engagement {eng.id}",
                    f"block {block} is outside {eng.earliest_start}..{eng.deadline}",
                )


def _check_tasks(plan: _Plan) -> Iterator[Violation]:
    """Tasks respect release, predecessors, deadline and who may do them.

    For task ``t`` with rows: ``release(t) <= first start(t)`` (a release date is 00:00);
    ``finish(p) <= first start(t)`` for each predecessor ``p``;
    ``finish(t) <= delivery(t) <= latest(t)`` (a deadline date is 24:00); every person doing it
    exists and has all of ``t.skills`` (the lead's ``skills=None`` means all), and a
    non-delegable task is the lead's only.
    """
    flag = partial(Violation, "task")
    finish = {
        t.id: max(b.end for b in blocks)
        for t in plan.scenario.mission.tasks
        if (blocks := plan.job_blocks(t.id, "mission"))
    }
    for task in plan.scenario.mission.tasks:
        subject = f"task {task.id}"
        blocks = plan.job_blocks(task.id, "mission")
        row = plan.deliveries.get(task.id)
        if row is None:
            yield flag(subject, "has no row in deliveries")
        if not blocks:
            continue
        first = blocks[0].start
        release = plan.origin if task.release is None else moment_start(task.release)
        if first < release:
            yield flag(subject, f"starts {_when(first)}, before its release {_when(release)}")
        for pred in task.predecessors:
            if pred in finish and finish[pred] > first:
                yield flag(subject, f"starts {_when(first)}, before predecessor {pred} finishes")
        if row is not None and row["delivery"] < finish[task.id]:
            yield flag(subject, f"delivered {_when(row['delivery'])}, before it finishes")
        if row is not None and row["delivery"] > moment_end(task.latest):
            yield flag(subject, f"delivered {_when(row['delivery'])}, after its deadline")
        for person in sorted({b.resource for b in blocks}):
            reason = _not_allowed(plan.scenario, task, person)
            if reason:
                yield flag(subject, f"done by {person}, who {reason}")


def _check_splitting(plan: _Plan) -> Iterator[Violation]:
    """Work comes in few, long enough, unbroken chunks.

    A job has chunks ``0..n-1`` with ``n <= chunk limit`` (a task's ``chunk_limit()``; an
    engagement's ``max_chunks`` or ``max(1, min(8, effort // min_session))`` with the session
    rounded up to the grid); a non-splittable task has one chunk. Each chunk is one person's,
    lasts at least ``min(min_session_hours, effort)``, and between two of its consecutive rows
    that person has no free working minute left unused and no other work.
    """
    flag = partial(Violation, "splitting")
    jobs: list[tuple[str, Task | Engagement]] = [
        ("mission", t) for t in plan.scenario.mission.tasks
    ]
    jobs += [("engagement", e) for e in plan.scenario.engagements]
    for kind, job in jobs:
        subject = f"{_noun(kind)} {job.id}"
        chunks: dict[int, list[_Block]] = defaultdict(list)
        for block in plan.job_blocks(job.id, kind):
            chunks[int(block.chunk or 0)].append(block)  # work rows always have a chunk
        if not chunks:
            continue
        limit = job.chunk_limit() if isinstance(job, Task) else _engagement_limit(plan, job)
        if isinstance(job, Task) and not job.splittable and len(chunks) > 1:
            yield flag(subject, f"is not splittable but has {len(chunks)} chunks")
        elif len(chunks) > limit:
            yield flag(subject, f"has {len(chunks)} chunks, at most {limit} allowed")
        if sorted(chunks) != list(range(len(chunks))):
            yield flag(subject, f"chunk numbers {sorted(chunks)} are not 0..n-1")
        shortest = min(job.min_session_hours, job.effort_hours)
        for number, members in sorted(chunks.items()):
            people = {b.resource for b in members}
            total = sum(b.hours for b in members)
            if len(people) > 1:
                yield flag(subject, f"chunk {number} is shared by {sorted(people)}")
            if total < shortest - TOLERANCE:
                yield flag(subject, f"chunk {number} lasts {total:g} h, less than {shortest:g} h")
            if len(people) == 1:
                yield from _chunk_gaps(plan, subject, number, members)


def _chunk_gaps(
    plan: _Plan, subject: str, number: int, members: list[_Block]
) -> Iterator[Violation]:
    """Between consecutive rows of a chunk: no unused free working minute, no other work."""
    flag = partial(Violation, "splitting")
    person = plan.people.get(members[0].resource)
    if person is None:
        return
    free = person.available & ~person.blocked & ~person.work
    others = [
        b for b in plan.work()
        if b.resource == person.id and (b.job, b.chunk) != (members[0].job, number)
    ]  # fmt: skip
    for a, b in pairwise(sorted(members, key=_by_start)):
        gap = plan.span(a.end, b.start)
        unused = np.flatnonzero(free[gap])
        if unused.size:
            moment = plan.origin + dt.timedelta(minutes=gap.start + int(unused[0]))
            yield flag(subject, f"chunk {number} leaves free working time at {_when(moment)}")
        between = [o for o in others if o.start < b.start and o.end > a.end]
        if between:
            yield flag(
                subject,
                f"chunk {number} has other work inside it "
                f"({between[0].job} at {_when(between[0].start)})",
            )


def _check_tranches(plan: _Plan) -> Iterator[Violation]:
    """Tasks are delivered in tranches ``1..k``, ``k <= max_tranches``, in order.

    The tranche numbers of ``deliveries`` are ``1..k`` and are the rows of ``tranches``;
    tranche deliveries are non-decreasing with the number; a task's delivery equals its
    tranche's; a tranche lists exactly its tasks; a task's schedule rows carry its tranche.
    """
    flag = partial(Violation, "tranche")
    used = sorted({int(row["tranche"]) for row in plan.deliveries.values()})
    k = len(used)
    if used != list(range(1, k + 1)):
        yield flag("deliveries", f"tranche numbers {used} are not 1..{k}")
    if k > plan.scenario.mission.max_tranches:
        yield flag("deliveries", f"{k} tranches, at most {plan.scenario.mission.max_tranches}")
    if sorted(plan.tranches) != used:
        yield flag("tranches", f"rows {sorted(plan.tranches)}, tasks use {used}")
    ordered = sorted(plan.tranches.items())
    for (n1, r1), (n2, r2) in pairwise(ordered):
        if r2["delivery"] < r1["delivery"]:
            yield flag(f"tranche {n2}", f"delivered before tranche {n1}")
    for number, row in ordered:
        listed = sorted(filter(None, str(row["tasks"]).split(",")))
        members = sorted(t for t, d in plan.deliveries.items() if int(d["tranche"]) == number)
        if listed != members:
            yield flag(f"tranche {number}", f"lists {listed}, its tasks are {members}")
    for task, row in plan.deliveries.items():
        tranche = plan.tranches.get(int(row["tranche"]))
        if tranche is not None and row["delivery"] != tranche["delivery"]:
            yield flag(f"task {task}", f"delivery differs from tranche {row['tranche']}'s")
        marks = {b.tranche for b in plan.job_blocks(str(task), "mission")}
        if marks - {int(row["tranche"])}:
            yield flag(f"task {task}", f"schedule rows carry tranches {marks}")


def _check_partners(plan: _Plan) -> Iterator[Violation]:
    """Partners stay within their caps.

    ``sum(hours of partner p) <= p.max_hours`` and the number of partners with work is at most
    ``mission.max_partners`` (when set).
    """
    flag = partial(Violation, "partner")
    hours: dict[str, float] = defaultdict(float)
    for block in plan.work():
        hours[block.resource] += block.hours
    used = []
    for partner in plan.scenario.partners:
        if partner.id in hours:
            used.append(partner.id)
        if partner.max_hours is not None and hours[partner.id] > partner.max_hours + TOLERANCE:
            yield flag(
                f"partner {partner.id}",
                f"works {hours[partner.id]:g} h, more than max_hours={partner.max_hours:g}",
            )
    cap = plan.scenario.mission.max_partners
    if cap is not None and len(used) > cap:
        yield flag("mission", f"uses partners {used}, at most {cap} allowed")


def _check_figures(plan: _Plan) -> Iterator[Violation]:
    """Reported figures agree with the schedule and the scenario.

    Schedule: ``hours == end - start``. Deliveries: ``hours`` = effort, ``resources`` = the
    people in the schedule, ``finish`` = end of the last row, ``due``/``deadline`` = the task's
    instants (a date is 24:00), ``lateness_hours = max(0, delivery - due)``, ``on_time =
    delivery <= due``, ``within_deadline = delivery <= deadline``, ``lateness_working_days`` =
    the lead's working days starting in ``[due, delivery)``. Tranches: ``due`` and ``deadline``
    are the earliest of their tasks', ``lateness_working_days`` as above.
    """
    for block in plan.blocks:
        if abs(block.hours - _hours(block.end - block.start)) > TOLERANCE:
            yield Violation(
                "figures", f"schedule row {block.row}", f"hours={block.hours:g} for {block}"
            )
    tasks = {t.id: t for t in plan.scenario.mission.tasks}
    for task_id, row in plan.deliveries.items():
        task = tasks.get(str(task_id))
        if task is None:
            yield Violation("figures", f"task {task_id}", "in deliveries but not in the mission")
            continue
        blocks = plan.job_blocks(task.id, "mission")
        due, deadline = moment_end(task.due), moment_end(task.latest)
        late = max(0.0, _hours(row["delivery"] - due))
        expected: dict[str, Any] = {
            "hours": task.effort_hours,
            "resources": sorted({b.resource for b in blocks}),
            "due": due,
            "deadline": deadline,
            "lateness_hours": late,
            "lateness_working_days": _working_days_late(plan, due, row["delivery"]),
            "on_time": row["delivery"] <= due,
            "within_deadline": row["delivery"] <= deadline,
        }
        if blocks:
            expected["finish"] = max(b.end for b in blocks)
        got = dict(row, resources=sorted(filter(None, str(row["resources"]).split(","))))
        yield from _compare(f"task {task.id}", expected, got)
    for number, row in plan.tranches.items():
        members = [
            tasks[t] for t, d in plan.deliveries.items() if d["tranche"] == number and t in tasks
        ]
        if not members:
            continue
        due = min(moment_end(t.due) for t in members)
        expected = {
            "due": due,
            "deadline": min(moment_end(t.latest) for t in members),
            "lateness_working_days": _working_days_late(plan, due, row["delivery"]),
        }
        yield from _compare(f"tranche {number}", expected, row)


# ---------------------------------------------------------------------- helpers
def _compare(subject: str, expected: dict[str, Any], got: dict[str, Any]) -> Iterator[Violation]:
    for column, value in expected.items():
        reported = got[column]
        if isinstance(value, bool):
            same = bool(reported) == value
        elif isinstance(value, float):
            same = abs(float(reported) - value) <= TOLERANCE
        else:
            same = bool(reported == value)
        if not same:
            yield Violation("figures", subject, f"{column} is {reported}, expected {value}")


def _not_allowed(scenario: Scenario, task: Task, person: str) -> str | None:
    """Why ``person`` may not do ``task``, or None if they may."""
    if person == scenario.lead.id:
        skills = None if scenario.lead.skills is None else set(scenario.lead.skills)
    else:
        partner = next((p for p in scenario.partners if p.id == person), None)
        if partner is None:
            return "is neither the lead nor a partner"
        if not task.delegable:
            return "is not the lead (the task is not delegable)"
        skills = set(partner.skills)
    missing = set() if skills is None else set(task.skills) - skills
    return f"lacks skills {sorted(missing)}" if missing else None


def _engagement_limit(plan: _Plan, eng: Engagement) -> int:
    """``max_chunks``, else ``max(1, min(8, effort // min_session))`` on the grid."""
    if eng.max_chunks is not None:
        return eng.max_chunks
    step = plan.scenario.granularity_minutes
    session = -(-round(eng.min_session_hours * 60) // step) * step
    return max(1, min(DEFAULT_MAX_CHUNKS, round(eng.effort_hours * 60) // session))


def _working_days_late(plan: _Plan, due: dt.datetime, delivery: dt.datetime) -> int:
    """The lead's working days whose 00:00 lies in ``[due, delivery)``."""
    lead = plan.people[plan.lead]
    day = due.date() if due == moment_start(due.date()) else due.date() + dt.timedelta(days=1)
    count = 0
    while moment_start(day) < delivery:
        count += bool(lead.calendar.ranges_on(day)) and day not in lead.off_days
        day += dt.timedelta(days=1)
    return count


def _busy_span(plan: _Plan, day: dt.date, time: TimeRange | None) -> slice:
    """Minutes of a busy block: its time range on ``day``, or the whole day."""
    if time is None:
        return plan.day(day)
    base = plan.minute(moment_start(day))
    return slice(base + time.start, base + time.end)


def _intersects(plan: _Plan, block: _Block, span: slice) -> bool:
    return plan.minute(block.start) < int(span.stop) and plan.minute(block.end) > int(span.start)


def _minutes_of(plan: _Plan, moment: dt.datetime) -> float:
    return (moment - plan.origin) / dt.timedelta(minutes=1)


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def _hours(delta: dt.timedelta) -> float:
    return delta / dt.timedelta(hours=1)


def _moment(value: Any) -> dt.datetime:
    moment: dt.datetime = pd.Timestamp(value).to_pydatetime()
    return moment


def _blank(value: Any) -> bool:
    blank: bool = value is None or bool(pd.isna(value))
    return blank


def _by_start(block: _Block) -> tuple[dt.datetime, dt.datetime]:
    return block.start, block.end


def _when(moment: dt.datetime) -> str:
    return f"{moment:%a %d %b %H:%M}"


def _noun(kind: str) -> str:
    return "task" if kind == "mission" else kind


__all__ = ["RULES", "PlanTables", "Violation", "check"]
