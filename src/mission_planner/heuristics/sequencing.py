"""Fast path: one person, one chunk per job, no gaps — total weighted tardiness sequencing.

When a problem reduces to ``1 || sum w_j T_j`` (see :func:`sequencing_view`), the order alone
fixes every completion time ``C_j`` by prefix sums of efforts, and the objective is, up to a
constant, ``sum_j w_j max(0, C_j - d_j)``. Local search then needs no decoder: all moves of a
neighbourhood are priced at once with numpy.

Moves on positions ``i < j`` of the sequence change completion times inside ``[i, j]`` only
(the block keeps its length), so moves on disjoint blocks add up independently. The descent is
*dynasearch* (Congram, Potts & van de Velde 2002): price every swap and insert of every block,
then pick, by dynamic programming over positions, the best set of disjoint blocks to improve at
once. The iterated search kicks the current sequence (a few random swaps), descends again,
and goes back to the best sequence when kicks stop paying.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cache

import numpy as np

from mission_planner.problem import Problem

_SWAP, _FORWARD, _BACKWARD = 0, 1, 2

KICK_SWAPS = (2, 6)
"""A kick swaps this many (at least, at most) random pairs of jobs."""
RESTART_AFTER = 30
"""Kicks without a new best after which the search goes back to the best sequence."""


@dataclass(frozen=True)
class Sequencing:
    """A problem seen as ``1 || sum w_j T_j``: job ids with effort, weight and due date."""

    jobs: tuple[str, ...]
    p: np.ndarray
    w: np.ndarray
    d: np.ndarray

    def cost(self, sequence: np.ndarray) -> int:
        """``sum_j w_j max(0, C_j - d_j)`` of ``sequence`` (indices into ``jobs``)."""
        return weighted_tardiness(self.p, self.w, self.d, sequence)


def sequencing_view(problem: Problem) -> Sequencing | None:
    """View the problem as single-machine weighted tardiness, when it is one.

    It is one when every job is done by the same single person, in one chunk (``max_chunks``
    is 1, or the effort is less than two minimum chunks), released at 0, without predecessors;
    the person's working axis has no gap (``free == arange``) and no overtime; no session
    rule keeps a chunk from running on (see :mod:`mission_planner.sessions`); any deadline is
    at or after the total effort (so never binding); there are at least as many tranches as
    mission jobs; and the person is the lead, or a partner whose cap and the partner limit
    allow the whole work. Engagements count as jobs of weight 0.

    Parameters
    ----------
    problem
        The compiled problem.

    Returns
    -------
    Sequencing | None
        The view, or ``None`` when the problem is not of that kind.
    """
    jobs = problem.jobs
    if not jobs or problem.max_tranches < len(problem.mission_jobs):
        return None
    people = {p for job in jobs for p in job.people}
    if len(people) != 1 or any(len(job.people) != 1 for job in jobs):
        return None
    (person,) = people
    total = sum(job.effort for job in jobs)
    info = problem.people[person]
    if not info.is_lead and (
        (info.max_slots is not None and info.max_slots < total)
        or (problem.max_partners is not None and problem.max_partners < 1)
    ):
        return None
    time_ = problem.timeline.person(person)
    if time_.size < total or bool(np.asarray(time_.overtime[:total]).any()):
        return None
    if not np.array_equal(time_.free[:total], np.arange(total)):
        return None
    for job in jobs:
        one_chunk = job.max_chunks == 1 or job.effort < 2 * job.min_chunk
        if not one_chunk or job.predecessors or job.release != 0 or job.deadline < total:
            return None
        if job.session is not None or job.lags:
            return None
    p = np.array([job.effort for job in jobs], dtype=np.int64)
    w = np.array([job.urgency if job.is_mission else 0 for job in jobs], dtype=np.int64)
    d = np.array([job.due if job.due is not None else total for job in jobs], dtype=np.int64)
    return Sequencing(tuple(job.id for job in jobs), p, w, d)


def weighted_tardiness(p: np.ndarray, w: np.ndarray, d: np.ndarray, sequence: np.ndarray) -> int:
    """``sum_j w_j max(0, C_j - d_j)`` when jobs run back to back in ``sequence`` from 0."""
    seq = np.asarray(sequence, dtype=np.int64)
    completion = np.cumsum(p[seq])
    return int((w[seq] * np.maximum(0, completion - d[seq])).sum())


def atc_sequence(p: np.ndarray, w: np.ndarray, d: np.ndarray, lookahead: float) -> np.ndarray:
    """Apparent tardiness cost list schedule with look-ahead ``lookahead``.

    Next is the job of highest ``w_j / p_j * exp(-max(0, d_j - p_j - t) / (k * mean p))``.
    """
    n = len(p)
    scale = max(1e-9, lookahead * float(p.mean()))
    left = np.ones(n, dtype=bool)
    ratio = w / p
    t = 0
    out = np.empty(n, dtype=np.int64)
    for k in range(n):
        slack = np.maximum(0, d - p - t)
        index = np.where(left, ratio * np.exp(-slack / scale), -1.0)
        j = int(np.argmax(index))
        out[k] = j
        left[j] = False
        t += int(p[j])
    return out


@cache
def _masks(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``upper[i, j] = i < j`` and ``inside[i, j, k] = i < k < j`` for sequences of ``n`` jobs."""
    ks = np.arange(n)
    upper = ks[:, None] < ks[None, :]
    inside = (ks[None, None, :] > ks[:, None, None]) & (ks[None, None, :] < ks[None, :, None])
    return upper, inside


