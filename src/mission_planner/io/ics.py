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
import re
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

from mission_planner.contract import COORDINATION, FIXED, MISSION, OPPORTUNITY, coordination_of
from mission_planner.io.errors import CalendarFileError, InputProblem
from mission_planner.io.ics_screen import (
    MAX_ICS_BYTES,
    MAX_OCCURRENCES,
    check_structure,
    screen,
)
from mission_planner.report.catalogue import Catalogue, catalogue
from mission_planner.report.formats import Formats
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.scenario.mission import moment_end

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
            [InputProblem("timezone", "not an IANA time zone such as 'Europe/Paris'", timezone)],
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
UID_DOMAIN = "mission-planner"
"""Right-hand side of every exported ``UID``."""
SEQUENCE_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
"""``SEQUENCE`` counts minutes since this instant, so a later export always supersedes."""


@dataclass(frozen=True)
class _Names:
    """What the export writes for ids: the mission, its tasks and the people."""

    mission: str
    calendar: str
    uid_prefix: str
    people: dict[str, str]
    tasks: dict[str, str]
    clients: dict[str, str]
    dues: dict[str, dt.date | dt.datetime]
    lead: str
    words: Catalogue
    formats: Formats

    def text(self, key: str, **values: object) -> str:
        """A calendar text of the catalogue, filled."""
        return self.words.phrase("calendar", key, **values)

    def day(self, moment: dt.date | dt.datetime) -> str:
        """A day as the scenario states it, in words (with its time when it has one)."""
        if isinstance(moment, dt.datetime):
            return f"{self.formats.day(moment)} {moment:%H:%M}"
        return self.formats.day(moment)

    def hours(self, value: float) -> str:
        """Hours in the locale (``1,5``)."""
        return self.formats.hours(value)


def _names(scenario: Scenario, language: str = "en") -> _Names:
    mission = scenario.mission.name or scenario.mission.client
    label = f"{mission} ({scenario.mission.client})" if scenario.mission.name else mission
    people = {scenario.lead.id: scenario.lead.name or scenario.lead.id}
    people.update({p.id: p.name or p.id for p in scenario.partners})
    slug = re.sub(r"[^0-9a-z]+", "-", normalise(label)).strip("-")
    words = catalogue(language)
    return _Names(
        mission=mission,
        calendar=words.phrase("calendar", "name", mission=label),
        uid_prefix=slug or "mission",
        people=people,
        tasks={t.id: t.name or t.id for t in scenario.mission.tasks},
        clients={e.id: e.client for e in (*scenario.engagements, *scenario.opportunities)},
        dues={t.id: t.due for t in scenario.mission.tasks},
        lead=scenario.lead.id,
        words=words,
        formats=Formats(words.locale),
    )


def block_uid(scenario: Scenario, task: str, chunk: int, part: int) -> str:
    """The ``UID`` of a work block: mission, task, chunk and part (1-based), never its time.

    A block is the ``part``-th run (inside one day) of the ``chunk``-th chunk of ``task``, so the
    same block keeps its ``UID`` when a re-plan moves it, and a calendar that imports the new
    plan updates the event instead of adding a copy.
    """
    return _block_uid(_names(scenario).uid_prefix, task, chunk, part)


def _block_uid(prefix: str, task: str, chunk: int, part: int) -> str:
    return f"{prefix}.{task}.{chunk}.{part}@{UID_DOMAIN}"


