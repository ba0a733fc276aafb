"""What-ifs: each changes what it names and only that; its plan checks; compare and grid."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pandas as pd
import pytest
from explore_helpers import FAST, assert_checked, assert_client_dates, load

from mission_planner import Status, plan, what_if
from mission_planner.explore import COMPARE_COLUMNS, changes
from mission_planner.policy import Policy
from mission_planner.settings import SolveSettings

D = dt.date
ALONE = Policy(roster="none")
"""The lead alone."""
STRICT = Policy(dates="asked")
"""Every task by its due date."""


def flat(value: Any, path: str = "") -> dict[str, Any]:
    """A nested dump as ``{path: leaf}``."""
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in flat(item, f"{path}.{key}").items()}
    if isinstance(value, list | tuple):
        return {k: v for i, item in enumerate(value) for k, v in flat(item, f"{path}[{i}]").items()}
    return {path: value}


def changed(before, after) -> set[str]:
    """Paths whose value differs between two scenarios (added or removed paths included)."""
    a, b = flat(before.model_dump()), flat(after.model_dump())
    return {p for p in a.keys() | b.keys() if a.get(p, "<none>") != b.get(p, "<none>")}


@pytest.fixture(scope="module")
def scenario():
    return load()


@pytest.fixture(scope="module")
def baseline(scenario):
    return plan(scenario, **FAST)


def test_more_flexibility_on_a_task_is_a_later_date_in_the_policy(scenario, baseline):
    """+2 working days on 'study': Fri 06 -> Tue 10 Mar in the policy; the scenario is kept."""
    result = what_if.more_flexibility(scenario, 2, tasks="study", baseline=baseline, **FAST)
    assert result.scenario is scenario
    assert result.policy == Policy(dates={"study": D(2026, 3, 10), "report": D(2026, 3, 10)})
    assert "working day" in result.description and "'study'" in result.description
    assert result.result.has_plan
    assert_checked(scenario, result.result, result.policy)
    assert_client_dates(scenario, result.result)


def test_more_flexibility_builds_on_the_policy_given(scenario):
    """Due dates hard: +1 working day moves 'study' from its due Tue 03 to Wed 04 Mar only."""
    change = changes.more_flexibility(scenario, 1, tasks="study", policy=STRICT)
    assert change.policy is not None
    assert change.policy.dates == {"study": D(2026, 3, 4), "report": D(2026, 3, 5)}
    alone = changes.more_flexibility(scenario, 1, tasks="study", policy=ALONE)
    assert alone.policy is not None and alone.policy.roster == "none"


def test_more_flexibility_on_a_tranche_moves_its_tasks_dates(scenario, baseline):
    """Tranche 1 of the baseline: each of its tasks' dates moves 1 working day."""
    first = baseline.deliveries.loc[baseline.deliveries["tranche"] == 1, "task"].tolist()
    result = what_if.more_flexibility(scenario, 1, tranche=1, baseline=baseline, **FAST)
    assert result.policy is not None and isinstance(result.policy.dates, dict)
    moved = {t for t, d in result.policy.dates.items() if d != scenario.task(t).latest}
    assert moved == set(first)
    assert result.name == "+1 working day on tranche 1"
    assert_checked(scenario, result.result, result.policy)


def test_more_flexibility_stops_at_the_horizon_end(scenario):
    """Fifty working days past Fri 06 Mar is past the horizon: the date stops at its end."""
    change = changes.more_flexibility(scenario, 50, tasks=["study"])
    assert change.policy is not None and isinstance(change.policy.dates, dict)
    assert change.policy.dates["study"] == scenario.end
    assert "horizon's last day" in change.description


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"days": 0, "tasks": "study"}, "days=0 must be a positive integer"),
        ({"days": 1, "tasks": "nope"}, "task 'nope' is not a task of the mission"),
        ({"days": 1}, "give tasks or tranche, not neither"),
        ({"days": 1, "tasks": "study", "tranche": 1}, "not both"),
        ({"days": 1, "tranche": 1}, "tranche=1 needs a baseline plan"),
    ],
)
def test_more_flexibility_errors_name_the_field(scenario, kwargs, message):
    """Bad flexibility requests raise a ValueError naming the field and value."""
    with pytest.raises(ValueError, match=message):
        changes.more_flexibility(scenario, **kwargs)


