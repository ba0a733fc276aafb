"""The ``mission-planner`` command line: ``plan``, ``advise``, ``check`` and ``schema``.

Exit codes: 0 planned (or valid, or a recommendation to accept), 1 infeasible (or violations
found, or advice to decline), 2 bad input (or an output that cannot be written), 3 time limit
reached with no plan (or no answer), 4 out of memory, 70 internal error (a bug: please report
it), 130 interrupted. Every error is one line on standard error, never a traceback.
``mission-planner SCENARIO ...`` and ``python -m mission_planner`` without arguments are short
for ``mission-planner plan ...`` (the latter plans the bundled example).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.live import Live
from rich.text import Text

from mission_planner.io import (
    DEFAULT_TIMEZONE,
    InputError,
    import_calendar,
    load_plan,
    load_scenario,
    scenario_schema,
)
from mission_planner.io.calendar_import import LEAVE_WORDS
from mission_planner.io.commitment_warnings import commitment_warnings
from mission_planner.io.ics import zone
from mission_planner.io.outputs import ViewOptions, check_outputs, write_outputs
from mission_planner.io.plan_file import read_plan_file, scenario_digest
from mission_planner.io.report import (
    LEGEND,
    OPTIONS_LEGEND,
    SolveProgress,
    advice_lines,
    comparison_table,
    echeancier_table,
    kpi_table,
    message_heading,
    week_tables,
)
from mission_planner.levers import OPTIONS, PREFERENCES, Advice, Recommendation, advise
from mission_planner.planner import plan
from mission_planner.report import advice_report, save_report
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.settings import SolveSettings
from mission_planner.status import Status

EXIT_OK, EXIT_INFEASIBLE, EXIT_BAD_INPUT, EXIT_NO_PLAN = 0, 1, 2, 3
EXIT_NO_MEMORY, EXIT_BUG, EXIT_INTERRUPTED = 4, 70, 130
COMMANDS = ("plan", "advise", "check", "schema")
BUNDLED_EXAMPLE = "bundled.yaml"


class _Console(Console):
    """A console that keeps working when its reader goes away (``... | head``).

    Rich's default exits with code 1 (our code for "infeasible"); here the output is dropped
    and the command goes on, so ``--out`` files are still written and the exit code is the
    plan's.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def bundled_example() -> Path:
    """Path of the bundled example scenario."""
    return Path(str(resources.files("mission_planner") / "examples" / BUNDLED_EXAMPLE))


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
        choices=("fr", "en"),
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


def _with_default_command(argv: list[str]) -> list[str]:
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


