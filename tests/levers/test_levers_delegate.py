"""Delegate: partners meet the asked dates; skills, non-delegable work, trust, invoices."""

from __future__ import annotations

import pandas as pd
import pytest
from lever_helpers import FAST, assert_checked, load

from mission_planner import Scenario, Status
from mission_planner.levers import delegate
from mission_planner.levers.tables import COVERAGE_COLUMNS, INVOICE_COLUMNS, STAFFING_COLUMNS


@pytest.fixture(scope="module")
def staffed():
    return delegate(load("staffing"), **FAST)


def test_only_partner_with_the_skill_gets_the_task(staffed):
    """The cloud task goes to Chris, the only one with the skill; Dana is not used."""
    assert staffed.plan.has_plan
    assert staffed.partners == ["chris"]
    row = staffed.staffing.set_index("partner").loc["chris"]
    assert row["tasks"] == "cloud"
    assert row["hours"] == 16
    assert row["fee"] == pytest.approx(2 * 600)
    assert_checked(load("staffing"), staffed.plan, staffed.policy)


def test_non_delegable_task_stays_with_the_lead(staffed):
    """The client-facing workshop is done by the lead."""
    deliveries = staffed.plan.deliveries.set_index("task")
    assert deliveries.loc["workshop", "resources"] == "lead"
    assert staffed.lead_hours == 8


def test_invoices_and_margin(staffed):
    """One invoice per firm; they add up to the mission price; margin = price - fees."""
    invoices = staffed.invoices.set_index("firm")
    assert list(invoices.index) == ["lead", "chris"]
    revenue = 24 / 8 * 1000
    assert invoices["amount"].sum() == pytest.approx(revenue)
    assert staffed.margin == pytest.approx(revenue - 1200)
    assert invoices.loc["lead", "amount"] == pytest.approx(staffed.margin)
    # the lead's kick-off with Chris (1 h) and follow-up (10 % of 16 h = 1.6 h, rounded up: 2 h)
    assert staffed.coordination_hours == pytest.approx(1 + 2)


def test_delegate_never_moves_a_due_date(staffed):
    """The policy makes every day asked hard, and every delivery is on time."""
    assert staffed.policy.dates == "asked"
    assert staffed.plan.deliveries["on_time"].all()
    assert staffed.tasks["on_time"].all()


def test_tables_have_fixed_columns(staffed):
    """Staffing, invoices and coverage have their documented columns and dtypes."""
    for table, columns in (
        (staffed.staffing, STAFFING_COLUMNS),
        (staffed.invoices, INVOICE_COLUMNS),
        (staffed.coverage, COVERAGE_COLUMNS),
    ):
        assert {c: str(t) for c, t in table.dtypes.items()} == columns


def test_trust_preference_picks_the_trusted_partner():
    """With the default 10 % surcharge the trusted partner wins; fees are at real rates."""
    result = delegate(load("trust"), **FAST)
    assert result.partners == ["old"]
    assert result.partner_fees == pytest.approx(800)
    assert_checked(load("trust"), result.plan, result.policy)


def test_without_preference_the_cheaper_new_partner_wins():
    """With no surcharge the new partner, 5 % cheaper, wins."""
    result = delegate(load("trust"), **FAST, new_partner_surcharge=0)
    assert result.partners == ["fresh"]
    assert result.partner_fees == pytest.approx(760)


def test_require_trusted_reports_missing_skill():
    """A skill only a new partner has: with require_trusted there is no staffing, and why."""
    base = load("trust")
    data = base.model_dump()
    data["mission"]["tasks"][0]["skills"] = ["audit"]
    data["lead"]["skills"] = ["analysis"]
    scenario = Scenario.model_validate(data)
    assert delegate(scenario, **FAST).partners == ["fresh"]
    result = delegate(scenario, **FAST, require_trusted=True)
    assert result.plan.status is Status.INFEASIBLE
    assert result.missing_skills == {"analysis": ["audit"]}
    assert result.staffing.empty and result.invoices.empty
    assert "audit" in result.explanation[0]
    assert "time" not in result.explanation[0]


def test_max_partners_bounds_the_invoices():
    """Two tasks needing two different partners, but the client accepts one invoice more."""
    data = load("staffing").model_dump()
    data["mission"]["max_partners"] = 1
    data["kickoff_hours"] = data["coordination_share"] = 0  # the lead is away: no coordination
    data["lead"]["calendar"]["time_off"] = [
        {"start": "2026-12-07", "end": "2026-12-18", "reason": "away"}
    ]
    data["mission"]["tasks"][0]["delegable"] = True
    data["mission"]["tasks"][0]["skills"] = ["design"]
    scenario = Scenario.model_validate(data)
    result = delegate(scenario, **FAST)
    assert result.plan.status is Status.INFEASIBLE
    data["mission"]["max_partners"] = 2
    result = delegate(Scenario.model_validate(data), **FAST)
    assert sorted(result.partners) == ["chris", "dana"]
    assert len(result.invoices) == 3
    assert_checked(Scenario.model_validate(data), result.plan, result.policy)


def test_no_partner_needed_when_the_lead_is_free():
    """When the lead meets every date alone, delegate staffs nobody."""
    result = delegate(load("spread"), **FAST)
    assert result.plan.has_plan and result.staffing.empty
    assert list(result.invoices["role"]) == ["lead"]
    assert isinstance(result.invoices, pd.DataFrame)
