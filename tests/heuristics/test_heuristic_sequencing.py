"""The single-person sequencing fast path: detection, move pricing, search quality."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pytest

from mission_planner.heuristics import (
    dispatch,
    improve,
    iterated_dynasearch,
    sequencing_view,
    weighted_tardiness,
)
from mission_planner.heuristics.sequencing import _apply, _block_deltas
from mission_planner.problem import compile_problem
from mission_planner.scenario import (
    Calendar,
    Lead,
    Mission,
    Partner,
    Scenario,
    Task,
    Weekday,
    Weights,
)
from mission_planner.solution import evaluate

START = dt.date(2027, 1, 4)
ALWAYS = Calendar(working_hours={d: ["00:00-24:00"] for d in Weekday}, country=None)
ORIGIN = dt.datetime.combine(START, dt.time())
ROOT = Path(__file__).resolve().parents[2]


def single_machine(
    p: list[int],
    w: list[int],
    d: list[int],
    *,
    splittable: bool = False,
    tranches: int | None = None,
    calendar: Calendar = ALWAYS,
    partners: tuple[Partner, ...] = (),
    session_crosses: Literal["nothing", "breaks", "nights"] = "nights",
) -> Scenario:
    """``1 || sum w_j T_j`` as a scenario (objective = sum w_j T_j with these weights).

    Sessions may cross midnight (the machine never stops) unless ``session_crosses`` says.
    """
    total = sum(p)
    end = START + dt.timedelta(days=-(-total // 24))
    tasks = tuple(
        Task(
            id=f"j{j}",
            effort_hours=p[j],
            urgency=w[j],
            due=ORIGIN + dt.timedelta(hours=min(d[j], total)),
            deadline=end,
            splittable=splittable,
            session_crosses=session_crosses,
        )
        for j in range(len(p))
    )
    return Scenario(
        start=START,
        end=end,
        lead=Lead(calendar=calendar),
        partners=partners,
        mission=Mission(client="c", tasks=tasks, max_tranches=tranches or len(p)),
        weights=Weights(lateness=1, partner_cost=0, coordination=0, fragmentation=0, overtime=0),
    )


def cost(p: list[int], w: list[int], d: list[int], sequence: tuple[int, ...]) -> int:
    time = total = 0
    for j in sequence:
        time += p[j]
        total += w[j] * max(0, time - d[j])
    return total


def random_instance(seed: int, n: int) -> tuple[list[int], list[int], list[int]]:
    rng = random.Random(seed)
    p = [rng.randint(1, 20) for _ in range(n)]
    total = sum(p)
    w = [rng.randint(1, 10) for _ in range(n)]
    d = [rng.randint(0, total) for _ in range(n)]
    return p, w, d


def test_view_detects_single_machine_problems() -> None:
    """A lone 24/7 lead with one-chunk tasks and enough tranches is a sequencing problem."""
    p, w, d = random_instance(0, 6)
    view = sequencing_view(compile_problem(single_machine(p, w, d)))
    assert view is not None
    assert view.p.tolist() == p and view.w.tolist() == w


@pytest.mark.parametrize(
    "changes",
    [
        {"splittable": True},
        {"tranches": 2},
        {"calendar": Calendar(country=None)},
        {"partners": (Partner(id="x", day_rate=100),)},
        {"session_crosses": "breaks"},
    ],
    ids=["splittable", "few_tranches", "office_hours", "partner", "sessions_within_a_day"],
)
def test_view_rejects_other_problems(changes: dict[str, Any]) -> None:
    """Splittable tasks, few tranches, gaps in the calendar, a partner or sessions kept
    within a day: no fast path."""
    p, w, d = random_instance(0, 6)
    assert sequencing_view(compile_problem(single_machine(p, w, d, **changes))) is None


@pytest.mark.parametrize("seed", range(8))
def test_block_deltas_match_recomputed_costs(seed: int) -> None:
    """Each block's priced move changes the objective by exactly the priced amount."""
    p, w, d = (np.array(x) for x in random_instance(seed, 9))
    sequence = np.random.default_rng(seed).permutation(9)
    base = weighted_tardiness(p, w, d, sequence)
    delta, kind = _block_deltas(p[sequence], w[sequence], d[sequence])
    for i, j in itertools.combinations(range(9), 2):
        moved = sequence.copy()
        _apply(moved, i, j, int(kind[i, j]))
        assert weighted_tardiness(p, w, d, moved) - base == delta[i, j]
        for other in range(3):  # the priced move is the best of the three
            alt = sequence.copy()
            _apply(alt, i, j, other)
            assert weighted_tardiness(p, w, d, alt) - base >= delta[i, j]


