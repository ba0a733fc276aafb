r"""Decision variables of the CP-SAT model.

For every job ``j``, chunk slot ``k < K_j`` and person ``p`` able to do ``j``, an optional
interval on ``p``'s working axis (positions, see :mod:`mission_planner.timeline`):

.. math::

    x_{jkp} \in \{0,1\},\quad s_{jkp} + \ell_{jkp} = e_{jkp},\quad
    lo_{jp} \le s_{jkp},\ e_{jkp} \le hi_{jp}

where ``lo`` is the first position at or after the release and ``hi`` the number of free
positions before the deadline, so release and deadline are domain bounds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from mission_planner.problem import Job, Problem


@dataclass
class ChunkVars:
    """Variables of chunk slot ``k`` of a job on one person."""

    person: str
    present: cp_model.IntVar
    start: cp_model.IntVar
    length: cp_model.IntVar
    end: cp_model.IntVar
    interval: cp_model.IntervalVar


@dataclass
class JobVars:
    """Variables of one job.

    ``chunks[k][p]`` are the chunk variables; ``finish`` is the real slot where the job's work
    ends; ``last[p]``/``first[p]`` bound the positions of its chunks on ``p``'s axis from
    above/below (meaningful when ``on[p]``); ``start`` bounds the real start of every chunk
    from below.
    """

    job: Job
    chunks: list[dict[str, ChunkVars]]
    finish: cp_model.IntVar
    last: dict[str, cp_model.IntVar] = field(default_factory=dict)
    first: dict[str, cp_model.IntVar] = field(default_factory=dict)
    on: dict[str, cp_model.IntVar] = field(default_factory=dict)
    """``on[p]`` is true when the job has a chunk on person ``p``."""
    start: cp_model.IntVar | None = None
    begins: dict[str, cp_model.LinearExpr] = field(default_factory=dict)
    """``begins[p]``: the real slot of position ``first[p]`` (set with ``start``)."""
    lateness: cp_model.IntVar | None = None


def bounds(var: cp_model.IntVar) -> tuple[int, int]:
    """Lower and upper bound of a variable's domain."""
    domain = var.proto.domain
    return int(domain[0]), int(domain[len(domain) - 1])


def add_job_vars(model: cp_model.CpModel, problem: Problem, job: Job) -> JobVars:
    """Create the chunk variables of ``job`` (absent people get no variables)."""
    people = problem.able(job)
    fixed_single = len(people) == 1 and job.max_chunks == 1
    chunks: list[dict[str, ChunkVars]] = []
    for k in range(job.max_chunks):
        slot: dict[str, ChunkVars] = {}
        for person in people:
            lo, hi = problem.window(job, person)
            name = f"{job.id}#{k}@{person}"
            if fixed_single:
                present = model.new_constant(1)
                start = model.new_int_var(lo, hi - job.effort, f"s[{name}]")
                length = model.new_constant(job.effort)
                end = model.new_int_var(lo + job.effort, hi, f"e[{name}]")
                interval = model.new_interval_var(start, job.effort, end, f"i[{name}]")
            else:
                present = model.new_bool_var(f"x[{name}]")
                start = model.new_int_var(lo, hi - job.min_chunk, f"s[{name}]")
                length = model.new_int_var(0, min(job.effort, hi - lo), f"l[{name}]")
                end = model.new_int_var(lo, hi, f"e[{name}]")
                interval = model.new_optional_interval_var(
                    start, length, end, present, f"i[{name}]"
                )
            slot[person] = ChunkVars(person, present, start, length, end, interval)
        chunks.append(slot)
    horizon = problem.timeline.grid.n_slots
    finish = model.new_int_var(0, min(horizon, job.deadline), f"finish[{job.id}]")
    return JobVars(job=job, chunks=chunks, finish=finish)
