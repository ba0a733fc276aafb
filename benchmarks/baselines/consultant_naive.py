"""The CP-SAT model a user writes in an afternoon for a consultant scenario (``naive``).

What the library's model is compared with: the obvious formulation on **real time**, one
variable per slot of the scenario's grid (one hour for the generated scenarios), read off the
scenario as the library compiles it (:func:`mission_planner.problem.compile_problem`: jobs,
able people, calendars, costs — the data, not the model). For each job (mission task or
engagement), each able person and ``k < min(max_chunks, effort // min_session)``, an optional
*chunk* interval ``[s, e)`` of real slots:

- ``s`` is one of the person's free working slots inside the job's window (release to
  deadline), ``e - 1`` another;
- the work it holds is the number of the person's free working slots in ``[s, e)``, read from
  the cumulative table ``W_p[t]`` (free slots before ``t``) by two ``Element`` constraints:
  ``work = W_p[e] - W_p[s]``, at least the minimum session when present, 0 when absent;
- per person, ``NoOverlap`` over the chunk intervals;
- per job: the work sums to the effort, at most ``max_chunks`` chunks over all people;
  finish ``F >= e`` and start ``S <= s`` of each present chunk; ``S_j >= F_i`` for each
  predecessor ``i``; engagements and tasks end by their deadline;
- partner caps (sum of work) and ``max_partners`` (a used flag per partner);
- tranches handled naively in the model, not ignored: ``z_jr`` assigns task ``j`` to tranche
  ``r < max_tranches``, deliveries ``D_r`` non-decreasing, ``z_jr => F_j <= D_r <= deadline_j``
  and ``L_j >= D_r - due_j``;
- objective with the scenario's weights, in the library's integer units:
  ``lateness * g * sum u_j L_j + sum cost_p * work + 60 * fragmentation * chunks
  + overtime * g * overtime slots`` (overtime by a cumulative table as well).

Non-working time and commitments are **not** fixed intervals in the NoOverlap, as a first
draft would have them: a chunk of the library may run across nights, lunch breaks, weekends,
holidays and the lead's meetings (a non-splittable task of 8 h spans a lunch break, a 14 h task
limited to 2 chunks a night, an engagement done in one block a week of meetings), which
intervals that avoid them cannot hold; with them, a non-splittable task longer than a half-day
is infeasible. Counting the free working slots inside ``[s, e)`` is the obvious fix, and what a
user arrives at the same afternoon. The model is then exact: every plan of the scenario is a
solution with the same objective (chunks that touch are merged when the plan is stated, which
can only lower the objective), so its CP-SAT bound is a bound on the scenario and its
"optimal" an optimum.

No symmetry breaking, no redundant cuts, no hints. The plan is stated as a library
:class:`~mission_planner.solution.Solution` (chunk ``[s, e)`` of person ``p`` -> positions
``W_p[s] .. W_p[e] - 1`` on ``p``'s working axis, touching chunks merged, unused tranches
dropped) and valued by :func:`mission_planner.solution.evaluate`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from benchmarks.baselines._common import Outcome, run_cpsat
from benchmarks.consultant import Instance, solution_outcome
from mission_planner.problem import OBJECTIVE_SCALE, Job, Problem, compile_problem
from mission_planner.scenario import Scenario
from mission_planner.solution import Chunk, Solution, normalized

MIN_SOLVE_TIME = 0.1
"""Seconds CP-SAT gets at least, whatever building the model took."""


@dataclass(frozen=True)
class ChunkVars:
    """One optional chunk interval of ``job`` by ``person`` on real slots ``[start, end)``."""

    job: str
    person: str
    present: cp_model.IntVar
    start: cp_model.IntVar
    end: cp_model.IntVar


@dataclass
class NaiveModel:
    """The model, and the variables a plan is read from."""

    problem: Problem
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    chunks: list[ChunkVars] = field(default_factory=list)
    tranche: dict[str, list[cp_model.IntVar]] = field(default_factory=dict)
    """``z_jr`` for each mission task ``j``."""
    delivery: list[cp_model.IntVar] = field(default_factory=list)
    before: dict[str, list[int]] = field(default_factory=dict)
    """``W_p[t]``: person ``p``'s free working slots before real slot ``t`` (``t <= H``)."""

    def variables(self) -> list[cp_model.IntVar]:
        """Every variable :meth:`decode` reads, in its order."""
        out = [v for c in self.chunks for v in (c.present, c.start, c.end)]
        out += [z for zs in self.tranche.values() for z in zs]
        return out + self.delivery

    def capture(self, value: Any) -> list[int]:
        """The values of :meth:`variables` in a solution (``value`` reads one)."""
        return [int(value(v)) for v in self.variables()]

    def decode(self, values: Sequence[int]) -> Solution:
        """The plan of a solution as a library :class:`Solution`."""
        it = iter(values)
        chunks = []
        for c in self.chunks:
            present, start, end = next(it), next(it), next(it)
            if present:
                worked = self.before[c.person]
                chunks.append(Chunk(c.job, c.person, worked[start], worked[end] - worked[start]))
        chosen = {job: [next(it) for _ in zs].index(1) for job, zs in self.tranche.items()}
        delivery = [next(it) for _ in self.delivery]
        used = sorted(set(chosen.values()))
        rank = {r: k for k, r in enumerate(used)}
        solution = Solution(
            chunks=chunks,
            tranche={job: rank[r] for job, r in chosen.items()},
            delivery=[delivery[r] for r in used],
        )
        return normalized(self.problem, solution)


