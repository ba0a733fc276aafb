"""A plan's tables as spreadsheets: CSV files (one per table) and an Excel workbook.

The tables, in this order: ``echeancier`` (the delivery schedule proposed to the client,
``result.tranches``), ``deliveries``, ``schedule``, ``load``, ``costs`` and ``kpis`` (the
plan's figures: status, objective, bound, gap, lateness, fees, margin...). Excel files need
the ``excel`` extra (``pip install "mission-planner[excel]"``, i.e. openpyxl).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from mission_planner.report.catalogue import catalogue
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario

SHEET_NAMES = {
    "echeancier": "échéancier",
    "deliveries": "deliveries",
    "schedule": "schedule",
    "load": "load",
    "costs": "costs",
    "kpis": "kpis",
}
"""Table name -> Excel sheet name, in the order they are written."""


def kpi_frame(result: PlanResult) -> pd.DataFrame:
    """The plan's figures as a two-column table: ``kpi`` (text) and ``value``."""
    late = (
        result.deliveries[~result.deliveries["on_time"].astype(bool)]
        if len(result.deliveries)
        else None
    )
    rows: list[tuple[str, object]] = [
        ("status", result.status.value),
        ("objective", result.objective),
        ("bound", result.bound),
        ("gap", result.gap),
        ("runtime_s", round(result.runtime, 3)),
        ("seed", result.seed),
        ("workers", result.workers),
        ("tranches", len(result.tranches)),
        ("late_tasks", 0 if late is None else len(late)),
        ("revenue_eur", result.revenue),
        ("partner_fees_eur", result.partner_fees),
        ("margin_eur", result.margin),
    ]
    rows += [(f"term_{name}", value) for name, value in result.objective_terms.items()]
    rows += [(f"explanation_{i + 1}", text) for i, text in enumerate(result.explanation)]
    frame = pd.DataFrame(rows, columns=["kpi", "value"])
    return frame.astype({"kpi": "string", "value": "object"})


DAY_COLUMNS = ("due", "deadline")
"""Columns that hold a day (at its midnight in the frames), written as dates, never as the
next midnight nor with a time."""


def as_days(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its :data:`DAY_COLUMNS` as dates (``2026-12-08``), for files people read."""
    days = {c: frame[c].dt.date for c in DAY_COLUMNS if c in frame}
    return frame.assign(**days) if days else frame


def plan_tables(result: PlanResult) -> dict[str, pd.DataFrame]:
    """The tables of a plan, échéancier first (keys as in :data:`SHEET_NAMES`).

    The days asked and accepted (``due``, ``deadline``) are dates; ``due_at`` and
    ``deadline_at`` keep the instants they mean (a date is 24:00 that day).
    """
    return {
        "echeancier": as_days(result.tranches),
        "deliveries": as_days(result.deliveries),
        "schedule": result.schedule,
        "load": result.load,
        "costs": result.costs,
        "kpis": kpi_frame(result),
    }


def save_csv(result: PlanResult, path: str | Path) -> list[Path]:
    """Write the plan as CSV: one file (the schedule), or every table into a folder.

    Parameters
    ----------
    result
        The plan.
    path
        A ``.csv`` file receives the schedule (one row per work block), and only that file is
        written. A directory receives one file per table: ``echeancier.csv``,
        ``deliveries.csv``, ``schedule.csv``, ``load.csv``, ``costs.csv``, ``kpis.csv``.

    Returns
    -------
    list of Path
        The files written (échéancier first for a folder).
    """
    path = Path(path)
    if not path.is_dir():
        frame_to_csv(result.schedule, path)
        return [path]
    written = []
    for name, frame in plan_tables(result).items():
        target = path / f"{name}.csv"
        frame_to_csv(frame, target)
        written.append(target)
    return written


def frame_to_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write one table as CSV (instants as ``YYYY-MM-DD HH:MM``, days as ``YYYY-MM-DD``)."""
    frame.to_csv(path, index=False, date_format="%Y-%m-%d %H:%M")


def workbook_tables(
    result: PlanResult, language: str | None = None, scenario: Scenario | None = None
) -> dict[str, pd.DataFrame]:
    """The tables of a workbook, by sheet name, échéancier first.

    Parameters
    ----------
    result
        The plan.
    language
        Sheet names and headers in this language (a report catalogue: ``"fr"``, ``"en"``);
        ``None``: the identifiers of :data:`SHEET_NAMES` and of the tables' columns.
    scenario
        The scenario planned: the échéancier gets ``task_names`` beside ``tasks`` and the
        schedule a ``name`` beside ``task``.
    """
    tables = plan_tables(result)
    if scenario is not None:
        names = scenario.display_names()
        echeancier = tables["echeancier"]
        tables["echeancier"] = echeancier.assign(
            task_names=[
                ", ".join(names.get(t, t) for t in str(tasks).split(",") if t)
                for tasks in echeancier["tasks"]
            ]
        )[[*_after(echeancier.columns, "tasks", "task_names")]]
        schedule = tables["schedule"]
        tables["schedule"] = schedule.assign(
            name=[names.get(str(t), str(t)) for t in schedule["task"]]
        )[[*_after(schedule.columns, "task", "name")]]
    if language is None:
        return {SHEET_NAMES[name]: frame for name, frame in tables.items()}
    words = catalogue(language)
    return {
        words.word("sheets", name): frame.rename(
            columns={c: words.word("headers", str(c)) for c in frame.columns}
        )
        for name, frame in tables.items()
    }


def _after(columns: pd.Index, anchor: str, new: str) -> list[str]:
    """``columns`` with ``new`` moved right after ``anchor``."""
    kept = [str(c) for c in columns if c != new]
    at = kept.index(anchor) + 1
    return [*kept[:at], new, *kept[at:]]


def save_excel(
    result: PlanResult,
    path: str | Path,
    *,
    language: str | None = None,
    scenario: Scenario | None = None,
) -> Path:
    """Write an .xlsx workbook, one sheet per table, the échéancier first.

    ``language`` and ``scenario``: see :func:`workbook_tables` (default: the identifiers).

    Raises
    ------
    ModuleNotFoundError
        When openpyxl is missing (install the ``excel`` extra).
    """
    try:
        from openpyxl.styles import Font  # type: ignore[import-untyped]
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            "writing .xlsx files needs openpyxl: pip install 'mission-planner[excel]'"
        ) from None
    path = Path(path)
    with pd.ExcelWriter(path, engine="openpyxl", datetime_format="YYYY-MM-DD HH:MM") as writer:
        for sheet, frame in workbook_tables(result, language, scenario).items():
            frame.to_excel(writer, sheet_name=sheet, index=False)
            ws = writer.sheets[sheet]
            ws.freeze_panes = "A2"
            for cell in ws[1]:
                cell.font = Font(bold=True)
            for i, column in enumerate(frame.columns, start=1):
                longest = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))])
                ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(
                    60, longest + 2
                )
    return path


__all__ = [
    "DAY_COLUMNS",
    "SHEET_NAMES",
    "as_days",
    "frame_to_csv",
    "kpi_frame",
    "plan_tables",
    "save_csv",
    "save_excel",
    "workbook_tables",
]
