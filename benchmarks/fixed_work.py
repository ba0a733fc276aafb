"""Bounds and plans at a fixed amount of solver work, independent of the machine's load.

``python -m benchmarks.fixed_work [--work 3] [--seeds 0-4]`` plans the bundled example and the
consultant M scenarios with one worker and CP-SAT's ``max_deterministic_time`` (the heuristic
spends its fixed work budget), checks every plan, and prints one JSON line per case: status,
objective, bound, gap, where the bound comes from, wall seconds. Run it from two source trees
(``PYTHONPATH=/other/src``) to compare them whatever else runs on the machine.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from benchmarks.__main__ import parse_indices
from benchmarks.generators import generate
from mission_planner import Scenario, check, plan
from mission_planner.io import load_scenario

BUNDLED = Path(__file__).resolve().parents[1] / "src/mission_planner/examples/bundled.yaml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fixed_work")
    parser.add_argument("--work", type=float, default=3.0, help="max_deterministic_time")
    parser.add_argument("--seeds", default="0-4", help="consultant M generator seeds")
    args = parser.parse_args(argv)
    cases: list[tuple[str, Callable[[], Scenario]]] = [("bundled", lambda: load_scenario(BUNDLED))]
    for seed in parse_indices(args.seeds) or []:
        cases.append((f"M-{seed:03d}", partial(generate, "M", seed)))
    for name, make in cases:
        scenario = make()
        started = time.perf_counter()
        result = plan(
            scenario,
            time_limit=900,
            seed=0,
            workers=1,
            solver_params={"max_deterministic_time": args.work},
        )
        violations = len(check(scenario, result)) if result.has_plan else 0
        line = {
            "case": name,
            "status": result.status.value,
            "objective": result.objective,
            "bound": result.bound,
            "gap": result.gap,
            "bound_source": getattr(result, "bound_source", None),
            "violations": violations,
            "wall": round(time.perf_counter() - started, 1),
        }
        print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
