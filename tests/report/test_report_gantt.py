"""The report's interactive Gantt: task names on the bars, an axis of working days only."""

from __future__ import annotations

import pandas as pd
import pytest

from mission_planner import PlanResult, Scenario
from mission_planner.report.catalogue import catalogue
from mission_planner.report.figures import gantt_figure
from mission_planner.report.formats import Formats
from mission_planner.report.tables import Words

pytest.importorskip("plotly")


@pytest.fixture
def figure(scenario: Scenario, result: PlanResult) -> object:
    """The French interactive Gantt of the two-weeks plan."""
    fr = catalogue("fr")
    return gantt_figure(result, Words(scenario, fr, Formats(fr.locale)))


def test_every_mission_bar_carries_its_task_name(
    figure: object, scenario: Scenario, result: PlanResult
) -> None:
    """One bar per mission row of the schedule, each labelled with its task's name."""
    names = {t.id: t.name or t.id for t in scenario.mission.tasks}
    mission = result.schedule[result.schedule["kind"] == "mission"]
    labels = sorted(
        text
        for trace in figure.data  # type: ignore[attr-defined]
        if trace.name.startswith("Tranche")
        for text in trace.text
    )
    assert labels == sorted(names[t] for t in mission["task"])


def test_bar_widths_are_their_hours(figure: object, result: PlanResult) -> None:
    """On the working-time axis a bar is as wide as its hours (nights take no width)."""
    widths = sorted(
        round(float(w), 6)
        for trace in figure.data  # type: ignore[attr-defined]
        if trace.name.startswith("Tranche")
        for w in trace.x
    )
    mission = result.schedule[result.schedule["kind"] == "mission"]
    assert widths == sorted(round(h, 6) for h in mission["hours"])


def test_axis_shows_working_days_only(figure: object, result: PlanResult) -> None:
    """Tick labels are working days in French; no Saturday or Sunday takes a place."""
    ticks = list(figure.layout.xaxis.ticktext)  # type: ignore[attr-defined]
    assert ticks and ticks[0] == "lun. 14 déc."
    assert not any(t.startswith(("sam.", "dim.")) for t in ticks)
    work = result.schedule[result.schedule["kind"] != "fixed"]
    days = {pd.Timestamp(d).normalize() for d in work["date"]}
    assert len(ticks) >= len(days)
