"""One solved plan shared by the io tests."""

from __future__ import annotations

import pytest
from io_scenarios import small_mission

from mission_planner import PlanResult, Scenario, plan


@pytest.fixture(scope="session")
def planned() -> tuple[Scenario, PlanResult]:
    """``small_mission`` planned once for the whole session (workers=1, seed 0)."""
    scenario = small_mission()
    result = plan(scenario, time_limit=5, seed=0, workers=1)
    assert result.has_plan
    return scenario, result
