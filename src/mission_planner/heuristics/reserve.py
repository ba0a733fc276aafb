"""Reserves: how much work only one person can do would miss its latest finish.

The serial decoder hands work to whoever finishes it earliest, and the lead's time costs
nothing, so delegable work tends to fill the lead's calendar and leave no room for what only
the lead can do (engagements, tasks that are not delegable); likewise a partner's time goes to
work others could do, and the task only that partner has the skills for finds no room. Before
it gives a person's time to a job others could do, the decoder asks how much of the work only
that person can do, still to place, would then miss its latest finish (or exceed the person's
hour cap): :class:`Reserve`.

The answer comes from preemptive EDF run backwards in time on the person's free positions:
from the last free position down, each goes to the work that may use it (latest finish after
it) with the latest release. This is earliest-deadline-first on the mirrored axis; on one person
with releases and preemption it does the most work in time of any schedule (a greedy maximum
matching of work slots to positions in a convex bipartite graph, Glover 1967), so the
*shortfall* it leaves (slots of work not done by their latest finish) is 0 exactly when the
relaxation without minimum chunk lengths and chunk limits is feasible: a necessary condition
for the real problem, and a close one when chunks are short. Run backwards, the schedule packs
the reserved work as late as it can, so an option taking the early free positions it leaves
idle provably pushes nothing late, and no new sweep is needed (:meth:`Reserve.pushed`).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from mission_planner.heuristics.placement import Axis

__all__ = ["Demand", "Reserve", "shortfall", "without"]


@dataclass(frozen=True)
class Demand:
    """Work only the lead can do: ``effort`` positions in ``[release, latest)`` of the axis."""

    release: int
    latest: int
    effort: int


def without(
    runs: Sequence[tuple[int, int]], taken: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Free runs ``[a, b)`` less the positions ``taken`` as ``(start, length)`` pieces.

    Every piece must lie inside one run (as the decoder's options do).
    """
    if not taken:
        return list(runs)
    cuts = sorted(taken)
    out: list[tuple[int, int]] = []
    k = 0
    for a, b in runs:
        lo = a
        while k < len(cuts) and cuts[k][0] < b:
            start, length = cuts[k]
            if start > lo:
                out.append((lo, start))
            lo = start + length
            k += 1
        if lo < b:
            out.append((lo, b))
    return out


def shortfall(
    runs: Sequence[tuple[int, int]],
    demands: Sequence[Demand],
    used: list[tuple[int, int]] | None = None,
) -> int:
    """Slots of ``demands`` that no schedule on the free ``runs`` does by their latest finish.

    Parameters
    ----------
    runs
        Free runs ``[a, b)`` of a person's axis, in increasing order.
    demands
        The work only that person can do, still to place (any order).
    used
        If given, receives the runs ``[a, b)`` of positions the backward schedule gives to
        the demands (in decreasing order).

    Returns
    -------
    int
        0 when every demand fits before its latest finish (with preemption); otherwise the
        total effort left undone by then.
    """
    if not demands:
        return 0
    pending = sorted(demands, key=lambda d: d.latest, reverse=True)
    n = len(pending)
    ready: list[tuple[int, int, int]] = []  # (-release, index, effort left)
    missed = 0
    k = 0
    i = len(runs) - 1
    while i >= 0:
        a, b = runs[i]
        t = b  # positions a .. t - 1 are still to give
        while t > a:
            while k < n and pending[k].latest >= t:
                d = pending[k]
                heapq.heappush(ready, (-d.release, k, d.effort))
                k += 1
            if not ready:
                if k == n:
                    return missed
                t = pending[k].latest
                continue
            negative, index, left = heapq.heappop(ready)
            if -negative >= t:  # released after every position left: never done in time
                missed += left
                continue
            stop = max(a, -negative, pending[k].latest if k < n else a)
            step = min(left, t - stop)
            if used is not None:
                used.append((t - step, t))
            t -= step
            if left > step:
                heapq.heappush(ready, (negative, index, left - step))
        i -= 1
        if not ready and k < n:  # nothing may use the runs after the next latest finish
            i = min(i, bisect_left(runs, (pending[k].latest, -1)) - 1)
    return missed + sum(left for _, _, left in ready) + sum(d.effort for d in pending[k:])


def _capped(axis: Axis, demands: Sequence[Demand], late: int, used: int) -> int:
    """``late``, or the demands' effort beyond ``axis``'s cap less ``used`` if more."""
    if axis.cap is None:
        return late
    return max(late, sum(d.effort for d in demands) - (axis.cap - used))


@dataclass
class Reserve:
    """The work only one person can do, still to place, per person; and what it misses now.

    Parameters
    ----------
    axes
        Everyone's axis as it stands (free runs and remaining caps).
    demands
        Per person, the work only that person can do, as :class:`Demand` on their axis.
    """

    axes: Mapping[str, Axis]
    demands: Mapping[str, list[Demand]]
    _base: dict[str, tuple[int, list[int], list[int]]] = field(default_factory=dict)

    def base(self, person: str) -> int:
        """The reserved work of ``person`` already doomed to miss (past its latest or cap)."""
        return self._sweep(person)[0]

    def _sweep(self, person: str) -> tuple[int, list[int], list[int]]:
        """(work missed now, starts and ends of the positions the backward schedule uses)."""
        if person not in self._base:
            own = self.demands[person]
            axis = self.axes[person]
            used: list[tuple[int, int]] = []
            late = _capped(axis, own, shortfall(axis.runs, own, used), 0)
            used.reverse()
            self._base[person] = (late, [u[0] for u in used], [u[1] for u in used])
        return self._base[person]

    def pushed(
        self,
        taken: Mapping[str, list[tuple[int, int]]],
        extra: Mapping[str, Demand] | None = None,
    ) -> int:
        """Reserved work that taking the positions ``taken`` would push late.

        ``taken`` gives per person ``(start, length)`` pieces; the result counts the slots of
        reserved work past their latest finish or cap, beyond what already misses.

        ``extra`` adds one more demand per person (work the option itself brings, such as the
        lead's follow-up of a partner).
        """
        total = 0
        for q, pieces in taken.items():
            own = self.demands.get(q)
            if not own or not pieces:
                continue
            base, starts, ends = self._sweep(q)
            axis = self.axes[q]
            more = extra.get(q) if extra else None
            if more is None and axis.cap is None and not _overlaps(pieces, starts, ends):
                continue  # the positions taken are idle in the backward schedule
            if more is not None:
                own = [*own, more]
            used = sum(length for _, length in pieces)
            late = _capped(axis, own, shortfall(without(axis.runs, pieces), own), used)
            total += max(0, late - base)
        return total


def _overlaps(pieces: Sequence[tuple[int, int]], starts: list[int], ends: list[int]) -> bool:
    """Whether a ``(start, length)`` piece meets a run ``[starts[i], ends[i])`` (sorted)."""
    for start, length in pieces:
        i = bisect_left(ends, start + 1)  # first run ending after the piece's start
        if i < len(starts) and starts[i] < start + length:
            return True
    return False
