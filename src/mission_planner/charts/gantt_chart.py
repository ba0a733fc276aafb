"""The Gantt chart: who works on what, when, against the order book and the client's dates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from mission_planner.charts._bar_labels import bar_label, label_bar
from mission_planner.charts._common import (
    Moment,
    axes,
    date_axis,
    day_of,
    instant,
    num,
    require_plan,
    weekends,
    working_time_axis,
)
from mission_planner.charts._style import (
    COORDINATION_EDGE,
    COORDINATION_HATCH,
    ENGAGEMENT_COLOUR,
    FIXED_COLOUR,
    OFF_COLOUR,
    OPPORTUNITY_COLOUR,
    OTHER_COLOUR,
    WEEKEND_COLOUR,
    tranche_colour,
)
from mission_planner.contract import MISSION_TIME_KINDS
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.time_axis import scenario_axis
from mission_planner.timeline import build_timeline
from mission_planner.unplanned_time import busy_spans, days_off

BAR_HEIGHT = 0.56
"""Height of a work bar; a row is 1 high."""
MARKER_ROW = -0.85
"""Where the delivery markers sit, above the first person's row."""
"""Schedule kinds that are the new mission's work (the rest is the order book)."""
LABELLED_KINDS = frozenset({"mission", "coordination", "engagement"})
"""Bars that carry the name of their task (or of the other mission)."""

Scale = Callable[[pd.Timestamp], float]
"""Where an instant goes along the x axis."""


@dataclass(frozen=True)
class _Span:
    """A horizontal piece of a row: ``[start, end)`` drawn in one style."""

    start: pd.Timestamp
    end: pd.Timestamp
    kind: str
    tranche: int | None = None
    task: str = ""


def gantt(
    scenario: Scenario,
    result: PlanResult,
    ax: Axes | None = None,
    people: Sequence[str] | None = None,
    start: Moment | None = None,
    end: Moment | None = None,
    *,
    compress: bool = False,
    labels: bool = True,
) -> Axes:
    """Draw the plan as a Gantt chart, one row per person.

    Each row shows the person's commitments in grey (the lead's fixed blocks in dark grey,
    other missions' work in light grey, a partner's busy time in dark grey), the new mission's
    work coloured by tranche, coordination time hatched, and public holidays and time off
    shaded (working days whose capacity is 0). Vertical lines mark each tranche's due date
    (dashed) and deadline (solid) in the tranche's colour; triangles above the rows mark the
    deliveries. Weekends are shaded lightly in the background.

    Parameters
    ----------
    scenario
        The scenario that was planned (its people, calendars and partners' busy time).
    result
        A plan of ``scenario`` (``result.has_plan``).
    ax
        Where to draw; a new figure when None.
    people
        Ids of the people to show, in order. Default: the lead, then the partners who work
        on the mission, in the roster's order.
    start, end
        The window shown: dates (``end`` included) or datetimes. Default: from the start of
        the horizon to the day after the last of the mission's work, deliveries and due dates.
        Due, deadline and delivery marks outside the window are named in the legend.
    compress
        Give non-working time no width: the x axis keeps only the shown people's working
        hours (and any block planned outside them), so nights and weekends vanish and each
        working day is labelled once (see :mod:`mission_planner.time_axis`). A due date or a
        deadline (24:00) then marks the end of that day's work.
    labels
        Write on each bar of the mission, of coordination and of other missions the name of
        its task (clipped to the bar).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. Patches carry a ``gid``: ``"mission"``, ``"coordination"``,
        ``"fixed"``, ``"engagement"``, ``"busy"``, ``"off"`` (and the kind of any other
        schedule row); the due and deadline lines carry ``"due"`` and ``"deadline"``; bar
        labels are Text artists with the ``gid`` ``"task-label"``, clipped to their bar.

    Raises
    ------
    ValueError
        When ``result`` has no plan, ``people`` names someone who is not in ``scenario`` (or
        twice), the plan has work for someone ``scenario`` does not know, or ``end`` is not
        after ``start``.
    """
    require_plan(result)
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario={type(scenario).__name__} is not a Scenario")
    rows = _rows(scenario, result, people)
    first, last = _window(scenario, result, rows, start, end)
    ax = axes(ax, (12.0, _height(result, rows, last)))
    timeline = build_timeline(scenario)
    scale: Scale = num
    if compress:
        working = scenario_axis(scenario, rows, first, last, result.schedule)
        scale = working.position
    else:
        weekends(ax, first, last)
    for y, person in enumerate(rows):
        for start, stop in days_off(scenario, timeline, person):
            _bar(ax, y, _Span(start, stop, "off"), scale, height=0.9)
        for start, stop in busy_spans(scenario, person):
            _bar(ax, y, _Span(start, stop, "busy"), scale)
        for span in _schedule_spans(result.schedule, person):
            rect = _bar(ax, y, span, scale)
            if labels and span.kind in LABELLED_KINDS:
                label_bar(ax, rect, bar_label(scenario, span.kind, span.task))
    outside = _tranche_marks(ax, result, first, last, scale)
    ax.set_ylim(len(rows) - 0.5, MARKER_ROW - 0.45)
    ax.set_yticks(range(len(rows)), [_person_label(scenario, p) for p in rows], fontsize=9)
    if compress:
        working_time_axis(ax, working)
    else:
        date_axis(ax, first, last)
    ax.set_title(_title(scenario, result), fontsize=11, loc="left")
    ax.legend(
        handles=_legend(ax, result, scale(first), scale(last)) + outside,
        loc="upper left",
        bbox_to_anchor=(1.005, 1.0),
        fontsize=8,
        frameon=False,
    )
    return ax


