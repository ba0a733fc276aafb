"""What a date means, and working days: the one place the tables, levers and texts ask.

* A due date or a deadline written as a date means the *end* of that day (24:00); a
  datetime is itself (:func:`asked_instant`, :func:`accepted_instant`).
* An instant at 00:00 belongs to the day before: finishing at midnight is finishing that
  day (:func:`day_of`).
* Working days are the lead's: days with working hours in the weekly calendar, less public
  holidays and time off. "Working days between two instants" counts those that *start* in
  ``[from, to)`` (:meth:`WorkingDays.between`): a task due Tuesday and delivered Thursday
  evening is 2 working days late (Wednesday and Thursday).

The independent checker keeps its own version of these rules on purpose.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass

import pandas as pd

from mission_planner.scenario import Scenario
from mission_planner.scenario.mission import moment_end


def asked_instant(scenario: Scenario, task_id: str) -> pd.Timestamp:
    """The instant the client asked task ``task_id`` for (its due date's end)."""
    return pd.Timestamp(moment_end(scenario.task(task_id).due))


def accepted_instant(scenario: Scenario, task_id: str) -> pd.Timestamp:
    """The latest instant the client accepts for ``task_id`` (its deadline, else its due)."""
    return pd.Timestamp(moment_end(scenario.task(task_id).latest))


def day_of(instant: object) -> dt.date:
    """The calendar day of an instant; 00:00 belongs to the day before."""
    moment = pd.Timestamp(instant)  # type: ignore[arg-type]
    if moment.hour == 0 and moment.minute == 0 and moment.second == 0:
        moment -= pd.Timedelta(days=1)
    return moment.date()


def day_named(moment: dt.date | dt.datetime) -> dt.date:
    """The day a due date or deadline names: a date itself, a datetime the day it ends in."""
    if isinstance(moment, dt.datetime):
        return day_of(moment)
    return moment


def midnight(day: dt.date) -> pd.Timestamp:
    """00:00 of ``day`` (how a day sits in a datetime column)."""
    return pd.Timestamp(dt.datetime.combine(day, dt.time()))


def end_of(day: dt.date) -> pd.Timestamp:
    """24:00 of ``day``: the instant a date written as a due date means."""
    return pd.Timestamp(moment_end(day))


def calendar_days_between(start: object, end: object) -> int:
    """Calendar days from the day of ``start`` to the day of ``end`` (0 if not later)."""
    a, b = pd.Timestamp(start), pd.Timestamp(end)  # type: ignore[arg-type]
    if b <= a:
        return 0
    return max(0, (day_of(b) - day_of(a)).days)


@dataclass(frozen=True)
class WorkingDays:
    """The lead's working days in the horizon, in order."""

    days: tuple[dt.date, ...]

    @classmethod
    def of(cls, scenario: Scenario) -> WorkingDays:
        """The lead's working days of ``scenario`` (weekly hours, less holidays and time off)."""
        cal = scenario.lead.calendar
        off = set(cal.public_holidays(scenario.start, scenario.end))
        for leave in cal.time_off:
            day = leave.start
            while day <= leave.end:
                off.add(day)
                day += dt.timedelta(days=1)
        found = []
        day = scenario.start
        while day <= scenario.end:
            if day not in off and cal.ranges_on(day):
                found.append(day)
            day += dt.timedelta(days=1)
        return cls(tuple(found))

    def between(self, start: object, end: object) -> int:
        """Working days whose start (00:00) lies in ``[start, end)``; 0 when not later."""
        a, b = pd.Timestamp(start), pd.Timestamp(end)  # type: ignore[arg-type]
        if b <= a:
            return 0
        first = bisect_left(self.days, _first_day_starting_at_or_after(a))
        last = bisect_left(self.days, _first_day_starting_at_or_after(b))
        return max(0, last - first)

    def after(self, instant: object, count: int) -> dt.date | None:
        """The ``count``-th working day starting at or after ``instant`` (1 = the first)."""
        first = bisect_left(self.days, _first_day_starting_at_or_after(pd.Timestamp(instant)))  # type: ignore[arg-type]
        index = first + count - 1
        return self.days[index] if 0 <= index < len(self.days) else None

    def in_range(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """Working days from ``first`` to ``last``, both included."""
        return [d for d in self.days if first <= d <= last]


def notice_end(scenario: Scenario) -> dt.datetime | None:
    """00:00 of the day mission work may start after the notice period (None: no notice).

    That day is the ``notice_days``-th working day of the lead after the planning start; past
    the horizon, the day after its end.
    """
    count = scenario.mission.notice_days
    if not count:
        return None
    day = WorkingDays.of(scenario).after(midnight(scenario.start + dt.timedelta(days=1)), count)
    day = day if day is not None else scenario.end + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time())


def _first_day_starting_at_or_after(instant: pd.Timestamp) -> dt.date:
    day = instant.date()
    if instant != pd.Timestamp(dt.datetime.combine(day, dt.time())):
        day += dt.timedelta(days=1)
    return day


__all__ = [
    "WorkingDays",
    "accepted_instant",
    "asked_instant",
    "calendar_days_between",
    "day_named",
    "day_of",
    "end_of",
    "midnight",
    "notice_end",
]
