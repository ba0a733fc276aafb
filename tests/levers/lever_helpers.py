"""Helpers for the lever tests: tiny scenario files, solver settings, a checked-plan assertion."""

from __future__ import annotations

import sys
from pathlib import Path

from mission_planner import Scenario, check
from mission_planner.io import load_scenario

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:  # oracle.py and strategies.py live in tests/
    sys.path.insert(0, str(TESTS))

DATA = Path(__file__).parent / "data"

FAST = {"time_limit": 5, "seed": 0, "workers": 1}
"""Solver settings of every solve in these tests."""


def load(name: str) -> Scenario:
    """A scenario file of ``tests/levers/data`` by name."""
    return load_scenario(DATA / f"{name}.yaml")


def assert_checked(scenario: Scenario, result, policy=None) -> None:
    """The plan (if any) passes the independent checker under the policy that made it."""
    if result.has_plan:
        violations = check(scenario, result, policy)
        assert violations == [], violations


def assert_option_checked(scenario: Scenario, option) -> None:
    """An option's plan passes the checker under its policy, against the client's scenario."""
    assert_checked(scenario, option.plan, option.policy)
