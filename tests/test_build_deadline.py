"""When the time limit ends while the CP-SAT model is being built, the warm start's plan comes
back (or none), with the reason; a fake clock stands in for the build's, never real timings."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import pytest

from mission_planner import Status, check, plan
from mission_planner.cpsat import BuildTimeoutError, build_model
from mission_planner.io import load_scenario
from mission_planner.problem import compile_problem
from mission_planner.result import BUILD_TIMEOUT

EXAMPLE = Path(__file__).parents[1] / "src" / "mission_planner" / "examples" / "partners.yaml"


class LateClock:
    """``perf_counter`` far past any deadline of the call."""

    @staticmethod
    def perf_counter() -> float:
        return 1e12


@pytest.fixture
def late_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """The model build's clock reads as past every deadline."""
    monkeypatch.setattr(import_module("mission_planner.cpsat.deadline"), "time", LateClock)


def test_build_stops_once_its_deadline_passed(late_build: None) -> None:
    problem = compile_problem(load_scenario(EXAMPLE))
    with pytest.raises(BuildTimeoutError):
        build_model(problem, deadline=0.0)
    assert build_model(problem).model.proto.variables  # no deadline: built in full


def test_plan_returns_the_warm_start_when_the_build_runs_out_of_time(late_build: None) -> None:
    scenario = load_scenario(EXAMPLE)
    result = plan(scenario, time_limit=5, seed=0, workers=1)
    assert result.status is Status.FEASIBLE
    assert result.notes == [BUILD_TIMEOUT]
    assert f"note: {BUILD_TIMEOUT}" in result.summary()
    assert check(scenario, result, result.policy) == []


def test_plan_without_warm_start_says_why_there_is_no_plan(late_build: None) -> None:
    result = plan(load_scenario(EXAMPLE), time_limit=5, seed=0, workers=1, warm_start=False)
    assert result.status is Status.UNKNOWN
    assert not result.has_plan
    assert result.notes == [BUILD_TIMEOUT]
