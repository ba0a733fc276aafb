"""Fixtures of the report tests: a small plan and the story's advice, each solved once."""

from __future__ import annotations

import pytest
from report_data import STORY, TWO_WEEKS

from mission_planner import PlanResult, Scenario, advise, check, plan
from mission_planner.io import load_scenario
from mission_planner.levers import Advice


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    """Two weeks before Christmas, a partner, another mission (the charts' scenario)."""
    return load_scenario(TWO_WEEKS)


@pytest.fixture(scope="session")
def result(scenario: Scenario) -> PlanResult:
    """``scenario`` planned once (2 s, workers=1, seed 0) and checked."""
    planned = plan(scenario, time_limit=2, workers=1, seed=0)
    assert planned.has_plan
    assert check(scenario, planned) == []
    return planned


@pytest.fixture(scope="session")
def advice() -> Advice:
    """``advise`` on the story example (6 s for the call, workers=1, seed 0), its plan checked."""
    found = advise(load_scenario(STORY), time_limit=6, workers=1, seed=0, language="fr")
    chosen = found.recommended_plan
    assert chosen is not None
    assert check(found.scenario, chosen, found.recommended_policy) == []
    return found
