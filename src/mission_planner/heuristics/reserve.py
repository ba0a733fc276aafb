"""Reserves: how much work only one person can do would miss its latest finish.

The serial decoder hands work to whoever finishes it earliest, and the lead's time costs
nothing, so delegable work tends to fill the lead's calendar and leave no room for what only
the lead can do (engagements, tasks that are not delegable); likewise a partner's time goes to
work others could do, and the task only that partner has the skills for finds no room. Before
it gives a person's time to a job others could do, the decoder asks how much of the work only
that person can do, still to place, would then miss its latest finish (or exceed the person's
hour cap): :class:`Reserve`.

The answer comes from preemptive earliest-deadline-first on the lead's free positions: at each
free position the released job with the earliest latest finish goes on. On one person with
release dates and preemption, EDF meets every deadline whenever any schedule does (Horn, 1974),
so the *shortfall* it leaves (slots of work not done by their latest finish) is 0 exactly when
the relaxation without minimum chunk lengths and chunk limits is feasible: a necessary
condition for the real problem, and a close one when chunks are short.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
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


def shortfall(runs: Sequence[tuple[int, int]], demands: Sequence[Demand]) -> int:
    """Slots of ``demands`` that preemptive EDF on the free ``runs`` leaves past their latest.

    Parameters
    ----------
    runs
        Free runs ``[a, b)`` of the lead's axis, in increasing order.
    demands
        The lead-only work still to place (any order).

    Returns
    -------
    int
        0 when every demand fits before its latest finish (with preemption); otherwise the
        total effort left undone by then.
    """
    if not demands:
        return 0
    pending = sorted(demands, key=lambda d: d.release)
    n = len(pending)
    ready: list[tuple[int, int, int]] = []  # (latest, index, effort left)
    missed = 0
    k = 0
    i = 0
    while i < len(runs):
        a, b = runs[i]
        t = a
        while t < b:
            while k < n and pending[k].release <= t:
                d = pending[k]
                heapq.heappush(ready, (d.latest, k, d.effort))
                k += 1
            if not ready:
                if k == n:
                    return missed
                t = pending[k].release
                continue
            latest, index, left = heapq.heappop(ready)
            if latest <= t:
                missed += left
                continue
            stop = min(b, latest, pending[k].release if k < n else b)
            step = min(left, stop - t)
            t += step
            if left > step:
                heapq.heappush(ready, (latest, index, left - step))
        i += 1
        if not ready and k < n:  # idle until the next release: skip the runs before it
            i = max(i, bisect_right(runs, (pending[k].release, pending[k].release)) - 1)
    return missed + sum(left for _, _, left in ready) + sum(d.effort for d in pending[k:])


def _late(axis: Axis, runs: Sequence[tuple[int, int]], demands: Sequence[Demand], used: int) -> int:
    """Work of ``demands`` past its latest on ``runs``, or beyond ``axis``'s cap less ``used``."""
    late = shortfall(runs, demands)
    if axis.cap is not None:
        late = max(late, sum(d.effort for d in demands) - (axis.cap - used))
    return late


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
    base: dict[str, int] = field(init=False)
    """Per person, the reserved work already doomed to miss (work past its latest or cap)."""

    def __post_init__(self) -> None:
        self.base = {
            q: _late(self.axes[q], self.axes[q].runs, own, 0) for q, own in self.demands.items()
        }

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
            if extra and q in extra:
                own = [*own, extra[q]]
            axis = self.axes[q]
            used = sum(length for _, length in pieces)
            if axis.cap is None and (
                min(start for start, _ in pieces) >= max(d.latest for d in own)
                or max(start + length for start, length in pieces) <= min(d.release for d in own)
            ):
                continue  # positions no reserved work could use
            total += max(0, _late(axis, without(axis.runs, pieces), own, used) - self.base[q])
        return total