def _window_slots(free: np.ndarray, job: Job) -> np.ndarray:
    """The person's free slots inside ``job``'s window ``[release, deadline)``."""
    return free[(free >= job.release) & (free < job.deadline)]


def build(problem: Problem) -> NaiveModel:
    """The naive model of ``problem`` (see the module docstring).

    Raises ``ValueError`` when a task has session rules, which the naive model does not state.
    """
    ruled = [job.id for job in problem.jobs if job.session is not None]
    if ruled:
        raise ValueError(f"tasks {ruled} have session rules, which the naive model does not state")
    nm = NaiveModel(problem)
    model = nm.model
    horizon = problem.timeline.grid.n_slots
    objective: list[Any] = []

    overtime_before: dict[str, list[int]] = {}
    for person in problem.people:
        axis = problem.timeline.person(person)
        before = np.searchsorted(axis.free, np.arange(horizon + 1), side="left")
        nm.before[person] = [int(x) for x in before]
        if axis.overtime.any():
            counted = np.concatenate(([0], np.cumsum(axis.overtime)))
            overtime_before[person] = [int(x) for x in counted[before]]

    intervals: dict[str, list[cp_model.IntervalVar]] = {p: [] for p in problem.people}
    work_of: dict[str, list[cp_model.IntVar]] = {p: [] for p in problem.people}
    present_of: dict[str, list[cp_model.IntVar]] = {p: [] for p in problem.people}
    finish: dict[str, cp_model.IntVar] = {}
    start: dict[str, cp_model.IntVar] = {}
    for job in problem.jobs:
        finish[job.id] = model.new_int_var(job.release, job.deadline, f"finish_{job.id}")
        start[job.id] = model.new_int_var(job.release, horizon, f"start_{job.id}")
        work: list[cp_model.IntVar] = []
        present: list[cp_model.IntVar] = []
        per_person = max(1, min(job.max_chunks, job.effort // job.min_chunk))
        for person in problem.able(job):
            slots = _window_slots(problem.timeline.person(person).free, job)
            if slots.size == 0:
                continue
            starts = cp_model.Domain.from_values([int(x) for x in slots])
            ends = cp_model.Domain.from_values([int(x) + 1 for x in slots])
            table = nm.before[person]
            for k in range(per_person):
                name = f"{job.id}_{person}_{k}"
                x = model.new_bool_var(f"present_{name}")
                s = model.new_int_var_from_domain(starts, f"start_{name}")
                e = model.new_int_var_from_domain(ends, f"end_{name}")
                size = model.new_int_var(1, horizon, f"span_{name}")
                intervals[person].append(model.new_optional_interval_var(s, size, e, x, name))
                at_start = model.new_int_var(0, table[-1], f"worked_before_start_{name}")
                at_end = model.new_int_var(0, table[-1], f"worked_before_end_{name}")
                model.add_element(s, table, at_start)
                model.add_element(e, table, at_end)
                w = model.new_int_var(0, job.effort, f"work_{name}")
                model.add(w == at_end - at_start).only_enforce_if(x)
                model.add(w >= job.min_chunk).only_enforce_if(x)
                model.add(w == 0).only_enforce_if(~x)
                model.add(finish[job.id] >= e).only_enforce_if(x)
                model.add(start[job.id] <= s).only_enforce_if(x)
                if person in overtime_before:
                    ot_table = overtime_before[person]
                    ot_start = model.new_int_var(0, ot_table[-1], f"overtime_before_start_{name}")
                    ot_end = model.new_int_var(0, ot_table[-1], f"overtime_before_end_{name}")
                    model.add_element(s, ot_table, ot_start)
                    model.add_element(e, ot_table, ot_end)
                    ot = model.new_int_var(0, job.effort, f"overtime_{name}")
                    model.add(ot == ot_end - ot_start).only_enforce_if(x)
                    model.add(ot == 0).only_enforce_if(~x)
                    objective.append(problem.overtime_cost * ot)
                cost = problem.people[person].cost_per_slot
                if cost:
                    objective.append(cost * w)
                work.append(w)
                present.append(x)
                work_of[person].append(w)
                present_of[person].append(x)
                nm.chunks.append(ChunkVars(job.id, person, x, s, e))
        model.add(sum(work) == job.effort)
        model.add(sum(present) <= job.max_chunks)
        if problem.chunk_cost:
            objective.append(problem.chunk_cost * sum(present))

    for job in problem.jobs:
        for pred in job.predecessors:
            model.add(start[job.id] >= finish[pred])

    for person, spans in intervals.items():
        model.add_no_overlap(spans)
        cap = problem.people[person].max_slots
        if cap is not None and work_of[person]:
            model.add(sum(work_of[person]) <= cap)
    if problem.max_partners is not None:
        used = []
        for person, flags in present_of.items():
            if problem.people[person].is_lead or not flags:
                continue
            u = model.new_bool_var(f"uses_{person}")
            for x in flags:
                model.add_implication(x, u)
            used.append(u)
        model.add(sum(used) <= problem.max_partners)

    tranches = problem.max_tranches
    nm.delivery = [model.new_int_var(0, horizon, f"delivery_{r}") for r in range(tranches)]
    for a, b in zip(nm.delivery, nm.delivery[1:], strict=False):
        model.add(a <= b)
    for job in problem.mission_jobs:
        assert job.due is not None  # mission tasks always have a due date
        z = [model.new_bool_var(f"tranche_{job.id}_{r}") for r in range(tranches)]
        model.add_exactly_one(z)
        late = model.new_int_var(0, horizon, f"lateness_{job.id}")
        for r, d in enumerate(nm.delivery):
            model.add(d >= finish[job.id]).only_enforce_if(z[r])
            model.add(d <= job.deadline).only_enforce_if(z[r])
            model.add(late >= d - job.due).only_enforce_if(z[r])
        nm.tranche[job.id] = z
        objective.append(problem.lateness_per_slot * job.urgency * late)

    model.minimize(sum(objective))
    return nm


def solve_scenario(
    scenario: Scenario, time_limit: float = 10.0, workers: int = 2, seed: int = 0
) -> tuple[Outcome, Problem, Solution | None]:
    """Build and solve the naive model of ``scenario`` within ``time_limit`` (model building
    included): the outcome, the compiled problem and the final plan (``None`` without one)."""
    t0 = time.perf_counter()
    nm = build(compile_problem(scenario))
    left = max(MIN_SOLVE_TIME, time_limit - (time.perf_counter() - t0))
    run = run_cpsat(nm.model, t0, left, workers, seed, capture=nm.capture)
    bound = run.outcome.bound
    outcome, solution = solution_outcome(
        nm.problem, run, nm.decode, bound=None if bound is None else bound / OBJECTIVE_SCALE
    )
    return outcome, nm.problem, solution


def solve(inst: Instance, time_limit: float = 10.0, workers: int = 2, seed: int = 0) -> Outcome:
    """The ``naive`` contender: :func:`solve_scenario` on the instance's scenario."""
    return solve_scenario(inst.scenario, time_limit, workers, seed)[0]
