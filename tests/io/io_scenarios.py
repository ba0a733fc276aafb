"""Scenarios and .ics files shared by the io tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from mission_planner import Scenario

ICS = Path(__file__).resolve().parents[1] / "data" / "ics"
"""Small .ics files written the way Google, Outlook/Exchange and Apple write them."""


def december(granularity: int = 30, **extra: Any) -> Scenario:
    """December 2026 for a lead on the default calendar (Mon-Fri 09-13, 14-18, French holidays)."""
    data: dict[str, Any] = {
        "start": dt.date(2026, 12, 1),
        "end": dt.date(2026, 12, 31),
        "granularity_minutes": granularity,
        "lead": {"id": "claire", "name": "Claire Martin"},
        "mission": {
            "client": "ACME",
            "tasks": [{"id": "a", "effort_hours": 4, "due": "2026-12-31"}],
        },
    }
    data.update(extra)
    return Scenario.model_validate(data)


def small_mission() -> Scenario:
    """A week with a partner, an engagement and fixed blocks: every table gets rows."""
    return Scenario.model_validate(
        {
            "name": "io test",
            "start": "2026-12-07",
            "end": "2026-12-18",
            "granularity_minutes": 30,
            "lead": {"id": "claire", "name": "Claire Martin", "day_rate": 900, "skills": []},
            "partners": [
                {
                    "id": "hugo",
                    "name": "Hugo Bernard",
                    "skills": ["data"],
                    "day_rate": 700,
                    "busy": [{"date": "2026-12-07"}],
                }
            ],
            "fixed_blocks": [
                {"id": "standup", "date": "2026-12-08", "time": "09:00-10:00", "title": "Standup"},
                {"id": "onsite", "date": "2026-12-10", "title": "On site"},
            ],
            "engagements": [
                {
                    "id": "bnp",
                    "client": "BNP",
                    "effort_hours": 6,
                    "earliest_start": "2026-12-07",
                    "deadline": "2026-12-11",
                    "min_session_hours": 3,
                }
            ],
            "mission": {
                "client": "ACME",
                "name": "Data audit",
                "sale_day_rate": 1000,
                "max_tranches": 2,
                "tasks": [
                    {"id": "kickoff", "name": "Kick-off", "effort_hours": 4, "urgency": 5,
                     "due": "2026-12-07", "delegable": False},
                    {"id": "inventory", "name": "Data inventory", "effort_hours": 10,
                     "urgency": 2, "due": "2026-12-09", "deadline": "2026-12-15",
                     "skills": ["data"], "predecessors": ["kickoff"]},
                    {"id": "report", "name": "Report", "effort_hours": 6, "urgency": 3,
                     "due": "2026-12-11", "deadline": "2026-12-18", "delegable": False,
                     "predecessors": ["inventory"]},
                ],
            },
        }
    )  # fmt: skip
