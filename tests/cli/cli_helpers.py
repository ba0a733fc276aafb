"""Paths and helpers to drive the command line as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mission_planner import PlanResult, Status

DATA = Path(__file__).resolve().parent / "data"
ICS = Path(__file__).resolve().parents[1] / "data" / "ics"
FAST = ["--time-limit", "5", "--workers", "1"]


def run_module(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m mission_planner ARGS`` in a fresh process, as typed in a shell."""
    return subprocess.run(
        [sys.executable, "-m", "mission_planner", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def unknown_result() -> PlanResult:
    """What ``plan`` returns when the time limit ends with no plan and no proof."""
    return PlanResult.without_plan(
        Status.UNKNOWN, ["no plan was found within the time limit"], runtime=5.0, workers=1
    )
