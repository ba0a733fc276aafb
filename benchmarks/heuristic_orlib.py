"""The local search alone (no CP-SAT) on OR-Library 40-job weighted tardiness instances.

Run from the repository root::

    python -m benchmarks.heuristic_orlib [--time 2] [--instances 3,13,...]

Each instance goes through the library's public path (scenario -> compile_problem -> improve,
which takes the single-person sequencing fast path) and also through the fast path directly;
prints the gap to the optimum and the time. Timings are reported, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import time
from pathlib import Path

from mission_planner.heuristics import SearchStats, improve, iterated_dynasearch, sequencing_view
from mission_planner.problem import compile_problem
from mission_planner.scenario import Calendar, Lead, Mission, Scenario, Task, Weekday, Weights
from mission_planner.solution import evaluate

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data" / "orlib-wt"
N = 40


def load(index: int) -> tuple[list[int], list[int], list[int], int]:
    numbers = [int(x) for x in (DATA / f"wt{N}.txt").read_text().split()]
    optimum = [int(x) for x in (DATA / f"wtopt{N}.txt").read_text().split()]
    block = numbers[(index - 1) * 3 * N : index * 3 * N]
    return block[:N], block[N : 2 * N], block[2 * N :], optimum[index - 1]


def scenario(p: list[int], w: list[int], d: list[int]) -> Scenario:
    total = sum(p)
    start = dt.date(2027, 1, 4)
    end = start + dt.timedelta(days=math.ceil(total / 24))
    origin = dt.datetime.combine(start, dt.time())
    tasks = [
        Task(
            id=f"j{j + 1:02d}",
            effort_hours=p[j],
            urgency=w[j],
            due=origin + dt.timedelta(hours=min(d[j], total)),
            deadline=end,
            splittable=False,
            session_crosses="nights",  # the machine never stops: jobs run over midnight
        )
        for j in range(N)
    ]
    return Scenario(
        start=start,
        end=end,
        granularity_minutes=60,
        lead=Lead(
            calendar=Calendar(working_hours={x: ["00:00-24:00"] for x in Weekday}, country=None)
        ),
        mission=Mission(client="orlib", max_tranches=N, tasks=tasks),
        weights=Weights(lateness=1, partner_cost=0, coordination=0, fragmentation=0, overtime=0),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--time", type=float, default=2.0)
    parser.add_argument("--evaluations", type=int, default=10**9)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--instances", default=",".join(str(i) for i in range(3, 126, 10)))
    args = parser.parse_args()
    head = ("inst", "optimum", "found", "gap%", "t_best", "scan@best", "time", "scans")
    print(" ".join(f"{h:>8}" for h in head), " public")
    hits = 0
    ids = [int(x) for x in args.instances.split(",")]
    for index in ids:
        p, w, d, opt = load(index)
        problem = compile_problem(scenario(p, w, d))
        view = sequencing_view(problem)
        assert view is not None
        stats = SearchStats()
        t0 = time.perf_counter()
        seq = iterated_dynasearch(
            view,
            None,
            seed=args.seed,
            max_evaluations=args.evaluations,
            time_limit=args.time,
            stats=stats,
        )
        elapsed = time.perf_counter() - t0
        found = view.cost(seq)
        # the public path: improve() on the problem, from the EDD order
        t1 = time.perf_counter()
        order = [j.id for j in sorted(problem.jobs, key=lambda j: j.due or 0)]
        sol = improve(
            problem, order, seed=args.seed, max_evaluations=args.evaluations, time_limit=args.time
        )
        public = evaluate(problem, sol).lateness  # urgency-hours = sum w T
        t_public = time.perf_counter() - t1
        gap = 100.0 * (found - opt) / opt if opt else float(found > 0) * 100
        hits += found == opt
        print(
            f"{index:>8} {opt:>8} {found:>8} {gap:>8.2f} {stats.best_at:>8.2f} "
            f"{stats.best_evaluation:>8} {elapsed:>8.2f} "
            f"{stats.evaluations:>8}  {public:>8.0f} ({t_public:.2f}s)"
        )
    print(f"optimum reached on {hits}/{len(ids)}")


if __name__ == "__main__":
    main()
