"""iCalendar files: read the events of calendars people keep, write a plan as a calendar.

Reading uses ``icalendar`` to parse and ``recurring-ical-events`` to expand recurrences
(RRULE, EXDATE, RDATE and moved occurrences), so files written by Google Calendar, Outlook /
Exchange (Windows time-zone names such as ``"Romance Standard Time"``) and Apple Calendar are
read as those programs mean them.

Time zones: the planner works in naive local times. Every timed event is converted to the
lead's time zone ``timezone`` (an IANA name, ``"Europe/Paris"`` by default) and its time-zone
information dropped; floating times (no zone) are taken as already local, unless the
calendar names its zone with ``X-WR-TIMEZONE`` (Google, Apple). All-day events stay dates.
"""

from __future__ import annotations

import datetime as dt
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import pandas as pd
import recurring_ical_events  # type: ignore[import-untyped]

from mission_planner.io.errors import CalendarFileError, Problem
from mission_planner.io.ics_screen import (
    MAX_ICS_BYTES,
    MAX_OCCURRENCES,
    check_structure,
    screen,
)
from mission_planner.problem import coordination_of
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario

DEFAULT_TIMEZONE = "Europe/Paris"
"""The lead's time zone when none is given."""

PRODID = "-//mission_planner//plan export//EN"
FREE_BUSY_STATUSES = frozenset({"FREE", "WORKINGELSEWHERE"})
"""Outlook ``X-MICROSOFT-CDO-BUSYSTATUS`` values that do not take the lead's time."""


@dataclass(frozen=True)
class CalendarEvent:
    """One occurrence of a calendar event, in the lead's local time.

    Attributes
    ----------
    uid
        The event's ``UID`` (shared by every occurrence of a recurring event).
    summary
        Its title (``SUMMARY``).
    start, end
        Naive local datetimes (``end`` exclusive), or dates for all-day events (``end``
        exclusive, as in iCalendar: a one-day event on the 5th ends on the 6th).
    calendar
        The calendar's name (``X-WR-CALNAME``), else the file's name without suffix.
    source
        The file it was read from.
    busy
        False for events shown as free: ``TRANSP:TRANSPARENT``, or Outlook's busy status
        ``FREE`` / ``WORKINGELSEWHERE``.
    cancelled
        ``STATUS:CANCELLED``.
    categories
        Its ``CATEGORIES``.
    tentative
        ``STATUS:TENTATIVE`` or Outlook's busy status ``TENTATIVE`` (not yet accepted).
    problem
        Why the event cannot be read as meant (it ends before it starts, a recurrence that
        never ends within reason...): such events are never imported (see
        :mod:`mission_planner.io.ics_screen`); empty for a well-formed event.
    note
        How the event was read differently from what it says (an unknown time zone), else
        empty.
    """

    uid: str
    summary: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    calendar: str
    source: str
    busy: bool = True
    cancelled: bool = False
    categories: tuple[str, ...] = ()
    tentative: bool = False
    problem: str = ""
    note: str = ""

    @property
    def all_day(self) -> bool:
        """True for an all-day event (dates, no times)."""
        return not isinstance(self.start, dt.datetime)

    @property
    def occurrence(self) -> dt.date:
        """The date this occurrence starts on."""
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start


def zone(timezone: str) -> ZoneInfo:
    """The IANA time zone ``timezone`` (e.g. ``"Europe/Paris"``).

    Raises
    ------
    CalendarFileError
        When the name is not a known IANA time zone.
    """
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise CalendarFileError(
            "--timezone",
            [Problem("timezone", "not an IANA time zone such as 'Europe/Paris'", timezone)],
        ) from None


