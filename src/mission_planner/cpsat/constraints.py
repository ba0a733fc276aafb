"""Constraint families of the CP-SAT model, one function each.

Notation: job ``j`` with effort ``E_j``, minimum chunk ``m_j`` and at most ``K_j`` chunks;
``x, s, l, e`` are a chunk slot's presence, start, length and end on a person's working axis
(positions); ``R_p(e)`` is the real slot where a run ending before position ``e`` ends and
``S_p(s)`` the real slot of position ``s`` (both non-decreasing); ``F_j`` is the job's real
finish.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from ortools.sat.python import cp_model

from mission_planner.cpsat.deadline import check_deadline
from mission_planner.cpsat.variables import JobVars, bounds
from mission_planner.problem import Problem
from mission_planner.timeline import PersonTime


def add_chunk_rules(model: cp_model.CpModel, jv: JobVars) -> None:
    r"""Splitting rules of one job.

    .. math::

        \sum_p x_{jkp} \le 1,\qquad y_{jk} = \sum_p x_{jkp} \ge y_{j,k+1},\qquad y_{j0} = 1

        x_{jkp} = 0 \Rightarrow \ell_{jkp} = 0,\qquad
        x_{jkp} = 1 \Rightarrow \ell_{jkp} \ge m_j,\qquad
        \sum_{k,p} \ell_{jkp} = E_j

    Symmetry breaking: present chunk slots are a prefix, sorted by person, and two chunk slots
    of the job on one person are in time order with at least one position between them
    (adjacent chunks would be one chunk), or none for a job with session rules (two sessions
    may meet where a day or a segment ends).
    """
    job = jv.job
    if not jv.chunks or not jv.chunks[0]:
        model.add_bool_or([])  # nobody can do this job in its window: infeasible
        return
    if job.max_chunks == 1 and len(jv.chunks[0]) == 1:
        return  # one mandatory interval of fixed size
    people = list(jv.chunks[0])
    gap = 0 if job.session is not None else 1
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
            model.add(b.start >= a.end + gap).only_enforce_if([a.present, b.present])
    model.add(sum(c.length for slot in jv.chunks for c in slot.values()) == job.effort)


def _rank_order(
    model: cp_model.CpModel,
    jv: JobVars,
    k: int,
    rank_k: cp_model.LinearExprT,
    rank_next: cp_model.LinearExprT,
) -> None:
    """When chunk slot ``k+1`` is used, its person comes no earlier than slot ``k``'s."""
    used_next = model.new_bool_var(f"used[{jv.job.id}#{k + 1}]")
    model.add(sum(c.present for c in jv.chunks[k + 1].values()) == used_next)
    model.add(rank_k <= rank_next).only_enforce_if(used_next)


def add_no_overlap(
    model: cp_model.CpModel,
    problem: Problem,
    jobs: list[JobVars],
    lead_blocks: Sequence[cp_model.IntervalVar] = (),
) -> None:
    """Each person does one thing at a time.

    ``NoOverlap`` of all chunk intervals on each person's working axis (fixed and busy blocks
    are not on the axis at all), plus ``lead_blocks`` (coordination) on the lead's.
    """
    for person in problem.people:
        intervals = [slot[person].interval for jv in jobs for slot in jv.chunks if person in slot]
        if person == problem.lead:
            intervals += list(lead_blocks)
        if len(intervals) > 1:
            model.add_no_overlap(intervals)


def free_runs(axis: PersonTime, lo: int, hi: int) -> list[tuple[int, int]]:
    """Runs of consecutive real slots among positions ``[lo, hi)``.

    Returns ``(first position, offset)`` per run; on a run ``real slot = position + offset``,
    and offsets increase from run to run.
    """
    if hi <= lo:
        return [(lo, 0)]
    window = axis.free[lo:hi]
    breaks = np.flatnonzero(np.diff(window) != 1) + 1
    firsts = [lo, *(lo + breaks).tolist()]
    return [(a, int(axis.free[a]) - a) for a in firsts]


def real_slot_of(
    model: cp_model.CpModel,
    position: cp_model.IntVar,
    runs: list[tuple[int, int]],
    step: int,
    name: str,
) -> cp_model.LinearExpr:
    r"""The piecewise-affine map from positions to real slots, as a linear expression.

    Exact, through one order literal :math:`[pos \ge a_i + step]` per run after the first.

    With ``step = 1`` this is the real end of a run ending before ``position`` (``R_p``); with
    ``step = 0`` the real slot of ``position`` (``S_p``).
    """
    expr: cp_model.LinearExpr = position + runs[0][1]
    for i in range(1, len(runs)):
        a, offset = runs[i]
        after = model.new_bool_var(f"{name}>={a + step}")
        model.add(position >= a + step).only_enforce_if(after)
        model.add(position <= a + step - 1).only_enforce_if(~after)
        expr += (offset - runs[i - 1][1]) * after
    return expr


