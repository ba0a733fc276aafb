"""The CP-SAT model a user writes in an afternoon.

One fixed-length interval per job on ``[0, P]`` (``P = sum p``), ``NoOverlap`` over them,
``T_j = max(0, end_j - d_j)`` through ``add_max_equality``, and minimise ``sum_j w_j T_j``.
No symmetry breaking, no dominance rules, no hints.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from benchmarks.baselines._common import Outcome, solve_cpsat
from benchmarks.orlib import Instance


def build(inst: Instance) -> cp_model.CpModel:
    """The naive model of ``inst``."""
    model = cp_model.CpModel()
    horizon = sum(inst.p)
    intervals = []
    tardiness = []
    for j in range(inst.n):
        start = model.new_int_var(0, horizon - inst.p[j], f"start_{j}")
        end = model.new_int_var(inst.p[j], horizon, f"end_{j}")
        intervals.append(model.new_interval_var(start, inst.p[j], end, f"job_{j}"))
        late = model.new_int_var(0, horizon, f"tardiness_{j}")
        model.add_max_equality(late, [0, end - inst.d[j]])
        tardiness.append(late)
    model.add_no_overlap(intervals)
    model.minimize(sum(inst.w[j] * tardiness[j] for j in range(inst.n)))
    return model


def solve(inst: Instance, time_limit: float = 10.0, workers: int = 2, seed: int = 0) -> Outcome:
    """Solve the naive model with CP-SAT."""
    t0 = time.perf_counter()
    model = build(inst)
    return solve_cpsat(model, t0, time_limit, workers, seed)
