"""A plan as readable tables for the terminal (rich): échéancier, weeks, KPIs, progress."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pandas as pd
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text

from mission_planner.progress import ProgressEvent
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario

LEGEND = "weekly schedule: task = the mission, task* = another mission, [title] = fixed commitment"
"""What the marks in :func:`week_tables` mean."""


class SolveProgress:
    """A live line while solving: elapsed time, best objective, bound and gap.

    Pass it as ``plan(..., progress=display)`` and render it with ``rich.live.Live``.

    Parameters
    ----------
    time_limit
        The solve's time limit in seconds, shown next to the elapsed time.
    """

    def __init__(self, time_limit: float) -> None:
        self.started = time.perf_counter()
        self.time_limit = time_limit
        self.last: ProgressEvent | None = None
        self.spinner = Spinner("dots", style="cyan")

    def __call__(self, event: ProgressEvent) -> None:
        """Record the latest progress event (called from the solver's thread)."""
        self.last = event

    def __rich__(self) -> Spinner:
        elapsed = time.perf_counter() - self.started
        text = f"solving {elapsed:5.1f} s / {self.time_limit:g} s"
        event = self.last
        if event is not None:
            best = "-" if event.objective is None else f"{event.objective:,.1f}"
            bound = "-" if event.bound is None else f"{event.bound:,.1f}"
            gap = "-" if event.gap is None else f"{100 * event.gap:.1f}%"
            text += f"   best {best}   bound {bound}   gap {gap}   ({event.phase})"
        self.spinner.update(text=Text(text))
        return self.spinner


def _when(value: Any) -> str:
    """``Fri 18 Dec 2026 15:30``; a midnight (24:00) shows as the day before, no time."""
    if value is None or pd.isna(value):
        return "-"
    moment = pd.Timestamp(value)
    if moment.hour == 0 and moment.minute == 0:  # the end of the day before
        return f"{(moment - pd.Timedelta(days=1)):%a %d %b %Y}"
    return f"{moment:%a %d %b %Y %H:%M}"


def echeancier_table(result: PlanResult) -> Table:
    """The échéancier: tranche, tasks, delivery, the client's dates and lateness."""
    table = Table(title="Échéancier (delivery schedule to propose)", title_justify="left")
    for column in (
        "tranche",
        "tasks",
        "delivery",
        "asked (due)",
        "deadline",
        "late (working days)",
    ):
        table.add_column(
            column, justify="right" if column in ("tranche", "late (working days)") else "left"
        )
    for row in result.tranches.to_dict("records"):
        late = int(row["lateness_working_days"])
        table.add_row(
            str(row["tranche"]),
            str(row["tasks"]).replace(",", ", "),
            _when(row["delivery"]),
            _when(row["due"]),
            _when(row["deadline"]),
            Text(str(late), style="red" if late else ""),
        )
    return table


def week_tables(result: PlanResult, scenario: Scenario) -> list[Table]:
    """The schedule per week: one table a week, one row a day, one column a person.

    Covers the weeks from the first to the last block of work (mission or engagement).
    """
    schedule = result.schedule
    work = schedule[schedule["kind"] != "fixed"]
    if work.empty:
        return []
    titles = {b.id: b.title or b.id for b in scenario.fixed_blocks}
    names = {scenario.lead.id: scenario.lead.name or scenario.lead.id}
    names.update({p.id: p.name or p.id for p in scenario.partners})
    first = pd.Timestamp(work["date"].min()).date()
    last = pd.Timestamp(work["date"].max()).date()
    monday = first - dt.timedelta(days=first.weekday())
    capacity = {
        (str(r["resource"]), pd.Timestamp(r["date"]).date()): float(r["capacity"])
        for r in result.load.to_dict("records")
    }
    cells: dict[tuple[str, dt.date], list[Text]] = {}
    for row in schedule.sort_values("start").to_dict("records"):
        who, day = str(row["resource"]), pd.Timestamp(row["date"]).date()
        start, end = pd.Timestamp(row["start"]), pd.Timestamp(row["end"])
        span = f"{start:%H:%M}-{'24:00' if end.date() > day else f'{end:%H:%M}'} "
        kind, task = str(row["kind"]), str(row["task"])
        if kind == "mission":
            label = Text(span + task, style="bold green")
        elif kind == "engagement":
            label = Text(span + task + "*", style="cyan")
        else:
            label = Text(span + f"[{titles.get(task, task)[:28]}]", style="dim")
        cells.setdefault((who, day), []).append(label)
    tables = []
    while monday <= last:
        days = [monday + dt.timedelta(days=i) for i in range(7)]
        people = [scenario.lead.id] + [
            p.id for p in scenario.partners if any((p.id, d) in cells for d in days)
        ]
        week = monday.isocalendar().week
        table = Table(
            title=f"Week {week}: {monday:%a %d %b} to {days[-1]:%a %d %b %Y}",
            title_justify="left",
        )
        table.add_column("day")
        for person in people:
            table.add_column(names.get(person, person))
        for day in days:
            blocks = [cells.get((p, day), []) for p in people]
            working = any(capacity.get((p, day), 0) > 0 for p in people)
            if not working and not any(blocks):
                continue
            line: list[Any] = [f"{day:%a %d}"]
            for person, found in zip(people, blocks, strict=True):
                if found:
                    line.append(Text("\n").join(found))
                else:
                    off = capacity.get((person, day), 0) == 0
                    line.append(Text("off" if off else "-", style="dim"))
            table.add_row(*line)
        tables.append(table)
        monday += dt.timedelta(days=7)
    return tables


def kpi_table(result: PlanResult) -> Table:
    """The plan's figures: objective, bound, gap, lateness, fees, margin, load."""
    deliveries = result.deliveries
    late = deliveries[~deliveries["on_time"].astype(bool)]
    terms = result.objective_terms
    rows = [
        ("status", result.status.value),
        ("objective (bound, gap)", _objective(result)),
        (
            "solve time",
            f"{result.runtime:.1f} s (seed {result.seed}, workers {result.workers})",
        ),
        ("tranches", str(len(result.tranches))),
        (
            "late tasks",
            f"{len(late)} of {len(deliveries)}"
            + (
                f", up to {int(late['lateness_working_days'].max())} working day(s)"
                if len(late)
                else ""
            ),
        ),
        ("urgency-weighted lateness", f"{terms.get('lateness', 0):g} urgency x hours"),
        ("revenue", f"{result.revenue:,.0f} EUR"),
        ("partner fees", f"{result.partner_fees:,.0f} EUR"),
        ("margin", f"{result.margin:,.0f} EUR"),
        ("coordination", f"{terms.get('coordination_hours', 0):g} h of the lead's time"),
        ("chunks", f"{terms.get('chunks', 0):g}"),
        ("overtime", f"{terms.get('overtime_hours', 0):g} h"),
    ]
    table = Table(title="KPIs", title_justify="left", show_header=False)
    table.add_column("kpi", style="bold")
    table.add_column("value")
    for name, value in rows:
        table.add_row(name, value)
    return table


def _objective(result: PlanResult) -> str:
    bound = "n/a" if result.bound is None else f"{result.bound:,.1f}"
    gap = "n/a" if result.gap is None else f"{100 * result.gap:.2f}%"
    objective = "n/a" if result.objective is None else f"{result.objective:,.1f}"
    return f"{objective} (bound {bound}, gap {gap})"


__all__ = ["LEGEND", "SolveProgress", "echeancier_table", "kpi_table", "week_tables"]
