"""Run CP-SAT on a problem: parameters, warm start, status, solution extraction."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from ortools.sat import sat_parameters_pb2
from ortools.sat.python import cp_model

from mission_planner.cpsat.model import BuiltModel, build_model
from mission_planner.cpsat.relaxation import relaxed_bound
from mission_planner.cpsat.variables import JobVars, bounds
from mission_planner.problem import OBJECTIVE_SCALE, Problem, coordination_id
from mission_planner.progress import ProgressCallback, ProgressEvent
from mission_planner.solution import Chunk, Solution, finish_times, normalized

_STATUS_NAMES = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.UNKNOWN: "unknown",
    cp_model.MODEL_INVALID: "model_invalid",
}


RELAXATION_SHARE = 0.1
"""Share of the search's time the relaxed model (:mod:`.relaxation`) may use first."""
RELAXATION_SECONDS = 2.0
"""Most seconds the relaxed model may use."""


class ModelInvalidError(RuntimeError):
    """CP-SAT rejected the model: a bug in mission_planner, please report it."""


@dataclass
class SolveOutcome:
    """What CP-SAT returned, in solver-neutral terms."""

    status: str
    solution: Solution | None
    objective: int | None
    bound: int | None
    runtime: float
    first_solution_time: float | None = None
    best_solution_time: float | None = None
    log: list[tuple[float, float, float]] = field(default_factory=list)
    """``(seconds, objective, bound)`` each time a better solution was found."""
    floor: int | None = None
    """The relaxed model's bound given to the search as an objective floor (``None``: none)."""


def check_parameters(params: dict[str, Any]) -> None:
    """Raise ``ValueError`` naming any key that is not a CP-SAT parameter."""
    known = set(sat_parameters_pb2.SatParameters.DESCRIPTOR.fields_by_name)
    unknown = sorted(set(params) - known)
    if unknown:
        raise ValueError(f"solver_params: {unknown} are not CP-SAT parameters (SatParameters)")


class _Progress(cp_model.CpSolverSolutionCallback):
    """Records when solutions arrive and forwards them to ``report``."""

    def __init__(self, report: ProgressCallback | None, offset: float) -> None:
        super().__init__()
        self.t0 = time.perf_counter()
        self.offset = offset
        self.report = report
        self.log: list[tuple[float, float, float]] = []

    def on_solution_callback(self) -> None:
        elapsed = time.perf_counter() - self.t0
        self.log.append((elapsed, self.objective_value, self.best_objective_bound))
        if self.report is not None:
            self.report(
                ProgressEvent(
                    "cp-sat",
                    self.offset + elapsed,
                    self.objective_value / OBJECTIVE_SCALE,
                    self.best_objective_bound / OBJECTIVE_SCALE,
                )
            )


def solve(
    problem: Problem,
    *,
    time_limit: float,
    seed: int,
    workers: int,
    hint: Solution | None = None,
    params: dict[str, Any] | None = None,
    report: ProgressCallback | None = None,
    elapsed: float = 0.0,
    floor: int | None = None,
    relax: bool = True,
) -> SolveOutcome:
    """Build and solve the model; ``hint`` is a feasible solution used as warm start.

    ``floor`` (or, when ``None`` and ``relax``, the relaxed model's bound computed here by
    :func:`relaxation_floor`) is added as a floor on the objective, so the search stops as
    soon as a plan meets it.

    ``report`` receives a :class:`ProgressEvent` at each better solution (``elapsed`` is added
    to its clock, for time already spent before CP-SAT).
    """
    started = time.perf_counter()
    progress = _Progress(report, elapsed)
    if floor is None and relax:
        floor = relaxation_floor(problem, time_limit, seed, workers, params)
    built = build_model(problem)
    if floor is not None:
        _set_floor(built, floor)
    if hint is not None:
        _add_hint(built, problem, hint)
    left = time_limit - (time.perf_counter() - started)
    solver = _solver(left, seed, workers, params)
    code = solver.solve(built.model, progress)
    status = _STATUS_NAMES[code]
    if status == "model_invalid":
        raise ModelInvalidError(built.model.validate() or "CP-SAT reported MODEL_INVALID")
    solution = None
    objective = bound = None
    if status in ("optimal", "feasible"):
        solution = _extract(built, problem, solver)
        objective = round(solver.objective_value)
        bound = round(solver.best_objective_bound)
    elif status == "unknown":
        bound = round(solver.best_objective_bound) if solver.best_objective_bound > -1e18 else None
    log = progress.log
    return SolveOutcome(
        status=status,
        solution=solution,
        objective=objective,
        bound=bound,
        runtime=time.perf_counter() - started,
        first_solution_time=log[0][0] if log else None,
        best_solution_time=log[-1][0] if log else None,
        log=log,
        floor=floor,
    )


