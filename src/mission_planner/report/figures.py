"""The report's Gantt chart: interactive (plotly, inline) or static (matplotlib SVG), or none.

The interactive chart has one row per person, task names on the bars, details on hover and
a working-time axis (:mod:`mission_planner.time_axis`: nights and weekends take no width).
plotly comes with the ``report`` extra, matplotlib with ``plot``; without either the report
has tables only.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
from typing import Any, Literal

import pandas as pd

from mission_planner.contract import (
    COORDINATION,
    ENGAGEMENT,
    FIXED,
    MISSION,
    MISSION_TIME_KINDS,
    OPPORTUNITY,
    ORDER_BOOK_KINDS,
    coordination_of,
)
from mission_planner.palette import (
    ENGAGEMENT_COLOUR,
    FIXED_COLOUR,
    OFF_COLOUR,
    OPPORTUNITY_COLOUR,
    OTHER_COLOUR,
    tranche_colour,
)
from mission_planner.report.tables import Words
from mission_planner.result import PlanResult
from mission_planner.scenario.mission import moment_end
from mission_planner.time_axis import WorkingAxis, scenario_axis
from mission_planner.timeline import build_timeline
from mission_planner.unplanned_time import busy_spans, days_off

PLOTLY = importlib.util.find_spec("plotly") is not None
"""The ``report`` extra is installed: interactive charts."""
MATPLOTLIB = importlib.util.find_spec("matplotlib") is not None
"""The ``plot`` extra is installed: static charts. Both libraries are imported only when a
chart is drawn, so that writing a plan (the CLI, ``io``) does not pay for loading them."""

Engine = Literal["auto", "plotly", "svg", "none"]
"""How to draw charts: the best available, plotly, matplotlib SVG, or no chart."""
ROW_HEIGHT = 70
"""Pixels per person in the interactive Gantt."""


def engine_for(engine: Engine) -> Literal["plotly", "svg", "none"]:
    """The engine ``engine`` names, ``"auto"`` resolved to the best one installed.

    Raises
    ------
    ValueError
        When ``engine`` is unknown or names a library that is not installed.
    """
    if engine == "auto":
        return "plotly" if PLOTLY else "svg" if MATPLOTLIB else "none"
    if engine == "plotly" and not PLOTLY:
        raise ValueError('charts="plotly" needs plotly: pip install "mission-planner[report]"')
    if engine == "svg" and not MATPLOTLIB:
        raise ValueError('charts="svg" needs matplotlib: pip install "mission-planner[plot]"')
    if engine not in ("plotly", "svg", "none"):
        raise ValueError(f"charts={engine!r} is not one of auto, plotly, svg, none")
    return engine


def gantt_html(result: PlanResult, words: Words, engine: Engine = "auto") -> str:
    """The Gantt chart as an HTML fragment ("" when there is no plan or no chart engine)."""
    chosen = engine_for(engine)
    if not result.has_plan or chosen == "none":
        return ""
    if chosen == "svg":
        return _svg(result, words)
    return str(
        gantt_figure(result, words).to_html(
            full_html=False,
            include_plotlyjs=True,
            div_id="gantt-chart",
            config={"displaylogo": False, "responsive": True},
        )
    )


def _people(result: PlanResult, words: Words) -> list[str]:
    scenario = words.scenario
    work = result.schedule[result.schedule["kind"].isin(MISSION_TIME_KINDS)]
    busy = set(work["resource"].astype(str))
    return [scenario.lead.id, *(p.id for p in scenario.partners if p.id in busy)]


def _window(
    result: PlanResult, words: Words, people: list[str]
) -> tuple[pd.Timestamp, pd.Timestamp]:
    schedule = result.schedule
    work = schedule[schedule["kind"].isin(MISSION_TIME_KINDS) & schedule["resource"].isin(people)]
    dues = [pd.Timestamp(moment_end(t.due)) for t in words.scenario.mission.tasks]
    last = max([*work["end"], *result.tranches["delivery"], *dues])
    first = max(min(work["start"]).normalize(), pd.Timestamp(words.scenario.start))
    end = min(
        last.normalize() + pd.Timedelta(days=1),
        pd.Timestamp(words.scenario.end) + pd.Timedelta(days=1),
    )
    return first, max(end, last)


def _svg(result: PlanResult, words: Words) -> str:
    """The matplotlib Gantt on a working-time axis, as inline SVG."""
    figure = importlib.import_module("matplotlib.figure").Figure(
        figsize=(12, 1.8 + 0.8 * len(_people(result, words))), layout="constrained"
    )
    ax = figure.add_subplot()
    charts = importlib.import_module("mission_planner.charts")
    charts.gantt(words.scenario, result, ax=ax, compress=True)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _label(words: Words, kind: str, task: str) -> str:
    if kind == MISSION:
        return words.task(task)
    if kind == COORDINATION:
        what, partner = coordination_of(task)
        return f"{what} {words.person(partner)}"
    if kind == ENGAGEMENT:
        client = next((e.client for e in words.scenario.engagements if e.id == task), "")
        return client or task
    if kind == OPPORTUNITY:  # not won yet: marked with a question mark
        client = next((o.client for o in words.scenario.opportunities if o.id == task), "")
        return f"{client or task}?"
    if kind == FIXED:
        return next((b.title or b.id for b in words.scenario.fixed_blocks if b.id == task), task)
    return task


def _colour(kind: str, tranche: Any) -> str:
    if kind == MISSION:
        return tranche_colour(1 if pd.isna(tranche) else int(tranche))
    if kind == COORDINATION:
        return "#FFFFFF"
    if kind == ENGAGEMENT:
        return ENGAGEMENT_COLOUR
    if kind == OPPORTUNITY:
        return OPPORTUNITY_COLOUR
    if kind in ("fixed", "busy"):
        return FIXED_COLOUR
    if kind == "off":
        return OFF_COLOUR
    return OTHER_COLOUR


def gantt_figure(result: PlanResult, words: Words) -> Any:
    """The interactive Gantt (a plotly Figure): one bar per schedule row, one row per person.

    Bars are grouped in traces by kind and tranche, carry their task's name and show the
    times on hover. The x axis is working time in hours (see :mod:`mission_planner.time_axis`),
    labelled by day in the catalogue's locale.

    Raises
    ------
    ValueError
        When plotly is not installed or ``result`` has no plan.
    """
    if not PLOTLY:
        raise ValueError(
            'the interactive Gantt needs plotly: pip install "mission-planner[report]"'
        )
    if not result.has_plan:
        raise ValueError(f"result: status={result.status.value!r} has no plan to draw")
    people = _people(result, words)
    first, last = _window(result, words, people)
    axis = scenario_axis(words.scenario, people, first, last, result.schedule)
    names = {p: words.person(p) for p in people}
    rows = pd.concat(
        [result.schedule[result.schedule["resource"].isin(people)], _unplanned(words, people)],
        ignore_index=True,
    )
    rows = rows[(rows["end"] > first) & (rows["start"] < last)]
    go = importlib.import_module("plotly.graph_objects")
    figure = go.Figure()
    kinds = words.catalogue
    for (kind, tranche), group in rows.groupby(["kind", rows["tranche"].fillna(0)], sort=True):
        starts = axis.positions(group["start"])
        ends = axis.positions(group["end"])
        labels = [_label(words, str(kind), str(t)) for t in group["task"]]
        hover = [
            f"{label}<br>{names[str(r)]}<br>{words.formats.moment(s)} – {e:%H:%M}"
            f" ({words.formats.hours(h)} h)"
            for label, r, s, e, h in zip(
                labels, group["resource"], group["start"], group["end"], group["hours"], strict=True
            )
        ]
        legend = kinds.word("kinds", str(kind))
        if kind == MISSION:
            legend = f"{kinds.word('columns', 'tranche')} {int(str(tranche))}"
        figure.add_trace(
            go.Bar(
                orientation="h",
                y=[names[str(r)] for r in group["resource"]],
                base=starts,
                x=ends - starts,
                text=labels if kind in ("mission", "coordination", *ORDER_BOOK_KINDS) else None,
                textposition="inside",
                insidetextanchor="start",
                textfont={"size": 11},
                hovertext=hover,
                hoverinfo="text",
                name=legend,
                marker={
                    "color": _colour(str(kind), tranche),
                    "line": {
                        "color": "#444444" if kind == COORDINATION else "rgba(0,0,0,0)",
                        "width": 1,
                    },
                    "pattern": {"shape": "/"} if kind == COORDINATION else None,
                },
                width=0.55,
            )
        )
    _marks(figure, result, words, axis)
    _axis(figure, words, axis, people, names)
    return figure


def _unplanned(words: Words, people: list[str]) -> pd.DataFrame:
    """Partners' busy time and everyone's days off, as rows shaped like the schedule's."""
    timeline = build_timeline(words.scenario)
    rows: list[dict[str, object]] = []
    for person in people:
        spans = [("busy", s) for s in busy_spans(words.scenario, person)]
        spans += [("off", s) for s in days_off(words.scenario, timeline, person)]
        for kind, (start, end) in spans:
            rows.append(
                {
                    "kind": kind,
                    "task": words.catalogue.word("kinds", kind),
                    "tranche": pd.NA,
                    "resource": person,
                    "start": start,
                    "end": end,
                    "hours": (end - start) / pd.Timedelta(hours=1),
                }
            )
    return pd.DataFrame(
        rows, columns=["kind", "task", "tranche", "resource", "start", "end", "hours"]
    )