def read_events(
    paths: Iterable[str | Path],
    *,
    start: dt.date,
    end: dt.date,
    timezone: str = DEFAULT_TIMEZONE,
) -> list[CalendarEvent]:
    """Every event occurrence of some .ics files that meets the days ``start..end``.

    Parameters
    ----------
    paths
        iCalendar files (one calendar each, as exported by calendar programs).
    start, end
        First and last day of interest, both included (local days in ``timezone``).
    timezone
        The lead's IANA time zone: timed events are converted to it, then made naive.

    Returns
    -------
    list of CalendarEvent
        Occurrences sorted by start, recurrences expanded; cancelled and free events are
        included (see :attr:`CalendarEvent.cancelled` and :attr:`CalendarEvent.busy`).

    Events that cannot be read as meant are returned once each with their
    :attr:`~CalendarEvent.problem` and never expanded (see :mod:`mission_planner.io.ics_screen`).

    Raises
    ------
    CalendarFileError
        When a file is missing, larger than ``MAX_ICS_BYTES``, truncated, not a valid iCalendar
        file, or holds more than ``MAX_OCCURRENCES`` occurrences in the days asked.
    """
    tz = zone(timezone)
    first = dt.datetime.combine(start - dt.timedelta(days=1), dt.time(), tzinfo=tz)
    last = dt.datetime.combine(end + dt.timedelta(days=2), dt.time(), tzinfo=tz)
    window_start = dt.datetime.combine(start, dt.time())
    window_end = dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
    found: list[CalendarEvent] = []
    for path in map(Path, paths):
        calendar = _parse_file(path)
        name = str(calendar.get("X-WR-CALNAME") or path.stem)
        try:
            removed, noted = screen(calendar, window_end + dt.timedelta(days=2))
        except ValueError as exc:
            raise CalendarFileError(path, str(exc)) from None
        for bad in removed:
            event = _event(bad.component, path, name, tz, problem=bad.reason)
            if event is not None:
                found.append(event)
        notes = {str(n.component.get("UID", "")): n.reason for n in noted}
        try:
            occurrences = recurring_ical_events.of(calendar).between(first, last)
        except Exception as exc:  # the expander raises many kinds on broken rules
            raise CalendarFileError(path, f"recurrences cannot be expanded: {exc}") from None
        if len(occurrences) > MAX_OCCURRENCES:
            raise CalendarFileError(
                path,
                f"holds {len(occurrences):,} event occurrences in the horizon; the limit is "
                f"{MAX_OCCURRENCES:,}",
            )
        for component in occurrences:
            note = notes.get(str(component.get("UID", "")), "")
            event = _event(component, path, name, tz, note=note)
            if event is None:
                continue
            lo = _as_datetime(event.start)
            hi = _as_datetime(event.end)
            overlaps = hi > window_start and lo < window_end
            if overlaps or (lo == hi and window_start <= lo < window_end):
                found.append(event)
    found.sort(key=lambda e: (_as_datetime(e.start), _as_datetime(e.end), e.summary, e.uid))
    return found


