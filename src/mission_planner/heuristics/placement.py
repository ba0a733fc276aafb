"""Placing one job's effort on people's working axes: earliest finish, or latest before a date.

Each person's working axis is kept as the list of its *free runs* (maximal runs of positions no
chunk occupies yet). A job of effort ``E`` with chunks of at least ``m`` slots and at most ``M``
chunks fits before real instant ``T`` on a set of people when the longest usable runs cut at
``T`` hold it: with ``l_1 >= l_2 >= ...`` the usable lengths (runs of at least ``m`` slots,
each person's total cut to their remaining hour cap), it fits iff
``l_1 + ... + l_s >= E`` for ``s = min(M, E // m)``. Fitting is monotone in ``T``, so the
earliest finish is found by bisection, and the chunks are then cut from the chosen runs, one
chunk per run, starting at the run's first position.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from mission_planner.problem import Job, Problem
from mission_planner.sessions import Segments, intersect_runs
from mission_planner.timeline import PersonTime


@dataclass(frozen=True)
class Piece:
    """``length`` positions of a person's working axis from ``start``."""

    person: str
    start: int
    length: int


def _position_runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """Maximal runs ``[a, b)`` of True positions in ``mask``."""
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


class Axis:
    """One person's working axis and which of its positions are still free.

    Parameters
    ----------
    time
        The person's free working time (:class:`mission_planner.timeline.PersonTime`).
    cost_per_slot
        Objective cost of one slot of this person's work.
    cap
        Most slots this person may work (``None``: no cap).
    """

    def __init__(self, time: PersonTime, cost_per_slot: int, cap: int | None) -> None:
        self.person = time.person
        self.free: list[int] = [int(x) for x in time.free]
        self.size = len(self.free)
        overtime = np.asarray(time.overtime, dtype=bool)
        self.has_overtime = bool(overtime.any())
        self._overtime_prefix: list[int] = [0, *np.cumsum(overtime, dtype=np.int64).tolist()]
        self.regular = _position_runs(~overtime) if self.has_overtime else [(0, self.size)]
        self.cost_per_slot = cost_per_slot
        self.cap = cap
        self.runs: list[tuple[int, int]] = [(0, self.size)] if self.size else []

    def fresh(self) -> Axis:
        """Return a copy with every position free and the full cap (static data shared)."""
        other = object.__new__(Axis)
        other.__dict__.update(self.__dict__)
        other.runs = [(0, self.size)] if self.size else []
        return other

    def clone(self) -> Axis:
        """Return a copy with the same free positions and cap."""
        other = self.fresh()
        other.runs, other.cap = list(self.runs), self.cap
        return other

    def positions_before(self, instant: int) -> int:
        """Number of positions whose real slot is ``< instant``."""
        return bisect_left(self.free, instant)

    def position_at_or_after(self, instant: int) -> int:
        """First position whose real slot is ``>= instant``."""
        return bisect_left(self.free, instant)

    def real_end(self, end: int) -> int:
        """Real instant just after position ``end - 1``."""
        return self.free[end - 1] + 1

    def overtime_in(self, start: int, length: int) -> int:
        """Overtime positions among ``start .. start + length - 1``."""
        return self._overtime_prefix[start + length] - self._overtime_prefix[start]

    def gaps(self, first: int, regular_only: bool) -> list[tuple[int, int]]:
        """Free runs ``[a, b)`` cut to positions ``>= first`` (and outside overtime if asked)."""
        out = [(max(a, first), b) for a, b in self.runs if b > first]
        if not regular_only or not self.has_overtime:
            return out
        return intersect_runs(out, self.regular)

    def take(self, start: int, length: int) -> None:
        """Mark positions ``start .. start + length - 1`` as used."""
        end = start + length
        for k, (a, b) in enumerate(self.runs):
            if a <= start and end <= b:
                pieces = [(a, start)] if start > a else []
                if end < b:
                    pieces.append((end, b))
                self.runs[k : k + 1] = pieces
                if self.cap is not None:
                    self.cap -= length
                return
        raise ValueError(f"{self.person}: positions {start}..{end - 1} are not free")


