"""Write a plan to the files the user names, safely: checked first, then all at once.

A target is a file whose suffix picks the format (``.json``, ``.csv``, ``.xlsx``, ``.ics``,
``.html``) or a folder (a path ending in ``/``, or an existing directory) that receives every
table as CSV. :func:`check_outputs` runs before any solving and refuses a target that

* has an unknown suffix, or a parent folder that does not exist;
* is one of the command's inputs (the scenario, a calendar, a plan file), or names the same
  file as another target;
* is a symbolic link (unless ``follow_symlinks``: the link's target is then written), or
  exists and is not a regular file (a directory named ``plan.json``, a pipe);
* needs a missing optional package (``.xlsx``: openpyxl).

:func:`write_outputs` writes every target to a temporary file beside it and renames them into
place only when all are written: a failure leaves the old files as they were.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from mission_planner.errors import InputError
from mission_planner.io.ics import DEFAULT_TIMEZONE, save_ics
from mission_planner.io.plan_file import save_plan
from mission_planner.io.tables import frame_to_csv, plan_tables, save_csv, save_excel
from mission_planner.report import plan_report, save_report
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario

OUTPUT_SUFFIXES = {
    ".json": "the plan as JSON (mission-planner check reads it back)",
    ".csv": "the schedule as CSV, one row per work block",
    ".xlsx": "an Excel workbook, one sheet per table, the échéancier first",
    ".ics": "a calendar to import: one event per work block, one per tranche delivery",
    ".html": "a report to open in a browser or forward: échéancier, Gantt, load, figures",
    "/": "a folder (a path ending in '/'): every table as CSV, echeancier.csv first",
}
"""What each kind of target receives (``"/"``: a folder)."""


@dataclass(frozen=True)
class Output:
    """A checked target: where to write, and whether it is a folder of CSV tables."""

    path: Path
    folder: bool = False

    def files(self) -> list[Path]:
        """The files this target writes."""
        if self.folder:
            return [self.path / f"{name}.csv" for name in _TABLES]
        return [self.path]


@dataclass(frozen=True)
class ViewOptions:
    """How the .ics and .html views are written.

    Attributes
    ----------
    previous
        The plan exported before: an .ics cancels its events this plan no longer has.
    only_lead
        An .ics holds the lead's own work only.
    language
        Of the .html report (default French), of the .ics titles (default English) and of the
        .xlsx sheet names and headers (default: the tables' identifiers).
    """

    previous: PlanResult | None = None
    only_lead: bool = False
    language: str | None = None


_TABLES = ("echeancier", "deliveries", "schedule", "load", "costs", "kpis")


def check_outputs(
    targets: Sequence[str | Path],
    inputs: Sequence[str | Path] = (),
    *,
    follow_symlinks: bool = False,
) -> list[Output]:
    """Check every target before anything is solved or written.

    Parameters
    ----------
    targets
        The paths given (``--out``), in order.
    inputs
        Files the command reads: no target may be one of them.
    follow_symlinks
        Write through a symbolic link (to the file it points to) instead of refusing it.

    Returns
    -------
    list of Output
        The targets, resolved.

    Raises
    ------
    InputError
        Naming the target and the reason, for the first target that breaks a rule.
    """
    read = {_identity(Path(p)) for p in inputs}
    outputs: list[Output] = []
    claimed: dict[str, Path] = {}
    for given in targets:
        output = _check_one(given, follow_symlinks)
        for file in output.files():
            key = _identity(file)
            if key in read:
                raise InputError(
                    given, f"{file} is an input of this command; write the plan to another file"
                )
            if key in claimed:
                raise InputError(given, f"{file} is already written by --out {claimed[key]}")
            claimed[key] = Path(given)
        outputs.append(output)
    return outputs


def write_outputs(
    result: PlanResult,
    outputs: Sequence[Output],
    scenario: Scenario,
    *,
    timezone: str = DEFAULT_TIMEZONE,
    options: ViewOptions | None = None,
) -> list[Path]:
    """Write ``result`` to every checked target, all or nothing.

    ``options`` tune the calendar and the report (see :class:`ViewOptions`).

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    InputError
        When a file cannot be written; no target is changed then.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for output in outputs:
            if output.folder:
                output.path.mkdir(exist_ok=True)
                for name, frame in plan_tables(result).items():
                    target = output.path / f"{name}.csv"
                    staged.append((_stage(target, partial(frame_to_csv, frame)), target))
            else:
                write = _writer(result, output.path, scenario, timezone, options or ViewOptions())
                staged.append((_stage(output.path, write), output.path))
        for temporary, target in staged:
            os.replace(temporary, target)
    except OSError as exc:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        where = exc.filename or (outputs[0].path if outputs else "output")
        raise InputError(str(where), f"cannot be written: {exc.strerror or exc}") from None
    return [target for _, target in staged]


def save_result(
    result: PlanResult,
    path: str | Path,
    scenario: Scenario,
    *,
    timezone: str = DEFAULT_TIMEZONE,
    previous: PlanResult | None = None,
    only_lead: bool = False,
    language: str | None = None,
) -> list[Path]:
    """Write a plan in the format named by ``path`` (see :data:`OUTPUT_SUFFIXES`).

    Parameters
    ----------
    result
        The plan.
    path
        Target file (its suffix picks the format) or folder (every table as CSV).
    scenario
        The scenario planned (names for the calendar; fingerprint for the JSON file).
    timezone
        IANA time zone of the plan's local times (for .ics files).
    previous, only_lead
        For .ics files: the plan exported before (its vanished events are cancelled) and
        whether to leave partners' work out (see :func:`~mission_planner.io.plan_to_ics`).
    language
        Language of the .html report and of the .ics titles (see
        :mod:`mission_planner.report`); default French for the report, English for the .ics.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    InputError
        When the target breaks a rule of :func:`check_outputs` or cannot be written.
    """
    options = ViewOptions(previous, only_lead, language)
    return write_outputs(
        result, check_outputs([path]), scenario, timezone=timezone, options=options
    )


# ---------------------------------------------------------------------- helpers
def _check_one(given: str | Path, follow_symlinks: bool) -> Output:
    text = str(given)
    path = Path(text)
    if path.is_symlink():
        if not follow_symlinks:
            raise InputError(
                text,
                f"is a symbolic link (to {os.readlink(path)}); give the real path, or "
                "--follow-symlinks to write through it",
            )
        path = path.resolve()
    folder = text.endswith(("/", os.sep)) or path.is_dir()
    if folder:
        if path.exists() and not path.is_dir():
            raise InputError(text, "names a folder for CSV tables but is a file")
    else:
        suffix = path.suffix.lower()
        if suffix not in OUTPUT_SUFFIXES or suffix == "/":
            known = ", ".join(s for s in OUTPUT_SUFFIXES if s != "/")
            raise InputError(
                text,
                f"unknown output type {path.suffix or '(none)'!r}: use {known}, "
                "or a folder ending in '/' for every table as CSV",
            )
        if path.exists() and not path.is_file():
            raise InputError(text, "exists and is not a regular file")
        if suffix == ".xlsx" and importlib.util.find_spec("openpyxl") is None:
            raise InputError(
                text, "writing .xlsx needs openpyxl: pip install 'mission-planner[excel]'"
            )
    parent = path.parent
    if not parent.is_dir():
        raise InputError(text, f"folder {parent} does not exist")
    return Output(path, folder)


def _identity(path: Path) -> str:
    """A key equal for two names of the same file (links, '..', hard links)."""
    try:
        info = path.stat()
    except OSError:
        return os.path.realpath(path)
    return f"{info.st_dev}:{info.st_ino}"


def _writer(
    result: PlanResult, path: Path, scenario: Scenario, timezone: str, options: ViewOptions
) -> Callable[[Path], object]:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return lambda p: save_plan(result, p, scenario)
    if suffix == ".csv":
        return lambda p: save_csv(result, p)
    if suffix == ".xlsx":
        return lambda p: save_excel(result, p, language=options.language, scenario=scenario)
    if suffix == ".html":
        html = plan_report(result, scenario, options.language or "fr")
        return lambda p: save_report(html, p)
    return lambda p: save_ics(
        result,
        p,
        scenario,
        timezone=timezone,
        previous=options.previous,
        only_lead=options.only_lead,
        language=options.language or "en",
    )


def _stage(target: Path, write: Callable[[Path], object]) -> Path:
    """Write through ``write`` into a temporary file beside ``target``; return its path."""
    handle, name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=f".part{target.suffix}"
    )
    os.close(handle)
    temporary = Path(name)
    # mkstemp makes a private file; give it the mode of the file it replaces (or rw-r--r--)
    os.chmod(temporary, target.stat().st_mode & 0o777 if target.exists() else 0o644)
    try:
        write(temporary)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


__all__ = [
    "OUTPUT_SUFFIXES",
    "Output",
    "ViewOptions",
    "check_outputs",
    "save_result",
    "write_outputs",
]
