"""The objective's integers are checked to fit the solver before a model is built."""

from __future__ import annotations

import pytest

from mission_planner import Scenario, plan
from mission_planner.errors import ScenarioLimitError
from mission_planner.limits import MAX_OBJECTIVE, objective_bounds
from mission_planner.problem import compile_problem


def scenario(lateness: int, tasks: int) -> Scenario:
    return Scenario.model_validate(
        {
            "start": "2026-01-05",
            "end": "2028-09-01",
            "granularity_minutes": 5,
            "weights": {"lateness": lateness},
            "mission": {
                "client": "x",
                "tasks": [
                    {"id": f"t{i}", "effort_hours": 1, "due": "2026-01-09", "urgency": 1000}
                    for i in range(tasks)
                ],
            },
        }
    )


def test_objective_past_the_integer_range_is_refused_naming_the_weight() -> None:
    """Top weights and urgencies over a long 5-minute horizon: refused at weights.lateness."""
    with pytest.raises(ScenarioLimitError, match=r"weights\.lateness = 1000000: the objective"):
        compile_problem(scenario(1_000_000, 10))


def test_plan_refuses_it_with_our_error_type() -> None:
    """plan() raises the library's InputError subclass, not an OverflowError from OR-Tools."""
    with pytest.raises(ScenarioLimitError):
        plan(scenario(1_000_000, 10), time_limit=1, workers=1, seed=0)


def test_default_weights_fit_with_room() -> None:
    """The same scenario with default weights fits: its bound is under MAX_OBJECTIVE."""
    bounds = objective_bounds(compile_problem(scenario(1000, 10)))
    assert 0 < sum(bounds.values()) <= MAX_OBJECTIVE
