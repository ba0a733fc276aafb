"""Duration strings ("2d", "1h30", "45min") in scenario files."""

from __future__ import annotations

import pytest

from mission_planner.io import parse_duration
from mission_planner.io.durations import expand_durations


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("3", 3.0),
        ("3h", 3.0),
        ("2.5 hours", 2.5),
        ("2d", 16.0),
        ("1,5 jours", 12.0),
        ("1d 4h", 12.0),
        ("1h30", 1.5),
        ("1h 30min", 1.5),
        ("45min", 0.75),
        ("90 m", 1.5),
    ],
)
def test_parse_duration_reads_common_forms(text: str, hours: float) -> None:
    """Days (8 h), hours, minutes and their mixes read as hours."""
    assert parse_duration(text) == hours


def test_a_day_is_the_scenarios_billed_day() -> None:
    """With 7-hour days, '2d' is 14 hours."""
    assert parse_duration("2d", hours_per_day=7) == 14


@pytest.mark.parametrize("text", ["", "soon", "2x", "2d-", "h3"])
def test_parse_duration_refuses_non_durations(text: str) -> None:
    """Text that is not a duration raises ValueError."""
    with pytest.raises(ValueError):
        parse_duration(text)


def test_expand_durations_converts_only_duration_fields_and_reports_bad_ones() -> None:
    """Only duration keys are converted, a day being the file's hours_per_day; bad ones listed."""
    data = {
        "hours_per_day": 7,
        "name": "2d",
        "mission": {
            "tasks": [{"effort_hours": "2d", "min_session_hours": "1h30"}, {"effort_hours": "lots"}]
        },
    }
    out, problems = expand_durations(data)
    assert out["name"] == "2d"
    assert out["mission"]["tasks"][0] == {"effort_hours": 14.0, "min_session_hours": 1.5}
    assert problems == [("mission.tasks[1].effort_hours", "lots", problems[0][2])]
    assert "not a duration" in problems[0][2]
    assert data["mission"]["tasks"][0]["effort_hours"] == "2d"  # the input is not modified
