"""The argument parser of ``mission-planner``: commands, options, help texts and examples."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from mission_planner.io import DEFAULT_TIMEZONE
from mission_planner.io.calendar_import import LEAVE_WORDS
from mission_planner.levers import PREFERENCES
from mission_planner.policy import TREATMENTS
from mission_planner.replanning.command import add_replan_command
from mission_planner.texts import LANGUAGES

COMMANDS = ("plan", "advise", "replan", "check", "schema")

# ---------------------------------------------------------------------- parser
_MAIN_EPILOG = """\
examples:
  mission-planner plan scenario.yaml
  mission-planner plan mission.yaml --ics agenda.ics --out plan.xlsx --out plan.ics
  mission-planner advise scenario.yaml --language en --out plan.json
  mission-planner check scenario.yaml plan.json
  mission-planner schema > scenario.schema.json
  python -m mission_planner            # plan the bundled example

exit codes: 0 planned / valid / accept, 1 infeasible / violations / decline, 2 bad input,
            3 time limit reached with no plan (no answer), 4 out of memory,
            70 internal error (a bug: please report it), 130 interrupted
"""

_PLAN_EPILOG = """\
examples:
  mission-planner plan scenario.yaml --time-limit 30
  mission-planner plan mission.yaml --ics google.ics --ics outlook.ics --timezone Europe/Paris
  mission-planner plan mission.yaml --ics agenda.ics --include congés --exclude "focus time"
  mission-planner plan scenario.yaml --out plan.json --out plan.xlsx --out plan.ics

calendars (--ics): timed busy events become fixed blocks (split per day, clipped to the
horizon, rounded outward to the scenario's grid, overlaps merged); all-day busy events become
the lead's time off. Events shown as free (transparent) and cancelled ones are skipped unless
--include-free, or a keyword of --include is in their title; all-day events whose title says
leave (congés, vacances, OOO, holiday... and --leave-word) are time off even when free;
tentative events count as busy unless --tentative free; malformed events (an end before the
start, a runaway recurrence) are skipped. Each skipped or transformed event is listed with the
reason. Times are converted to --timezone. Limits: docs/inputs.md.

outputs (--out, repeatable): .json (plan file, read by 'check'), .csv (the schedule),
a folder ending in '/' (every table as CSV), .xlsx (one sheet per table, échéancier first),
.ics (one event per work block, one all-day event per tranche delivery: import it into your
calendar; with --previous-plan OLD.json the events OLD had and this plan has not are
cancelled; --lead-only leaves partners' work out), .html (a report to open in a browser or
forward). Every output is checked before solving: never an input of the command, never
through a symbolic link (unless --follow-symlinks); all are written at the end, atomically.

exit codes: 0 planned, 1 infeasible (the reason is printed), 2 bad input,
            3 time limit reached with no plan
"""

_ADVISE_EPILOG = """\
examples:
  mission-planner advise scenario.yaml
  mission-planner advise mission.yaml --ics agenda.ics --language en --time-limit 10
  mission-planner advise scenario.yaml --out plan.json --out plan.xlsx --out plan.ics
  mission-planner check scenario.yaml plan.json       # the recommended plan keeps every rule

options, in the problem's order: as asked (alone, every date asked), negotiate (alone,
within the latest dates the client accepts), delegate (partners, every date asked), spread
(alone, every date asked, in more deliveries if needed) and a mix of the three. All share
--time-limit (the whole call), --parallel at a time with --workers each. --prefer levers
(default) recommends the first that holds in that order; on_time the least weighted
lateness; margin the best margin. When none holds, a counter-proposal (the dates to propose
and why) rather than a refusal; decline only when nothing fits in the horizon. The
recommendation comes with its reasons, the trade-off against the other options and a message
to the client in --language (French by default).