def _block_events(result: PlanResult, names: _Names, only_lead: bool) -> list[_Block]:
    """One :class:`_Block` per work row of the schedule (fixed blocks left out)."""
    work = result.schedule[result.schedule["kind"] != FIXED]
    if only_lead:
        work = work[work["resource"] == names.lead]
    work = work.sort_values(["task", "chunk", "start"], kind="stable")
    blocks: list[_Block] = []
    parts: dict[tuple[str, int], int] = {}
    for row in work.to_dict("records"):
        task, who, kind = str(row["task"]), str(row["resource"]), str(row["kind"])
        chunk = 1 if pd.isna(row["chunk"]) else int(row["chunk"]) + 1
        part = parts.get((task, chunk), 0) + 1
        parts[task, chunk] = part
        person = names.people.get(who, who)
        hours = names.hours(float(row["hours"]))
        if kind == MISSION:
            name = names.tasks.get(task, task)
            title = names.text("work", mission=names.mission, task=name, person=person)
            tranche = (
                "" if pd.isna(row["tranche"]) else names.text("tranche_part", number=row["tranche"])
            )
            details = names.text(
                "work_details",
                task=task,
                name=name,
                chunk=chunk,
                tranche=tranche,
                hours=hours,
                person=person,
            )
            asked = names.dues.get(task)
            if asked is not None:
                details += " " + names.text("asked", day=names.day(asked))
        elif kind == COORDINATION:
            what, partner = coordination_of(task)
            title = names.text(
                "coordination",
                mission=names.mission,
                what=names.words.word("calendar", what),
                partner=names.people.get(partner, partner),
                person=person,
            )
            details = names.text(
                "coordination_details", task=task, chunk=chunk, hours=hours, person=person
            )
        else:  # another mission's work, or time reserved for one not yet won
            client = names.clients.get(task, "")
            other = kind != OPPORTUNITY
            title = names.text(
                "other_mission" if other else "opportunity",
                client=client or task,
                task=task,
                person=person,
            )
            details = names.text(
                "other_details" if other else "opportunity_details",
                task=task,
                chunk=chunk,
                hours=hours,
                person=person,
            )
        blocks.append(
            _Block(
                uid=_block_uid(names.uid_prefix, task, chunk, part),
                start=pd.Timestamp(row["start"]).to_pydatetime(),
                end=pd.Timestamp(row["end"]).to_pydatetime(),
                title=title,
                description=f"{details} {names.text('footer')}",
                category=kind,
                busy=who == names.lead,
            )
        )
    return blocks


def _delivery_events(result: PlanResult, names: _Names) -> list[_Block]:
    """One all-day :class:`_Block` per tranche, on the day it is delivered."""
    blocks: list[_Block] = []
    for row in result.tranches.to_dict("records"):
        number = int(row["tranche"])
        delivered = pd.Timestamp(row["delivery"]).to_pydatetime()
        day = (delivered - dt.timedelta(microseconds=1)).date()  # 24:00 belongs to the day before
        tasks = [t for t in str(row["tasks"]).split(",") if t]
        dues = [names.dues[t] for t in tasks if t in names.dues]
        asked = min(dues, key=moment_end) if dues else None
        labels = ", ".join(f"{names.tasks.get(t, t)} ({t})" for t in tasks)
        description = names.text(
            "delivery_details", number=number, tasks=labels, day=names.day(day)
        )
        if asked is not None:
            description += " " + names.text("asked", day=names.day(asked))
        blocks.append(
            _Block(
                uid=f"{names.uid_prefix}.tranche-{number}@{UID_DOMAIN}",
                start=day,
                end=day + dt.timedelta(days=1),
                title=names.text(
                    "delivery", mission=names.mission, number=number, tasks=row["tasks"]
                ),
                description=description,
                category="delivery",
                busy=False,
            )
        )
    return blocks


@dataclass(frozen=True)
class _Block:
    """One event to write: a work block or a delivery day."""

    uid: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    title: str
    description: str
    category: str
    busy: bool


