"""Scenario files the report tests read."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STORY = ROOT / "src" / "mission_planner" / "examples" / "story.yaml"
TWO_WEEKS = ROOT / "tests" / "charts" / "data" / "two_weeks.yaml"