@dataclass(frozen=True)
class Shape:
    """How a job may be cut: ``effort`` slots in at most ``max_chunks`` of ``>= min_chunk``.

    ``segments`` holds, per person, where the job's sessions may lie (see
    :mod:`mission_planner.sessions`); a person left out may take any run.
    """

    effort: int
    min_chunk: int
    max_chunks: int
    segments: Mapping[str, Segments] = field(default_factory=dict)

    def runs(self, axis: Axis, earliest: int, regular_only: bool) -> list[tuple[int, int]]:
        """Free runs of ``axis`` from real ``earliest`` where one chunk each may be cut."""
        gaps = axis.gaps(axis.position_at_or_after(earliest), regular_only)
        rule = self.segments.get(axis.person)
        return gaps if rule is None else rule.cut(gaps, axis.size)

    @property
    def most_chunks(self) -> int:
        """Most chunks usable: ``min(max_chunks, effort // min_chunk)``."""
        return max(1, min(self.max_chunks, self.effort // self.min_chunk))


_Candidate = tuple[int, int, int, int, int]
"""A usable run: (cost per slot, person index, real start, first position, usable length)."""


def _usable(
    axes: list[Axis], gaps: list[list[tuple[int, int]]], instant: int, m: int
) -> list[_Candidate]:
    """List runs cut at real ``instant`` with at least ``m`` positions, caps applied."""
    out: list[_Candidate] = []
    for idx, (axis, runs) in enumerate(zip(axes, gaps, strict=True)):
        limit = bisect_left(axis.free, instant)
        mine = []
        for a, b in runs:
            if a >= limit:
                break
            length = min(b, limit) - a
            if length >= m:
                mine.append((axis.cost_per_slot, idx, axis.free[a], a, length))
        if axis.cap is not None:
            mine.sort(key=lambda c: -c[4])
            left = axis.cap
            capped = []
            for c in mine:
                length = min(c[4], left)
                if length < m:
                    break
                capped.append((c[0], c[1], c[2], c[3], length))
                left -= length
            mine = capped
        out.extend(mine)
    return out


def _fits(cands: list[_Candidate], effort: int, most: int) -> bool:
    lengths = sorted((c[4] for c in cands), reverse=True)
    return sum(lengths[:most]) >= effort


def _earliest_end(runs: list[tuple[int, int]], shape: Shape) -> int | None:
    """Least end position of ``shape`` cut from ``runs`` (one person, no cap), or ``None``.

    If the last chunk lies in run ``k``, the earlier chunks (at most ``most - 1``) take as much
    as they can from the longest earlier runs, and the last chunk the rest; the first run
    where that works gives the least end.
    """
    effort, m, most = shape.effort, shape.min_chunk, shape.most_chunks
    earlier: list[int] = []  # lengths >= m of the runs seen so far, negated, ascending
    for a, b in runs:
        length = b - a
        if length < m:
            continue
        best: int | None = None
        taken = 0
        for s in range(min(most - 1, len(earlier)) + 1):
            if s:
                taken -= earlier[s - 1]
            last = max(m, effort - taken)
            if last <= min(length, effort - s * m) and (best is None or last < best):
                best = last
        if best is not None:
            return a + best
        insort(earlier, -length)
    return None


def earliest_finish(
    axes: list[Axis],
    shape: Shape,
    earliest: int,
    regular_only: bool,
    horizon: int,
    upper: int | None = None,
) -> int | None:
    """Earliest real instant by which ``shape`` fits on ``axes`` starting at or after ``earliest``.

    Parameters
    ----------
    axes
        The people who may share the job.
    shape
        Effort and chunk rules of the job.
    earliest
        Real instant before which no chunk may start.
    regular_only
        Leave overtime positions out.
    horizon
        The last instant of the horizon.
    upper
        An instant by which the job is known to fit, if any (narrows the search).

    Returns
    -------
    int | None
        The earliest finish instant, or ``None`` if the job does not fit in the horizon.
    """
    gaps = [shape.runs(axis, earliest, regular_only) for axis in axes]
    effort, m, most = shape.effort, shape.min_chunk, shape.most_chunks
    if len(axes) == 1:
        axis = axes[0]
        if axis.cap is not None and axis.cap < effort:
            return None
        end = _earliest_end(gaps[0], shape)
        return None if end is None else axis.real_end(end)
    if upper is None:
        if not _fits(_usable(axes, gaps, horizon, m), effort, most):
            return None
        upper = horizon
    lo, hi = earliest + 1, upper  # fits at hi; find the least such instant
    while lo < hi:
        mid = (lo + hi) // 2
        if _fits(_usable(axes, gaps, mid, m), effort, most):
            hi = mid
        else:
            lo = mid + 1
    return lo


def cut_before(
    axes: list[Axis], shape: Shape, earliest: int, regular_only: bool, instant: int
) -> list[Piece] | None:
    """Chunks of ``shape`` that all end by real ``instant``, preferring cheap people and few chunks.

    Runs are taken cheapest person first and longest first; if that needs more chunks than
    allowed, longest first whoever the person. Each chunk gets ``min_chunk`` slots, then the
    rest goes to the cheapest and earliest chunks first.
    """
    gaps = [shape.runs(axis, earliest, regular_only) for axis in axes]
    cands = _usable(axes, gaps, instant, shape.min_chunk)
    most = shape.most_chunks
    chosen: list[_Candidate] = []
    for key in (lambda c: (c[0], -c[4], c[2]), lambda c: (-c[4], c[0], c[2])):
        chosen, total = [], 0
        for c in sorted(cands, key=key):
            if total >= shape.effort or len(chosen) >= most:
                break
            chosen.append(c)
            total += c[4]
        if total >= shape.effort:
            break
    else:
        return None
    extra = shape.effort - len(chosen) * shape.min_chunk
    chosen.sort(key=lambda c: (c[0], c[2]))
    pieces = []
    for _cost, idx, _real, first, length in chosen:
        add = min(extra, length - shape.min_chunk)
        extra -= add
        pieces.append(Piece(axes[idx].person, first, shape.min_chunk + add))
    return pieces


def latest_cut(
    axis: Axis, shape: Shape, earliest: int, regular_only: bool, instant: int
) -> list[Piece] | None:
    """Chunks of ``shape`` on one person, as late as possible, all ending by real ``instant``.

    Runs are filled from the latest backwards, each chunk flush with the end of its run.
    """
    limit = bisect_left(axis.free, instant)
    runs = [(a, min(b, limit)) for a, b in shape.runs(axis, earliest, regular_only) if a < limit]
    if axis.cap is not None and axis.cap < shape.effort:
        return None
    left, m = shape.effort, shape.min_chunk
    pieces: list[Piece] = []
    for a, b in reversed(runs):
        length = b - a
        if length >= left:
            pieces.append(Piece(axis.person, b - left, left))
            return pieces
        if len(pieces) + 1 >= shape.max_chunks:
            continue
        take = min(length, left - m)
        if take >= m:
            pieces.append(Piece(axis.person, b - take, take))
            left -= take
    return None


def shapes_of(problem: Problem, job: Job, people: list[str]) -> list[Shape]:
    """Ways to cut ``job`` among ``people``, the plain one first.

    Under session rules the plain shape cuts runs where sessions must not cross (always
    valid). When every person's rule exempts sessions longer than their working day, a second
    shape takes whole runs with sessions longer than that, for work too large to fit in
    day-sized sessions.
    """
    rules = {p: r for p in people if (r := problem.segments(job, p)) is not None}
    plain = Shape(job.effort, job.min_chunk, job.max_chunks, rules)
    exempt = [r.exempt_above for r in rules.values()]
    if not rules or len(rules) < len(people) or any(x is None for x in exempt):
        return [plain]
    least = max(job.min_chunk, max(x for x in exempt if x is not None) + 1)
    longest = [r.longest for r in rules.values() if r.longest is not None]
    if least > min([job.effort, *longest]):
        return [plain]
    long = Shape(
        job.effort,
        least,
        job.max_chunks,
        {p: Segments(None, None, r.longest) for p, r in rules.items()},
    )
    return [long] if least == job.min_chunk else [plain, long]