def plan_to_ics(
    result: PlanResult,
    scenario: Scenario,
    *,
    timezone: str = DEFAULT_TIMEZONE,
    previous: PlanResult | None = None,
    only_lead: bool = False,
    language: str = "en",
) -> icalendar.Calendar:
    """A calendar of the plan, to import into the consultant's calendar program.

    One event per work block of the schedule (``SUMMARY`` "mission — task — who"), busy
    (``TRANSP:OPAQUE``) for the lead and free (``TRANSP:TRANSPARENT``) for partners, so that
    importing the file back as commitments blocks exactly the lead's planned work; and one
    free all-day event per tranche delivery. The lead's existing fixed blocks are not written
    (they are in their calendar already). Descriptions give each task's due date as the day
    the scenario states.

    ``UID`` s name the mission, the task, the chunk and the block's part of it (see
    :func:`block_uid`), and deliveries the tranche number, never a time: importing the export
    of a re-plan updates the events already imported. ``SEQUENCE`` grows with the export's
    time, so the newer export wins.

    Parameters
    ----------
    result
        A plan (a result without a plan gives a calendar with no events).
    scenario
        The scenario it was planned for (names of the mission, tasks and people).
    timezone
        IANA time zone the plan's local times are in.
    previous
        The plan exported before (of the same mission). Its events whose ``UID`` this plan no
        longer has are written again with ``STATUS:CANCELLED``, so that calendars remove them.
    only_lead
        Leave out the partners' work blocks (the lead's own work, coordination included, and
        the deliveries only).
    language
        Language of titles and descriptions (a catalogue of :mod:`mission_planner.report`);
        dates in words by Babel.

    Returns
    -------
    icalendar.Calendar
        The calendar, with the ``VTIMEZONE`` it needs.
    """
    tz = zone(timezone)
    for argument, value in (("result", result), ("previous", previous)):
        if value is not None and not isinstance(value, PlanResult):
            raise TypeError(f"{argument}={type(value).__name__} is not a PlanResult")
    names = _names(scenario, language)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    sequence = int((stamp - SEQUENCE_EPOCH).total_seconds() // 60)
    current = _block_events(result, names, only_lead) + _delivery_events(result, names)
    vanished: list[_Block] = []
    if previous is not None:
        kept = {b.uid for b in current}
        before = _block_events(previous, names, only_lead) + _delivery_events(previous, names)
        vanished = [b for b in before if b.uid not in kept]

    cal = icalendar.Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    cal.add("X-WR-CALNAME", names.calendar)
    for block, cancelled in [(b, False) for b in current] + [(b, True) for b in vanished]:
        event = icalendar.Event()
        event.add("UID", block.uid)
        event.add("DTSTAMP", stamp)
        event.add("SEQUENCE", sequence)
        if isinstance(block.start, dt.datetime) and isinstance(block.end, dt.datetime):
            event.add("DTSTART", block.start.replace(tzinfo=tz))
            event.add("DTEND", block.end.replace(tzinfo=tz))
        else:
            event.add("DTSTART", block.start)
            event.add("DTEND", block.end)
        event.add("SUMMARY", block.title)
        event.add("DESCRIPTION", block.description)
        event.add("CATEGORIES", [block.category])
        event.add("TRANSP", "OPAQUE" if block.busy and not cancelled else "TRANSPARENT")
        event.add("STATUS", "CANCELLED" if cancelled else "CONFIRMED")
        cal.add_component(event)
    moments = [
        moment
        for plan in (result, previous)
        if plan is not None
        for moment in (*plan.schedule["start"], *plan.tranches["delivery"])
    ]
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
    previous: PlanResult | None = None,
    only_lead: bool = False,
    language: str = "en",
) -> Path:
    """Write :func:`plan_to_ics` to ``path`` and return the path."""
    path = Path(path)
    calendar = plan_to_ics(
        result,
        scenario,
        timezone=timezone,
        previous=previous,
        only_lead=only_lead,
        language=language,
    )
    path.write_bytes(calendar.to_ical())
    return path


__all__ = [
    "DEFAULT_TIMEZONE",
    "CalendarEvent",
    "block_uid",
    "normalise",
    "plan_to_ics",
    "read_events",
    "save_ics",
    "zone",
]
