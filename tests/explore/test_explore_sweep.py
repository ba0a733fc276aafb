"""explore on the tiny overbooked scenario: the known lateness/fees trade-off, the contract."""

from __future__ import annotations

import pandas as pd
import pytest
from explore_helpers import FAST, SMALL_SWEEP, assert_checked, load

from mission_planner import Status, explore
from mission_planner.explore import PARETO_COLUMNS, PLAN_COLUMNS, non_dominated
from mission_planner.explore.sweep import fee_cap_points, sweep_points


def variants(scenario, frame) -> dict:
    """Label -> the scenario variant each row was planned on (rebuilt as explore does)."""
    sweep = sweep_points(scenario)
    root = frame.set_index("label").loc["as given", "result"]
    points = [sweep.root, *(p for chain in sweep.chains for p in chain)]
    points += fee_cap_points(scenario, root, (0.5,))
    return {p.label: p.scenario for p in points}


@pytest.fixture(scope="module")
def scenario():
    return load()


@pytest.fixture(scope="module")
def frame(scenario):
    return explore(scenario, **FAST, parallel=1)


def test_columns_and_dtypes_follow_the_contract(frame):
    """Exactly the contract's columns, in order, with its dtypes."""
    assert list(frame.columns) == list(PLAN_COLUMNS)
    assert {c: str(t) for c, t in frame.dtypes.items()} == PLAN_COLUMNS


def test_known_trade_off_between_lateness_and_fees(frame):
    """On time with 8 h delegated, 13 h late with 4 h, 18 h late alone: three Pareto plans."""
    front = frame[frame["non_dominated"]]
    assert len(front) >= 2
    pairs = sorted(zip(front["lateness"], front["partner_fees"], strict=True))
    assert pairs == [(0.0, 800.0), (13.0, 400.0), (18.0, 0.0)]
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


def test_every_plan_passes_the_checker_for_its_variant(scenario, frame):
    """Each row's plan is valid for the scenario variant that produced it."""
    by_label = variants(scenario, frame)
    for label, result in zip(frame["label"], frame["result"], strict=True):
        assert result.status in (Status.OPTIMAL, Status.FEASIBLE)
        assert_checked(by_label[label], result)


def test_variants_without_a_plan_and_repeats_are_reported(frame):
    """'As asked' (due dates, lead alone) is infeasible: named in attrs, not a row."""
    assert "deadlines at due dates, lead alone" in frame.attrs["no_plan"]
    assert frame.attrs["no_plan"]["deadlines at due dates, lead alone"].startswith("infeasible")
    assert "deadlines at due dates, lead alone" not in set(frame["label"])
    labels = set(frame["label"]) | set(frame.attrs["no_plan"]) | set(frame.attrs["duplicates"])
    assert "lead alone" in labels and "weights lateness=0 fees=1" in labels
    assert set(frame.attrs["duplicates"].values()) <= set(frame["label"]) | set(
        frame.attrs["duplicates"]
    )


def test_figures_are_measured_against_the_original_due_dates(scenario, frame):
    """A horizon-deadline plan is still late against the client's due dates."""
    by_label = variants(scenario, frame)
    assert by_label["deadlines at horizon end, lead alone"].mission.tasks[0].deadline == (
        scenario.end
    )
    late = frame[frame["lateness"] > 0]
    assert (late["extension_days"] > 0).all() and (late["late_tasks"] > 0).all()


def test_hints_do_not_change_proven_optimal_rows(scenario):
    """Every plan proven optimal: the sweep gives the same rows with and without hints."""
    with_hints = explore(scenario, **FAST, parallel=1, **SMALL_SWEEP)
    without = explore(scenario, **FAST, parallel=1, hints=False, **SMALL_SWEEP)
    assert all(r.status is Status.OPTIMAL for r in with_hints["result"])
    columns = [c for c in PLAN_COLUMNS if c != "result"]
    pd.testing.assert_frame_equal(with_hints[columns], without[columns])


def test_the_input_scenario_is_not_modified(scenario):
    """explore leaves its scenario as it was."""
    before = scenario.model_dump()
    explore(scenario, **FAST, parallel=1, lateness_weights=(1,), deadlines=(), fee_shares=())
    assert scenario.model_dump() == before


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lateness_weights": (10, -1)}, "lateness_weights=\\[10, -1\\] has -1"),
        ({"partner_counts": (1.5,)}, "partner_counts=\\[1.5\\] has 1.5"),
        ({"deadlines": ("later",)}, "deadlines=\\['later'\\] has 'later'"),
        ({"fee_shares": (1.5,)}, "fee_shares=\\[1.5\\] has 1.5"),
        ({"time_limit": 0}, "time_limit=0 must be a positive"),
        ({"workers": 0}, "workers=0 must be a positive integer"),
        ({"parallel": 0}, "parallel=0 must be a positive integer"),
    ],
)
def test_bad_settings_are_refused_by_name(scenario, kwargs, message):
    """Each bad setting raises a ValueError naming it and its value, before any solve."""
    settings = {**FAST, **kwargs}
    with pytest.raises(ValueError, match=message):
        explore(scenario, **settings)


def test_no_plan_at_all_gives_an_empty_frame_with_the_contract(scenario):
    """Due dates hard and 'ana' away: nothing fits; no rows, same columns, reasons in attrs."""
    from mission_planner.levers.variants import deadlines_at_due

    from mission_planner.explore import changes

    hopeless = changes.partner_unavailable(deadlines_at_due(scenario), "ana").scenario
    frame = explore(hopeless, **FAST, parallel=1, **SMALL_SWEEP)
    assert frame.empty
    assert {c: str(t) for c, t in frame.dtypes.items()} == PLAN_COLUMNS
    assert frame.attrs["no_plan"]["as given"].startswith("infeasible")
