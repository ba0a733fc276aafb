"""Disruption what-ifs re-planned from the previous plan, each with its scenario and outcome.

``mornings.json``: the lead alone on 09-13, a (8 h, due Tue 8) then b (8 h, due Thu 10,
deadline Mon 14) then c (8 h, due Tue 15, deadline Fri 18). Whatever the first plan, a takes
Mon-Tue and b Wed-Thu (each exactly fills its days), so b is promised for Thu 10 13:00. The
re-plans start on Wed 9 with a done. ``partners.json``: the lead's interviews, then 24 h of
data work that only the partners ana (400 EUR/day) or ben (800) can do.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from replan_helpers import DATA, FAST, assert_valid, planned

from mission_planner import PlanResult, Scenario
from mission_planner import replanning as rp
from mission_planner.explore import Change

MORNINGS = Scenario.from_file(DATA / "replan" / "mornings.json")
PARTNERS = Scenario.from_file(DATA / "replan" / "partners.json")
WEDNESDAY = dt.date(2026, 12, 9)


@pytest.fixture(scope="module")
def mornings() -> PlanResult:
    """The first plan of ``mornings.json``, checked."""
    return planned(MORNINGS)


def disrupted(change: Change, previous: PlanResult) -> rp.Disrupted:
    """Re-plan the change on Wednesday; the re-plan passes both checkers."""
    result = rp.replan_after(change, previous, now=WEDNESDAY, settings=FAST)
    assert result.replan.has_plan
    assert_valid(change.scenario, previous, result.replan, hard=not result.promises_moved)
    return result


def delivered(result: rp.Disrupted) -> dict[str, pd.Timestamp]:
    table = result.replan.plan.deliveries
    return dict(zip(table["task"], table["delivery"], strict=True))


def at(day: int, hour: int = 13) -> pd.Timestamp:
    return pd.Timestamp(2026, 12, day, hour)


def test_first_plan_promises_b_on_thursday(mornings: PlanResult) -> None:
    """The fixture: a fills Mon-Tue and b Wed-Thu in every optimal plan."""
    assert delivered_of(mornings) == {"a": at(8), "b": at(10), "c": delivered_of(mornings)["c"]}


def delivered_of(result: PlanResult) -> dict[str, pd.Timestamp]:
    return dict(zip(result.deliveries["task"], result.deliveries["delivery"], strict=True))


def test_task_takes_longer(mornings: PlanResult) -> None:
    """b +50 % (12 h): Wed-Thu cannot hold it, so b moves to Fri 13:00 and c to Tue 15."""
    result = disrupted(rp.takes_longer(MORNINGS, "b", 50), mornings)
    assert result.promises_moved
    assert delivered(result) == {"a": at(8), "b": at(11), "c": at(15)}
    assert "b" in list(result.replan.moved["task"])
    assert result.client_message()[0] == (
        "'b' was promised for Thu 10 Dec 13:00; it will now be delivered Fri 11 Dec 13:00 "
        "(1 day later)."
    )


def test_client_brings_a_delivery_forward(mornings: PlanResult) -> None:
    """c wanted by Mon 14: b holds Thu 13:00, c takes Fri and Mon; no promise moves."""
    result = disrupted(rp.brought_forward(MORNINGS, "c", dt.date(2026, 12, 14)), mornings)
    assert not result.promises_moved
    assert delivered(result)["c"] == at(14)
    assert result.client_message() == []


def test_lead_unavailable_some_days(mornings: PlanResult) -> None:
    """The lead off Thu-Fri: b ends Mon 14 (Wed + Mon), c Wed 16 (Tue + Wed)."""
    result = disrupted(
        rp.lead_unavailable(MORNINGS, dt.date(2026, 12, 10), dt.date(2026, 12, 11)), mornings
    )
    assert result.promises_moved
    assert delivered(result) == {"a": at(8), "b": at(14), "c": at(16)}
    lead = result.replan.plan.schedule
    off = lead[(lead["start"] >= at(10, 0)) & (lead["start"] < at(12, 0))]
    assert off.empty


def test_new_mission_arrives(mornings: PlanResult) -> None:
    """4 h of another mission on Wed 9 take the morning: b ends Fri 11, c Tue 15."""
    change = rp.new_mission(MORNINGS, "audit", effort_hours=4, start=WEDNESDAY, deadline=WEDNESDAY)
    result = disrupted(change, mornings)
    assert delivered(result) == {"a": at(8), "b": at(11), "c": at(15)}
    audit = result.replan.plan.schedule.query("task == 'audit'")
    assert audit["hours"].sum() == 4 and (audit["start"].dt.date == WEDNESDAY).all()


def test_partner_drops_out() -> None:
    """ana drops out on Wed 9: the data work left goes to ben, the only other partner able."""
    previous = planned(PARTNERS)
    result = disrupted(rp.partner_drops_out(PARTNERS, "ana", WEDNESDAY), previous)
    left = result.replan.left.schedule.query("kind == 'mission' and task == 'd'")
    assert set(left["resource"]) == {"ben"}
    kickoff = result.replan.left.schedule.query("task == 'kickoff:ben'")
    assert len(kickoff) == 1 and kickoff["start"].iloc[0] < left["start"].min()


def test_opportunity_won(mornings: PlanResult) -> None:
    """The pitch (8 h, only Wed 9 - Thu 10) won on Wed takes b's mornings: b ends Mon 14."""
    pitch = {
        "id": "pitch",
        "client": "Globex",
        "probability": 0.5,
        "effort_hours": 8,
        "earliest_start": "2026-12-09",
        "deadline": "2026-12-10",
    }
    scenario = Scenario.model_validate({**MORNINGS.model_dump(), "opportunities": [pitch]})
    result = disrupted(rp.opportunity_won(scenario, "pitch"), mornings)
    assert result.promises_moved
    assert delivered(result) == {"a": at(8), "b": at(14), "c": at(16)}
    pitch_rows = result.replan.plan.schedule.query("task == 'pitch'")
    assert pitch_rows["hours"].sum() == 8
    assert result.client_message()[0].startswith("'b' was promised for Thu 10 Dec 13:00")
