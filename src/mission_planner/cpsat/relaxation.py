r"""A lower bound before the search: who does how much, without the calendar.

The relaxed model keeps, for each job ``j`` and person ``p`` able to do it, only the hours
``w_{jp}`` that ``p`` works on ``j``:

.. math::

    \sum_p w_{jp} = E_j,\qquad x_{jp} = 0 \Rightarrow w_{jp} = 0,\qquad
    x_{jp} = 1 \Rightarrow w_{jp} \ge m_j\ (= E_j \text{ for a job in one piece})

with the partners' caps and ``max_partners``, the capacity cuts over every release-deadline
window (:func:`~mission_planner.cpsat.constraints.add_energy_cuts`) and the real-time lateness
cuts (:mod:`~mission_planner.cpsat.lateness`). Its objective counts the lateness those cuts
force, the partners' fees, one chunk per person who works on a job, and the lead's kick-off
and follow-up with each partner who works (overtime is not counted). Every plan gives a point
of this model with at most the plan's objective (``w`` = the plan's hours), so any bound it
proves is a bound of the full model. Without slots, chunk order and precedences it is small
and CP-SAT settles it quickly; its bound is fed to the full model as an objective floor, so
the search stops as soon as a plan meets it.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from mission_planner.cpsat.constraints import add_energy_cuts, add_partner_limits
from mission_planner.cpsat.lateness import add_lateness_cuts
from mission_planner.cpsat.objective import fragmentation_term, lateness_term, partner_term
from mission_planner.cpsat.variables import ChunkVars, JobVars
from mission_planner.problem import Job, Problem


def relaxed_bound(
    problem: Problem,
    *,
    time_limit: float,
    seed: int,
    workers: int,
    work_limit: float | None = None,
) -> int | None:
    """The best bound CP-SAT proves on the relaxed model (integer objective units).

    ``work_limit`` caps CP-SAT's deterministic time too (``max_deterministic_time``), so that a
    solve under a work limit does not depend on the clock. ``None`` when the relaxed model
    proves nothing in ``time_limit`` (or is infeasible: the full model then is too, which the
    search will find).
    """
    model = cp_model.CpModel()
    jobs = [_job_vars(model, problem, job) for job in problem.jobs]
    if any(not jv.chunks[0] for jv in jobs):
        return None
    add_partner_limits(model, problem, jobs)
    add_energy_cuts(model, problem, jobs)
    add_lateness_cuts(model, problem, jobs)
    model.minimize(
        cp_model.LinearExpr.sum(
            [
                lateness_term(problem, jobs),
                partner_term(problem, jobs),
                fragmentation_term(problem, jobs),
                _coordination(model, problem, jobs),
            ]
        )
    )
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, time_limit)
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = workers
    if work_limit is not None:
        solver.parameters.max_deterministic_time = max(0.001, work_limit)
    code = solver.solve(model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.UNKNOWN):
        bound = solver.best_objective_bound
        return round(bound) if bound > -1e18 else None
    return None


def _job_vars(model: cp_model.CpModel, problem: Problem, job: Job) -> JobVars:
    """One "chunk" per able person holding all of its hours on the job (no calendar)."""
    slot: dict[str, ChunkVars] = {}
    for person in problem.able(job):
        lo, hi = problem.window(job, person)
        cap = problem.people[person].max_slots
        most = min(job.effort, hi - lo, job.effort if cap is None else cap)
        if most < (job.effort if job.max_chunks == 1 else job.min_chunk):
            continue
        name = f"{job.id}@{person}"
        present = model.new_bool_var(f"x[{name}]")
        hours = model.new_int_var(0, most, f"w[{name}]")
        model.add(hours == 0).only_enforce_if(~present)
        least = job.effort if job.max_chunks == 1 else job.min_chunk
        model.add(hours >= least).only_enforce_if(present)
        start = model.new_constant(lo)
        end = model.new_int_var(lo, lo + most, f"e[{name}]")
        interval = model.new_optional_interval_var(start, hours, end, present, f"i[{name}]")
        slot[person] = ChunkVars(person, present, start, hours, end, interval)
    if slot:
        model.add(sum(c.length for c in slot.values()) == job.effort)
    horizon = problem.timeline.grid.n_slots
    jv = JobVars(job=job, chunks=[slot], finish=model.new_int_var(0, horizon, f"F[{job.id}]"))
    if job.is_mission and job.due is not None:
        jv.lateness = model.new_int_var(0, max(0, horizon - job.due), f"late[{job.id}]")
    return jv


def _coordination(
    model: cp_model.CpModel, problem: Problem, jobs: list[JobVars]
) -> cp_model.LinearExprT:
    r"""The lead's coordination: :math:`w_C g (K u_p + \lceil \sigma D_p / 1000 \rceil)`."""
    if not problem.coordination_cost or not (problem.kickoff or problem.share_milli):
        return 0
    terms: list[cp_model.LinearExprT] = []
    able = set(problem.coordinated_partners())
    for partner in problem.people:
        cells = [
            jv.chunks[0][partner] for jv in jobs if jv.job.is_mission and partner in jv.chunks[0]
        ]
        if partner not in able or not cells:
            continue
        used = model.new_bool_var(f"coordinates[{partner}]")
        for c in cells:
            model.add_implication(c.present, used)
        delegated = sum(c.length for c in cells)
        follow = model.new_int_var(0, problem.timeline.grid.n_slots, f"follow[{partner}]")
        model.add(1000 * follow >= problem.share_milli * delegated)
        terms.append(problem.coordination_cost * (problem.kickoff * used + follow))
    return cp_model.LinearExpr.sum(terms) if terms else 0
