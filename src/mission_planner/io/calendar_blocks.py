"""Timed events as fixed blocks and all-day events as time off (the rules of the import).

See :mod:`mission_planner.io.calendar_import` for the rules; this module does the
conversion: split at midnight, clip to the horizon, round outward to the grid, merge
overlaps, leave out time the scenario already holds, and name blocks stably from the UID.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from mission_planner.io.errors import CalendarFileError, InputProblem
from mission_planner.io.ics import CalendarEvent
from mission_planner.scenario import FixedBlock, Scenario, TimeOff, TimeRange

MINUTES_PER_DAY = 24 * 60


@dataclass
class _Piece:
    start: int  # minutes after midnight, on the grid
    end: int
    events: list[CalendarEvent]


def fixed_blocks_from_events(
    events: Sequence[CalendarEvent],
    scenario: Scenario,
    source: str = "calendar",
    *,
    extra_time_off: Sequence[TimeOff] = (),
) -> tuple[list[FixedBlock], list[tuple[CalendarEvent, str]]]:
    """Timed events as fixed blocks that keep ``scenario`` valid (rules in the module doc).

    Parts of events on days the lead does not work (no working hours that weekday, public
    holidays, time off in the scenario or in ``extra_time_off``) are left out: they take no
    working time.

    Returns
    -------
    tuple
        The new blocks in date and time order, and events that add nothing, with the reason.
    """
    off_days = _days_off(scenario, extra_time_off)
    step = scenario.granularity_minutes
    first = dt.datetime.combine(scenario.start, dt.time())
    last = dt.datetime.combine(scenario.end + dt.timedelta(days=1), dt.time())
    by_day: dict[dt.date, list[_Piece]] = {}
    dropped: list[tuple[CalendarEvent, str]] = []
    for event in events:
        assert isinstance(event.start, dt.datetime) and isinstance(event.end, dt.datetime)
        lo, hi = max(event.start, first), min(event.end, last)
        if hi <= lo:
            dropped.append(
                (event, "no duration" if event.end <= event.start else "outside the horizon")
            )
            continue
        day = lo.date()
        while dt.datetime.combine(day, dt.time()) < hi:
            midnight = dt.datetime.combine(day, dt.time())
            a = max(lo, midnight) - midnight
            b = min(hi, midnight + dt.timedelta(days=1)) - midnight
            if b > a and day not in off_days:
                start = math.floor(a / dt.timedelta(minutes=step)) * step
                end = math.ceil(b / dt.timedelta(minutes=step)) * step
                by_day.setdefault(day, []).append(_Piece(start, min(end, MINUTES_PER_DAY), [event]))
            day += dt.timedelta(days=1)

    existing: dict[dt.date, list[FixedBlock]] = {}
    for block in scenario.fixed_blocks:
        existing.setdefault(block.date, []).append(block)
    used = {b.id for b in scenario.fixed_blocks}
    calendar = scenario.lead.calendar
    blocks: list[FixedBlock] = []
    placed = {id(e) for pieces in by_day.values() for p in pieces for e in p.events}
    placed |= {id(e) for e, _ in dropped}
    dropped.extend((e, "on a day the lead does not work") for e in events if id(e) not in placed)
    for day in sorted(by_day):
        mine = existing.get(day, [])
        merged = _merge(by_day[day])
        if any(b.time is None and b.hours is None for b in mine):
            dropped.extend(
                (e, "day already blocked by a whole-day fixed block")
                for p in merged
                for e in p.events
            )
            continue
        taken = sorted((b.time.start, b.time.end) for b in mine if b.time is not None)
        pieces = [q for p in merged for q in _subtract(p, taken)]
        covered = {e for p in pieces for e in p.events}
        dropped.extend(
            (e, "already in the scenario's fixed blocks")
            for p in merged
            for e in p.events
            if e not in covered
        )
        ranges = calendar.ranges_on(day)
        if not pieces:
            continue
        if ranges and not mine and not calendar.overtime_hours_per_day and _covers(pieces, ranges):
            events_of_day = [e for p in pieces for e in p.events]
            blocks.append(_block(events_of_day, day, None, used))
        else:
            blocks.extend(
                _block(p.events, day, TimeRange(start=p.start, end=p.end), used) for p in pieces
            )
        _check_day(day, scenario, mine, [b for b in blocks if b.date == day], source)
    return blocks, dropped


def time_off_from_events(events: Sequence[CalendarEvent], scenario: Scenario) -> list[TimeOff]:
    """All-day events as the lead's time off, clipped to the horizon (same dates merged)."""
    found: dict[tuple[dt.date, dt.date], list[str]] = {}
    for event in events:
        assert not isinstance(event.start, dt.datetime) and not isinstance(event.end, dt.datetime)
        last_day = max(event.start, event.end - dt.timedelta(days=1))
        start, end = max(event.start, scenario.start), min(last_day, scenario.end)
        if end < start:
            continue
        reasons = found.setdefault((start, end), [])
        if event.summary not in reasons:
            reasons.append(event.summary)
    return [
        TimeOff(start=s, end=e, reason=" + ".join(r for r in reasons if r))
        for (s, e), reasons in sorted(found.items())
    ]


