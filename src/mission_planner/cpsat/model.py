"""Assemble the CP-SAT model from a :class:`~mission_planner.problem.Problem`."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from mission_planner.cpsat.constraints import (
    add_chunk_rules,
    add_energy_cuts,
    add_finish,
    add_no_overlap,
    add_partner_limits,
    add_precedences,
)
from mission_planner.cpsat.coordination import CoordinationVars, add_coordination
from mission_planner.cpsat.deadline import BuildTimeoutError
from mission_planner.cpsat.deadline import check_deadline as _in_time
from mission_planner.cpsat.lags import add_lags
from mission_planner.cpsat.lateness import add_lateness_cuts
from mission_planner.cpsat.objective import (
    coordination_term,
    fragmentation_term,
    lateness_term,
    overtime_term,
    partner_term,
)
from mission_planner.cpsat.pins import add_pinned_starts
from mission_planner.cpsat.sessions import add_session_rules
from mission_planner.cpsat.stability import stability_term
from mission_planner.cpsat.tranches import TrancheVars, add_tranches
from mission_planner.cpsat.variables import JobVars, add_job_vars
from mission_planner.problem import Problem

__all__ = ["BuildTimeoutError", "BuiltModel", "build_model"]


@dataclass
class BuiltModel:
    """The model and handles to its variables."""

    model: cp_model.CpModel
    jobs: dict[str, JobVars]
    tranches: TrancheVars
    deadline_literals: dict[str, cp_model.IntVar]
    coordination: list[CoordinationVars]


def build_model(
    problem: Problem, *, explain_deadlines: bool = False, deadline: float | None = None
) -> BuiltModel:
    """Build the model.

    With ``explain_deadlines``, mission deadlines are enforced through assumption literals
    (and engagement deadlines stay hard) so that an infeasible model can name the deadlines
    that cannot hold together. With a ``deadline`` (a ``time.perf_counter()`` value), the
    clock is read before each job's finish, between constraint families and for each person
    in the cuts, and :class:`BuildTimeoutError` is raised once it has passed (large problems).
    """
    deadlines = {job.id: job.deadline for job in problem.mission_jobs}
    if explain_deadlines:
        problem = _relaxed(problem)
    model = cp_model.CpModel()
    jobs = {job.id: add_job_vars(model, problem, job) for job in problem.jobs}
    for jv in jobs.values():
        _in_time(deadline)
        add_chunk_rules(model, jv)
        add_session_rules(model, problem, jv)
        add_finish(model, problem, jv)
    listed = list(jobs.values())
    _in_time(deadline)
    coordination = add_coordination(model, problem, listed)
    _in_time(deadline)
    add_no_overlap(model, problem, listed, [b.interval for c in coordination for b in c.blocks])
    _in_time(deadline)
    add_precedences(model, problem, jobs)
    add_lags(model, problem, jobs)
    add_pinned_starts(model, problem, jobs)
    add_partner_limits(model, problem, listed)
    _in_time(deadline)
    add_energy_cuts(model, problem, listed, deadline=deadline)
    _in_time(deadline)
    tranches = add_tranches(model, problem, jobs)
    _in_time(deadline)
    add_lateness_cuts(model, problem, listed, deadline=deadline)
    _in_time(deadline)
    literals: dict[str, cp_model.IntVar] = {}
    if explain_deadlines:
        for job in problem.mission_jobs:
            lit = model.new_bool_var(f"deadline[{job.id}]")
            model.add(jobs[job.id].finish <= deadlines[job.id]).only_enforce_if(lit)
            for r, z in enumerate(tranches.assign.get(job.id, [])):
                model.add(tranches.delivery[r] <= deadlines[job.id]).only_enforce_if([lit, z])
            literals[job.id] = lit
        model.add_assumptions(list(literals.values()))
    model.minimize(
        cp_model.LinearExpr.sum(
            [
                lateness_term(problem, listed),
                partner_term(problem, listed),
                coordination_term(problem, coordination),
                fragmentation_term(problem, listed),
                overtime_term(model, problem, listed, coordination),
                stability_term(model, problem, jobs, tranches),
            ]
        )
    )
    return BuiltModel(
        model=model,
        jobs=jobs,
        tranches=tranches,
        deadline_literals=literals,
        coordination=coordination,
    )


def _relaxed(problem: Problem) -> Problem:
    """A copy of ``problem`` whose mission deadlines are moved to the horizon end."""
    horizon = problem.timeline.grid.n_slots
    return replace(
        problem,
        jobs=[replace(j, deadline=horizon) if j.is_mission else j for j in problem.jobs],
    )
