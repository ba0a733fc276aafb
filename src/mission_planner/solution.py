"""A plan in solver terms (chunks on working axes, tranches) and its objective.

Solvers (CP-SAT, heuristics) produce a :class:`Solution`; :mod:`mission_planner.result`
turns it into dates and tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mission_planner.baseline import kept_slots
from mission_planner.problem import OBJECTIVE_SCALE, Problem


@dataclass(frozen=True, order=True)
class Chunk:
    """``length`` slots of work on ``job`` by ``person`` from position ``start``.

    Positions are on that person's working axis: the chunk covers real slots
    ``free[start] .. free[start + length - 1]``.
    """

    job: str
    person: str
    start: int
    length: int

    @property
    def end(self) -> int:
        """Working-axis position just after the chunk."""
        return self.start + self.length


@dataclass
class Solution:
    """Chunks of every job, and the mission's tranches.

    ``tranche[job]`` is the 0-based tranche of each mission job; ``delivery[k]`` is the real
    slot instant of tranche ``k``'s delivery (non-decreasing in ``k``). ``coordination`` holds
    the lead's kick-off and follow-up blocks with partners, as chunks on the lead's axis whose
    ``job`` is :func:`~mission_planner.problem.coordination_id` (see ``docs/model.md``).
    """

    chunks: list[Chunk]
    tranche: dict[str, int] = field(default_factory=dict)
    delivery: list[int] = field(default_factory=list)
    coordination: list[Chunk] = field(default_factory=list)


@dataclass(frozen=True)
class Evaluation:
    """Objective terms of a solution, in reported units (see ``Weights``)."""

    lateness: float
    """Sum over tasks of urgency x hours late."""
    partner_fees: float
    """EUR invoiced by partners."""
    delegated_hours: float
    coordination_hours: float
    """The lead's kick-off and follow-up hours with partners."""
    chunks: int
    overtime_hours: float
    objective: float
    """Weighted sum, as minimised."""
    scaled_objective: int
    """The same as the integer the solver minimises."""
    changes: Changes | None = None
    """Against the problem's baseline (a re-plan's previous plan); ``None`` without one."""


@dataclass(frozen=True)
class Changes:
    """How far a solution is from the problem's baseline (see :mod:`mission_planner.baseline`).

    Only jobs the baseline planned count: a job new to the plan changes nothing.
    """

    slots_moved: int
    people_changed: int
    dates_changed: int
    cost: int
    """The change terms of the scaled objective."""


def changes_of(problem: Problem, solution: Solution) -> Changes | None:
    """Slots moved, people changed and dates changed against ``problem.baseline``."""
    base = problem.baseline
    if base is None:
        return None
    kept: dict[str, int] = {}
    worked: dict[str, set[str]] = {}
    for chunk in solution.chunks:
        runs = base.runs.get((chunk.job, chunk.person), [])
        kept[chunk.job] = kept.get(chunk.job, 0) + kept_slots(runs, chunk.start, chunk.end)
        worked.setdefault(chunk.job, set()).add(chunk.person)
    moved = sum(problem.job(job).effort - kept.get(job, 0) for job in base.people)
    people = sum(
        len(worked.get(job, set()) - before) for job, before in base.people.items() if job in worked
    )
    dates = sum(
        1
        for task, slot in base.delivery.items()
        if task in solution.tranche and solution.delivery[solution.tranche[task]] != slot
    )
    cost = base.slot_moved_cost * moved + base.person_cost * people + base.date_cost * dates
    return Changes(moved, people, dates, cost)


def finish_times(problem: Problem, solution: Solution) -> dict[str, int]:
    """Real slot instant at which each job's last chunk ends."""
    finish: dict[str, int] = {}
    for chunk in solution.chunks:
        end = problem.timeline.person(chunk.person).real_end(chunk.end)
        finish[chunk.job] = max(finish.get(chunk.job, 0), end)
    return finish


def evaluate(problem: Problem, solution: Solution) -> Evaluation:
    """Objective terms of ``solution`` (no feasibility check: see :func:`mission_planner.check`)."""
    hours = problem.timeline.grid.slot_hours
    late_slots_weighted = 0
    for job in problem.mission_jobs:
        if job.due is None:
            continue
        delivered = solution.delivery[solution.tranche[job.id]]
        late_slots_weighted += job.urgency * max(0, delivered - job.due)
    fees = 0.0
    delegated = 0
    cost = 0
    overtime = 0
    for chunk in solution.chunks:
        person = problem.people[chunk.person]
        cost += person.cost_per_slot * chunk.length
        fees += person.fee_per_slot * chunk.length
        if not person.is_lead:
            delegated += chunk.length
        ot = problem.timeline.person(chunk.person).overtime
        overtime += int(ot[chunk.start : chunk.end].sum())
    coordination = 0
    lead_overtime = problem.timeline.person(problem.lead).overtime
    for block in solution.coordination:
        coordination += block.length
        overtime += int(lead_overtime[block.start : block.end].sum())
    cost += problem.coordination_cost * coordination
    changes = changes_of(problem, solution)
    scaled = (
        (0 if changes is None else changes.cost)
        + problem.lateness_per_slot * late_slots_weighted
        + cost
        + problem.chunk_cost * len(solution.chunks)
        + problem.overtime_cost * overtime
    )
    return Evaluation(
        lateness=late_slots_weighted * hours,
        partner_fees=fees,
        delegated_hours=delegated * hours,
        coordination_hours=coordination * hours,
        chunks=len(solution.chunks),
        overtime_hours=overtime * hours,
        objective=scaled / OBJECTIVE_SCALE,
        scaled_objective=scaled,
        changes=changes,
    )


def normalized(problem: Problem, solution: Solution) -> Solution:
    """The same plan with chunks sorted and touching chunks of one job and person merged.

    Chunks of a job with session rules stay apart: two sessions may meet where a day ends.
    """
    merged: list[Chunk] = []
    for chunk in sorted(solution.chunks, key=lambda c: (c.job, c.person, c.start)):
        last = merged[-1] if merged else None
        if (
            last
            and last.job == chunk.job
            and last.person == chunk.person
            and last.end == chunk.start
            and problem.job(chunk.job).session is None
        ):
            merged[-1] = Chunk(last.job, last.person, last.start, last.length + chunk.length)
        else:
            merged.append(chunk)
    order = {job.id: i for i, job in enumerate(problem.jobs)}
    merged.sort(key=lambda c: (order[c.job], problem.timeline.person(c.person).real_start(c.start)))
    return Solution(
        chunks=merged,
        tranche=dict(solution.tranche),
        delivery=list(solution.delivery),
        coordination=sorted(solution.coordination, key=lambda c: (c.start, c.job)),
    )
