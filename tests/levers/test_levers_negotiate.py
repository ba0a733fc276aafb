"""Negotiate: the lead alone within the client's flexibility, the extension to ask, analyses."""

from __future__ import annotations

import pandas as pd
import pytest
from lever_helpers import FAST, assert_checked, load

from mission_planner import Scenario, Status
from mission_planner.levers import negotiate
from mission_planner.levers.analyses import BINDING_COLUMNS, SWEEP_COLUMNS
from mission_planner.levers.tables import TASK_COLUMNS


def ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def later_limit(scenario: Scenario, task: str, day: str) -> Scenario:
    data = scenario.model_dump()
    for t in data["mission"]["tasks"]:
        if t["id"] == task:
            t["deadline"] = day
    return Scenario.model_validate(data)


@pytest.fixture(scope="module")
def overlap():
    return negotiate(load("overlap"), **FAST, language="en")


def test_extension_beyond_the_client_limit(overlap):
    """Alone the study ends Monday 17:00: 3 working days late, 1 past the client's Friday."""
    assert not overlap.within_flexibility
    assert overlap.policy.dates == "horizon"  # the extension to propose
    row = overlap.tasks.set_index("task").loc["study"]
    assert row["delivery"] == ts("2026-12-14 17:00")
    assert row["delivery_day"] == ts("2026-12-14")
    assert row["asked_day"] == ts("2026-12-09") and row["accepted_day"] == ts("2026-12-11")
    assert row["late_working_days"] == 3 and row["late_calendar_days"] == 5
    assert row["beyond_accepted_working_days"] == 1 and not row["within_accepted"]
    assert overlap.total_weighted_extension == pytest.approx(2 * (4 * 24 + 17))
    assert list(overlap.beyond_flexibility["task"]) == ["study"]
    assert "beyond what the client granted" in overlap.text
    assert_checked(load("overlap"), overlap.plan, overlap.policy)


def test_within_flexibility_when_the_client_accepts_later():
    """With the client's limit on the Tuesday after, the same delivery holds as negotiated."""
    scenario = later_limit(load("overlap"), "study", "2026-12-15")
    result = negotiate(scenario, **FAST, probes=False, sweep=False, earliest=False)
    assert result.within_flexibility and result.policy.dates == "accepted"
    assert result.tasks["beyond_accepted_working_days"].tolist() == [0]
    assert_checked(scenario, result.plan)  # within every limit of the client


def test_negotiate_never_uses_partners(overlap):
    """The roster has an able partner, but negotiate plans the lead alone."""
    assert set(overlap.plan.schedule["resource"]) == {"lead"}
    assert overlap.policy.roster == "none"


def test_binding_commitment_found(overlap):
    """Removing the other mission frees the task: it is binding, 3 working days earlier."""
    binding = overlap.binding.set_index("subject")
    assert binding.loc["other", "binding"]
    assert binding.loc["other", "earlier_tasks"] == "study -3 wd"
    assert binding.loc["other", "weighted_lateness"] == 0


def test_earliest_alone(overlap):
    """The single task's earliest delivery is its planned delivery."""
    assert overlap.tasks["earliest_alone"].tolist() == [ts("2026-12-14 17:00")]


def test_tables_have_fixed_columns(overlap):
    """Every table has exactly its documented columns and dtypes."""
    columns = {**TASK_COLUMNS, "earliest_alone": "datetime64[ns]"}
    for table, expected in (
        (overlap.tasks, columns),
        (overlap.binding, BINDING_COLUMNS),
        (overlap.sweep, SWEEP_COLUMNS),
    ):
        assert {c: str(t) for c, t in table.dtypes.items()} == expected


@pytest.fixture(scope="module")
def two_tasks():
    return negotiate(load("two_tasks"), **FAST, language="en")


def test_urgent_task_first(two_tasks):
    """The more urgent task goes first: x on Tuesday, y on Thursday, 99 urgency-hours."""
    deliveries = dict(zip(two_tasks.tasks["task"], two_tasks.tasks["delivery"], strict=True))
    assert deliveries == {"x": ts("2026-12-08 17:00"), "y": ts("2026-12-10 17:00")}
    assert two_tasks.total_weighted_extension == pytest.approx(99)
    assert two_tasks.tasks["late_working_days"].tolist() == [1, 3]
    assert two_tasks.within_flexibility
    assert_checked(load("two_tasks"), two_tasks.plan)


def test_sweep_shows_the_price_of_an_earlier_date(two_tasks):
    """If y were really needed by Tuesday, x would slip 2 working days (48 urgency-hours more)."""
    y = two_tasks.sweep[two_tasks.sweep["task"] == "y"].set_index("limit_if")
    assert not y.loc[ts("2026-12-07"), "feasible"]  # by Monday: impossible
    tuesday = y.loc[ts("2026-12-08")]
    assert tuesday["feasible"]
    assert tuesday["extra_weighted_lateness"] == pytest.approx(48)
    assert tuesday["later_tasks"] == "x +2 wd"
    assert tuesday["delivery"] <= ts("2026-12-09")


def test_target_probe(two_tasks):
    """Counting x late only after its Friday limit lets y come 2 working days earlier."""
    probe = two_tasks.binding.set_index(["kind", "subject"]).loc[("target", "x")]
    assert probe["binding"]
    assert probe["earlier_tasks"] == "y -2 wd"


def test_nothing_to_negotiate():
    """When every date holds, nothing is probed or swept."""
    result = negotiate(load("spread"), **FAST, earliest=False)
    assert result.total_weighted_extension == 0
    assert result.binding.empty and result.sweep.empty
    assert result.within_flexibility


def test_lead_without_the_skill():
    """A task only a partner can do: no plan alone, and the reason is the skill, not time."""
    result = negotiate(load("staffing"), **FAST, language="en")
    assert result.plan.status is Status.INFEASIBLE
    assert "cloud" in result.explanation[0] and "no date helps" in result.explanation[0]
    assert result.tasks.empty


def test_french_text():
    """The brief exists in French; an unknown language is named."""
    result = negotiate(
        load("two_tasks"), **FAST, earliest=False, probes=False, sweep=False, language="fr"
    )
    assert "ouvrés" in result.text
    with pytest.raises(ValueError, match="language='de'"):
        negotiate(load("two_tasks"), **FAST, language="de")
