"""Rules on tranches, partner caps and the figures the result reports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from functools import partial
from itertools import pairwise
from typing import Any

from mission_planner.checker.contract import COORDINATION, TOLERANCE, Violation
from mission_planner.checker.plan_view import PlanView, hours_of
from mission_planner.scenario.mission import moment_end, moment_start


def check_tranches(plan: PlanView) -> Iterator[Violation]:
    """Tasks are delivered in tranches ``1..k``, ``k <= max_tranches``, in order.

    The tranche numbers of ``deliveries`` are ``1..k`` and are the rows of ``tranches``;
    tranche deliveries are non-decreasing with the number; a task's delivery equals its
    tranche's; a tranche lists exactly its tasks; a task's schedule rows carry its tranche.
    """
    flag = partial(Violation, "tranche")
    used = sorted({int(row["tranche"]) for row in plan.deliveries.values()})
    k = len(used)
    if used != list(range(1, k + 1)):
        yield flag("deliveries", f"tranche numbers {used} are not 1..{k}")
    if k > plan.hard.max_tranches:
        yield flag("deliveries", f"{k} tranches, at most {plan.hard.max_tranches}")
    if sorted(plan.tranches) != used:
        yield flag("tranches", f"rows {sorted(plan.tranches)}, tasks use {used}")
    ordered = sorted(plan.tranches.items())
    for (n1, r1), (n2, r2) in pairwise(ordered):
        if r2["delivery"] < r1["delivery"]:
            yield flag(f"tranche {n2}", f"delivered before tranche {n1}")
    for number, row in ordered:
        listed = sorted(filter(None, str(row["tasks"]).split(",")))
        members = sorted(t for t, d in plan.deliveries.items() if int(d["tranche"]) == number)
        if listed != members:
            yield flag(f"tranche {number}", f"lists {listed}, its tasks are {members}")
    for task, row in plan.deliveries.items():
        tranche = plan.tranches.get(int(row["tranche"]))
        if tranche is not None and row["delivery"] != tranche["delivery"]:
            yield flag(f"task {task}", f"delivery differs from tranche {row['tranche']}'s")
        marks = {b.tranche for b in plan.job_blocks(str(task), "mission")}
        if marks - {int(row["tranche"])}:
            yield flag(f"task {task}", f"schedule rows carry tranches {marks}")


def check_partners(plan: PlanView) -> Iterator[Violation]:
    """Partners stay within their caps.

    ``sum(hours of partner p) <= p.max_hours`` and the number of partners with work is at most
    ``mission.max_partners`` (when set).
    """
    flag = partial(Violation, "partner")
    hours: dict[str, float] = defaultdict(float)
    for block in plan.job_work():
        hours[block.resource] += block.hours
    used = []
    for partner in plan.scenario.partners:
        if partner.id in hours:
            used.append(partner.id)
        if partner.max_hours is not None and hours[partner.id] > partner.max_hours + TOLERANCE:
            yield flag(
                f"partner {partner.id}",
                f"works {hours[partner.id]:g} h, more than max_hours={partner.max_hours:g}",
            )
    cap = plan.hard.max_partners
    if cap is not None and len(used) > cap:
        yield flag("mission", f"uses partners {used}, at most {cap} allowed")


def check_figures(plan: PlanView) -> Iterator[Violation]:
    """Reported figures agree with the schedule and the scenario.

    Schedule: ``hours == end - start``. Deliveries: ``hours`` = effort, ``resources`` = the
    people in the schedule, ``finish`` = end of the last row, ``due_at``/``deadline_at`` = the
    task's instants (a date is 24:00) and ``due``/``deadline`` the days they close (midnight),
    ``lateness_hours = max(0, delivery - due_at)``, ``on_time = delivery <= due_at``,
    ``within_deadline = delivery <= deadline_at``, ``lateness_working_days`` = the lead's
    working days starting in ``[due_at, delivery)``. Tranches: the earliest of their tasks'
    instants and their days, ``lateness_working_days`` as above. Objective terms
    (when the result has them): ``coordination_hours`` = the hours of the ``coordination`` rows.
    """
    for block in plan.blocks:
        if abs(block.hours - hours_of(block.end - block.start)) > TOLERANCE:
            yield Violation(
                "figures", f"schedule row {block.row}", f"hours={block.hours:g} for {block}"
            )
    terms = plan.objective_terms or {}
    if "coordination_hours" in terms:
        rows = sum(b.hours for b in plan.blocks if b.kind == COORDINATION)
        yield from _compare("objective_terms", {"coordination_hours": rows}, terms)
    tasks = {t.id: t for t in plan.scenario.mission.tasks}
    for task_id, row in plan.deliveries.items():
        task = tasks.get(str(task_id))
        if task is None:
            yield Violation("figures", f"task {task_id}", "in deliveries but not in the mission")
            continue
        blocks = plan.job_blocks(task.id, "mission")
        due, deadline = moment_end(task.due), moment_end(task.latest)
        late = max(0.0, hours_of(row["delivery"] - due))
        expected: dict[str, Any] = {
            "hours": task.effort_hours,
            "resources": sorted({b.resource for b in blocks}),
            "due": _day_shown(due),
            "deadline": _day_shown(deadline),
            "due_at": due,
            "deadline_at": deadline,
            "lateness_hours": late,
            "lateness_working_days": _working_days_late(plan, due, row["delivery"]),
            "on_time": row["delivery"] <= due,
            "within_deadline": row["delivery"] <= deadline,
        }
        if blocks:
            expected["finish"] = max(b.end for b in blocks)
        got = dict(row, resources=sorted(filter(None, str(row["resources"]).split(","))))
        yield from _compare(f"task {task.id}", expected, got)
    for number, row in plan.tranches.items():
        members = [
            tasks[t] for t, d in plan.deliveries.items() if d["tranche"] == number and t in tasks
        ]
        if not members:
            continue
        due = min(moment_end(t.due) for t in members)
        deadline = min(moment_end(t.latest) for t in members)
        expected = {
            "due": _day_shown(due),
            "deadline": _day_shown(deadline),
            "due_at": due,
            "deadline_at": deadline,
            "lateness_working_days": _working_days_late(plan, due, row["delivery"]),
        }
        yield from _compare(f"tranche {number}", expected, row)


# ---------------------------------------------------------------------- helpers
def _day_shown(instant: dt.datetime) -> dt.datetime:
    """Midnight of the day an instant closes.

    The day of its last microsecond: 24:00 ends the day before, 17:00 is in its own day.
    """
    return dt.datetime.combine((instant - dt.timedelta(microseconds=1)).date(), dt.time())


def _compare(subject: str, expected: dict[str, Any], got: dict[str, Any]) -> Iterator[Violation]:
    for column, value in expected.items():
        reported = got[column]
        if isinstance(value, bool):
            same = bool(reported) == value
        elif isinstance(value, float):
            same = abs(float(reported) - value) <= TOLERANCE
        else:
            same = bool(reported == value)
        if not same:
            yield Violation("figures", subject, f"{column} is {reported}, expected {value}")


def _working_days_late(plan: PlanView, due: dt.datetime, delivery: dt.datetime) -> int:
    """The lead's working days whose 00:00 lies in ``[due, delivery)``."""
    lead = plan.people[plan.lead]
    day = due.date() if due == moment_start(due.date()) else due.date() + dt.timedelta(days=1)
    count = 0
    while moment_start(day) < delivery:
        count += bool(lead.calendar.ranges_on(day)) and day not in lead.off_days
        day += dt.timedelta(days=1)
    return count
