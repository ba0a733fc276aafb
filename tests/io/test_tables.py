"""A plan's tables as CSV files and as an Excel workbook, the échéancier first."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from mission_planner import PlanResult, Scenario
from mission_planner.io import kpi_frame, save_csv, save_excel, save_result

ORDER = ["echeancier", "deliveries", "schedule", "load", "costs", "kpis"]


def test_csv_file_is_exactly_the_schedule(
    planned: tuple[Scenario, PlanResult], tmp_path: Path
) -> None:
    """plan.csv is one file, the schedule, and nothing else is written beside it."""
    _, result = planned
    written = save_csv(result, tmp_path / "plan.csv")
    assert written == [tmp_path / "plan.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.csv"]
    schedule = pd.read_csv(written[0])
    assert list(schedule.columns) == list(result.schedule.columns)
    assert len(schedule) == len(result.schedule)


def test_csv_into_a_directory_uses_table_names(
    planned: tuple[Scenario, PlanResult], tmp_path: Path
) -> None:
    """A directory receives echeancier.csv, deliveries.csv, ..."""
    _, result = planned
    written = save_csv(result, tmp_path)
    assert [p.name for p in written] == [f"{name}.csv" for name in ORDER]


def test_excel_has_one_sheet_per_table_with_the_echeancier_first(
    planned: tuple[Scenario, PlanResult], tmp_path: Path
) -> None:
    """The sheets are échéancier, deliveries, schedule, load, costs, kpis, with headers."""
    _, result = planned
    path = save_excel(result, tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["échéancier", "deliveries", "schedule", "load", "costs", "kpis"]
    sheet = book["échéancier"]
    assert [c.value for c in sheet[1]] == list(result.tranches.columns)
    assert sheet.max_row == len(result.tranches) + 1
    assert book["schedule"].max_row == len(result.schedule) + 1


def test_excel_dates_are_real_dates(planned: tuple[Scenario, PlanResult], tmp_path: Path) -> None:
    """Delivery dates are Excel dates, read back as the same timestamps."""
    _, result = planned
    path = save_excel(result, tmp_path / "plan.xlsx")
    back = pd.read_excel(path, sheet_name="échéancier")
    assert back["delivery"].tolist() == result.tranches["delivery"].tolist()


def test_kpis_hold_the_plans_figures(planned: tuple[Scenario, PlanResult]) -> None:
    """The kpis table gives status, objective, gap, money and each objective term."""
    _, result = planned
    kpis = dict(zip(kpi_frame(result)["kpi"], kpi_frame(result)["value"], strict=True))
    assert kpis["status"] == result.status.value
    assert kpis["objective"] == result.objective and kpis["margin_eur"] == result.margin
    assert kpis["term_lateness"] == result.objective_terms["lateness"]


def test_save_result_picks_the_format_by_suffix(
    planned: tuple[Scenario, PlanResult], tmp_path: Path
) -> None:
    """.json, .csv, .xlsx and .ics each write their format; another suffix is refused."""
    scenario, result = planned
    assert save_result(result, tmp_path / "p.json", scenario)[0].read_text().startswith("{")
    assert len(save_result(result, tmp_path / "p.csv", scenario)) == 1
    assert len(save_result(result, f"{tmp_path / 'tables'}/", scenario)) == len(ORDER)
    assert save_result(result, tmp_path / "p.xlsx", scenario)[0].read_bytes()[:2] == b"PK"
    assert b"BEGIN:VCALENDAR" in save_result(result, tmp_path / "p.ics", scenario)[0].read_bytes()
    with pytest.raises(ValueError, match=r"unknown output type '\.pdf'"):
        save_result(result, tmp_path / "p.pdf", scenario)


def test_workbook_in_the_chosen_language_with_task_names(
    planned: tuple[Scenario, PlanResult], tmp_path: Path
) -> None:
    """language='fr': French sheets and headers; with the scenario, names beside the ids."""
    scenario, result = planned
    path = save_excel(result, tmp_path / "plan.xlsx", language="fr", scenario=scenario)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Échéancier", "Livraisons", "Planning", "Charge", "Coûts", "Indicateurs"
    ]  # fmt: skip
    rows = list(book["Échéancier"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Tranche", "Tâches", "Noms des tâches", "Livraison")
    names = {t.id: t.name for t in scenario.mission.tasks}
    for row, tasks in zip(rows[1:], result.tranches["tasks"], strict=True):
        assert row[2] == ", ".join(names[t] for t in str(tasks).split(","))
    header = [c.value for c in book["Planning"][1]]
    assert header[:3] == ["Nature", "Tâche", "Nom"]
    english = openpyxl.load_workbook(save_excel(result, tmp_path / "en.xlsx", language="en"))
    assert english.sheetnames[0] == "Delivery schedule"
    assert [c.value for c in english["Deliveries"][1]][7:9] == ["Date asked", "Latest date"]


def test_save_result_writes_the_workbook_in_its_language(
    planned: tuple[Scenario, PlanResult], tmp_path: Path
) -> None:
    """save_result(..., language='en') reaches the .xlsx, as it reaches the .ics and .html."""
    scenario, result = planned
    (path,) = save_result(result, tmp_path / "plan.xlsx", scenario, language="en")
    assert openpyxl.load_workbook(path).sheetnames[-1] == "Figures"