def _marks(figure: Any, result: PlanResult, words: Words, axis: WorkingAxis) -> None:
    """Due (dashed) and deadline (solid) lines and the delivery of each tranche."""
    tasks = {t.id: t for t in words.scenario.mission.tasks}
    for row in result.tranches.to_dict("records"):
        members = [tasks[t] for t in str(row["tasks"]).split(",") if t in tasks]
        colour = tranche_colour(int(row["tranche"]))
        due = min((moment_end(t.due) for t in members), default=None)
        deadline = min((moment_end(t.latest) for t in members), default=None)
        for moment, dash in ((due, "dash"), (deadline, "solid")):
            if moment is None:
                continue
            x = axis.position(pd.Timestamp(moment))
            figure.add_vline(x=x, line={"color": colour, "dash": dash, "width": 1.5})
        x = axis.position(pd.Timestamp(row["delivery"]))
        label = f"T{int(row['tranche'])} {words.catalogue.word('kinds', 'delivery')}"
        figure.add_annotation(
            x=x,
            y=1.02,
            yref="paper",
            text=f"▼ {label}",
            showarrow=False,
            font={"color": colour, "size": 11},
        )


def _axis(
    figure: Any, words: Words, axis: WorkingAxis, people: list[str], names: dict[str, str]
) -> None:
    """Working-time x axis labelled by day; one row per person, the lead on top."""
    days = axis.days()
    figure.update_layout(
        barmode="overlay",
        height=140 + ROW_HEIGHT * len(people),
        margin={"l": 10, "r": 10, "t": 40, "b": 40},
        plot_bgcolor="white",
        uniformtext={"minsize": 9, "mode": "hide"},
        legend={"orientation": "h", "y": -0.25},
        xaxis={
            "range": [0, max(axis.width, 1.0)],
            "tickmode": "array",
            "tickvals": [(lo + hi) / 2 for _, lo, hi in days],
            "ticktext": [words.formats.short_day(day) for day, _, _ in days],
            "showgrid": False,
            "zeroline": False,
        },
        yaxis={"categoryorder": "array", "categoryarray": [names[p] for p in reversed(people)]},
    )
    for _, lo, _ in days[1:]:
        figure.add_vline(x=lo, line={"color": "#DDDDDD", "width": 1})
