"""Sweeps beyond one process: pickling, local processes, any Executor, Dask distributed."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest
from explore_helpers import FAST, SMALL_SWEEP, load

from mission_planner import Status, explore, plan
from mission_planner.explore import PLAN_COLUMNS, chains, executors
from mission_planner.explore.chains import Chain, Point, SolveSettings, solve_chain

FIGURES = [c for c in PLAN_COLUMNS if c != "result"]


@pytest.fixture(scope="module")
def scenario():
    return load()


@pytest.fixture(scope="module")
def local(scenario):
    """The small sweep, solved in turn in this process."""
    frame = explore(scenario, **FAST, parallel=1, **SMALL_SWEEP)
    assert all(r.status is Status.OPTIMAL for r in frame["result"])  # so results repeat
    return frame


def test_scenario_and_plan_result_pickle(scenario):
    """What travels to a worker and back survives pickling unchanged."""
    result = plan(scenario, **FAST)
    assert pickle.loads(pickle.dumps(scenario)) == scenario
    back = pickle.loads(pickle.dumps(result))
    assert (back.status, back.objective, back.partner_fees) == (
        result.status,
        result.objective,
        result.partner_fees,
    )
    for name in ("schedule", "deliveries", "tranches", "load", "costs"):
        pd.testing.assert_frame_equal(getattr(back, name), getattr(result, name))
    chain = Chain((Point("as given", scenario),), SolveSettings(**FAST), hint=result)
    again = pickle.loads(pickle.dumps(chain))
    assert again.points == chain.points and again.settings == chain.settings


def test_local_processes_are_sized_by_cores_and_workers(monkeypatch):
    """Default: usable cores // CP-SAT workers, at most one per item, at least one."""
    monkeypatch.setattr(executors, "available_cores", lambda: 8)
    assert executors.local_processes(None, 2, 10) == 4
    assert executors.local_processes(None, 1, 3) == 3
    assert executors.local_processes(None, 16, 3) == 1
    assert executors.local_processes(5, 1, 2) == 2
    with pytest.raises(ValueError, match="parallel=0 must be a positive integer"):
        executors.local_processes(0, 1, 2)


def test_one_core_runs_in_turn_without_a_pool(monkeypatch, scenario, local):
    """With one usable core no process pool is started, and the rows are the same."""
    monkeypatch.setattr(executors, "available_cores", lambda: 1)

    def no_pool(*args, **kwargs):
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(executors, "ProcessPoolExecutor", no_pool)
    frame = explore(scenario, **FAST, **SMALL_SWEEP)
    pd.testing.assert_frame_equal(frame[FIGURES], local[FIGURES])


def test_local_processes_give_the_same_rows(scenario, local):
    """Two local processes (a ProcessPoolExecutor) give the rows of the in-turn run."""
    frame = explore(scenario, **FAST, parallel=2, **SMALL_SWEEP)
    pd.testing.assert_frame_equal(frame[FIGURES], local[FIGURES])


def test_any_executor_gives_the_same_rows(scenario, local):
    """A caller's thread pool gives the rows of the in-turn run."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        frame = explore(scenario, **FAST, executor=pool, **SMALL_SWEEP)
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
    points = (Point("a", scenario), Point("b", scenario))
    first, _ = solve_chain(Chain(points, SolveSettings(**FAST), hint=start))
    assert [hint for hint, _ in calls] == [start, first]
    calls.clear()
    solve_chain(Chain(points, SolveSettings(**FAST), hint=start, hints=False))
    assert [hint for hint, _ in calls] == [None, None]


def test_dask_distributed_executor_gives_the_same_rows(scenario, local):
    """On a one-worker Dask LocalCluster, the sweep gives exactly the local rows."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False)
    with cluster, distributed.Client(cluster) as client:
        frame = explore(scenario, **FAST, executor=client.get_executor(), **SMALL_SWEEP)
    pd.testing.assert_frame_equal(frame[FIGURES], local[FIGURES])
