"""The Pareto chart: plans from ``explore`` compared on two of their figures."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from mission_planner.charts._common import axes
from mission_planner.charts._placement import PointLabel, place_labels
from mission_planner.charts._plan_names import plan_names
from mission_planner.charts._style import (
    DOMINATED_COLOUR,
    FRONT_COLOUR,
    MAXIMISED,
    UNITS,
    axis_label,
)

EUROS = frozenset({"partner_fees", "margin"})
"""Columns in EUR, shown with thousands separators."""


def pareto(
    frame: pd.DataFrame,
    x: str = "partner_fees",
    y: str = "lateness",
    ax: Axes | None = None,
    annotate: bool = True,
    names: Literal["readable", "frame"] = "readable",
) -> Axes:
    """Scatter the plans of an explore frame on two of their figures.

    Non-dominated plans (the frame's ``non_dominated`` column, over lateness, extension days,
    partner fees, lead hours and chunks) are drawn large and bright; dominated plans small and
    faint. The non-dominated plans that are also non-dominated on ``x`` and ``y`` alone are
    joined by a staircase: the best ``y`` reachable for each value of ``x``. Every column is
    minimised except ``margin``, which is maximised. Rows whose ``x`` or ``y`` is missing
    (plans not found) are left out.

    Parameters
    ----------
    frame
        A frame as returned by :func:`mission_planner.explore`: columns ``label``, ``x``,
        ``y`` and ``non_dominated`` at least.
    x, y
        Numeric columns to draw, e.g. ``"partner_fees"``, ``"lateness"``,
        ``"extension_days"``, ``"lead_hours"``, ``"chunks"``, ``"margin"``.
    ax
        Where to draw; a new figure when None.
    annotate
        Write each plan's name next to its point; names never overlap (each is moved up or
        down until it clears the names placed before; the non-dominated plans' first).
    names
        ``"readable"``: name plans by what they give, from their figures ("on time first",
        "fewest fees", then late tasks, fees and the lead's hours; see
        :func:`~mission_planner.charts.plan_names`); ``"frame"``: the frame's ``label``
        (how explore made the plan).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on: the scatters carry the ``gid`` ``"non_dominated"`` and
        ``"dominated"``, the staircase ``"front"``, the labels ``"label"``.

    Raises
    ------
    ValueError
        When a column is missing or not numeric, or no row has both ``x`` and ``y``.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame={type(frame).__name__} is not a DataFrame")
    for argument, column in (("x", x), ("y", y)):
        if column not in frame:
            known = ", ".join(c for c in UNITS if c in frame) or "none"
            raise ValueError(
                f"{argument}={column!r} is not a column of frame (numeric columns: {known})"
            )
        if not pd.api.types.is_numeric_dtype(frame[column]) or pd.api.types.is_bool_dtype(
            frame[column]
        ):
            raise ValueError(
                f"{argument}={column!r}: column has dtype {frame[column].dtype}, not a number"
            )
    if names not in ("readable", "frame"):
        raise ValueError(f"names={names!r} is not 'readable' or 'frame'")
    needed = ["non_dominated", *(["label"] if annotate and names == "frame" else [])]
    for column in needed:
        if column not in frame:
            raise ValueError(f"frame: missing column {column!r} (see mission_planner.explore)")
    rows = frame[frame[x].notna() & frame[y].notna()]
    if rows.empty:
        raise ValueError(f"frame: no row has both x={x!r} and y={y!r}")
    best = rows["non_dominated"].fillna(False).astype(bool).to_numpy()
    ax = axes(ax, (8.0, 5.5))
    others, front = rows[~best], rows[best]
    ax.scatter(
        others[x],
        others[y],
        s=30,
        color=DOMINATED_COLOUR,
        alpha=0.45,
        zorder=2,
        label="dominated plan",
        gid="dominated",
    )
    ax.scatter(
        front[x],
        front[y],
        s=70,
        color=FRONT_COLOUR,
        edgecolor="black",
        linewidth=0.6,
        zorder=4,
        label="non-dominated plan",
        gid="non_dominated",
    )
    stairs = staircase(front, x, y)
    if len(stairs) > 1:
        ax.step(
            stairs[x],
            stairs[y],
            where="pre" if x in MAXIMISED else "post",
            color=FRONT_COLOUR,
            linewidth=1.2,
            alpha=0.8,
            zorder=3,
            label=f"trade-off front on {x.replace('_', ' ')} and {y.replace('_', ' ')}",
            gid="front",
        )
    ax.set_xlabel(axis_label(x) + _sense(x))
    ax.set_ylabel(axis_label(y) + _sense(y))
    for column, axis in ((x, ax.xaxis), (y, ax.yaxis)):
        if column in EUROS:
            axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.margins(0.12)
    ax.grid(color="#E5E5E5", linewidth=0.6, zorder=0)
    ax.set_title(
        f"Plans compared: {axis_label(y).split(' (')[0]} against {axis_label(x).split(' (')[0]}",
        fontsize=11,
        loc="left",
    )
    ax.legend(fontsize=8, frameon=False, loc="best")
    if annotate:
        texts = plan_names(rows) if names == "readable" else rows["label"].astype(str)
        place_labels(
            ax,
            [
                PointLabel(str(text), float(px), float(py), bool(strong))
                for text, px, py, strong in zip(texts, rows[x], rows[y], best, strict=True)
            ],
        )
    return ax


def staircase(rows: pd.DataFrame, x: str, y: str) -> pd.DataFrame:
    """The rows not dominated on ``x`` and ``y`` alone, sorted by ``x`` (ties once)."""
    sx = -1.0 if x in MAXIMISED else 1.0
    sy = -1.0 if y in MAXIMISED else 1.0
    points = np.column_stack((sx * rows[x].to_numpy(float), sy * rows[y].to_numpy(float)))
    keep = []
    for i, p in enumerate(points):
        dominated = np.any(np.all(points <= p, axis=1) & np.any(points < p, axis=1))
        duplicate = np.any(np.all(points[:i] == p, axis=1))
        keep.append(not dominated and not duplicate)
    return rows[np.array(keep, dtype=bool)].sort_values(x)


def _sense(column: str) -> str:
    return " — more is better" if column in MAXIMISED else ""
