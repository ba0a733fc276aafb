"""Fixtures of the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import DATA


@pytest.fixture
def short_mission() -> Path:
    """A new user's short YAML mission (commitments come from a calendar)."""
    return DATA / "short_mission.yaml"
