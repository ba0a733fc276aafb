"""Property: every output shows each task's due date as the day the scenario states.

Issue 12 found ``2026-12-09 00:00`` for a task asked for Tuesday 8 December in the tables, the
xlsx and the ``.ics``, and Christmas for a Christmas Eve due date. Here the due days (a date, or
a date and an afternoon time) are drawn over December, Fridays, weekends and Christmas Eve
included, and each output is read back on its own terms: the DataFrames (``due`` is the day at
its midnight), the CSV and xlsx files, the ``.ics`` descriptions, the client messages in French
and English and the HTML reports. Expected days are written with Babel here, not with the
project's own formatters.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import icalendar
import openpyxl
import pandas as pd
from babel.dates import format_date
from html_tree import parse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mission_planner import PlanResult, Scenario, advise, check, plan
from mission_planner.io import plan_to_ics, save_csv, save_excel
from mission_planner.report import plan_report

FAST = {"time_limit": 3, "seed": 0, "workers": 1}
FIRST, LAST = dt.date(2026, 12, 7), dt.date(2026, 12, 31)
LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def scenario_with(dues: list[dt.date | dt.datetime]) -> Scenario:
    """Three small independent tasks (the lead and one partner) due on ``dues``."""
    names = ("Kick-off workshop", "Data inventory", "Final report")
    return Scenario.model_validate(
        {
            "name": "due days",
            "start": FIRST,
            "end": LAST,
            "granularity_minutes": 60,
            "lead": {"id": "claire", "name": "Claire Martin"},
            "partners": [{"id": "hugo", "name": "Hugo Bernard", "day_rate": 700}],
            "mission": {
                "client": "ACME",
                "name": "Audit",
                "sale_day_rate": 1000,
                "tasks": [
                    {"id": f"t{i}", "name": name, "effort_hours": 2, "due": due}
                    for i, (name, due) in enumerate(zip(names, dues, strict=True))
                ],
            },
        }
    )


@st.composite
def due_dates(draw: st.DrawFn) -> list[dt.date | dt.datetime]:
    """Three due dates in December: plain days or a day at an afternoon hour."""
    days = st.dates(min_value=FIRST + dt.timedelta(days=2), max_value=LAST).filter(
        lambda d: d.weekday() < 5
    )
    chosen: list[dt.date | dt.datetime] = []
    for _ in range(3):
        day = draw(st.one_of(days, st.just(dt.date(2026, 12, 24))))
        if draw(st.booleans()):
            chosen.append(dt.datetime.combine(day, dt.time(draw(st.sampled_from([12, 17])))))
        else:
            chosen.append(day)
    return chosen


def day_named(due: dt.date | dt.datetime) -> dt.date:
    return due.date() if isinstance(due, dt.datetime) else due


def words(day: dt.date, language: str) -> str:
    """The day in full as Babel writes it, commas and the French '1er' set aside."""
    return plain(format_date(day, "EEEE d MMMM y", locale=LOCALES[language]))


def plain(text: str) -> str:
    return " ".join(text.replace(",", "").replace("1er ", "1 ").split())


def check_frames(scenario: Scenario, result: PlanResult) -> None:
    rows = result.deliveries.set_index("task")
    for task in scenario.mission.tasks:
        day = pd.Timestamp(day_named(task.due))
        assert rows.loc[task.id, "due"] == day, task.id
        assert rows.loc[task.id, "deadline"] == day, task.id  # no deadline: the due day
    for tranche in result.tranches.to_dict("records"):
        members = str(tranche["tasks"]).split(",")
        assert tranche["due"] == pd.Timestamp(min(day_named(scenario.task(t).due) for t in members))


def check_files(scenario: Scenario, result: PlanResult, folder: Path) -> None:
    expected = {t.id: day_named(t.due) for t in scenario.mission.tasks}
    save_csv(result, folder)
    csv = pd.read_csv(folder / "deliveries.csv", dtype=str).set_index("task")
    assert {t: dt.date.fromisoformat(csv.loc[t, "due"]) for t in expected} == expected
    save_excel(result, folder / "plan.xlsx")
    sheet = openpyxl.load_workbook(folder / "plan.xlsx")["deliveries"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        cells = dict(zip(header, row, strict=True))
        due = cells["due"]
        assert due.value.date() == expected[str(cells["task"].value)]
        assert "h" not in due.number_format.lower(), due.number_format  # a day, no clock


def check_calendar(scenario: Scenario, result: PlanResult) -> None:
    for language, asked in (("en", "Asked for"), ("fr", "Date demandée :")):
        cal = plan_to_ics(result, scenario, language=language)
        texts = [plain(str(e["DESCRIPTION"])) for e in cal.walk("VEVENT")]
        for task in scenario.mission.tasks:
            mine = [t for t in texts if f" {task.id} " in f" {t} " and "(" in t]
            assert mine, task.id
            assert all(plain(f"{asked} {words(day_named(task.due), language)}") in t for t in mine)
    assert isinstance(cal, icalendar.Calendar)


def check_messages(scenario: Scenario, messages: dict[str, str]) -> None:
    for language, message in messages.items():
        for task in scenario.mission.tasks:
            (line,) = [plain(x) for x in message.splitlines() if task.name in x]
            assert words(day_named(task.due), language) in line, (language, line)


def check_report(scenario: Scenario, html: str, language: str) -> None:
    page, _ = parse(html)
    body = page.by_id("deliveries-table").find_all("tbody")[0]
    cells = {
        tr.find_all("td")[0].all_text().strip(): [td.all_text() for td in tr.find_all("td")]
        for tr in body.find_all("tr")
    }
    for task in scenario.mission.tasks:
        (row,) = [r for name, r in cells.items() if name.startswith(task.name)]
        assert words(day_named(task.due), language) in plain(row[5]), (task.id, row)


@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(dues=due_dates())
def test_every_output_shows_the_day_asked(dues: list[Any]) -> None:
    """DataFrames, CSV, xlsx, .ics, messages and reports show each task's due day as stated."""
    scenario = scenario_with(dues)
    result = plan(scenario, **FAST)
    assert result.has_plan and check(scenario, result) == []
    check_frames(scenario, result)
    with tempfile.TemporaryDirectory() as folder:
        check_files(scenario, result, Path(folder))
    check_calendar(scenario, result)
    check_report(scenario, plan_report(result, scenario, "en", charts="none"), "en")
    advice = advise(scenario, **FAST)
    assert advice.recommended_plan is not None
    check_messages(scenario, advice.messages)
    check_report(scenario, advice.to_html("fr"), "fr")


def test_christmas_eve_is_not_christmas(tmp_path: Path) -> None:
    """A task due on Christmas Eve (a Thursday) shows 24 December everywhere, never the 25th."""
    eve = dt.date(2026, 12, 24)
    scenario = scenario_with([eve, eve, dt.datetime(2026, 12, 24, 17)])
    result = plan(scenario, **FAST)
    check_frames(scenario, result)
    check_files(scenario, result, tmp_path)
    assert (result.deliveries["due"] == pd.Timestamp(eve)).all()
    assert (result.deliveries["due_at"] == pd.Timestamp("2026-12-25")).sum() == 2
