"""The time axis: slots, and each person's free working time.

One time unit is used inside the planner: the *slot*, ``granularity_minutes`` long. Slot 0
starts at 00:00 on the scenario's ``start`` date and the horizon holds ``days * 24 * 60 /
granularity`` slots ("real time"). Each person also has a *working axis*: their free working
slots, numbered 0, 1, 2, ... in time order (working hours, less public holidays, time off,
fixed blocks for the lead and busy blocks for partners). A chunk is a run of consecutive
positions on the working axis of the person doing it. This module is the only place where
dates and slots are converted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from mission_planner.scenario import Calendar, FixedBlock, Scenario

MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class TimeGrid:
    """Slots of ``slot_minutes`` from ``origin`` (00:00 of the first day), ``n_slots`` in all."""

    origin: dt.datetime
    slot_minutes: int
    n_days: int

    @property
    def slots_per_day(self) -> int:
        """Slots in one calendar day."""
        return MINUTES_PER_DAY // self.slot_minutes

    @property
    def n_slots(self) -> int:
        """Slots in the horizon."""
        return self.n_days * self.slots_per_day

    @property
    def slot_hours(self) -> float:
        """Length of a slot in hours."""
        return self.slot_minutes / 60

    def slot_of(self, moment: dt.datetime) -> int:
        """Index of the slot starting at ``moment`` (moments lie on the grid)."""
        minutes = (moment - self.origin) / dt.timedelta(minutes=1)
        return int(minutes // self.slot_minutes)

    def time_of(self, slot: int) -> dt.datetime:
        """Start time of ``slot`` (or end of slot ``slot - 1``)."""
        return self.origin + dt.timedelta(minutes=int(slot) * self.slot_minutes)

    def day_of(self, slot: int) -> dt.date:
        """Calendar date of ``slot``."""
        return (self.origin + dt.timedelta(days=int(slot) // self.slots_per_day)).date()

    def day_index(self, day: dt.date) -> int:
        """Days from the first day of the horizon."""
        return (day - self.origin.date()).days

    def slots_of_hours(self, hours: float) -> int:
        """Number of slots in ``hours`` (which lie on the grid)."""
        return round(hours * 60 / self.slot_minutes)

    def clamp(self, slot: int) -> int:
        """``slot`` bounded to ``[0, n_slots]``."""
        return max(0, min(self.n_slots, slot))


@dataclass(frozen=True)
class PlacedBlock:
    """A fixed commitment or a partner's busy time, placed on real slots ``[start, end)``."""

    id: str
    person: str
    start: int
    end: int
    title: str = ""


@dataclass
class PersonTime:
    """One person's free working time.

    Attributes
    ----------
    free
        Real slot of each working-axis position, ascending (``free[k]`` is the k-th free slot).
    overtime
        For each working-axis position, whether it is an overtime slot.
    working
        Per day of the horizon: working slots of the calendar (holidays and time off removed,
        overtime not counted).
    blocked
        Per day: working slots taken by fixed blocks (lead) or busy blocks (partner).
    """

    person: str
    free: np.ndarray
    overtime: np.ndarray
    working: np.ndarray
    blocked: np.ndarray
    blocks: list[PlacedBlock] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Number of free working slots in the horizon."""
        return int(self.free.size)

    def position_at_or_after(self, slot: int) -> int:
        """First working-axis position whose real slot is ``>= slot`` (``size`` if none)."""
        return int(np.searchsorted(self.free, slot, side="left"))

    def positions_before(self, slot: int) -> int:
        """How many free slots lie strictly before real ``slot``."""
        return int(np.searchsorted(self.free, slot, side="left"))

    def real_start(self, position: int) -> int:
        """Real slot where work at ``position`` starts."""
        return int(self.free[position])

    def real_end(self, end_position: int) -> int:
        """Real slot just after a run ending before ``end_position`` (exclusive end)."""
        return int(self.free[end_position - 1]) + 1 if end_position > 0 else 0

    def real_runs(self, start: int, length: int) -> list[tuple[int, int]]:
        """Real ``[start, end)`` runs covered by positions ``start .. start+length-1``."""
        return _runs(self.free[start : start + length])


@dataclass
class Timeline:
    """The grid and every person's free time for a scenario."""

    grid: TimeGrid
    people: dict[str, PersonTime]

    def person(self, person_id: str) -> PersonTime:
        """Free time of ``person_id``."""
        return self.people[person_id]


