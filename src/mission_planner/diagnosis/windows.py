r"""Necessary conditions on time windows: work that must fall in a window vs free time there.

Everything is in slots of the compiled :class:`~mission_planner.problem.Problem`. A
*demand* is work of ``effort`` slots that only ``people`` may do, inside ``[release,
deadline)``: a mission task, an engagement, or the lead's coordination with partners who must
work. For a set of people :math:`S`, a window :math:`[a, b)` and the demands :math:`j` with
:math:`P_j \subseteq S`, every plan satisfies

.. math::

    \sum_j \max\bigl(0,\ e_j - R_{P_j}[r_j, \min(a, d_j)) - R_{P_j}[\max(b, r_j), d_j)\bigr)
    \;\le\; R_S[a, b)

where :math:`R_P[x, y) = \sum_{p \in P} \min(\text{free}_p[x, y), \text{cap}_p)` bounds what
people :math:`P` can do in :math:`[x, y)`: the left side is the part of each demand that cannot
be done outside the window. A window where it fails proves the problem infeasible.

Windows are first tightened, each step a consequence of the rules: with one tranche every
mission task is delivered with the others, so by the earliest deadline (``"tranche"``
windows); a task starts after its predecessors' release and ends by its successors' deadline
(``"simple"``), and more precisely after its predecessors' earliest finish and before its
successors' latest start (``"tight"``, the strongest; the others give plainer figures).
"""

from __future__ import annotations

import dataclasses
import graphlib
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from mission_planner.problem import Job, Problem

DemandKind = Literal["mission", "engagement", "coordination"]
Windows = Literal["own", "tranche", "simple", "tight"]
"""Which windows of the demands a condition uses (see the module's docstring)."""

MAX_COVER_PEOPLE = 12
"""Most people over which :func:`smallest_cover` enumerates."""
WINDOW_CELLS = 2_000_000
"""Most (start, end, demand) cells evaluated at once (larger problems are cut in pieces)."""


@dataclass(frozen=True)
class Demand:
    """Work that only ``people`` may do, inside ``[release, deadline)`` (real slots).

    ``own`` is the window before the tightening (the job's own release and deadline),
    ``tranche`` the window tightened by the tranche rule only, ``simple`` also by the
    predecessors' releases and the successors' deadlines; ``release``/``deadline`` are fully
    tightened. ``tasks`` are the mission tasks behind the demand (one, or those a coordination
    demand is for).
    """

    id: str
    kind: DemandKind
    effort: int
    people: frozenset[str]
    release: int
    deadline: int
    own: tuple[int, int]
    tranche: tuple[int, int]
    simple: tuple[int, int]
    tasks: tuple[str, ...] = ()

    def window(self, windows: Windows) -> tuple[int, int]:
        """``[release, deadline)`` under the given tightening."""
        if windows == "tight":
            return self.release, self.deadline
        return {"own": self.own, "tranche": self.tranche, "simple": self.simple}[windows]


@dataclass(frozen=True)
class Violation:
    """A window where the work that must fall in it exceeds the free time of ``people``."""

    people: frozenset[str]
    start: int
    end: int
    need: int
    room: int
    involved: tuple[Demand, ...]
    """Demands with a part that must fall in the window."""
    mandatory: tuple[int, ...]
    """That part, per involved demand."""


