"""Calendars read as meant: bounded recurrences, malformed events reported, leave kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mission_planner import Scenario
from mission_planner.io import CalendarFileError, import_calendar
from mission_planner.io.calendar_import import REPORT_COLUMNS
from mission_planner.io.commitment_warnings import commitment_warnings


def december(**extra: object) -> Scenario:
    return Scenario.model_validate(
        {
            "start": "2026-12-07",
            "end": "2026-12-31",
            "mission": {
                "client": "x",
                "tasks": [{"id": "a", "effort_hours": 4, "due": "2026-12-11"}],
            },
            **extra,
        }
    )


def ics(tmp_path: Path, *events: str, end: str = "END:VCALENDAR\n") -> Path:
    path = tmp_path / "agenda.ics"
    body = "".join(f"BEGIN:VEVENT\n{e.strip()}\nEND:VEVENT\n" for e in events)
    path.write_text(f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:test\n{body}{end}")
    return path


def event(uid: str, title: str, start: str, end: str, *more: str) -> str:
    return "\n".join([f"UID:{uid}", f"SUMMARY:{title}", start, end, *more])


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL=0"),
        ("FREQ=MINUTELY", "FREQ=MINUTELY repeats about"),
        ("FREQ=SECONDLY", "FREQ=SECONDLY repeats about"),
    ],
)
def test_runaway_recurrences_are_skipped_with_the_reason(
    tmp_path: Path, rule: str, reason: str
) -> None:
    """Rules that would never finish expanding (from 1970, no end) are skipped, not expanded."""
    path = ics(
        tmp_path,
        event("r", "Runaway", "DTSTART:19700105T100000", "DTEND:19700105T110000", f"RRULE:{rule}"),
    )
    found = import_calendar(december(), [path])
    ((skipped, why),) = found.skipped
    assert skipped.summary == "Runaway" and reason in why
    assert found.fixed_blocks == ()


def test_weekly_rule_from_long_ago_still_expands(tmp_path: Path) -> None:
    """A weekly meeting set up in 2015 still gives its December occurrences."""
    path = ics(
        tmp_path,
        event(
            "w", "Hebdo", "DTSTART:20150105T100000", "DTEND:20150105T110000", "RRULE:FREQ=WEEKLY"
        ),
    )
    found = import_calendar(december(), [path])
    assert [b.date.day for b in found.fixed_blocks] == [7, 14, 21, 28]


@pytest.mark.parametrize(
    ("start", "end", "reason"),
    [
        ("DTSTART:20261208T100000", "DTEND:20261208T090000", "ends before it starts"),
        ("DTSTART:20261208T100000", "DURATION:-PT2H", "negative DURATION"),
        ("DTSTART;VALUE=DATE:20261214", "DTEND;VALUE=DATE:20261209", "ends before it starts"),
    ],
)
def test_malformed_events_are_skipped_by_name(
    tmp_path: Path, start: str, end: str, reason: str
) -> None:
    """An end before the start is never turned into a block or days off: skipped, named."""
    found = import_calendar(december(), [ics(tmp_path, event("m", "Broken", start, end))])
    assert found.fixed_blocks == () and found.time_off == ()
    ((skipped, why),) = found.skipped
    assert skipped.summary == "Broken" and why.startswith("malformed:") and reason in why


def test_unknown_tzid_is_read_as_local_time_and_reported(tmp_path: Path) -> None:
    """An unknown TZID is read as local time, and the event is listed as transformed."""
    path = ics(
        tmp_path,
        event(
            "z",
            "Mars call",
            "DTSTART;TZID=Mars/Olympus:20261209T100000",
            "DTEND;TZID=Mars/Olympus:20261209T110000",
        ),
    )
    found = import_calendar(december(), [path])
    assert [str(b.time) for b in found.fixed_blocks] == ["10:00-11:00"]
    ((changed, why),) = found.transformed
    assert changed.summary == "Mars call" and "unknown time zone TZID='Mars/Olympus'" in why


@pytest.mark.parametrize(
    ("end", "message"),
    [
        ("", "is truncated: BEGIN:VCALENDAR at line 1 has no END:VCALENDAR"),
        (
            "BEGIN:VEVENT\nUID:cut\nDTSTART:20261208T1000",
            "BEGIN:VEVENT at line 10 has no END:VEVENT",
        ),
    ],
)
def test_truncated_files_get_a_precise_error(tmp_path: Path, end: str, message: str) -> None:
    """A file cut anywhere names the BEGIN line left open, never 'holds no calendar'."""
    path = ics(
        tmp_path,
        event("a", "Ok", "DTSTART:20261208T100000", "DTEND:20261208T110000"),
        end=end,
    )
    with pytest.raises(CalendarFileError, match=message):
        import_calendar(december(), [path])


def test_google_free_all_day_leave_becomes_time_off(tmp_path: Path) -> None:
    """A free all-day 'Congés' (Google's default) is time off, reported as transformed."""
    path = ics(
        tmp_path,
        event(
            "c",
            "Congés",
            "DTSTART;VALUE=DATE:20261224",
            "DTEND;VALUE=DATE:20270101",
            "TRANSP:TRANSPARENT",
        ),
        event(
            "f",
            "Focus",
            "DTSTART;VALUE=DATE:20261215",
            "DTEND;VALUE=DATE:20261216",
            "TRANSP:TRANSPARENT",
        ),
    )
    found = import_calendar(december(), [path])
    ((off),) = found.time_off
    assert (off.start, off.end, off.reason) == (
        dt.date(2026, 12, 24),
        dt.date(2026, 12, 31),
        "Congés",
    )
    assert [(e.summary, why) for e, why in found.skipped] == [("Focus", "shown as free")]
    assert "all-day leave shown as free" in found.transformed[0][1]
    frame = found.report()
    assert list(frame.columns) == list(REPORT_COLUMNS)
    assert set(frame["action"]) == {"skipped", "transformed"}


def test_tentative_events_follow_the_setting_and_are_reported(tmp_path: Path) -> None:
    """Tentative events count as busy by default (reported), or are skipped with 'free'."""
    path = ics(
        tmp_path,
        event("t", "Maybe", "DTSTART:20261208T100000", "DTEND:20261208T110000", "STATUS:TENTATIVE"),
    )
    busy = import_calendar(december(), [path])
    assert len(busy.fixed_blocks) == 1 and "tentative" in busy.transformed[0][1]
    free = import_calendar(december(), [path], tentative="free")
    assert free.fixed_blocks == () and free.skipped[0][1] == "tentative (counted as free)"


def test_block_on_a_holiday_gives_a_named_warning() -> None:
    """A fixed block on Christmas (a French public holiday) is named in a warning."""
    scenario = december(fixed_blocks=[{"id": "xmas", "date": "2026-12-25", "title": "Réveillon"}])
    (warning,) = commitment_warnings(scenario)
    assert "fixed block 'xmas' (Réveillon) on 2026-12-25 falls on a public holiday" in warning


def test_block_after_hours_gives_a_named_warning() -> None:
    """A timed block 17:00-19:00 on an 18:00 day: one hour outside working hours, named."""
    scenario = december(fixed_blocks=[{"id": "late", "date": "2026-12-08", "time": "17:00-19:00"}])
    (warning,) = commitment_warnings(scenario)
    assert "fixed block 'late' on 2026-12-08 at 17:00-19:00 is 1 h outside" in warning
