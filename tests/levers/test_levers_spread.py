"""Spread: every day asked kept by the lead alone, in the fewest deliveries it takes."""

from __future__ import annotations

import pandas as pd
import pytest
from lever_helpers import FAST, assert_checked, load

from mission_planner import Scenario, Status, check
from mission_planner.levers import spread
from mission_planner.levers.spread import (
    ALTERNATIVE_COLUMNS,
    ECHEANCIER_COLUMNS,
    EXPECTATION_COLUMNS,
)
from mission_planner.levers.tables import TASK_COLUMNS


@pytest.fixture(scope="module")
def spread_out():
    return spread(load("spread"), **FAST, language="en")


def test_fewest_deliveries_on_the_days_asked(spread_out):
    """Everything fits on time; one delivery cannot (a is asked Monday), two can."""
    assert spread_out.tasks["on_time"].all()
    assert spread_out.tranche_count == 2
    assert spread_out.policy.max_tranches == 2
    groups = [set(t.split(",")) for t in spread_out.echeancier["tasks"]]
    assert groups == [{"a"}, {"b", "c"}]
    alternatives = spread_out.alternatives.set_index("max_tranches")
    assert alternatives.loc[1, "status"] == "infeasible"
    assert_checked(load("spread"), spread_out.plan, spread_out.policy)


def test_client_expectation_next_to_the_proposal(spread_out):
    """The client's own expectation groups tasks by the day asked."""
    expectation = spread_out.expectation
    assert list(expectation["tasks"]) == ["a", "b,c"]
    assert list(expectation["asked_day"]) == [ts("2026-12-07"), ts("2026-12-09")]
    assert (spread_out.tasks["late_working_days"] == 0).all()


def ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def test_tables_have_fixed_columns(spread_out):
    """Échéancier, tasks, expectation and alternatives have their documented columns."""
    for table, columns in (
        (spread_out.echeancier, ECHEANCIER_COLUMNS),
        (spread_out.tasks, TASK_COLUMNS),
        (spread_out.expectation, EXPECTATION_COLUMNS),
        (spread_out.alternatives, ALTERNATIVE_COLUMNS),
    ):
        assert {c: str(t) for c, t in table.dtypes.items()} == columns


def test_more_deliveries_than_the_client_planned():
    """One 8-hour task asked each day, Mon-Wed, at most 2 deliveries: spread proposes 3."""
    data = load("spread").model_dump()
    data["mission"]["tasks"][1]["due"] = "2026-12-08"
    data["mission"]["max_tranches"] = 2
    scenario = Scenario.model_validate(data)
    result = spread(scenario, **FAST)
    assert result.feasible and result.tranche_count == 3
    assert result.tasks["on_time"].all()
    assert_checked(scenario, result.plan, result.policy)
    # against the client's own limits it uses one delivery more than planned: said, not hidden
    assert any(v.rule == "tranche" for v in check(scenario, result.plan))


def test_impossible_on_the_days_asked():
    """When the lead alone cannot keep the days asked, spread has no plan and says why."""
    result = spread(load("overlap"), **FAST, language="en")
    assert result.plan.status is Status.INFEASIBLE
    assert result.echeancier.empty
    assert "no échéancier keeps every date asked" in result.text


def test_spread_never_uses_partners():
    """Spread plans the lead alone even when a partner could help."""
    result = spread(load("overlap"), **FAST)
    assert result.policy.roster == "none"
