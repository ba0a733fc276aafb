"""The lateness cuts see the nights and weekends past a due date (issue 15)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mission_planner import Status, check, plan
from mission_planner.cpsat.lateness import hull_edges, overflow_delays
from mission_planner.io import load_scenario
from mission_planner.problem import compile_problem

WEEKEND = Path(__file__).resolve().parents[1] / "data" / "bounds" / "weekend.yaml"


def test_overflow_past_friday_counts_the_weekend():
    """8 h spilling past Friday end Monday 18:00: 66 real hours late, not 8."""
    problem = compile_problem(load_scenario(WEEKEND))
    lead = problem.timeline.person(problem.lead)
    due = problem.jobs[0].due
    assert due is not None
    delays = overflow_delays(lead, due, 8)
    # Monday 9-13 (hours 58..61 past Saturday 00:00) then 14-18 (63..66)
    assert delays == [0, 58, 59, 60, 61, 63, 64, 65, 66]


def test_hull_keeps_the_chord_through_the_fixed_overflow():
    """With 8 h of overflow fixed, the one hull edge reaches (8, 66): the cut is exact there."""
    assert hull_edges([0, 58, 59, 60, 61, 63, 64, 65, 66], 8) == [((0, 0), (8, 66))]


def test_hull_edges_lie_below_every_point():
    """Every kept edge is a valid lower bound of the delays at every overflow."""
    values = [0, 3, 4, 20, 21, 22, 40, 41, 60, 61, 62, 63]
    edges = hull_edges(values, 0)
    assert edges
    for (x1, y1), (x2, y2) in edges:
        for x, y in enumerate(values):
            assert (x2 - x1) * y >= (x2 - x1) * y1 + (y2 - y1) * (x - x1)


def test_weekend_case_proven_optimal_under_a_work_limit():
    """The 2-task case is proven optimal at 66,020 within a small deterministic work limit."""
    scenario = load_scenario(WEEKEND)
    result = plan(
        scenario,
        time_limit=30,
        seed=0,
        workers=1,
        solver_params={"max_deterministic_time": 1.0},
    )
    assert check(scenario, result) == []
    assert result.status is Status.OPTIMAL
    assert result.objective == 66_020
    assert result.bound == 66_020 and result.bound_source == "optimal"


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(st.integers(0, 30), min_size=1, max_size=60), st.integers(0, 60))
def test_hull_edges_are_valid_cuts_for_any_delays(steps: list[int], least: int):
    """For any non-decreasing delays, every kept edge lies below every point (valid cut)."""
    values = [0]
    for step in steps:
        values.append(values[-1] + step)
    for (x1, y1), (x2, y2) in hull_edges(values, min(least, len(values) - 1)):
        assert x2 > x1
        for x, y in enumerate(values):
            assert (x2 - x1) * y >= (x2 - x1) * y1 + (y2 - y1) * (x - x1)