outputs (--out, repeatable): the recommended plan, as for 'plan': .json (read by 'check'
against the same SCENARIO and --ics files, under the option's policy), .csv, .xlsx or .ics;
nothing of these is written without a recommended plan. .html: the advice's report
(recommendation, options, échéancier, Gantt, message to the client), always written.

exit codes: 0 accept or counter-proposal, 1 decline (the reasons are printed),
            2 bad input, 3 no answer within the time limit (try a longer --time-limit)
"""

_CHECK_EPILOG = """\
examples:
  mission-planner check scenario.yaml plan.json
  mission-planner check mission.yaml plan.json --ics agenda.ics   # as planned with --ics

exit codes: 0 the plan keeps every rule, 1 violations (listed), 2 bad input
"""

_SCHEMA_EPILOG = """\
examples:
  mission-planner schema > scenario.schema.json
  # then in a YAML file, for editors with the YAML language server:
  # yaml-language-server: $schema=scenario.schema.json
"""


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive number of seconds")
    return value


def _int_at_least(low: int) -> Any:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"{text!r} must be at least {low}")
        return value

    return parse


def _calendar_options() -> argparse.ArgumentParser:
    shared = argparse.ArgumentParser(add_help=False)
    group = shared.add_argument_group("calendars")
    group.add_argument(
        "--ics",
        action="append",
        default=[],
        metavar="FILE",
        help="an .ics file of the lead's commitments (repeatable)",
    )
    group.add_argument(
        "--timezone",
        default=DEFAULT_TIMEZONE,
        metavar="TZ",
        help=f"the lead's IANA time zone; calendar times are converted to it "
        f"(default {DEFAULT_TIMEZONE})",
    )
    group.add_argument(
        "--include-free", action="store_true", help="also import events shown as free"
    )
    group.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="WORD",
        help="import events whose title has WORD even when shown as free (repeatable)",
    )
    group.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="WORD",
        help="skip events whose title has WORD (repeatable; wins over --include)",
    )
    group.add_argument(
        "--calendar",
        action="append",
        default=None,
        metavar="NAME",
        help="import only from calendars with this name (X-WR-CALNAME; repeatable)",
    )
    group.add_argument(
        "--tentative",
        choices=("busy", "free"),
        default="busy",
        help="tentative events take the lead's time (busy, default) or not (free)",
    )
    group.add_argument(
        "--leave-word",
        action="append",
        default=[],
        metavar="WORD",
        help="an all-day event with WORD in its title is time off even when shown as free "
        f"(repeatable; added to: {', '.join(LEAVE_WORDS)})",
    )
    return shared


def _solve_options(*, time_limit: float, time_help: str, out_help: str) -> argparse.ArgumentParser:
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument(
        "--time-limit",
        type=_positive_float,
        default=time_limit,
        metavar="S",
        help=f"{time_help} (default {time_limit:g})",
    )
    shared.add_argument(
        "--seed", type=_int_at_least(0), default=0, metavar="N", help="random seed (default 0)"
    )
    shared.add_argument(
        "--workers",
        type=_int_at_least(1),
        default=2,
        metavar="N",
        help="CP-SAT search workers of each solve (default 2; 1 repeats exactly)",
    )
    shared.add_argument(
        "--parallel",
        type=_int_at_least(1),
        default=1,
        metavar="N",
        help="independent solves at once when comparing options (default 1); at most "
        "workers x parallel solver threads",
    )
    shared.add_argument(
        "--opportunities",
        choices=TREATMENTS,
        default="ignore",
        help="missions not yet won (the scenario's opportunities): ignore them (default), "
        "reserve their expected load (probability x effort) or all of their work",
    )
    shared.add_argument("--out", action="append", default=[], metavar="FILE", help=out_help)
    shared.add_argument(
        "--previous-plan",
        metavar="PLAN.json",
        help="the plan exported before (--out PLAN.json): an .ics output then cancels its "
        "events that this plan no longer has, so calendars update instead of duplicating",
    )
    shared.add_argument(
        "--lead-only", action="store_true", help="an .ics output holds the lead's own work only"
    )
    shared.add_argument(
        "--quiet", "-q", action="store_true", help="no live progress display while solving"
    )
    shared.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="let --out write through a symbolic link (refused by default)",
    )
    return shared


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``mission-planner`` and its subcommands."""
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="mission-planner",
        description="Fit a new mission into a consultant's full order book, planned with CP-SAT.",
        epilog=_MAIN_EPILOG,
        formatter_class=formatter,
    )
    from mission_planner import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    calendars = _calendar_options()

    outputs = "FILE.json, FILE.csv, FILE.xlsx, FILE.ics or FOLDER/ (repeatable)"
    p = sub.add_parser(
        "plan",
        parents=[
            calendars,
            _solve_options(
                time_limit=10.0,
                time_help="seconds for the whole solve",
                out_help=f"write the plan: {outputs}",
            ),
        ],
        help="plan a scenario; print the échéancier, the weekly schedule and the KPIs",
        description="Plan a scenario file and print the échéancier, the schedule per week "
        "and the KPIs.",
        epilog=_PLAN_EPILOG,
        formatter_class=formatter,
    )
    p.add_argument(
        "scenario",
        nargs="?",
        metavar="SCENARIO",
        help="scenario file (.yaml, .yml or .json); default: the bundled example",
    )
    p.add_argument(
        "--language",
        choices=LANGUAGES,
        default=None,
        help="language of the written views: .xlsx sheets and headers, .ics titles, .html "
        "report (default: the tables' identifiers, English calendar titles, French report)",
    )

    a = sub.add_parser(
        "advise",
        parents=[
            calendars,
            _solve_options(
                time_limit=10.0,
                time_help="seconds for the whole call, every option included",
                out_help=f"write the recommended option's plan: {outputs}",
            ),
        ],
        help="compare the ways to take the mission; recommend one; write to the client",
        description="Compare the ways to take the mission (as asked, negotiated dates, "
        "partners, an échéancier in tranches, a mix), recommend one with its reasons, and "
        "write the message to the client.",
        epilog=_ADVISE_EPILOG,
        formatter_class=formatter,
    )
    a.add_argument("scenario", metavar="SCENARIO", help="scenario file (.yaml, .yml or .json)")
    a.add_argument(
        "--language",
        choices=LANGUAGES,
        default="fr",
        help="language of the recommendation and the message to the client (default fr)",
    )
    a.add_argument(
        "--prefer",
        choices=PREFERENCES,
        default="levers",
        help="how to pick the option: levers (the first that holds in the problem's order, "
        "default), on_time (least lateness) or margin (best margin)",
    )

    add_replan_command(sub, formatter)
    c = sub.add_parser(
        "check",
        parents=[calendars],
        help="check a saved plan against a scenario",
        description="Check that a plan saved with --out PLAN.json keeps every rule of the "
        "scenario (effort, capacity, commitments, dates, skills...).",
        epilog=_CHECK_EPILOG,
        formatter_class=formatter,
    )
    c.add_argument("scenario", metavar="SCENARIO", help="scenario file (.yaml, .yml or .json)")
    c.add_argument("plan", metavar="PLAN.json", help="plan file written by 'plan --out'")

    sub.add_parser(
        "schema",
        help="print the JSON Schema of scenario files",
        description="Print the JSON Schema of scenario files.",
        epilog=_SCHEMA_EPILOG,
        formatter_class=formatter,
    )
    return parser


def with_default_command(argv: list[str]) -> list[str]:
    """``[]`` and ``SCENARIO ...`` / ``--time-limit ...`` mean ``plan ...``."""
    if not argv:
        return ["plan"]
    first = argv[0]
    if first in COMMANDS or first in ("-h", "--help", "--version"):
        return argv
    if first.startswith("-") or Path(first).suffix.lower() in (".yaml", ".yml", ".json"):
        return ["plan", *argv]
    if Path(first).exists():
        return ["plan", *argv]
    return argv
