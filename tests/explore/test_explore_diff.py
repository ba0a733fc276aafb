"""diff on hand-made pairs of plans, and on a real baseline and what-if."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from explore_helpers import FAST, load

from mission_planner import PlanResult, Status, diff, plan, what_if
from mission_planner.contract import (
    COST_COLUMNS,
    DELIVERY_COLUMNS,
    SCHEDULE_COLUMNS,
    TRANCHE_COLUMNS,
    empty_tables,
    table,
)
from mission_planner.explore import DIFF_COLUMNS
from mission_planner.explore.diff import NO_CHANGE, SAME_OUTCOME

T = pd.Timestamp


def hand_plan(
    tasks: dict[str, tuple[int, str]],
    work: list[tuple[str, str, str, str, str]],
    lead: str = "lea",
) -> PlanResult:
    """A plan from ``{task: (tranche, delivery)}`` and ``(kind, task, person, start, end)`` rows."""
    schedule = [
        {"kind": kind, "task": task, "tranche": tasks.get(task, (None,))[0], "resource": person,
         "chunk": 0 if kind != "fixed" else None, "date": T(start).normalize(), "start": T(start),
         "end": T(end), "hours": (T(end) - T(start)) / pd.Timedelta(hours=1)}
        for kind, task, person, start, end in work
    ]  # fmt: skip
    people = {
        t: ",".join(sorted({p for k, tt, p, _, _ in work if tt == t and k == "mission"}))
        for t in tasks
    }
    deliveries = [
        {"task": t, "name": t, "tranche": k, "resources": people[t], "hours": 1.0,
         "finish": T(d), "delivery": T(d), "due": T(d), "deadline": T(d),
         "lateness_hours": 0.0, "lateness_working_days": 0, "on_time": True,
         "within_deadline": True}
        for t, (k, d) in tasks.items()
    ]  # fmt: skip
    numbers = sorted({k for k, _ in tasks.values()})
    tranches = [
        {"tranche": k, "tasks": ",".join(t for t, (kk, _) in tasks.items() if kk == k),
         "delivery": max(T(d) for kk, d in tasks.values() if kk == k),
         "due": T("2026-12-01"), "deadline": T("2026-12-31"), "lateness_working_days": 0}
        for k in numbers
    ]  # fmt: skip
    costs = [{"resource": lead, "role": "lead", "hours": 0.0, "day_rate": 0.0, "fee": 0.0}]
    frames = empty_tables()
    return PlanResult(
        status=Status.OPTIMAL,
        objective=0.0,
        objective_terms={},
        bound=0.0,
        gap=0.0,
        runtime=0.0,
        seed=0,
        workers=1,
        schedule=table(schedule, SCHEDULE_COLUMNS),
        deliveries=table(deliveries, DELIVERY_COLUMNS),
        tranches=table(tranches, TRANCHE_COLUMNS),
        load=frames["load"],
        costs=table(costs, COST_COLUMNS),
    )


OLD_TASKS = {"x": (1, "2026-12-11 00:00"), "y": (1, "2026-12-11 00:00")}
OLD_WORK = [
    ("mission", "x", "lea", "2026-12-07 09:00", "2026-12-07 15:00"),
    ("mission", "y", "lea", "2026-12-08 09:00", "2026-12-08 11:00"),
]


def test_equal_plans_give_an_empty_frame_and_no_change():
    """The same plan twice: no row (with the documented columns) and 'no change'."""
    a = hand_plan(OLD_TASKS, OLD_WORK)
    result = diff(a, hand_plan(OLD_TASKS, OLD_WORK))
    assert result.frame.empty and result.empty
    assert {c: str(t) for c, t in result.frame.dtypes.items()} == DIFF_COLUMNS
    assert result.summary() == NO_CHANGE


def test_earlier_delivery_is_counted_in_days_and_dated():
    """Delivered Tuesday 18:00 instead of Thursday 24:00: 2 days earlier, with both days named."""
    new = hand_plan({**OLD_TASKS, "x": (1, "2026-12-08 18:00")}, OLD_WORK)
    result = diff(hand_plan(OLD_TASKS, OLD_WORK), new)
    row = result.frame.iloc[0]
    assert (row["task"], row["changes"], row["shift_days"]) == ("x", "delivery", -2)
    assert pd.isna(row["person"])
    assert (
        result.summary() == "task 'x' delivered 2 days earlier (Tue 08 Dec instead of Thu 10 Dec)"
    )


def test_same_day_delivery_change_says_so():
    """A delivery moved within one day is reported as such, with the times."""
    old = hand_plan({**OLD_TASKS, "x": (1, "2026-12-10 12:00")}, OLD_WORK)
    new = hand_plan({**OLD_TASKS, "x": (1, "2026-12-10 17:00")}, OLD_WORK)
    result = diff(old, new)
    assert result.frame.iloc[0]["shift_days"] == 0
    assert "later the same day (Thu 10 Dec 17:00 instead of Thu 10 Dec 12:00)" in result.summary()


def test_hours_moved_from_the_lead_to_a_partner():
    """3 of the lead's 6 h on 'x' go to 'ana': a task row and one row per person, and a line."""
    new_work = [
        ("mission", "x", "lea", "2026-12-07 09:00", "2026-12-07 12:00"),
        ("mission", "x", "ana", "2026-12-07 09:00", "2026-12-07 12:00"),
        OLD_WORK[1],
    ]
    result = diff(hand_plan(OLD_TASKS, OLD_WORK), hand_plan(OLD_TASKS, new_work))
    frame = result.frame
    assert frame["person"].isna().tolist() == [True, False, False]
    task = frame.iloc[0]
    assert (task["changes"], task["resources_old"], task["resources_new"]) == (
        "resources,hours",
        "lea",
        "ana,lea",
    )
    people = frame.iloc[1:].set_index("person")[["hours_old", "hours_new"]]
    assert people.to_dict("index") == {
        "lea": {"hours_old": 6.0, "hours_new": 3.0},
        "ana": {"hours_old": 0.0, "hours_new": 3.0},
    }
    assert result.summary() == "task 'x': 3 h moved from lead 'lea' to 'ana'"


