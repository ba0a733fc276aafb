"""The plan shown in a terminal: échéancier, one table a week, KPIs."""

from __future__ import annotations

import io

from rich.console import Console

from mission_planner import PlanResult, Scenario
from mission_planner.io import echeancier_table, kpi_table, week_tables


def render(*tables: object) -> str:
    screen = io.StringIO()
    console = Console(file=screen, width=140, color_system=None)
    for table in tables:
        console.print(table)
    return screen.getvalue()


def test_echeancier_shows_each_tranche_with_the_asked_date(
    planned: tuple[Scenario, PlanResult],
) -> None:
    """Each task on its own row, by its name, with its own day asked; a due date at 24:00 shows
    as that day."""
    scenario, result = planned
    text = render(echeancier_table(result, scenario))
    lines = {line.split("│")[3].strip(): line for line in text.splitlines() if line.count("│") > 5}
    names = {"kickoff": "Kick-off", "inventory": "Data inventory", "report": "Report"}
    assert set(names.values()) <= set(lines)
    # kickoff: delivered Mon 13:00, due and deadline '2026-12-07', i.e. Tue 8 00:00, shown as Mon
    assert lines["Kick-off"].count("Mon 07 Dec 2026") == 3 and "Mon 07 Dec 2026 13:00" in text
    due = {d["task"]: d["due"] for d in result.deliveries.to_dict("records")}
    for task in ("inventory", "report"):  # each its own day asked, not its tranche's first
        assert f"{due[task]:%a %d %b %Y}" in lines[names[task]]
    assert "00:00" not in text
    # without the scenario, the ids
    bare = render(echeancier_table(result))
    assert "kickoff" in bare and "Kick-off" not in bare


def test_week_tables_show_people_work_and_commitments(planned: tuple[Scenario, PlanResult]) -> None:
    """Week 50 shows the lead and the partner who works, mission, engagement and fixed blocks."""
    scenario, result = planned
    (week, *_) = week_tables(result, scenario)
    text = render(week)
    assert "Week 50" in text and "Claire Martin" in text and "Hugo Bernard" in text
    assert "09:00-13:00 Kick-off" in text and "bnp*" in text and "[Standup]" in text
    assert "off" in text  # Hugo is busy on Monday 7th


def test_kpis_show_figures_in_words(planned: tuple[Scenario, PlanResult]) -> None:
    """The KPI table gives the status, late tasks and the margin."""
    _, result = planned
    text = render(kpi_table(result))
    assert result.status.value in text and "late tasks" in text and "margin" in text
