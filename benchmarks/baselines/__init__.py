"""Baselines the planner is compared with on the OR-Library weighted tardiness sets.

Each baseline is a function ``solve(instance, time_limit, workers, seed) -> Outcome``.
"""

from benchmarks.baselines._common import Outcome

__all__ = ["Outcome"]