def _rows(scenario: Scenario, result: PlanResult, people: Sequence[str] | None) -> list[str]:
    known = [scenario.lead.id, *(p.id for p in scenario.partners)]
    planned = set(result.schedule["resource"].astype(str))
    strangers = sorted(planned - set(known))
    if strangers:
        raise ValueError(
            f"result: resource {strangers[0]!r} is not a person of scenario "
            f"(known: {', '.join(known)}); was the plan made for another scenario?"
        )
    if people is None:
        working = result.schedule[result.schedule["kind"].isin(MISSION_TIME_KINDS)]
        busy = set(working["resource"].astype(str))
        return [scenario.lead.id, *(p.id for p in scenario.partners if p.id in busy)]
    if isinstance(people, str):
        raise ValueError(f"people={people!r} must be a list of person ids, not one string")
    chosen = list(people)
    if not chosen:
        raise ValueError("people=[] names nobody to show")
    for person in chosen:
        if person not in known:
            raise ValueError(f"people: unknown person {person!r} (known: {', '.join(known)})")
        if chosen.count(person) > 1:
            raise ValueError(f"people: person {person!r} is given twice")
    return chosen


def _height(result: PlanResult, rows: list[str], last: pd.Timestamp) -> float:
    """Inches for the rows, and for the legend: tranches, up to 9 styles, lines beyond."""
    tranches = result.tranches
    beyond = sum(int((tranches[c] > last).sum()) for c in ("due_at", "deadline_at", "delivery"))
    entries = len(tranches) + 9 + beyond
    return max(1.6 + 0.75 * len(rows), 0.7 + 0.19 * entries)


def _window(
    scenario: Scenario,
    result: PlanResult,
    rows: list[str],
    start: Moment | None,
    end: Moment | None,
) -> tuple[pd.Timestamp, pd.Timestamp]:
    first = pd.Timestamp(scenario.start) if start is None else instant(start, "start").normalize()
    if end is None:
        schedule = result.schedule
        work = schedule[schedule["kind"].isin(MISSION_TIME_KINDS) & schedule["resource"].isin(rows)]
        moments = [
            *work["end"],
            *result.tranches["delivery"],
            *result.tranches["due_at"],
        ]
        last = day_of(max(moments)) + pd.Timedelta(days=2)
        last = min(last, pd.Timestamp(scenario.end) + pd.Timedelta(days=1))
    else:
        last = instant(end, "end", end_of_day=True)
    if last <= first:
        raise ValueError(f"end={end!r} must be after start={start!r} (window {first}..{last})")
    return first, last


def _schedule_spans(schedule: pd.DataFrame, person: str) -> list[_Span]:
    mine = schedule[schedule["resource"] == person]
    return [
        _Span(
            pd.Timestamp(row["start"]),
            pd.Timestamp(row["end"]),
            str(row["kind"]),
            None if pd.isna(row["tranche"]) else int(row["tranche"]),
            str(row["task"]),
        )
        for row in mine.to_dict("records")
    ]


def _bar(ax: Axes, y: int, span: _Span, scale: Scale, height: float = BAR_HEIGHT) -> Rectangle:
    x0 = scale(span.start)
    style: dict[str, object]
    if span.kind == "mission":
        colour = tranche_colour(span.tranche or 1)
        style = {"facecolor": colour, "edgecolor": colour, "linewidth": 0.5, "zorder": 3}
    elif span.kind == "coordination":
        edge = COORDINATION_EDGE if span.tranche is None else tranche_colour(span.tranche)
        style = {
            "facecolor": "white",
            "edgecolor": edge,
            "hatch": COORDINATION_HATCH,
            "linewidth": 0.8,
            "zorder": 3,
        }
    elif span.kind in ("fixed", "busy"):
        style = {"facecolor": FIXED_COLOUR, "edgecolor": "none", "zorder": 2}
    elif span.kind == "engagement":
        style = {"facecolor": ENGAGEMENT_COLOUR, "edgecolor": "none", "zorder": 2}
    elif span.kind == "opportunity":
        style = {"facecolor": OPPORTUNITY_COLOUR, "edgecolor": "none", "zorder": 2}
    elif span.kind == "off":
        style = {"facecolor": OFF_COLOUR, "edgecolor": "none", "alpha": 0.7, "zorder": 1}
    else:
        style = {"facecolor": OTHER_COLOUR, "edgecolor": "#888888", "zorder": 2}
    rect = Rectangle(
        (x0, y - height / 2),
        scale(span.end) - x0,
        height,
        gid=span.kind,
        **style,  # type: ignore[arg-type]
    )
    ax.add_patch(rect)
    return rect