@pytest.mark.parametrize("seed", range(6))
def test_search_reaches_brute_force_optimum(seed: int) -> None:
    """On 7 jobs, iterated dynasearch finds the optimum of all 5040 sequences."""
    p, w, d = random_instance(seed, 7)
    optimum = min(cost(p, w, d, s) for s in itertools.permutations(range(7)))
    view = sequencing_view(compile_problem(single_machine(p, w, d)))
    assert view is not None
    best = iterated_dynasearch(view, None, seed=seed, max_evaluations=60, time_limit=60)
    assert view.cost(best) == optimum


def test_improve_takes_the_fast_path_and_returns_a_consistent_plan() -> None:
    """improve on a sequencing problem returns a plan whose objective is sum w_j T_j."""
    p, w, d = random_instance(3, 12)
    problem = compile_problem(single_machine(p, w, d))
    start = dispatch(problem)
    assert start is not None
    plan = improve(problem, start, seed=0, max_evaluations=100, time_limit=60)
    view = sequencing_view(problem)
    assert view is not None
    finish = {c.job: c.end for c in plan.chunks}
    sequence = np.array(sorted(range(12), key=lambda k: finish[view.jobs[k]]))
    value = evaluate(problem, plan)
    assert value.lateness == view.cost(sequence)
    assert value.scaled_objective <= evaluate(problem, start).scaled_objective
    assert sorted(c.start for c in plan.chunks) == sorted(
        np.cumsum(np.array(p)[sequence]) - np.array(p)[sequence]
    )


def test_fast_path_is_deterministic() -> None:
    """Same seed and budget: same sequence."""
    p, w, d = random_instance(5, 25)
    view = sequencing_view(compile_problem(single_machine(p, w, d)))
    assert view is not None
    runs = [
        iterated_dynasearch(view, None, seed=4, max_evaluations=50, time_limit=60) for _ in range(2)
    ]
    assert runs[0].tolist() == runs[1].tolist()


def orlib_instance(index: int) -> tuple[list[int], list[int], list[int], int] | None:
    """Instance ``index`` of OR-Library wt40 and its optimum, if the data is at hand."""
    for folder in (ROOT / "benchmarks/data/orlib-wt", Path("/work/shared/data/external/orlib-wt")):
        if (folder / "wt40.txt").exists():
            numbers = [int(x) for x in (folder / "wt40.txt").read_text().split()]
            optima = [int(x) for x in (folder / "wtopt40.txt").read_text().split()]
            block = numbers[(index - 1) * 120 : index * 120]
            return block[:40], block[40:80], block[80:], optima[index - 1]
    return None


@pytest.mark.parametrize(("index", "budget"), [(13, 150), (73, 30)])
def test_orlib_optimum_within_a_small_budget(index: int, budget: int) -> None:
    """OR-Library wt40 instances reach their known optimum within a small budget of scans."""
    data = orlib_instance(index)
    if data is None:
        pytest.skip("OR-Library data not found")
    p, w, d, optimum = data
    view = sequencing_view(compile_problem(single_machine(p, w, d)))
    assert view is not None
    best = iterated_dynasearch(view, None, seed=0, max_evaluations=budget, time_limit=60)
    assert view.cost(best) == optimum