# ---------------------------------------------------------------------- entry point
def main(argv: Sequence[str] | None = None, *, console: Console | None = None) -> int:
    """Run the command line and return its exit code.

    Parameters
    ----------
    argv
        Arguments without the program name (default: ``sys.argv[1:]``).
    console
        Where to print (default: standard output; a terminal gets colours and the live
        progress display).

    Returns
    -------
    int
        0 planned, valid or accept; 1 infeasible, violations or decline; 2 bad input (or an
        output that cannot be written); 3 no plan (or no answer) in time; 4 out of memory;
        70 internal error (a bug, reported in one line); 130 interrupted.
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(_with_default_command(args_list))
    except SystemExit as exc:  # argparse: --help/--version (0) or a usage error (2)
        return int(exc.code or 0)
    if console is None:
        console = _Console(width=None if sys.stdout.isatty() else 120, highlight=False)
    errors = Console(stderr=True, highlight=False, width=console.width)
    try:
        return _run(args, console, errors)
    except InputError as exc:
        errors.print(Text(f"error: {exc.report()}"), soft_wrap=True)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        errors.print("interrupted")
        return EXIT_INTERRUPTED
    except MemoryError:
        errors.print("error: out of memory; try a smaller scenario or a shorter horizon")
        return EXIT_NO_MEMORY
    except BrokenPipeError:  # the reader went away (e.g. '| head') outside the console
        return EXIT_OK
    except Exception as exc:  # every other exception is a bug in mission_planner
        where = _where(exc)
        errors.print(
            Text(
                f"internal error (a bug in mission_planner): {type(exc).__name__}: "
                f"{_one_line(exc)}{where}; please report it to the project's issue tracker "
                "with the command and its files"
            ),
            soft_wrap=True,
        )
        return EXIT_BUG


def _run(args: argparse.Namespace, console: Console, errors: Console) -> int:
    if args.command == "plan":
        return _plan(args, console)
    if args.command == "advise":
        return _advise(args, console)
    if args.command == "check":
        return _check(args, console, errors)
    console.out(json.dumps(scenario_schema(), ensure_ascii=False, indent=2), highlight=False)
    return EXIT_OK


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:197] + "..."


def _where(exc: BaseException) -> str:
    """`` (at module.py:123)``: the innermost frame of the traceback, for the report."""
    tb = exc.__traceback__
    if tb is None:
        return ""
    while tb.tb_next is not None:
        tb = tb.tb_next
    return f" (at {Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno})"


def _scenario(args: argparse.Namespace, console: Console, quiet: bool = False) -> Scenario:
    path = Path(args.scenario) if args.scenario else bundled_example()
    scenario = load_scenario(path)
    if args.ics:
        found = import_calendar(
            scenario,
            args.ics,
            timezone=args.timezone,
            include_free=args.include_free,
            include=args.include,
            exclude=args.exclude,
            calendars=args.calendar,
            tentative=args.tentative,
            leave_words=(*LEAVE_WORDS, *args.leave_word),
        )
        if not quiet:
            console.print(Text(found.summary()), soft_wrap=True)
            for line in found.lines():
                console.print(Text(line), soft_wrap=True)
        return found.scenario
    if not quiet:
        for warning in commitment_warnings(scenario):
            console.print(Text(f"warning: {warning}"), soft_wrap=True)
    return scenario


def _load(args: argparse.Namespace, console: Console) -> Scenario:
    """The scenario with its calendars, options checked first; prints what is planned."""
    zone(args.timezone)  # a bad time zone is bad input, found before solving
    inputs = [Path(args.scenario) if args.scenario else bundled_example(), *args.ics]
    args.previous = None
    if args.previous_plan is not None:
        inputs.append(Path(args.previous_plan))
        args.previous = load_plan(args.previous_plan)  # bad input, found before solving
    args.outputs = check_outputs(args.out, inputs, follow_symlinks=args.follow_symlinks)
    started = time.perf_counter()
    scenario = _scenario(args, console)
    reading = time.perf_counter() - started
    mission = scenario.mission
    title = scenario.name or Path(args.scenario or BUNDLED_EXAMPLE).name
    console.print(Text(title, style="bold"))
    tasks = len(mission.tasks)
    console.print(
        Text(
            f"mission {mission.name or '(unnamed)'} for {mission.client}: "
            f"{tasks} task{'s' if tasks != 1 else ''}, "
            f"{sum(t.effort_hours for t in mission.tasks):g} h; "
            f"horizon {scenario.start} to {scenario.end}; lead {scenario.lead.name}; "
            f"files read in {reading:.2f} s (not counted in --time-limit)"
        ),
        soft_wrap=True,
    )
    return scenario


def _write(
    result: PlanResult, scenario: Scenario, args: argparse.Namespace, console: Console
) -> None:
    """Write ``result`` to every ``--out`` target (checked by ``_load``), all or nothing.

    An advice writes its .html report itself (:func:`_advise`).
    """
    options = ViewOptions(args.previous, args.lead_only, getattr(args, "language", None))
    outputs = [o for o in args.outputs if not _advice_report_target(args, o.path)]
    for path in write_outputs(result, outputs, scenario, timezone=args.timezone, options=options):
        console.print(Text(f"wrote {path}"))


def _advice_report_target(args: argparse.Namespace, path: Path) -> bool:
    """True for an .html target of ``advise``: the advice's report, not the plan's."""
    return args.command == "advise" and path.suffix.lower() == ".html"


@contextmanager
def _progress(display: SolveProgress, console: Console, args: argparse.Namespace) -> Iterator[bool]:
    """Show ``display`` live while the block runs, in a terminal without ``--quiet``.

    Yields whether the display is live (feed it progress events only then).
    """
    if args.quiet or not console.is_terminal:
        yield False
        return
    with Live(display, console=console, transient=True, refresh_per_second=8):
        yield True


# ---------------------------------------------------------------------- plan
def _plan(args: argparse.Namespace, console: Console) -> int:
    scenario = _load(args, console)
    result = _solve(scenario, args, console)
    _print_status(result, console)
    if not result.has_plan:
        return EXIT_INFEASIBLE if result.status is Status.INFEASIBLE else EXIT_NO_PLAN
    console.print(echeancier_table(result, scenario))
    weeks = week_tables(result, scenario)
    for table in weeks:
        console.print(table)
    if weeks:
        console.print(Text(LEGEND, style="dim"))
    console.print(kpi_table(result))
    _write(result, scenario, args, console)
    return EXIT_OK


def _settings(args: argparse.Namespace) -> SolveSettings:
    return SolveSettings(
        time_limit=args.time_limit, seed=args.seed, workers=args.workers, parallel=args.parallel
    )


def _solve(scenario: Scenario, args: argparse.Namespace, console: Console) -> PlanResult:
    display = SolveProgress(args.time_limit)
    with _progress(display, console, args) as live:
        return plan(scenario, progress=display if live else None, settings=_settings(args))


def _print_status(result: PlanResult, console: Console) -> None:
    if result.has_plan:
        gap = "n/a" if result.gap is None else f"{100 * result.gap:.2f}%"
        proven = "optimal" if result.status is Status.OPTIMAL else "feasible (time limit reached)"
        console.print(
            Text(
                f"plan: {proven} in {result.runtime:.1f} s, objective {result.objective:,.1f}, "
                f"gap {gap}",
                style="bold green",
            )
        )
        if result.explanation:
            console.print(Text("why the dates asked do not all hold:", style="bold yellow"))
        for why in result.explanation:
            console.print(Text(f"  - {why}"), soft_wrap=True)
        return
    if result.status is Status.INFEASIBLE:
        console.print(Text("infeasible: the mission cannot fit as asked", style="bold red"))
    else:
        console.print(Text(f"no plan found within {result.runtime:.1f} s", style="bold yellow"))
    for why in result.explanation:
        console.print(Text(f"  - {why}"), soft_wrap=True)


# ---------------------------------------------------------------------- advise
def _advise(args: argparse.Namespace, console: Console) -> int:
    scenario = _load(args, console)
    display = SolveProgress(args.time_limit, f"comparing {len(OPTIONS)} options", each=True)
    with _progress(display, console, args):
        advice = advise(
            scenario, language=args.language, prefer=args.prefer, settings=_settings(args)
        )
    code = _advice_code(advice)
    _print_advice_status(advice, code, console)
    console.print(comparison_table(advice, console.width))
    console.print(Text(OPTIONS_LEGEND, style="dim"))
    console.print()
    for line in advice_lines(advice):
        console.print(line, soft_wrap=True)
    console.print()
    console.print(message_heading(advice.language))
    console.print(Text(advice.message), soft_wrap=True)
    for output in args.outputs:  # checked by _load: not an input, not a link
        if _advice_report_target(args, output.path):
            try:
                written = save_report(advice_report(advice), output.path)
            except OSError as exc:
                raise InputError(output.path, f"cannot be written: {exc.strerror}") from None
            console.print(Text(f"wrote {written}"))
    if any(not _advice_report_target(args, o.path) for o in args.outputs):
        chosen = advice.recommended_plan
        if chosen is None:
            console.print(Text("nothing written: no option to recommend", style="yellow"))
        else:
            console.print()
            _write(chosen, scenario, args, console)
    return code


def _advice_code(advice: Advice) -> int:
    """0 accept or counter-proposal; 1 decline, established; 3 no answer in time."""
    if advice.recommendation is Recommendation.DECLINE:
        return EXIT_INFEASIBLE
    if advice.recommendation is Recommendation.UNDECIDED:
        return EXIT_NO_PLAN
    return EXIT_OK


def _print_advice_status(advice: Advice, code: int, console: Console) -> None:
    timing = f"{len(advice.options)} options compared in {advice.runtime:.1f} s"
    if code == EXIT_OK:
        which = f"option {advice.best}" if advice.best else "counter-proposal"
        text = f"advice: {advice.recommendation.value} ({which}); {timing}"
        console.print(Text(text, style="bold green"), soft_wrap=True)
    elif code == EXIT_INFEASIBLE:
        text = f"advice: decline, no plan fits in the horizon even with every lever; {timing}"
        console.print(Text(text, style="bold red"), soft_wrap=True)
    else:
        text = (
            f"no answer within the time limit: no plan within the client's limits was found, "
            f"and none was proven impossible; try a longer --time-limit ({timing})"
        )
        console.print(Text(text, style="bold yellow"), soft_wrap=True)


# ---------------------------------------------------------------------- check
def _check(args: argparse.Namespace, console: Console, errors: Console) -> int:
    zone(args.timezone)
    scenario = _scenario(args, console, quiet=True)
    raw = read_plan_file(args.plan)
    result = load_plan(args.plan)
    about = raw.get("scenario")
    if isinstance(about, dict) and about.get("digest") not in (None, scenario_digest(scenario)):
        errors.print(
            Text(
                f"warning: {args.plan} was planned for another scenario "
                f"({about.get('name') or 'unnamed'}) or other calendar files; checking anyway"
            )
        )
    if not result.has_plan:
        console.print(Text(f"{args.plan} holds no plan (status {result.status.value})"))
        for why in result.explanation:
            console.print(Text(f"  - {why}"))
        return EXIT_INFEASIBLE
    try:
        from mission_planner.checker import check
    except ImportError:  # pragma: no cover - the checker ships with the package
        raise InputError(args.plan, "the plan checker is not available in this version") from None
    violations = check(scenario, result, result.policy)
    if not violations:
        work = int((result.schedule["kind"] != "fixed").sum())
        console.print(
            Text(
                f"valid: {args.plan} keeps every rule of {args.scenario} "
                f"({len(result.deliveries)} tasks, {work} work blocks)",
                style="bold green",
            )
        )
        return EXIT_OK
    console.print(Text(f"{len(violations)} violation(s) in {args.plan}:", style="bold red"))
    for violation in violations:
        console.print(Text(f"  - {violation}"), soft_wrap=True)
    return EXIT_INFEASIBLE


__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BUG",
    "EXIT_INFEASIBLE",
    "EXIT_INTERRUPTED",
    "EXIT_NO_MEMORY",
    "EXIT_NO_PLAN",
    "EXIT_OK",
    "build_parser",
    "bundled_example",
    "main",
]
