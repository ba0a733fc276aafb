"""``mission-planner replan SCENARIO PREVIOUS.json --now DAY [--done FILE]``.

Registered by :mod:`mission_planner.cli` (:func:`add_replan_command`, :func:`run_replan`);
exit codes as the other commands: 0 re-planned (or kept), 1 infeasible, 2 bad input, 3 no plan
in time.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from mission_planner.io import load_plan, load_scenario
from mission_planner.io.outputs import ViewOptions, check_outputs, write_outputs
from mission_planner.io.report import echeancier_table
from mission_planner.replanning.history import ReplanError
from mission_planner.replanning.run import Replan, replan
from mission_planner.scenario.source import read_source
from mission_planner.settings import SolveSettings
from mission_planner.status import Status

EXIT_OK, EXIT_INFEASIBLE, EXIT_NO_PLAN = 0, 1, 3

EPILOG = """\
examples:
  mission-planner plan mission.yaml --out week1.json
  mission-planner replan mission.yaml week1.json --now 2026-12-14 --done done.yaml \\
      --out week2.json

--done FILE is YAML or JSON: work done before --now per task (or engagement), in hours,
as a percentage of its effort, or per person:
  analysis: 6          # hours
  design: "50%"        # of its effort
  build: {lead: 4, ana: 2}
A task not listed was done as planned; planned work not done is still to do.

Everything before --now stays as it was. The dates the previous plan announced to the client
after --now hold (--promises-may-move prices them instead, and says which move); the new
plan changes as little as --stability makes worth it.
"""


def add_replan_command(sub: Any, formatter: type[argparse.HelpFormatter]) -> None:
    """Add the ``replan`` subcommand to ``sub`` (the parser's subparsers)."""
    r = sub.add_parser(
        "replan",
        help="re-plan from a previous plan at a given day: history kept, promises held",
        description="Re-plan the mission at --now from the previous plan (written with "
        "--out PLAN.json): what is before --now never changes, work done is read from "
        "--done, the dates already promised hold, and the plan changes little.",
        epilog=EPILOG,
        formatter_class=formatter,
    )
    r.add_argument("scenario", metavar="SCENARIO", help="scenario file, as it is now")
    r.add_argument("previous", metavar="PREVIOUS.json", help="the previous plan (--out)")
    r.add_argument("--now", required=True, metavar="DAY", help="the day to re-plan from")
    r.add_argument("--done", metavar="FILE", help="work done before --now (YAML or JSON)")
    r.add_argument(
        "--promises-may-move",
        action="store_true",
        help="the promised dates may move, at the price of lateness (listed when they do)",
    )
    r.add_argument(
        "--stability",
        type=float,
        default=50.0,
        metavar="W",
        help="price of an hour moved (people changed x4, dates changed x8; default 50)",
    )
    r.add_argument(
        "--improve", action="store_true", help="search even if the previous plan still holds"
    )
    r.add_argument("--time-limit", type=float, default=10.0, metavar="S", help="seconds")
    r.add_argument("--seed", type=int, default=0, metavar="N", help="random seed (default 0)")
    r.add_argument("--workers", type=int, default=2, metavar="N", help="CP-SAT workers")
    r.add_argument("--out", action="append", default=[], metavar="FILE", help="write the new plan")


def run_replan(args: argparse.Namespace, console: Console) -> int:
    """Run ``replan``; print what changed and what to tell the client."""
    inputs = [Path(args.scenario), Path(args.previous)]
    if args.done:
        inputs.append(Path(args.done))
    outputs = check_outputs(args.out, inputs)
    scenario = load_scenario(args.scenario)
    previous = load_plan(args.previous)
    done = _done(args.done) if args.done else None
    try:
        now = dt.date.fromisoformat(args.now)
    except ValueError:
        raise ReplanError("--now", f"{args.now!r} is not a day (YYYY-MM-DD)") from None
    try:
        settings = SolveSettings(time_limit=args.time_limit, seed=args.seed, workers=args.workers)
    except ValueError as exc:
        raise ReplanError("options", str(exc)) from None
    result = replan(
        scenario,
        previous,
        now=now,
        done=done,
        settings=settings,
        promises_may_move=args.promises_may_move,
        stability=max(0.0, args.stability),
        improve=args.improve,
    )
    for line in result.summary().splitlines():
        console.print(Text(line), soft_wrap=True)
    if not result.has_plan:
        return EXIT_INFEASIBLE if result.left.status is Status.INFEASIBLE else EXIT_NO_PLAN
    console.print(echeancier_table(result.plan))
    _write(result, outputs, scenario, console)
    return EXIT_OK


def _done(path: str) -> dict[str, Any]:
    """The work done file's mapping."""
    data = read_source(path).data
    if not isinstance(data, dict):
        raise ReplanError(path, "must map tasks to hours, percentages or {person: hours}")
    return data


def _write(result: Replan, outputs: Any, scenario: Any, console: Console) -> None:
    options = ViewOptions(None, False, None)
    for path in write_outputs(result.plan, outputs, scenario, options=options):
        console.print(Text(f"wrote {path}"))


__all__ = ["add_replan_command", "run_replan"]
