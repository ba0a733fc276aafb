"""Sweeps in one budget: time shares, at most `parallel` solves at once, any Executor, Dask."""

from __future__ import annotations

import pickle
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pandas as pd
import pytest
from explore_helpers import EXPLORE, FAST, SMALL_SWEEP, load

from mission_planner import Status, explore, plan
from mission_planner.explore import PLAN_COLUMNS, chains, executors
from mission_planner.explore.chains import Chain, Point, solve_chain
from mission_planner.policy import Policy
from mission_planner.settings import MIN_SOLVE, SolveSettings

FIGURES = [c for c in PLAN_COLUMNS if c not in ("result", "policy")]


@pytest.fixture(scope="module")
def scenario():
    return load()


@pytest.fixture(scope="module")
def local(scenario):
    """The small sweep, solved in turn in this thread."""
    frame = explore(scenario, **EXPLORE, parallel=1, **SMALL_SWEEP)
    assert all(r.status is Status.OPTIMAL for r in frame["result"])  # so results repeat
    return frame


@pytest.fixture(scope="module")
def made(scenario):
    """A real plan, returned by the stand-in solver of the budget tests."""
    return plan(scenario, **FAST)


class Recorder:
    """A stand-in for ``plan``: records each call's time limit and how many run at once."""

    def __init__(self, result, seconds: float = 0.0) -> None:
        self.result, self.seconds = result, seconds
        self.limits: list[float] = []
        self.workers: set[int] = set()
        self.running = self.most = 0
        self.lock = threading.Lock()

    def __call__(self, scenario, *, policy=None, settings=None, hint=None):
        with self.lock:
            self.limits.append(settings.time_limit)
            self.workers.add(settings.workers)
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(self.seconds)
        with self.lock:
            self.running -= 1
        return self.result


class FakeClock:
    """A clock for the chains' module that moves only when a stand-in plan says so."""

    def __init__(self) -> None:
        self.now = 0.0

    def perf_counter(self) -> float:
        return self.now

    def time(self) -> float:
        return 1e9 + self.now


def test_a_chain_shares_what_is_left_between_the_plans_left(monkeypatch, scenario, made):
    """Budget 3 s, 3 plans ending early: each gets what is left over the plans left, less 0.1."""
    clock = FakeClock()
    limits: list[float] = []

    def early(given, *, policy=None, settings=None, hint=None):
        limits.append(settings.time_limit)
        clock.now += settings.time_limit / 2  # proven optimal halfway
        return made

    monkeypatch.setattr(chains, "time", clock)
    monkeypatch.setattr(chains, "plan", early)
    points = tuple(Point(str(i), scenario) for i in range(3))
    chain = Chain(points, SolveSettings(time_limit=3, workers=1), overhead=0.1)
    assert solve_chain(chain) == [made, made, made]
    # plans that end early say nothing of the overhead: the guess stays
    second = (3 - 0.45) / 2 - 0.1
    assert limits == pytest.approx([0.9, second, 3 - 0.45 - second / 2 - 0.1])


def test_a_chain_skips_what_cannot_get_a_minimum_solve(monkeypatch, scenario, made):
    """0.5 s for 5 plans: two get MIN_SOLVE, the 0.1 s left is not started: three skipped."""
    clock = FakeClock()
    limits: list[float] = []

    def whole(given, *, policy=None, settings=None, hint=None):
        limits.append(settings.time_limit)
        clock.now += settings.time_limit
        return made

    monkeypatch.setattr(chains, "time", clock)
    monkeypatch.setattr(chains, "plan", whole)
    points = tuple(Point(str(i), scenario) for i in range(5))
    results = solve_chain(Chain(points, SolveSettings(time_limit=0.5, workers=1), overhead=0.0))
    assert limits == [MIN_SOLVE, MIN_SOLVE]
    assert results == [made, made, None, None, None]


def test_the_last_plan_of_a_chain_keeps_room_for_the_largest_overrun(monkeypatch, scenario, made):
    """Overruns of 0.2 s then 0.4 s: the next plan counts their mean, the last their largest."""
    clock = FakeClock()
    limits: list[float] = []
    overruns = iter([0.2, 0.4, 0.0, 0.0])

    def overrunning(given, *, policy=None, settings=None, hint=None):
        limits.append(settings.time_limit)
        clock.now += settings.time_limit + next(overruns)
        return made

    monkeypatch.setattr(chains, "time", clock)
    monkeypatch.setattr(chains, "plan", overrunning)
    points = tuple(Point(str(i), scenario) for i in range(4))
    solve_chain(Chain(points, SolveSettings(time_limit=6, workers=1), overhead=0.2))
    # 6 s for 4 plans, guess 0.2 s: 1.5 - 0.2; 4.5 s left for 3, mean(0.2, 0.2): 1.5 - 0.2;
    # 2.8 s left for 2, mean(0.2, 0.2, 0.4): 1.4 - 0.8 / 3, ends on time (no overrun noted);
    # the last has 2.8 - (1.4 - 0.8 / 3) s left, less the largest overrun, 0.4
    third = 1.4 - 0.8 / 3
    assert limits == pytest.approx([1.3, 1.3, third, 2.8 - third - 0.4], abs=1e-9)


