"""plan(..., hint=...): a plan read back onto working axes; only hints verified under the
policy of the solve become plans."""

from __future__ import annotations

import pandas as pd
import pytest
from explore_helpers import FAST, assert_checked, load

from mission_planner import plan
from mission_planner.frames import schedule_frame
from mission_planner.plan_hint import solution_of, verified
from mission_planner.planner import _starting_points, _warm_start
from mission_planner.policy import Policy
from mission_planner.problem import compile_problem
from mission_planner.scenario import Scenario
from mission_planner.solution import Chunk, Solution, evaluate

ALONE = Policy(roster="none")
"""The lead alone."""
LATE_ALLOWED = Policy(dates="horizon")
"""Every task by the horizon's last day."""


@pytest.fixture(scope="module")
def scenario():
    return load()


@pytest.fixture(scope="module")
def delegated(scenario):
    """The as-given plan: 'ana' does part of the study."""
    result = plan(scenario, **FAST)
    assert "ana" in set(result.schedule["resource"])
    return result


def test_a_plan_reads_back_exactly_onto_its_own_problem(scenario, delegated):
    """Its schedule maps to working-axis chunks that rebuild the same schedule, and it checks."""
    problem = compile_problem(scenario)
    hint = solution_of(problem, delegated)
    assert hint is not None and hint.exact
    assert verified(problem, hint.solution)
    rebuilt = schedule_frame(problem, hint.solution)
    pd.testing.assert_frame_equal(rebuilt, delegated.schedule)
    assert evaluate(problem, hint.solution).objective == pytest.approx(delegated.objective)


def test_a_hint_breaking_the_policy_is_not_verified(scenario, delegated):
    """With the lead alone, the delegated plan maps exactly but 'ana' may not work."""
    problem = compile_problem(scenario, ALONE)
    hint = solution_of(problem, delegated)
    assert hint is not None and hint.exact
    assert not verified(problem, hint.solution)


def test_an_invalid_hint_guides_cp_sat_but_is_never_the_plan(scenario, delegated):
    """Without a warm start, the invalid hint goes to CP-SAT only; the plan is valid."""
    problem = compile_problem(scenario, ALONE)
    best_known, solver_hint = _starting_points(problem, None, delegated)
    assert best_known is None and solver_hint is not None
    result = plan(scenario, policy=ALONE, **FAST, hint=delegated, warm_start=False)
    assert result.has_plan
    assert set(result.schedule.loc[result.schedule["kind"] == "mission", "resource"]) == {"lea"}
    assert_checked(scenario, result, ALONE)


def test_a_hint_the_policy_forbids_never_wins_over_the_warm_start(scenario, delegated):
    """The delegated plan has the lower objective, but the lead-alone plan has no partner."""
    result = plan(scenario, policy=ALONE, **FAST, hint=delegated)
    assert result.partner_fees == 0.0
    assert set(result.schedule["resource"]) == {"lea"}
    assert_checked(scenario, result, ALONE)


def test_a_valid_better_hint_is_the_best_known_plan(scenario, delegated):
    """A hint valid under a relaxed policy (dates at horizon) is CP-SAT's hint and fallback."""
    problem = compile_problem(scenario, LATE_ALLOWED)
    best_known, solver_hint = _starting_points(problem, None, delegated)
    assert best_known is not None and best_known is solver_hint
    result = plan(scenario, policy=LATE_ALLOWED, **FAST, hint=delegated, warm_start=False)
    assert result.objective <= delegated.objective
    assert_checked(scenario, result, LATE_ALLOWED)


def test_the_warm_start_wins_when_at_least_as_good(scenario):
    """A worse hint (the lead-alone plan) leaves the warm start as CP-SAT's hint."""
    alone = plan(scenario, policy=ALONE, **FAST)
    problem = compile_problem(scenario)
    warm = _warm_start(problem, 0, 1.0)
    assert warm is not None
    hint = solution_of(problem, alone)
    assert hint is not None
    assert (
        evaluate(problem, warm).scaled_objective
        <= evaluate(problem, hint.solution).scaled_objective
    )
    assert _starting_points(problem, warm, alone) == (warm, warm)


def test_a_hint_for_another_mission_is_ignored(scenario, delegated):
    """A plan missing one of the problem's tasks cannot be read; the solve goes on without it."""
    data = scenario.model_dump()
    extra = {**data["mission"]["tasks"][0], "id": "extra", "predecessors": ()}
    data["mission"] = {**data["mission"], "tasks": [*data["mission"]["tasks"], extra]}
    other = Scenario.model_validate(data)
    assert solution_of(compile_problem(other), delegated) is None
    result = plan(other, **FAST, hint=delegated)
    assert_checked(other, result)


def test_rows_of_an_unknown_person_make_the_hint_inexact(scenario, delegated):
    """Without 'ana' on the roster, her rows are left out and the hint is not exact."""
    data = scenario.model_dump()
    data["partners"] = []
    problem = compile_problem(Scenario.model_validate(data))
    hint = solution_of(problem, delegated)
    assert hint is not None and not hint.exact
    assert {c.person for c in hint.solution.chunks} == {"lea"}


def test_overlapping_chunks_are_not_verified(scenario, delegated):
    """Moving a chunk onto another chunk of the same person breaks the plan: not verified."""
    problem = compile_problem(scenario)
    hint = solution_of(problem, delegated)
    assert hint is not None
    lead = [c for c in hint.solution.chunks if c.person == "lea"]
    first, second = lead[0], lead[1]
    moved = Chunk(second.job, second.person, first.start, second.length)
    chunks = [moved if c == second else c for c in hint.solution.chunks]
    broken = Solution(chunks, dict(hint.solution.tranche), list(hint.solution.delivery))
    assert not verified(problem, broken)
