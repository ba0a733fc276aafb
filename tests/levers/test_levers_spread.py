"""Spread: the échéancier inside the client's deadlines, with as few deliveries as possible."""

from __future__ import annotations

import pandas as pd
import pytest
from lever_helpers import FAST, assert_checked, load

from mission_planner import Status
from mission_planner.levers import spread
from mission_planner.levers.spread import (
    ALTERNATIVE_COLUMNS,
    ECHEANCIER_COLUMNS,
    EXPECTATION_COLUMNS,
    TASK_COLUMNS,
)


def assert_all_checked(result) -> None:
    assert_checked(result.scenario, result.plan)
    for analysis in result.analyses:
        assert_checked(analysis.scenario, analysis.plan)


@pytest.fixture(scope="module")
def spread_out():
    return spread(load("spread"), **FAST, analysis_time_limit=2)


def test_fewest_tranches_with_no_shift(spread_out):
    """Everything fits on time; one delivery cannot (a's limit is Monday), two can."""
    assert spread_out.total_weighted_shift == 0
    assert spread_out.tranche_count == 2
    assert spread_out.scenario.mission.max_tranches == 2
    groups = [set(t.split(",")) for t in spread_out.echeancier["tasks"]]
    assert groups == [{"a"}, {"b", "c"}]
    alternatives = spread_out.alternatives.set_index("max_tranches")
    assert alternatives.loc[1, "status"] == "infeasible"
    assert_all_checked(spread_out)


def test_client_expectation_next_to_the_proposal(spread_out):
    """The client's own expectation groups tasks by asked day."""
    expectation = spread_out.expectation
    assert list(expectation["tasks"]) == ["a", "b,c"]
    assert list(expectation["asked_day"]) == [
        pd.Timestamp("2026-12-07"),
        pd.Timestamp("2026-12-09"),
    ]
    tasks = spread_out.tasks.set_index("task")
    assert (tasks["shift_working_days"] == 0).all()
    assert (tasks["delivery"] <= tasks["asked"]).all()


def test_tables_have_fixed_columns(spread_out):
    """Échéancier, tasks, expectation and alternatives have their documented columns."""
    for table, columns in (
        (spread_out.echeancier, ECHEANCIER_COLUMNS),
        (spread_out.tasks, TASK_COLUMNS),
        (spread_out.expectation, EXPECTATION_COLUMNS),
        (spread_out.alternatives, ALTERNATIVE_COLUMNS),
    ):
        assert {c: str(t) for c, t in table.dtypes.items()} == columns


def test_shift_within_the_client_deadlines():
    """Two tasks asked for Monday: the urgent one first; the shift stays within Friday's limit."""
    result = spread(load("two_tasks"), **FAST)
    assert result.total_weighted_shift == pytest.approx(99)
    assert (result.tasks["delivery"] <= result.tasks["client_deadline"]).all()
    first = result.echeancier.iloc[0]
    assert first["tasks"] == "x" and first["shift_working_days"] == 1
    assert "shifted" in result.text
    assert_all_checked(result)


def test_impossible_within_the_client_deadlines():
    """When the lead alone cannot meet the client's limits, spread has no plan and says why."""
    result = spread(load("overlap"), **FAST)
    assert result.plan.status is Status.INFEASIBLE
    assert result.echeancier.empty
    assert "negotiate" in result.text


def test_spread_never_uses_partners():
    """Spread plans the lead alone even when a partner could help."""
    result = spread(load("overlap"), **FAST)
    assert result.scenario.mission.max_partners == 0
