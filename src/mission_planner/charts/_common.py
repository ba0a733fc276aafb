"""What every chart needs: an Axes, a plan to draw, instants on a readable date axis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.ticker as ticker
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from mission_planner.charts._style import WEEKEND_COLOUR
from mission_planner.result import PlanResult
from mission_planner.time_axis import WorkingAxis

INCHES_PER_DAY_LABEL = 0.3
"""Width a day needs for its label (weekday over day number, 8 points)."""
LAYOUT_SHARE = 0.85
"""Share of the Axes' width left once the layout has made room for an outside legend."""

LONG_SPAN_DAYS = 120
"""Longer windows get matplotlib's automatic date ticks instead of one tick a day."""

Moment = dt.date | dt.datetime | pd.Timestamp | str
"""A day or an instant given by the caller."""


def axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    """``ax`` itself, or the Axes of a new figure of ``size`` inches when ``ax`` is None."""
    if ax is None:
        _, created = plt.subplots(figsize=size, layout="constrained")
        return created
    if not isinstance(ax, Axes):
        raise TypeError(f"ax={ax!r} is not a matplotlib Axes")
    return ax


def require_plan(result: PlanResult, argument: str = "result") -> None:
    """Raise ValueError when ``result`` holds no plan to draw."""
    if not isinstance(result, PlanResult):
        raise TypeError(f"{argument}={type(result).__name__} is not a PlanResult")
    if not result.has_plan:
        raise ValueError(f"{argument}: status={result.status.value!r} has no plan to draw")


def to_num(moments: Iterable[pd.Timestamp] | pd.Series) -> np.ndarray:
    """Matplotlib date numbers of naive instants."""
    index = pd.DatetimeIndex(list(moments))
    return np.asarray(mdates.date2num(index.to_pydatetime()), dtype=float)


def num(moment: pd.Timestamp | dt.datetime) -> float:
    """Matplotlib date number of one instant."""
    return float(mdates.date2num(pd.Timestamp(moment).to_pydatetime()))


def instant(value: Moment, argument: str, *, end_of_day: bool = False) -> pd.Timestamp:
    """An instant from a date (00:00, or 24:00 with ``end_of_day``), a datetime or ISO text."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        day = pd.Timestamp(value)
        return day + pd.Timedelta(days=1) if end_of_day else day
    try:
        moment = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ValueError(f"{argument}={value!r} is not a date or a datetime") from None
    if pd.isna(moment):
        raise ValueError(f"{argument}={value!r} is not a date or a datetime")
    if moment.tzinfo is not None:
        raise ValueError(f"{argument}={value!r} has a time zone; plans use naive local times")
    if end_of_day and isinstance(value, str) and len(value) <= 10:
        return moment + pd.Timedelta(days=1)
    return moment


def day_of(moment: pd.Timestamp) -> pd.Timestamp:
    """The day an instant closes: 00:00 belongs to the day before (a due date means 24:00)."""
    moment = pd.Timestamp(moment)
    if moment == moment.normalize():
        moment -= pd.Timedelta(days=1)
    return moment.normalize()


def date_axis(ax: Axes, first: pd.Timestamp, last: pd.Timestamp) -> None:
    """A readable date axis: grid lines at midnight, labels in the middle of the days.

    When the Axes is wide enough, every day is labelled with its weekday and number (and its
    month on the first label and on the 1st); otherwise Mondays are labelled and the other days
    get a small tick; beyond ``LONG_SPAN_DAYS``, matplotlib's concise dates. A mark on a grid
    line is the end of the day to its left, which is what a due date or a deadline means.
    """
    days = (last - first) / pd.Timedelta(days=1)
    ax.set_xlim(num(first), num(last))
    inches = ax.get_window_extent().width / ax.figure.dpi
    daily = LAYOUT_SHARE * inches / days >= INCHES_PER_DAY_LABEL
    if days > LONG_SPAN_DAYS:
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.tick_params(axis="x", labelsize=8)
        ax.grid(axis="x", which="major", color="#D0D0D0", linewidth=0.6)
        return
    ax.xaxis.set_major_locator(mdates.DayLocator())
    ax.xaxis.set_major_formatter(ticker.NullFormatter())
    if daily:
        ax.xaxis.set_minor_locator(mdates.HourLocator(byhour=12))
        ax.xaxis.set_minor_formatter(ticker.FuncFormatter(_day_label))
        ax.grid(axis="x", which="major", color="#D0D0D0", linewidth=0.6)
    else:
        mondays = pd.date_range(first.normalize(), last, freq="W-MON")
        ax.xaxis.set_minor_locator(ticker.FixedLocator(list(to_num(mondays) + 0.5)))
        ax.xaxis.set_minor_formatter(mdates.DateFormatter("Mon\n%d %b"))
        for x in to_num(mondays):
            ax.axvline(x, color="#C0C0C0", linewidth=0.6, zorder=0.5)
    ax.tick_params(axis="x", which="minor", length=0, labelsize=8)
    ax.tick_params(axis="x", which="major", length=3)


def _day_label(x: float, pos: int | None = None) -> str:
    """Weekday and day number; the month too on the first label and on the 1st."""
    day = mdates.num2date(x)
    month = f" {day:%b}" if pos == 0 or day.day == 1 else ""
    return f"{day:%a}\n{day:%d}{month}"


def weekends(ax: Axes, first: pd.Timestamp, last: pd.Timestamp) -> None:
    """Shade Saturdays and Sundays between ``first`` and ``last`` in the background."""
    day = first.normalize()
    while day < last:
        if day.weekday() == 5:
            ax.axvspan(
                num(day),
                num(day + pd.Timedelta(days=2)),
                color=WEEKEND_COLOUR,
                zorder=0,
                linewidth=0,
                gid="weekend",
            )
        day += pd.Timedelta(days=1)


def working_time_axis(ax: Axes, working: WorkingAxis) -> None:
    """An x axis in working time: a grid line between days, each day labelled in its middle."""
    days = working.days()
    ax.set_xlim(0.0, max(working.width, 1.0))
    ax.xaxis.set_major_locator(ticker.FixedLocator([lo for _, lo, _ in days] + [working.width]))
    ax.xaxis.set_major_formatter(ticker.NullFormatter())
    ax.xaxis.set_minor_locator(ticker.FixedLocator([(lo + hi) / 2 for _, lo, hi in days]))
    labels = [
        f"{day:%a}\n{day:%d}{f' {day:%b}' if i == 0 or day.day == 1 else ''}"
        for i, (day, _, _) in enumerate(days)
    ]
    ax.xaxis.set_minor_formatter(ticker.FixedFormatter(labels))
    ax.grid(axis="x", which="major", color="#D0D0D0", linewidth=0.6)
    ax.tick_params(axis="x", which="minor", length=0, labelsize=8)
    ax.tick_params(axis="x", which="major", length=3)
    ax.set_xlabel("working time (nights and days off take no width)", fontsize=8)
