"""Tranche grouping by dynamic programming is optimal (checked by brute force)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

import pytest

from mission_planner.heuristics import assign_tranches, deadline_targets, group_tranches
from mission_planner.heuristics.tranches import SMALL, _consecutive_groups, _group_small
from mission_planner.problem import compile_problem
from mission_planner.scenario import Mission, Scenario, Task

START = dt.date(2026, 3, 2)


def partitions(items: list[int]) -> Iterator[list[list[int]]]:
    """Every set partition of ``items``."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for part in partitions(rest):
        yield [[first], *part]
        for k in range(len(part)):
            yield [*part[:k], [first, *part[k]], *part[k + 1 :]]


def brute_force(
    finish: list[int], due: list[int], deadline: list[int], urgency: list[int], k_max: int
) -> int | None:
    """Least weighted lateness over all groupings (not only contiguous ones), or None."""
    best: int | None = None
    for part in partitions(list(range(len(finish)))):
        if len(part) > k_max:
            continue
        cost = 0
        for group in part:
            delivery = max(finish[j] for j in group)
            if any(delivery > deadline[j] for j in group):
                break
            cost += sum(urgency[j] * max(0, delivery - due[j]) for j in group)
        else:
            if best is None or cost < best:
                best = cost
    return best


def random_case(rng: random.Random, n: int) -> tuple[list[int], list[int], list[int], list[int]]:
    finish = [rng.randint(1, 40) for _ in range(n)]
    due = [rng.randint(0, 40) for _ in range(n)]
    deadline = [d + rng.randint(0, 25) for d in due]
    urgency = [rng.randint(0, 5) for _ in range(n)]
    return finish, due, deadline, urgency


def check_structure(
    finish: list[int], deadline: list[int], tranche: list[int], delivery: list[int]
) -> None:
    k = len(delivery)
    assert sorted(set(tranche)) == list(range(k))
    assert delivery == sorted(delivery)
    for j, t in enumerate(tranche):
        assert delivery[t] >= finish[j]


@pytest.mark.parametrize("seed", range(60))
def test_grouping_is_optimal_against_brute_force(seed: int) -> None:
    """group_tranches finds the least lateness of any grouping, or reports the violation."""
    rng = random.Random(seed)
    n = rng.randint(1, 6)
    k_max = rng.randint(1, 4)
    finish, due, deadline, urgency = random_case(rng, n)
    grouping = group_tranches(finish, due, deadline, urgency, k_max)
    check_structure(finish, deadline, grouping.tranche, grouping.delivery)
    assert len(grouping.delivery) <= k_max
    expected = brute_force(finish, due, deadline, urgency, k_max)
    if expected is None:
        assert grouping.violation > 0
    else:
        assert grouping.violation == 0
        assert grouping.cost == expected
        for j, t in enumerate(grouping.tranche):
            assert grouping.delivery[t] <= deadline[j]


@pytest.mark.parametrize("seed", range(10))
def test_numpy_and_python_groupings_agree(seed: int) -> None:
    """The numpy grouping (many jobs) and the pure-Python one give the same cost and excess."""
    rng = random.Random(100 + seed)
    n = SMALL + rng.randint(1, 20)
    k_max = rng.randint(1, 6)
    case = random_case(rng, n)
    fast = group_tranches(*case, k_max)
    slow = _group_small(*case, k_max)
    assert (fast.cost, fast.violation) == (slow.cost, slow.violation)
    check_structure(case[0], case[2], fast.tranche, fast.delivery)


def tiny_problem(max_tranches: int) -> Scenario:
    tasks = (
        Task(id="a", effort_hours=2, due=START, urgency=3),
        Task(
            id="b",
            effort_hours=2,
            due=START + dt.timedelta(days=1),
            deadline=START + dt.timedelta(days=3),
        ),
        Task(id="c", effort_hours=2, due=START + dt.timedelta(days=2), urgency=2),
    )
    return Scenario(
        start=START,
        end=START + dt.timedelta(days=6),
        mission=Mission(client="c", tasks=tasks, max_tranches=max_tranches),
    )