class Capacity:
    """Free slots of each person on the real slot axis, with the partners' hour caps."""

    def __init__(self, problem: Problem) -> None:
        n = problem.timeline.grid.n_slots
        self.n_slots = n
        self.cumulative: dict[str, np.ndarray] = {}
        self.cap: dict[str, int | None] = {}
        for person_id, person in problem.people.items():
            mask = np.zeros(n, dtype=np.int64)
            free = problem.timeline.person(person_id).free
            mask[free[free < n]] = 1
            self.cumulative[person_id] = np.concatenate(([0], np.cumsum(mask)))
            self.cap[person_id] = person.max_slots

    def free(self, person: str, start: int, end: int) -> int:
        """Free slots of ``person`` in ``[start, end)``, ignoring the cap."""
        if end <= start:
            return 0
        cum = self.cumulative[person]
        return int(cum[self._at(end)] - cum[self._at(start)])

    def room(self, people: Iterable[str], start: int, end: int, *, capped: bool = True) -> int:
        """Most slots ``people`` can work in ``[start, end)``: free slots, capped per person."""
        total = 0
        for person in people:
            free = self.free(person, start, end)
            cap = self.cap[person]
            total += free if cap is None or not capped else min(free, cap)
        return total

    def _at(self, slot: int) -> int:
        return max(0, min(self.n_slots, slot))

    def earliest_finish(self, people: frozenset[str], release: int, effort: int) -> int:
        """Smallest ``t`` with ``room(people, release, t) >= effort`` (``n_slots + 1``: none)."""
        lo, hi = release, self.n_slots
        if self.room(people, lo, hi) < effort:
            return self.n_slots + 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.room(people, release, mid) >= effort:
                hi = mid
            else:
                lo = mid + 1
        return lo

    def latest_start(self, people: frozenset[str], deadline: int, effort: int) -> int:
        """Largest ``t`` with ``room(people, t, deadline) >= effort`` (``-1``: none)."""
        lo, hi = 0, deadline
        if self.room(people, lo, hi) < effort:
            return -1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.room(people, mid, deadline) >= effort:
                lo = mid
            else:
                hi = mid - 1
        return lo


def allowed_people(problem: Problem, job: Job) -> frozenset[str]:
    """Who may do ``job`` under the roster limits.

    No partner when ``max_partners`` is 0, and no partner capped at zero hours.
    """
    return frozenset(
        p
        for p in job.people
        if p == problem.lead or (problem.max_partners != 0 and problem.people[p].max_slots != 0)
    )


def smallest_cover(needs: list[frozenset[str]]) -> tuple[str, ...] | None:
    """Fewest people such that every set in ``needs`` holds one of them.

    ``None`` when more than :data:`MAX_COVER_PEOPLE` people are involved (not enumerated) or a
    set is empty.
    """
    people = sorted({p for need in needs for p in need})
    if len(people) > MAX_COVER_PEOPLE or not all(needs):
        return None
    for size in range(len(people) + 1):
        for cover in itertools.combinations(people, size):
            if all(need & set(cover) for need in needs):
                return cover
    return None


def job_demands(problem: Problem, capacity: Capacity) -> list[Demand]:
    """Every job as a demand, windows tightened by the tranche rule and the predecessors."""
    jobs = {job.id: job for job in problem.jobs}
    people = {job.id: allowed_people(problem, job) for job in problem.jobs}
    tranche = {job.id: job.deadline for job in problem.jobs}
    mission = problem.mission_jobs
    if problem.max_tranches == 1 and mission:
        earliest = min(job.deadline for job in mission)
        tranche.update({job.id: earliest for job in mission})
    order = list(
        graphlib.TopologicalSorter({j.id: set(j.predecessors) for j in problem.jobs}).static_order()
    )
    simple_release = {job.id: job.release for job in problem.jobs}
    simple_deadline = dict(tranche)
    for job_id in order:
        for pred in jobs[job_id].predecessors:
            simple_release[job_id] = max(simple_release[job_id], simple_release[pred])
    for job_id in reversed(order):
        for pred in jobs[job_id].predecessors:
            simple_deadline[pred] = min(simple_deadline[pred], simple_deadline[job_id])
    release = dict(simple_release)
    for job_id in order:
        for pred in jobs[job_id].predecessors:
            if not people[pred]:
                continue
            finish = capacity.earliest_finish(people[pred], release[pred], jobs[pred].effort)
            release[job_id] = max(release[job_id], finish)
    deadline = dict(simple_deadline)
    for job_id in reversed(order):
        job = jobs[job_id]
        if not people[job_id]:
            continue
        latest = capacity.latest_start(people[job_id], deadline[job_id], job.effort)
        for pred in job.predecessors:
            deadline[pred] = min(deadline[pred], latest)
    return [
        Demand(
            id=job.id,
            kind="mission" if job.is_mission else "engagement",  # reserved time: the order book's
            effort=job.effort,
            people=people[job.id],
            release=release[job.id],
            deadline=deadline[job.id],
            own=(job.release, job.deadline),
            tranche=(job.release, tranche[job.id]),
            simple=(simple_release[job.id], simple_deadline[job.id]),
            tasks=(job.id,) if job.is_mission else (),
        )
        for job in problem.jobs
    ]


