"""The slot grid and each person's free working time, built from tiny scenarios."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from mission_planner.scenario import Scenario, read_mapping
from mission_planner.timeline import PersonTime, PlacedBlock, TimeGrid, Timeline, build_timeline

DATA = Path(__file__).parents[1] / "data"
MORNING = ["09:00", "10:00", "11:00", "12:00"]
AFTERNOON = ["14:00", "15:00", "16:00", "17:00"]
FULL_DAY = MORNING + AFTERNOON


def tiny(filename: str = "tiny.json", **changes: Any) -> Scenario:
    """A tiny scenario file with some top-level fields replaced."""
    data = read_mapping(DATA / filename)
    data.update(changes)
    return Scenario.model_validate(data)


def lead_calendar(**calendar: Any) -> dict[str, Any]:
    """The ``lead`` entry of a scenario with this calendar."""
    return {"id": "lead", "calendar": calendar}


def day(n: int) -> dt.date:
    """The ``n``-th of December 2026."""
    return dt.date(2026, 12, n)


def at(n: int, clock: str) -> dt.datetime:
    """``clock`` ("HH:MM") on December ``n``."""
    return dt.datetime.combine(day(n), dt.time.fromisoformat(clock))


def slot(grid: TimeGrid, n: int, clock: str) -> int:
    """The real slot starting at ``clock`` on December ``n``."""
    return grid.slot_of(at(n, clock))


def free_on(timeline: Timeline, person: str, n: int) -> list[str]:
    """Start times ("HH:MM") of the free slots of ``person`` on December ``n``."""
    grid = timeline.grid
    first, last = slot(grid, n, "00:00"), slot(grid, n + 1, "00:00")
    free = timeline.person(person).free
    return [grid.time_of(s).strftime("%H:%M") for s in free[(free >= first) & (free < last)]]


def working_on(timeline: Timeline, person: str, n: int) -> int:
    """Working slots of ``person``'s calendar on December ``n``."""
    return int(timeline.person(person).working[timeline.grid.day_index(day(n))])


# --------------------------------------------------------------------------------- calendars
def test_grid_spans_the_horizon() -> None:
    """The grid starts at 00:00 of the first day and holds whole days of slots."""
    grid = build_timeline(tiny()).grid
    assert grid.origin == dt.datetime(2026, 12, 7)
    assert (grid.n_days, grid.slots_per_day, grid.n_slots) == (5, 24, 120)
    assert grid.slot_of(dt.datetime(2026, 12, 8, 9)) == 33
    assert grid.time_of(33) == dt.datetime(2026, 12, 8, 9)
    assert grid.day_of(47) == day(8)
    assert grid.day_of(48) == day(9)


def test_working_days_give_the_calendar_hours() -> None:
    """With no commitment, each weekday offers 09:00-13:00 and 14:00-18:00."""
    timeline = build_timeline(tiny(fixed_blocks=[]))
    lead = timeline.person("lead")
    assert lead.size == 5 * 8
    assert lead.working.tolist() == [8] * 5
    assert lead.blocked.tolist() == [0] * 5
    for n in range(7, 12):
        assert free_on(timeline, "lead", n) == FULL_DAY
    assert not lead.overtime.any()


def test_french_public_holiday_is_removed() -> None:
    """Christmas 2026 (a Friday) has no free slot under the French calendar, and does without."""
    changes: dict[str, Any] = {
        "start": "2026-12-21",
        "end": "2026-12-27",
        "fixed_blocks": [],
        "mission": {
            "client": "ACME",
            "tasks": [{"id": "a", "effort_hours": 4, "due": "2026-12-24"}],
        },
    }
    french = build_timeline(tiny(**changes, lead=lead_calendar(country="FR")))
    assert free_on(french, "lead", 25) == []
    assert working_on(french, "lead", 25) == 0
    assert free_on(french, "lead", 24) == FULL_DAY
    assert french.person("lead").size == 4 * 8

    no_holidays = build_timeline(tiny(**changes, lead=lead_calendar(country=None)))
    assert free_on(no_holidays, "lead", 25) == FULL_DAY
    assert no_holidays.person("lead").size == 5 * 8


def test_extra_holidays_are_removed() -> None:
    """A company closing day listed in extra_holidays has no free slot."""
    timeline = build_timeline(tiny(lead=lead_calendar(extra_holidays=["2026-12-11"])))
    assert free_on(timeline, "lead", 11) == []
    assert free_on(timeline, "lead", 10) == FULL_DAY


