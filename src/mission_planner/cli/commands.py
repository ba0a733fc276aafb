"""What each command of ``mission-planner`` does: load, solve, print and write."""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.live import Live
from rich.text import Text

from mission_planner.cli.exits import (
    EXIT_INFEASIBLE,
    EXIT_NO_PLAN,
    EXIT_OK,
)
from mission_planner.io import (
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
from mission_planner.levers import OPTIONS, Advice, Recommendation, advise
from mission_planner.planner import plan
from mission_planner.policy import Policy
from mission_planner.replanning.command import run_replan
from mission_planner.report import advice_report, save_report
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.settings import SolveSettings
from mission_planner.status import Status

BUNDLED_EXAMPLE = "bundled.yaml"


def bundled_example() -> Path:
    """Path of the bundled example scenario."""
    return Path(str(resources.files("mission_planner") / "examples" / BUNDLED_EXAMPLE))


def run(args: argparse.Namespace, console: Console, errors: Console) -> int:
    """Run the parsed command; return its exit code (``errors`` gets ``check``'s report)."""
    if args.command == "plan":
        return _plan(args, console)
    if args.command == "advise":
        return _advise(args, console)
    if args.command == "check":
        return _check(args, console, errors)
    if args.command == "replan":
        return run_replan(args, console)
    console.out(json.dumps(scenario_schema(), ensure_ascii=False, indent=2), highlight=False)
    return EXIT_OK


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
        return plan(
            scenario,
            policy=Policy(opportunities=args.opportunities),
            progress=display if live else None,
            settings=_settings(args),
        )


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
        console.print(Text(result.quality()), soft_wrap=True)
        _print_notes(result, console)
        if result.explanation:
            console.print(Text("why the dates asked do not all hold:", style="bold yellow"))
        for why in result.explanation:
            console.print(Text(f"  - {why}"), soft_wrap=True)
        return
    if result.status is Status.INFEASIBLE:
        console.print(Text("infeasible: the mission cannot fit as asked", style="bold red"))
    else:
        console.print(Text(f"no plan found within {result.runtime:.1f} s", style="bold yellow"))
    _print_notes(result, console)
    for why in result.explanation:
        console.print(Text(f"  - {why}"), soft_wrap=True)


def _print_notes(result: PlanResult, console: Console) -> None:
    """What the planner noted about the solve (e.g. the time limit ended while building)."""
    for note in result.notes:
        console.print(Text(f"note: {note}", style="yellow"), soft_wrap=True)


# ---------------------------------------------------------------------- advise
def _advise(args: argparse.Namespace, console: Console) -> int:
    scenario = _load(args, console)
    display = SolveProgress(args.time_limit, f"comparing {len(OPTIONS)} options", each=True)
    with _progress(display, console, args):
        advice = advise(
            scenario,
            language=args.language,
            prefer=args.prefer,
            settings=_settings(args),
            opportunities=args.opportunities,
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