def build_timeline(scenario: Scenario) -> Timeline:
    """Expand calendars, holidays, time off, fixed and busy blocks onto the slot grid."""
    n_days = (scenario.end - scenario.start).days + 1
    grid = TimeGrid(
        origin=dt.datetime.combine(scenario.start, dt.time()),
        slot_minutes=scenario.granularity_minutes,
        n_days=n_days,
    )
    people = {
        scenario.lead.id: _person_time(
            grid, scenario.lead.id, scenario.lead.calendar, scenario.fixed_blocks, ()
        )
    }
    starts = {pin.partner: pin.start for pin in scenario.pins if pin.start is not None}
    for partner in scenario.partners:
        busy = [
            FixedBlock(id=f"busy{i}", date=b.date, time=b.time, title=b.reason)
            for i, b in enumerate(partner.busy)
        ]
        pinned = starts.get(partner.id)
        if pinned is not None:  # a pinned start: not available for the mission before it
            taken = {b.date for b in partner.busy if b.time is None}
            busy += [
                FixedBlock(id=f"before-start{d}", date=day, title="pinned start")
                for d in range((pinned - scenario.start).days)
                if (day := scenario.start + dt.timedelta(days=d)) not in taken
            ]
        people[partner.id] = _person_time(grid, partner.id, partner.calendar, (), busy)
    return Timeline(grid=grid, people=people)


def working_mask(grid: TimeGrid, calendar: Calendar) -> tuple[np.ndarray, np.ndarray]:
    """Per real slot: (is a normal working slot, is an overtime slot)."""
    per_day = grid.slots_per_day
    step = grid.slot_minutes
    work = np.zeros(grid.n_slots, dtype=bool)
    extra = np.zeros(grid.n_slots, dtype=bool)
    first = grid.origin.date()
    last = first + dt.timedelta(days=grid.n_days - 1)
    off_days = set(calendar.public_holidays(first, last))
    for off in calendar.time_off:
        day = max(off.start, first)
        while day <= min(off.end, last):
            off_days.add(day)
            day += dt.timedelta(days=1)
    overtime = round(calendar.overtime_hours_per_day * 60) // step
    for d in range(grid.n_days):
        day = first + dt.timedelta(days=d)
        ranges = calendar.ranges_on(day)
        if day in off_days or not ranges:
            continue
        base = d * per_day
        for r in ranges:
            work[base + r.start // step : base + r.end // step] = True
        if overtime:
            after = ranges[-1].end // step
            extra[base + after : base + min(per_day, after + overtime)] = True
    return work, extra


def _person_time(
    grid: TimeGrid,
    person: str,
    calendar: Calendar,
    fixed: Sequence[FixedBlock],
    busy: Sequence[FixedBlock],
) -> PersonTime:
    per_day = grid.slots_per_day
    step = grid.slot_minutes
    work, extra = working_mask(grid, calendar)
    available = work | extra
    placed: list[PlacedBlock] = []
    whole_days = {b.date for b in busy if b.time is None}
    for day in whole_days:  # a partner busy all day is unavailable all day, overtime included
        base = grid.day_index(day) * per_day
        available[base : base + per_day] = False
    blocks = list(fixed) + [b for b in busy if b.time is not None]
    # timed blocks first, then blocks given in hours take the first free working slots left
    for block in sorted(blocks, key=lambda b: b.time is None):
        d = grid.day_index(block.date)
        base = d * per_day
        if block.time is not None:
            start, end = base + block.time.start // step, base + block.time.end // step
            available[start:end] = False
            placed.append(PlacedBlock(block.id, person, start, end, block.title))
            continue
        day_work = (
            np.flatnonzero(available[base : base + per_day] & work[base : base + per_day]) + base
        )
        take = day_work if block.hours is None else day_work[: grid.slots_of_hours(block.hours)]
        available[take] = False
        for a, b in _runs(take):
            placed.append(PlacedBlock(block.id, person, a, b, block.title))
    free = np.flatnonzero(available)
    working = work.reshape(grid.n_days, per_day).sum(axis=1)
    blocked = (work & ~available).reshape(grid.n_days, per_day).sum(axis=1)
    return PersonTime(
        person=person,
        free=free,
        overtime=extra[free],
        working=working,
        blocked=blocked,
        blocks=sorted(placed, key=lambda b: b.start),
    )


def _runs(slots: np.ndarray) -> list[tuple[int, int]]:
    """Maximal runs of consecutive slots as ``[start, end)`` pairs."""
    if slots.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(slots) != 1)
    firsts = np.concatenate(([0], breaks + 1))
    lasts = np.concatenate((breaks, [slots.size - 1]))
    return [(int(slots[a]), int(slots[b]) + 1) for a, b in zip(firsts, lasts, strict=True)]
