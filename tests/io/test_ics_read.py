"""Reading .ics files as Google, Outlook/Exchange and Apple write them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from io_scenarios import ICS

from mission_planner.io import CalendarEvent, CalendarFileError, read_events

DEC_1, DEC_31 = dt.date(2026, 12, 1), dt.date(2026, 12, 31)


def events(name: str, timezone: str = "Europe/Paris") -> list[CalendarEvent]:
    return read_events([ICS / name], start=DEC_1, end=DEC_31, timezone=timezone)


def titled(found: list[CalendarEvent], prefix: str) -> list[tuple[object, object]]:
    return [(e.start, e.end) for e in found if e.summary.startswith(prefix)]


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute)


def test_google_weekly_rule_with_exdate_and_moved_occurrence() -> None:
    """Google's RRULE is expanded, its EXDATE removed and the moved occurrence kept moved."""
    found = events("google.ics")
    assert titled(found, "Point hebdo BNP") == [
        (at(7, 10), at(7, 11, 30)),
        (at(14, 14), at(14, 15, 30)),  # moved from 10:00 (RECURRENCE-ID)
        (at(28, 10), at(28, 11, 30)),  # the 21st is an EXDATE
    ]


def test_google_utc_times_become_paris_local_times() -> None:
    """An event Google stored in UTC (11:30Z) is read as 12:30 in Paris, naive."""
    (lunch,) = titled(events("google.ics"), "Déjeuner client")
    assert lunch == (at(2, 12, 30), at(2, 14))


def test_outlook_windows_time_zone_names_are_resolved() -> None:
    """'Romance Standard Time' (with VTIMEZONE) and 'GMT Standard Time' (without) are understood."""
    found = events("outlook.ics")
    committee = titled(found, "Comité projet SNCF")
    assert committee[0] == (at(1, 14), at(1, 15, 30))
    assert (at(3, 16), at(3, 17, 30)) in committee  # the moved occurrence
    assert [d.day for d, _ in committee] == [1, 3, 8, 15, 17]  # the 10th is excluded
    (training,) = titled(found, "Formation RGPD")
    assert training == (at(7, 10), at(7, 12))  # 09:00 in London is 10:00 in Paris


def test_apple_rdate_adds_and_exdate_removes_occurrences() -> None:
    """Apple's COUNT=3 weekly rule, less an EXDATE, plus an RDATE, gives three workshops."""
    days = [s.day for s, _ in titled(events("apple.ics"), "Atelier stratégie")]  # type: ignore[attr-defined]
    assert days == [4, 16, 18]


def test_floating_times_follow_x_wr_timezone() -> None:
    """Apple's floating 18:30 is local time of the calendar's X-WR-TIMEZONE."""
    (yoga,) = titled(events("apple.ics"), "Yoga")
    assert yoga == (at(2, 18, 30), at(2, 19, 30))


def test_floating_times_without_zone_are_taken_as_local(tmp_path: Path) -> None:
    """With no zone at all, a floating time is read as the lead's local time, unchanged."""
    path = tmp_path / "floating.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:f1\r\n"
        "DTSTAMP:20261101T000000Z\r\nDTSTART:20261203T093000\r\nDTEND:20261203T110000\r\n"
        "SUMMARY:Floating\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (event,) = read_events([path], start=DEC_1, end=DEC_31, timezone="Asia/Tokyo")
    assert (event.start, event.end) == (at(3, 9, 30), at(3, 11))


def test_timezone_setting_converts_to_the_leads_zone() -> None:
    """The same calendar read for a lead in New York shows the Paris 10:00 meeting at 04:00."""
    (first, *_) = titled(events("google.ics", timezone="America/New_York"), "Point hebdo BNP")
    assert first == (at(7, 4), at(7, 5, 30))


def test_all_day_events_stay_dates() -> None:
    """An all-day event keeps dates, its end exclusive as in iCalendar."""
    (holiday,) = [e for e in events("google.ics") if e.summary == "Congés Noël"]
    assert holiday.all_day
    assert (holiday.start, holiday.end) == (dt.date(2026, 12, 24), dt.date(2027, 1, 2))


def test_free_and_cancelled_events_are_flagged() -> None:
    """TRANSP:TRANSPARENT and Outlook FREE/WORKINGELSEWHERE read as free; CANCELLED as cancelled."""
    found = {e.summary: e for e in events("google.ics") + events("outlook.ics")}
    assert not found["Focus time"].busy
    assert not found["Pot de fin d'année"].busy
    assert not found["Télétravail"].busy  # OPAQUE but working elsewhere
    assert found["Formation RGPD (Londres)"].busy  # tentative still takes the time
    assert found["Call annulé"].cancelled
    assert found["Séminaire d'équipe"].busy and found["Séminaire d'équipe"].calendar == "Calendar"


def test_events_outside_the_days_are_not_read() -> None:
    """A past event (20 November) is not among December's events."""
    assert not titled(events("google.ics"), "Réunion passée")


def test_missing_file_is_a_calendar_error(tmp_path: Path) -> None:
    """A missing .ics file raises CalendarFileError naming the file."""
    with pytest.raises(CalendarFileError, match=r"nope\.ics.*no such file"):
        read_events([tmp_path / "nope.ics"], start=DEC_1, end=DEC_31)


def test_not_an_ics_file_is_a_calendar_error(tmp_path: Path) -> None:
    """A file that is not iCalendar raises CalendarFileError."""
    path = tmp_path / "agenda.ics"
    path.write_text("date,title\n2026-12-01,meeting\n")
    with pytest.raises(CalendarFileError, match="not an iCalendar file"):
        read_events([path], start=DEC_1, end=DEC_31)


def test_broken_ics_content_is_a_calendar_error(tmp_path: Path) -> None:
    """A VEVENT with an unreadable date raises CalendarFileError, not a traceback from icalendar."""
    path = tmp_path / "broken.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:2026-12-0X\r\n"
        "SUMMARY:bad\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with pytest.raises(CalendarFileError, match=r"broken\.ics"):
        read_events([path], start=DEC_1, end=DEC_31)


def test_unknown_timezone_is_an_input_error() -> None:
    """A time zone that is not an IANA name is refused with the value."""
    with pytest.raises(CalendarFileError, match="Paris/France"):
        read_events([ICS / "google.ics"], start=DEC_1, end=DEC_31, timezone="Paris/France")
