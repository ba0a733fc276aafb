"""Gap over time: how close each contender's best plan so far is to the best known value.

Each CSV row carries the run's improving solutions (column ``trace``: ``[[seconds, objective],
...]`` from the start of the call). At time ``t`` a run's incumbent is the last trace point at
or before ``t``; its distance to the instance's best known value ``b`` is the *primal gap*
(Berthold 2013, "Measuring the impact of primal heuristics"), in percent:

``100 * |v - b| / max(|v|, |b|)`` (0 when ``v == b``), and 100 when the run has no plan yet,
when ``v`` and ``b`` have opposite signs, or when the run's final plan fails the checker.

It lies in ``[0, 100]`` whatever the instance, so means over instances are meaningful and a run
without a plan counts fully. The best known value of an instance is the one of
:func:`benchmarks.report.best_values`: the lowest objective of a valid plan in the run or the
reference value (the optimum, the best known value, or the generator's reference plan).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from benchmarks.runner import parse_trace

NO_PLAN = 100.0
"""The primal gap of a run without a (valid) plan, in percent."""


def primal_gap(value: float | None, best: float | None) -> float:
    """Berthold's primal gap of ``value`` to ``best``, in percent (100 without a plan)."""
    if value is None or best is None:
        return NO_PLAN
    if math.isclose(value, best, rel_tol=1e-9, abs_tol=1e-9):
        return 0.0
    if value * best < 0:
        return NO_PLAN
    return min(NO_PLAN, 100.0 * abs(value - best) / max(abs(value), abs(best)))


def _num(text: str | None) -> float | None:
    return float(text) if text not in (None, "") else None


def run_points(row: dict[str, str]) -> list[tuple[float, float]]:
    """A row's improving solutions; rows written before traces were recorded give their final
    plan at its time to best (or total time); a plan that fails the checker gives none."""
    if row.get("violations", "") not in ("", "0"):
        return []
    points = parse_trace(row.get("trace"))
    objective = _num(row.get("objective"))
    if not points and objective is not None:
        when = _num(row.get("time_to_best")) or _num(row.get("total_time")) or 0.0
        points = [(when, objective)]
    return points


def incumbents(points: Sequence[tuple[float, float]], times: np.ndarray) -> list[float | None]:
    """The best objective found by each of ``times`` (``None`` before the first plan)."""
    out: list[float | None] = []
    k = 0
    best: float | None = None
    for t in times:
        while k < len(points) and points[k][0] <= t:
            value = points[k][1]
            best = value if best is None else min(best, value)
            k += 1
        out.append(best)
    return out


def mean_gaps(
    rows: list[dict[str, str]], contenders: Sequence[str], times: np.ndarray
) -> dict[str, np.ndarray]:
    """Per contender with rows: the mean primal gap (%) over its instances at each of ``times``."""
    from benchmarks.report import best_values

    best = {i: known for i, (known, _) in best_values(rows).items()}
    out: dict[str, np.ndarray] = {}
    for name in contenders:
        mine = [r for r in rows if r["contender"] == name]
        if not mine:
            continue
        gaps = np.array(
            [
                [primal_gap(v, best[int(r["instance"])]) for v in incumbents(run_points(r), times)]
                for r in mine
            ]
        )
        out[name] = gaps.mean(axis=0)
    return out


def time_grid(rows: list[dict[str, str]], points: int = 200) -> np.ndarray:
    """Log-spaced times from 10 ms to past the longest run (or the time limit)."""
    longest = max(
        [_num(r.get("total_time")) or 0.0 for r in rows]
        + [_num(r.get("time_limit")) or 0.0 for r in rows]
        + [0.1]
    )
    return np.geomspace(0.01, 1.05 * longest, points)
