"""Readable views for the terminal (rich): plans, advice and the progress line.

A plan: échéancier, weeks, KPIs. The advice: the options compared, the recommendation with its
reasons, the heading of the message to the client.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd
from rich.console import Console
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text

from mission_planner.contract import (
    COORDINATION,
    ENGAGEMENT,
    FIXED,
    MISSION,
    OPPORTUNITY,
    coordination_of,
)
from mission_planner.progress import ProgressEvent
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario

if TYPE_CHECKING:
    from mission_planner.levers import Advice

LEGEND = (
    "weekly schedule: task = the mission's task, engagement* = another mission, "
    "opportunity? = time reserved for a mission not yet won, "
    "(kickoff/follow-up partner) = the lead coordinating a partner, [title] = fixed commitment"
)
"""What the marks in :func:`week_tables` mean."""

OPTIONS_LEGEND = (
    "options, in the problem's order: as_asked = alone, every date asked; negotiate = alone, "
    "within the latest dates the client accepts; delegate = with partners, every date asked; "
    "spread = alone, every date asked, in more deliveries if needed; mix = all three within "
    "the client's latest dates. Days late: the lead's working days past the dates asked, "
    "summed over tasks."
)
"""What the options of :func:`comparison_table` are."""


class SolveProgress:
    """A live line while solving: elapsed time, best objective, bound and gap.

    Pass it as ``plan(..., progress=display)`` and render it with ``rich.live.Live``.

    Parameters
    ----------
    time_limit
        The solve's time limit in seconds, shown next to the elapsed time.
    label
        What is running (``"solving"``); ``"... s / 5 s each"`` with ``each=True``.
    each
        True when ``time_limit`` applies to each of several solves.
    """

    def __init__(self, time_limit: float, label: str = "solving", *, each: bool = False) -> None:
        self.started = time.perf_counter()
        self.time_limit = time_limit
        self.label = label
        self.each = each
        self.last: ProgressEvent | None = None
        self.spinner = Spinner("dots", style="cyan")

    def __call__(self, event: ProgressEvent) -> None:
        """Record the latest progress event (called from the solver's thread)."""
        self.last = event

    def __rich__(self) -> Spinner:
        elapsed = time.perf_counter() - self.started
        text = (
            f"{self.label} {elapsed:5.1f} s / {self.time_limit:g} s{' each' if self.each else ''}"
        )
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


NAME_WIDTH = 28
"""Characters of a task name or block title shown in a cell of the weekly schedule."""


def echeancier_table(result: PlanResult, scenario: Scenario | None = None) -> Table:
    """The échéancier: per tranche its delivery, then each task with its own client dates.

    A tranche has no date asked of its own: each task shows the day asked for it, the latest
    day the client accepts and how many working days late it is delivered (``deliveries``).
    Given the ``scenario``, tasks show by their names (their ids when unnamed).
    """
    shown = scenario.display_names() if scenario is not None else {}
    table = Table(title="Échéancier (delivery schedule to propose)", title_justify="left")
    for column in ("tranche", "delivery", "task", "asked (due)", "deadline", "late (working days)"):
        table.add_column(
            column, justify="right" if column in ("tranche", "late (working days)") else "left"
        )
    deliveries = result.deliveries
    for row in result.tranches.to_dict("records"):
        members = deliveries[deliveries["tranche"] == row["tranche"]].to_dict("records")
        for i, task in enumerate(members):
            late = int(task["lateness_working_days"])
            table.add_row(
                str(row["tranche"]) if i == 0 else "",
                _when(row["delivery"]) if i == 0 else "",
                shown.get(str(task["task"]), str(task["task"])),
                _when(task["due_at"]),
                _when(task["deadline_at"]),
                Text(str(late), style="red" if late else ""),
            )
    return table


def week_tables(result: PlanResult, scenario: Scenario) -> list[Table]:
    """The schedule per week: one table a week, one row a day, one column a person.

    Covers the weeks from the first to the last block of work (mission or engagement).
    """
    schedule = result.schedule
    work = schedule[schedule["kind"] != FIXED]
    if work.empty:
        return []
    titles = {b.id: b.title or b.id for b in scenario.fixed_blocks}
    tasks = {t.id: t.name or t.id for t in scenario.mission.tasks}
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
        if kind == MISSION:
            label = Text(span + tasks.get(task, task)[:NAME_WIDTH], style="bold green")
        elif kind == ENGAGEMENT:
            label = Text(span + task + "*", style="cyan")
        elif kind == OPPORTUNITY:  # reserved for a mission not yet won
            label = Text(span + task + "?", style="yellow")
        elif kind == COORDINATION:
            what, partner = coordination_of(task)
            label = Text(span + f"({what} {names.get(partner, partner)})", style="magenta")
        else:
            label = Text(span + f"[{titles.get(task, task)[:NAME_WIDTH]}]", style="dim")
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


# ---------------------------------------------------------------------- advice
_COMPARISON = (
    ("option", "option"),
    ("plan", "status"),
    ("holds", "holds"),
    ("late\ntasks", "late_tasks"),
    ("days\nlate", "late_working_days"),
    ("urgency\nx h late", "weighted_lateness"),
    ("partners", "partner_names"),
    ("margin\nEUR", "margin"),
    ("lead\nhours", "lead_hours"),
    ("deliv-\neries", "tranches"),
)
_NARROW = frozenset(
    (
        "option",
        "holds",
        "late_tasks",
        "late_working_days",
        "partner_names",
        "margin",
        "tranches",
    )
)
"""Columns kept when the whole table is wider than the terminal."""
_TEXT_COLUMNS = ("option", "status", "holds", "partner_names")


def comparison_table(advice: Advice, width: int | None = None) -> Table:
    """The options side by side in the problem's order; the recommended one in bold.

    Columns: option, the plan's status, whether it holds, late tasks, working days late
    (summed over tasks), urgency x hours late, partners, margin, the lead's hours (own work
    plus coordination) and deliveries; ``-`` without a plan. When the table is wider than
    ``width`` characters, it keeps option, holds, late tasks, days late, partners, margin and
    deliveries.
    """
    table = _comparison_table(advice, _COMPARISON)
    if width is not None and Console(width=10_000).measure(table).maximum > width:
        return _comparison_table(advice, [c for c in _COMPARISON if c[1] in _NARROW])
    return table


def _comparison_table(advice: Advice, columns: Sequence[tuple[str, str]]) -> Table:
    table = Table(title="Options compared, in the problem's order", title_justify="left")
    for header, column in columns:
        table.add_column(
            header,
            justify="left" if column in _TEXT_COLUMNS else "right",
            no_wrap=True,
        )
    for row in advice.comparison.to_dict("records"):
        cells = [_comparison_cell(row, column) for _, column in columns]
        table.add_row(*cells, style="bold" if row["option"] == advice.best else None)
    return table


def _comparison_cell(row: Mapping[Any, Any], column: str) -> Text | str:
    has, value = bool(row["holds"]), row[column]
    if column == "holds":
        return Text("yes", style="green") if value else Text("no", style="red" if has else "")
    if column == "status":
        return str(value).replace(" (", "\n(")  # "optimal\n(plan of delegate)"
    if column == "option":
        return str(value)
    if column == "partner_names":
        return str(value).replace(",", ", ") if has and value else "-"
    if not has or value is None or pd.isna(value):
        return Text("-", style="dim")
    if column == "margin":
        return f"{value:,.0f}"
    if isinstance(value, float):
        return f"{value:,.1f}".removesuffix(".0")
    return str(value)


def advice_lines(advice: Advice) -> list[Text]:
    """The recommendation in the consultant's language: headline, reasons, what to change."""
    style = "bold red" if advice.recommended_plan is None else "bold green"
    lines = [Text(advice.headline, style=style)]
    lines += [Text(f"  - {reason}") for reason in advice.reasons]
    if advice.changes:
        fr = advice.language == "fr"
        if advice.recommendation.name == "COUNTER_PROPOSAL":
            title = "À proposer au client :" if fr else "To propose to the client:"
        else:
            title = "Ce qu'il faudrait changer :" if fr else "What would have to change:"
        lines.append(Text(title))
        lines += [Text(f"  - {change}") for change in advice.changes]
    return lines


def message_heading(language: str) -> Text:
    """The line above the message to the client."""
    name = {"fr": "French", "en": "English"}.get(language, language)
    return Text(f"Message to the client ({name}):", style="bold")


def _objective(result: PlanResult) -> str:
    bound = "n/a" if result.bound is None else f"{result.bound:,.1f}"
    gap = "n/a" if result.gap is None else f"{100 * result.gap:.2f}%"
    objective = "n/a" if result.objective is None else f"{result.objective:,.1f}"
    return f"{objective} (bound {bound}, gap {gap})"


__all__ = [
    "LEGEND",
    "OPTIONS_LEGEND",
    "SolveProgress",
    "advice_lines",
    "comparison_table",
    "echeancier_table",
    "kpi_table",
    "message_heading",
    "week_tables",
]
