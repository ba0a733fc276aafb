"""Negotiate: the lead alone, the smallest extensions, what binds, and the sweep."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from lever_helpers import FAST, assert_checked, load

from mission_planner import Status
from mission_planner.levers import negotiate
from mission_planner.levers.negotiate import (
    BINDING_COLUMNS,
    BRIEF_COLUMNS,
    SWEEP_COLUMNS,
    TASK_COLUMNS,
    TRANCHE_COLUMNS,
)
from mission_planner.levers.variants import with_task_fields


def ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def assert_all_checked(result) -> None:
    assert_checked(result.scenario, result.plan)
    for analysis in result.analyses:
        assert_checked(analysis.scenario, analysis.plan)


@pytest.fixture(scope="module")
def overlap():
    return negotiate(load("overlap"), **FAST, analysis_time_limit=2, analysis_budget=20)


def test_three_day_overlap_needs_exactly_three_working_days(overlap):
    """A 3-day overlap with another mission: the task is 3 working days (5 calendar) late."""
    assert overlap.plan.status is Status.OPTIMAL
    row = overlap.tasks.set_index("task").loc["study"]
    assert row["commit"] == ts("2026-12-14 17:00")
    assert row["commit_day"] == ts("2026-12-14")
    assert row["extension_working_days"] == 3
    assert row["extension_calendar_days"] == 5
    assert row["extension_hours"] == pytest.approx(4 * 24 + 17)
    assert overlap.total_weighted_extension == pytest.approx(2 * (4 * 24 + 17))
    assert_all_checked(overlap)


def test_extension_beyond_the_client_deadline_is_reported(overlap):
    """Monday is one working day past the client's Friday limit: not within flexibility."""
    row = overlap.tasks.set_index("task").loc["study"]
    assert not row["within_flexibility"]
    assert row["beyond_deadline_working_days"] == 1
    assert not overlap.within_flexibility
    assert list(overlap.beyond_flexibility["task"]) == ["study"]
    assert "BEYOND" in overlap.text
    brief = overlap.brief.set_index(["item", "id"])
    assert not brief.loc[("task", "study"), "within_flexibility"]
    assert brief.loc[("task", "study"), "asked_day"] == ts("2026-12-09")


def test_extension_within_flexibility(load_overlap_with_later_deadline):
    """With the client's limit on the Tuesday after, the same extension is within flexibility."""
    result = load_overlap_with_later_deadline
    assert result.within_flexibility
    assert result.tasks["beyond_deadline_working_days"].tolist() == [0]
    assert_all_checked(result)


@pytest.fixture(scope="module")
def load_overlap_with_later_deadline():
    scenario = with_task_fields(load("overlap"), "deadline", {"study": dt.date(2026, 12, 15)})
    return negotiate(scenario, **FAST, probes=False, sweep=False, earliest=False)


def test_negotiate_never_uses_partners(overlap):
    """The roster has an able partner, but negotiate plans the lead alone."""
    assert set(overlap.plan.schedule["resource"]) == {"lead"}
    assert overlap.scenario.mission.max_partners == 0


def test_binding_commitment_found(overlap):
    """Removing the other mission frees the task: it is binding, 3 working days earlier."""
    binding = overlap.binding.set_index("subject")
    assert binding.loc["other", "binding"]
    assert binding.loc["other", "earlier_tasks"] == "study -3 wd"
    assert binding.loc["other", "weighted_lateness"] == 0


def test_earliest_alone(overlap):
    """The single task's earliest delivery is its committed date."""
    assert overlap.tasks["earliest_alone"].tolist() == [ts("2026-12-14 17:00")]
    assert overlap.tranches["earliest_possible"].tolist() == [ts("2026-12-14 17:00")]


def test_tables_have_fixed_columns(overlap):
    """Every table has exactly its documented columns and dtypes."""
    for table, columns in (
        (overlap.tasks, TASK_COLUMNS),
        (overlap.tranches, TRANCHE_COLUMNS),
        (overlap.binding, BINDING_COLUMNS),
        (overlap.sweep, SWEEP_COLUMNS),
        (overlap.brief, BRIEF_COLUMNS),
    ):
        assert {c: str(t) for c, t in table.dtypes.items()} == columns


@pytest.fixture(scope="module")
def two_tasks():
    return negotiate(load("two_tasks"), **FAST, analysis_time_limit=2, analysis_budget=30)


def test_urgent_task_first(two_tasks):
    """The more urgent task goes first: x on Tuesday, y on Thursday, 99 urgency-hours."""
    commits = dict(zip(two_tasks.tasks["task"], two_tasks.tasks["commit"], strict=True))
    assert commits == {"x": ts("2026-12-08 17:00"), "y": ts("2026-12-10 17:00")}
    assert two_tasks.total_weighted_extension == pytest.approx(99)
    assert two_tasks.tasks["extension_working_days"].tolist() == [1, 3]
    assert two_tasks.within_flexibility
    assert_all_checked(two_tasks)


def test_sweep_shows_the_price_of_an_earlier_tranche(two_tasks):
    """If y were really needed by Tuesday, x would slip 2 working days (48 urgency-hours more)."""
    sweep = two_tasks.sweep
    y = sweep[sweep["tasks"] == "y"].set_index("deadline_if")
    assert not y.loc[ts("2026-12-08"), "feasible"]  # by Monday: impossible
    tuesday = y.loc[ts("2026-12-09")]
    assert tuesday["feasible"]
    assert tuesday["extra_weighted_lateness"] == pytest.approx(48)
    assert tuesday["later_tasks"] == "x +2 wd"
    assert tuesday["delivery"] <= ts("2026-12-09")


def test_due_probe(two_tasks):
    """Moving x's due to its Friday limit lets y be delivered 2 working days earlier."""
    probe = two_tasks.binding.set_index(["kind", "subject"]).loc[("due", "x")]
    assert probe["binding"]
    assert probe["earlier_tasks"] == "y -2 wd"


def test_nothing_to_negotiate(load_spread_negotiated):
    """When every date holds, the brief says so and nothing is probed."""
    result = load_spread_negotiated
    assert result.total_weighted_extension == 0
    assert result.binding.empty and result.sweep.empty
    assert "nothing to negotiate" in result.text
    assert_all_checked(result)


@pytest.fixture(scope="module")
def load_spread_negotiated():
    return negotiate(load("spread"), **FAST, earliest=False)


def test_lead_without_the_skill():
    """A task only a partner can do: negotiation alone has no plan, and says why."""
    result = negotiate(load("staffing"), **FAST)
    assert result.plan.status is Status.INFEASIBLE
    assert "cloud" in result.text
    assert result.tasks.empty


def test_french_text(two_tasks):
    """The brief exists in French."""
    result = negotiate(
        load("two_tasks"), **FAST, earliest=False, probes=False, sweep=False, language="fr"
    )
    assert "jours ouvrés" in result.text
    with pytest.raises(ValueError, match="language"):
        negotiate(load("two_tasks"), **FAST, language="de")


def test_budget_skips_analyses():
    """A tiny analysis budget skips analyses and says so."""
    result = negotiate(load("two_tasks"), **FAST, analysis_time_limit=1, analysis_budget=0.5)
    assert result.binding.empty and result.sweep.empty
    assert any("skipped" in e for e in result.explanation)