def test_time_off_is_removed() -> None:
    """Days of time off (inclusive range) have no free slot and no working time."""
    lead = lead_calendar(time_off=[{"start": "2026-12-09", "end": "2026-12-10"}])
    timeline = build_timeline(tiny(lead=lead))
    assert free_on(timeline, "lead", 9) == []
    assert free_on(timeline, "lead", 10) == []
    assert free_on(timeline, "lead", 11) == FULL_DAY
    assert timeline.person("lead").working.tolist() == [8, 8, 0, 0, 8]


def test_time_off_overlapping_the_horizon_edge_is_clipped() -> None:
    """Time off starting before the horizon removes only its days inside the horizon."""
    lead = lead_calendar(time_off=[{"start": "2026-12-01", "end": "2026-12-07"}])
    timeline = build_timeline(tiny(lead=lead))
    assert free_on(timeline, "lead", 7) == []
    assert timeline.person("lead").working.tolist() == [0, 8, 8, 8, 8]


# --------------------------------------------------------------------------------- commitments
def test_timed_fixed_block_is_removed_and_placed() -> None:
    """A block with a time range removes exactly those slots and is placed on them."""
    timeline = build_timeline(tiny())
    lead = timeline.person("lead")
    assert free_on(timeline, "lead", 8) == FULL_DAY[1:]
    assert lead.blocked.tolist() == [0, 1, 0, 0, 0]
    assert lead.working.tolist() == [8] * 5
    start = slot(timeline.grid, 8, "09:00")
    assert lead.blocks == [PlacedBlock("standup", "lead", start, start + 1, "Weekly meeting")]


def test_hours_block_takes_the_first_free_working_hours() -> None:
    """A block in hours fills the first working slots left after timed blocks, across lunch."""
    blocks = [  # the hours block is listed first: timed blocks are still placed first
        {"id": "prep", "date": "2026-12-09", "hours": 5},
        {"id": "call", "date": "2026-12-09", "time": "09:00-10:00"},
    ]
    timeline = build_timeline(tiny(fixed_blocks=blocks))
    grid = timeline.grid
    assert free_on(timeline, "lead", 9) == ["16:00", "17:00"]
    placed = [
        (b.id, grid.time_of(b.start), grid.time_of(b.end)) for b in timeline.person("lead").blocks
    ]
    assert placed == [
        ("call", at(9, "09:00"), at(9, "10:00")),
        ("prep", at(9, "10:00"), at(9, "13:00")),
        ("prep", at(9, "14:00"), at(9, "16:00")),
    ]
    assert timeline.person("lead").blocked.tolist() == [0, 0, 6, 0, 0]


def test_block_without_time_or_hours_takes_the_whole_working_day() -> None:
    """A block with neither time nor hours removes every working slot of its date."""
    blocks = [{"id": "onsite", "date": "2026-12-10", "title": "On site"}]
    timeline = build_timeline(tiny(fixed_blocks=blocks))
    lead = timeline.person("lead")
    assert free_on(timeline, "lead", 10) == []
    assert lead.blocked.tolist() == [0, 0, 0, 8, 0]
    assert [(b.start, b.end) for b in lead.blocks] == [
        (slot(timeline.grid, 10, "09:00"), slot(timeline.grid, 10, "13:00")),
        (slot(timeline.grid, 10, "14:00"), slot(timeline.grid, 10, "18:00")),
    ]
    assert {b.title for b in lead.blocks} == {"On site"}


def test_hours_block_on_a_day_off_takes_nothing() -> None:
    """A block in hours on a public holiday or a day of time off removes and places nothing."""
    lead = lead_calendar(time_off=[{"start": "2026-12-23", "end": "2026-12-23"}])
    blocks = [
        {"id": "xmas", "date": "2026-12-25", "hours": 2},
        {"id": "off", "date": "2026-12-23", "hours": 2},
    ]
    mission = {"client": "ACME", "tasks": [{"id": "a", "effort_hours": 4, "due": "2026-12-24"}]}
    sc = tiny(start="2026-12-21", end="2026-12-27", lead=lead, fixed_blocks=blocks, mission=mission)
    timeline = build_timeline(sc)
    assert timeline.person("lead").blocks == []
    assert timeline.person("lead").blocked.tolist() == [0] * 7
    assert free_on(timeline, "lead", 24) == FULL_DAY


