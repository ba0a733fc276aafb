"""``replan``: history kept, work done read, promises held or reported, unchanged plans kept."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from replan_helpers import DATA, TINY, TUESDAY, planned, replanned

from mission_planner import Scenario, Status
from mission_planner.replanning import ReplanError, replan

PREVIOUS = planned(TINY)


def in_order(schedule: pd.DataFrame) -> pd.DataFrame:
    """Schedule rows by start, person and kind (plans list them in different orders)."""
    return schedule.sort_values(["start", "resource", "kind"]).reset_index(drop=True)


def test_unchanged_plan_is_kept() -> None:
    """Nothing changed and the previous plan still valid: the re-plan keeps it, no search."""
    result = replanned(TINY, PREVIOUS, now=TUESDAY)
    assert result.kept
    pd.testing.assert_frame_equal(in_order(result.plan.schedule), in_order(PREVIOUS.schedule))
    assert result.diff is not None and result.diff.summary() == "no change"
    assert result.left.objective_terms["change_cost"] == 0


def test_improve_searches_without_moving_for_nothing() -> None:
    """Asked to improve, the re-plan searches; an unchanged optimal plan has no change cost."""
    result = replanned(TINY, PREVIOUS, now=TUESDAY, improve=True)
    assert not result.kept
    assert result.left.objective_terms["change_cost"] == 0


def test_history_never_changes_after_a_disruption() -> None:
    """Task c takes 2 h more: rows before now are the previous plan's, the rest is re-planned."""
    longer = TINY.model_validate(
        {
            **TINY.model_dump(),
            "mission": {
                **TINY.mission.model_dump(),
                "tasks": [
                    {**t.model_dump(), "effort_hours": 5} if t.id == "c" else t.model_dump()
                    for t in TINY.mission.tasks
                ],
            },
        }
    )
    result = replanned(longer, PREVIOUS, now=TUESDAY, promises_may_move=True)
    assert result.has_plan and not result.kept
    moment = pd.Timestamp(TUESDAY)
    before = PREVIOUS.schedule[PREVIOUS.schedule["start"] < moment].reset_index(drop=True)
    after = result.plan.schedule[result.plan.schedule["start"] < moment].reset_index(drop=True)
    pd.testing.assert_frame_equal(before, after)
    c_hours = result.plan.schedule.query("task == 'c' and start >= @moment")["hours"].sum()
    done_c = result.done.of("c")
    assert c_hours == 5 - done_c


def test_hard_promise_that_cannot_hold_is_infeasible() -> None:
    """b promised for Tue 12:00 with 5 h left: Tue 10-12 is the only free time, so no plan."""
    promise = {"b": dt.datetime(2026, 12, 8, 12)}
    result = replanned(TINY, PREVIOUS, now=TUESDAY, done={"a": 4, "b": 1}, promises=promise)
    assert result.left.status is Status.INFEASIBLE
    assert result.diff is None


def test_movable_promise_is_reported() -> None:
    """The same promise allowed to move: the plan says b moves and what to tell the client."""
    promise = {"b": dt.datetime(2026, 12, 8, 12)}
    result = replanned(
        TINY, PREVIOUS, now=TUESDAY, done={"a": 4, "b": 1}, promises=promise, promises_may_move=True
    )
    assert result.has_plan
    assert list(result.moved["task"]) == ["b"]
    (line,) = result.client_message()
    assert line.startswith("'b' was promised for Tue 08 Dec 12:00; it will now be delivered Tue")


def test_work_done_per_person_and_percentage() -> None:
    """Done read as hours, as a percentage, and per person; the work left is the rest."""
    result = replanned(TINY, PREVIOUS, now=TUESDAY, done={"a": "100%", "b": {"lead": 3}})
    assert result.done.of("a") == 4 and result.done.hours["b"] == {"lead": 3.0}
    left = {t.id: t.effort_hours for t in result.scenario_left.mission.tasks}
    assert left == {"b": 3, "c": 3}


@pytest.mark.parametrize(
    ("done", "where"),
    [
        ({"zz": 1}, "done.zz"),
        ({"a": "120%"}, "done.a"),
        ({"a": {"bob": 1}}, "done.a.bob"),
        ({"a": 9}, "done.a"),
        ({"a": -1}, "done.a"),
    ],
)
def test_bad_work_done_names_the_place(done: dict[str, object], where: str) -> None:
    """A done entry that cannot be read raises our error naming task, person and value."""
    with pytest.raises(ReplanError, match=where.replace(".", r"\.")):
        replan(TINY, PREVIOUS, now=TUESDAY, done=done)  # type: ignore[arg-type]


def test_now_outside_the_horizon() -> None:
    """A day outside the horizon is refused, naming now and its value."""
    with pytest.raises(ReplanError, match="now"):
        replan(TINY, PREVIOUS, now=dt.date(2027, 1, 4))


def test_partner_kicked_off_before_now_keeps_the_plan() -> None:
    """With partners, an unchanged plan is kept: no second kick-off, follow-up to the deadline."""
    scenario = Scenario.from_file(DATA / "tiny_partners.json")
    previous = planned(scenario)
    for day in (8, 9):
        result = replanned(scenario, previous, now=dt.date(2026, 12, day))
        assert result.kept, day
        pd.testing.assert_frame_equal(in_order(result.plan.schedule), in_order(previous.schedule))


def test_partner_cap_reached_in_history_keeps_the_same_partner() -> None:
    """max_partners 1 and a partner worked before now: the work left uses that one or none."""
    scenario = Scenario.from_file(DATA / "tiny_partners.json")
    previous = planned(scenario)
    moment = pd.Timestamp(2026, 12, 9)
    partners = set(previous.schedule.query("kind == 'mission' and start < @moment")["resource"])
    result = replanned(scenario, previous, now=moment.date(), improve=True)
    after = set(result.left.schedule.query("kind == 'mission'")["resource"])
    assert after - {"lead"} <= partners - {"lead"}
