"""Rules on the schedule rows: effort, calendar, overlaps, fixed blocks, engagements, tasks, chunks.

Each rule reads a :class:`~mission_planner.checker.plan_view._Plan` and yields its violations.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from functools import partial
from itertools import pairwise

import numpy as np

from mission_planner.checker.contract import TOLERANCE, WORK_KINDS, Violation
from mission_planner.checker.plan_view import (
    PlanView,
    WorkBlock,
    busy_span,
    by_start,
    intersects,
    minutes_of,
    noun,
    when,
)
from mission_planner.scenario import Engagement, Scenario, Task
from mission_planner.scenario.mission import DEFAULT_MAX_CHUNKS, moment_end, moment_start


def check_effort(plan: PlanView) -> Iterator[Violation]:
    """All the effort is scheduled, and nothing else.

    For every mission task, engagement and reserved opportunity ``j``: ``sum(hours of j's
    rows) == effort_hours(j)`` (for an opportunity, the hours its policy reserves). Every
    ``mission`` row names a task of the mission, every ``engagement`` row an engagement, every
    ``opportunity`` row an opportunity the policy reserves.
    """
    flag = partial(Violation, "effort")
    jobs = {(t.id, "mission"): t.effort_hours for t in plan.scenario.mission.tasks}
    jobs |= {(e.id, kind): e.effort_hours for kind, e in plan.order_book()}
    done: dict[tuple[str, str], float] = defaultdict(float)
    for block in plan.job_work():
        done[block.job, block.kind] += block.hours
    opportunities = {o.id for o in plan.scenario.opportunities}
    for job, kind in done:
        if (job, kind) in jobs:
            continue
        if kind == "opportunity" and job in opportunities:
            yield flag(f"{noun(kind)} {job}", "is not reserved under the policy checked")
        else:
            yield flag(f"{noun(kind)} {job}", "is not in the scenario")
    for (job, kind), effort in jobs.items():
        if abs(done.get((job, kind), 0.0) - effort) > TOLERANCE:
            yield flag(
                f"{noun(kind)} {job}",
                f"{done.get((job, kind), 0.0):g} h scheduled, effort is {effort:g} h",
            )


def check_calendar(plan: PlanView) -> Iterator[Violation]:
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
        subject = f"{noun(block.kind)} {block.job}"
        day = block.start.date()
        off_grid = [m for m in (block.start, block.end) if minutes_of(plan, m) % step]
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


def check_overlaps(plan: PlanView) -> Iterator[Violation]:
    """Nobody does two things at once.

    The rows of one person (work, and the lead's fixed blocks) are pairwise disjoint, and no
    work row of a partner meets one of their busy blocks (a whole day when its time is None).
    """
    flag = partial(Violation, "overlap")
    by_person: dict[str, list[WorkBlock]] = defaultdict(list)
    for block in plan.blocks:
        by_person[block.resource].append(block)
    for person, blocks in by_person.items():
        reach: WorkBlock | None = None
        for block in sorted(blocks, key=by_start):
            if reach is not None and block.start < reach.end:
                yield flag(
                    f"person {person}",
                    f"{block.kind} {block.job} at {when(block.start)} overlaps "
                    f"{reach.kind} {reach.job} ({when(reach.start)}-{reach.end:%H:%M})",
                )
            if reach is None or block.end > reach.end:
                reach = block
    for partner in plan.scenario.partners:
        for busy in partner.busy:
            span = busy_span(plan, busy.date, busy.time)
            for block in by_person.get(partner.id, []):
                if block.kind in WORK_KINDS and intersects(plan, block, span):
                    what = busy.time or "all day"
                    yield flag(
                        f"partner {partner.id}",
                        f"{block.kind} {block.job} at {when(block.start)} meets busy time "
                        f"{busy.date:%d %b} {what}",
                    )


def check_fixed_blocks(plan: PlanView) -> Iterator[Violation]:
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


def check_engagements(plan: PlanView) -> Iterator[Violation]:
    """Engagements and reserved opportunities are done by the lead, inside their window.

    Every row of engagement (or reserved opportunity) ``e`` is the lead's and lies within
    ``[earliest_start 00:00, deadline 24:00)``.
    """
    flag = partial(Violation, "engagement")
    for kind, eng in plan.order_book():
        window = (moment_start(eng.earliest_start), moment_end(eng.deadline))
        for block in plan.job_blocks(eng.id, kind):
            if block.resource != plan.lead:
                yield flag(f"{kind} {eng.id}", f"block {block} is not the lead's")
            if block.start < window[0] or block.end > window[1]:
                yield flag(
                    f"{kind} {eng.id}",
                    f"block {block} is outside {eng.earliest_start}..{eng.deadline}",
                )


def check_tasks(plan: PlanView) -> Iterator[Violation]:
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
            yield flag(subject, f"starts {when(first)}, before its release {when(release)}")
        for pred in task.predecessors:
            if pred in finish and finish[pred] > first:
                yield flag(subject, f"starts {when(first)}, before predecessor {pred} finishes")
        if row is not None and row["delivery"] < finish[task.id]:
            yield flag(subject, f"delivered {when(row['delivery'])}, before it finishes")
        if row is not None and row["delivery"] > plan.hard.latest[task.id]:
            yield flag(subject, f"delivered {when(row['delivery'])}, after its deadline")
        for person in sorted({b.resource for b in blocks}):
            reason = _not_allowed(plan.scenario, task, person, plan.hard.partners)
            if reason:
                yield flag(subject, f"done by {person}, who {reason}")


def check_splitting(plan: PlanView) -> Iterator[Violation]:
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
    jobs += plan.order_book()
    for kind, job in jobs:
        subject = f"{noun(kind)} {job.id}"
        chunks: dict[int, list[WorkBlock]] = defaultdict(list)
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
    plan: PlanView, subject: str, number: int, members: list[WorkBlock]
) -> Iterator[Violation]:
    """Between consecutive rows of a chunk: no unused free working minute, no other work."""
    for fault in run_breaks(plan, members):
        yield Violation("splitting", subject, f"chunk {number} {fault}")


def run_breaks(plan: PlanView, members: list[WorkBlock]) -> Iterator[str]:
    """Why the rows of one person's run (a chunk, a coordination block) are not one run.

    Between two consecutive rows of ``members`` there must be no free working time left unused
    (working and overtime time less fixed or busy blocks, days off and work rows) and no other
    work. Yields phrases such as ``"leaves free working time at Mon 28 Dec 10:00"``.
    """
    person = plan.people.get(members[0].resource)
    if person is None:
        return
    free = person.available & ~person.blocked & ~person.work
    mine = (members[0].kind, members[0].job, members[0].chunk)
    others = [
        b for b in plan.work() if b.resource == person.id and (b.kind, b.job, b.chunk) != mine
    ]
    for a, b in pairwise(sorted(members, key=by_start)):
        gap = plan.span(a.end, b.start)
        unused = np.flatnonzero(free[gap])
        if unused.size:
            moment = plan.origin + dt.timedelta(minutes=gap.start + int(unused[0]))
            yield f"leaves free working time at {when(moment)}"
        between = [o for o in others if o.start < b.start and o.end > a.end]
        if between:
            yield f"has other work inside it ({between[0].job} at {when(between[0].start)})"


def _not_allowed(
    scenario: Scenario, task: Task, person: str, allowed: frozenset[str]
) -> str | None:
    """Why ``person`` may not do ``task``, or None if they may (``allowed``: partners)."""
    if person == scenario.lead.id:
        skills = None if scenario.lead.skills is None else set(scenario.lead.skills)
    else:
        partner = next((p for p in scenario.partners if p.id == person), None)
        if partner is None:
            return "is neither the lead nor a partner"
        if not task.delegable:
            return "is not the lead (the task is not delegable)"
        if person not in allowed:
            return "is not allowed to work on the mission under the policy checked"
        skills = set(partner.skills)
    missing = set() if skills is None else set(task.skills) - skills
    return f"lacks skills {sorted(missing)}" if missing else None


def _engagement_limit(plan: PlanView, eng: Engagement) -> int:
    """``max_chunks``, else ``max(1, min(8, effort // min_session))`` on the grid."""
    if eng.max_chunks is not None:
        return eng.max_chunks
    step = plan.scenario.granularity_minutes
    session = -(-round(eng.min_session_hours * 60) // step) * step
    return max(1, min(DEFAULT_MAX_CHUNKS, round(eng.effort_hours * 60) // session))
