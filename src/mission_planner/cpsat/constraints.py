"""Constraint families of the CP-SAT model, one function each.

Notation: job ``j`` with effort ``E_j``, minimum chunk ``m_j`` and at most ``K_j`` chunks;
``x, s, l, e`` are a chunk slot's presence, start, length and end on a person's working axis
(positions); ``R_p(e)`` is the real slot where a run ending before position ``e`` ends and
``S_p(s)`` the real slot of position ``s`` (both non-decreasing); ``F_j`` is the job's real
finish.
"""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

from mission_planner.cpsat.variables import JobVars, bounds
from mission_planner.problem import Problem
from mission_planner.timeline import PersonTime


def add_chunk_rules(model: cp_model.CpModel, jv: JobVars) -> None:
    """Splitting rules of one job.

    .. math::

        \\sum_p x_{jkp} \\le 1,\\qquad y_{jk} = \\sum_p x_{jkp} \\ge y_{j,k+1},\\qquad y_{j0} = 1

        x_{jkp} = 0 \\Rightarrow \\ell_{jkp} = 0,\\qquad
        x_{jkp} = 1 \\Rightarrow \\ell_{jkp} \\ge m_j,\\qquad
        \\sum_{k,p} \\ell_{jkp} = E_j

    Symmetry breaking: present chunk slots are a prefix, sorted by person, and two chunk slots
    of the job on one person are in time order with at least one position between them
    (adjacent chunks would be one chunk).
    """
    job = jv.job
    if not jv.chunks or not jv.chunks[0]:
        model.add_bool_or([])  # nobody can do this job in its window: infeasible
        return
    if job.max_chunks == 1 and len(jv.chunks[0]) == 1:
        return  # one mandatory interval of fixed size
    people = list(jv.chunks[0])
    used = []
    for slot in jv.chunks:
        model.add_at_most_one(c.present for c in slot.values())
        used.append(sum(c.present for c in slot.values()))
        for c in slot.values():
            model.add(c.length == 0).only_enforce_if(~c.present)
            model.add(c.length >= jv.job.min_chunk).only_enforce_if(c.present)
            model.add(c.start == bounds(c.start)[0]).only_enforce_if(~c.present)
    model.add(used[0] == 1)
    for k in range(len(jv.chunks) - 1):
        model.add(used[k] >= used[k + 1])
        nxt = jv.chunks[k + 1]
        if len(people) > 1:
            rank_k = sum(i * c.present for i, c in enumerate(jv.chunks[k].values()))
            rank_next = sum(i * c.present for i, c in enumerate(nxt.values()))
            _rank_order(model, jv, k, rank_k, rank_next)
        for p in people:
            a, b = jv.chunks[k][p], nxt[p]
            model.add(b.start >= a.end + 1).only_enforce_if([a.present, b.present])
    model.add(sum(c.length for slot in jv.chunks for c in slot.values()) == job.effort)


def _rank_order(
    model: cp_model.CpModel, jv: JobVars, k: int, rank_k: cp_model.LinearExprT, rank_next: cp_model.LinearExprT
) -> None:
    """When chunk slot ``k+1`` is used, its person comes no earlier than slot ``k``'s."""
    used_next = model.new_bool_var(f"used[{jv.job.id}#{k + 1}]")
    model.add(sum(c.present for c in jv.chunks[k + 1].values()) == used_next)
    model.add(rank_k <= rank_next).only_enforce_if(used_next)


def add_no_overlap(model: cp_model.CpModel, problem: Problem, jobs: list[JobVars]) -> None:
    """Each person does one thing at a time: ``NoOverlap`` of all chunk intervals on each
    person's working axis (fixed and busy blocks are not on the axis at all)."""
    for person in problem.people:
        intervals = [slot[person].interval for jv in jobs for slot in jv.chunks if person in slot]
        if len(intervals) > 1:
            model.add_no_overlap(intervals)


def _real_end_table(axis: PersonTime) -> list[int]:
    """``R_p(e)`` for ``e = 0 .. size``."""
    return [0, *(axis.free + 1).tolist()]


def _real_start_table(axis: PersonTime, horizon: int) -> list[int]:
    """``S_p(s)`` for ``s = 0 .. size`` (position ``size`` maps to the horizon end)."""
    return [*axis.free.tolist(), horizon]


def _contiguous_offset(axis: PersonTime, lo: int, hi: int) -> int | None:
    """If positions ``lo .. hi-1`` are consecutive real slots, ``real - position`` on them."""
    if hi <= lo:
        return 0
    if int(axis.free[hi - 1]) - int(axis.free[lo]) == hi - 1 - lo:
        return int(axis.free[lo]) - lo
    return None