def test_assign_tranches_on_a_problem() -> None:
    """assign_tranches returns a tranche per mission job and deliveries at finish instants."""
    problem = compile_problem(tiny_problem(2))
    finish = {"a": 12, "b": 20, "c": 40}
    found = assign_tranches(problem, finish)
    assert found is not None
    tranche, delivery = found
    assert set(tranche) == {"a", "b", "c"}
    assert delivery == sorted(delivery) and len(delivery) <= 2
    jobs = problem.mission_jobs
    cost = sum(j.urgency * max(0, delivery[tranche[j.id]] - (j.due or 0)) for j in jobs)
    expected = brute_force(
        [finish[j.id] for j in jobs],
        [j.due or 0 for j in jobs],
        [j.deadline for j in jobs],
        [j.urgency for j in jobs],
        2,
    )
    assert cost == expected


def test_assign_tranches_none_when_deadlines_cannot_be_met() -> None:
    """With one tranche, a late finish of one job breaks another's deadline: None."""
    problem = compile_problem(tiny_problem(1))
    assert assign_tranches(problem, {"a": 12, "b": 20, "c": 60}) is None


@pytest.mark.parametrize("seed", range(20))
def test_deadline_targets_allow_delivery_in_few_tranches(seed: int) -> None:
    """Finishing every task at its target leaves a grouping that meets every deadline."""
    rng = random.Random(seed)
    n = rng.randint(2, 7)
    tasks = tuple(
        Task(
            id=f"t{i}",
            effort_hours=1,
            due=START + dt.timedelta(days=rng.randint(0, 10)),
        )
        for i in range(n)
    )
    scenario = Scenario(
        start=START,
        end=START + dt.timedelta(days=12),
        mission=Mission(client="c", tasks=tasks, max_tranches=rng.randint(1, 3)),
    )
    problem = compile_problem(scenario)
    targets = deadline_targets(problem)
    finish = {j.id: targets.get(j.id, j.deadline) for j in problem.mission_jobs}
    assert all(finish[j.id] <= j.deadline for j in problem.mission_jobs)
    assert assign_tranches(problem, finish) is not None


def quadratic_groups(values: list[int], weights: list[int], k_max: int) -> list[tuple[int, int]]:
    """The textbook ``O(k n^2)`` dynamic programme, same tie rules (fewer runs, first start)."""
    n = len(values)
    k_max = max(1, min(k_max, n))

    def cost(i: int, j: int) -> int:
        return sum(
            w * (v - values[i]) for v, w in zip(values[i : j + 1], weights[i : j + 1], strict=True)
        )

    inf = float("inf")
    value = [[inf] * n for _ in range(k_max + 1)]
    parent = [[0] * n for _ in range(k_max + 1)]
    value[1] = [cost(0, j) for j in range(n)]
    for k in range(2, k_max + 1):
        for j in range(k - 1, n):
            for i in range(k - 1, j + 1):
                v = value[k - 1][i - 1] + cost(i, j)
                if v < value[k][j]:
                    value[k][j], parent[k][j] = v, i
    k = min(range(1, k_max + 1), key=lambda q: (value[q][n - 1], q))
    runs, j = [], n - 1
    while j >= 0:
        i = parent[k][j] if k > 1 else 0
        runs.append((i, j))
        j, k = i - 1, k - 1
    return runs[::-1]


@pytest.mark.parametrize("seed", range(4))
def test_consecutive_groups_match_the_quadratic_programme(seed: int) -> None:
    """Divide and conquer over the last run's start gives the very runs of the full scan."""
    rng = random.Random(seed)
    for _ in range(150):
        n = rng.randint(1, 14)
        values = sorted(rng.randint(0, rng.choice([3, 20, 500])) for _ in range(n))
        weights = [rng.choice([0, 1, 2, 7]) for _ in range(n)]
        k_max = rng.randint(1, n + 1)
        assert _consecutive_groups(values, weights, k_max) == quadratic_groups(
            values, weights, k_max
        )