def _tranche_marks(
    ax: Axes, result: PlanResult, first: pd.Timestamp, last: pd.Timestamp, scale: Scale
) -> list[Line2D]:
    """Due (dashed) and deadline (solid) lines and delivery triangles, one set per tranche.

    Returns legend entries naming the marks that fall outside the window, with an arrow
    pointing to where they are.
    """
    outside: list[Line2D] = []

    def note(tranche: int, kind: str, moment: pd.Timestamp, **style: Any) -> None:
        if first <= moment <= last:
            return
        when = day_of(moment) if kind != "delivery" else moment
        arrow = "→" if moment > last else "←"
        label = f"T{tranche} {kind} {when:%a %d %b} {arrow}"
        outside.append(Line2D([], [], color=tranche_colour(tranche), label=label, **style))

    for row in result.tranches.to_dict("records"):
        tranche = int(row["tranche"])
        colour = tranche_colour(tranche)
        lines: tuple[tuple[str, Literal["--", "-"]], ...] = (("due", "--"), ("deadline", "-"))
        for kind, style in lines:
            moment = pd.Timestamp(row[f"{kind}_at"])
            ax.axvline(
                scale(moment), color=colour, linestyle=style, linewidth=1.3, zorder=4, gid=kind
            )
            note(tranche, kind, moment, linestyle=style)
        delivery = pd.Timestamp(row["delivery"])
        ax.plot(
            [scale(delivery)],
            [MARKER_ROW],
            marker="v",
            markersize=9,
            color=colour,
            markeredgecolor="black",
            markeredgewidth=0.5,
            linestyle="none",
            zorder=5,
            gid="delivery",
        )
        note(tranche, "delivery", delivery, marker="v", linestyle="none", markeredgecolor="black")
        if first <= delivery <= last:
            ax.annotate(
                f"T{tranche}",
                (scale(delivery), MARKER_ROW),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                color=colour,
                fontweight="bold",
            )
    return outside


def _person_label(scenario: Scenario, person: str) -> str:
    if person == scenario.lead.id:
        return f"{scenario.lead.name or person}\n(lead)"
    partner = next(p for p in scenario.partners if p.id == person)
    return f"{partner.name or person}\n(partner)"


def _title(scenario: Scenario, result: PlanResult) -> str:
    mission = scenario.mission
    name = " — ".join(part for part in (mission.client, mission.name) if part)
    return f"Plan: {name} ({len(result.tranches)} tranche(s), status {result.status.value})"


def _legend(ax: Axes, result: PlanResult, lo: float, hi: float) -> list[Patch | Line2D]:
    """Legend entries for the tranches and for the kinds of patches visible in ``lo .. hi``."""
    gids = {
        str(p.get_gid())
        for p in ax.patches
        if isinstance(p, Rectangle) and p.get_x() < hi and p.get_x() + p.get_width() > lo
    }
    handles: list[Patch | Line2D] = [
        Patch(facecolor=tranche_colour(int(t)), label=f"tranche {int(t)}")
        for t in result.tranches["tranche"]
    ]
    if "coordination" in gids:
        handles.append(
            Patch(
                facecolor="white",
                edgecolor=COORDINATION_EDGE,
                hatch=COORDINATION_HATCH,
                label="coordination",
            )
        )
    if gids & {"fixed", "busy"}:
        handles.append(Patch(facecolor=FIXED_COLOUR, label="fixed block / busy"))
    if "engagement" in gids:
        handles.append(Patch(facecolor=ENGAGEMENT_COLOUR, label="other missions"))
    if "opportunity" in gids:
        handles.append(Patch(facecolor=OPPORTUNITY_COLOUR, label="reserved for opportunities"))
    known = {"mission", "coordination", "fixed", "busy", "engagement", "opportunity", "off"}
    known.add("weekend")
    for kind in sorted(gids - known):
        handles.append(Patch(facecolor=OTHER_COLOUR, edgecolor="#888888", label=kind))
    if "off" in gids:
        handles.append(Patch(facecolor=OFF_COLOUR, alpha=0.7, label="holiday / time off"))
    if "weekend" in gids:
        handles.append(Patch(facecolor=WEEKEND_COLOUR, label="weekend"))
    handles += [
        Line2D([], [], color="black", linestyle="--", label="due (asked)"),
        Line2D([], [], color="black", linestyle="-", label="deadline"),
        Line2D(
            [],
            [],
            marker="v",
            color="grey",
            linestyle="none",
            markeredgecolor="black",
            label="delivery",
        ),
    ]
    return handles
