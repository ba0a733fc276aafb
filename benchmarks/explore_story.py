"""explore and what-ifs on the story case: rows, non-dominated plans, wall time, hints or not.

Run from the repository root::

    python -m benchmarks.explore_story [--time-limit 30] [--parallel N]

Prints the explore frame with and without hints (same settings; ``--time-limit`` is the
budget of each explore call), then two what-ifs: 'karim' unavailable, against the as-given
plan (comparison and diff), and, for the lead alone (no plan within the client's deadlines),
+2 working days on 'interviews' and 'flows'. Every plan goes through the checker under the
policy it was made for. Timings are reported, never asserted.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from mission_planner import check, diff, explore, plan, what_if
from mission_planner.io import load_scenario
from mission_planner.policy import Policy

STORY = Path(__file__).resolve().parents[1] / "src" / "mission_planner" / "examples" / "story.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--parallel", type=int, default=1)
    args = parser.parse_args()
    pd.set_option("display.width", 250)
    pd.set_option("display.max_columns", 30)
    scenario = load_scenario(STORY)
    for hints in (True, False):
        started = time.perf_counter()
        frame = explore(
            scenario, time_limit=args.time_limit, workers=1, parallel=args.parallel, hints=hints
        )
        wall = time.perf_counter() - started
        print(
            f"\nexplore hints={hints} time_limit={args.time_limit:g} parallel={args.parallel}: "
            f"{len(frame)} rows, {int(frame['non_dominated'].sum())} non-dominated, "
            f"wall {wall:.1f} s"
        )
        print(frame.drop(columns="result").to_string())
        print("no plan:", sorted(frame.attrs["no_plan"]))
        print("duplicates:", frame.attrs["duplicates"])
        print("skipped:", frame.attrs["skipped"])
        for row in frame.itertuples():
            assert check(scenario, row.result, row.policy) == [], row.label

    each = args.time_limit / 5
    base = plan(scenario, time_limit=args.time_limit, workers=1)
    started = time.perf_counter()
    gone = what_if.partner_unavailable(scenario, "karim", baseline=base, time_limit=each)
    print(f"\nwhat-if '{gone.name}' ({time.perf_counter() - started:.1f} s): {gone.description}")
    assert check(gone.scenario, gone.result) == []
    print(what_if.compare(scenario, base, gone).drop(columns=["result", "description"]))
    print(diff(base, gone.result).summary())

    alone = Policy(roster="none")
    alone_base = plan(scenario, policy=alone, time_limit=each, workers=1)
    started = time.perf_counter()
    later = what_if.more_flexibility(
        scenario,
        2,
        tasks=["interviews", "flows"],
        baseline=alone_base,
        policy=alone,
        time_limit=each,
    )
    print(
        f"\nlead alone: {alone_base.status.value}; what-if '{later.name}' "
        f"({time.perf_counter() - started:.1f} s): {later.description}"
    )
    assert check(later.scenario, later.result, later.policy) == []
    print(what_if.compare(scenario, alone_base, later).drop(columns=["result", "description"]))


if __name__ == "__main__":
    main()
