"""Fixtures of the chart tests: the Agg backend, one small plan, figures closed after each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from mission_planner import PlanResult, Scenario, check, negotiate, plan
from mission_planner.io import load_scenario

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    """Two weeks before Christmas: a meeting, another mission, a day off, a busy partner."""
    return load_scenario(DATA / "two_weeks.yaml")


@pytest.fixture(scope="session")
def result(scenario: Scenario) -> PlanResult:
    """``scenario`` planned once (2 s, workers=1, seed 0), checked, with the partner working."""
    planned = plan(scenario, time_limit=2, workers=1, seed=0)
    assert planned.has_plan
    assert check(scenario, planned) == []
    assert "hugo" in set(planned.schedule["resource"])
    assert len(planned.tranches) == 2
    return planned


@pytest.fixture(scope="session")
def spread_result(scenario: Scenario) -> PlanResult:
    """The lead alone within the client's deadlines (negotiate, one solve), checked."""
    proposed = negotiate(
        scenario, time_limit=2, workers=1, seed=0, earliest=False, probes=False, sweep=False
    )
    assert proposed.within_flexibility
    assert check(scenario, proposed.plan, proposed.policy) == []
    return proposed.plan
