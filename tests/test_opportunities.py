"""Missions not yet won: ignored, their expected load reserved, or all of it; and if won.

``replan/mornings.json``: the lead alone on 09-13; a (8 h, due Tue 8) fills Mon-Tue, b (8 h,
due Thu 10, deadline Mon 14) then c (8 h, due Tue 15, deadline Fri 18). The opportunity
``pitch`` (8 h, 50 %) can only be worked on Wed 9 and Thu 10, exactly b's mornings.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from mission_planner import Policy, Scenario, SolveSettings, check, plan
from mission_planner.replanning import opportunity_won, replan_after

MORNINGS = Path(__file__).parent / "data" / "replan" / "mornings.json"
FAST = SolveSettings(time_limit=5, seed=0, workers=1)
PITCH = {
    "id": "pitch",
    "client": "Globex",
    "win_probability": 0.5,
    "effort_hours": 8,
    "earliest_start": "2026-12-09",
    "deadline": "2026-12-10",
}


def with_pitch(**changes: Any) -> Scenario:
    base = Scenario.from_file(MORNINGS)
    return Scenario.model_validate({**base.model_dump(), "opportunities": [{**PITCH, **changes}]})


def delivered(result: Any) -> dict[str, pd.Timestamp]:
    return dict(zip(result.deliveries["task"], result.deliveries["delivery"], strict=True))


def at(day: int) -> pd.Timestamp:
    return pd.Timestamp(2026, 12, day, 13)


@pytest.mark.parametrize(
    ("rule", "reserved", "b", "c"),
    [
        ("ignore", 0, at(10), None),  # b keeps Wed-Thu; c anywhere Fri-Tue
        ("expected", 4, at(11), at(15)),  # 4 h of Wed-Thu reserved: b ends Fri, c Tue
        ("all", 8, at(14), at(16)),  # Wed-Thu reserved: b Fri + Mon, c Tue + Wed
    ],
)
def test_policy_reserves_the_opportunity(
    rule: str, reserved: float, b: pd.Timestamp, c: pd.Timestamp | None
) -> None:
    """ignore / expected (8 h x 50 %) / all: the reserved hours push b and c as worked out."""
    scenario = with_pitch()
    policy = Policy(opportunities=rule)
    result = plan(scenario, policy=policy, settings=FAST)
    assert result.has_plan
    assert check(scenario, result, policy) == []
    rows = result.schedule.query("task == 'pitch'")
    assert rows["hours"].sum() == reserved
    assert (rows["start"].dt.date.isin([dt.date(2026, 12, 9), dt.date(2026, 12, 10)])).all()
    assert delivered(result)["b"] == b
    if c is not None:
        assert delivered(result)["c"] == c


def test_checker_reads_the_reservation_from_the_policy() -> None:
    """A plan that reserves the pitch breaks the scenario's own rules when checked without it."""
    scenario = with_pitch()
    result = plan(scenario, policy=Policy(opportunities="all"), settings=FAST)
    assert {v.rule for v in check(scenario, result)} >= {"effort"}


def test_opportunity_that_cannot_be_reserved_is_infeasible() -> None:
    """All of a 12 h pitch in Wed-Thu's 8 h of mornings cannot be reserved: no plan."""
    scenario = with_pitch(effort_hours=12)
    result = plan(scenario, policy=Policy(opportunities="all"), settings=FAST)
    assert result.status.value == "infeasible"


def test_if_the_opportunity_is_won_say_which_promises_break() -> None:
    """Planned ignoring it, the pitch won on Wed takes Wed-Thu: b and c's promises move."""
    scenario = with_pitch()
    previous = plan(scenario, settings=FAST)
    hit = replan_after(
        opportunity_won(scenario, "pitch"), previous, now=dt.date(2026, 12, 9), settings=FAST
    )
    assert hit.promises_moved
    assert delivered(hit.replan.plan)["b"] == at(14)
    assert hit.client_message()[0].startswith("'b' was promised for Thu 10 Dec 13:00")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": "a"}, "id='a' is already used"),
        ({"deadline": "2027-01-04"}, "outside the horizon"),
        ({"win_probability": 0}, "win_probability"),
        ({"effort_hours": 2.5}, "not a multiple of 60 minutes"),
    ],
)
def test_bad_opportunities_name_the_entry(changes: dict[str, Any], message: str) -> None:
    """An opportunity that cannot be read is refused, naming it, the field and the value."""
    with pytest.raises(ValueError, match=message):
        with_pitch(**changes)
