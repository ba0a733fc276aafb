r"""Session rules: where a task's chunks may lie on a person's working axis.

With the segments of person ``p``'s axis for the task (see :mod:`mission_planner.sessions`),
``X_p`` the length above which a chunk is exempt and ``M`` the longest session:

.. math::

    x_{jkp} \wedge \ell_{jkp} \le X_p \Rightarrow e_{jkp} \le E_p(s_{jkp}),\qquad
    \ell_{jkp} \le M

where ``E_p(q)`` is the end of the segment holding position ``q`` (``q`` itself when no chunk
may cover ``q``, so that no chunk starts there), read through one ``Element`` constraint.
Segments are runs of positions, so a chunk ending by the end of its start's segment lies in
it.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from mission_planner.cpsat.variables import ChunkVars, JobVars, bounds
from mission_planner.problem import Problem
from mission_planner.sessions import Segments


def add_session_rules(model: cp_model.CpModel, problem: Problem, jv: JobVars) -> None:
    """Keep every chunk of ``jv`` inside one segment and within the longest session."""
    job = jv.job
    for k, slot in enumerate(jv.chunks):
        for person, cell in slot.items():
            segments = problem.segments(job, person)
            if segments is None:
                continue
            size = problem.timeline.person(person).size
            if segments.longest is not None and bounds(cell.length)[1] > segments.longest:
                model.add(cell.length <= segments.longest)
            if segments.segment is not None:
                _one_segment(model, cell, segments, size, f"{job.id}#{k}@{person}")


def _one_segment(
    model: cp_model.CpModel, cell: ChunkVars, segments: Segments, size: int, name: str
) -> None:
    """``g(s) = g(e - 1)`` for a present chunk short enough to be bound by the rule."""
    least, most = bounds(cell.length)
    exempt = segments.exempt_above
    if exempt is not None and least > exempt:
        return  # every chunk is longer than the person's working day
    limits = segments.end_limits(size)
    if least == most and list(cell.present.proto.domain) == [1, 1]:
        allowed = [
            s
            for s in range(bounds(cell.start)[0], bounds(cell.start)[1] + 1)
            if limits[s] >= s + least
        ]
        model.add_linear_expression_in_domain(
            cell.start, cp_model.Domain.from_values(allowed or [bounds(cell.start)[0]])
        )
        if not allowed:
            model.add_bool_or([])
        return
    limit = model.new_int_var(0, size, f"seg_end[{name}]")
    model.add_element(cell.start, segments.end_limits(size), limit)
    enforce = [cell.present]
    if exempt is not None and most > exempt:
        short = model.new_bool_var(f"short[{name}]")
        model.add(cell.length <= exempt).only_enforce_if(short)
        model.add(cell.length >= exempt + 1).only_enforce_if(~short)
        enforce.append(short)
    model.add(cell.end <= limit).only_enforce_if(enforce)
