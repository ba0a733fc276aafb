"""explore on the tiny overbooked scenario: policies over the client's scenario, the contract."""

from __future__ import annotations

import pandas as pd
import pytest
from explore_helpers import EXPLORE, SMALL_SWEEP, assert_checked, assert_client_dates, load

from mission_planner import Status, explore
from mission_planner.explore import (
    PARETO_COLUMNS,
    PLAN_COLUMNS,
    chains,
    non_dominated,
    sweep,
    sweep_points,
)
from mission_planner.policy import Policy
from mission_planner.scenario import Scenario


@pytest.fixture(scope="module")
def scenario():
    return load()


@pytest.fixture(scope="module")
def frame(scenario):
    return explore(scenario, **EXPLORE, parallel=1)


def test_columns_and_dtypes_follow_the_contract(frame):
    """Exactly the contract's columns, in order, with its dtypes."""
    assert list(frame.columns) == list(PLAN_COLUMNS)
    assert {c: str(t) for c, t in frame.dtypes.items()} == PLAN_COLUMNS


def test_known_trade_off_between_lateness_and_fees(frame):
    """On time with 8 h delegated (800 EUR) or 18 urgency-hours late alone: two Pareto plans.

    The 13 h / 400 EUR plan of a half delegation is not supported (above the segment between
    the two), so no weighting of fees against lateness finds it.
    """
    front = frame[frame["non_dominated"]]
    pairs = sorted(zip(front["lateness"], front["partner_fees"], strict=True))
    assert pairs == [(0.0, 800.0), (18.0, 0.0)]
    alone = front.set_index("partner_fees").loc[0.0]
    assert alone["lead_hours"] == 20.0 and alone["extension_days"] == 1
    assert alone["late_tasks"] == 1 and alone["margin"] == 2500.0


def test_non_dominated_is_exact_on_the_rows(frame):
    """The column equals an independent recomputation, and no two rows share figures."""
    assert frame["non_dominated"].tolist() == non_dominated(frame).tolist()
    assert not frame.duplicated(subset=list(PARETO_COLUMNS)).any()


def test_rows_are_sorted_by_the_figures(frame):
    """Rows come sorted by lateness, extension, fees, lead hours, chunks, then label."""
    key = [*PARETO_COLUMNS, "label"]
    assert frame.equals(frame.sort_values(key).reset_index(drop=True))


def test_every_plan_passes_the_checker_under_its_policy(scenario, frame):
    """Each row's plan is valid for the client's scenario under the policy it holds."""
    for row in frame.itertuples():
        assert row.result.status in (Status.OPTIMAL, Status.FEASIBLE)
        assert isinstance(row.policy, Policy)
        assert_checked(scenario, row.result, row.policy)


def test_no_plan_is_made_under_a_rewritten_scenario(scenario, frame):
    """Every plan quotes the client's due and deadline, even under 'deadlines at horizon end'."""
    for result in frame["result"]:
        assert_client_dates(scenario, result)
    policies = {p.label: p.policy for p in sweep_points(scenario).points}
    assert policies["deadlines at horizon end, lead alone"] == Policy(
        dates="horizon", roster="none"
    )


def test_every_solve_is_given_the_client_scenario_itself(monkeypatch, scenario):
    """explore hands plan() the very scenario object it was given, under a policy, each time."""
    seen = []

    def recording(given, *, policy=None, settings=None, hint=None):
        seen.append((given, policy))
        return real(given, policy=policy, settings=settings, hint=hint)

    real = sweep.plan
    monkeypatch.setattr(sweep, "plan", recording)
    monkeypatch.setattr(chains, "plan", recording)
    explore(scenario, **EXPLORE, **SMALL_SWEEP)
    assert len(seen) == 3  # the root, 'lead alone' and 'weights lateness=1 fees=1'
    assert all(given is scenario and isinstance(policy, Policy) for given, policy in seen)


def test_variants_without_a_plan_and_repeats_are_reported(frame):
    """'As asked' (due dates, lead alone) is infeasible: named in attrs, not a row."""
    assert frame.attrs["no_plan"]["deadlines at due dates, lead alone"].startswith("infeasible")
    assert "deadlines at due dates, lead alone" not in set(frame["label"])
    # the scenario's own weights are lateness=1000, fees=1: the same reading as the root
    assert frame.attrs["duplicates"]["weights lateness=1000 fees=1"] == "as given"
    # 'ana' is trusted: a surcharge on new partners changes nothing
    assert frame.attrs["duplicates"]["new partners +50%"] == "as given"
    assert frame.attrs["skipped"] == []
    labels = set(frame["label"]) | set(frame.attrs["no_plan"]) | set(frame.attrs["duplicates"])
    assert "lead alone" in labels and "weights lateness=0 fees=1" in labels


