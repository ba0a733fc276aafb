"""Helpers for the explore tests: the tiny scenario, solver settings, a checked-plan assertion."""

from __future__ import annotations

from pathlib import Path

from mission_planner import Scenario, check
from mission_planner.io import load_scenario
from mission_planner.policy import Policy
from mission_planner.workdays import accepted_instant, asked_instant, day_named, midnight

DATA = Path(__file__).parent / "data"

FAST = {"time_limit": 2, "seed": 0, "workers": 1}
"""Solver settings of every single solve in these tests (a what-if, a plan)."""

EXPLORE = {"time_limit": 10, "seed": 0, "workers": 1}
"""Settings of an explore call: a budget for the whole call, ample for the tiny scenario's
plans (each proven optimal well within its share)."""

SMALL_SWEEP = {"lateness_weights": (1000, 1), "deadlines": (), "fee_shares": (), "surcharges": ()}
"""A sweep of a few plans, for the tests that are not about what is swept."""


def load(name: str = "overbooked") -> Scenario:
    """A scenario file of ``tests/explore/data`` by name."""
    return load_scenario(DATA / f"{name}.yaml")


def assert_checked(scenario: Scenario, result, policy: Policy | None = None) -> None:
    """The plan (if any) passes the independent checker against the scenario and policy."""
    if result.has_plan:
        violations = check(scenario, result, policy)
        assert violations == [], violations


def assert_client_dates(scenario: Scenario, result) -> None:
    """The plan's deliveries quote the client's own asked and accepted dates."""
    rows = result.deliveries.set_index("task")
    for task in scenario.mission.tasks:
        assert rows.loc[task.id, "due_at"] == asked_instant(scenario, task.id), task.id
        assert rows.loc[task.id, "deadline_at"] == accepted_instant(scenario, task.id), task.id
        assert rows.loc[task.id, "due"] == midnight(day_named(task.due)), task.id
