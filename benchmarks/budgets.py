"""Does a call keep its budget? Wall time of ``plan``, the levers, ``advise``, ``explore``.

Run from the repository root::

    python -m benchmarks.budgets advise [--limits 2 5 10] [--workers 2] [--parallel 1]
    python -m benchmarks.budgets explore [--limits 2 5 10] [--workers 1] [--parallel 1]
    python -m benchmarks.budgets grid [--limits 2 5 10] [--workers 1] [--parallel 1]
    python -m benchmarks.budgets plan --scenarios L XL T1000 --limits 1 2 5 10

(``plan``, ``negotiate``, ``delegate`` and ``spread`` likewise.)

For each scenario (``--scenarios``: ``examples``, the bundled examples
``src/mission_planner/examples/*.yaml``, the default; ``S`` to ``XL``, the generated size of
:mod:`benchmarks.generators`, seed 0; ``T1000``, :func:`thousand_tasks`) and each budget ``T``,
runs the call once with ``time_limit=T`` and prints one row: wall time, the target
``1.1 x T + 0.5 s``, whether it held, the rows (plans with distinct figures for explore),
the points without a plan and those skipped for time, and
the most threads the process ran at once above its idle count (read from
``/proc/self/status`` every 10 ms; CP-SAT's threads included; an indication, Linux only).
Every plan goes through the checker under the policy it was made for. Timings are
reported, never asserted; run it with ``nice`` on a shared machine.
"""

from __future__ import annotations

import argparse
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from benchmarks._builder import Builder
from benchmarks.generators import SIZES, SizeSpec, generate
from mission_planner import (
    Scenario,
    SolveSettings,
    advise,
    check,
    delegate,
    explore,
    negotiate,
    plan,
    spread,
    what_if,
)
from mission_planner.explore import changes
from mission_planner.io import load_scenario

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "mission_planner" / "examples"

Timed = tuple[float, dict[str, object]]
"""Wall seconds of the call alone (not the checks), and its counts."""

THOUSAND = SizeSpec(1000, 24, 26, 120, 10, 40, 3.5, 0.1, 0.08)
"""1,000 tasks in 40 streams, 3.5 h each on average (about the XL size's total effort: 3,357 h
for seed 0), with the XL size's people, horizon and order book."""


