r"""Lags between tasks: time that must pass from a task's finish (or start) to another's start.

For a lag of ``\lambda`` slots from job ``i`` to job ``j``, with ``a_i`` the anchor (``F_i``, the
real finish, for finish-to-start; ``\hat S_i`` for start-to-start, a variable at least the
real start of one of ``i``'s chunks and at most ``F_i``), and ``B_{jp}`` the real start of
``j``'s chunks on person ``p`` (:func:`~mission_planner.cpsat.constraints.add_start`):

.. math::

    \text{calendar: } S_j \ge a_i + \lambda,\qquad
    \text{working: } \text{on}_{jp} \Rightarrow W_p(B_{jp}) \ge W_p(a_i) + \lambda

where ``W_p(t)`` is the number of ``p``'s working slots before real slot ``t``
(:meth:`~mission_planner.problem.Problem.working_before`), read through ``Element``. Since
``S_j \le B_{jp}`` and ``F_i`` is at least the real finish, the constraints are sound; the
start anchor is exact because some chunk of ``i`` must start at or before it.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from mission_planner.cpsat.constraints import add_start, free_runs, real_slot_of
from mission_planner.cpsat.variables import JobVars, bounds
from mission_planner.problem import Problem


def add_lags(model: cp_model.CpModel, problem: Problem, jobs: dict[str, JobVars]) -> None:
    """Every lag of every job (see the module docstring)."""
    horizon = problem.timeline.grid.n_slots
    anchors: dict[str, cp_model.IntVar] = {}
    for jv in jobs.values():
        if not jv.job.lags:
            continue
        if jv.start is None:
            add_start(model, problem, jv)
        assert jv.start is not None
        for lag in jv.job.lags:
            pred = jobs[lag.job]
            if not lag.from_start:
                anchor = pred.finish
            else:
                if lag.job not in anchors:
                    anchors[lag.job] = _start_anchor(model, problem, pred)
                anchor = anchors[lag.job]
            if not lag.working:
                model.add(jv.start >= anchor + lag.slots)
                continue
            for person, begin in jv.begins.items():
                table = problem.working_before(person).tolist()
                name = f"{lag.job}->{jv.job.id}@{person}"
                at = model.new_int_var(0, horizon, f"begin[{name}]")
                model.add(at == begin)
                done_at = model.new_int_var(0, table[-1], f"W_begin[{name}]")
                done_from = model.new_int_var(0, table[-1], f"W_anchor[{name}]")
                model.add_element(at, table, done_at)
                model.add_element(anchor, table, done_from)
                model.add(done_at >= done_from + lag.slots).only_enforce_if(jv.on[person])


def _start_anchor(model: cp_model.CpModel, problem: Problem, jv: JobVars) -> cp_model.IntVar:
    """A variable that some present chunk of ``jv`` starts at or before (in real time)."""
    horizon = problem.timeline.grid.n_slots
    anchor = model.new_int_var(0, horizon, f"anchor[{jv.job.id}]")
    model.add(anchor <= jv.finish)
    witnesses = []
    for person in jv.chunks[0] if jv.chunks else {}:
        axis = problem.timeline.person(person)
        for k, slot in enumerate(jv.chunks):
            c = slot[person]
            lo, hi = bounds(c.start)
            name = f"{jv.job.id}#{k}@{person}"
            real = real_slot_of(model, c.start, free_runs(axis, lo, hi + 1), 0, f"rs[{name}]")
            first = model.new_bool_var(f"first[{name}]")
            model.add_implication(first, c.present)
            model.add(anchor >= real).only_enforce_if(first)
            witnesses.append(first)
    model.add_bool_or(witnesses)
    return anchor