def test_timed_block_outside_working_hours_removes_nothing_worked() -> None:
    """An evening meeting is placed but takes no working slot."""
    blocks = [{"id": "dinner", "date": "2026-12-08", "time": "19:00-21:00"}]
    timeline = build_timeline(tiny(fixed_blocks=blocks))
    assert free_on(timeline, "lead", 8) == FULL_DAY
    assert timeline.person("lead").blocked.tolist() == [0] * 5
    assert len(timeline.person("lead").blocks) == 1


def test_partner_busy_blocks_are_removed_from_that_partner_only() -> None:
    """A partner's busy day and busy hours leave no free slot there; others keep their time."""
    timeline = build_timeline(Scenario.from_file(DATA / "tiny_partners.json"))
    assert free_on(timeline, "hugo", 8) == []
    assert free_on(timeline, "hugo", 9) == [*MORNING, "16:00", "17:00"]
    assert timeline.person("hugo").blocked.tolist() == [0, 8, 2, 0, 0]
    assert free_on(timeline, "lea", 8) == FULL_DAY  # the lead's standup is not hers
    assert timeline.person("lea").size == 5 * 8
    assert free_on(timeline, "lead", 8) == FULL_DAY[1:]  # hugo's busy day is not the lead's
    assert set(timeline.people) == {"lead", "hugo", "lea"}


# --------------------------------------------------------------------------------- overtime
def test_overtime_follows_the_last_working_range_and_is_flagged() -> None:
    """Overtime slots come right after 18:00, are free and flagged, and are not working time."""
    timeline = build_timeline(tiny(fixed_blocks=[], lead=lead_calendar(overtime_hours_per_day=2)))
    lead = timeline.person("lead")
    assert free_on(timeline, "lead", 7) == [*FULL_DAY, "18:00", "19:00"]
    assert lead.size == 5 * 10
    assert lead.working.tolist() == [8] * 5
    flagged = [timeline.grid.time_of(s).strftime("%H:%M") for s in lead.free[lead.overtime]]
    assert flagged == ["18:00", "19:00"] * 5
    assert lead.overtime.dtype == bool
    assert lead.overtime.shape == lead.free.shape


def test_partner_busy_all_day_has_no_overtime_either() -> None:
    """A partner busy all day is unavailable all day, overtime window included."""
    data = read_mapping(DATA / "tiny_partners.json")
    for partner in data["partners"]:
        partner.setdefault("calendar", {})["overtime_hours_per_day"] = 2
    timeline = build_timeline(Scenario.model_validate(data))
    assert free_on(timeline, "hugo", 8) == []
    assert free_on(timeline, "lea", 8)[-2:] == ["18:00", "19:00"]


def test_overtime_stops_at_midnight() -> None:
    """Overtime after a range ending at 23:00 is one hour, not spilling into the next day."""
    hours = {"mon": ["14:00-23:00"]}
    lead = lead_calendar(working_hours=hours, overtime_hours_per_day=3)
    timeline = build_timeline(tiny(fixed_blocks=[], lead=lead))
    assert free_on(timeline, "lead", 7)[-2:] == ["22:00", "23:00"]
    assert free_on(timeline, "lead", 8) == []
    assert int(timeline.person("lead").overtime.sum()) == 1


def test_no_overtime_on_days_off() -> None:
    """Time off and weekends get no overtime slots."""
    lead = lead_calendar(
        overtime_hours_per_day=1, time_off=[{"start": "2026-12-09", "end": "2026-12-09"}]
    )
    timeline = build_timeline(tiny(fixed_blocks=[], end="2026-12-13", lead=lead))
    assert free_on(timeline, "lead", 9) == []
    assert free_on(timeline, "lead", 12) == []
    assert int(timeline.person("lead").overtime.sum()) == 4


