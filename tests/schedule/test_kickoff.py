"""The kick-off is a meeting of the lead and the partner: both free at once, in both calendars."""

from __future__ import annotations

import pandas as pd
from tests.schedule.plans import planned, warm_schedule

SCENARIO = "kickoff_both_free.yaml"
FIRST_JOINT_HOUR = (pd.Timestamp("2026-12-08 14:00"), pd.Timestamp("2026-12-08 15:00"))
"""Karim is away Monday and Tuesday 11-13, the lead in committee Tuesday 9-11."""


def kickoff_rows(schedule: pd.DataFrame) -> pd.DataFrame:
    """The kick-off rows of a schedule."""
    return schedule[schedule["task"] == "kickoff:karim"]


def test_kickoff_only_where_both_are_free() -> None:
    """The optimal plan starts Karim right after the first hour both are free: Tue 14:00."""
    _, result = planned(SCENARIO)
    rows = kickoff_rows(result.schedule)
    assert (rows["start"].min(), rows["end"].max()) == FIRST_JOINT_HOUR
    work = result.schedule[result.schedule["task"] == "analysis"]
    assert work["start"].min() == FIRST_JOINT_HOUR[1]


def test_warm_start_kickoff_only_where_both_are_free() -> None:
    """The warm start meets Karim at a time he is free too (the checker finds nothing wrong)."""
    rows = kickoff_rows(warm_schedule(SCENARIO))
    assert rows["start"].min() >= FIRST_JOINT_HOUR[0]
