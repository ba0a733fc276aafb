"""The report's tables: plain rows of words, formatted for one language.

Each function reads a plan's or an advice's frames (fixed columns, see ``docs/concepts.md``)
and the scenario (names, and the days asked, taken as the scenario states them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from mission_planner.report.catalogue import Catalogue
from mission_planner.report.formats import Formats, closing_day
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario

COMPARED = (
    "holds",
    "late_tasks",
    "late_working_days",
    "partner_names",
    "invoices",
    "fees",
    "margin",
    "lead_hours",
    "tranches",
)
"""Columns of ``advice.comparison`` shown, after the option's name."""


@dataclass(frozen=True)
class Table:
    """Headers and rows of words; ``numeric`` columns align right; ``marked`` rows stand out."""

    headers: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()
    marked: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Words:
    """What a table needs to write ids and dates: the scenario, the catalogue, the formats."""

    scenario: Scenario
    catalogue: Catalogue
    formats: Formats

    def task(self, task: str) -> str:
        """A task's name (its id when it has none)."""
        found = next((t for t in self.scenario.mission.tasks if t.id == task), None)
        return task if found is None else found.name or task

    def person(self, person: str) -> str:
        """A person's name (their id when they have none)."""
        if person == self.scenario.lead.id:
            return self.scenario.lead.name or person
        found = next((p for p in self.scenario.partners if p.id == person), None)
        return person if found is None else found.name or person

    def asked(self, moment: dt.date | dt.datetime) -> str:
        """A date as the scenario states it: the day, and its time when it has one."""
        if isinstance(moment, dt.datetime):
            return f"{self.formats.day(moment)} {moment:%H:%M}"
        return self.formats.day(moment)

    def column(self, key: str) -> str:
        """A column header."""
        return self.catalogue.word("columns", key)


def echeancier(result: PlanResult, words: Words) -> Table:
    """One row per tranche: its delivery day and its tasks, each with its own day asked.

    A tranche has no day asked of its own: each task keeps the day the scenario states for it
    (a tranche never quotes one task's date for the others); the per-task table follows.
    """
    tasks = {t.id: t for t in words.scenario.mission.tasks}
    french = words.catalogue.language == "fr"
    rows = []
    for row in result.tranches.to_dict("records"):
        members = [tasks[t] for t in str(row["tasks"]).split(",") if t in tasks]
        listed = [
            f"« {t.name or t.id} » (demandé le {words.asked(t.due)})"
            if french
            else f"“{t.name or t.id}” (asked for {words.asked(t.due)})"
            for t in members
        ]
        rows.append(
            [
                str(int(row["tranche"])),
                words.formats.day(closing_day(row["delivery"])),
                "; ".join(listed),
            ]
        )
    headers = ["tranche", "delivery", "tasks"]
    return Table([words.column(h) for h in headers], rows, frozenset({0}))


def deliveries(result: PlanResult, words: Words) -> Table:
    """One row per task: tranche, who, hours, delivery day, the day asked, on time."""
    tasks = {t.id: t for t in words.scenario.mission.tasks}
    yes, no = words.catalogue("answer_yes"), words.catalogue("answer_no")
    rows = []
    for row in result.deliveries.to_dict("records"):
        task = str(row["task"])
        who = [words.person(p) for p in str(row["resources"]).split(",") if p]
        rows.append(
            [
                f"{words.task(task)} ({task})",
                str(int(row["tranche"])),
                ", ".join(who),
                words.formats.hours(row["hours"]),
                words.formats.day(closing_day(row["delivery"])),
                words.asked(tasks[task].due) if task in tasks else "",
                yes if bool(row["on_time"]) else no,
            ]
        )
    headers = ["task", "tranche", "who", "hours", "delivery", "due", "on_time"]
    return Table([words.column(h) for h in headers], rows, frozenset({1, 3}))


