r"""Optimal tranches (the échéancier) for given finish times, by dynamic programming.

Once every mission job has a finish time ``F_j``, grouping the jobs into at most ``K`` tranches
is a small problem of its own. A tranche ``g`` is delivered at ``D_g = max_{j in g} F_j`` (a
later delivery only adds lateness) and costs ``sum_{j in g} u_j max(0, D_g - due_j)``; it is
allowed only if ``D_g <= deadline_j`` for each of its jobs. Some optimal grouping is contiguous
in finish order: moving a job to the earliest tranche delivered at or after its finish never
raises any cost nor breaks any deadline. So, with jobs sorted by finish,

.. math::

    V_k(j) = \min_{i \le j} \; V_{k-1}(i - 1) + c(i, j)

where ``c(i, j)`` is the cost of the tranche of sorted jobs ``i..j`` (infinite when it breaks a
deadline), and the answer is ``min_{k <= K} V_k(n - 1)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mission_planner.problem import Problem

SMALL = 24
"""Up to this many jobs, tranches are grouped in pure Python (numpy beyond)."""


@dataclass(frozen=True)
class TrancheGrouping:
    """Tranches of some jobs: ``tranche[i]`` for input job ``i``, and each tranche's delivery.

    ``cost`` is ``sum_j u_j max(0, delivery - due_j)`` in urgency-slots; ``violation`` is the
    total number of slots by which deliveries pass members' deadlines (0 when feasible).
    """

    tranche: list[int]
    delivery: list[int]
    cost: int
    violation: int


def assign_tranches(
    problem: Problem, finish: dict[str, int]
) -> tuple[dict[str, int], list[int]] | None:
    """Group the mission jobs into at most ``problem.max_tranches`` tranches, optimally.

    Parameters
    ----------
    problem
        The compiled problem (its mission jobs, their due dates, deadlines and urgencies).
    finish
        Real slot instant at which each mission job finishes.

    Returns
    -------
    tuple[dict[str, int], list[int]] | None
        ``(tranche, delivery)``: the 0-based tranche of each mission job and the delivery
        instant of each tranche (non-decreasing, none empty), minimising the weighted lateness
        ``sum_j urgency_j * max(0, delivery - due_j)``; ``None`` if no grouping delivers every
        job by its deadline.
    """
    jobs = problem.mission_jobs
    grouping = group_tranches(
        [finish[j.id] for j in jobs],
        [j.due if j.due is not None else j.deadline for j in jobs],
        [j.deadline for j in jobs],
        [j.urgency for j in jobs],
        problem.max_tranches,
    )
    if grouping.violation > 0:
        return None
    return {j.id: k for j, k in zip(jobs, grouping.tranche, strict=True)}, grouping.delivery


def group_tranches(
    finish: Sequence[int],
    due: Sequence[int],
    deadline: Sequence[int],
    urgency: Sequence[int],
    max_tranches: int,
) -> TrancheGrouping:
    """Best grouping of jobs into at most ``max_tranches`` tranches.

    Minimises the weighted lateness over groupings that meet every deadline; when none does,
    minimises the total deadline excess instead (``violation > 0``), which gives local search a
    measure of how far an order is from feasible.

    Parameters
    ----------
    finish, due, deadline, urgency
        Per job: finish instant, due instant, deadline instant and urgency.
    max_tranches
        Most tranches allowed (at least 1).

    Returns
    -------
    TrancheGrouping
        Tranches numbered ``0..k-1`` in delivery order.
    """
    n = len(finish)
    if n == 0:
        return TrancheGrouping([], [], 0, 0)
    if n <= SMALL:
        return _group_small(finish, due, deadline, urgency, max_tranches)
    f_all = np.asarray(finish, dtype=np.int64)
    order = np.argsort(f_all, kind="stable")
    f = f_all[order]
    u = np.asarray(urgency, dtype=np.int64)[order]
    du = np.asarray(due, dtype=np.int64)[order]
    dl = np.asarray(deadline, dtype=np.int64)[order]
    k_max = max(1, min(max_tranches, n))

    if k_max >= n:  # every job on its own tranche: lowest lateness, easiest deadlines
        cuts = list(range(1, n + 1))
    else:
        upper = np.triu(np.ones((n, n), dtype=bool))  # [i, j]: i <= j
        # lateness[k, j] = u_k max(0, f_j - due_k); cost(i, j) = sum_{k=i..j} lateness[k, j]
        lateness = (u[:, None] * np.maximum(0, f[None, :] - du[:, None])).astype(np.float64)
        lateness[~upper] = 0.0
        below = np.cumsum(lateness, axis=0)
        cost = below[np.arange(n), np.arange(n)][None, :] - np.vstack(
            [np.zeros((1, n)), below[:-1]]
        )
        # excess(i, j) = sum_{k=i..j} max(0, f_j - deadline_k)
        over = np.maximum(0, f[None, :] - dl[:, None]).astype(np.float64)
        over[~upper] = 0.0
        below_over = np.cumsum(over, axis=0)
        excess = below_over[np.arange(n), np.arange(n)][None, :] - np.vstack(
            [np.zeros((1, n)), below_over[:-1]]
        )
        feasible_cost = np.where(upper & (excess == 0), cost, np.inf)
        found = _best_cuts(feasible_cost, k_max)
        if found is None:
            found = _best_cuts(np.where(upper, excess, np.inf), k_max)
            assert found is not None  # with a finite matrix, one group is always possible
        cuts = found

    tranche_sorted = np.empty(n, dtype=np.int64)
    delivery: list[int] = []
    cost_total = 0
    violation = 0
    first = 0
    for k, last in enumerate(cuts):
        members = slice(first, last)
        d_k = int(f[last - 1])
        tranche_sorted[members] = k
        delivery.append(d_k)
        cost_total += int((u[members] * np.maximum(0, d_k - du[members])).sum())
        violation += int(np.maximum(0, d_k - dl[members]).sum())
        first = last
    tranche = np.empty(n, dtype=np.int64)
    tranche[order] = tranche_sorted
    return TrancheGrouping([int(t) for t in tranche], delivery, cost_total, violation)


def _group_small(
    finish: Sequence[int],
    due: Sequence[int],
    deadline: Sequence[int],
    urgency: Sequence[int],
    max_tranches: int,
) -> TrancheGrouping:
    """Pure-Python :func:`group_tranches`, faster than numpy for a few jobs."""
    n = len(finish)
    order = sorted(range(n), key=lambda i: finish[i])
    f = [finish[i] for i in order]
    u = [urgency[i] for i in order]
    du = [due[i] for i in order]
    dl = [deadline[i] for i in order]
    k_max = max(1, min(max_tranches, n))
    if k_max >= n:
        cuts = list(range(1, n + 1))
    else:
        inf = float("inf")
        cost = [[inf] * n for _ in range(n)]  # cost[i][j], inf when a deadline breaks
        excess = [[inf] * n for _ in range(n)]
        for j in range(n):
            c = e = 0
            for i in range(j, -1, -1):
                c += u[i] * max(0, f[j] - du[i])
                e += max(0, f[j] - dl[i])
                cost[i][j] = c if e == 0 else inf
                excess[i][j] = e
        found = _best_cuts_small(cost, k_max)
        if found is None:
            found = _best_cuts_small(excess, k_max)
            assert found is not None
        cuts = found
    tranche = [0] * n
    delivery: list[int] = []
    total = violation = first = 0
    for k, last in enumerate(cuts):
        d_k = f[last - 1]
        delivery.append(d_k)
        for q in range(first, last):
            tranche[order[q]] = k
            total += u[q] * max(0, d_k - du[q])
            violation += max(0, d_k - dl[q])
        first = last
    return TrancheGrouping(tranche, delivery, total, violation)


def _best_cuts_small(segment: list[list[float]], k_max: int) -> list[int] | None:
    """Pure-Python :func:`_best_cuts`."""
    n = len(segment)
    value = list(segment[0])
    parents: list[list[int]] = []
    best_k, best = 1, value[n - 1]
    for k in range(2, k_max + 1):
        new = [float("inf")] * n
        parent = [0] * n
        for j in range(k - 1, n):
            for i in range(k - 1, j + 1):
                v = value[i - 1] + segment[i][j]
                if v < new[j]:
                    new[j], parent[j] = v, i
        value = new
        parents.append(parent)
        if value[n - 1] < best:
            best_k, best = k, value[n - 1]
    if best == float("inf"):
        return None
    cuts = [n]
    j = n - 1
    for k in range(best_k, 1, -1):
        start = parents[k - 2][j]
        cuts.append(start)
        j = start - 1
    return sorted(cuts)


def _best_cuts(segment: np.ndarray, k_max: int) -> list[int] | None:
    """End indices (exclusive) of the groups of a min-cost partition into <= ``k_max`` groups.

    ``segment[i, j]`` is the cost of the group of sorted jobs ``i..j`` (``inf`` if forbidden).
    Among optimal partitions, the one with the fewest groups is returned.
    """
    n = segment.shape[0]
    value = segment[0].copy()  # value[j]: best cost of jobs 0..j in exactly one group
    parents: list[np.ndarray] = []
    best_k, best = 1, value[n - 1]
    for k in range(2, k_max + 1):
        # candidate[i, j] = value[i - 1] + segment[i, j], for i >= 1
        candidate = value[:-1, None] + segment[1:, :]
        arg = np.argmin(candidate, axis=0)
        value = candidate[arg, np.arange(n)]
        parents.append(arg + 1)
        if value[n - 1] < best:
            best_k, best = k, value[n - 1]
    if not np.isfinite(best):
        return None
    cuts = [n]
    j = n - 1
    for k in range(best_k, 1, -1):
        start = int(parents[k - 2][j])
        cuts.append(start)
        j = start - 1
    return sorted(cuts)


def deadline_targets(problem: Problem) -> dict[str, int]:
    """Finish targets that let at most ``max_tranches`` tranches meet every deadline.

    A tranche is delivered no later than the earliest deadline of its tasks, so with fewer
    tranches than distinct deadlines some tasks must finish before their own deadline. The
    tasks, sorted by deadline, are cut into at most ``max_tranches`` consecutive groups so that
    the total tightening ``sum_j (deadline_j - min deadline of j's group)`` is least (dynamic
    programming); each task's target is its group's earliest deadline.

    Parameters
    ----------
    problem
        The compiled problem.

    Returns
    -------
    dict[str, int]
        Target instant of each mission task whose target is before its deadline (empty when
        there are enough tranches).
    """
    jobs = sorted(problem.mission_jobs, key=lambda j: (j.deadline, j.id))
    if min(problem.max_tranches, len(jobs)) >= len({j.deadline for j in jobs}):
        return {}
    d = [j.deadline for j in jobs]
    targets: dict[str, int] = {}
    for i, j in _consecutive_groups(d, [1] * len(d), problem.max_tranches):
        for q in range(i, j + 1):
            if d[i] < d[q]:
                targets[jobs[q].id] = d[i]
    return targets


def due_groups(problem: Problem) -> dict[str, tuple[str, ...]]:
    """Groups of mission tasks meant to share a tranche, by due date.

    Tasks sharing a tranche are all delivered when the last of them finishes, so a group is
    on time only if all of it finishes by its earliest due date. The tasks, sorted by due date,
    are cut into at most ``max_tranches`` consecutive groups so that
    ``sum_j urgency_j (due_j - min due of j's group)`` (how much earlier than asked the group
    makes its tasks finish) is least.

    Parameters
    ----------
    problem
        The compiled problem.

    Returns
    -------
    dict[str, tuple[str, ...]]
        The group of each mission task (empty when every task can have its own tranche).
    """
    jobs = sorted(
        problem.mission_jobs, key=lambda j: (j.due if j.due is not None else j.deadline, j.id)
    )
    if problem.max_tranches >= len(jobs):
        return {}
    due = [j.due if j.due is not None else j.deadline for j in jobs]
    groups: dict[str, tuple[str, ...]] = {}
    for i, j in _consecutive_groups(due, [j.urgency for j in jobs], problem.max_tranches):
        members = tuple(jobs[q].id for q in range(i, j + 1))
        for member in members:
            groups[member] = members
    return groups


def _consecutive_groups(values: list[int], weights: list[int], k_max: int) -> list[tuple[int, int]]:
    """Cut sorted ``values`` into at most ``k_max`` runs ``[i, j]`` (inclusive), optimally.

    Minimises ``sum_q weights_q (values_q - values_i)`` over the runs, by dynamic programming;
    ties go to fewer runs, then to the earliest start of each last run.

    The run cost ``c(i, j)`` obeys the quadrangle inequality (a run starting at a smaller
    value gains more from each job added at its end), so the leftmost best start of the last
    run never moves left as ``j`` grows: each of the ``k`` rounds finds the best starts of
    every ``j`` by divide and conquer over ``j`` (kept on an explicit stack), in
    ``O(n log n)`` evaluations of ``c`` instead of ``O(n^2)``. More runs than distinct values
    never help (equal values make runs of cost 0), so ``k`` stops there.
    """
    n = len(values)
    k_max = max(1, min(k_max, n, len(set(values))))
    wv, ws = [0], [0]
    for x, w in zip(values, weights, strict=True):
        wv.append(wv[-1] + w * x)
        ws.append(ws[-1] + w)

    def cost(i: int, j: int) -> int:
        return wv[j + 1] - wv[i] - values[i] * (ws[j + 1] - ws[i])

    inf = float("inf")
    value: list[list[float]] = [[inf] * n for _ in range(k_max + 1)]
    parent = [[0] * n for _ in range(k_max + 1)]
    for j in range(n):
        value[1][j] = cost(0, j)
    for k in range(2, k_max + 1):
        before, row, starts = value[k - 1], value[k], parent[k]
        # (first j, last j, lowest start, highest start) still to solve
        pending = [(k - 1, n - 1, k - 1, n - 1)]
        while pending:
            lo, hi, first, last = pending.pop()
            if lo > hi:
                continue
            mid = (lo + hi) // 2
            best, start = inf, first
            for i in range(first, min(last, mid) + 1):
                v = before[i - 1] + cost(i, mid)
                if v < best:
                    best, start = v, i
            row[mid], starts[mid] = best, start
            pending.append((lo, mid - 1, first, start))
            pending.append((mid + 1, hi, start, last))
    k = min(range(1, k_max + 1), key=lambda q: (value[q][n - 1], q))
    runs: list[tuple[int, int]] = []
    j = n - 1
    while j >= 0:
        i = parent[k][j] if k > 1 else 0
        runs.append((i, j))
        j, k = i - 1, k - 1
    return runs[::-1]
