"""Causes proven before any search: necessary conditions on the compiled problem.

Every condition here holds in every plan, so a failing one proves the problem infeasible
(no CP-SAT, no heuristic). The checks, in order:

* skills: a task nobody allowed can do (the roster's partners with the skill may be excluded
  by ``max_partners = 0`` or an hour cap of zero);
* ``max_partners``: the tasks the lead cannot do need more distinct partners than allowed
  (smallest cover, by enumeration over the partners who can do them, up to
  :data:`~mission_planner.diagnosis.windows.MAX_COVER_PEOPLE`);
* sessions: a task in one piece longer than any allowed person's free time in its window;
* windows (:mod:`mission_planner.diagnosis.windows`): work that must fall in a window vs the
  free time there, for the lead, each task's people and everyone, with windows tightened by
  the tranche rule and the predecessors, and the lead's coordination with partners who must
  work counted as lead work. A failing window is classed by what it needs to fail
  (coordination, tranches, chain, engagement, partner caps, else capacity) and given the
  earliest date that would make the conditions hold for its latest tasks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np

from mission_planner.diagnosis.causes import Cause, CauseKind, Remedy
from mission_planner.diagnosis.windows import (
    Capacity,
    Demand,
    Violation,
    Windows,
    allowed_people,
    coordination_demands,
    job_demands,
    mandatory_parts,
    smallest_cover,
    with_deadlines,
    worst_violations,
)
from mission_planner.problem import Problem

_ORDER = list(CauseKind)


def find_causes(problem: Problem) -> list[Cause]:
    """Causes that prove ``problem`` infeasible without search; empty when every condition holds.

    Parameters
    ----------
    problem
        A compiled problem (for example under a lever's policy).

    Returns
    -------
    list of Cause
        At most one window cause per class, skill causes per task; in :class:`CauseKind`
        order.
    """
    capacity = Capacity(problem)
    causes = _skills(problem) + _max_partners(problem)
    demands = job_demands(problem, capacity)
    causes += _sessions(problem, capacity, demands)
    causes += _windows(problem, capacity, demands)
    return sorted(causes, key=lambda c: (_ORDER.index(c.kind), c.tasks))


def violations(problem: Problem, capacity: Capacity) -> list[Violation]:
    """Every failing window, with and without the lead's coordination (see ``windows``)."""
    demands = job_demands(problem, capacity)
    variants = [demands + extra for extra in coordination_demands(problem, demands)] or [demands]
    return [v for variant in variants for v in worst_violations(capacity, variant)]


# ---------------------------------------------------------------------- roster
def _skills(problem: Problem) -> list[Cause]:
    """Tasks nobody allowed can do: who in the roster could, and what would let them."""
    scenario = problem.scenario
    lead_skills = scenario.lead.skills
    found = []
    for job in problem.mission_jobs:
        if allowed_people(problem, job):
            continue
        task = next(t for t in scenario.mission.tasks if t.id == job.id)
        missing = tuple(s for s in task.skills if lead_skills is not None and s not in lead_skills)
        roster = tuple(p.id for p in scenario.partners if set(task.skills) <= set(p.skills))
        compiled = tuple(p for p in job.people if p != problem.lead)
        if not roster or not task.delegable:
            cause = Cause(CauseKind.SKILL, Remedy.FIND_PARTNER, (job.id,), skills=missing)
        elif problem.max_partners == 0:
            cause = Cause(
                CauseKind.SKILL,
                Remedy.RAISE_MAX_PARTNERS,
                (job.id,),
                people=roster,
                skills=missing,
                raise_by=1.0,
            )
        elif compiled:  # every one of them is capped at zero hours
            cause = Cause(
                CauseKind.SKILL,
                Remedy.RAISE_PARTNER_CAP,
                (job.id,),
                people=compiled,
                skills=missing,
                raise_by=job.effort * problem.timeline.grid.slot_hours,
            )
        else:  # left out of the roster this problem was compiled with
            cause = Cause(
                CauseKind.SKILL, Remedy.ALLOW_PARTNERS, (job.id,), people=roster, skills=missing
            )
        found.append(cause)
    return found


def _max_partners(problem: Problem) -> list[Cause]:
    """The tasks the lead cannot do need more distinct partners than ``max_partners``."""
    limit = problem.max_partners
    if not limit:
        return []
    delegated = [
        j
        for j in problem.mission_jobs
        if allowed_people(problem, j) and problem.lead not in allowed_people(problem, j)
    ]
    cover = smallest_cover([allowed_people(problem, j) for j in delegated])
    if cover is None or len(cover) <= limit:
        return []
    return [
        Cause(
            CauseKind.MAX_PARTNERS,
            Remedy.RAISE_MAX_PARTNERS,
            tuple(j.id for j in delegated),
            people=cover,
            raise_by=float(len(cover) - limit),
        )
    ]


def _sessions(problem: Problem, capacity: Capacity, demands: list[Demand]) -> list[Cause]:
    """Jobs in one piece: someone allowed must have the whole effort free in the window."""
    found = []
    grid = problem.timeline.grid
    for d in demands:
        job = problem.job(d.id)
        if job.max_chunks != 1 or not d.people:
            continue
        best = max(capacity.room((p,), d.release, d.deadline) for p in d.people)
        if best >= d.effort or capacity.room(d.people, d.release, d.deadline) < d.effort:
            continue  # fits, or the window argument says more
        found.append(
            Cause(
                CauseKind.SESSION,
                Remedy.ALLOW_SPLITTING,
                tasks=(d.id,) if job.is_mission else (),
                engagements=() if job.is_mission else (d.id,),
                people=_people(problem, d.people),
                needed_hours=d.effort * grid.slot_hours,
                free_hours=best * grid.slot_hours,
                window_start=grid.time_of(max(0, d.release)),
                window_end=grid.time_of(min(grid.n_slots, d.deadline)),
            )
        )
    return found


# ---------------------------------------------------------------------- windows
def _windows(problem: Problem, capacity: Capacity, demands: list[Demand]) -> list[Cause]:
    """Failing windows, one per class; plain ("simple") windows first, for plainer figures."""
    variants = [demands + extra for extra in coordination_demands(problem, demands)] or [demands]
    worst: dict[CauseKind, tuple[Violation, Windows]] = {}
    for windows in ("simple", "tight"):
        for variant in variants:
            for v in worst_violations(capacity, variant, windows):
                kind = _classify(capacity, v, windows)
                known = worst.get(kind)
                if known is None or (
                    known[1] == windows and v.need - v.room > known[0].need - known[0].room
                ):
                    worst[kind] = (v, windows)
        if worst:
            break
    return [_window_cause(problem, capacity, kind, v) for kind, (v, _) in worst.items()]


def _classify(capacity: Capacity, v: Violation, windows: Windows) -> CauseKind:
    """The class of a failing window: the first ingredient without which it would hold."""
    part = dict(zip((d.id for d in v.involved), v.mandatory, strict=True))
    coordination = sum(part[d.id] for d in v.involved if d.kind == "coordination")
    if coordination and v.need - coordination <= v.room:
        return CauseKind.COORDINATION
    window = (np.array([v.start]), np.array([v.end]))
    involved = list(v.involved)
    if windows != "own" and mandatory_parts(capacity, involved, *window, "own").sum() <= v.room:
        tranche = mandatory_parts(capacity, involved, *window, "tranche").sum()
        return CauseKind.TRANCHES if tranche > v.room else CauseKind.CHAIN
    engagements = sum(part[d.id] for d in v.involved if d.kind == "engagement")
    if engagements and v.need - engagements <= v.room:
        return CauseKind.ENGAGEMENT
    capped = any(capacity.cap[p] is not None for p in v.people)
    if capped and v.need <= capacity.room(v.people, v.start, v.end, capped=False):
        return CauseKind.PARTNER_CAP
    return CauseKind.CAPACITY


def _window_cause(problem: Problem, capacity: Capacity, kind: CauseKind, v: Violation) -> Cause:
    grid = problem.timeline.grid
    tasks = _mission_order(problem, {t for d in v.involved for t in d.tasks})
    engagements = tuple(d.id for d in v.involved if d.kind == "engagement")
    people = _people(problem, v.people)
    base = Cause(
        kind,
        Remedy.FREE_TIME,
        tasks,
        engagements,
        people,
        needed_hours=v.need * grid.slot_hours,
        free_hours=v.room * grid.slot_hours,
        window_start=grid.time_of(max(0, v.start)),
        window_end=grid.time_of(min(grid.n_slots, v.end)),
    )
    if kind is CauseKind.PARTNER_CAP:
        capped = tuple(p for p in people if capacity.cap[p] is not None)
        raise_by = (v.need - v.room) * grid.slot_hours
        return replace(base, remedy=Remedy.RAISE_PARTNER_CAP, people=capped, raise_by=raise_by)
    if kind is CauseKind.TRANCHES:
        first = min(j.deadline for j in problem.mission_jobs)
        moved = [j.id for j in problem.mission_jobs if j.deadline == first]
    else:
        moved = _closing(problem, tasks, v.end)
    date, days = _earliest_date(problem, capacity, moved)
    remedy = Remedy.MORE_TRANCHES if kind is CauseKind.TRANCHES else Remedy.EXTEND_DEADLINE
    if date is None and kind is not CauseKind.TRANCHES:
        remedy = Remedy.FREE_TIME
    return replace(base, remedy=remedy, earliest_date=date, extension_days=days)


def _closing(problem: Problem, tasks: tuple[str, ...], end: int) -> list[str]:
    """The tasks whose own deadline closes a window ending at ``end``.

    Those with the latest deadline at or before ``end`` (a chain's last task), else every task
    (a window cut by a successor's latest start).
    """
    inside = [problem.job(t).deadline for t in tasks if problem.job(t).deadline <= end]
    if not inside:
        return list(tasks)
    return [t for t in tasks if problem.job(t).deadline == max(inside)]


def _earliest_date(
    problem: Problem, capacity: Capacity, moved: list[str]
) -> tuple[dt.date | None, int | None]:
    """First working day of the lead by whose end ``moved`` tasks could be delivered.

    The smallest extension of their deadlines after which no failing window involves them
    (monotone in the date, so found by bisection); ``(None, None)`` when even the end of the
    horizon fails or there is nothing to move.
    """
    if not moved:
        return None, None
    grid = problem.timeline.grid
    current = max(problem.job(t).deadline for t in moved)
    lead = problem.timeline.person(problem.lead)
    after = grid.day_of(max(0, current - 1))
    days = [
        grid.day_of(d * grid.slots_per_day)
        for d in range(grid.n_days)
        if lead.working[d] > 0 and grid.day_of(d * grid.slots_per_day) > after
    ]

    def holds(day: dt.date) -> bool:
        end = min(grid.n_slots, (grid.day_index(day) + 1) * grid.slots_per_day)
        what_if = with_deadlines(problem, dict.fromkeys(moved, end))
        return not any(
            set(moved) & {t for d in v.involved for t in d.tasks}
            for v in violations(what_if, capacity)
        )

    lo, hi = 0, len(days)
    while lo < hi:
        mid = (lo + hi) // 2
        if holds(days[mid]):
            hi = mid
        else:
            lo = mid + 1
    if lo == len(days):
        return None, None
    return days[lo], lo + 1


def _people(problem: Problem, people: frozenset[str]) -> tuple[str, ...]:
    """People in the problem's order (the lead first)."""
    return tuple(p for p in problem.people if p in people)


def _mission_order(problem: Problem, ids: set[str]) -> tuple[str, ...]:
    return tuple(j.id for j in problem.mission_jobs if j.id in ids)