def coordination_demands(problem: Problem, demands: list[Demand]) -> list[list[Demand]]:
    """The lead's coordination that must happen, as lead-only demands; two alternative lists.

    A partner ``p`` who does ``D`` slots of work needs the lead's kick-off (``K`` slots) and
    follow-up (``ceil(share * D)``), all before the latest deadline ``b_p`` of the tasks
    ``p`` may do. The first list has one demand per partner who alone can do some task
    (``D`` at least those tasks' effort); the second one demand for all the work nobody but
    partners can do (a kick-off for each partner of the smallest cover of that work, and the
    follow-up of the whole, since the follow-ups' roundings up add up to at least the
    whole's, by the latest ``b_p``). Each list is a valid lower bound on its own; they are
    never added together.
    """
    lead = problem.lead
    if not problem.kickoff and not problem.share_milli:
        return []
    if problem.kicked_off or problem.coordinated_before:
        return []  # a re-plan's history did part of the coordination: no bound claimed
    mission = [d for d in demands if d.kind == "mission" and d.people]
    by_partner: dict[str, int] = {}
    for person in problem.people:
        able = [problem.job(d.id).coordination_deadline for d in mission if person in d.people]
        if person != lead and able:
            by_partner[person] = max(able)
    delegated = [d for d in mission if lead not in d.people]
    if not delegated:
        return []
    alone: list[Demand] = []
    for partner, latest in by_partner.items():
        only = [d for d in delegated if d.people == {partner}]
        if only:
            effort = sum(d.effort for d in only)
            only_ids = tuple(d.id for d in only)
            alone.append(_coordination(problem, partner, effort, latest, only_ids, 1))
    latest = max(by_partner.values())
    effort = sum(d.effort for d in delegated)
    cover = smallest_cover([d.people for d in delegated])
    kickoffs = 1 if cover is None else len(cover)
    together = _coordination(
        problem, "partners", effort, latest, tuple(d.id for d in delegated), kickoffs
    )
    return [alone, [together]] if alone else [[together]]


def _coordination(
    problem: Problem,
    partner: str,
    effort: int,
    latest: int,
    tasks: tuple[str, ...],
    kickoffs: int,
) -> Demand:
    """The lead's ``kickoffs`` kick-offs and the follow-up of ``effort`` delegated slots."""
    slots = kickoffs * problem.kickoff + problem.followup(effort)
    return Demand(
        id=f"coordination:{partner}",
        kind="coordination",
        effort=slots,
        people=frozenset({problem.lead}),
        release=0,
        deadline=latest,
        own=(0, latest),
        tranche=(0, latest),
        simple=(0, latest),
        tasks=tasks,
    )


def worst_violations(
    capacity: Capacity, demands: list[Demand], windows: Windows = "tight"
) -> list[Violation]:
    """The most failing window per set of people; none where every window holds.

    The sets are each demand's people and everyone's; the most failing window is the one
    where the work that must fall in it exceeds the free time by most (the shortest on ties).
    """
    live = [d for d in demands if d.people and d.effort > 0]
    everyone = frozenset(p for d in live for p in d.people)
    groups = {d.people for d in live} | {everyone}
    found = []
    for group in sorted(groups, key=lambda g: (len(g), sorted(g))):
        inside = [d for d in live if d.people <= group]
        worst = _worst_window(capacity, group, inside, windows)
        if worst is not None:
            found.append(worst)
    return found


