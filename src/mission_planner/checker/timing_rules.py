"""Timing rules: lags between tasks and the mission's notice period.

- A lag of ``h`` hours from task ``i`` to task ``j``: with ``a`` = ``i``'s last row end
  (``finish-to-start``) or first row start (``start-to-start``), ``j``'s first row starts at
  or after ``a + h`` (``calendar``); or, ``working``, for each person ``q`` doing ``j``, the
  minutes of ``q``'s working hours (working ranges of working days: not holidays, not time
  off, overtime left out) in ``[a, q's first row of j)`` total at least ``60 h``.
- ``notice_days = n > 0``: no mission row starts before 00:00 of the lead's ``n``-th working
  day (a day with working hours, not a holiday nor time off) after the planning start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import partial

from mission_planner.checker.contract import Violation
from mission_planner.checker.plan_view import PlanView, WorkBlock, when
from mission_planner.scenario import Lag, Task

flag = partial(Violation, "timing")


def check_timing(plan: PlanView) -> Iterator[Violation]:
    """Lags and the notice period (see the module docstring)."""
    rows = {t.id: plan.job_blocks(t.id, "mission") for t in plan.scenario.mission.tasks}
    for task in plan.scenario.mission.tasks:
        if rows[task.id]:
            for lag in task.lags:
                if rows[lag.task]:
                    yield from _lag(plan, task, lag, rows[task.id], rows[lag.task])
    yield from _notice(plan, rows)


def _lag(
    plan: PlanView, task: Task, lag: Lag, mine: list[WorkBlock], theirs: list[WorkBlock]
) -> Iterator[Violation]:
    subject = f"task {task.id}"
    from_start = lag.link == "start-to-start"
    anchor = min(b.start for b in theirs) if from_start else max(b.end for b in theirs)
    verb = "starts" if from_start else "finishes"
    what = f"{lag.hours:g} h {lag.counted} lag after {lag.task!r} {verb} ({when(anchor)})"
    if lag.counted == "calendar":
        first = min(b.start for b in mine)
        if first < anchor + dt.timedelta(hours=lag.hours):
            yield flag(subject, f"starts {when(first)}, within its {what}")
        return
    for person in sorted({b.resource for b in mine}):
        view = plan.people.get(person)
        if view is None:
            continue
        first = min(b.start for b in mine if b.resource == person)
        worked = int(view.working[plan.span(anchor, first)].sum()) if first > anchor else 0
        if worked < round(lag.hours * 60):
            yield flag(
                subject,
                f"{person} starts it {when(first)}, {worked / 60:g} working hours of "
                f"{person} into its {what}",
            )


def _notice(plan: PlanView, rows: dict[str, list[WorkBlock]]) -> Iterator[Violation]:
    count = plan.scenario.mission.notice_days
    if not count:
        return
    lead = plan.people[plan.lead]
    day = plan.scenario.start
    seen = 0
    while seen < count and day <= plan.scenario.end:
        day += dt.timedelta(days=1)
        if day <= plan.scenario.end and lead.calendar.ranges_on(day) and day not in lead.off_days:
            seen += 1
    opens = dt.datetime.combine(day, dt.time())
    for task, blocks in rows.items():
        if blocks and blocks[0].start < opens:
            yield flag(
                f"task {task}",
                f"starts {when(blocks[0].start)}, within the notice period of {count} working "
                f"days (work may start {when(opens)})",
            )


__all__ = ["check_timing"]
