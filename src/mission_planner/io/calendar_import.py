"""Commitments from calendars: .ics events become the lead's fixed blocks and time off.

Rules (all documented in :func:`import_calendar`):

* which events count: cancelled events never; malformed events never (an end before the
  start, a negative duration, a recurrence that cannot be expanded within reason: see
  :mod:`mission_planner.io.ics_screen`); events shown as *free* (``TRANSP:TRANSPARENT``,
  Outlook's ``FREE`` / ``WORKINGELSEWHERE``) only with ``include_free=True``, except all-day
  events whose title says leave (a word of ``leave_words``: Google exports all-day events as
  free by default), which become time off; tentative events count as busy unless
  ``tentative="free"``; ``calendars`` keeps the named calendars only; a keyword of
  ``exclude`` in the title or categories drops an event, a keyword of ``include`` keeps it
  even when free (``exclude`` wins). Keywords ignore case and accents.
* every event skipped or read differently from what it says is listed with the reason
  (:meth:`CalendarImport.report`), and so is every fixed block that takes less working time
  than it says (on a holiday, on time off, after hours: :attr:`CalendarImport.warnings`).
* timed events become :class:`~mission_planner.scenario.FixedBlock` s, split at midnight,
  clipped to the horizon and rounded *outward* to the scenario's grid (a 08:15-09:45 event on
  a 30-minute grid blocks 08:00-10:00); overlapping events are merged into one block; time
  already held by the scenario's own timed fixed blocks is left out; a working day whose
  working hours are all taken becomes one whole-day block (when the lead has no overtime).
* all-day events become the lead's :class:`~mission_planner.scenario.TimeOff`, clipped to the
  horizon.
* block ids are made from the event's ``UID`` and the block's date (``-2``, ``-3`` ... when
  needed), so they are stable from one import to the next.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from pydantic import ValidationError

from mission_planner.io.calendar_blocks import (
    block_minutes,
    fixed_blocks_from_events,
    time_off_from_events,
)
from mission_planner.io.commitment_warnings import commitment_warnings
from mission_planner.io.errors import CalendarFileError, InputProblem
from mission_planner.io.ics import DEFAULT_TIMEZONE, CalendarEvent, normalise, read_events
from mission_planner.scenario import FixedBlock, Scenario, TimeOff

LEAVE_WORDS = (
    "congé",
    "congés",
    "vacances",
    "RTT",
    "OOO",
    "out of office",
    "absent",
    "holiday",
    "holidays",
    "leave",
    "vacation",
    "PTO",
)
"""Words that make an all-day event time off even when shown as free (case and accents
ignored; whole words)."""
REPORT_COLUMNS = ("title", "calendar", "start", "end", "action", "reason")
"""Columns of :meth:`CalendarImport.report`."""


@dataclass(frozen=True)
class CalendarImport:
    """What :func:`import_calendar` did.

    Attributes
    ----------
    scenario
        The new, validated scenario with the imported commitments.
    events
        Every event occurrence read within the horizon.
    fixed_blocks, time_off
        The commitments added to the scenario.
    skipped
        Events left out, each with the reason in words.
    transformed
        Events imported differently from what they say (a free all-day leave made time off, a
        tentative event counted as busy, an unknown time zone read as local), with the reason.
    warnings
        Fixed blocks of the new scenario that take less working time than they say.
    """

    scenario: Scenario
    events: tuple[CalendarEvent, ...]
    fixed_blocks: tuple[FixedBlock, ...]
    time_off: tuple[TimeOff, ...]
    skipped: tuple[tuple[CalendarEvent, str], ...] = field(default_factory=tuple)
    transformed: tuple[tuple[CalendarEvent, str], ...] = field(default_factory=tuple)
    warnings: tuple[str, ...] = ()

    def report(self) -> pd.DataFrame:
        """Every event skipped or transformed, by title, with the reason (one row each).

        Columns :data:`REPORT_COLUMNS`: ``title``, ``calendar``, ``start``, ``end`` (as
        written, text), ``action`` (``"skipped"`` or ``"transformed"``) and ``reason``.
        """
        rows = [
            (e.summary, e.calendar, str(e.start), str(e.end), action, why)
            for action, items in (("skipped", self.skipped), ("transformed", self.transformed))
            for e, why in items
        ]
        return pd.DataFrame(rows, columns=list(REPORT_COLUMNS)).astype("string")

    def lines(self) -> list[str]:
        """The report and the warnings as lines for a terminal."""
        out = [
            f"  {action} {e.summary or '(untitled)'!r} ({_when(e)}): {why}"
            for action, items in (("skipped", self.skipped), ("transformed", self.transformed))
            for e, why in items
        ]
        return out + [f"  warning: {text}" for text in self.warnings]

    def summary(self) -> str:
        """One line: events read, commitments added, events skipped and why."""
        hours = sum(block_minutes(self.scenario, b) for b in self.fixed_blocks) / 60
        days = sum((t.end - t.start).days + 1 for t in self.time_off)
        text = (
            f"calendar: {len(self.events)} event occurrence(s) in the horizon -> "
            f"{len(self.fixed_blocks)} fixed block(s) ({hours:g} working hours), "
            f"{len(self.time_off)} time off ({days} day(s))"
        )
        if self.skipped:
            reasons: dict[str, int] = {}
            for _, why in self.skipped:
                key = why.split(" (")[0]
                reasons[key] = reasons.get(key, 0) + 1
            text += "; skipped " + ", ".join(f"{n} {why}" for why, n in reasons.items())
        return text


def skip_reason(
    event: CalendarEvent,
    *,
    include_free: bool = False,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    calendars: Sequence[str] | None = None,
    tentative: str = "busy",
    leave_words: Sequence[str] = LEAVE_WORDS,
) -> str | None:
    """Why ``event`` is not imported, or ``None`` when it is (see :func:`import_calendar`)."""
    if event.problem:
        return f"malformed: {event.problem}"
    if event.cancelled:
        return "cancelled"
    if calendars is not None and normalise(event.calendar) not in {normalise(c) for c in calendars}:
        return f"in another calendar ({event.calendar!r})"
    text = normalise(" ".join((event.summary, *event.categories)))
    for word in exclude:
        if normalise(word) in text:
            return f"excluded by keyword ({word!r})"
    if any(normalise(word) in text for word in include):
        return None
    if event.tentative and tentative == "free":
        return "tentative (counted as free)"
    if not event.busy and not include_free and not _is_leave(event, leave_words):
        return "shown as free"
    return None


def transform_reason(
    event: CalendarEvent, *, include_free: bool = False, leave_words: Sequence[str] = LEAVE_WORDS
) -> str | None:
    """How an imported ``event`` is read differently from what it says, or ``None``."""
    reasons = []
    if not event.busy and not include_free and _is_leave(event, leave_words):
        reasons.append("all-day leave shown as free: imported as time off")
    if event.tentative:
        reasons.append("tentative: counted as busy")
    if event.note:
        reasons.append(event.note)
    return "; ".join(reasons) or None


def _is_leave(event: CalendarEvent, words: Sequence[str]) -> bool:
    if not event.all_day:
        return False
    text = f" {re.sub(r'[^0-9a-z]+', ' ', normalise(event.summary))} "
    return any(f" {re.sub(r'[^0-9a-z]+', ' ', normalise(w)).strip()} " in text for w in words)


def _when(event: CalendarEvent) -> str:
    if isinstance(event.start, dt.datetime):
        return f"{event.start:%Y-%m-%d %H:%M}"
    return str(event.start)


def import_calendar(
    scenario: Scenario,
    ics_paths: Iterable[str | Path],
    *,
    timezone: str = DEFAULT_TIMEZONE,
    include_free: bool = False,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    calendars: Sequence[str] | None = None,
    tentative: str = "busy",
    leave_words: Sequence[str] = LEAVE_WORDS,
) -> CalendarImport:
    """Add the lead's commitments found in .ics files to a scenario.

    Parameters
    ----------
    scenario
        The scenario (never modified).
    ics_paths
        iCalendar files exported from Google Calendar, Outlook, Apple Calendar...
    timezone
        The lead's IANA time zone; events are converted to its naive local time.
    include_free
        Also import events shown as free (transparent).
    include, exclude
        Keywords: an event whose title or categories contain one of ``exclude`` is skipped;
        one containing one of ``include`` is imported even when shown as free.
    calendars
        Import only from calendars with these names (``X-WR-CALNAME``, else the file's name).
    tentative
        ``"busy"`` (default): tentative events take the lead's time; ``"free"``: skipped.
        Either way they are reported.
    leave_words
        Words that make an all-day event time off even when shown as free (whole words, case
        and accents ignored; default :data:`LEAVE_WORDS`).

    Returns
    -------
    CalendarImport
        The new scenario and a report of what was imported or skipped.

    Raises
    ------
    CalendarFileError
        When a file cannot be read, or imported events cannot fit next to the scenario's
        own fixed blocks given in hours.
    """
    paths = [Path(p) for p in ics_paths]
    events = read_events(paths, start=scenario.start, end=scenario.end, timezone=timezone)
    if tentative not in ("busy", "free"):
        raise CalendarFileError("tentative", f"tentative={tentative!r}: use 'busy' or 'free'")
    kept: list[CalendarEvent] = []
    skipped: list[tuple[CalendarEvent, str]] = []
    transformed: list[tuple[CalendarEvent, str]] = []
    for event in events:
        why = skip_reason(
            event,
            include_free=include_free,
            include=include,
            exclude=exclude,
            calendars=calendars,
            tentative=tentative,
            leave_words=leave_words,
        )
        if why is None:
            kept.append(event)
            change = transform_reason(event, include_free=include_free, leave_words=leave_words)
            if change is not None:
                transformed.append((event, change))
        else:
            skipped.append((event, why))
    source = ", ".join(str(p) for p in paths)
    off = time_off_from_events([e for e in kept if e.all_day], scenario)
    timed = [e for e in kept if not e.all_day]
    blocks, dropped = fixed_blocks_from_events(timed, scenario, source, extra_time_off=off)
    skipped.extend(dropped)
    data = scenario.model_dump()
    data["fixed_blocks"] = [*data["fixed_blocks"], *(b.model_dump() for b in blocks)]
    data["lead"]["calendar"]["time_off"] = [
        *data["lead"]["calendar"]["time_off"],
        *(t.model_dump() for t in off),
    ]
    try:
        new = Scenario.model_validate(data)
    except ValidationError as exc:  # e.g. the scenario's own blocks on imported days off
        problems = [
            InputProblem(
                "", f"with the imported commitments, {str(e['msg']).removeprefix('Value error, ')}"
            )
            for e in exc.errors()
        ]
        raise CalendarFileError(source, problems) from None
    return CalendarImport(
        new,
        tuple(events),
        tuple(blocks),
        tuple(off),
        tuple(skipped),
        tuple(transformed),
        tuple(commitment_warnings(new)),
    )


def with_calendar(
    scenario: Scenario,
    ics_paths: Iterable[str | Path],
    *,
    timezone: str = DEFAULT_TIMEZONE,
    include_free: bool = False,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    calendars: Sequence[str] | None = None,
    tentative: str = "busy",
    leave_words: Sequence[str] = LEAVE_WORDS,
) -> Scenario:
    """A new validated scenario with the commitments of ``ics_paths`` added.

    Same parameters as :func:`import_calendar`, which also reports what was skipped.

    Returns
    -------
    Scenario
        The scenario with imported fixed blocks and time off.
    """
    return import_calendar(
        scenario,
        ics_paths,
        timezone=timezone,
        include_free=include_free,
        include=include,
        exclude=exclude,
        calendars=calendars,
        tentative=tentative,
        leave_words=leave_words,
    ).scenario


__all__ = [
    "LEAVE_WORDS",
    "REPORT_COLUMNS",
    "CalendarImport",
    "fixed_blocks_from_events",
    "import_calendar",
    "skip_reason",
    "time_off_from_events",
    "transform_reason",
    "with_calendar",
]
