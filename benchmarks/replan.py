"""The ``replan`` suite: re-plan after a disruption vs cold plans of the same work left.

``python -m benchmarks run replan [--size M] [--seeds 0-4] [--disruptions 4] [--time-limit 1]
[--cold-limit 30] [--workers 1] [--out DIR]``.

For each generator seed, the first plan is :func:`mission_planner.plan` with
:data:`PREVIOUS_LIMIT` seconds (cached in ``DIR/previous-<size>-<seed>.json``: the three
contenders of an instance start from the same plan). One week after the horizon's start, each
of ``--disruptions`` seeded disruptions (a task takes longer, a partner drops out, the client
brings a delivery forward, the lead is off two days, a new mission arrives; four distinct
kinds per seed) is planned three ways, side by side, in this process one after the other:

- ``replan``: :func:`mission_planner.replanning.replan` from the previous plan (promises may
  move, default stability) at ``--time-limit``;
- ``cold``: :func:`mission_planner.plan` of the same work left under the same rules (the same
  promises as lateness targets, the same coordination history), without the previous plan, at
  the same time limit;
- ``cold-30s``: the same at ``--cold-limit`` seconds.

Columns: the plan's own objective (change terms left out, so the three are comparable),
``changed_hours`` (hours of the work left not on the same person at the same time as in the
previous plan), ``gap_to_cold30_pct`` (objective against the ``cold-30s`` one of the same
run), the wall time and the status. Every plan goes through the checker (``violations``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.consultant import load_instance
from mission_planner import PlanResult, Scenario, SolveSettings, check, plan
from mission_planner.baseline import Stability
from mission_planner.explore import Change
from mission_planner.io import load_plan, save_plan
from mission_planner.plan_hint import solution_of
from mission_planner.problem import compile_problem
from mission_planner.replanning import (
    brought_forward,
    lead_unavailable,
    new_mission,
    partner_drops_out,
    replan,
    takes_longer,
)
from mission_planner.replanning.inputs import replan_inputs
from mission_planner.replanning.tables import baseline_of
from mission_planner.solution import changes_of

PREVIOUS_LIMIT = 10.0
"""Seconds of the first plan of each seed."""
WEEK = dt.timedelta(days=7)
KINDS = ("longer", "drops_out", "forward", "lead_off", "new_mission")
COLUMNS = [
    "size",
    "seed",
    "disruption",
    "description",
    "contender",
    "status",
    "objective",
    "gap_to_cold30_pct",
    "changed_hours",
    "kept",
    "time",
    "time_limit",
    "violations",
]


@dataclass(frozen=True)
class Case:
    """One disruption of one seed's scenario, and the plan it disrupts."""

    size: str
    seed: int
    number: int
    change: Change
    previous: PlanResult
    now: dt.date


def previous_plan(size: str, seed: int, cache: Path, workers: int) -> tuple[Scenario, PlanResult]:
    """The seed's scenario and its first plan (read from ``cache`` when there)."""
    scenario = load_instance(size, seed, reference=False).scenario
    path = cache / f"previous-{size}-{seed}.json"
    if path.exists():
        return scenario, load_plan(path)
    first = plan(scenario, settings=SolveSettings(PREVIOUS_LIMIT, seed=0, workers=workers))
    save_plan(first, path, scenario)
    return scenario, load_plan(path)  # the same reading as later runs


def disruption(
    scenario: Scenario, previous: PlanResult, now: dt.date, kind: str, rng: random.Random
) -> Change:
    """A seeded disruption of ``kind`` at ``now``."""
    moment = dt.datetime.combine(now, dt.time())
    late = previous.deliveries[previous.deliveries["delivery"] > moment + WEEK]
    tasks = sorted(late["task"].astype(str)) or sorted(previous.deliveries["task"].astype(str))
    if kind == "longer":
        return takes_longer(scenario, rng.choice(tasks), rng.choice((20, 30, 50)))
    if kind == "drops_out" and scenario.partners:
        return partner_drops_out(scenario, rng.choice(scenario.partners).id, now)
    if kind == "forward":
        task = scenario.task(rng.choice(tasks))
        due = task.due if not isinstance(task.due, dt.datetime) else task.due.date()
        return brought_forward(scenario, task.id, max(now + WEEK, due - dt.timedelta(days=2)))
    if kind == "lead_off":
        start = now + dt.timedelta(days=rng.choice((1, 2, 3)))
        return lead_unavailable(scenario, start, start + dt.timedelta(days=1))
    return new_mission(
        scenario,
        "arrived",
        effort_hours=float(rng.choice((8, 12, 16))),
        start=now,
        deadline=now + dt.timedelta(days=rng.choice((7, 10))),
        client="NEW",
    )


def cases(size: str, seeds: list[int], count: int, cache: Path, workers: int) -> list[Case]:
    """``count`` disruptions of distinct kinds for each seed, a week after the start."""
    out = []
    for seed in seeds:
        scenario, previous = previous_plan(size, seed, cache, workers)
        now = scenario.start + WEEK
        rng = random.Random(f"replan/{size}/{seed}")
        for number, kind in enumerate(rng.sample(KINDS, count)):
            change = disruption(scenario, previous, now, kind, rng)
            out.append(Case(size, seed, number, change, previous, now))
    return out