def mandatory_parts(
    capacity: Capacity,
    demands: list[Demand],
    starts: np.ndarray,
    ends: np.ndarray,
    windows: Windows = "tight",
) -> np.ndarray:
    """Slots of each demand that must fall in each window, shape ``(starts, ends, demands)``."""
    pairs = [d.window(windows) for d in demands]
    rel = np.array([p[0] for p in pairs])
    dl = np.array([p[1] for p in pairs])
    effort = np.array([d.effort for d in demands])
    left = np.zeros((starts.size, len(demands)), dtype=np.int64)
    right = np.zeros((ends.size, len(demands)), dtype=np.int64)
    for person in sorted({p for d in demands for p in d.people}):
        member = np.array([person in d.people for d in demands])
        cum = capacity.cumulative[person]
        cap = capacity.cap[person]
        lo = np.clip(rel, 0, capacity.n_slots)
        hi = np.clip(dl, 0, capacity.n_slots)
        cut = np.clip(np.minimum(starts[:, None], hi[None, :]), lo[None, :], None)
        before = cum[np.clip(cut, 0, capacity.n_slots)] - cum[lo][None, :]
        cut = np.clip(np.maximum(ends[:, None], lo[None, :]), None, hi[None, :])
        after = cum[hi][None, :] - cum[np.clip(cut, 0, capacity.n_slots)]
        if cap is not None:
            before, after = np.minimum(before, cap), np.minimum(after, cap)
        left += np.where(member[None, :], before, 0)
        right += np.where(member[None, :], after, 0)
    parts: np.ndarray = np.maximum(0, effort[None, None, :] - left[:, None, :] - right[None, :, :])
    return parts


def _worst_window(
    capacity: Capacity, group: frozenset[str], demands: list[Demand], windows: Windows
) -> Violation | None:
    if not demands:
        return None
    starts = np.array(sorted({0, *(d.window(windows)[0] for d in demands)}))
    ends = np.array(sorted({capacity.n_slots, *(d.window(windows)[1] for d in demands)}))
    step = max(1, WINDOW_CELLS // max(1, ends.size * len(demands)))
    best: tuple[int, int, int, int, int] | None = None  # (excess, -length, start, end, need)
    for first in range(0, starts.size, step):
        part = starts[first : first + step]
        need = mandatory_parts(capacity, demands, part, ends, windows).sum(axis=2)
        room = _room(capacity, group, part, ends)
        excess = np.where(part[:, None] < ends[None, :], need - room, 0)
        i, k = np.unravel_index(int(np.argmax(excess)), excess.shape)
        if excess[i, k] > 0:
            key = (
                int(excess[i, k]),
                -int(ends[k] - part[i]),
                int(part[i]),
                int(ends[k]),
                int(need[i, k]),
            )
            if best is None or key[:2] > best[:2]:
                best = key
    if best is None:
        return None
    _, _, start, end, need = best
    parts = mandatory_parts(capacity, demands, np.array([start]), np.array([end]), windows)[0, 0]
    involved = tuple(d for d, m in zip(demands, parts, strict=True) if m > 0)
    return Violation(
        people=group,
        start=start,
        end=end,
        need=need,
        room=capacity.room(group, start, end),
        involved=involved,
        mandatory=tuple(int(m) for m in parts if m > 0),
    )


def _room(
    capacity: Capacity, group: frozenset[str], starts: np.ndarray, ends: np.ndarray
) -> np.ndarray:
    total = np.zeros((starts.size, ends.size), dtype=np.int64)
    for person in group:
        cum = capacity.cumulative[person]
        free = (
            cum[np.clip(ends, 0, capacity.n_slots)][None, :]
            - cum[np.clip(starts, 0, capacity.n_slots)][:, None]
        )
        free = np.maximum(free, 0)
        cap = capacity.cap[person]
        total += free if cap is None else np.minimum(free, cap)
    return total


def with_deadlines(problem: Problem, deadlines: dict[str, int]) -> Problem:
    """The problem with some jobs' deadlines replaced (a what-if for the earliest date)."""
    jobs = [
        dataclasses.replace(job, deadline=deadlines[job.id]) if job.id in deadlines else job
        for job in problem.jobs
    ]
    return dataclasses.replace(problem, jobs=jobs)


def with_earliest_starts(problem: Problem) -> Problem:
    """The problem with each job's release moved to its earliest start after its predecessors.

    A job starts after each predecessor finishes, and a predecessor cannot finish before its
    people's free time from its own (tightened) release holds its effort (the ``"tight"``
    releases of :func:`job_demands`). The problem has the same plans; the search reads the
    later releases in its domains and its redundant cuts.
    """
    n_slots = problem.timeline.grid.n_slots
    earliest = {d.id: d.release for d in job_demands(problem, Capacity(problem))}
    jobs = [
        dataclasses.replace(job, release=min(n_slots, max(job.release, earliest[job.id])))
        for job in problem.jobs
    ]
    return dataclasses.replace(problem, jobs=jobs)