def add_finish(model: cp_model.CpModel, problem: Problem, jv: JobVars) -> None:
    """Real finish of a job.

    .. math:: \\text{last}_{jp} \\ge e_{jkp} \\text{ if } x_{jkp},\\qquad F_j \\ge R_p(\\text{last}_{jp})

    ``R_p`` is an element constraint, or an offset where the job's window on ``p`` has no gap.
    """
    for person in (jv.chunks[0] if jv.chunks else {}):
        axis = problem.timeline.person(person)
        cells = [slot[person] for slot in jv.chunks]
        lo = min(bounds(c.start)[0] for c in cells)
        hi = max(bounds(c.end)[1] for c in cells)
        mandatory = len(cells) == 1 and len(jv.chunks[0]) == 1 and jv.job.max_chunks == 1
        if mandatory:
            last = cells[0].end
        else:
            last = model.new_int_var(0, hi, f"last[{jv.job.id}@{person}]")
            for c in cells:
                model.add(last >= c.end).only_enforce_if(c.present)
        jv.last[person] = last
        offset = _contiguous_offset(axis, lo, hi)
        if offset is not None:
            # on [lo, hi] positions map to real slots by a shift; last == 0 means "no chunk here"
            real = model.new_int_var(0, problem.timeline.grid.n_slots, f"rend[{jv.job.id}@{person}]")
            if not mandatory:
                on = model.new_bool_var(f"on[{jv.job.id}@{person}]")
                model.add(sum(c.present for c in cells) >= 1).only_enforce_if(on)
                model.add(sum(c.present for c in cells) == 0).only_enforce_if(~on)
                model.add(real == last + offset).only_enforce_if(on)
                model.add(real == 0).only_enforce_if(~on)
            else:
                model.add(real == last + offset)
        else:
            table = _real_end_table(axis)[: hi + 1]
            real = model.new_int_var(0, table[-1], f"rend[{jv.job.id}@{person}]")
            model.add_element(last, table, real)
        model.add(jv.finish >= real)


def add_start(model: cp_model.CpModel, problem: Problem, jv: JobVars) -> None:
    """Real start bound of a job, for precedences across people.

    .. math:: \\text{first}_{jp} \\le s_{jkp} \\text{ if } x_{jkp},\\qquad
              S_j \\le S_p(\\text{first}_{jp})
    """
    horizon = problem.timeline.grid.n_slots
    jv.start = model.new_int_var(0, horizon, f"start[{jv.job.id}]")
    for person in (jv.chunks[0] if jv.chunks else {}):
        axis = problem.timeline.person(person)
        cells = [slot[person] for slot in jv.chunks]
        lo = min(bounds(c.start)[0] for c in cells)
        first = model.new_int_var(lo, axis.size, f"first[{jv.job.id}@{person}]")
        for c in cells:
            model.add(first <= c.start).only_enforce_if(c.present)
        jv.first[person] = first
        real = model.new_int_var(0, horizon, f"rstart[{jv.job.id}@{person}]")
        model.add_element(first, _real_start_table(axis, horizon), real)
        model.add(jv.start <= real)


def add_precedences(model: cp_model.CpModel, problem: Problem, jobs: dict[str, JobVars]) -> None:
    """Predecessors finish before successors start.

    On a shared person's axis: :math:`\\text{last}_{ip} \\le \\text{first}_{jp}`; across people:
    :math:`F_i \\le S_j`. When both jobs can only be done by the same single person, the axis
    form is exact and the real form is skipped.
    """
    for jv in jobs.values():
        for pred_id in jv.job.predecessors:
            pred = jobs[pred_id]
            people_i, people_j = set(pred.last), set(jv.chunks[0]) if jv.chunks else set()
            if people_i == people_j and len(people_i) == 1:
                (person,) = people_i
                for c in (slot[person] for slot in jv.chunks):
                    model.add(c.start >= pred.last[person]).only_enforce_if(c.present)
                continue
            if jv.start is None:
                add_start(model, problem, jv)
            assert jv.start is not None
            model.add(jv.start >= pred.finish)
            for person in people_i & set(jv.first):
                model.add(pred.last[person] <= jv.first[person])


def add_partner_limits(model: cp_model.CpModel, problem: Problem, jobs: list[JobVars]) -> None:
    """Partner caps and the number of partners.

    .. math:: \\sum_{j,k} \\ell_{jkp} \\le \\text{cap}_p,\\qquad
              u_p \\ge x_{jkp},\\qquad \\sum_{p \\ne \\text{lead}} u_p \\le \\text{max\\_partners}
    """
    used = []
    for person in problem.people.values():
        if person.is_lead:
            continue
        cells = [slot[person.id] for jv in jobs for slot in jv.chunks if person.id in slot]
        if not cells:
            continue
        if person.max_slots is not None:
            model.add(sum(c.length for c in cells) <= person.max_slots)
        if problem.max_partners is not None:
            u = model.new_bool_var(f"uses[{person.id}]")
            for c in cells:
                model.add_implication(c.present, u)
            used.append(u)
    if problem.max_partners is not None and used:
        model.add(sum(used) <= problem.max_partners)


def overtime_table(axis: PersonTime) -> list[int] | None:
    """Overtime slots before each position (``None`` when the person has no overtime)."""
    if not axis.overtime.any():
        return None
    return [0, *np.cumsum(axis.overtime).tolist()]