def _days_off(scenario: Scenario, extra: Sequence[TimeOff]) -> set[dt.date]:
    """Days of the horizon the lead does not work at all."""
    calendar = scenario.lead.calendar
    off = set(calendar.public_holidays(scenario.start, scenario.end))
    for period in (*calendar.time_off, *extra):
        day = period.start
        while day <= period.end:
            off.add(day)
            day += dt.timedelta(days=1)
    day = scenario.start
    while day <= scenario.end:
        if not calendar.ranges_on(day):
            off.add(day)
        day += dt.timedelta(days=1)
    return off


def _merge(pieces: list[_Piece]) -> list[_Piece]:
    """Overlapping pieces of one day merged (touching ones stay apart)."""
    out: list[_Piece] = []
    for piece in sorted(pieces, key=lambda p: (p.start, p.end)):
        if out and piece.start < out[-1].end:
            out[-1].end = max(out[-1].end, piece.end)
            out[-1].events.extend(e for e in piece.events if e not in out[-1].events)
        else:
            out.append(_Piece(piece.start, piece.end, list(piece.events)))
    return out


def _subtract(piece: _Piece, taken: list[tuple[int, int]]) -> list[_Piece]:
    """Parts of ``piece`` outside the ``taken`` ranges."""
    parts = [(piece.start, piece.end)]
    for a, b in taken:
        parts = [q for s, e in parts for q in ((s, min(e, a)), (max(s, b), e)) if q[1] > q[0]]
    return [_Piece(s, e, piece.events) for s, e in parts]


def _covers(pieces: list[_Piece], ranges: Sequence[TimeRange]) -> bool:
    return all(
        sum(max(0, min(p.end, r.end) - max(p.start, r.start)) for p in pieces) == r.minutes
        for r in ranges
    )


def _block(
    events: list[CalendarEvent], day: dt.date, time: TimeRange | None, used: set[str]
) -> FixedBlock:
    base = f"{_slug(events[0].uid)}-{day:%Y%m%d}"
    ident, n = base, 1
    while ident in used:
        n += 1
        ident = f"{base}-{n}"
    used.add(ident)
    titles = list(dict.fromkeys(e.summary or "busy" for e in events))
    return FixedBlock(id=ident, date=day, time=time, title=" + ".join(titles))


def _slug(uid: str) -> str:
    """An identifier-safe, short form of a UID (``[A-Za-z0-9_.-]``, at most 40 characters)."""
    slug = re.sub(r"[^A-Za-z0-9_.\-]+", "-", uid).strip("-.") or "event"
    if len(slug) <= 40:
        return slug
    digest = hashlib.sha1(uid.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]
    return f"{slug[:29]}-{digest}"


def block_minutes(scenario: Scenario, block: FixedBlock) -> int:
    """Working minutes of the lead that ``block`` takes on its day."""
    ranges = scenario.lead.calendar.ranges_on(block.date)
    if block.time is None:
        return (
            round(block.hours * 60) if block.hours is not None else sum(r.minutes for r in ranges)
        )
    return sum(max(0, min(r.end, block.time.end) - max(r.start, block.time.start)) for r in ranges)


def _check_day(
    day: dt.date, scenario: Scenario, mine: list[FixedBlock], new: list[FixedBlock], source: str
) -> None:
    working = sum(r.minutes for r in scenario.lead.calendar.ranges_on(day))
    used = sum(block_minutes(scenario, b) for b in [*mine, *new])
    if used > working:
        titles = ", ".join(repr(b.title) for b in new)
        ids = ", ".join(repr(b.id) for b in mine)
        raise CalendarFileError(
            source,
            [
                InputProblem(
                    str(day),
                    f"the calendar's events ({titles}) and the scenario's fixed blocks ({ids}) "
                    f"take {used / 60:g} h, more than the lead's {working / 60:g} working hours "
                    "that day: remove the scenario's block or the calendar event",
                )
            ],
        )


__all__ = ["block_minutes", "fixed_blocks_from_events", "time_off_from_events"]