def weekly_load(result: PlanResult, words: Words) -> Table:
    """Per person and week (from Monday) to the last delivery: capacity, committed, planned, free.

    People shown: the lead and the partners who work on the mission.
    """
    load = result.load.copy()
    if load.empty:
        return Table([], [])
    load["week"] = load["date"] - pd.to_timedelta(load["date"].dt.day_of_week, unit="D")
    work = result.schedule[result.schedule["kind"] == "mission"]
    last = max([*work["end"], *result.tranches["delivery"]], default=load["date"].max())
    load = load[load["date"] < last]
    people = [words.scenario.lead.id, *(p.id for p in words.scenario.partners)]
    working = set(result.schedule.loc[result.schedule["kind"] == "mission", "resource"])
    shown = [p for p in people if p == words.scenario.lead.id or p in working]
    sums = load.groupby(["resource", "week"])[["capacity", "committed", "planned", "free"]].sum()
    rows = []
    for person in shown:
        if person not in sums.index.get_level_values(0):
            continue
        for week, numbers in sums.loc[person].iterrows():
            if numbers["capacity"] + numbers["planned"] == 0:
                continue
            rows.append(
                [
                    words.person(person),
                    words.catalogue("week", day=words.formats.day(pd.Timestamp(str(week)))),
                    *(
                        words.formats.hours(numbers[c])
                        for c in ("capacity", "committed", "planned", "free")
                    ),
                ]
            )
    headers = ["person", "week", "capacity", "committed", "planned", "free"]
    return Table([words.column(h) for h in headers], rows, frozenset({2, 3, 4, 5}))


def figures(result: PlanResult, words: Words) -> Table:
    """Revenue, partner fees and margin of the plan."""
    rows = [
        [words.column(key), words.formats.money(getattr(result, key))]
        for key in ("revenue", "partner_fees", "margin")
    ]
    return Table(["", ""], rows, frozenset({1}))


def options(comparison: pd.DataFrame, best: str | None, words: Words) -> Table:
    """The options of an advice, best first, the recommended one marked."""
    yes, no = words.catalogue("answer_yes"), words.catalogue("answer_no")
    rows, marked = [], set()
    for i, row in enumerate(comparison.to_dict("records")):
        cells = [words.catalogue.word("options_names", str(row["option"]))]
        for column in COMPARED:
            value = row.get(column)
            if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
                cells.append("–")
            elif column == "holds":
                cells.append(yes if bool(value) else no)
            elif column in ("fees", "margin"):
                cells.append(words.formats.money(float(value)))
            elif column == "lead_hours":
                cells.append(words.formats.hours(float(value)))
            elif column == "partner_names":
                cells.append(", ".join(words.person(p) for p in str(value).split(",") if p) or "–")
            else:
                cells.append(str(value))
        rows.append(cells)
        if bool(row.get("recommended", row["option"] == best)):
            marked.add(i)
    headers = [words.column("option"), *(words.column(c) for c in COMPARED)]
    return Table(headers, rows, frozenset({2, 3, 5, 6, 7, 8, 9}), frozenset(marked))


def milestones(frame: pd.DataFrame, words: Words) -> Table:
    """The échéancier as invoicing milestones: each delivery day, its tasks and amounts."""
    rows = []
    for row in frame.to_dict("records"):
        tasks = [words.task(t) for t in str(row["tasks"]).split(",") if t]
        rows.append(
            [
                str(int(row["delivery"])),
                words.formats.day(row["delivery_day"]),
                ", ".join(tasks),
                words.formats.hours(row["effort_hours"]),
                words.formats.money(row["amount"]),
                words.formats.money(row["vat"]),
                words.formats.money(row["amount_with_vat"]),
            ]
        )
    headers = [
        "milestone",
        "delivery_day",
        "tasks",
        "effort_hours",
        "amount",
        "vat",
        "amount_with_vat",
    ]
    return Table([words.column(h) for h in headers], rows, frozenset({0, 3, 4, 5, 6}))
