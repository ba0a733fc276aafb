"""Objective terms of the CP-SAT model, one function each.

All terms are integers; see :data:`mission_planner.problem.OBJECTIVE_SCALE`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ortools.sat.python import cp_model

from mission_planner.cpsat.constraints import overtime_table
from mission_planner.cpsat.coordination import Block, CoordinationVars
from mission_planner.cpsat.variables import ChunkVars, JobVars
from mission_planner.problem import Problem


def lateness_term(problem: Problem, jobs: list[JobVars]) -> cp_model.LinearExpr:
    r""":math:`w_L \cdot g \sum_j u_j L_j`: urgency-weighted slots late (``g`` = slot minutes)."""
    late = [jv for jv in jobs if jv.lateness is not None and jv.job.urgency]
    return cp_model.LinearExpr.weighted_sum(
        [jv.lateness for jv in late], [problem.lateness_per_slot * jv.job.urgency for jv in late]
    )


def partner_term(problem: Problem, jobs: list[JobVars]) -> cp_model.LinearExpr:
    r"""Partner fees: :math:`\sum_{j,k,p} c_p \ell_{jkp}` (``c_p`` prices a partner's slot)."""
    cells = [
        (c.length, problem.people[p].cost_per_slot)
        for jv in jobs
        for slot in jv.chunks
        for p, c in slot.items()
        if problem.people[p].cost_per_slot
    ]
    return cp_model.LinearExpr.weighted_sum([v for v, _ in cells], [w for _, w in cells])


def coordination_term(problem: Problem, partners: list[CoordinationVars]) -> cp_model.LinearExpr:
    r""":math:`w_C \cdot g \sum_p (K u_p + f_p)`: the lead's coordination slots."""
    lengths = [b.length for c in partners for b in c.blocks if not isinstance(b.length, int)]
    fixed = [(b.length, b.present) for c in partners for b in c.blocks if isinstance(b.length, int)]
    cost = problem.coordination_cost
    return cp_model.LinearExpr.weighted_sum(
        [*lengths, *(lit for _, lit in fixed)], [cost] * len(lengths) + [cost * k for k, _ in fixed]
    )


def fragmentation_term(problem: Problem, jobs: list[JobVars]) -> cp_model.LinearExpr:
    r""":math:`w_F \sum_{j,k,p} x_{jkp}`: one unit per chunk."""
    present = [c.present for jv in jobs for slot in jv.chunks for c in slot.values()]
    return cp_model.LinearExpr.weighted_sum(present, [problem.chunk_cost] * len(present))


def overtime_term(
    model: cp_model.CpModel,
    problem: Problem,
    jobs: list[JobVars],
    partners: Sequence[CoordinationVars] = (),
) -> cp_model.LinearExpr:
    r"""Overtime: :math:`w_O \sum O_p(e) - O_p(s)` over chunks and coordination blocks.

    ``O_p`` counts the overtime slots before a position (element constraints, only for people
    whose calendar allows overtime). An absent block has ``s = e``, so it counts nothing.
    """
    ends: list[cp_model.IntVar] = []
    starts: list[cp_model.IntVar] = []
    for person in problem.people if problem.overtime_cost else ():
        table = overtime_table(problem.timeline.person(person))
        if table is None:
            continue
        cells: list[ChunkVars | Block] = [
            slot[person] for jv in jobs for slot in jv.chunks if person in slot
        ]
        if person == problem.lead:
            cells += [b for c in partners for b in c.blocks]
        for c in cells:
            before_end = model.new_int_var(0, table[-1], f"overtime_before_end[{c.interval}]")
            before_start = model.new_int_var(0, table[-1], f"overtime_before[{c.interval}]")
            model.add_element(c.end, table, before_end)
            model.add_element(c.start, table, before_start)
            ends.append(before_end)
            starts.append(before_start)
    cost = problem.overtime_cost
    return cp_model.LinearExpr.weighted_sum(
        ends + starts, [cost] * len(ends) + [-cost] * len(starts)
    )