def test_more_flexibility_tranche_must_be_in_the_baseline(scenario, baseline):
    """A tranche number the baseline does not have is refused with the ones it has."""
    with pytest.raises(ValueError, match="tranche=9 is not in the baseline's"):
        changes.more_flexibility(scenario, 1, tranche=9, baseline=baseline)


def test_partner_unavailable_over_the_horizon(scenario, baseline):
    """'ana' gets a whole-day busy block each day, nothing else moves; she does no work."""
    result = what_if.partner_unavailable(scenario, "ana", baseline=baseline, **FAST)
    paths = changed(scenario, result.scenario)
    assert paths and all(p.startswith(".partners[0].busy[") for p in paths)
    days = (scenario.end - scenario.start).days + 1
    assert len(result.scenario.partners[0].busy) == days
    assert "ana" not in set(result.result.schedule["resource"])
    assert result.result.has_plan and result.policy is None
    assert_checked(result.scenario, result.result)
    assert_client_dates(scenario, result.result)


def test_partner_unavailable_for_a_period(scenario):
    """Only the days of the period, clipped to the horizon, become busy."""
    change = changes.partner_unavailable(scenario, "ana", start=D(2026, 3, 12), end=D(2026, 3, 20))
    assert [b.date for b in change.scenario.partners[0].busy] == [D(2026, 3, 12), D(2026, 3, 13)]
    assert "from Thu 12 Mar 2026 to Fri 13 Mar 2026" in change.description


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"partner": "bob"}, "partner 'bob' is not on the roster \\['ana'\\]"),
        ({"partner": "ana", "start": D(2026, 3, 5), "end": D(2026, 3, 4)}, "end=2026-03-04 is"),
        ({"partner": "ana", "start": D(2026, 4, 1)}, "is outside the horizon"),
    ],
)
def test_partner_unavailable_errors_name_the_field(scenario, kwargs, message):
    """Unknown partner, reversed or outside period: a ValueError naming it."""
    with pytest.raises(ValueError, match=message):
        changes.partner_unavailable(scenario, **kwargs)


def test_overtime_sets_a_daily_cap_and_says_so(scenario):
    """7.5 h a week over 5 weekdays on a 60-min grid: 1 h a day, stated in the description."""
    change = changes.overtime(scenario, 7.5)
    assert changed(scenario, change.scenario) == {".lead.calendar.overtime_hours_per_day"}
    assert change.scenario.lead.calendar.overtime_hours_per_day == 1.0
    assert "up to 1 h a day" in change.description
    assert "5 working weekdays (5 h in a full week" in change.description


def test_overtime_lets_the_lead_alone_be_later_less(scenario):
    """Lead alone, 10 h a week of overtime (2 h a day): the study is less late; the plan checks."""
    before = plan(scenario, policy=ALONE, **FAST)
    result = what_if.overtime(scenario, 10, baseline=before, policy=ALONE, **FAST)
    assert result.policy == ALONE
    late = result.result.deliveries.set_index("task").loc["study", "lateness_hours"]
    assert late < before.deliveries.set_index("task").loc["study", "lateness_hours"]
    assert_checked(result.scenario, result.result, ALONE)


@pytest.mark.parametrize(
    ("hours", "message"), [(0, "hours_per_week=0 must be"), (3, "less than one 60-minute slot")]
)
def test_overtime_errors_name_the_value(scenario, hours, message):
    """Zero hours, or fewer than a slot a day, are refused."""
    with pytest.raises(ValueError, match=message):
        changes.overtime(scenario, hours)


def test_move_a_fixed_block(scenario, baseline):
    """The workshop moves from Monday 2 to Monday 9: only its date changes; the plan checks."""
    result = what_if.move_commitment(scenario, "workshop", D(2026, 3, 9), baseline=baseline, **FAST)
    assert changed(scenario, result.scenario) == {".fixed_blocks[0].date"}
    fixed = result.result.schedule[result.result.schedule["kind"] == "fixed"]
    assert set(fixed["date"]) == {pd.Timestamp(2026, 3, 9)}
    assert_checked(result.scenario, result.result)