def _parse_file(path: Path) -> icalendar.Calendar:
    try:
        info = path.stat()
        if stat.S_ISREG(info.st_mode) and info.st_size > MAX_ICS_BYTES:
            raise CalendarFileError(
                path, f"is {info.st_size:,} bytes; .ics files are limited to {MAX_ICS_BYTES:,}"
            )
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            raise CalendarFileError(path, "is not a regular file (a device, pipe or socket)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CalendarFileError(path, "no such file") from None
    except IsADirectoryError:
        raise CalendarFileError(path, "is a directory, not an .ics file") from None
    except OSError as exc:
        raise CalendarFileError(path, f"cannot be read: {exc.strerror}") from None
    if b"BEGIN:VCALENDAR" not in raw[:4096].upper():
        raise CalendarFileError(path, "is not an iCalendar file (no BEGIN:VCALENDAR)")
    broken = check_structure(raw)
    if broken is not None:
        raise CalendarFileError(path, broken)
    try:
        calendars = icalendar.Calendar.from_ical(raw, multiple=True)
    except Exception as exc:  # icalendar raises ValueError and friends on broken files
        raise CalendarFileError(path, f"is not a valid iCalendar file: {exc}") from None
    if not calendars:
        raise CalendarFileError(path, "holds no calendar")
    calendar = calendars[0]
    for extra in calendars[1:]:
        for sub in extra.subcomponents:
            calendar.add_component(sub)
    return calendar


def _event(
    component: Any, path: Path, name: str, tz: ZoneInfo, *, problem: str = "", note: str = ""
) -> CalendarEvent | None:
    start = component.get("DTSTART")
    if start is None:
        return None
    begin = start.dt
    try:
        finish: Any = component.end
    except Exception:  # no DTEND nor DURATION: RFC 5545 defaults
        finish = begin + dt.timedelta(days=1) if not isinstance(begin, dt.datetime) else begin
    if isinstance(begin, dt.datetime) != isinstance(finish, dt.datetime):
        finish = _as_datetime(finish) if isinstance(begin, dt.datetime) else finish.date()
    if isinstance(begin, dt.datetime):
        begin, finish = _local(begin, tz), _local(finish, tz)
    transparent = str(component.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT"
    busy_status = str(component.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).upper()
    status = str(component.get("STATUS", "")).upper()
    categories: list[str] = []
    raw_categories = component.get("CATEGORIES")
    for item in raw_categories if isinstance(raw_categories, list) else [raw_categories]:
        if item is not None:
            categories.extend(str(c) for c in getattr(item, "cats", [item]))
    return CalendarEvent(
        uid=str(component.get("UID", "")) or f"{path.stem}-{begin}",
        summary=str(component.get("SUMMARY", "")).strip(),
        start=begin,
        end=finish,
        calendar=name,
        source=str(path),
        busy=not transparent and busy_status not in FREE_BUSY_STATUSES,
        cancelled=status == "CANCELLED",
        categories=tuple(categories),
        tentative=status == "TENTATIVE" or busy_status == "TENTATIVE",
        problem=problem,
        note=note,
    )


def _local(moment: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """``moment`` in the lead's zone, naive (floating times are already local)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(tz).replace(tzinfo=None)


def _as_datetime(moment: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(moment, dt.datetime):
        return moment.replace(tzinfo=None)
    return dt.datetime.combine(moment, dt.time())


def normalise(text: str) -> str:
    """Case- and accent-insensitive form of ``text`` for keyword matching ("Congés" ~ "conges")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# ---------------------------------------------------------------------- export
def plan_to_ics(
    result: PlanResult, scenario: Scenario, *, timezone: str = DEFAULT_TIMEZONE
) -> icalendar.Calendar:
    """A calendar of the plan, to import into the consultant's calendar program.

    One event per work block of the schedule (``SUMMARY`` "mission — task — who"), busy
    (``TRANSP:OPAQUE``) for the lead and free (``TRANSP:TRANSPARENT``) for partners, so that
    importing the file back as commitments blocks exactly the lead's planned work; and one
    free all-day event per tranche delivery. The lead's existing fixed blocks are not written
    (they are in their calendar already).

    Parameters
    ----------
    result
        A plan (a result without a plan gives a calendar with no events).
    scenario
        The scenario it was planned for (names of the mission, tasks and people).
    timezone
        IANA time zone the plan's local times are in.

    Returns
    -------
    icalendar.Calendar
        The calendar, with the ``VTIMEZONE`` it needs.
    """
    tz = zone(timezone)
    people = {scenario.lead.id: scenario.lead.name or scenario.lead.id}
    people.update({p.id: p.name or p.id for p in scenario.partners})
    mission = scenario.mission.name or scenario.mission.client
    mission_label = f"{mission} ({scenario.mission.client})" if scenario.mission.name else mission
    names = {t.id: t.name or t.id for t in scenario.mission.tasks}
    engagements = {e.id: e for e in scenario.engagements}
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)

    cal = icalendar.Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    cal.add("X-WR-CALNAME", f"Plan — {mission_label}")
    work = result.schedule[result.schedule["kind"] != "fixed"]
    for row in work.to_dict("records"):
        task, who, kind = str(row["task"]), str(row["resource"]), str(row["kind"])
        if kind == "mission":
            title = f"{mission} — {names.get(task, task)} — {people.get(who, who)}"
            tranche = "" if pd.isna(row["tranche"]) else f", tranche {int(row['tranche'])}"
        elif kind == "coordination":
            what, partner = coordination_of(task)
            with_whom = people.get(partner, partner)
            title = f"{mission} — {what} with {with_whom} — {people.get(who, who)}"
            tranche = ""
        else:
            client = engagements[task].client if task in engagements else ""
            title = f"{client or task} — {task} — {people.get(who, who)}"
            tranche = ""
        start = pd.Timestamp(row["start"]).to_pydatetime()
        end = pd.Timestamp(row["end"]).to_pydatetime()
        chunk = 0 if pd.isna(row["chunk"]) else int(row["chunk"])
        event = icalendar.Event()
        event.add("UID", f"{task}.{who}.{chunk + 1}.{start:%Y%m%dT%H%M}@mission-planner")
        event.add("DTSTAMP", stamp)
        event.add("DTSTART", start.replace(tzinfo=tz))
        event.add("DTEND", end.replace(tzinfo=tz))
        event.add("SUMMARY", title)
        event.add(
            "DESCRIPTION",
            f"{kind} {task}, chunk {chunk + 1}{tranche}: {float(row['hours']):g} h by "
            f"{people.get(who, who)}. Planned by mission_planner.",
        )
        event.add("CATEGORIES", [kind])
        event.add("TRANSP", "OPAQUE" if who == scenario.lead.id else "TRANSPARENT")
        cal.add_component(event)
    for row in result.tranches.to_dict("records"):
        number = int(row["tranche"])
        delivered = pd.Timestamp(row["delivery"]).to_pydatetime()
        day = (delivered - dt.timedelta(microseconds=1)).date()  # 24:00 belongs to the day before
        event = icalendar.Event()
        event.add("UID", f"tranche-{number}.{day:%Y%m%d}@mission-planner")
        event.add("DTSTAMP", stamp)
        event.add("DTSTART", day)
        event.add("DTEND", day + dt.timedelta(days=1))
        event.add("SUMMARY", f"{mission} — delivery of tranche {number}: {row['tasks']}")
        event.add(
            "DESCRIPTION",
            f"Tranche {number} ({row['tasks']}) delivered {delivered:%Y-%m-%d %H:%M}, "
            f"asked for {pd.Timestamp(row['due']):%Y-%m-%d %H:%M}.",
        )
        event.add("CATEGORIES", ["delivery"])
        event.add("TRANSP", "TRANSPARENT")
        cal.add_component(event)
    moments = [*result.schedule["start"], *result.tranches["delivery"]]
    if moments:  # a short VTIMEZONE covering the plan, not 1970-2038
        first = min(moments).date() - dt.timedelta(days=366)
        last = max(moments).date() + dt.timedelta(days=366)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return cal


def save_ics(
    result: PlanResult,
    path: str | Path,
    scenario: Scenario,
    *,
    timezone: str = DEFAULT_TIMEZONE,
) -> Path:
    """Write :func:`plan_to_ics` to ``path`` and return the path."""
    path = Path(path)
    path.write_bytes(plan_to_ics(result, scenario, timezone=timezone).to_ical())
    return path


__all__ = [
    "DEFAULT_TIMEZONE",
    "CalendarEvent",
    "normalise",
    "plan_to_ics",
    "read_events",
    "save_ics",
    "zone",
]