def _block_deltas(p: np.ndarray, w: np.ndarray, d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Best move of every block ``[i, j]`` of the current sequence (``p, w, d`` in sequence order).

    Returns ``(delta, kind)``, ``n x n`` arrays: the change of the objective of the best move
    on block ``[i, j]`` (``i < j``; the largest int64 elsewhere) and which move it is (swap
    ``i`` and ``j``, move ``i`` forward to ``j``, or move ``j`` backward to ``i``).
    """
    n = len(p)
    small = int(w.max(initial=0)) * int(p.sum()) * n < 2**30
    dtype = np.int32 if small else np.int64
    p, w, d = p.astype(dtype), w.astype(dtype), d.astype(dtype)
    c = np.cumsum(p, dtype=dtype)
    slack = c - d  # tardiness before weighting, may be negative
    tard = w * np.maximum(0, slack)
    start = c - p
    upper, inside = _masks(n)

    # forward insert i -> j: job i ends at C_j; jobs i+1..j end p_i earlier
    g = slack[None, :] - p[:, None]
    np.maximum(g, 0, out=g)
    g *= w
    g -= tard
    g *= upper
    g = np.cumsum(g, axis=1, dtype=dtype)  # g[i, j] = sum_{k=i+1..j}
    moved_i = c[None, :] - d[:, None]  # [i, j]: job i ending at C_j
    np.maximum(moved_i, 0, out=moved_i)
    moved_i *= w[:, None]
    moved_i -= tard[:, None]
    forward = moved_i + g

    # backward insert j -> i: job j ends at C_i - p_i + p_j; jobs i..j-1 end p_j later
    h = slack[None, :] + p[:, None]  # [j, k]
    np.maximum(h, 0, out=h)
    h *= w
    h -= tard
    h *= upper.T  # k < j
    hc: np.ndarray = np.cumsum(h, axis=1, dtype=dtype)
    middle_b = hc[:, -1:] - hc + h  # [j, i] = sum_{k=i..j-1} h[j, k]
    moved_j = start[None, :] + p[:, None] - d[:, None]  # [j, i]: job j ending at S_i + p_j
    np.maximum(moved_j, 0, out=moved_j)
    moved_j *= w[:, None]
    moved_j -= tard[:, None]
    backward = (moved_j + middle_b).T  # [i, j]

    # swap i, j: job i ends at C_j, job j at S_i + p_j, jobs between shift by p_j - p_i
    shift = p[None, :] - p[:, None]  # [i, j]
    mid = np.empty((n, n), dtype=dtype)
    rows = max(1, 400_000 // max(1, n * n))
    for i0 in range(0, n, rows):
        i1 = min(n, i0 + rows)
        later = slack[None, None, :] + shift[i0:i1, :, None]
        np.maximum(later, 0, out=later)
        later *= w
        later -= tard
        later *= inside[i0:i1]
        later.sum(axis=2, out=mid[i0:i1])
    swap = moved_i + moved_j.T + mid

    stacked = np.stack([swap, forward, backward]).astype(np.int64)
    kind = np.argmin(stacked, axis=0)
    best = np.take_along_axis(stacked, kind[None], axis=0)[0]
    delta = np.where(upper, best, np.iinfo(np.int64).max)
    return delta, kind


def _apply(sequence: np.ndarray, i: int, j: int, kind: int) -> None:
    """Apply move ``kind`` on block ``[i, j]`` of ``sequence`` in place."""
    if kind == _SWAP:
        sequence[i], sequence[j] = sequence[j], sequence[i]
    elif kind == _FORWARD:
        sequence[i : j + 1] = np.roll(sequence[i : j + 1], -1)
    else:
        sequence[i : j + 1] = np.roll(sequence[i : j + 1], 1)


def _dynasearch_step(view: Sequencing, sequence: np.ndarray) -> int:
    """One dynasearch move on ``sequence`` (in place); returns the objective change (<= 0).

    ``best[j]`` is the best total change on positions ``0..j-1`` from disjoint improving
    blocks: ``best[j + 1] = min(best[j], min_i best[i] + delta[i, j])``.
    """
    s = sequence
    delta, kind = _block_deltas(view.p[s], view.w[s], view.d[s])
    n = len(s)
    # only improving blocks matter; visit them by their last position
    ii, jj = np.nonzero(delta < 0)
    if ii.size == 0:
        return 0
    ends: dict[int, list[tuple[int, int]]] = {}
    for i, j, v in zip(ii.tolist(), jj.tolist(), delta[ii, jj].tolist(), strict=True):
        ends.setdefault(j, []).append((i, v))
    best = [0] * (n + 1)
    pick = [-1] * (n + 1)
    for j in range(n):
        b, p = best[j], -1
        for i, v in ends.get(j, ()):
            if best[i] + v < b:
                b, p = best[i] + v, i
        best[j + 1], pick[j + 1] = b, p
    j = n
    while j > 0:
        i = pick[j]
        if i < 0:
            j -= 1
            continue
        _apply(s, i, j - 1, int(kind[i, j - 1]))
        j = i
    return best[n]


@dataclass
class SearchStats:
    """How a sequencing search went."""

    evaluations: int = 0
    """Neighbourhood scans done."""
    kicks: int = 0
    seconds: float = 0.0
    best_at: float = 0.0
    """Seconds until the best sequence was found."""
    best_evaluation: int = 0
    """Scans done when the best sequence was found."""


def iterated_dynasearch(
    view: Sequencing,
    start: np.ndarray | None,
    *,
    seed: int,
    max_evaluations: int,
    time_limit: float,
    stats: SearchStats | None = None,
) -> np.ndarray:
    """Search ``1 || sum w_j T_j`` by iterated dynasearch.

    Starts from the best of ``start`` (if given), EDD and ATC sequences, descends with
    dynasearch, then repeats: kick the current sequence with 2 to 6 random swaps, descend, and
    keep the result as current if it is not worse; after :data:`RESTART_AFTER` kicks without a
    new best, go back to the best sequence.

    Parameters
    ----------
    view
        The sequencing problem.
    start
        An optional starting sequence (indices into ``view.jobs``).
    seed
        Seed of the random kicks.
    max_evaluations
        Budget of neighbourhood scans (each prices every swap and insert move of the current
        sequence at once). The search is deterministic for a given seed and budget.
    time_limit
        Safety cap in seconds.
    stats
        Filled with counts when given.

    Returns
    -------
    numpy.ndarray
        The best sequence found.
    """
    t0 = time.perf_counter()
    stats = stats if stats is not None else SearchStats()
    rng = np.random.default_rng(seed)
    n = len(view.p)
    starts = [np.argsort(view.d, kind="stable")]
    starts += [atc_sequence(view.p, view.w, view.d, k) for k in (0.5, 1.0, 2.0, 4.0)]
    if start is not None:
        starts.insert(0, np.asarray(start, dtype=np.int64))
    best = min(starts, key=view.cost).copy()
    best_cost = view.cost(best)
    if n < 2:
        return best

    def out_of_budget() -> bool:
        return stats.evaluations >= max_evaluations or time.perf_counter() - t0 > time_limit

    def descend(seq: np.ndarray, cost: int) -> int:
        while best_cost > 0 and not out_of_budget():
            stats.evaluations += 1
            change = _dynasearch_step(view, seq)
            if change == 0:
                break
            cost += change
        return cost

    best_cost = descend(best, best_cost)
    stats.best_at = time.perf_counter() - t0
    stats.best_evaluation = stats.evaluations
    current, current_cost = best.copy(), best_cost
    since = 0  # kicks since the last new best
    while best_cost > 0 and not out_of_budget():
        if since >= RESTART_AFTER:
            current, current_cost, since = best.copy(), best_cost, 0
        trial = current.copy()
        for _ in range(int(rng.integers(KICK_SWAPS[0], KICK_SWAPS[1] + 1))):
            i, j = rng.choice(n, size=2, replace=False)
            trial[i], trial[j] = trial[j], trial[i]
        stats.kicks += 1
        since += 1
        trial_cost = descend(trial, view.cost(trial))
        if trial_cost <= current_cost:
            current, current_cost = trial, trial_cost
        if trial_cost < best_cost:
            best, best_cost = trial.copy(), trial_cost
            stats.best_at = time.perf_counter() - t0
            stats.best_evaluation = stats.evaluations
            since = 0
    stats.seconds = time.perf_counter() - t0
    return best
