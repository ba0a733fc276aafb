"""One scenario file per cause class (tests/data/causes/): class, names, figures and remedy,
worked out by hand in each file's header comment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import mission_planner.planner
from mission_planner import PlanResult, Scenario, Status, check, plan
from mission_planner.diagnosis import CAUSE_COLUMNS

DATA = Path(__file__).parent.parent / "data" / "causes"
TIME_WORDS = ("hour", " h ", " h:", "day", "date", "time", "week", "mon ", "dec")


def planned(name: str, **kw: Any) -> PlanResult:
    """Plan a cause scenario with the test settings; these scenarios have no plan."""
    scenario = Scenario.from_file(DATA / f"{name}.yaml")
    result = plan(scenario, time_limit=kw.pop("time_limit", 3), seed=0, workers=1, **kw)
    assert not result.has_plan
    return result


def only_cause(result: PlanResult) -> dict[str, Any]:
    """The single row of the causes table, as a dict."""
    assert len(result.causes) == 1, result.causes.to_dict("records")
    row: dict[str, Any] = result.causes.iloc[0].to_dict()
    return row


def no_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any CP-SAT solve of ``plan`` fail the test (the answer must come before search)."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("plan searched although the checks before search prove it")

    monkeypatch.setattr(mission_planner.planner, "solve", refuse)


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(dt.date.fromisoformat(text))


def test_capacity_names_tasks_hours_and_the_earliest_date() -> None:
    """Two 24 h tasks due Friday: 48 h for 40 h free; Monday 14th, one working day later."""
    result = planned("capacity")
    cause = only_cause(result)
    assert result.status is Status.INFEASIBLE
    assert (cause["kind"], cause["remedy"]) == ("capacity", "extend_deadline")
    assert cause["tasks"] == "audit, report" and cause["people"] == "lead"
    assert (cause["needed_hours"], cause["free_hours"]) == (48.0, 40.0)
    assert cause["window_start"] == day("2026-12-07") and cause["window_end"] == day("2026-12-12")
    assert cause["earliest_date"] == day("2026-12-14") and cause["extension_days"] == 1
    assert result.infeasible_tasks == ["audit", "report"]
    assert "48 h of work" in result.explanation[0] and "Mon 14 Dec 2026" in result.explanation[0]


def test_chain_counts_the_whole_chain_up_to_its_last_deadline() -> None:
    """16 h then 32 h due Friday: 48 h from Monday to Friday; the last task moves to the 14th."""
    cause = only_cause(planned("chain"))
    assert (cause["kind"], cause["remedy"]) == ("chain", "extend_deadline")
    assert cause["tasks"] == "interviews, synthesis"
    assert (cause["needed_hours"], cause["free_hours"]) == (48.0, 40.0)
    assert cause["window_end"] == day("2026-12-12")
    assert cause["earliest_date"] == day("2026-12-14") and cause["extension_days"] == 1


def test_chain_with_an_engagement_is_proven_before_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15: T1 (8 h) before T2 (24 h, by Friday) and a 10 h engagement by Friday: 42 h for
    40 h, INFEASIBLE from the checks before search, blamed on the chain with the engagement."""
    no_search(monkeypatch)
    result = planned("chain_engagement", time_limit=20)
    cause = only_cause(result)
    assert result.status is Status.INFEASIBLE
    assert (cause["kind"], cause["tasks"], cause["engagements"]) == ("chain", "t1, t2", "bank")
    assert (cause["needed_hours"], cause["free_hours"]) == (42.0, 40.0)
    assert cause["earliest_date"] == day("2026-12-14")


def test_engagement_deadline_takes_the_time_the_task_needs() -> None:
    """A 32 h task fits the week alone; a 10 h engagement due Friday makes it 42 h for 40 h."""
    cause = only_cause(planned("engagement"))
    assert (cause["kind"], cause["remedy"]) == ("engagement", "extend_deadline")
    assert (cause["tasks"], cause["engagements"]) == ("study", "bank")
    assert (cause["needed_hours"], cause["free_hours"]) == (42.0, 40.0)
    assert cause["earliest_date"] == day("2026-12-14") and cause["extension_days"] == 1


