"""Calendar events as the lead's commitments: fixed blocks, time off, filters and merging."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from io_scenarios import ICS, december

from mission_planner import FixedBlock, Scenario, TimeRange, check, plan
from mission_planner.io import CalendarFileError, import_calendar, with_calendar

ALL = [ICS / "google.ics", ICS / "outlook.ics", ICS / "apple.ics"]
ID_PATTERN = re.compile(r"^[A-Za-z0-9_.\-]+$")


def blocks_on(scenario: Scenario, day: int) -> list[FixedBlock]:
    return [b for b in scenario.fixed_blocks if b.date == dt.date(2026, 12, day)]


def span(block: FixedBlock) -> str | None:
    return None if block.time is None else str(block.time)


def test_with_calendar_returns_a_new_valid_scenario() -> None:
    """with_calendar adds blocks and time off to a re-validated copy; the input is unchanged."""
    base = december()
    new = with_calendar(base, ALL)
    assert base.fixed_blocks == () and base.lead.calendar.time_off == ()
    assert len(new.fixed_blocks) == 17
    assert Scenario.model_validate(new.model_dump()) == new
    assert new.mission == base.mission


def test_events_are_rounded_outward_to_the_grid() -> None:
    """08:15-09:45 blocks 08:00-10:00; on a 60-minute grid 09:30-12:00 blocks 09:00-12:00."""
    half_hour = with_calendar(december(30), [ICS / "apple.ics"])
    assert [span(b) for b in blocks_on(half_hour, 8)] == ["08:00-10:00"]
    assert [span(b) for b in blocks_on(half_hour, 16)] == ["09:30-12:00"]
    hour = with_calendar(december(60), [ICS / "apple.ics"])
    assert [span(b) for b in blocks_on(hour, 16)] == ["09:00-12:00"]


def test_overlapping_events_are_merged_into_one_block() -> None:
    """Workshop 09:30-12:00 and a call 11:00-12:30 become one block named after both."""
    (block,) = blocks_on(with_calendar(december(), [ICS / "apple.ics"]), 4)
    assert span(block) == "09:30-12:30"
    assert block.title == "Atelier stratégie + Appel fournisseur"


def test_overlap_across_files_and_time_zones_is_merged() -> None:
    """Google's 10:00-11:30 and Outlook's London 09:00-11:00 (10:00-12:00 Paris) merge."""
    new = with_calendar(december(), [ICS / "google.ics", ICS / "outlook.ics"])
    assert [span(b) for b in blocks_on(new, 7)] == ["10:00-12:00"]


def test_fully_booked_days_become_whole_day_blocks() -> None:
    """A trip from Wed 08:00 to Thu 19:00 covers both working days: two whole-day blocks."""
    new = with_calendar(december(), [ICS / "outlook.ics"])
    for day in (9, 10):
        (block,) = blocks_on(new, day)
        assert block.time is None and block.hours is None and block.title == "Déplacement Lyon"


def test_partly_booked_day_keeps_its_times_when_overtime_is_allowed() -> None:
    """With overtime allowed, the trip stays timed so the evening cannot be used either."""
    lead = {"id": "claire", "calendar": {"overtime_hours_per_day": 2}}
    new = with_calendar(december(lead=lead), [ICS / "outlook.ics"])
    assert [span(b) for b in blocks_on(new, 9)] == ["08:00-24:00"]
    assert [span(b) for b in blocks_on(new, 10)] == ["00:00-19:00"]


def test_night_events_are_split_at_midnight() -> None:
    """A night train 22:00-07:30 gives one block each side of midnight."""
    new = with_calendar(december(), [ICS / "apple.ics"])
    assert "22:00-24:00" in [span(b) for b in blocks_on(new, 14)]
    assert "00:00-07:30" in [span(b) for b in blocks_on(new, 15)]


def test_all_day_busy_events_become_time_off_clipped_to_the_horizon() -> None:
    """Christmas leave 24 Dec-1 Jan becomes time off 24-31 Dec in a horizon ending 31 Dec."""
    new = with_calendar(december(), [ICS / "google.ics"])
    (off,) = new.lead.calendar.time_off
    assert (off.start, off.end, off.reason) == (
        dt.date(2026, 12, 24),
        dt.date(2026, 12, 31),
        "Congés Noël",
    )


def test_timed_events_on_days_off_are_left_out() -> None:
    """The weekly meeting of 28 Dec falls in the imported leave: no block, and said so."""
    found = import_calendar(december(), [ICS / "google.ics"])
    assert blocks_on(found.scenario, 28) == []
    reasons = {(e.summary, e.occurrence.day): why for e, why in found.skipped}
    assert reasons[("Point hebdo BNP", 28)] == "on a day the lead does not work"


def test_free_and_cancelled_events_are_skipped_by_default() -> None:
    """Free (transparent, Outlook FREE/WORKINGELSEWHERE) and cancelled events are not imported."""
    found = import_calendar(december(), ALL)
    skipped = {e.summary: why for e, why in found.skipped}
    assert skipped["Focus time"] == "shown as free"
    assert skipped["Télétravail"] == "shown as free"
    assert skipped["Anniversaire Maman"] == "shown as free"
    assert skipped["Call annulé"] == "cancelled"
    assert all("Focus" not in b.title and "annulé" not in b.title for b in found.fixed_blocks)


def test_include_free_imports_free_events_but_never_cancelled_ones() -> None:
    """include_free imports transparent events; cancelled ones stay out."""
    new = with_calendar(december(), [ICS / "google.ics"], include_free=True)
    assert "14:00-16:00" in [span(b) for b in blocks_on(new, 3)]  # Focus time
    assert blocks_on(new, 4) == []  # the cancelled call
    assert any(t.reason == "Anniversaire Maman" for t in new.lead.calendar.time_off)


def test_include_keyword_imports_a_free_event_ignoring_case_and_accents() -> None:
    """--include 'VACANCES' turns the free 'Vacances scolaires' into time off."""
    new = with_calendar(december(), [ICS / "apple.ics"], include=["VACANCES"])
    (off,) = new.lead.calendar.time_off
    assert (off.start, off.end) == (dt.date(2026, 12, 19), dt.date(2026, 12, 22))


def test_exclude_keyword_drops_events_and_wins_over_include() -> None:
    """--exclude 'kine' drops 'Kiné', even when also included."""
    new = with_calendar(december(), [ICS / "apple.ics"], exclude=["kine"], include=["kiné"])
    assert blocks_on(new, 8) == []


def test_calendar_name_filter_keeps_only_named_calendars() -> None:
    """calendars=['travail'] keeps Apple's 'Travail' calendar and drops the others."""
    found = import_calendar(december(), ALL, calendars=["travail"])
    assert {b.title for b in found.fixed_blocks} <= {
        "Atelier stratégie",
        "Atelier stratégie + Appel fournisseur",
        "Kiné",
        "Train de nuit Nice",
        "Yoga",
    }
    # the free all-day 'Vacances scolaires' says leave: time off, reported as transformed
    (off,) = found.scenario.lead.calendar.time_off
    assert off.reason == "Vacances scolaires"
    assert [e.summary for e, _ in found.transformed] == ["Vacances scolaires"]
    assert any(why.startswith("in another calendar") for _, why in found.skipped)