@dataclass
class _ThousandTasks(Builder):
    """The XL builder (its random stream and order book) drawing :data:`THOUSAND` tasks."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.spec = THOUSAND


def thousand_tasks(seed: int = 0) -> Scenario:
    """A generated scenario of 1,000 tasks (see :data:`THOUSAND`), feasible by construction."""
    return _ThousandTasks("XL", seed).build().scenario


def scenarios_named(names: list[str]) -> dict[str, Scenario]:
    """The scenarios of ``--scenarios``, by name (each bundled example by its file's stem)."""
    chosen: dict[str, Scenario] = {}
    for name in names:
        if name == "examples":
            chosen |= {p.stem: load_scenario(p) for p in sorted(EXAMPLES.glob("*.yaml"))}
        elif name == "T1000":
            chosen[name] = thousand_tasks()
        else:
            chosen[name] = generate(name, 0)
    return chosen


def os_threads() -> int:
    """Threads of this process, as the kernel counts them (0 where unknown)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Threads:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class ThreadPeak:
    """The most threads the process runs at once while the block runs (sampled)."""

    def __init__(self, every: float = 0.01) -> None:
        self.every, self.peak = every, 0
        self._stop = threading.Event()
        self._watch = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, os_threads())
            time.sleep(self.every)

    def __enter__(self) -> ThreadPeak:
        self._watch.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._watch.join()


def run_explore(scenario: Scenario, limit: float, workers: int, parallel: int) -> Timed:
    """One explore call, timed: counts of its rows and points, every plan checked after."""
    started = time.perf_counter()
    frame = explore(scenario, time_limit=limit, seed=0, workers=workers, parallel=parallel)
    wall = time.perf_counter() - started
    for row in frame.itertuples():
        assert check(scenario, row.result, row.policy) == [], row.label
    return wall, {
        "rows": len(frame),
        "no_plan": len(frame.attrs["no_plan"]),
        "skipped": len(frame.attrs["skipped"]),
    }


def grid_changes(scenario: Scenario) -> list[changes.Change]:
    """A few what-ifs every example can take: each partner away, overtime, a block dropped."""
    built = [changes.partner_unavailable(scenario, p.id) for p in scenario.partners]
    built.append(changes.overtime(scenario, 10))
    built += [changes.drop_commitment(scenario, b.id) for b in scenario.fixed_blocks[:2]]
    return built


def run_grid(scenario: Scenario, limit: float, workers: int, parallel: int) -> Timed:
    """One what_if.grid call over :func:`grid_changes`, timed, every plan checked after."""
    built = grid_changes(scenario)
    started = time.perf_counter()
    items = what_if.grid(built, time_limit=limit, seed=0, workers=workers, parallel=parallel)
    wall = time.perf_counter() - started
    for item in items:
        if item.result.has_plan:
            assert check(item.scenario, item.result, item.policy) == [], item.name
    skipped = sum("raise time_limit" in " ".join(i.result.explanation) for i in items)
    return wall, {
        "rows": sum(i.result.has_plan for i in items),
        "no_plan": sum(not i.result.has_plan for i in items) - skipped,
        "skipped": skipped,
    }


def run_advise(scenario: Scenario, limit: float, workers: int, parallel: int) -> Timed:
    """One advise call, timed: options that hold, options not decided, the plan checked."""
    settings = SolveSettings(time_limit=limit, seed=0, workers=workers, parallel=parallel)
    started = time.perf_counter()
    advice = advise(scenario, settings=settings)
    wall = time.perf_counter() - started
    if advice.recommended_plan is not None:
        assert check(scenario, advice.recommended_plan, advice.recommended_policy) == []
    return wall, {
        "rows": sum(o.holds for o in advice.options.values()),
        "no_plan": sum(not o.holds and not o.undecided for o in advice.options.values()),
        "skipped": sum(o.undecided for o in advice.options.values()),
        "answer": advice.recommendation.name,
    }


def run_single(call: Callable[..., object]) -> Callable[[Scenario, float, int, int], Timed]:
    """A timed runner for ``plan`` or one lever."""

    def run(scenario: Scenario, limit: float, workers: int, parallel: int) -> Timed:
        settings = SolveSettings(time_limit=limit, seed=0, workers=workers, parallel=parallel)
        started = time.perf_counter()
        out = call(scenario, settings=settings)
        wall = time.perf_counter() - started
        result = getattr(out, "plan", out)
        policy = getattr(out, "policy", getattr(result, "policy", None))
        if result.has_plan:  # type: ignore[attr-defined]
            assert check(scenario, result, policy) == []  # type: ignore[arg-type]
        return wall, {"rows": int(result.has_plan), "no_plan": int(not result.has_plan)}  # type: ignore[attr-defined]

    return run


CALLS: dict[str, Callable[[Scenario, float, int, int], Timed]] = {
    "plan": run_single(plan),
    "negotiate": run_single(negotiate),
    "delegate": run_single(delegate),
    "spread": run_single(spread),
    "advise": run_advise,
    "explore": run_explore,
    "grid": run_grid,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("call", choices=sorted(CALLS))
    parser.add_argument("--limits", type=float, nargs="+", default=[2.0, 5.0, 10.0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--parallel", type=int, default=1)
    parser.add_argument(
        "--scenarios", nargs="+", default=["examples"], choices=["examples", *SIZES, "T1000"]
    )
    args = parser.parse_args()
    call = CALLS[args.call]
    scenarios = scenarios_named(args.scenarios)
    warm = load_scenario(EXAMPLES / "bundled.yaml")
    plan(warm, time_limit=0.5, workers=1)  # imports and caches warmed once
    idle = os_threads()
    rows = []
    for name, scenario in scenarios.items():
        for limit in args.limits:
            with ThreadPeak() as peak:
                wall, counts = call(scenario, limit, args.workers, args.parallel)
            target = 1.1 * limit + 0.5
            rows.append(
                {
                    "scenario": name,
                    "time_limit": limit,
                    "wall": round(wall, 2),
                    "target": round(target, 2),
                    "held": wall <= target,
                    **counts,
                    "threads_above_idle": max(0, peak.peak - idle - 1),  # less the sampler
                }
            )
            print(pd.DataFrame(rows[-1:]).to_string(index=False, header=len(rows) == 1))
    table = pd.DataFrame(rows)
    print(f"\n{args.call}, workers={args.workers}, parallel={args.parallel}")
    print(table.to_string(index=False))


if __name__ == "__main__":
    main()