def test_move_an_engagement_shifts_its_window(scenario):
    """The audit's deadline moves a day earlier, and its earliest start with it."""
    change = changes.move_commitment(scenario, "audit", D(2026, 3, 12))
    assert changed(scenario, change.scenario) == {
        ".engagements[0].deadline",
        ".engagements[0].earliest_start",
    }
    assert change.scenario.engagements[0].earliest_start == D(2026, 3, 8)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope", D(2026, 3, 9)), "commitment 'nope' is neither a fixed block \\['workshop'\\]"),
        (("workshop", D(2026, 4, 9)), "to=2026-04-09 is outside the horizon"),
        (("workshop", D(2026, 3, 2)), "fixed block 'workshop' is already on 2026-03-02"),
    ],
)
def test_move_errors_name_the_commitment(scenario, args, message):
    """Unknown commitment, date outside the horizon, same date: refused by name."""
    with pytest.raises(ValueError, match=message):
        changes.move_commitment(scenario, *args)


@pytest.mark.parametrize(
    ("commitment", "path"), [("workshop", "fixed_blocks"), ("audit", "engagements")]
)
def test_drop_a_commitment(scenario, baseline, commitment, path):
    """Dropping removes that commitment only; the plan checks against the variant."""
    result = what_if.drop_commitment(scenario, commitment, baseline=baseline, **FAST)
    assert {p.split("[")[0] for p in changed(scenario, result.scenario)} == {f".{path}"}
    assert getattr(result.scenario, path) == ()
    assert commitment not in set(result.result.schedule["task"])
    assert_checked(result.scenario, result.result)


def test_drop_an_unknown_commitment_is_refused(scenario):
    """An id that is not a commitment is named in the error."""
    with pytest.raises(ValueError, match="commitment 'lunch'"):
        changes.drop_commitment(scenario, "lunch")


def test_add_a_partner(scenario, baseline):
    """A cheaper partner joins: the roster grows by one, nothing else; the plan uses her."""
    bob = {"id": "bob", "day_rate": 400, "calendar": {"country": None}}
    result = what_if.add_partner(scenario, bob, baseline=baseline, **FAST)
    paths = changed(scenario, result.scenario)
    assert paths and all(p.startswith(".partners[1].") for p in paths)
    assert "bob" in set(result.result.schedule["resource"])
    assert result.result.partner_fees < baseline.partner_fees
    assert_checked(result.scenario, result.result)


@pytest.mark.parametrize(
    ("partner", "message"),
    [
        ({"id": "ana", "day_rate": 1}, "partner id='ana' is already used"),
        ({"id": "x", "day_rate": -5}, "day_rate"),
    ],
)
def test_add_partner_errors(scenario, partner, message):
    """A taken id or an invalid field is a ValueError naming it."""
    with pytest.raises(ValueError, match=message):
        changes.add_partner(scenario, partner)


def test_compare_puts_deltas_against_the_baseline(scenario):
    """Baseline row first with zero deltas; an infeasible what-if has missing figures."""
    base = plan(scenario, policy=STRICT, **FAST)
    gone = what_if.partner_unavailable(scenario, "ana", baseline=base, policy=STRICT, **FAST)
    free = what_if.drop_commitment(scenario, "workshop", baseline=base, policy=STRICT, **FAST)
    assert gone.result.status is Status.INFEASIBLE
    frame = what_if.compare(scenario, base, gone, free)
    assert list(frame.columns) == list(COMPARE_COLUMNS)
    assert {c: str(t) for c, t in frame.dtypes.items()} == COMPARE_COLUMNS
    assert frame["label"].tolist() == ["baseline", gone.name, free.name]
    assert frame.loc[0, "delta_partner_fees"] == 0 and frame.loc[0, "delta_chunks"] == 0
    assert pd.isna(frame.loc[1, "lateness"]) and pd.isna(frame.loc[1, "delta_extension_days"])
    assert frame.loc[2, "delta_partner_fees"] == free.result.partner_fees - base.partner_fees
    assert frame.loc[2, "partner_fees"] == 0.0  # a free Monday: no partner needed
    assert not frame.loc[1, "non_dominated"]
    assert_checked(free.scenario, free.result, STRICT)