def test_block_ids_are_valid_unique_and_stable() -> None:
    """Ids match the Identifier pattern, are unique, fit 64 characters, repeat across imports."""
    first = with_calendar(december(), ALL)
    ids = [b.id for b in first.fixed_blocks]
    assert all(ID_PATTERN.match(i) and len(i) <= 64 for i in ids)
    assert len(set(ids)) == len(ids)
    assert ids == [b.id for b in with_calendar(december(), ALL).fixed_blocks]
    assert "5q2kf8d1ml4s0v3b7n9c6h2j1a-google.com-20261207" in ids


def test_time_held_by_the_scenarios_own_blocks_is_not_blocked_twice() -> None:
    """A scenario block 10:30-11:00 inside an imported 10:00-12:00 splits the imported block."""
    own = {"id": "call", "date": "2026-12-07", "time": "10:30-11:00"}
    new = with_calendar(december(fixed_blocks=[own]), [ICS / "google.ics", ICS / "outlook.ics"])
    assert sorted(span(b) for b in blocks_on(new, 7)) == [
        "10:00-10:30",
        "10:30-11:00",
        "11:00-12:00",
    ]


def test_day_with_a_whole_day_block_takes_no_imported_block() -> None:
    """Events on a day the scenario already blocks whole are left out."""
    own = {"id": "onsite", "date": "2026-12-08", "title": "On site"}
    found = import_calendar(december(fixed_blocks=[own]), [ICS / "apple.ics"])
    assert [b.id for b in blocks_on(found.scenario, 8)] == ["onsite"]
    assert any(e.summary == "Kiné" and "whole-day" in why for e, why in found.skipped)


def test_blocks_in_hours_that_no_longer_fit_are_reported() -> None:
    """8 hours of scenario blocks plus imported meetings on one day is a CalendarFileError."""
    own = {"id": "writing", "date": "2026-12-01", "hours": 8}
    with pytest.raises(CalendarFileError, match=r"2026-12-01.*'writing'"):
        with_calendar(december(fixed_blocks=[own]), [ICS / "outlook.ics"])


def test_imported_blocks_use_the_scenario_time_ranges() -> None:
    """Every imported timed block lies on the scenario's 30-minute grid."""
    for block in with_calendar(december(), ALL).fixed_blocks:
        assert block.time is None or (block.time.start % 30, block.time.end % 30) == (0, 0)
        assert block.time is None or isinstance(block.time, TimeRange)


def test_plan_keeps_clear_of_imported_commitments() -> None:
    """Planned work never overlaps an imported event, and the plan passes the checker."""
    tasks = [{"id": "a", "effort_hours": 16, "due": "2026-12-04", "deadline": "2026-12-11"}]
    base = december(mission={"client": "ACME", "tasks": tasks}, end="2026-12-11")
    scenario = with_calendar(base, [ICS / "outlook.ics"])
    result = plan(scenario, time_limit=5, seed=0, workers=1)
    assert result.has_plan and check(scenario, result) == []
    work = result.schedule[result.schedule["kind"] == "mission"]
    committee = (dt.datetime(2026, 12, 1, 14), dt.datetime(2026, 12, 1, 15, 30))
    for row in work.to_dict("records"):
        assert not (row["start"] < committee[1] and row["end"] > committee[0])
        assert row["date"].day not in (9, 10)  # the trip to Lyon
