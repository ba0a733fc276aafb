"""Session rules of a task on one person's working axis: where a chunk may lie.

A *session* is a chunk. A task's rules (``session_crosses``, ``session_window``,
``max_session_hours``) become, for each person who may do it, a *segment* per working-axis
position: a chunk ``[s, e)`` keeps its rules when positions ``s`` and ``e - 1`` are in one
segment (segments are runs of consecutive positions) and it lasts at most ``longest`` slots.

- ``breaks``: a segment is one calendar day, for chunks of at most ``exempt_above`` slots, the
  person's working day (the most working hours of one weekday of their calendar, overtime
  left out); a longer chunk cannot fit a day and may cross nights.
- ``nothing``: a segment is a run of consecutive real slots (no break, no night, no block).
- ``nights``: no segments, unless a window is set.
- ``session_window``: positions whose slot lies outside that time of day belong to no segment,
  and a segment is at most one day (the window's part of it).

Both the CP-SAT model and the warm start read these tables; the checker and the test oracle
state the same rules on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from mission_planner.scenario import Calendar, Task
from mission_planner.timeline import MINUTES_PER_DAY, PersonTime, TimeGrid

FORBIDDEN = -1
"""Segment of a position no chunk of the task may cover."""


@dataclass(frozen=True)
class SessionRule:
    """A task's session rules in slots and minutes (hashable, one per job)."""

    crosses: str
    """``"nothing"``, ``"breaks"`` or ``"nights"``."""
    window: tuple[int, int] | None
    """Minutes after midnight ``[start, end)`` every chunk lies in, or None."""
    longest: int | None
    """Most slots in one chunk (None: no cap)."""

    @classmethod
    def of(cls, task: Task, slot_minutes: int) -> SessionRule | None:
        """The rule of ``task`` (None when its sessions may run across anything)."""
        if not task.has_session_rules:
            return None
        window = task.session_window
        longest = task.max_session_hours
        return cls(
            crosses=task.session_crosses,
            window=None if window is None else (window.start, window.end),
            longest=None if longest is None else int(round(longest * 60) // slot_minutes),
        )


@dataclass(frozen=True)
class Segments:
    """Where a task's chunks may lie on one person's working axis.

    Attributes
    ----------
    segment
        Per position, its segment (ascending over allowed positions), or :data:`FORBIDDEN`;
        ``None`` when any run of positions will do.
    exempt_above
        Chunks longer than this many slots need not stay in one segment (None: all must).
    longest
        Most slots in one chunk (None: no cap).
    """

    segment: np.ndarray | None
    exempt_above: int | None
    longest: int | None

    def spans(self, size: int) -> list[tuple[int, int]]:
        """Position ranges ``[a, b)`` of the segments (the whole axis when there are none)."""
        if self.segment is None:
            return [(0, size)] if size else []
        seg = self.segment
        allowed = seg != FORBIDDEN
        cuts = np.flatnonzero(np.diff(seg) != 0) + 1
        bounds = [0, *cuts.tolist(), size]
        return [(a, b) for a, b in pairwise(bounds) if b > a and allowed[a]]

    def end_limits(self, size: int) -> list[int]:
        """Per position ``q`` (0 .. size): the end of ``q``'s segment, or ``q`` if forbidden.

        A chunk starting at ``q`` keeps the rule iff it ends by ``end_limits[q]``.
        """
        limits = list(range(size + 1))
        for a, b in self.spans(size):
            limits[a:b] = [b] * (b - a)
        return limits

    def cut(self, runs: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
        """``runs`` of free positions cut at segment bounds, forbidden positions dropped.

        Long enough pieces are further cut into pieces of at most ``longest`` positions, so
        that a chunk taken from the start of a piece keeps every rule.
        """
        if self.segment is not None:
            runs = intersect_runs(runs, self.spans(size))
        if self.longest is None:
            return runs
        step = self.longest
        return [(x, min(x + step, b)) for a, b in runs for x in range(a, b, step)]


def intersect_runs(
    runs: list[tuple[int, int]], spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Non-empty intersections of ascending disjoint ``runs`` with ascending disjoint ``spans``."""
    out: list[tuple[int, int]] = []
    k = 0
    for a, b in runs:
        while k < len(spans) and spans[k][1] <= a:
            k += 1
        i = k
        while i < len(spans) and spans[i][0] < b:
            lo, hi = max(a, spans[i][0]), min(b, spans[i][1])
            if hi > lo:
                out.append((lo, hi))
            i += 1
    return out


def working_day_slots(calendar: Calendar, slot_minutes: int) -> int:
    """Slots in the person's longest working day (weekly hours, overtime left out)."""
    days = [sum(r.end - r.start for r in ranges) for ranges in calendar.working_hours.values()]
    return max(days, default=0) // slot_minutes


def segments_of(
    rule: SessionRule, grid: TimeGrid, axis: PersonTime, calendar: Calendar
) -> Segments:
    """Where chunks under ``rule`` may lie on ``axis`` (see the module docstring)."""
    free = np.asarray(axis.free, dtype=np.int64)
    step = grid.slot_minutes
    per_day = grid.slots_per_day
    day = free // per_day
    segment: np.ndarray | None = None
    exempt: int | None = None
    if rule.crosses == "nothing":
        breaks = np.concatenate(([0], (np.diff(free) != 1).astype(np.int64)))
        segment = np.cumsum(breaks)
    elif rule.crosses == "breaks" or rule.window is not None:
        segment = day.copy()
        if rule.window is None:
            exempt = working_day_slots(calendar, step)
    if segment is not None and rule.window is not None:
        minute = (free % per_day) * step
        until = min(rule.window[1], MINUTES_PER_DAY)
        inside = (minute >= rule.window[0]) & (minute + step <= until)
        segment = np.where(inside, segment, FORBIDDEN)
    return Segments(segment=segment, exempt_above=exempt, longest=rule.longest)
