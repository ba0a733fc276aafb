r"""Tranches (the échéancier) and lateness.

With ``R`` tranches and ``z_{jr} = 1`` when task ``j`` is delivered in tranche ``r``:

.. math::

    \sum_r z_{jr} = 1,\quad D_r \le D_{r+1},\quad
    z_{jr} \Rightarrow F_j \le D_r \le \text{deadline}_j,\quad
    z_{jr} \Rightarrow L_j \ge D_r - \text{due}_j,\quad L_j \ge 0

Used tranches form a prefix. When ``R`` is at least the number of tasks, every task can be
delivered at its own finish, so ``z`` and ``D`` are dropped and :math:`L_j \ge F_j - \text{due}_j`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from mission_planner.cpsat.variables import JobVars
from mission_planner.problem import Problem


@dataclass
class TrancheVars:
    """``assign[j][r]`` literals and delivery instants ``delivery[r]`` (empty when dropped)."""

    assign: dict[str, list[cp_model.IntVar]]
    delivery: list[cp_model.IntVar]


def add_tranches(
    model: cp_model.CpModel, problem: Problem, jobs: dict[str, JobVars]
) -> TrancheVars:
    """Group mission tasks into tranches and define each task's lateness ``L_j``."""
    horizon = problem.timeline.grid.n_slots
    tasks = [jobs[j.id] for j in problem.mission_jobs]
    for jv in tasks:
        due = jv.job.due if jv.job.due is not None else horizon
        jv.lateness = model.new_int_var(0, max(0, horizon - due), f"late[{jv.job.id}]")
    n_tranches = problem.max_tranches
    if n_tranches >= len(tasks):
        for jv in tasks:
            assert jv.lateness is not None and jv.job.due is not None
            model.add(jv.lateness >= jv.finish - jv.job.due)
        return TrancheVars(assign={}, delivery=[])

    delivery = [model.new_int_var(0, horizon, f"delivery[{r}]") for r in range(n_tranches)]
    assign: dict[str, list[cp_model.IntVar]] = {}
    for jv in tasks:
        job = jv.job
        lits = [model.new_bool_var(f"z[{job.id},{r}]") for r in range(n_tranches)]
        model.add_exactly_one(lits)
        for r, lit in enumerate(lits):
            model.add(delivery[r] >= jv.finish).only_enforce_if(lit)
            model.add(delivery[r] <= job.deadline).only_enforce_if(lit)
            assert jv.lateness is not None and job.due is not None
            model.add(jv.lateness >= delivery[r] - job.due).only_enforce_if(lit)
        assign[job.id] = lits
    used = []
    for r in range(n_tranches):
        u = model.new_bool_var(f"tranche_used[{r}]")
        model.add_max_equality(u, [assign[j][r] for j in assign])
        used.append(u)
    for r in range(n_tranches - 1):
        model.add(delivery[r] <= delivery[r + 1])
        model.add_implication(used[r + 1], used[r])
        model.add(delivery[r + 1] == delivery[r]).only_enforce_if(~used[r + 1])
    return TrancheVars(assign=assign, delivery=delivery)