def test_at_most_parallel_solves_run_at_once(monkeypatch, scenario, made):
    """explore with parallel=2: never more than two solves together, each with `workers`."""
    fake = Recorder(made, seconds=0.05)
    monkeypatch.setattr(chains, "plan", fake)
    explore(scenario, time_limit=30, seed=0, workers=3, parallel=2)
    assert fake.most <= 2 and fake.workers == {3}
    assert len(fake.limits) == 10  # every point of the default sweep but the root


def test_scenario_policy_and_plan_result_pickle(scenario, made):
    """What travels to a worker and back survives pickling unchanged."""
    assert pickle.loads(pickle.dumps(scenario)) == scenario
    back = pickle.loads(pickle.dumps(made))
    assert (back.status, back.objective, back.partner_fees) == (
        made.status,
        made.objective,
        made.partner_fees,
    )
    for name in ("schedule", "deliveries", "tranches", "load", "costs"):
        pd.testing.assert_frame_equal(getattr(back, name), getattr(made, name))
    point = Point("alone", scenario, Policy(dates="horizon", roster="none"))
    chain = Chain((point,), SolveSettings(**FAST), hint=made, deadline=time.time())
    again = pickle.loads(pickle.dumps(chain))
    assert again.points == chain.points and again.settings == chain.settings


def test_a_chain_refuses_an_executor_in_its_settings(scenario):
    """The executor stays with the caller: a chain carrying one is refused by name."""
    with (
        ThreadPoolExecutor(1) as pool,
        pytest.raises(ValueError, match=r"settings\.executor must be None"),
    ):
        Chain((Point("a", scenario),), SolveSettings(executor=pool))


def test_one_item_runs_in_this_thread_without_a_pool(monkeypatch):
    """A single chain needs no pool: no thread pool is started."""

    def no_pool(*args, **kwargs):
        raise AssertionError("a thread pool was started")

    monkeypatch.setattr(executors, "ThreadPoolExecutor", no_pool)
    assert executors.run_all(lambda x: x + 1, [1], executor=None) == [2]


def test_threads_give_the_same_rows(scenario, local):
    """Two chains in threads (parallel=2) give the rows of the in-turn run."""
    frame = explore(scenario, **EXPLORE, parallel=2, **SMALL_SWEEP)
    pd.testing.assert_frame_equal(frame[FIGURES], local[FIGURES])


def test_the_settings_executor_gives_the_same_rows(scenario, local):
    """A caller's process pool, given in the settings, gives the rows of the in-turn run."""
    with ProcessPoolExecutor(max_workers=2) as pool:
        settings = SolveSettings(**EXPLORE, parallel=2, executor=pool)
        frame = explore(scenario, settings=settings, **SMALL_SWEEP)
    pd.testing.assert_frame_equal(frame[FIGURES], local[FIGURES])


def test_solve_chain_hints_each_plan_with_the_previous(monkeypatch, scenario):
    """The first point gets the chain's hint, each later one the previous plan; none without."""
    calls = []
    real = chains.plan

    def recording(variant, **kwargs):
        result = real(variant, **kwargs)
        calls.append((kwargs["hint"], result))
        return result

    monkeypatch.setattr(chains, "plan", recording)
    start = real(scenario, **FAST)
    points = (Point("a", scenario), Point("b", scenario, Policy(roster="none")))
    first, _ = solve_chain(Chain(points, SolveSettings(**FAST), hint=start))
    assert [hint for hint, _ in calls] == [start, first]
    calls.clear()
    solve_chain(Chain(points, SolveSettings(**FAST), hint=start, hints=False))
    assert [hint for hint, _ in calls] == [start, start]


def test_dask_distributed_executor_gives_the_same_rows(scenario, local):
    """On a one-worker Dask LocalCluster, the sweep gives exactly the local rows."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False)
    with cluster, distributed.Client(cluster) as client:
        settings = SolveSettings(**EXPLORE, executor=client.get_executor())
        frame = explore(scenario, settings=settings, **SMALL_SWEEP)
    pd.testing.assert_frame_equal(frame[FIGURES], local[FIGURES])
