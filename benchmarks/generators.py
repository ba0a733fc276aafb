"""Seeded generators of consultant scenarios, swept over sizes: ``generate(size, seed)``.

=====  =====  ========  ========  ===========  ========  ====================================
size   tasks  partners  horizon   commitments  tranches  what it stands for
=====  =====  ========  ========  ===========  ========  ====================================
S      8      0         4 weeks   10           3         a lead alone, a short mission
M      25     3         13 weeks  40           4         a mission with a few partners
L      80     8         26 weeks  80           6         a large programme
XL     250    24        26 weeks  120          10        a consultancy staffing many streams
=====  =====  ========  ========  ===========  ========  ====================================

Every scenario starts on a Monday of 2027 and uses one-hour slots. Calendars are weekday
calendars with French public holidays (sometimes Alsace-Moselle's), time off and, for
partners, part-time weeks and busy days or half days. The lead's order book — fixed blocks
(meetings, on-site days, each on its own working day) and engagements (other missions'
remaining effort with a window) — fills a drawn share of 55-85% of the lead's working hours
(:func:`fill_ratio`). Tasks have urgencies, due dates, deadlines (``deadline - due`` is the
client's flexibility), releases, splitting rules (a quarter not splittable, the others with
sessions of 2-4 hours and sometimes a chunk limit), skills, ``delegable`` flags and
predecessors forming a DAG made of parallel work streams.

Feasible by construction: while generating, a *reference plan* is built by list scheduling
every engagement and task, in an order that respects the predecessors, into the earliest free
runs of one able person's working time (each piece at least a session long, at most the
chunk limit of pieces). Engagement deadlines, task deadlines, tranches and partner caps are
then set no earlier (no lower) than what this plan achieves; due dates are set from it with
some tightness, so that some lateness is at stake. If the plan does not fit in the horizon,
the mission's efforts are scaled down and the plan rebuilt (deterministically). The plan is
kept (:class:`Generated`) and :func:`reference_solution` states it in the library's terms, so
a test can put it through the independent checker.

A *non-splitting variant* (``generate(size, seed, nosplit=True)``) puts every task and every
engagement in one chunk, delivers each task on its own and weighs only lateness (and the
constant fragmentation), for tools without preemption, batching or costs per person (PyJobShop).

Everything is drawn from ``random.Random(f"consultant/{size}/{seed}")`` (a string seed is hashed
with SHA-512, not with Python's salted ``hash``): the same size and seed give the same scenario
in every process and on every machine (the variant: ``.../{seed}/nosplit``). The drawing itself
lives in :mod:`benchmarks._builder`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mission_planner.scenario import Calendar, Scenario

if TYPE_CHECKING:
    from mission_planner.problem import Problem
    from mission_planner.solution import Solution

SLOTS_PER_DAY = 24
"""One-hour slots."""
FIRST_MONDAY = dt.date(2027, 1, 4)
SKILLS = (
    "strategy",
    "finance",
    "data",
    "it",
    "process",
    "change",
    "legal",
    "hr",
    "marketing",
    "procurement",
)
FILL_RANGE = (0.55, 0.85)
"""Share of the lead's working hours taken by the order book (drawn uniformly)."""
PARTNER_PENALTY = 24
"""Reference plan: a partner is chosen over the lead only if it finishes a day earlier."""
MAX_ATTEMPTS = 15
SHRINK = 0.9


@dataclass(frozen=True)
class SizeSpec:
    """What a size promises, and a few knobs of its generator."""

    tasks: int
    partners: int
    weeks: int
    commitments: int
    tranches: int
    streams: int
    """Parallel work streams (predecessors stay inside a stream)."""
    mean_effort: float | None
    """Mean task effort in hours; ``None``: the mission fills 60-85% of the lead's free time."""
    no_skill_share: float
    lead_only_share: float
    """Share of tasks that are not delegable (client-facing)."""


SIZES: dict[str, SizeSpec] = {
    "S": SizeSpec(8, 0, 4, 10, 3, 1, None, 1.0, 0.25),
    "M": SizeSpec(25, 3, 13, 40, 4, 2, 10.0, 0.3, 0.2),
    "L": SizeSpec(80, 8, 26, 80, 6, 4, 12.0, 0.2, 0.15),
    "XL": SizeSpec(250, 24, 26, 120, 10, 12, 14.0, 0.1, 0.08),
}


# ---------------------------------------------------------------------------- the result
@dataclass(frozen=True)
class Piece:
    """Reference plan: ``length`` consecutive free working hours of ``person`` from real slot
    ``start`` (slot 0 is 00:00 on the scenario's start date)."""

    job: str
    person: str
    start: int
    length: int


@dataclass(frozen=True)
class Generated:
    """A generated scenario and the reference plan that proves it feasible.

    ``tranche`` gives each task's 0-based tranche in the reference plan and ``delivery`` each
    tranche's delivery slot (non-decreasing).
    """

    size: str
    seed: int
    scenario: Scenario
    pieces: tuple[Piece, ...]
    tranche: dict[str, int]
    delivery: tuple[int, ...]
    attempts: int
    """Reference plans tried (1 when the first fitted; each retry shrinks the mission)."""


