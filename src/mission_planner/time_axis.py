"""A working-time axis for charts: nights, weekends and other non-working time take no width.

A Gantt chart on a calendar axis spends two thirds of each day's width on nights and two
sevenths of each week on weekends. A :class:`WorkingAxis` keeps only the working time of the
people shown (their weekly working hours, plus any block planned outside them) and maps each
instant to a position in hours along that kept time. An instant in a gap (a night, a weekend)
sits at the end of the working time before it, so a due date (24:00) marks the end of the
day's work. Used by the matplotlib and the HTML charts; it needs neither library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mission_planner.scenario import Calendar, Scenario

Interval = tuple[pd.Timestamp, pd.Timestamp]
"""``[start, end)`` in naive local time."""


@dataclass(frozen=True)
class WorkingAxis:
    """Positions (hours of kept time) of instants; only the kept intervals take width.

    Attributes
    ----------
    intervals
        Kept ``[start, end)`` intervals, sorted and disjoint.
    """

    intervals: tuple[Interval, ...]

    @property
    def _starts(self) -> np.ndarray:
        return np.array([a.value for a, _ in self.intervals], dtype=np.int64)

    @property
    def _offsets(self) -> np.ndarray:
        lengths = [(b - a) / pd.Timedelta(hours=1) for a, b in self.intervals]
        return np.concatenate(([0.0], np.cumsum(lengths)))

    @property
    def width(self) -> float:
        """Hours of kept time: the position of the axis' far end."""
        return float(self._offsets[-1])

    def position(self, moment: pd.Timestamp | dt.datetime) -> float:
        """Hours of kept time before ``moment`` (clamped to ``0 .. width``)."""
        return float(self.positions([moment])[0])

    def positions(self, moments: Iterable[pd.Timestamp | dt.datetime]) -> np.ndarray:
        """:meth:`position` of each instant."""
        values = np.array([pd.Timestamp(m).value for m in moments], dtype=np.int64)
        if not self.intervals:
            return np.zeros(len(values))
        starts = self._starts
        offsets = self._offsets
        index = np.searchsorted(starts, values, side="right") - 1
        result = np.zeros(len(values))
        for i, (value, k) in enumerate(zip(values, index, strict=True)):
            if k < 0:
                continue
            start, end = self.intervals[k]
            inside = min(value, end.value) - start.value
            result[i] = offsets[k] + inside / 3.6e12
        return result

    def days(self) -> list[tuple[pd.Timestamp, float, float]]:
        """Each day with kept time: ``(day, first position, last position)``, for ticks."""
        spans: dict[pd.Timestamp, tuple[float, float]] = {}
        offsets = self._offsets
        for k, (start, end) in enumerate(self.intervals):
            day = start.normalize()
            lo = spans.get(day, (float(offsets[k]), 0.0))[0]
            spans[day] = (lo, float(offsets[k]) + (end - start) / pd.Timedelta(hours=1))
        return [(day, lo, hi) for day, (lo, hi) in sorted(spans.items())]


def working_axis(
    calendars: Sequence[Calendar],
    first: pd.Timestamp,
    last: pd.Timestamp,
    blocks: Iterable[Interval] = (),
) -> WorkingAxis:
    """The axis keeping, on each day of ``[first, last)``, the people's working hours.

    Parameters
    ----------
    calendars
        The calendars of the people shown: their weekly working ranges are kept (public
        holidays too, so a holiday still shows as a day off).
    first, last
        The window: ``first`` is rounded down to its midnight.
    blocks
        Intervals that must show even outside working hours (planned work, fixed blocks).

    Returns
    -------
    WorkingAxis
        Kept intervals, merged and clipped to the window.
    """
    pieces: list[Interval] = []
    day = pd.Timestamp(first).normalize()
    while day < last:
        for calendar in calendars:
            for hours in calendar.ranges_on(day.date()):
                pieces.append(
                    (day + pd.Timedelta(minutes=hours.start), day + pd.Timedelta(minutes=hours.end))
                )
        day += pd.Timedelta(days=1)
    pieces += [(pd.Timestamp(a), pd.Timestamp(b)) for a, b in blocks if b > a]
    return WorkingAxis(tuple(_merged(pieces, pd.Timestamp(first).normalize(), pd.Timestamp(last))))


def scenario_axis(
    scenario: Scenario,
    people: Sequence[str],
    first: pd.Timestamp,
    last: pd.Timestamp,
    schedule: pd.DataFrame | None = None,
) -> WorkingAxis:
    """:func:`working_axis` for some people of ``scenario`` and their rows of a schedule."""
    calendars = {scenario.lead.id: scenario.lead.calendar}
    calendars.update({p.id: p.calendar for p in scenario.partners})
    blocks: list[Interval] = []
    if schedule is not None:
        mine = schedule[schedule["resource"].isin(list(people))]
        blocks = list(zip(mine["start"], mine["end"], strict=True))
    return working_axis([calendars[p] for p in people if p in calendars], first, last, blocks)


def _merged(pieces: list[Interval], first: pd.Timestamp, last: pd.Timestamp) -> list[Interval]:
    """Sorted disjoint union of ``pieces`` clipped to ``[first, last)``, split at midnights."""
    kept: list[Interval] = []
    for start, end in sorted(pieces):
        start, end = max(start, first), min(end, last)
        if end <= start:
            continue
        if kept and start <= kept[-1][1]:
            kept[-1] = (kept[-1][0], max(kept[-1][1], end))
        else:
            kept.append((start, end))
    split: list[Interval] = []
    for start, end in kept:
        while start.normalize() + pd.Timedelta(days=1) < end:
            midnight = start.normalize() + pd.Timedelta(days=1)
            split.append((start, midnight))
            start = midnight
        split.append((start, end))
    return split