def run_case(
    case: Case, time_limit: float, cold_limit: float, workers: int
) -> list[dict[str, Any]]:
    """The three contenders on one case."""
    inputs = replan_inputs(case.change.scenario, case.previous, case.now, promises_may_move=True)
    left, rules = inputs.work.scenario, inputs.rules
    rows = []
    t0 = time.perf_counter()
    settings = SolveSettings(time_limit, seed=0, workers=workers)
    re = replan(
        case.change.scenario, case.previous, now=case.now, settings=settings, promises_may_move=True
    )
    elapsed = time.perf_counter() - t0
    rows.append(
        _row(
            case,
            "replan",
            re.left,
            re.objective,
            elapsed,
            time_limit,
            left,
            rules,
            inputs.future,
            re.kept,
        )
    )
    for name, limit in (("cold", time_limit), ("cold-30s", cold_limit)):
        t0 = time.perf_counter()
        cold = plan(left, policy=rules, settings=SolveSettings(limit, seed=0, workers=workers))
        elapsed = time.perf_counter() - t0
        rows.append(
            _row(
                case, name, cold, cold.objective, elapsed, limit, left, rules, inputs.future, False
            )
        )
    reference = rows[-1]["objective"]
    for row in rows:
        value = row["objective"]
        row["gap_to_cold30_pct"] = (
            None
            if value is None or reference is None
            else 100 * (value - reference) / max(abs(reference), 1)
        )
    return rows


def _row(
    case: Case,
    contender: str,
    result: PlanResult,
    objective: float | None,
    elapsed: float,
    limit: float,
    left: Scenario,
    rules: Any,
    future: PlanResult,
    kept: bool,
) -> dict[str, Any]:
    moved = float("nan")
    violations = None
    if result.has_plan:
        plain = rules.model_copy(update={"baseline": baseline_of(future, Stability())})
        problem = compile_problem(left, plain)
        read = solution_of(problem, result)
        changes = None if read is None else changes_of(problem, read.solution)
        if changes is not None:
            moved = changes.slots_moved * problem.timeline.grid.slot_hours
        violations = len(check(left, result, rules))
    return {
        "size": case.size,
        "seed": case.seed,
        "disruption": case.number,
        "description": case.change.name,
        "contender": contender,
        "status": result.status.value,
        "objective": objective,
        "gap_to_cold30_pct": None,
        "changed_hours": moved,
        "kept": kept,
        "time": round(elapsed, 3),
        "time_limit": limit,
        "violations": violations,
    }


def summary(rows: list[dict[str, Any]], title: str) -> str:
    """Markdown: one line per contender (medians over the runs with a plan), then every run."""
    lines = [
        f"## {title}",
        "",
        "| contender | runs with a plan | median gap to cold-30s % | "
        "max gap % | median changed hours | median time s | max time s | violations |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in ("replan", "cold", "cold-30s"):
        mine = [r for r in rows if r["contender"] == name]
        ok = [r for r in mine if r["objective"] is not None]
        gaps = [r["gap_to_cold30_pct"] for r in ok if r["gap_to_cold30_pct"] is not None]
        moved = [r["changed_hours"] for r in ok if r["changed_hours"] == r["changed_hours"]]
        times = [r["time"] for r in mine]
        lines.append(
            f"| {name} | {len(ok)}/{len(mine)} | {_median(gaps)} | {_max(gaps)} | "
            f"{_median(moved)} | {_median(times)} | {_max(times)} | "
            f"{sum(r['violations'] or 0 for r in mine)} |"
        )
    lines += [
        "",
        "| seed | disruption | contender | status | objective | gap % | moved h | kept | time s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        gap = "" if r["gap_to_cold30_pct"] is None else f"{r['gap_to_cold30_pct']:.2f}"
        objective = "" if r["objective"] is None else f"{r['objective']:.1f}"
        lines.append(
            f"| {r['seed']} | {r['description']} | {r['contender']} | {r['status']} | "
            f"{objective} | {gap} | {r['changed_hours']:.1f} | {r['kept']} | {r['time']:.2f} |"
        )
    return "\n".join(lines) + "\n"


def _median(values: list[float]) -> str:
    return "n/a" if not values else f"{statistics.median(values):.2f}"


def _max(values: list[float]) -> str:
    return "n/a" if not values else f"{max(values):.2f}"


def main(argv: list[str] | None = None) -> int:
    """Run the suite; write ``DIR/results.csv`` and ``DIR/results.md``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks run replan")
    parser.add_argument("--size", default="M")
    parser.add_argument("--seeds", default="0-4")
    parser.add_argument("--disruptions", type=int, default=4)
    parser.add_argument("--time-limit", type=float, default=1.0)
    parser.add_argument("--cold-limit", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    lo, _, hi = args.seeds.partition("-")
    seeds = list(range(int(lo), int(hi or lo) + 1))
    out = Path(
        args.out or f"benchmarks/results/replan-{args.size}-t{args.time_limit:g}-w{args.workers}"
    )
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    for case in cases(args.size, seeds, args.disruptions, out, args.workers):
        rows += run_case(case, args.time_limit, args.cold_limit, args.workers)
        with (out / "results.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        print(f"seed {case.seed} disruption {case.number}: {case.change.name}", flush=True)
    title = (
        f"replan, consultant {args.size} seeds {args.seeds}, {args.disruptions} disruptions "
        f"each, re-plan and cold at {args.time_limit:g} s, cold at {args.cold_limit:g} s, "
        f"{args.workers} worker(s)"
    )
    (out / "results.md").write_text(summary(rows, title), encoding="utf-8")
    print(summary(rows, title))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
