"""Tables of a plan: schedule, deliveries, tranches (échéancier), load and costs.

Column sets and dtypes are those of the result contract (:mod:`mission_planner.contract`);
see ``docs/concepts.md``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from mission_planner.contract import (
    COORDINATION,
    COST_COLUMNS,
    DELIVERY_COLUMNS,
    FIXED,
    LOAD_COLUMNS,
    MISSION,
    ORDER_BOOK_KINDS,
    SCHEDULE_COLUMNS,
    TRANCHE_COLUMNS,
    table,
)
from mission_planner.problem import Problem
from mission_planner.solution import Chunk, Solution, finish_times
from mission_planner.workdays import (
    WorkingDays,
    accepted_instant,
    asked_instant,
    day_of,
    midnight,
)


def schedule_frame(problem: Problem, solution: Solution) -> pd.DataFrame:
    """One row per work block (a chunk's run inside one day) and per fixed block of the lead.

    Work blocks include the lead's coordination with partners (kind ``coordination``).
    """
    grid = problem.timeline.grid
    rows: list[dict[str, object]] = []
    numbers: dict[str, int] = {}
    for chunk in solution.chunks:
        job = problem.job(chunk.job)
        number = numbers.get(chunk.job, 0)
        numbers[chunk.job] = number + 1
        tranche = solution.tranche[chunk.job] + 1 if job.is_mission else None
        rows += _work_rows(problem, chunk, job.kind, tranche, number)
    for coordination in sorted(solution.coordination, key=lambda c: c.start):
        number = numbers.get(coordination.job, 0)
        numbers[coordination.job] = number + 1
        rows += _work_rows(problem, coordination, COORDINATION, None, number)
    for block in problem.timeline.person(problem.lead).blocks:
        rows.append(
            {
                "kind": FIXED,
                "task": block.id,
                "tranche": None,
                "resource": problem.lead,
                "chunk": None,
                "date": dt.datetime.combine(grid.day_of(block.start), dt.time()),
                "start": grid.time_of(block.start),
                "end": grid.time_of(block.end),
                "hours": (block.end - block.start) * grid.slot_hours,
            }
        )
    frame = table(rows, SCHEDULE_COLUMNS)
    return frame.sort_values(["resource", "start"], kind="stable").reset_index(drop=True)


def _work_rows(
    problem: Problem, chunk: Chunk, kind: str, tranche: int | None, number: int
) -> list[dict[str, object]]:
    """Schedule rows of one chunk: one per run of consecutive real slots inside one day."""
    grid = problem.timeline.grid
    per_day = grid.slots_per_day
    rows: list[dict[str, object]] = []
    for a, b in problem.timeline.person(chunk.person).real_runs(chunk.start, chunk.length):
        while a < b:
            cut = min(b, (a // per_day + 1) * per_day)
            rows.append(
                {
                    "kind": kind,
                    "task": chunk.job,
                    "tranche": tranche,
                    "resource": chunk.person,
                    "chunk": number,
                    "date": dt.datetime.combine(grid.day_of(a), dt.time()),
                    "start": grid.time_of(a),
                    "end": grid.time_of(cut),
                    "hours": (cut - a) * grid.slot_hours,
                }
            )
            a = cut
    return rows


def delivery_frame(problem: Problem, solution: Solution) -> pd.DataFrame:
    """One row per mission task: finish, delivery, and the client's dates and lateness.

    ``due`` and ``deadline`` are the days the scenario names (at their midnight), whatever
    policy the plan was made under; ``due_at`` and ``deadline_at`` are the instants they mean
    (a date meaning 24:00). Lateness counts from ``due_at`` in hours and in the lead's working
    days (:mod:`mission_planner.workdays`).
    """
    scenario = problem.scenario
    grid = problem.timeline.grid
    working = WorkingDays.of(scenario)
    finish = finish_times(problem, solution)
    rows: list[dict[str, object]] = []
    for job in problem.mission_jobs:
        delivered = grid.time_of(solution.delivery[solution.tranche[job.id]])
        due, deadline = asked_instant(scenario, job.id), accepted_instant(scenario, job.id)
        people = sorted({c.person for c in solution.chunks if c.job == job.id})
        rows.append(
            {
                "task": job.id,
                "name": scenario.task(job.id).name,
                "tranche": solution.tranche[job.id] + 1,
                "resources": ",".join(people),
                "hours": job.effort * grid.slot_hours,
                "finish": grid.time_of(finish[job.id]),
                "delivery": delivered,
                "due": midnight(day_of(due)),
                "deadline": midnight(day_of(deadline)),
                "due_at": due,
                "deadline_at": deadline,
                "lateness_hours": max(0.0, (delivered - due) / pd.Timedelta(hours=1)),
                "lateness_working_days": working.between(due, delivered),
                "on_time": delivered <= due,
                "within_deadline": delivered <= deadline,
            }
        )
    return table(rows, DELIVERY_COLUMNS)


def tranche_frame(problem: Problem, solution: Solution) -> pd.DataFrame:
    """The échéancier: one row per tranche with its tasks and delivery date.

    ``due_at`` and ``deadline_at`` are the earliest of its tasks' instants (the scenario's),
    ``due`` and ``deadline`` the days they fall on (at their midnight); each task's own dates
    are in :func:`delivery_frame`.
    """
    scenario = problem.scenario
    grid = problem.timeline.grid
    working = WorkingDays.of(scenario)
    rows: list[dict[str, object]] = []
    for k, slot in enumerate(solution.delivery):
        members = [j.id for j in problem.mission_jobs if solution.tranche[j.id] == k]
        due = min(asked_instant(scenario, t) for t in members)
        deadline = min(accepted_instant(scenario, t) for t in members)
        delivered = grid.time_of(slot)
        rows.append(
            {
                "tranche": k + 1,
                "tasks": ",".join(members),
                "delivery": delivered,
                "due": midnight(day_of(due)),
                "deadline": midnight(day_of(deadline)),
                "due_at": due,
                "deadline_at": deadline,
                "lateness_working_days": working.between(due, delivered),
            }
        )
    return table(rows, TRANCHE_COLUMNS)


def load_frame(problem: Problem, schedule: pd.DataFrame) -> pd.DataFrame:
    """Per person and day: capacity, committed, planned, free.

    ``committed`` counts fixed or busy blocks, engagements and the time reserved for
    opportunities.

    ``planned`` counts mission work and the lead's coordination with partners.
    """
    grid = problem.timeline.grid
    work = schedule[schedule["kind"] != FIXED]
    hours = work.groupby(["resource", "date", "kind"])["hours"].sum()
    rows: list[dict[str, object]] = []
    for person, axis in problem.timeline.people.items():
        for d in range(grid.n_days):
            day = pd.Timestamp(grid.origin + dt.timedelta(days=d))
            capacity = float(axis.working[d]) * grid.slot_hours
            committed = float(axis.blocked[d]) * grid.slot_hours + sum(
                float(hours.get((person, day, kind), 0.0)) for kind in ORDER_BOOK_KINDS
            )
            planned = float(hours.get((person, day, MISSION), 0.0)) + float(
                hours.get((person, day, COORDINATION), 0.0)
            )
            rows.append(
                {
                    "resource": person,
                    "date": day,
                    "capacity": capacity,
                    "committed": committed,
                    "planned": planned,
                    "free": capacity - committed - planned,
                }
            )
    return table(rows, LOAD_COLUMNS)


def cost_frame(problem: Problem, schedule: pd.DataFrame) -> pd.DataFrame:
    """Per person: mission hours, day rate and fee (partners invoice the client)."""
    scenario = problem.scenario
    mission = schedule[schedule["kind"] == MISSION].groupby("resource")["hours"].sum()
    rows: list[dict[str, object]] = []
    lead_hours = float(mission.get(scenario.lead.id, 0.0))
    rows.append(
        {
            "resource": scenario.lead.id,
            "role": "lead",
            "hours": lead_hours,
            "day_rate": scenario.lead.day_rate,
            "fee": lead_hours / scenario.hours_per_day * scenario.lead.day_rate,
        }
    )
    for partner in scenario.partners:
        h = float(mission.get(partner.id, 0.0))
        rows.append(
            {
                "resource": partner.id,
                "role": "partner",
                "hours": h,
                "day_rate": partner.day_rate,
                "fee": h / scenario.hours_per_day * partner.day_rate,
            }
        )
    return table(rows, COST_COLUMNS)
