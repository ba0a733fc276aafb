r"""Session rules: where a task's chunks may lie on a person's working axis.

With ``g_p(q)`` the segment of position ``q`` on person ``p``'s axis (see
:mod:`mission_planner.sessions`; :math:`\bot` for a position no chunk of the task may cover),
``X_p`` the length above which a chunk is exempt and ``M`` the longest session:

.. math::

    x_{jkp} \wedge \ell_{jkp} \le X_p \Rightarrow
        g_p(s_{jkp}) = g_p(e_{jkp} - 1) \ne \bot,\qquad \ell_{jkp} \le M

Both sides are read through ``Element`` constraints on tables of the segment starting at each
position (:math:`\bot = -1`) and ending before each position (:math:`\bot = -2`, so that two
forbidden positions never match). Segments are runs of positions, so equal ends keep the
whole chunk inside one segment.
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
    starts, ends = segments.start_table(size), segments.end_table(size)
    if least == most and list(cell.present.proto.domain) == [1, 1]:
        allowed = [
            s
            for s in range(bounds(cell.start)[0], bounds(cell.start)[1] + 1)
            if starts[s] >= 0 and starts[s] == ends[s + least]
        ]
        model.add_linear_expression_in_domain(
            cell.start, cp_model.Domain.from_values(allowed or [bounds(cell.start)[0]])
        )
        if not allowed:
            model.add_bool_or([])
        return
    top = max(starts)
    first = model.new_int_var(-1, top, f"seg_s[{name}]")
    last = model.new_int_var(-2, top, f"seg_e[{name}]")
    model.add_element(cell.start, starts, first)
    model.add_element(cell.end, ends, last)
    enforce = [cell.present]
    if exempt is not None and most > exempt:
        short = model.new_bool_var(f"short[{name}]")
        model.add(cell.length <= exempt).only_enforce_if(short)
        model.add(cell.length >= exempt + 1).only_enforce_if(~short)
        enforce.append(short)
    model.add(first == last).only_enforce_if(enforce)
