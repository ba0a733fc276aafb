r"""Redundant cuts linking a person's overload to lateness in real time, for the LP bound.

For a person ``p``, a release ``r`` and a due date ``d``, let ``S`` be the mission tasks ``p``
may do with ``r_j \ge r`` and ``due_j \le d``, plus the engagements inside ``[r, d]`` (which
must be done there). ``p`` has ``\text{free}_p(r, d)`` positions in ``[r, d)``; the
``X = \sum_{j \in S} \sum_k \ell_{jkp} - \text{free}_p(r, d)`` positions of work beyond them
lie at or after position ``P = \text{pos}_p(d)``, so the last of them ends at real slot
``g(X) + d`` at the earliest, with

.. math:: g(X) = \max\big(0,\ \text{free}_p[P + X - 1] + 1 - d\big),\qquad g(0) = 0

which counts the nights, weekends, holidays and commitments after ``d`` (a day's overflow
into the next week is a weekend late, not a few hours). That work belongs to a task of
``S`` (engagements of ``S`` end before ``P``), so :math:`\sum_{j \in S} u_j L_j \ge
u_{\min} g(X)`. ``g`` is not linear; every edge ``\alpha X + \beta`` of its lower convex hull
over the overflows that can occur lies below it, hence the cuts

.. math:: \sum_{j \in S} u_j L_j \ge u_{\min} (\alpha X + \beta)

(valid for ``X \le 0`` too: the hull starts at ``(0, 0)`` with non-negative slopes).
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from ortools.sat.python import cp_model

from mission_planner.cpsat.variables import JobVars
from mission_planner.problem import Problem
from mission_planner.timeline import PersonTime

MAX_EDGES = 6
"""Most hull edges (cuts) per person, release and due date."""


def add_lateness_cuts(model: cp_model.CpModel, problem: Problem, jobs: list[JobVars]) -> None:
    """Add the cuts of this module for every person, release and due date (see above)."""
    for person in problem.people:
        axis = problem.timeline.person(person)
        mine = [jv for jv in jobs if jv.chunks and person in jv.chunks[0]]
        tasks = [
            jv
            for jv in mine
            if jv.job.is_mission and jv.lateness is not None and jv.job.due is not None
        ]
        releases = sorted({jv.job.release for jv in mine})
        dues = sorted({jv.job.due for jv in tasks if jv.job.due is not None})
        for r in releases:
            for d in dues:
                late = [jv for jv in tasks if jv.job.release >= r and (jv.job.due or 0) <= d]
                urgency = min((jv.job.urgency for jv in late), default=0)
                if not urgency:
                    continue
                fixed = [
                    jv
                    for jv in mine
                    if not jv.job.is_mission and jv.job.release >= r and jv.job.deadline <= d
                ]
                room = max(0, axis.positions_before(d) - axis.position_at_or_after(r))
                group = late + fixed
                most = sum(jv.job.effort for jv in group) - room
                if most <= 0:
                    continue  # cannot bind
                alone = [jv for jv in group if list(jv.chunks[0]) == [person]]
                least = max(0, sum(jv.job.effort for jv in alone) - room)
                work = sum(slot[person].length for jv in group for slot in jv.chunks)
                weighted = cp_model.LinearExpr.weighted_sum(
                    [jv.lateness for jv in late if jv.lateness is not None],
                    [jv.job.urgency for jv in late if jv.lateness is not None],
                )
                delays = overflow_delays(axis, d, most)
                for (x1, y1), (x2, y2) in hull_edges(delays, least):
                    # weighted >= urgency * (y1 + (y2 - y1) (X - x1) / (x2 - x1)), in integers
                    model.add(
                        (x2 - x1) * weighted
                        >= urgency * ((x2 - x1) * y1 + (y2 - y1) * (work - room - x1))
                    )


def overflow_delays(axis: PersonTime, due: int, most: int) -> list[int]:
    """``g(X)`` for ``X = 0 .. most``: real slots past ``due`` when ``X`` positions spill over.

    Overflows past the end of the axis (infeasible anyway) repeat the last value.
    """
    if not axis.size:
        return [0] * (most + 1)
    first = axis.positions_before(due)
    positions = np.minimum(first + np.arange(most), axis.size - 1)
    delays = np.maximum(0, axis.free[positions] + 1 - due)
    return [0, *delays.tolist()]


def hull_edges(values: list[int], least: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Edges of the lower convex hull of the points ``(x, values[x])`` that matter.

    An edge matters when it covers some ``x >= least`` (smaller overflows cannot occur); at
    most :data:`MAX_EDGES` of them, evenly spread, are kept. Only the points where the slope
    changes can be vertices, so the others are skipped.
    """
    # between two points where the slope changes the values are collinear: they add no vertex
    steps = np.diff(np.asarray(values, dtype=np.int64))
    corners = [0, *(np.flatnonzero(steps[1:] != steps[:-1]) + 1).tolist(), len(values) - 1]
    hull: list[tuple[int, int]] = []
    for point in ((x, values[x]) for x in sorted(set(corners))):
        while len(hull) >= 2 and _cross(hull[-2], hull[-1], point) <= 0:
            hull.pop()
        hull.append(point)
    edges = [(a, b) for a, b in pairwise(hull) if b[0] >= max(least, 1)]
    if len(edges) > MAX_EDGES:
        step = (len(edges) - 1) / (MAX_EDGES - 1)
        edges = [edges[round(i * step)] for i in range(MAX_EDGES)]
    return edges


def _cross(o: tuple[int, int], a: tuple[int, int], b: tuple[int, int]) -> int:
    """Cross product of ``oa`` and ``ob``: positive when ``o, a, b`` turn counter-clockwise."""
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
