"""``python -m mission_planner [SCENARIO]``: plan a scenario file and print the plan.

Without a file, plans the bundled example. Exit codes: 0 planned, 1 infeasible, 2 bad input,
3 time limit reached with no plan.
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

import pandas as pd
from pydantic import ValidationError

from mission_planner.planner import plan
from mission_planner.scenario import Scenario
from mission_planner.status import Status

BUNDLED_EXAMPLE = "bundled.yaml"


def bundled_example() -> Path:
    """Path of the bundled example scenario."""
    return Path(str(resources.files("mission_planner") / "examples" / BUNDLED_EXAMPLE))


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="mission-planner",
        description="Plan a new mission around a consultant's order book.",
        epilog="example: python -m mission_planner examples/story.yaml --time-limit 20",
    )
    parser.add_argument("scenario", nargs="?", help="scenario file (.yaml/.json); default: the bundled example")
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds (default 10)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    path = Path(args.scenario) if args.scenario else bundled_example()
    try:
        scenario = Scenario.from_file(path)
    except FileNotFoundError:
        print(f"error: no such file: {path}", file=sys.stderr)
        return 2
    except ValidationError as exc:
        print(f"error: {path} is not a valid scenario:", file=sys.stderr)
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]) or "scenario"
            print(f"  {where}: {err['msg']}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"error: {path}: {exc}", file=sys.stderr)
        return 2

    result = plan(scenario, time_limit=args.time_limit, seed=args.seed, workers=args.workers)
    print(f"{scenario.name or path.name}: mission {scenario.mission.name or ''} for {scenario.mission.client}")
    print(result.summary())
    if result.has_plan:
        with pd.option_context("display.width", 160, "display.max_rows", 500):
            work = result.schedule[result.schedule["kind"] == "mission"]
            print("\nmission work blocks:")
            print(work[["task", "tranche", "resource", "start", "end", "hours"]].to_string(index=False))
            print("\ndeliveries:")
            cols = ["task", "tranche", "resources", "finish", "delivery", "due", "deadline", "lateness_working_days"]
            print(result.deliveries[cols].to_string(index=False))
        return 0
    return 1 if result.status is Status.INFEASIBLE else 3


if __name__ == "__main__":
    sys.exit(main())
