"""What every contender returns, and the CP-SAT pieces the CP-SAT baselines share."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

Trace = tuple[tuple[float, float], ...]
"""Improving solutions of a run: ``(seconds from the start of the call, objective)``, in time
order, each objective lower than the one before."""


class Outcome(NamedTuple):
    """One contender's run on one instance.

    ``status`` is one of "optimal", "feasible", "infeasible", "unknown" (no solution in time).
    Times are wall-clock seconds from the call (model building included); the time to first
    and best solution are ``None`` when the contender does not report them.

    The last fields are optional diagnostics: ``violations`` is ``len(check(scenario, plan))``
    for contenders whose plan the library's checker can read; ``heuristic_time`` is when the
    warm-start heuristic ended, ``cpsat_first_time`` the time from CP-SAT's start to its first
    solution (``PlanResult.first_solution_time``) and ``build_time`` the time to compile the
    scenario and build the CP-SAT model, measured apart after the run. ``trace`` lists the
    improving solutions (:data:`Trace`), in the same units as ``objective``.
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
    trace: Trace | None = None


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


def improving(points: list[tuple[float, float]]) -> Trace:
    """The points of ``points`` (in time order) that improve on every earlier one."""
    out: list[tuple[float, float]] = []
    for t, value in points:
        if not out or value < out[-1][1]:
            out.append((t, value))
    return tuple(out)


Capture = Callable[[Callable[[Any], int]], Any]
"""Reads what a caller needs from a solution, given ``value(var)``: called with the solution
callback's ``value`` on each improving solution, and with the solver's after the solve."""


@dataclass
class Improvement:
    """A better solution: when (seconds from ``t0``), CP-SAT's objective, what was captured."""

    time: float
    objective: float
    captured: Any = None


@dataclass
class CpsatRun:
    """A CP-SAT solve: the outcome, the captured final solution and every improvement."""

    outcome: Outcome
    final: Any = None
    improvements: list[Improvement] = field(default_factory=list)


def recorder(t0: float, capture: Capture | None = None) -> cp_model.CpSolverSolutionCallback:
    """A solution callback listing the improving solutions (attribute ``improvements``), with
    times relative to ``t0`` and, if ``capture`` is given, what it reads of each."""
    from ortools.sat.python import cp_model

    class _Recorder(cp_model.CpSolverSolutionCallback):
        def __init__(self) -> None:
            super().__init__()
            self.improvements: list[Improvement] = []

        def on_solution_callback(self) -> None:
            now = time.perf_counter() - t0
            value = self.objective_value
            if self.improvements and value >= self.improvements[-1].objective:
                return
            captured = capture(self.value) if capture is not None else None
            self.improvements.append(Improvement(now, value, captured))

    return _Recorder()


def run_cpsat(
    model: cp_model.CpModel,
    t0: float,
    time_limit: float,
    workers: int,
    seed: int,
    capture: Capture | None = None,
) -> CpsatRun:
    """Solve a CP-SAT model with the run's settings; times are measured from ``t0``.

    The outcome's objective, bound and trace are CP-SAT's; a caller whose objective differs
    (a plan valued by the library) replaces them from ``final`` and ``improvements``.
    """
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    callback = recorder(t0, capture)
    code = solver.solve(model, callback)
    status = cpsat_status(solver.status_name(code))
    has_solution = status in ("optimal", "feasible")
    found: list[Improvement] = callback.improvements  # type: ignore[attr-defined]
    outcome = Outcome(
        objective=solver.objective_value if has_solution else None,
        bound=solver.best_objective_bound if status != "infeasible" else None,
        status=status,
        time_to_first=found[0].time if found else None,
        time_to_best=found[-1].time if found else None,
        total_time=time.perf_counter() - t0,
        trace=tuple((i.time, i.objective) for i in found),
    )
    final = capture(solver.value) if has_solution and capture is not None else None
    return CpsatRun(outcome, final, found)


def solve_cpsat(
    model: cp_model.CpModel, t0: float, time_limit: float, workers: int, seed: int
) -> Outcome:
    """Solve a CP-SAT model with the run's settings; times are measured from ``t0``."""
    return run_cpsat(model, t0, time_limit, workers, seed).outcome
