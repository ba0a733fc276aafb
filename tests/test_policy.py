"""Policy and SolveSettings: how one solve reads the client's scenario, and its budget."""

from __future__ import annotations

import datetime as dt

import pytest

from mission_planner import Policy, Scenario, SolveSettings, check, plan
from mission_planner.problem import compile_problem
from mission_planner.settings import settings_of

WEEK = {d: ["09:00-17:00"] for d in ("mon", "tue", "wed", "thu", "fri")}


def scenario() -> Scenario:
    """Two 8-hour tasks asked Monday and Tuesday, accepted by Friday; one new partner."""
    return Scenario.model_validate(
        {
            "start": "2026-12-07",
            "end": "2026-12-18",
            "kickoff_hours": 0,
            "coordination_share": 0,
            "lead": {"id": "lead", "calendar": {"country": None, "working_hours": WEEK}},
            "partners": [
                {"id": "pat", "day_rate": 800, "trust": "new", "calendar": {"country": None}}
            ],
            "mission": {
                "client": "ACME",
                "max_tranches": 2,
                "tasks": [
                    {"id": "a", "effort_hours": 8, "due": "2026-12-07", "deadline": "2026-12-11"},
                    {"id": "b", "effort_hours": 8, "due": "2026-12-08", "deadline": "2026-12-11"},
                ],
            },
        }
    )


def test_dates_rule_sets_each_hard_limit() -> None:
    """asked, accepted, horizon and a proposed date give the deadline slots they name."""
    sc = scenario()
    slot = {
        rule: compile_problem(sc, Policy(dates=rule)).job("b").deadline
        for rule in ("asked", "accepted", "horizon")
    }
    grid = compile_problem(sc).timeline.grid
    assert grid.time_of(slot["asked"]) == dt.datetime(2026, 12, 9)
    assert grid.time_of(slot["accepted"]) == dt.datetime(2026, 12, 12)
    assert grid.time_of(slot["horizon"]) == dt.datetime(2026, 12, 19)
    proposed = compile_problem(sc, Policy(dates={"b": dt.date(2026, 12, 15)})).job("b")
    assert grid.time_of(proposed.deadline) == dt.datetime(2026, 12, 16)
    kept = compile_problem(sc, Policy(dates={"b": dt.date(2026, 12, 15)})).job("a")
    assert kept.deadline == slot["accepted"]  # a task the mapping does not name keeps its own


def test_roster_and_surcharge() -> None:
    """roster none leaves the lead alone; a surcharge raises a new partner's objective cost only."""
    sc = scenario()
    assert compile_problem(sc, Policy(roster="none")).job("a").people == ("lead",)
    assert compile_problem(sc).job("a").people == ("lead", "pat")
    assert compile_problem(sc, Policy(roster="trusted")).job("a").people == ("lead",)
    plain, dear = compile_problem(sc), compile_problem(sc, Policy(new_partner_surcharge=0.5))
    assert dear.people["pat"].cost_per_slot == pytest.approx(
        1.5 * plain.people["pat"].cost_per_slot
    )
    assert dear.people["pat"].fee_per_slot == plain.people["pat"].fee_per_slot


def test_tables_are_the_clients_whatever_the_policy() -> None:
    """A plan under dates='horizon' still reports the client's own due and deadline."""
    sc = scenario()
    result = plan(sc, policy=Policy(dates="horizon", roster="none"), time_limit=5, workers=1)
    assert result.has_plan
    rows = result.deliveries.set_index("task")
    assert rows.loc["b", "due"] == dt.datetime(2026, 12, 8)  # the day asked
    assert rows.loc["b", "deadline"] == dt.datetime(2026, 12, 11)
    assert rows.loc["b", "due_at"] == dt.datetime(2026, 12, 9)  # its end, 24:00
    assert rows.loc["b", "deadline_at"] == dt.datetime(2026, 12, 12)
    assert result.policy == Policy(dates="horizon", roster="none")
    assert check(sc, result, result.policy) == []


def test_checker_reads_the_policy_limits() -> None:
    """Two deliveries break a one-delivery policy; a partner's work breaks a lead-alone one."""
    sc = scenario()
    alone = Policy(dates="asked", roster="none")
    result = plan(sc, policy=alone, time_limit=5, workers=1)
    assert len(result.tranches) == 2  # a by Monday, b by Tuesday: one day each
    assert check(sc, result, alone) == []
    one = Policy(dates="asked", roster="none", max_tranches=1)
    assert [v.rule for v in check(sc, result, one)] == ["tranche"]
    data = sc.model_dump()
    data["lead"]["calendar"]["time_off"] = [{"start": "2026-12-07", "end": "2026-12-08"}]
    away = Scenario.model_validate(data)
    staffed = plan(away, policy=Policy(dates="asked"), time_limit=5, workers=1)
    assert set(staffed.schedule["resource"]) == {"pat"}
    assert check(away, staffed) == []
    assert {v.rule for v in check(away, staffed, alone)} == {"task"}


def test_unknown_ids_are_named() -> None:
    """A policy naming an unknown task or partner is refused with the field and the value."""
    sc = scenario()
    with pytest.raises(ValueError, match=r"Policy: dates names unknown task\(s\) \['zz'\]"):
        compile_problem(sc, Policy(dates={"zz": dt.date(2026, 12, 10)}))
    with pytest.raises(ValueError, match=r"roster names unknown partner\(s\) \['bob'\]"):
        compile_problem(sc, Policy(roster=("bob",)))
    with pytest.raises(ValueError, match="urgency"):
        Policy(urgency={"a": 5000})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("time_limit", 0),
        ("time_limit", float("inf")),
        ("workers", 0),
        ("parallel", 0),
        ("seed", -1),
    ],
)
def test_settings_name_the_bad_value(field: str, value: object) -> None:
    """SolveSettings refuses a bad value, naming the field and the value."""
    with pytest.raises(ValueError, match=f"{field}={value!r}"):
        SolveSettings(**{field: value})


def test_shorthands_win_over_settings() -> None:
    """time_limit= and friends override the settings object's fields."""
    base = SolveSettings(time_limit=30, seed=3, workers=4, parallel=2)
    assert settings_of(base, time_limit=5) == SolveSettings(5, 3, 4, 2)
    assert settings_of(None, default_time_limit=7).time_limit == 7
    assert base.threads == 8
