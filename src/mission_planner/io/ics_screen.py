"""Checks on iCalendar files before their events are expanded: truncation, malformed events.

The reader (:func:`mission_planner.io.ics.read_events`) calls these so that no calendar can
hang the import or turn into commitments nobody meant:

* :func:`check_structure` refuses a truncated file, naming the ``BEGIN:`` line that is never
  closed (or the ``END:`` that closes the wrong thing);
* :func:`screen` takes out, before recurrences are expanded, every event that would be read
  wrongly, each with its reason: an end before its start (``DTEND`` before ``DTSTART``, a
  negative ``DURATION``, a reversed all-day event), an ``RRULE`` with ``INTERVAL`` below 1, or
  one that repeats more than :data:`MAX_RECURRENCE_STEPS` times between its start and the end
  of the horizon (a minutely rule from 1970). It also notes events whose ``TZID`` is unknown
  (they are read as local time).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

MAX_RECURRENCE_STEPS = 100_000
"""Most repetitions a recurring event may have from its start to the horizon's end."""
MAX_ICS_BYTES = 20_000_000
"""Largest .ics file read (20 MB)."""
MAX_OCCURRENCES = 20_000
"""Most event occurrences one file may have inside the horizon."""

_SECONDS = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86_400,
    "WEEKLY": 604_800,
    "MONTHLY": 2_629_746,
    "YEARLY": 31_556_952,
}
_EXPANDING = ("BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO")
_LINE = re.compile(rb"^(BEGIN|END):([A-Za-z0-9-]+)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Screened:
    """An event taken out (``problem``) or kept with a note, from one ``VEVENT``."""

    component: Any
    reason: str


def check_structure(raw: bytes) -> str | None:
    """Why the file's ``BEGIN:``/``END:`` lines do not nest (truncated file), or ``None``."""
    open_: list[tuple[str, int]] = []
    number = 0
    for number, line in enumerate(raw.splitlines(), start=1):
        match = _LINE.match(line)
        if match is None:
            continue
        word, name = match.group(1).upper(), match.group(2).decode("ascii").upper()
        if word == b"BEGIN":
            open_.append((name, number))
        elif not open_:
            return f"END:{name} at line {number} closes nothing"
        elif open_[-1][0] != name:
            inner, at = open_[-1]
            return f"END:{name} at line {number} closes BEGIN:{inner} of line {at}"
        else:
            open_.pop()
    if open_:
        name, at = open_[-1]
        return (
            f"is truncated: BEGIN:{name} at line {at} has no END:{name} "
            f"(the file ends at line {number})"
        )
    return None


def screen(calendar: Any, horizon_end: dt.datetime) -> tuple[list[Screened], list[Screened]]:
    """Take the events that cannot be read as meant out of ``calendar`` (in place).

    Parameters
    ----------
    calendar
        An ``icalendar.Calendar``.
    horizon_end
        The end of the horizon (naive local time): recurrences are counted up to it.

    Returns
    -------
    tuple
        The events taken out, each with the reason, and the events kept with a note (an
        unknown ``TZID``, read as local time).

    Raises
    ------
    ValueError
        When an event's start, end or rule cannot be read at all (the file is refused).
    """
    removed: list[Screened] = []
    noted: list[Screened] = []
    kept: list[Any] = []
    for component in calendar.subcomponents:
        if getattr(component, "name", "") != "VEVENT":
            kept.append(component)
            continue
        try:
            problem = _problem(component, horizon_end)
        except Exception as exc:  # icalendar raises its own kinds on unreadable values
            uid, title = component.get("UID", ""), component.get("SUMMARY", "")
            raise ValueError(f"event {str(uid)!r} ({title}) cannot be read: {exc}") from None
        if problem is not None:
            removed.append(Screened(component, problem))
            continue
        kept.append(component)
        zone_note = _unknown_zone(component)
        if zone_note is not None:
            noted.append(Screened(component, zone_note))
    calendar.subcomponents[:] = kept
    return removed, noted


def _problem(component: Any, horizon_end: dt.datetime) -> str | None:
    start = component.get("DTSTART")
    if start is None:
        return "no DTSTART (no start)"
    begin = start.dt
    end = component.get("DTEND")
    duration = component.get("DURATION")
    if end is not None and _naive(end.dt) < _naive(begin):
        return f"ends before it starts (DTEND {end.dt} before DTSTART {begin})"
    if duration is not None and duration.dt < dt.timedelta(0):
        return f"has a negative DURATION ({duration.to_ical().decode()})"
    rule = component.get("RRULE")
    if rule is None:
        return None
    rules = rule if isinstance(rule, list) else [rule]
    for item in rules:
        why = _rule_problem(item, _naive(begin), horizon_end)
        if why is not None:
            return why
    return None


def _rule_problem(rule: Any, begin: dt.datetime, horizon_end: dt.datetime) -> str | None:
    freq = str((rule.get("FREQ") or [""])[0]).upper()
    if freq not in _SECONDS:
        return f"RRULE has an unknown FREQ {freq!r}"
    try:
        interval = int((rule.get("INTERVAL") or [1])[0])
    except (TypeError, ValueError):
        return "RRULE has an INTERVAL that is not a number"
    if interval < 1:
        return f"RRULE INTERVAL={interval} (it must be at least 1)"
    until = (rule.get("UNTIL") or [None])[0]
    last = horizon_end if until is None else min(horizon_end, _naive(until))
    span = max(0.0, (last - begin).total_seconds())
    steps = span / (_SECONDS[freq] * interval) + 1
    for key in _EXPANDING:
        steps *= max(1, len(rule.get(key) or ()))
    count = (rule.get("COUNT") or [None])[0]
    if count is not None:
        steps = min(steps, float(count))
    if steps > MAX_RECURRENCE_STEPS:
        return (
            f"RRULE FREQ={freq} repeats about {math.ceil(steps):,} times from {begin:%Y-%m-%d} to "
            f"the horizon's end (the limit is {MAX_RECURRENCE_STEPS:,})"
        )
    return None


def _unknown_zone(component: Any) -> str | None:
    for key in ("DTSTART", "DTEND"):
        prop = component.get(key)
        if prop is None:
            continue
        tzid = prop.params.get("TZID")
        moment = prop.dt
        if tzid and isinstance(moment, dt.datetime) and moment.tzinfo is None:
            return f"unknown time zone TZID={tzid!r}: read as the lead's local time"
    return None


def _naive(moment: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is not None:
            return moment.astimezone(dt.UTC).replace(tzinfo=None)
        return moment
    return dt.datetime.combine(moment, dt.time())


__all__ = [
    "MAX_ICS_BYTES",
    "MAX_OCCURRENCES",
    "MAX_RECURRENCE_STEPS",
    "Screened",
    "check_structure",
    "screen",
]