def add_finish(model: cp_model.CpModel, problem: Problem, jv: JobVars) -> None:
    r"""Real finish of a job.

    .. math:: \text{last}_{jp} \ge e_{jkp} \text{ if } x_{jkp},\qquad
              F_j \ge R_p(\text{last}_{jp}) \text{ if some } x_{jkp}

    ``R_p`` is piecewise affine (one piece per run of consecutive free slots in the job's
    window) and written exactly with order literals, see :func:`real_slot_of`.
    """
    for person in jv.chunks[0] if jv.chunks else {}:
        axis = problem.timeline.person(person)
        cells = [slot[person] for slot in jv.chunks]
        lo = min(bounds(c.start)[0] for c in cells)
        hi = max(bounds(c.end)[1] for c in cells)
        mandatory = len(cells) == 1 and len(jv.chunks[0]) == 1 and jv.job.max_chunks == 1
        name = f"{jv.job.id}@{person}"
        if mandatory:
            last = cells[0].end
        else:
            last = model.new_int_var(lo, hi, f"last[{name}]")
            for c in cells:
                model.add(last >= c.end).only_enforce_if(c.present)
        jv.last[person] = last
        real = real_slot_of(model, last, free_runs(axis, lo, hi), 1, f"end[{name}]")
        if mandatory:
            jv.on[person] = model.new_constant(1)
            model.add(jv.finish >= real)
        else:
            on = model.new_bool_var(f"on[{name}]")
            model.add_max_equality(on, [c.present for c in cells])
            jv.on[person] = on
            model.add(jv.finish >= real).only_enforce_if(on)


def add_start(model: cp_model.CpModel, problem: Problem, jv: JobVars) -> None:
    r"""Real start bound of a job, for precedences across people.

    .. math:: \text{first}_{jp} \le s_{jkp} \text{ if } x_{jkp},\qquad
              S_j \le S_p(\text{first}_{jp}) \text{ if some } x_{jkp}
    """
    horizon = problem.timeline.grid.n_slots
    jv.start = model.new_int_var(0, horizon, f"start[{jv.job.id}]")
    for person in jv.chunks[0] if jv.chunks else {}:
        axis = problem.timeline.person(person)
        cells = [slot[person] for slot in jv.chunks]
        lo = min(bounds(c.start)[0] for c in cells)
        hi = max(bounds(c.start)[1] for c in cells) + 1
        name = f"{jv.job.id}@{person}"
        first = model.new_int_var(lo, hi - 1, f"first[{name}]")
        for c in cells:
            model.add(first <= c.start).only_enforce_if(c.present)
        jv.first[person] = first
        real = real_slot_of(model, first, free_runs(axis, lo, hi), 0, f"start[{name}]")
        jv.begins[person] = real
        model.add(jv.start <= real).only_enforce_if(jv.on[person])


def add_precedences(model: cp_model.CpModel, problem: Problem, jobs: dict[str, JobVars]) -> None:
    r"""Predecessors finish before successors start.

    On a shared person's axis: :math:`\text{last}_{ip} \le \text{first}_{jp}`; across people:
    :math:`F_i \le S_j`. When both jobs can only be done by the same single person, the axis
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
                both = [pred.on[person], jv.on[person]]
                model.add(pred.last[person] <= jv.first[person]).only_enforce_if(both)


def add_partner_limits(model: cp_model.CpModel, problem: Problem, jobs: list[JobVars]) -> None:
    r"""Partner caps and the number of partners.

    .. math:: \sum_{j,k} \ell_{jkp} \le \text{cap}_p,\qquad
              u_p \ge x_{jkp},\qquad \sum_{p \ne \text{lead}} u_p \le \text{max\_partners}
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


def add_energy_cuts(
    model: cp_model.CpModel,
    problem: Problem,
    jobs: list[JobVars],
    deadline: float | None = None,
) -> None:
    r"""Redundant capacity cuts that give the LP relaxation a strong bound.

    For each person ``p`` and each window ``[r, d)`` made of a release and a deadline of jobs
    ``p`` can do, the work ``p`` does on jobs whose whole window lies inside fits in ``p``'s free
    time there:

    .. math:: \sum_{j : r \le r_j,\ d_j \le d}\ \sum_k \ell_{jkp} \le \text{free}_p(r, d)

    Implied by ``NoOverlap`` and the domains, but invisible to the linear relaxation, which
    otherwise does not see that a full order book forces delegation or lateness.
    """
    for person in problem.people:
        check_deadline(deadline)  # large problems: many windows per person
        axis = problem.timeline.person(person)
        mine = [jv for jv in jobs if jv.chunks and person in jv.chunks[0]]
        releases = sorted({jv.job.release for jv in mine})
        deadlines = sorted({jv.job.deadline for jv in mine})
        for r in releases:
            for d in deadlines:
                inside = [jv for jv in mine if jv.job.release >= r and jv.job.deadline <= d]
                if not inside:
                    continue
                room = max(0, axis.positions_before(d) - axis.position_at_or_after(r))
                if sum(jv.job.effort for jv in inside) <= room:
                    continue  # cannot bind
                model.add(sum(slot[person].length for jv in inside for slot in jv.chunks) <= room)
