"""Dispatching rules, pure Python: earliest due date (EDD) and apparent tardiness cost (ATC).

What a planner does by hand: sort by due date, or, better, pick the job with the highest
``w_j / p_j * exp(-max(0, d_j - p_j - t) / (k * mean p))`` each time the machine is free
(Vepsalainen & Morton 1987). ATC is run for a few look-ahead values ``k`` and the best sequence
of all is kept. No bound.
"""

from __future__ import annotations

import math
import time

from benchmarks.baselines._common import Outcome, improving
from benchmarks.orlib import Instance

ATC_K = (0.5, 1.0, 2.0, 3.0, 4.0)
"""Look-ahead values tried for ATC (the usual range in the literature)."""


def edd(inst: Instance) -> list[int]:
    """Jobs by earliest due date (ties: larger ``w/p`` first, then index)."""
    return sorted(range(inst.n), key=lambda j: (inst.d[j], -inst.w[j] / inst.p[j], j))


def atc(inst: Instance, k: float) -> list[int]:
    """Apparent tardiness cost list schedule with look-ahead ``k``."""
    scale = k * sum(inst.p) / inst.n
    left = set(range(inst.n))
    sequence: list[int] = []
    now = 0
    while left:
        best = max(
            sorted(left),
            key=lambda j: (
                inst.w[j] / inst.p[j] * math.exp(-max(0, inst.d[j] - inst.p[j] - now) / scale)
            ),
        )
        sequence.append(best)
        left.remove(best)
        now += inst.p[best]
    return sequence


def best_sequence(inst: Instance) -> tuple[list[int], int]:
    """The best of EDD and ATC(k) for every ``k`` in :data:`ATC_K`, and its objective."""
    candidates = [edd(inst), *(atc(inst, k) for k in ATC_K)]
    scored = [(inst.objective(seq), i) for i, seq in enumerate(candidates)]
    value, i = min(scored)
    return candidates[i], value


def solve(inst: Instance, time_limit: float = 10.0, workers: int = 1, seed: int = 0) -> Outcome:
    """Best of EDD and ATC; ``time_limit``, ``workers`` and ``seed`` are unused (deterministic)."""
    del time_limit, workers, seed
    t0 = time.perf_counter()
    points: list[tuple[float, float]] = []
    for seq in (edd(inst), *(atc(inst, k) for k in ATC_K)):
        points.append((time.perf_counter() - t0, float(inst.objective(seq))))
    trace = improving(points)
    return Outcome(
        trace[-1][1],
        None,
        "feasible",
        trace[0][0],
        trace[-1][0],
        time.perf_counter() - t0,
        trace=trace,
    )