def relaxation_floor(
    problem: Problem,
    time_limit: float,
    seed: int,
    workers: int,
    params: dict[str, Any] | None = None,
) -> int | None:
    """The relaxed model's bound, within :data:`RELAXATION_SHARE` of ``time_limit``.

    When ``params`` set ``max_deterministic_time``, the relaxation gets the same share of it.
    """
    work = (params or {}).get("max_deterministic_time")
    return relaxed_bound(
        problem,
        time_limit=min(RELAXATION_SECONDS, RELAXATION_SHARE * time_limit),
        seed=seed,
        workers=workers,
        work_limit=None if work is None else RELAXATION_SHARE * float(work),
    )


def conflicting_deadlines(
    problem: Problem, *, time_limit: float, seed: int, workers: int
) -> list[str] | None:
    """Mission tasks whose deadlines cannot all hold together (an infeasible subset).

    ``[]`` when the model is infeasible even with every mission deadline at the horizon's end;
    ``None`` when the search ran out of time (or found the deadlines compatible).
    """
    built = build_model(problem, explain_deadlines=True)
    solver = _solver(time_limit, seed, workers, None)
    code = solver.solve(built.model)
    if code != cp_model.INFEASIBLE:
        return None
    by_index = {lit.index: job for job, lit in built.deadline_literals.items()}
    return [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in by_index]


def _solver(
    time_limit: float, seed: int, workers: int, params: dict[str, Any] | None
) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, float(time_limit))
    solver.parameters.random_seed = int(seed)
    solver.parameters.num_workers = int(workers)
    for key, value in (params or {}).items():
        setattr(solver.parameters, key, value)
    return solver


def _set_floor(built: BuiltModel, floor: int) -> None:
    """Give the objective the domain ``[floor, +inf)`` (CP-SAT's own objective bound).

    A constraint ``objective >= floor`` would do the same in theory, but it slows CP-SAT's
    search down (measured on M-000: the optimum not found within the work that finds and proves
    it without the constraint); the objective's domain is read by presolve as a bound only.
    """
    objective = built.model.proto.objective
    inner = floor - round(objective.offset)
    objective.domain.extend([inner, 2**62])


def _ordered_cells(jv: JobVars) -> list[str]:
    return list(jv.chunks[0]) if jv.chunks else []


def _add_hint(built: BuiltModel, problem: Problem, hint: Solution) -> None:
    """Warm start: map the hint's chunks onto chunk slots in the model's symmetry-broken order."""
    hint = normalized(problem, hint)
    by_job: dict[str, list[Chunk]] = {}
    for piece in hint.chunks:
        by_job.setdefault(piece.job, []).append(piece)
    finish = finish_times(problem, hint)
    model = built.model
    for job_id, jv in built.jobs.items():
        people = _ordered_cells(jv)
        chunks = sorted(
            by_job.get(job_id, []),
            key=lambda c: (people.index(c.person) if c.person in people else -1, c.start),
        )
        if len(chunks) > len(jv.chunks) or any(c.person not in people for c in chunks):
            continue  # the hint does not fit this model: leave it to the solver
        for k, slot in enumerate(jv.chunks):
            for person, cell in slot.items():
                chunk: Chunk | None = None
                if k < len(chunks) and chunks[k].person == person:
                    chunk = chunks[k]
                if chunk is None:
                    _hint(model, cell.present, 0)
                    _hint(model, cell.length, 0)
                    lo = bounds(cell.start)[0]
                    _hint(model, cell.start, lo)
                    _hint(model, cell.end, lo)
                else:
                    _hint(model, cell.present, 1)
                    _hint(model, cell.start, chunk.start)
                    _hint(model, cell.length, chunk.length)
                    _hint(model, cell.end, chunk.end)
        _hint(model, jv.finish, finish.get(job_id, 0))
        if jv.lateness is not None and jv.job.due is not None and hint.delivery:
            delivered = hint.delivery[hint.tranche[job_id]]
            _hint(model, jv.lateness, max(0, delivered - jv.job.due))
    _hint_coordination(built, problem, hint)
    if built.tranches.delivery and hint.delivery:
        for job_id, lits in built.tranches.assign.items():
            for r, lit in enumerate(lits):
                _hint(model, lit, int(hint.tranche.get(job_id) == r))
        for r, var in enumerate(built.tranches.delivery):
            _hint(model, var, hint.delivery[min(r, len(hint.delivery) - 1)])


