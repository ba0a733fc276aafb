"""PyJobShop on the non-splitting consultant scenarios (``pyjobshop`` in ``consultant-nosplit``).

PyJobShop 0.0.9 states the non-splitting variant of the generator
(:func:`benchmarks.generators.generate` with ``nosplit=True``) exactly, on real time (one unit
= one slot of the scenario's grid):

- one machine per person; the person's non-free time (nights, weekends, holidays, time off,
  the lead's fixed blocks, a partner's busy blocks) as machine **breaks**;
- one job per mission task (weight = urgency, release, due date, deadline) and per engagement
  (weight 0, its window), each with one task that may run across breaks
  (``allow_breaks=True``: it stops during a break and resumes after it, and nothing else runs
  on the machine in between — the library's chunk) and one mode of duration = effort on the
  machine of each person able to do it;
- predecessors as ``end_before_start``; a partner's cap on hours as a consumable resource of
  that capacity, which each of its modes consumes by the effort;
- objective ``weight_total_tardiness = 1``.

The variant delivers each task when it finishes (as many tranches as tasks), weighs only
lateness and the number of chunks (one per job: a constant) and has no ``max_partners``, so
the library's objective is ``lateness * g / 60 * sum u_j T_j + constant``: the same optimum,
and PyJobShop's bound converts to a bound on the scenario. A scenario outside that reach
(splittable work, fewer tranches than tasks, priced delegation, ``max_partners``, overtime) is
refused with a ``ValueError`` naming what PyJobShop cannot state.

The plan is stated as a library :class:`~mission_planner.solution.Solution` (each task's start
becomes the first free position at or after it on its person's working axis) and valued by
:func:`mission_planner.solution.evaluate`. PyJobShop's CP-SAT model
(``pyjobshop.solvers.ortools.CPModel``) is solved here with the run's parameters and a
solution callback (PyJobShop's own ``solve`` returns no solution times). Optional
(``pip install pyjobshop``): :data:`AVAILABLE` is ``False`` without it.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from benchmarks.baselines._common import Outcome, run_cpsat
from benchmarks.consultant import Instance, solution_outcome
from mission_planner.problem import OBJECTIVE_SCALE, Problem, compile_problem
from mission_planner.scenario import Scenario
from mission_planner.solution import Chunk, Solution

try:
    import pyjobshop
    from pyjobshop.solvers.ortools import CPModel
except ImportError:  # pragma: no cover - depends on the environment
    pyjobshop = None

AVAILABLE = pyjobshop is not None
MIN_SOLVE_TIME = 0.1
"""Seconds CP-SAT gets at least, whatever building the model took."""


def unsupported(problem: Problem) -> list[str]:
    """What in ``problem`` PyJobShop cannot state (empty when it states it exactly)."""
    out = []
    for job in problem.jobs:
        if job.max_chunks != 1:
            kind = "task" if job.is_mission else "engagement"
            out.append(
                f"{kind} {job.id} may be split into {job.max_chunks} chunks "
                "(PyJobShop has no preemption)"
            )
    ruled = [job.id for job in problem.jobs if job.session is not None]
    if ruled:
        out.append(f"tasks {ruled} have session rules (PyJobShop runs a task across breaks)")
    tasks = len(problem.mission_jobs)
    if problem.max_tranches < tasks:
        out.append(
            f"max_tranches={problem.max_tranches} is below the {tasks} tasks "
            "(PyJobShop delivers each job when it ends)"
        )
    if problem.max_partners is not None:
        out.append(f"max_partners={problem.max_partners} (PyJobShop cannot count machines used)")
    priced = [p.id for p in problem.people.values() if p.cost_per_slot]
    if priced:
        out.append(
            f"partners {priced} cost something in the objective (PyJobShop has no cost per machine)"
        )
    overtime = [p for p in problem.people if problem.timeline.person(p).overtime.any()]
    if overtime:
        out.append(f"{overtime} may work overtime (PyJobShop has no priced capacity)")
    return out


def breaks(free: np.ndarray, horizon: int) -> list[tuple[int, int]]:
    """The runs ``[start, end)`` of ``[0, horizon)`` that are not in ``free`` (ascending)."""
    busy = np.ones(horizon, dtype=bool)
    busy[free] = False
    edges = np.diff(np.concatenate(([0], busy.astype(np.int8), [0])))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True)]


def build(problem: Problem) -> tuple[Any, list[list[str]]]:
    """The PyJobShop model of ``problem`` and, per task (= per job), the person of each mode.

    Raises ``ValueError`` listing what PyJobShop cannot state (:func:`unsupported`).
    """
    if pyjobshop is None:
        raise RuntimeError("pyjobshop is not installed (pip install pyjobshop)")
    issues = unsupported(problem)
    if issues:
        raise ValueError(
            f"scenario {problem.scenario.name!r} is out of PyJobShop's reach: "
            + "; ".join(issues)
            + " (use the consultant-nosplit suite)"
        )
    horizon = problem.timeline.grid.n_slots
    model = pyjobshop.Model()
    machines = {
        p: model.add_machine(breaks=breaks(problem.timeline.person(p).free, horizon), name=p)
        for p in problem.people
    }
    caps = {
        p: model.add_consumable(capacity=person.max_slots, name=f"cap_{p}")
        for p, person in problem.people.items()
        if person.max_slots is not None
    }
    tasks = {}
    persons: list[list[str]] = []
    for job in problem.jobs:
        mission = job.is_mission and job.due is not None
        pj_job = model.add_job(
            weight=job.urgency if mission else 0,
            release_date=job.release,
            deadline=job.deadline,
            due_date=job.due if mission else job.deadline,
            name=job.id,
        )
        task = model.add_task(job=pj_job, allow_breaks=True, name=job.id)
        tasks[job.id] = task
        people = problem.able(job)
        for person in people:
            if person in caps:
                model.add_mode(
                    task, [machines[person], caps[person]], job.effort, demands=[0, job.effort]
                )
            else:
                model.add_mode(task, machines[person], duration=job.effort)
        persons.append(people)
    for job in problem.jobs:
        for pred in job.predecessors:
            model.add_end_before_start(tasks[pred], tasks[job.id])
    model.set_objective(weight_total_tardiness=1)
    return model, persons


def decoder(problem: Problem, persons: list[list[str]]) -> Any:
    """``decode(values)``: the plan of captured ``(start, mode flags...)`` values per task."""

    def decode(values: list[list[int]]) -> Solution:
        chunks = []
        finish: dict[str, int] = {}
        for job, people, (start, *flags) in zip(problem.jobs, persons, values, strict=True):
            person = people[flags.index(1)]
            axis = problem.timeline.person(person)
            position = axis.position_at_or_after(start)
            chunks.append(Chunk(job.id, person, position, job.effort))
            finish[job.id] = axis.real_end(position + job.effort)
        order = sorted(problem.mission_jobs, key=lambda j: (finish[j.id], j.id))
        return Solution(
            chunks=chunks,
            tranche={job.id: rank for rank, job in enumerate(order)},
            delivery=[finish[job.id] for job in order],
        )

    return decode


def solve_scenario(
    scenario: Scenario, time_limit: float = 10.0, workers: int = 2, seed: int = 0
) -> tuple[Outcome, Problem, Solution | None]:
    """Solve ``scenario`` with PyJobShop's CP-SAT model within ``time_limit`` (model building
    included): the outcome, the compiled problem and the final plan (``None`` without one)."""
    t0 = time.perf_counter()
    problem = compile_problem(scenario)
    model, persons = build(problem)
    data = model.data()
    wrapper = CPModel(data)
    variables = wrapper.variables

    def capture(value: Any) -> list[list[int]]:
        out = []
        for i in range(data.num_tasks):
            flags = [int(value(variables.mode_vars[m])) for m in data.task2modes(i)]
            out.append([int(value(variables.task_vars[i].start)), *flags])
        return out

    left = max(MIN_SOLVE_TIME, time_limit - (time.perf_counter() - t0))
    run = run_cpsat(wrapper.model, t0, left, workers, seed, capture=capture)
    bound = run.outcome.bound
    constant = problem.chunk_cost * len(problem.jobs)  # one chunk per job
    library_bound = (
        None if bound is None else (problem.lateness_per_slot * bound + constant) / OBJECTIVE_SCALE
    )
    outcome, solution = solution_outcome(
        problem, run, decoder(problem, persons), bound=library_bound
    )
    return outcome, problem, solution


def solve(inst: Instance, time_limit: float = 10.0, workers: int = 2, seed: int = 0) -> Outcome:
    """The ``pyjobshop`` contender: :func:`solve_scenario` on the instance's scenario."""
    return solve_scenario(inst.scenario, time_limit, workers, seed)[0]
