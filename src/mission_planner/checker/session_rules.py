"""Session rules of mission tasks: where each chunk (session) lies and how long it lasts.

For a task ``t`` and each of its chunks (rows grouped by ``chunk``, one person's):

- ``max_session_hours``: the chunk's hours are at most that;
- ``session_window`` ``[a, b)``: every row lies between ``a`` and ``b`` o'clock, and all rows
  are on one date;
- ``session_crosses: breaks`` (the default, without a window): a chunk of at most the
  person's working day (the most working hours one weekday of their calendar has, overtime
  left out) has all its rows on one date;
- ``session_crosses: nothing``: each row starts where the previous one ends (one unbroken
  stretch);
- ``session_crosses: nights``: nothing more.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import partial
from itertools import pairwise

from mission_planner.checker.contract import TOLERANCE, Violation
from mission_planner.checker.plan_view import PlanView, WorkBlock, by_start, when
from mission_planner.scenario import Calendar, Task

flag = partial(Violation, "session")


def check_sessions(plan: PlanView) -> Iterator[Violation]:
    """Each chunk of a mission task keeps its task's session rules (module docstring)."""
    for task in plan.scenario.mission.tasks:
        chunks: dict[int, list[WorkBlock]] = defaultdict(list)
        for block in plan.job_blocks(task.id, "mission"):
            chunks[int(block.chunk or 0)].append(block)
        for number, rows in sorted(chunks.items()):
            yield from _chunk(plan, task, number, sorted(rows, key=by_start))


def _chunk(plan: PlanView, task: Task, number: int, rows: list[WorkBlock]) -> Iterator[Violation]:
    subject = f"task {task.id}"
    name = f"session (chunk {number}) from {when(rows[0].start)}"
    hours = sum(b.hours for b in rows)
    if task.max_session_hours is not None and hours > task.max_session_hours + TOLERANCE:
        yield flag(subject, f"{name} lasts {hours:g} h, more than {task.max_session_hours:g} h")
    window = task.session_window
    if window is not None:
        for row in rows:
            start = row.start.hour * 60 + row.start.minute
            end = (row.end - row.date).total_seconds() / 60
            if start < window.start or end > window.end:
                yield flag(subject, f"{name}: row {row} is outside {window}")
    days = sorted({b.start.date() for b in rows})
    person = plan.people.get(rows[0].resource)
    within_day = window is not None or (
        task.session_crosses == "breaks"
        and person is not None
        and hours <= _working_day(person.calendar) + TOLERANCE
    )
    if within_day and len(days) > 1:
        yield flag(
            subject,
            f"{name} runs over {len(days)} days ({days[0]:%a %d %b} to {days[-1]:%a %d %b}): "
            "a session no longer than a working day stays within one day",
        )
    if task.session_crosses == "nothing":
        for a, b in pairwise(rows):
            if a.end != b.start:
                yield flag(subject, f"{name} stops at {when(a.end)} and resumes at {when(b.start)}")


def _working_day(calendar: Calendar) -> float:
    """Hours of the longest working weekday of ``calendar`` (overtime left out)."""
    days = [sum(r.end - r.start for r in ranges) for ranges in calendar.working_hours.values()]
    return max(days, default=0) / 60


__all__ = ["check_sessions"]