def test_coordination_counts_as_the_lead_time_on_the_task():
    """A coordination row of the lead on 'x' adds to the lead's hours on it."""
    new_work = [*OLD_WORK, ("coordination", "x", "lea", "2026-12-09 09:00", "2026-12-09 10:00")]
    result = diff(hand_plan(OLD_TASKS, OLD_WORK), hand_plan(OLD_TASKS, new_work))
    assert result.frame.iloc[1][["person", "hours_old", "hours_new"]].tolist() == ["lea", 6.0, 7.0]
    assert result.summary() == "task 'x': 1 h more for lead 'lea'"


def test_tranche_change_and_echeancier_size():
    """'y' goes to a second tranche: its row, its line and the échéancier's new size."""
    new = hand_plan({"x": (1, "2026-12-11 00:00"), "y": (2, "2026-12-11 00:00")}, OLD_WORK)
    result = diff(hand_plan(OLD_TASKS, OLD_WORK), new)
    row = result.frame.iloc[0]
    assert (row["task"], row["tranche_old"], row["tranche_new"]) == ("y", 1, 2)
    assert result.lines == (
        "task 'y' moves from tranche 1 to tranche 2",
        "échéancier: 2 tranche(s) instead of 1",
    )


def test_work_moved_in_time_only():
    """Same deliveries and hours, other hours of the day: no row, but not 'no change'."""
    moved = [("mission", "x", "lea", "2026-12-07 10:00", "2026-12-07 16:00"), OLD_WORK[1]]
    result = diff(hand_plan(OLD_TASKS, OLD_WORK), hand_plan(OLD_TASKS, moved))
    assert result.frame.empty
    assert result.summary() == SAME_OUTCOME


def test_task_in_one_plan_only():
    """A task only in the new plan is listed as added."""
    new = hand_plan({**OLD_TASKS, "z": (1, "2026-12-11 00:00")}, OLD_WORK)
    result = diff(hand_plan(OLD_TASKS, OLD_WORK), new)
    assert result.frame[["task", "changes"]].values.tolist() == [["z", "added"]]


def test_a_result_without_plan_is_refused():
    """diff needs two plans: an infeasible result is named in the error."""
    a = hand_plan(OLD_TASKS, OLD_WORK)
    with pytest.raises(ValueError, match=r"new\.status='infeasible' holds no plan"):
        diff(a, replace(a, status=Status.INFEASIBLE))
    with pytest.raises(ValueError, match="old is a str"):
        diff("plan", a)  # type: ignore[arg-type]


def test_real_pair_partner_unavailable():
    """Without 'ana', her hours on the study move to the lead and the study is delivered later."""
    scenario = load()
    base = plan(scenario, **FAST)
    gone = what_if.partner_unavailable(scenario, "ana", baseline=base, **FAST)
    result = diff(base, gone.result)
    study = result.frame[(result.frame["task"] == "study") & result.frame["person"].isna()].iloc[0]
    assert study["shift_days"] > 0 and "resources" in study["changes"]
    assert "task 'study': 8 h moved from 'ana' to lead 'lea'" in result.lines
