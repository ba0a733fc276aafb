"""The ``consultant`` suite: generated scenarios and the contenders that plan them.

Instances come from :mod:`benchmarks.generators` (instance index = generator seed). Each
contender gets the same validated :class:`~mission_planner.Scenario` and is timed from the
call on (generation is not timed). Every plan goes through the library's independent checker,
``len(check(scenario, plan))`` is recorded as ``violations`` (it must be 0).

- ``ours``: :func:`mission_planner.plan` with default settings (heuristic warm start, CP-SAT);
- ``dispatch``: the library's list scheduling alone — :func:`mission_planner.heuristics.dispatch`
  (EDD, least slack and ATC priority rules, engagements early or late, optimal tranches, a short
  repair when no rule meets every deadline) on ``compile_problem(scenario)``, valued by
  :func:`mission_planner.solution.evaluate`: what heuristic schedulers do;
- ``cpsat-cold``: ``plan(..., warm_start=False)``: our CP-SAT model without the warm start.

PyJobShop is not offered (see ``benchmarks.suites.CONSULTANT.not_offered``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import pandas as pd

from benchmarks.baselines._common import Outcome
from benchmarks.generators import Generated, generate_with_reference, reference_solution
from mission_planner import Scenario, check, plan
from mission_planner.problem import Problem, compile_problem
from mission_planner.solution import Solution, evaluate


@dataclass(frozen=True)
class Instance:
    """Generated scenario ``size``/``index`` (the seed).

    ``reference`` is the objective of the generator's reference plan (a feasible plan, not a
    best known value: ``gap_reference`` is ``False``); ``None`` when not computed.
    """

    size: str
    index: int
    scenario: Scenario
    generated: Generated
    reference: float | None = None
    optimal: bool = False
    gap_reference: bool = False

    @property
    def name(self) -> str:
        """Short name, e.g. ``M-002``."""
        return f"{self.size}-{self.index:03d}"


def load_instance(size: str, index: int, reference: bool = True) -> Instance:
    """The scenario of ``size`` for seed ``index``, and its reference plan's objective."""
    generated = generate_with_reference(size, index)
    value = None
    if reference:
        problem = compile_problem(generated.scenario)
        value = evaluate(problem, reference_solution(generated, problem)).objective
    return Instance(size, index, generated.scenario, generated, value)


# ---------------------------------------------------------------------------- plan tables
@dataclass(frozen=True)
class Tables:
    """What :func:`mission_planner.check` reads, for a plan that is not a ``PlanResult``."""

    has_plan: bool
    schedule: pd.DataFrame
    deliveries: pd.DataFrame
    tranches: pd.DataFrame


def tables(problem: Problem, solution: Solution) -> Tables:
    """The result tables of ``solution``, as the library writes them."""
    from mission_planner.frames import delivery_frame, schedule_frame, tranche_frame

    return Tables(
        True,
        schedule_frame(problem, solution),
        delivery_frame(problem, solution),
        tranche_frame(problem, solution),
    )


def solution_violations(problem: Problem, solution: Solution) -> int:
    """``len(check(scenario, tables))`` of a solver-level solution."""
    return len(check(problem.scenario, tables(problem, solution)))


# ---------------------------------------------------------------------------- contenders
def _plan(
    inst: Instance, time_limit: float, workers: int, seed: int, warm_start: bool
) -> tuple[Outcome, Any]:
    scenario = inst.scenario
    t0 = time.perf_counter()
    first: float | None = None
    heuristic: float | None = None
    improvements: list[tuple[float, float]] = []

    def on_progress(event: Any) -> None:
        nonlocal first, heuristic
        now = time.perf_counter() - t0
        if event.phase == "heuristic":
            heuristic = now
        if event.objective is None:
            return
        if first is None:
            first = now
        if not improvements or event.objective < improvements[-1][1]:
            improvements.append((now, event.objective))

    result = plan(
        scenario,
        time_limit=time_limit,
        seed=seed,
        workers=workers,
        warm_start=warm_start,
        progress=on_progress,
    )
    total = time.perf_counter() - t0
    objective = None if result.objective is None else float(result.objective)
    best = None
    if objective is not None:
        # the first moment a plan as good as the final one was known
        best = next((t for t, v in improvements if v <= objective + 1e-9), total)
    outcome = Outcome(
        objective=objective,
        bound=None if result.bound is None else float(result.bound),
        status=result.status.value,
        time_to_first=first,
        time_to_best=best,
        total_time=total,
        violations=len(check(scenario, result)) if result.has_plan else None,
        heuristic_time=heuristic,
        cpsat_first_time=result.first_solution_time,
    )
    return outcome, result


def model_build_time(scenario: Scenario) -> float:
    """Seconds to compile ``scenario`` and build its CP-SAT model (no solve)."""
    from mission_planner.cpsat.model import build_model

    t0 = time.perf_counter()
    build_model(compile_problem(scenario))
    return time.perf_counter() - t0


def solve_ours(
    inst: Instance, time_limit: float = 10.0, workers: int = 2, seed: int = 0
) -> Outcome:
    """``mission_planner.plan`` with default settings; then the model build time, apart."""
    outcome, _ = _plan(inst, time_limit, workers, seed, warm_start=True)
    return outcome._replace(build_time=model_build_time(inst.scenario))


def solve_cold(
    inst: Instance, time_limit: float = 10.0, workers: int = 2, seed: int = 0
) -> Outcome:
    """``mission_planner.plan(warm_start=False)``: CP-SAT on our model, no heuristic hint."""
    outcome, _ = _plan(inst, time_limit, workers, seed, warm_start=False)
    return outcome


def solve_dispatch(
    inst: Instance, time_limit: float = 10.0, workers: int = 1, seed: int = 0
) -> Outcome:
    """The library's dispatch (priority rules and list scheduling); no time limit, no bound."""
    from mission_planner.heuristics import dispatch

    del time_limit, workers, seed
    t0 = time.perf_counter()
    problem = compile_problem(inst.scenario)
    solution = dispatch(problem)
    total = time.perf_counter() - t0
    if solution is None:
        return Outcome(None, None, "unknown", None, None, total)
    return Outcome(
        objective=evaluate(problem, solution).objective,
        bound=None,
        status="feasible",
        time_to_first=total,
        time_to_best=total,
        total_time=total,
        violations=solution_violations(problem, solution),
        heuristic_time=total,
    )
