"""Objective terms of the CP-SAT model, one function each (all integer, see
:data:`mission_planner.problem.OBJECTIVE_SCALE`)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from mission_planner.cpsat.constraints import overtime_table
from mission_planner.cpsat.variables import JobVars
from mission_planner.problem import Problem


def lateness_term(problem: Problem, jobs: list[JobVars]) -> cp_model.LinearExprT:
    """:math:`w_L \\cdot g \\sum_j u_j L_j`: urgency-weighted slots late (``g`` = slot minutes)."""
    return sum(
        problem.lateness_per_slot * jv.job.urgency * jv.lateness
        for jv in jobs
        if jv.lateness is not None and jv.job.urgency
    )


def partner_term(problem: Problem, jobs: list[JobVars]) -> cp_model.LinearExprT:
    """:math:`\\sum_{j,k,p} c_p \\ell_{jkp}` where ``c_p`` prices a partner's slot: its fee plus
    the lead's coordination time (``coordination_share`` of each delegated hour)."""
    return sum(
        problem.people[p].cost_per_slot * c.length
        for jv in jobs
        for slot in jv.chunks
        for p, c in slot.items()
        if problem.people[p].cost_per_slot
    )


def fragmentation_term(problem: Problem, jobs: list[JobVars]) -> cp_model.LinearExprT:
    """:math:`w_F \\sum_{j,k,p} x_{jkp}`: one unit per chunk."""
    if not problem.chunk_cost:
        return 0
    return sum(problem.chunk_cost * c.present for jv in jobs for slot in jv.chunks for c in slot.values())


def overtime_term(model: cp_model.CpModel, problem: Problem, jobs: list[JobVars]) -> cp_model.LinearExprT:
    """:math:`w_O \\sum O_p(e) - O_p(s)` over chunks, with ``O_p`` the overtime slots before a
    position (element constraints, only for people with overtime)."""
    if not problem.overtime_cost:
        return 0
    terms = []
    for person in problem.people:
        table = overtime_table(problem.timeline.person(person))
        if table is None:
            continue
        for jv in jobs:
            for slot in jv.chunks:
                if person not in slot:
                    continue
                c = slot[person]
                before_end = model.new_int_var(0, table[-1], "")
                before_start = model.new_int_var(0, table[-1], "")
                model.add_element(c.end, table, before_end)
                model.add_element(c.start, table, before_start)
                terms.append(before_end - before_start)
    return problem.overtime_cost * sum(terms) if terms else 0
