"""Tests of the consultant baselines: the naive CP-SAT model, the non-splitting variant and
PyJobShop on it."""

from __future__ import annotations

import sys
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `benchmarks` is a top-level package of the repository
    sys.path.insert(0, str(ROOT))

from benchmarks import generators  # noqa: E402
from benchmarks.baselines import consultant_naive  # noqa: E402
from benchmarks.consultant import tables  # noqa: E402

from mission_planner import Scenario, check, plan  # noqa: E402
from mission_planner.problem import compile_problem  # noqa: E402

DATA = ROOT / "tests" / "data"


def _valid(scenario: Scenario, problem, solution) -> None:
    assert solution is not None
    assert check(scenario, tables(problem, solution)) == []


def sessions_free(data: dict) -> dict:
    """Scenario data whose tasks' sessions may run over nights (the naive model, like the
    generated scenarios, states no session rule)."""
    for task in data["mission"]["tasks"]:
        task.update(session_crosses="nights", session_window=None, max_session_hours=None)
    return data


@pytest.mark.parametrize("name", ["tiny.json", "tiny_partners.json", "tiny_engagement.yaml"])
def test_naive_model_agrees_with_the_library_on_tiny_scenarios(name):
    """A second formulation: the naive model proves the same optimum as plan(), plan valid.

    The naive model has no coordination (like the generated scenarios): it is switched off.
    """
    scenario = Scenario.model_validate(
        {
            **sessions_free(Scenario.from_file(DATA / name).model_dump()),
            "kickoff_hours": 0,
            "coordination_share": 0,
        }
    )
    # tiny cases are proven in well under a second; the generous limit only keeps a loaded CI
    # machine from reading 'feasible' (a proven solve returns at once)
    outcome, problem, solution = consultant_naive.solve_scenario(
        scenario, time_limit=20, workers=1, seed=0
    )
    _valid(scenario, problem, solution)
    assert outcome.violations == 0
    result = plan(scenario, time_limit=20, workers=1, seed=0)
    assert check(scenario, result) == []
    assert outcome.status == result.status.value == "optimal"
    assert outcome.objective == pytest.approx(result.objective)
    assert outcome.bound == pytest.approx(result.objective)


@pytest.mark.parametrize("tranches", [1, 2])
def test_naive_model_groups_tasks_into_fewer_tranches(tranches):
    """tiny.json with fewer tranches than tasks: the naive tranches give a valid plan at the
    optimum plan() proves."""
    data = sessions_free(Scenario.from_file(DATA / "tiny.json").model_dump())
    data["mission"]["max_tranches"] = tranches
    scenario = Scenario.model_validate(data)
    outcome, problem, solution = consultant_naive.solve_scenario(
        scenario, time_limit=20, workers=1, seed=0
    )
    _valid(scenario, problem, solution)
    assert len(solution.delivery) <= tranches
    result = plan(scenario, time_limit=20, workers=1, seed=0)
    assert outcome.status == result.status.value == "optimal"
    assert outcome.objective == pytest.approx(result.objective)


def test_naive_trace_is_monotone_and_ends_at_the_plan():
    """The trace lists improving plans in time order, valued by the library, last = final."""
    scenario = generators.generate("S", 0, nosplit=True)
    outcome, _, _ = consultant_naive.solve_scenario(scenario, time_limit=5, workers=1, seed=0)
    trace = outcome.trace
    assert trace, outcome
    times = [t for t, _ in trace]
    values = [v for _, v in trace]
    assert times == sorted(times)
    assert all(a > b for a, b in pairwise(values))
    assert values[-1] == outcome.objective
    assert outcome.time_to_first == times[0] <= outcome.total_time


@pytest.mark.parametrize(("size", "seed"), [("S", 0), ("S", 1), ("M", 0)])
def test_nosplit_variant_is_as_promised(size, seed):
    """Non-splitting variant: one chunk per job, a tranche per task, only lateness priced,
    no max_partners, and its reference plan passes the checker."""
    g = generators.generate_with_reference(size, seed, nosplit=True)
    scenario = g.scenario
    spec = generators.SIZES[size]
    assert len(scenario.mission.tasks) == spec.tasks
    assert len(scenario.partners) == spec.partners
    assert not any(t.splittable for t in scenario.mission.tasks)
    assert all(t.effort_hours <= 8 for t in scenario.mission.tasks)
    assert all(e.max_chunks == 1 for e in scenario.engagements)
    assert all(e.min_session_hours == e.effort_hours for e in scenario.engagements)
    assert scenario.mission.max_tranches == spec.tasks
    assert scenario.mission.max_partners is None
    assert scenario.weights.partner_cost == scenario.weights.coordination == 0
    assert sum(len(t.predecessors) for t in scenario.mission.tasks) > 0
    problem = compile_problem(scenario)
    _valid(scenario, problem, generators.reference_solution(g, problem))
    assert generators.generate(size, seed, nosplit=True) == scenario
    assert generators.generate(size, seed) != scenario


def test_pyjobshop_plans_the_nosplit_variant_exactly():
    """PyJobShop on S-nosplit seed 1: a valid plan at the optimum the naive model proves too,
    its bound converted to the library's units, never beaten by plan()."""
    pytest.importorskip("pyjobshop")
    from benchmarks.baselines import consultant_pyjobshop

    scenario = generators.generate("S", 1, nosplit=True)
    outcome, problem, solution = consultant_pyjobshop.solve_scenario(
        scenario, time_limit=3, workers=1, seed=0
    )
    _valid(scenario, problem, solution)
    assert outcome.violations == 0
    result = plan(scenario, time_limit=3, workers=1, seed=0)
    naive, _, _ = consultant_naive.solve_scenario(scenario, time_limit=3, workers=1, seed=0)
    assert outcome.status == naive.status == "optimal"
    assert outcome.objective == pytest.approx(naive.objective)
    assert outcome.bound == pytest.approx(outcome.objective)
    assert result.objective >= outcome.objective - 1e-6  # nobody beats a proven optimum
    assert outcome.trace and outcome.trace[-1][1] == outcome.objective


def test_pyjobshop_refuses_what_it_cannot_state():
    """A splittable scenario is refused with the reasons: splitting, tranches, fees."""
    pytest.importorskip("pyjobshop")
    from benchmarks.baselines import consultant_pyjobshop

    problem = compile_problem(generators.generate("M", 0))
    issues = consultant_pyjobshop.unsupported(problem)
    assert any("may be split" in i for i in issues)
    assert any("max_tranches" in i for i in issues)
    assert any("cost something" in i for i in issues)
    with pytest.raises(ValueError, match="out of PyJobShop's reach"):
        consultant_pyjobshop.build(problem)
