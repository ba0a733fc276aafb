"""Baselines the planner is compared with.

OR-Library weighted tardiness: ``dispatch``, ``naive_cpsat``, ``pyjobshop``, each a function
``solve(instance, time_limit, workers, seed) -> Outcome``. Consultant scenarios:
``consultant_naive`` (the afternoon CP-SAT model) and ``consultant_pyjobshop`` (PyJobShop on the
non-splitting variant), with the same ``solve`` signature and a ``solve_scenario`` that also
returns the plan.
"""

from benchmarks.baselines._common import Outcome

__all__ = ["Outcome"]
