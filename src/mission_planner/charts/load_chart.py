"""The load chart: one person's capacity against committed and planned hours."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FixedFormatter, FixedLocator, NullFormatter

from mission_planner.charts._common import (
    axes,
    date_axis,
    num,
    require_plan,
    to_num,
    weekends,
)
from mission_planner.charts._style import CAPACITY_COLOUR, ENGAGEMENT_COLOUR, PLANNED_COLOUR
from mission_planner.result import PlanResult

FREQUENCIES = {"D": "day", "W": "week"}
"""Accepted ``freq`` values and what one bar covers."""
BAR_SHARE = 0.8
"""Width of a bar as a share of its day or week."""


def load(
    result: PlanResult,
    ax: Axes | None = None,
    person: str | None = None,
    freq: str = "D",
) -> Axes:
    """Draw one person's load per day or per week, from ``result.load``.

    Stacked bars: hours committed to the order book (fixed blocks, busy time, other missions)
    in grey, then the new mission's planned hours; a step line shows the working capacity
    (after holidays and time off, overtime excluded). A bar above the line is overtime.

    Parameters
    ----------
    result
        A plan (``result.has_plan``).
    ax
        Where to draw; a new figure when None.
    person
        Id of the person; default the lead.
    freq
        ``"D"``: one bar per day; ``"W"``: one bar per week (Monday to Sunday, labelled by
        its Monday; the horizon's first and last weeks may be partial), hours summed.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on: the bars carry the ``gid`` ``"committed"`` and ``"planned"``, the
        capacity line ``"capacity"``.

    Raises
    ------
    ValueError
        When ``result`` has no plan, ``person`` is not in the plan or ``freq`` is unknown.
    """
    require_plan(result)
    if freq not in FREQUENCIES:
        raise ValueError(f"freq={freq!r} is not one of {', '.join(map(repr, FREQUENCIES))}")
    table = result.load
    people = list(dict.fromkeys(table["resource"].astype(str)))
    lead = _lead(result)
    who = lead if person is None else person
    if who not in people:
        raise ValueError(f"person={person!r} is not in the plan (people: {', '.join(people)})")
    rows = per_period(table, who, freq)
    ax = axes(ax, (12.0, 4.0))
    period = pd.Timedelta(days=1 if freq == "D" else 7)
    left = to_num(rows["period"])
    width = BAR_SHARE * (period / pd.Timedelta(days=1))
    middle = left + (period / pd.Timedelta(days=1)) / 2
    ax.bar(
        middle,
        rows["committed"],
        width=width,
        color=ENGAGEMENT_COLOUR,
        label="committed (order book)",
        gid="committed",
        zorder=2,
    )
    ax.bar(
        middle,
        rows["planned"],
        width=width,
        bottom=rows["committed"],
        color=PLANNED_COLOUR,
        label="planned (this mission)",
        gid="planned",
        zorder=2,
    )
    edges = [*left, num(rows["period"].iloc[-1] + period)]
    ax.stairs(
        rows["capacity"],
        edges,
        color=CAPACITY_COLOUR,
        linewidth=1.4,
        label="capacity",
        gid="capacity",
        zorder=3,
    )
    first = pd.Timestamp(rows["period"].iloc[0])
    last = pd.Timestamp(rows["period"].iloc[-1]) + period
    if freq == "D":
        weekends(ax, first, last)
        date_axis(ax, first, last)
    else:
        _week_axis(ax, rows["period"], middle)
    ax.set_ylabel(f"hours per {FREQUENCIES[freq]}")
    top = max(1.0, float((rows["committed"] + rows["planned"]).max()), rows["capacity"].max())
    ax.set_ylim(0, top * 1.2)
    role = "lead" if who == lead else "partner"
    ax.set_title(f"Load of {who} ({role}), per {FREQUENCIES[freq]}", fontsize=11, loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(1.005, 1.0), fontsize=8, frameon=False)
    ax.grid(axis="y", color="#E0E0E0", linewidth=0.6, zorder=0)
    return ax


def per_period(table: pd.DataFrame, person: str, freq: str) -> pd.DataFrame:
    """``period`` (day, or the Monday of the week), ``capacity``, ``committed``, ``planned``.

    Weekly rows sum the days of the horizon that fall in each Monday-to-Sunday week.
    """
    mine = table[table["resource"] == person]
    days = pd.DatetimeIndex(mine["date"])
    period = days if freq == "D" else days.normalize() - pd.to_timedelta(days.day_of_week, unit="D")
    values = mine[["capacity", "committed", "planned"]].astype(float)
    summed = values.groupby(pd.Series(period, index=mine.index, name="period")).sum()
    return summed.reset_index()


def _lead(result: PlanResult) -> str:
    costs = result.costs
    leads = costs[costs["role"] == "lead"]["resource"]
    return str(leads.iloc[0]) if len(leads) else str(result.load["resource"].iloc[0])


def _week_axis(ax: Axes, weeks: pd.Series, middle: np.ndarray) -> None:
    """Grid lines on Mondays and each week labelled by its Monday, under its bar."""
    ax.set_xlim(num(weeks.iloc[0]), num(weeks.iloc[-1] + pd.Timedelta(days=7)))
    ax.xaxis.set_major_locator(FixedLocator(list(to_num(weeks))))
    ax.xaxis.set_major_formatter(NullFormatter())
    ax.xaxis.set_minor_locator(FixedLocator(list(middle)))
    ax.xaxis.set_minor_formatter(
        FixedFormatter([f"week of\nMon {pd.Timestamp(w):%d %b}" for w in weeks])
    )
    ax.tick_params(axis="x", which="minor", length=0, labelsize=8)
