"""The working-time axis keeps working hours only; positions worked out by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from mission_planner.scenario import Calendar
from mission_planner.time_axis import working_axis

MONDAY = pd.Timestamp("2026-12-14")
"""A Monday; the default calendar works 09-13 and 14-18 Monday to Friday."""


def at(day: int, hour: float) -> pd.Timestamp:
    return MONDAY + pd.Timedelta(days=day, hours=hour)


def test_a_week_keeps_forty_hours() -> None:
    """Mon-Sun on the default calendar keeps 5 days x 8 h = 40 h; the weekend takes no width."""
    axis = working_axis([Calendar()], MONDAY, MONDAY + pd.Timedelta(days=7))
    assert axis.width == 40.0
    assert len(axis.days()) == 5


def test_positions_skip_lunch_nights_and_weekends() -> None:
    """10:00 Mon is 1 h in; 15:00 Mon is 5 h (lunch skipped); Tue 09:00 is 8 h; Sat is 40 h."""
    axis = working_axis([Calendar()], MONDAY, MONDAY + pd.Timedelta(days=7))
    assert axis.position(at(0, 10)) == 1.0
    assert axis.position(at(0, 15)) == 5.0
    assert axis.position(at(0, 13.5)) == 4.0  # lunch sits at the end of the morning
    assert axis.position(at(1, 9)) == 8.0
    assert axis.position(at(1, 0)) == 8.0  # a due date (24:00 Mon) ends Monday's work
    assert axis.position(at(5, 12)) == 40.0


def test_blocks_outside_hours_are_kept() -> None:
    """Work planned on Saturday 10-12 adds 2 h of width after Friday."""
    axis = working_axis(
        [Calendar()], MONDAY, MONDAY + pd.Timedelta(days=7), [(at(5, 10), at(5, 12))]
    )
    assert axis.width == 42.0
    assert axis.position(at(5, 11)) == 41.0
    assert axis.days()[-1][0].date() == dt.date(2026, 12, 19)


def test_union_of_two_calendars() -> None:
    """A partner working 08-12 widens Monday's morning to 08-13: 9 h that day."""
    partner = Calendar.model_validate({"working_hours": {"mon": ["08:00-12:00"]}})
    axis = working_axis([Calendar(), partner], MONDAY, MONDAY + pd.Timedelta(days=1))
    assert axis.width == 9.0
