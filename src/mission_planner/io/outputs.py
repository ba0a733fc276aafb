"""Write a plan to a file chosen by its suffix (.json, .csv, .xlsx, .ics, .html)."""

from __future__ import annotations

from pathlib import Path

from mission_planner.io.ics import DEFAULT_TIMEZONE, save_ics
from mission_planner.io.plan_file import save_plan
from mission_planner.io.tables import save_csv, save_excel
from mission_planner.report import plan_report, save_report
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario

OUTPUT_SUFFIXES = {
    ".json": "the plan as JSON (mission-planner check reads it back)",
    ".csv": "one CSV file per table, named FILE_echeancier.csv, FILE_schedule.csv, ...",
    ".xlsx": "an Excel workbook, one sheet per table, the échéancier first",
    ".ics": "a calendar to import: one event per work block, one per tranche delivery",
    ".html": "a report to open in a browser or forward: échéancier, Gantt, load, figures",
}
"""Suffixes :func:`save_result` knows, with what each writes."""


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
    """Write a plan in the format named by ``path``'s suffix.

    Parameters
    ----------
    result
        The plan.
    path
        Target file; its suffix picks the format (see :data:`OUTPUT_SUFFIXES`).
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
    ValueError
        When the suffix is not one of :data:`OUTPUT_SUFFIXES`.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return [save_plan(result, path, scenario)]
    if suffix == ".csv":
        return save_csv(result, path)
    if suffix == ".xlsx":
        return [save_excel(result, path)]
    if suffix == ".ics":
        return [
            save_ics(
                result,
                path,
                scenario,
                timezone=timezone,
                previous=previous,
                only_lead=only_lead,
                language=language or "en",
            )
        ]
    if suffix == ".html":
        return [save_report(plan_report(result, scenario, language or "fr"), path)]
    known = ", ".join(OUTPUT_SUFFIXES)
    raise ValueError(f"{path}: unknown output type {path.suffix!r} (use {known})")


__all__ = ["OUTPUT_SUFFIXES", "save_result"]
