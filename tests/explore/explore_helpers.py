"""Helpers for the explore tests: the tiny scenario, solver settings, a checked-plan assertion."""

from __future__ import annotations

from pathlib import Path

from mission_planner import Scenario, check
from mission_planner.io import load_scenario

DATA = Path(__file__).parent / "data"

FAST = {"time_limit": 2, "seed": 0, "workers": 1}
"""Solver settings of every solve in these tests."""

SMALL_SWEEP = {"lateness_weights": (1000, 1), "deadlines": (), "fee_shares": (0.5,)}
"""A sweep of a few plans, for the tests that are not about what is swept."""


def load(name: str = "overbooked") -> Scenario:
    """A scenario file of ``tests/explore/data`` by name."""
    return load_scenario(DATA / f"{name}.yaml")


def assert_checked(scenario: Scenario, result) -> None:
    """The plan (if any) passes the independent checker against the scenario that made it."""
    if result.has_plan:
        violations = check(scenario, result)
        assert violations == [], violations
