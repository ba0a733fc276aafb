r"""Change terms of a re-plan: stay close to the previous plan (:mod:`mission_planner.baseline`).

For a job ``j`` the baseline planned, with its previous work on person ``p`` as runs
``[a, b)`` of positions, chunk ``k`` keeps

.. math::

    0 \le \kappa_{jkpr} \le \ell_{jkp},\qquad
    \kappa_{jkpr} \le \max(0, \min(e_{jkp}, b) - \max(s_{jkp}, a))

slots of run ``r`` (the objective rewards :math:`\kappa`, so it is the overlap; an absent
chunk has :math:`\ell = 0`).
The terms are

.. math::

    c_h \Big(\sum_j E_j - \sum \kappa\Big)
    + c_p \sum_j \sum_{p \notin P_j} \text{on}_{jp}
    + c_d \sum_{t} \delta_t,\qquad
    \lnot\delta_t \wedge z_{tr} \Rightarrow D_r = D^0_t

with ``E_j`` the job's effort, ``P_j`` who worked on it before and ``D^0_t`` its previous
delivery (:math:`F_t = D^0_t` when tranches are dropped).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from mission_planner.baseline import CompiledBaseline
from mission_planner.cpsat.tranches import TrancheVars
from mission_planner.cpsat.variables import JobVars, bounds
from mission_planner.problem import Problem


def stability_term(
    model: cp_model.CpModel,
    problem: Problem,
    jobs: dict[str, JobVars],
    tranches: TrancheVars,
) -> cp_model.LinearExpr:
    """The change terms against ``problem.baseline`` (0 without one)."""
    base = problem.baseline
    if base is None:
        return cp_model.LinearExpr.sum([])
    return cp_model.LinearExpr.sum(
        [
            _hours_moved(model, base, jobs),
            _people_changed(base, jobs),
            _dates_changed(model, base, jobs, tranches),
        ]
    )


def _hours_moved(
    model: cp_model.CpModel, base: CompiledBaseline, jobs: dict[str, JobVars]
) -> cp_model.LinearExpr:
    r""":math:`c_h (\sum_j E_j - \sum \kappa)` over the jobs the baseline planned."""
    effort = sum(jobs[job].job.effort for job in base.people if job in jobs)
    kept: list[cp_model.IntVar] = []
    for (job, person), runs in base.runs.items():
        if job not in jobs:
            continue
        for k, slot in enumerate(jobs[job].chunks):
            cell = slot.get(person)
            if cell is None:
                continue
            for a, b in runs:
                name = f"{job}#{k}@{person},{a}"
                lo_s, hi_s = bounds(cell.start)
                lo_e, hi_e = bounds(cell.end)
                first = model.new_int_var(max(lo_s, a), max(hi_s, a), f"overlap_from[{name}]")
                last = model.new_int_var(min(lo_e, b), min(hi_e, b), f"overlap_to[{name}]")
                model.add_max_equality(first, [cell.start, a])
                model.add_min_equality(last, [cell.end, b])
                overlap = model.new_int_var(0, b - a, f"overlap[{name}]")
                model.add_max_equality(overlap, [0, last - first])
                var = model.new_int_var(0, b - a, f"kept[{name}]")
                model.add(var <= cell.length)
                model.add(var <= overlap)
                kept.append(var)
    cost = base.slot_moved_cost
    return cost * effort - cp_model.LinearExpr.weighted_sum(kept, [cost] * len(kept))


def _people_changed(base: CompiledBaseline, jobs: dict[str, JobVars]) -> cp_model.LinearExpr:
    r""":math:`c_p \sum_j \sum_{p \notin P_j} \text{on}_{jp}`."""
    new = [
        on
        for job, before in base.people.items()
        if job in jobs
        for person, on in jobs[job].on.items()
        if person not in before
    ]
    return cp_model.LinearExpr.weighted_sum(new, [base.person_cost] * len(new))


def _dates_changed(
    model: cp_model.CpModel,
    base: CompiledBaseline,
    jobs: dict[str, JobVars],
    tranches: TrancheVars,
) -> cp_model.LinearExpr:
    r""":math:`c_d \sum_t \delta_t` with :math:`\lnot\delta_t` forcing the previous delivery."""
    changed: list[cp_model.IntVar] = []
    for task, slot in base.delivery.items():
        if task not in jobs:
            continue
        delta = model.new_bool_var(f"date_changed[{task}]")
        lits = tranches.assign.get(task)
        if lits is None:
            model.add(jobs[task].finish == slot).only_enforce_if(~delta)
        else:
            for r, z in enumerate(lits):
                model.add(tranches.delivery[r] == slot).only_enforce_if([z, ~delta])
        changed.append(delta)
    return cp_model.LinearExpr.weighted_sum(changed, [base.date_cost] * len(changed))
