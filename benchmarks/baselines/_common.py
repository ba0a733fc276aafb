"""What every contender returns, and the CP-SAT pieces the CP-SAT baselines share."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ortools.sat.python import cp_model


class Outcome(NamedTuple):
    """One contender's run on one instance.

    ``status`` is one of "optimal", "feasible", "infeasible", "unknown" (no solution in time).
    Times are wall-clock seconds from the call (model building included); the time to first
    and best solution are ``None`` when the contender does not report them.

    The last fields are optional diagnostics: ``violations`` is ``len(check(scenario, plan))``
    for contenders whose plan the library's checker can read; ``heuristic_time`` is when the
    warm-start heuristic ended, ``cpsat_first_time`` the time from CP-SAT's start to its first
    solution (``PlanResult.first_solution_time``) and ``build_time`` the time to compile the
    scenario and build the CP-SAT model, measured apart after the run.
    """

    objective: float | None
    bound: float | None
    status: str
    time_to_first: float | None
    time_to_best: float | None
    total_time: float
    violations: int | None = None
    heuristic_time: float | None = None
    cpsat_first_time: float | None = None
    build_time: float | None = None


CPSAT_STATUS = {
    "OPTIMAL": "optimal",
    "FEASIBLE": "feasible",
    "INFEASIBLE": "infeasible",
    "UNKNOWN": "unknown",
}


def cpsat_status(name: str) -> str:
    """Our status string for a CP-SAT status name (MODEL_INVALID is a bug: raise)."""
    if name not in CPSAT_STATUS:
        raise RuntimeError(f"CP-SAT returned status {name}")
    return CPSAT_STATUS[name]


def progress_callback(t0: float) -> cp_model.CpSolverSolutionCallback:
    """A solution callback recording, relative to ``t0``, when the first and best solutions
    came (attributes ``first`` and ``best``, ``None`` until then)."""
    from ortools.sat.python import cp_model

    class _Progress(cp_model.CpSolverSolutionCallback):
        def __init__(self) -> None:
            super().__init__()
            self.first: float | None = None
            self.best: float | None = None
            self.best_value: float | None = None

        def on_solution_callback(self) -> None:
            now = time.perf_counter() - t0
            value = self.objective_value
            if self.first is None:
                self.first = now
            if self.best_value is None or value < self.best_value:
                self.best_value = value
                self.best = now

    return _Progress()


def solve_cpsat(
    model: cp_model.CpModel, t0: float, time_limit: float, workers: int, seed: int
) -> Outcome:
    """Solve a CP-SAT model with the run's settings; times are measured from ``t0``."""
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    progress = progress_callback(t0)
    code = solver.solve(model, progress)
    status = cpsat_status(solver.status_name(code))
    has_solution = status in ("optimal", "feasible")
    return Outcome(
        objective=solver.objective_value if has_solution else None,
        bound=solver.best_objective_bound if status != "infeasible" else None,
        status=status,
        time_to_first=progress.first,
        time_to_best=progress.best,
        total_time=time.perf_counter() - t0,
    )