def test_figures_are_measured_against_the_client_due_dates(scenario, frame):
    """The horizon-deadline plan alone is late against the client's due dates: 18 h, 1 day."""
    late = frame[frame["lateness"] > 0]
    assert (late["extension_days"] > 0).all() and (late["late_tasks"] > 0).all()
    rows = late.set_index("lateness")
    assert rows.loc[18.0, "extension_days"] == 1


def test_sweep_interleaves_the_kinds_of_points(scenario):
    """One point of each sweep in turn, so that a short budget still covers each kind."""
    sweep = sweep_points(scenario)
    assert [p.label for p in sweep.points] == [
        "deadlines at due dates",
        "lead alone",
        "fees weighed x2",
        "deadlines at due dates, lead alone",
        "weights lateness=100 fees=1",
        "deadlines at horizon end",
        "weights lateness=10 fees=1",
        "deadlines at horizon end, lead alone",
        "weights lateness=1 fees=1",
        "weights lateness=0 fees=1",
    ]
    assert all(p.scenario is scenario for p in sweep.points)


def test_a_short_budget_skips_points_and_says_which(scenario):
    """0.3 s is the root's minimum solve: every other point is listed as skipped, in order."""
    frame = explore(scenario, time_limit=0.3, seed=0, workers=1, **SMALL_SWEEP)
    assert list(frame["label"]) == ["as given"]
    assert frame.attrs["skipped"] == ["lead alone", "weights lateness=1 fees=1"]


def test_hints_do_not_change_proven_optimal_rows(scenario):
    """Every plan proven optimal: the sweep gives the same rows with and without hints."""
    with_hints = explore(scenario, **EXPLORE, parallel=1, **SMALL_SWEEP)
    without = explore(scenario, **EXPLORE, parallel=1, hints=False, **SMALL_SWEEP)
    assert all(r.status is Status.OPTIMAL for r in with_hints["result"])
    columns = [c for c in PLAN_COLUMNS if c != "result"]
    pd.testing.assert_frame_equal(with_hints[columns], without[columns])


def test_the_input_scenario_is_not_modified(scenario):
    """explore leaves its scenario as it was."""
    before = scenario.model_dump()
    explore(scenario, **EXPLORE, lateness_weights=(1,), deadlines=(), fee_shares=(), surcharges=())
    assert scenario.model_dump() == before


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lateness_weights": (10, -1)}, "lateness_weights=\\[10, -1\\] has -1"),
        ({"partner_counts": (1.5,)}, "partner_counts=\\[1.5\\] has 1.5"),
        ({"deadlines": ("later",)}, "deadlines=\\['later'\\] has 'later'"),
        ({"fee_shares": (1.5,)}, "fee_shares=\\[1.5\\] has 1.5"),
        ({"surcharges": (0,)}, "surcharges=\\[0\\] has 0"),
        ({"time_limit": 0}, "time_limit=0 must be a positive"),
        ({"workers": 0}, "workers=0 must be a positive integer"),
        ({"parallel": 0}, "parallel=0 must be a positive integer"),
        ({"settings": 5}, "settings=5 must be a SolveSettings"),
    ],
)
def test_bad_settings_are_refused_by_name(scenario, kwargs, message):
    """Each bad setting raises a ValueError naming it and its value, before any solve."""
    with pytest.raises(ValueError, match=message):
        explore(scenario, **{**EXPLORE, **kwargs})


def test_no_plan_at_all_gives_an_empty_frame_with_the_contract(scenario):
    """The client accepts no delay and 'ana' is off the roster: nothing fits; reasons in attrs."""
    data = scenario.model_dump()
    data["partners"] = []
    data["mission"]["tasks"] = [{**t, "deadline": t["due"]} for t in data["mission"]["tasks"]]
    hopeless = Scenario.model_validate(data)
    frame = explore(hopeless, **EXPLORE, **SMALL_SWEEP)
    assert frame.empty
    assert {c: str(t) for c, t in frame.dtypes.items()} == PLAN_COLUMNS
    assert frame.attrs["no_plan"]["as given"].startswith("infeasible")
