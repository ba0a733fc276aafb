r"""Pinned starts: a pinned task's first session starts exactly at its pinned slot.

With ``t`` the pinned slot (also the job's release, so nothing of it starts earlier) and
``pos_p(t)`` its position on person ``p``'s working axis when ``t`` is one of ``p``'s free
slots:

.. math::

    \bigvee_{k,p} \pi_{kp},\qquad \pi_{kp} \Rightarrow x_{kp} \wedge s_{kp} = pos_p(t)

Pins of a person on a task and of a partner's start are compiled into the problem (who may
do the job, the partner's free time) and need no constraint here.
"""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

from mission_planner.cpsat.variables import JobVars
from mission_planner.problem import Problem


def add_pinned_starts(model: cp_model.CpModel, problem: Problem, jobs: dict[str, JobVars]) -> None:
    """Some chunk of each pinned job starts at its pinned slot."""
    for job_id, slot in problem.starts.items():
        jv = jobs.get(job_id)
        if jv is None:
            continue
        options: list[cp_model.IntVar] = []
        for k, cells in enumerate(jv.chunks):
            for person, cell in cells.items():
                free = problem.timeline.person(person).free
                pos = int(np.searchsorted(free, slot))
                if pos >= free.size or int(free[pos]) != slot:
                    continue
                pinned = model.new_bool_var(f"pinned_start[{job_id}#{k}@{person}]")
                model.add_implication(pinned, cell.present)
                model.add(cell.start == pos).only_enforce_if(pinned)
                options.append(pinned)
        model.add_bool_or(options)