def _hint_coordination(built: BuiltModel, problem: Problem, hint: Solution) -> None:
    """Hint the coordination blocks, in time order per kind (absent blocks sit at ``[0, 0)``)."""
    given: dict[str, list[Chunk]] = {}
    for c in sorted(hint.coordination, key=lambda c: c.start):
        given.setdefault(c.job, []).append(c)
    model = built.model
    for partner in built.coordination:
        used = any(c.person == partner.partner for c in hint.chunks)
        _hint(model, partner.used, int(used))
        taken: dict[str, int] = {}
        for block in partner.blocks:
            name = coordination_id(block.kind, partner.partner)
            k = taken.get(name, 0)
            taken[name] = k + 1
            mine = given.get(name, []) if used else []
            chunk = mine[k] if k < len(mine) else None
            start, length = (chunk.start, chunk.length) if chunk is not None else (0, 0)
            if block.present is not partner.used:
                _hint(model, block.present, int(chunk is not None))
            _hint(model, block.start, start)
            _hint(model, block.length, length)
            _hint(model, block.end, start + length)


def _hint(model: cp_model.CpModel, var: Any, value: int) -> None:
    if isinstance(var, cp_model.IntVar) and not _is_constant(var):
        model.add_hint(var, value)


def _is_constant(var: cp_model.IntVar) -> bool:
    domain = var.proto.domain
    return len(domain) == 2 and domain[0] == domain[1]


def _extract(built: BuiltModel, problem: Problem, solver: cp_model.CpSolver) -> Solution:
    chunks = []
    for job_id, jv in built.jobs.items():
        for slot in jv.chunks:
            for person, cell in slot.items():
                present = _is_constant(cell.present) or solver.boolean_value(cell.present)
                if present:
                    length = solver.value(cell.length)
                    if length > 0:
                        chunks.append(Chunk(job_id, person, solver.value(cell.start), length))
    solution = Solution(chunks=chunks)
    for partner in built.coordination:
        if not solver.boolean_value(partner.used):
            continue
        for block in partner.blocks:
            if not solver.boolean_value(block.present):
                continue
            length = block.length if isinstance(block.length, int) else solver.value(block.length)
            if length > 0:
                solution.coordination.append(
                    Chunk(
                        coordination_id(block.kind, partner.partner),
                        problem.lead,
                        solver.value(block.start),
                        length,
                    )
                )
    finish = finish_times(problem, solution)
    mission = [j.id for j in problem.mission_jobs]
    if built.tranches.assign:
        chosen = {
            j: next(r for r, lit in enumerate(lits) if solver.boolean_value(lit))
            for j, lits in built.tranches.assign.items()
        }
    else:
        distinct = sorted({finish[j] for j in mission})
        chosen = {j: distinct.index(finish[j]) for j in mission}
    used = sorted(set(chosen.values()))
    renumber = {old: new for new, old in enumerate(used)}
    solution.tranche = {j: renumber[r] for j, r in chosen.items()}
    solution.delivery = []
    for k in range(len(used)):
        members = [finish[j] for j, r in solution.tranche.items() if r == k]
        previous = solution.delivery[-1] if solution.delivery else 0
        solution.delivery.append(max(previous, *members))
    return normalized(problem, solution)