# --------------------------------------------------------------------------------- 30 minutes
def test_thirty_minute_grid_counts_half_hour_slots() -> None:
    """On a 30-minute grid a day has 48 slots and half-hour blocks take one slot each."""
    timeline = build_timeline(Scenario.from_file(DATA / "tiny_30min.yaml"))
    grid, lead = timeline.grid, timeline.person("lead")
    assert (grid.slots_per_day, grid.slot_hours) == (48, 0.5)
    assert lead.working.tolist() == [16, 16, 16, 16, 12]  # Friday ends at 16:00
    assert lead.blocked.tolist() == [0, 1, 3, 0, 0]  # call 10:30-11:00, prep 1.5 h
    assert lead.size == 4 * 16 + 12 - 4
    assert "10:30" not in free_on(timeline, "lead", 8)
    assert {"10:00", "11:00", "12:00"} <= set(free_on(timeline, "lead", 8))
    assert "12:30" not in free_on(timeline, "lead", 7)
    assert free_on(timeline, "lead", 9)[:2] == ["10:30", "11:00"]  # prep took 09:00-10:30
    assert grid.slots_of_hours(2.5) == 5


# --------------------------------------------------------------------------------- positions
def test_real_runs_split_at_gaps() -> None:
    """Consecutive working positions map to real runs that break at lunch, night and blocks."""
    timeline = build_timeline(tiny())
    lead, grid = timeline.person("lead"), timeline.grid

    def monday(clock: str) -> int:
        return slot(grid, 7, clock)

    def tuesday(clock: str) -> int:
        return slot(grid, 8, clock)

    assert lead.real_runs(0, 3) == [(monday("09:00"), monday("12:00"))]
    assert lead.real_runs(0, 8) == [
        (monday("09:00"), monday("13:00")),
        (monday("14:00"), monday("18:00")),
    ]
    assert lead.real_runs(2, 4) == [
        (monday("11:00"), monday("13:00")),
        (monday("14:00"), monday("16:00")),
    ]
    # Monday 16:00-18:00 then Tuesday from 10:00 (the standup takes 09:00)
    assert lead.real_runs(6, 4) == [
        (monday("16:00"), monday("18:00")),
        (tuesday("10:00"), tuesday("12:00")),
    ]
    assert lead.real_runs(0, 0) == []


def test_real_start_and_end_of_positions() -> None:
    """``real_start`` is a position's slot; ``real_end(k)`` is just after position k - 1."""
    timeline = build_timeline(tiny())
    lead, grid = timeline.person("lead"), timeline.grid
    assert lead.real_start(4) == slot(grid, 7, "14:00")
    assert lead.real_end(4) == slot(grid, 7, "13:00")
    assert lead.real_end(0) == 0


def test_position_at_or_after() -> None:
    """A real slot maps to the first working position at or after it (``size`` past the end)."""
    timeline = build_timeline(tiny())
    lead, grid = timeline.person("lead"), timeline.grid
    assert lead.position_at_or_after(0) == 0
    assert lead.position_at_or_after(slot(grid, 7, "09:00")) == 0
    assert lead.position_at_or_after(slot(grid, 7, "10:00")) == 1
    assert lead.position_at_or_after(slot(grid, 7, "13:00")) == 4  # lunch -> 14:00
    assert lead.position_at_or_after(slot(grid, 7, "20:00")) == 8  # night -> Tuesday 10:00
    assert lead.real_start(8) == slot(grid, 8, "10:00")
    assert lead.position_at_or_after(grid.n_slots) == lead.size


def test_positions_before() -> None:
    """``positions_before`` counts the free slots strictly before a real slot."""
    timeline = build_timeline(tiny())
    lead, grid = timeline.person("lead"), timeline.grid
    assert lead.positions_before(slot(grid, 7, "09:00")) == 0
    assert lead.positions_before(slot(grid, 7, "10:00")) == 1
    assert lead.positions_before(slot(grid, 7, "14:00")) == 4
    assert lead.positions_before(slot(grid, 8, "00:00")) == 8
    assert lead.positions_before(slot(grid, 8, "11:00")) == 9  # 09:00 is the standup
    assert lead.positions_before(grid.n_slots) == lead.size


@pytest.mark.parametrize("filename", ["tiny.json", "tiny_partners.json", "tiny_30min.yaml"])
def test_free_slots_are_sorted_working_or_overtime_slots(filename: str) -> None:
    """Free slots are strictly increasing and ``working - blocked`` per day adds up to them."""
    timeline = build_timeline(Scenario.from_file(DATA / filename))
    for person in timeline.people.values():
        assert isinstance(person, PersonTime)
        assert np.all(np.diff(person.free) > 0)
        normal = int((~person.overtime).sum())
        assert normal == int((person.working - person.blocked).sum())