def generate(size: str, seed: int, nosplit: bool = False) -> Scenario:
    """The scenario of ``size`` (``"S"``, ``"M"``, ``"L"`` or ``"XL"``) for ``seed``.

    ``nosplit=True`` gives the non-splitting variant (drawn from its own random stream, so
    not the same scenario made non-splitting): every task is one chunk (not splittable, at
    most 8 h), every engagement one block of its whole effort inside its window
    (``max_chunks=1``), as many tranches as tasks (each task is delivered when it finishes),
    no ``max_partners``, and only lateness and fragmentation weighted (partner fees and
    coordination weigh 0; fragmentation is a constant there, one chunk per job), so that the
    objective is the weighted tardiness of the tasks up to a constant. Partner caps are kept.
    Every task's sessions may cross nights (``session_crosses: nights``), as the reference
    plan's chunks do.
    """
    return generate_with_reference(size, seed, nosplit).scenario


def generate_with_reference(size: str, seed: int, nosplit: bool = False) -> Generated:
    """The scenario of ``size`` for ``seed`` (``nosplit``: see :func:`generate`) and its
    reference plan."""
    if size not in SIZES:
        raise ValueError(f"size={size!r} is not one of {list(SIZES)}")
    if seed < 0:
        raise ValueError(f"seed={seed} must be non-negative")
    from benchmarks._builder import Builder  # the builder imports this module's types

    return Builder(size, seed, nosplit).build()


GENERATORS: dict[str, Callable[[int], Scenario]] = {
    name: (lambda seed, _name=name: generate(_name, seed)) for name in SIZES
}
"""The registry: size name -> ``generate(seed)``."""


# ---------------------------------------------------------------------------- calendars
def working_mask(calendar: Calendar, start: dt.date, days: int) -> np.ndarray:
    """Per one-hour slot of ``days`` days from ``start``: whether it is a working hour.

    Weekly hours, less public holidays and time off (the calendar's own rules; hours on the
    hour, as generated here).
    """
    last = start + dt.timedelta(days=days - 1)
    off = set(calendar.public_holidays(start, last))
    for period in calendar.time_off:
        day = period.start
        while day <= period.end:
            off.add(day)
            day += dt.timedelta(days=1)
    mask = np.zeros(days * SLOTS_PER_DAY, dtype=bool)
    for d in range(days):
        day = start + dt.timedelta(days=d)
        if day in off:
            continue
        for r in calendar.ranges_on(day):
            mask[d * SLOTS_PER_DAY + r.start // 60 : d * SLOTS_PER_DAY + r.end // 60] = True
    return mask


def fill_ratio(scenario: Scenario) -> float:
    """Hours of the lead's order book (fixed blocks and engagements) / the lead's working hours.

    Working hours are counted over the horizon after public holidays and time off; a fixed
    block counts its hours inside the working hours of its day (a whole-day block, that day's
    working hours).
    """
    cal = scenario.lead.calendar
    days = (scenario.end - scenario.start).days + 1
    mask = working_mask(cal, scenario.start, days).reshape(days, SLOTS_PER_DAY)
    working = float(mask.sum())
    fixed = 0.0
    for block in scenario.fixed_blocks:
        d = (block.date - scenario.start).days
        today = mask[d]
        if block.time is not None:
            fixed += float(today[block.time.start // 60 : block.time.end // 60].sum())
        elif block.hours is not None:
            fixed += min(block.hours, float(today.sum()))
        else:
            fixed += float(today.sum())
    engagements = sum(e.effort_hours for e in scenario.engagements)
    return (fixed + engagements) / working


# ---------------------------------------------------------------------------- certificate
def reference_solution(generated: Generated, problem: Problem) -> Solution:
    """The reference plan as a library :class:`~mission_planner.solution.Solution`.

    ``problem`` is ``compile_problem(generated.scenario)``; each piece becomes a chunk on its
    person's working axis.
    """
    from mission_planner.solution import Chunk, Solution

    chunks = []
    for piece in generated.pieces:
        axis = problem.timeline.person(piece.person)
        chunks.append(
            Chunk(piece.job, piece.person, axis.position_at_or_after(piece.start), piece.length)
        )
    return Solution(
        chunks=chunks, tranche=dict(generated.tranche), delivery=list(generated.delivery)
    )


def describe(scenario: Scenario) -> dict[str, float]:
    """Figures of a scenario: counts, horizon, fill ratio, efforts."""
    tasks = scenario.mission.tasks
    return {
        "tasks": len(tasks),
        "partners": len(scenario.partners),
        "days": (scenario.end - scenario.start).days + 1,
        "commitments": len(scenario.fixed_blocks) + len(scenario.engagements),
        "fixed_blocks": len(scenario.fixed_blocks),
        "engagements": len(scenario.engagements),
        "fill": fill_ratio(scenario),
        "mission_hours": sum(t.effort_hours for t in tasks),
        "not_splittable": sum(not t.splittable for t in tasks),
        "not_delegable": sum(not t.delegable for t in tasks),
        "predecessor_arcs": sum(len(t.predecessors) for t in tasks),
        "busy_blocks": sum(len(p.busy) for p in scenario.partners),
    }
