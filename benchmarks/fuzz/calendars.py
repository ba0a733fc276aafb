"""Seeded variants of the test calendars: hostile events inserted, files cut short.

Each variant is labelled by the fuzzer: ``"refuse"`` (the file must be refused with our
error: truncated, no END:VCALENDAR) or ``"skip"`` (the file imports, and the event titled
:data:`BAD` must never become a fixed block or time off), or ``"import"`` (a well-formed event
that must be imported: a long weekly rule, an unknown time zone read as local time).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "tests" / "data" / "ics").glob("*.ics"))
BAD = "FUZZ-BAD"
"""Title of an inserted event that must never be imported."""
GOOD = "FUZZ-GOOD"
"""Title of an inserted event that must be imported."""


@dataclass(frozen=True)
class CalendarMutant:
    """One calendar variant: its text, the kind of change and what must happen."""

    name: str
    text: str
    kind: str
    expect: str  # "refuse", "skip" or "import"


def _event(uid: str, title: str, *lines: str) -> str:
    body = "\r\n".join([f"UID:{uid}", f"SUMMARY:{title}", *lines])
    return f"BEGIN:VEVENT\r\n{body}\r\nEND:VEVENT\r\n"


def _day(rng: random.Random) -> str:
    return f"202612{rng.randrange(7, 29):02d}"


def _zoned(day: str, tzid: str) -> tuple[str, str]:
    return f"DTSTART;TZID={tzid}:{day}T100000", f"DTEND;TZID={tzid}:{day}T110000"


HOSTILE = {
    "interval_zero": lambda r: ("DTSTART:20261207T100000", "DTEND:20261207T110000",
                                "RRULE:FREQ=DAILY;INTERVAL=0"),
    "minutely_1970": lambda r: ("DTSTART:19700101T000000", "DTEND:19700101T000100",
                                "RRULE:FREQ=MINUTELY"),
    "secondly_2000": lambda r: ("DTSTART:20000101T000000", "DTEND:20000101T000001",
                                "RRULE:FREQ=SECONDLY"),
    "hourly_byminute_1970": lambda r: ("DTSTART:19700101T000000", "DTEND:19700101T000500",
                                       "RRULE:FREQ=HOURLY;BYMINUTE=0,10,20,30,40,50"),
    "reversed_timed": lambda r: (f"DTSTART:{_day(r)}T150000", "DTEND:20261201T090000"),
    "negative_duration": lambda r: (f"DTSTART:{_day(r)}T150000", "DURATION:-PT3H"),
    "reversed_all_day": lambda r: (f"DTSTART;VALUE=DATE:{_day(r)}",
                                   "DTEND;VALUE=DATE:20261201"),
}  # fmt: skip
WELL_FORMED = {
    "weekly_since_2010": lambda r: ("DTSTART:20100104T100000", "DTEND:20100104T110000",
                                    "RRULE:FREQ=WEEKLY;COUNT=1000000"),
    "unknown_tzid": lambda r: _zoned(_day(r), "Mars/Olympus"),
}  # fmt: skip


def calendar_mutants(count: int, seed: int = 0) -> Iterator[CalendarMutant]:
    """``count`` calendar variants drawn with ``random.Random(seed)``."""
    rng = random.Random(seed)
    texts = [(p, p.read_text(encoding="utf-8")) for p in SEEDS]
    kinds = [*HOSTILE, *WELL_FORMED, "truncated", "no_end"]
    for i in range(count):
        path, text = rng.choice(texts)
        kind = rng.choice(kinds)
        name = f"{i:04d}-{kind}-{path.stem}.ics"
        end = text.rindex("END:VCALENDAR")
        if kind in HOSTILE:
            event = _event(f"fuzz-{i}", BAD, *HOSTILE[kind](rng))
            yield CalendarMutant(name, text[:end] + event + text[end:], kind, "skip")
        elif kind in WELL_FORMED:
            event = _event(f"fuzz-{i}", GOOD, *WELL_FORMED[kind](rng))
            yield CalendarMutant(name, text[:end] + event + text[end:], kind, "import")
        elif kind == "truncated":
            # cut inside the body, after BEGIN:VCALENDAR: some BEGIN is left open
            lines = text.splitlines(keepends=True)
            cut = rng.randrange(2, len(lines) - 1)
            yield CalendarMutant(name, "".join(lines[:cut]), kind, "refuse")
        else:
            yield CalendarMutant(name, text[:end], kind, "refuse")


__all__ = ["BAD", "GOOD", "SEEDS", "CalendarMutant", "calendar_mutants"]
