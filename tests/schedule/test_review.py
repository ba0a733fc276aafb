"""The lead's review (follow-up) of a partner's work comes once there is work to review."""

from __future__ import annotations

import pandas as pd
from tests.schedule.plans import planned, warm_schedule

SCENARIO = "review_after_work.yaml"


def first_session_end(schedule: pd.DataFrame) -> pd.Timestamp:
    """End of Nina's first session (the rows of the chunk holding her first row)."""
    work = schedule[(schedule["resource"] == "nina") & (schedule["kind"] == "mission")]
    first = work.sort_values("start").iloc[0]
    chunk = work[(work["task"] == first["task"]) & (work["chunk"] == first["chunk"])]
    return chunk["end"].max()


def review_rows(schedule: pd.DataFrame) -> pd.DataFrame:
    """The lead's follow-up rows with Nina."""
    return schedule[schedule["task"] == "follow-up:nina"]


def test_review_after_the_partners_first_session() -> None:
    """Every review hour starts after Nina's first session ends (2 h of review for 8 h)."""
    _, result = planned(SCENARIO)
    rows = review_rows(result.schedule)
    assert rows["hours"].sum() >= 2
    assert rows["start"].min() >= first_session_end(result.schedule)


def test_warm_start_reviews_after_the_partners_first_session() -> None:
    """The warm start places the review after Nina's first session too."""
    schedule = warm_schedule(SCENARIO)
    assert review_rows(schedule)["start"].min() >= first_session_end(schedule)