def test_coordination_alone_makes_it_infeasible(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15: the lead has 2 h free for a 1 h kick-off and a 2 h follow-up of hugo's 20 h,
    proven before search."""
    no_search(monkeypatch)
    result = planned("coordination", time_limit=20)
    cause = only_cause(result)
    assert result.status is Status.INFEASIBLE
    assert (cause["kind"], cause["remedy"]) == ("coordination", "extend_deadline")
    assert (cause["tasks"], cause["people"]) == ("flows", "lead")
    assert (cause["needed_hours"], cause["free_hours"]) == (3.0, 2.0)
    # the lead works Mondays only: the next working day of the lead is Monday 14th
    assert cause["earliest_date"] == day("2026-12-14") and cause["extension_days"] == 1
    assert "kick-off and follow-up" in result.explanation[0]


def test_skill_names_the_partner_and_never_mentions_time() -> None:
    """max_partners 0 and a skill only hugo has: raise the partner limit by 1; no time words."""
    result = planned("skill")
    cause = only_cause(result)
    assert (cause["kind"], cause["remedy"]) == ("skill", "raise_max_partners")
    assert (cause["tasks"], cause["skills"], cause["people"]) == ("flows", "data", "hugo")
    assert cause["raise_by"] == 1.0
    text = result.explanation[0].lower()
    assert "roster: hugo" in text and "data" in text
    assert not [w for w in TIME_WORDS if w in text], text


def test_max_partners_says_by_how_much_to_raise_it() -> None:
    """Two tasks only hugo and only lea can do, one partner allowed: raise the limit by 1."""
    cause = only_cause(planned("max_partners"))
    assert (cause["kind"], cause["remedy"]) == ("max_partners", "raise_max_partners")
    assert (cause["tasks"], cause["people"], cause["raise_by"]) == ("flows, cloud", "hugo, lea", 1)


def test_partner_cap_says_by_how_many_hours_to_raise_it() -> None:
    """16 h only hugo can do, hugo capped at 10 h: raise the cap by 6 h."""
    result = planned("partner_cap")
    cause = only_cause(result)
    assert (cause["kind"], cause["remedy"]) == ("partner_cap", "raise_partner_cap")
    assert (cause["tasks"], cause["people"], cause["raise_by"]) == ("flows", "hugo", 6.0)
    assert (cause["needed_hours"], cause["free_hours"]) == (16.0, 10.0)
    assert "by at least 6 h" in result.explanation[0]


def test_one_piece_longer_than_anyones_free_time_asks_to_split() -> None:
    """10 h in one piece; the lead has 6 h and hugo 8 h before the deadline: allow splitting."""
    cause = only_cause(planned("session"))
    assert (cause["kind"], cause["remedy"]) == ("session", "allow_splitting")
    assert (cause["tasks"], cause["people"]) == ("workshop", "lead, hugo")
    assert (cause["needed_hours"], cause["free_hours"]) == (10.0, 8.0)


def test_single_tranche_pulls_every_task_to_the_earliest_deadline() -> None:
    """One tranche: 20 h by Tuesday for 8 h free; more tranches, or one delivery on Thursday."""
    cause = only_cause(planned("tranches"))
    assert (cause["kind"], cause["remedy"]) == ("tranches", "more_tranches")
    assert cause["tasks"] == "early, late"
    assert (cause["needed_hours"], cause["free_hours"]) == (20.0, 8.0)
    assert cause["earliest_date"] == day("2026-12-03") and cause["extension_days"] == 2


def test_deadlines_no_window_explains_are_named_by_the_search() -> None:
    """Three full days, three 8 h tasks, two tranches: CP-SAT names the conflicting deadlines."""
    result = planned("deadlines")
    cause = only_cause(result)
    assert result.status is Status.INFEASIBLE
    assert (cause["kind"], cause["remedy"]) == ("deadlines", "renegotiate")
    # c is due at the horizon's end: its deadline is no assumption, so never named
    assert set(cause["tasks"].split(", ")) <= {"a", "b"} and cause["tasks"]


def test_horizon_when_no_deadline_is_to_blame() -> None:
    """The kick-off cannot end before hugo's only hour: no deadline to blame, the horizon is."""
    result = planned("horizon")
    cause = only_cause(result)
    assert result.status is Status.INFEASIBLE
    assert (cause["kind"], cause["remedy"], cause["tasks"]) == ("horizon", "extend_horizon", "")


def test_undecided_is_its_own_answer_and_never_says_impossible() -> None:
    """No plan within a tiny work limit: UNKNOWN, class undecided, remedy more time."""
    result = planned(
        "undecided",
        time_limit=5,
        warm_start=False,
        solver_params={"max_deterministic_time": 0.0001},
    )
    cause = only_cause(result)
    assert result.status is Status.UNKNOWN
    assert (cause["kind"], cause["remedy"], cause["time_limit"]) == ("undecided", "more_time", 5)
    text = result.explanation[0].lower()
    assert "impossible." not in text and "cannot" not in text and "proven impossible" in text


@pytest.mark.parametrize("name", ["capacity", "skill", "coordination"])
def test_causes_table_has_the_documented_columns(name: str) -> None:
    """The causes table keeps the columns and dtypes of CAUSE_COLUMNS."""
    causes = planned(name).causes
    assert dict(causes.dtypes.astype(str)) == CAUSE_COLUMNS


def test_a_late_plan_names_why_the_dates_asked_do_not_hold() -> None:
    """Accepted until the 18th, asked for the 11th: the plan exists, one task is late, and its
    cause is the week's capacity (48 h for 40 h), with Monday 14th as the date to ask for."""
    scenario = Scenario.from_file(DATA / "late" / "capacity_late.yaml")
    result = plan(scenario, time_limit=2, seed=0, workers=1)
    assert result.has_plan and not result.deliveries["on_time"].all()
    cause = only_cause(result)
    assert (cause["kind"], cause["remedy"]) == ("capacity", "extend_deadline")
    assert (cause["needed_hours"], cause["free_hours"]) == (48.0, 40.0)
    assert cause["earliest_date"] == day("2026-12-14") and cause["extension_days"] == 1
    assert "Mon 14 Dec 2026" in result.explanation[0]
    assert "why the dates asked do not all hold" in result.summary()
    assert check(scenario, result) == []


def test_a_plan_held_to_the_dates_asked_claims_no_lateness_cause() -> None:
    """With every task due by its asked date (one task, time to spare) the plan is on time and
    its causes table is empty: a cause is claimed only when it is proven."""
    data = Scenario.from_file(DATA / "late" / "capacity_late.yaml").model_dump()
    data["mission"]["tasks"] = data["mission"]["tasks"][:1]
    one = Scenario.model_validate(data)
    result = plan(one, time_limit=2, seed=0, workers=1)
    assert check(one, result) == []
    assert result.status is Status.OPTIMAL and result.deliveries["on_time"].all()
    assert result.causes.empty and result.explanation == []