def test_compare_refuses_a_what_if_of_another_mission(scenario, baseline):
    """A what-if whose tasks differ from the scenario's cannot be compared with it."""
    data = scenario.model_dump()
    data["mission"]["tasks"] = data["mission"]["tasks"][:1]
    other = type(scenario).model_validate(data)
    item = what_if.WhatIf("other", "another mission", other, None, baseline)
    with pytest.raises(ValueError, match="what-if 'other' has tasks \\['study'\\]"):
        what_if.compare(scenario, baseline, item)


def test_grid_on_an_executor_matches_the_local_run(scenario, baseline):
    """The same changes planned on a thread pool and in turn locally give the same figures."""
    grid = [
        changes.partner_unavailable(scenario, "ana"),
        changes.overtime(scenario, 10),
        changes.drop_commitment(scenario, "workshop"),
    ]
    # the budget covers the whole grid; alone, every change proves optimal in about 3 s, and a
    # proven solve returns at once: the margin is for a loaded machine, never waited for
    budget = {"time_limit": 120, "seed": 0, "workers": 1}
    with ThreadPoolExecutor(max_workers=2) as pool:
        settings = SolveSettings(**budget, parallel=2, executor=pool)
        remote = what_if.grid(grid, baseline=baseline, settings=settings)
    local = what_if.grid(grid, baseline=baseline, **budget)
    assert [w.name for w in remote] == [c.name for c in grid]
    a = what_if.compare(scenario, baseline, *remote).drop(columns="result")
    b = what_if.compare(scenario, baseline, *local).drop(columns="result")
    pd.testing.assert_frame_equal(a, b)
    for item in remote:
        assert_checked(item.scenario, item.result, item.policy)


def test_grid_out_of_time_says_which_changes_were_not_planned(scenario, baseline):
    """0.3 s for three changes: the later ones are unknown, and say it is the time limit."""
    grid = [changes.overtime(scenario, 10), changes.drop_commitment(scenario, "workshop")]
    grid.append(changes.partner_unavailable(scenario, "ana"))
    items = what_if.grid(grid, baseline=baseline, time_limit=0.3, seed=0, workers=1)
    last = items[-1].result
    assert last.status is Status.UNKNOWN and "raise time_limit" in last.explanation[0]
    assert "impossible" not in last.explanation[0]


def test_grid_refuses_what_is_not_a_change(scenario):
    """A grid item that is not a Change is named by position."""
    with pytest.raises(ValueError, match="changes\\[0\\] is a str"):
        what_if.grid(["workshop"], **FAST)  # type: ignore[list-item]


def test_more_effort_changes_only_the_task_effort(scenario, baseline):
    """+4 h on 'study': 20 h instead of 16, nothing else; the plan checks on the new world."""
    result = what_if.more_effort(scenario, "study", 4, baseline=baseline, **FAST)
    assert changed(scenario, result.scenario) == {".mission.tasks[0].effort_hours"}
    assert result.scenario.task("study").effort_hours == 20
    assert "20 h instead of 16 h" in result.description
    hours = result.result.schedule.query("kind == 'mission' and task == 'study'")["hours"].sum()
    assert hours == 20
    assert_checked(result.scenario, result.result)


def test_bring_forward_moves_the_due_date_and_the_deadline(scenario, baseline):
    """'report' wanted Wed 04 instead of Thu 05 Mar: its deadline Tue 10 moves to Mon 09."""
    result = what_if.bring_forward(scenario, "report", D(2026, 3, 4), baseline=baseline, **FAST)
    assert changed(scenario, result.scenario) == {
        ".mission.tasks[1].due",
        ".mission.tasks[1].deadline",
    }
    assert result.scenario.task("report").deadline == D(2026, 3, 9)
    assert "1 calendar day earlier" in result.description
    assert_checked(result.scenario, result.result)
    assert_client_dates(result.scenario, result.result)  # measured against the new dates


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: changes.more_effort(s, "nope", 1), "task 'nope' is not a task"),
        (lambda s: changes.more_effort(s, "study", 0), "hours=0 must be a positive number"),
        (lambda s: changes.bring_forward(s, "study", D(2026, 3, 3)), "is not before"),
        (lambda s: changes.bring_forward(s, "study", D(2026, 3, 1)), "horizon's start"),
    ],
)
def test_mission_changes_refuse_bad_values_by_name(scenario, call, message):
    """Unknown task, no extra effort, a date not earlier or before the horizon: named."""
    with pytest.raises(ValueError, match=message):
        call(scenario)
