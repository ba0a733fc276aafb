"""The échéancier chart: per tranche, the date asked, the deadline and the proposed delivery."""

from __future__ import annotations

import textwrap
from collections.abc import Hashable, Mapping

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch, Rectangle

from mission_planner.charts._common import axes, date_axis, day_of, num, require_plan, weekends
from mission_planner.charts._style import tranche_colour
from mission_planner.result import PlanResult

ALIASES = {
    "due": ("due_at", "due", "asked"),
    "deadline": ("deadline_at", "deadline", "client_deadline"),
    "shift": ("lateness_working_days", "shift_working_days"),
}
"""Column names accepted for each role: ``PlanResult.tranches`` first (its instants, then
its days), then ``spread``'s."""


def echeancier(result_or_frame: PlanResult | pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Draw the échéancier: per tranche, the date asked, the deadline and the delivery.

    One row per tranche, from the first at the top: a circle at the due date (what the
    client asked), a bar at the deadline (the latest the client accepts), the band between
    them (the client's flexibility), a diamond at the proposed delivery and, when it is later
    than asked, an arrow from the date asked to the delivery labelled with the shift.

    Parameters
    ----------
    result_or_frame
        A plan (its ``tranches``; for a lever's result, its ``plan``) or a DataFrame with
        the columns ``tranche``, ``delivery``, ``due_at`` (or ``due`` or ``asked``) and
        ``deadline_at`` (or ``deadline`` or ``client_deadline``), all instants (a due date
        means 24:00 that day; a plan's ``due`` and ``deadline`` are days, so its ``due_at``
        and ``deadline_at`` are read). ``lateness_working_days`` or
        ``shift_working_days``, when present, label the shift in working days; otherwise it
        is given in calendar days. ``tasks`` names the tasks of each tranche.
    ax
        Where to draw; a new figure when None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. The marks carry the ``gid`` ``"due"``, ``"deadline"`` and
        ``"delivery"`` (one point per tranche each), the bands ``"flexibility"`` and the
        arrows ``"shift"``.

    Raises
    ------
    ValueError
        When there is no plan or no tranche, or a column is missing or holds no instant.
    """
    table = _table(result_or_frame)
    ax = axes(ax, (11.0, 1.6 + 0.9 * len(table)))
    first = day_of(min(table["due"].min(), table["delivery"].min())) - pd.Timedelta(days=1)
    last = day_of(max(table["deadline"].max(), table["delivery"].max())) + pd.Timedelta(days=2)
    weekends(ax, first, last)
    for y, row in enumerate(table.to_dict("records")):
        _tranche_row(ax, y, row)
    ax.set_ylim(len(table) - 0.4, -0.6)
    ax.set_yticks(range(len(table)), [_row_label(row) for row in table.to_dict("records")])
    ax.tick_params(axis="y", labelsize=8.5)
    date_axis(ax, first, last)
    ax.set_title(
        "Échéancier: date asked, deadline and proposed delivery per tranche",
        fontsize=11,
        loc="left",
    )
    ax.legend(
        handles=_legend(),
        loc="upper left",
        bbox_to_anchor=(1.005, 1.0),
        fontsize=8,
        frameon=False,
    )
    return ax


def _table(source: PlanResult | pd.DataFrame) -> pd.DataFrame:
    """``tranche``, ``tasks``, ``due``, ``deadline``, ``delivery``, ``shift`` (or <NA>)."""
    if isinstance(source, PlanResult):
        require_plan(source, "result_or_frame")
        frame = source.tranches
    elif isinstance(source, pd.DataFrame):
        frame = source
    else:
        raise TypeError(
            f"result_or_frame={type(source).__name__} is not a PlanResult or a DataFrame"
        )
    if frame.empty:
        raise ValueError("result_or_frame: the échéancier has no tranche to draw")
    columns = {"tranche": _column(frame, ("tranche",)), "delivery": _column(frame, ("delivery",))}
    columns["due"] = _column(frame, ALIASES["due"])
    columns["deadline"] = _column(frame, ALIASES["deadline"])
    table = pd.DataFrame({role: frame[name] for role, name in columns.items()})
    for role in ("delivery", "due", "deadline"):
        try:
            if not pd.api.types.is_datetime64_any_dtype(table[role]):
                table[role] = pd.to_datetime(table[role], format="ISO8601")
        except (TypeError, ValueError):
            raise ValueError(
                f"result_or_frame: column {columns[role]!r} does not hold dates"
            ) from None
        if table[role].isna().any():
            raise ValueError(f"result_or_frame: column {columns[role]!r} has a missing date")
    table["tasks"] = frame["tasks"].astype(str) if "tasks" in frame else ""
    shift = next((name for name in ALIASES["shift"] if name in frame), None)
    table["shift"] = frame[shift].astype("Int64") if shift else pd.NA
    return table.sort_values("tranche", kind="stable").reset_index(drop=True)


def _column(frame: pd.DataFrame, names: tuple[str, ...]) -> str:
    for name in names:
        if name in frame:
            return name
    wanted = " or ".join(repr(n) for n in names)
    raise ValueError(
        f"result_or_frame: missing column {wanted} (columns: {', '.join(map(str, frame))})"
    )


def _tranche_row(ax: Axes, y: int, row: Mapping[Hashable, object]) -> None:
    colour = tranche_colour(int(str(row["tranche"])))
    due = pd.Timestamp(str(row["due"]))
    deadline = pd.Timestamp(str(row["deadline"]))
    delivery = pd.Timestamp(str(row["delivery"]))
    ax.add_patch(
        Rectangle(
            (num(due), y - 0.14),
            num(deadline) - num(due),
            0.28,
            facecolor=colour,
            alpha=0.18,
            edgecolor="none",
            gid="flexibility",
            zorder=1,
        )
    )
    if delivery > due:
        ax.add_patch(
            FancyArrowPatch(
                (num(due), y),
                (num(delivery), y),
                arrowstyle="-|>",
                mutation_scale=12,
                color="#333333",
                linewidth=1.3,
                shrinkA=5,
                shrinkB=6,
                gid="shift",
                zorder=3,
            )
        )
    marks = (
        ("due", due, {"marker": "o", "markerfacecolor": "white", "markersize": 9}),
        ("deadline", deadline, {"marker": "|", "markersize": 20, "markeredgewidth": 2.5}),
        ("delivery", delivery, {"marker": "D", "markerfacecolor": colour, "markersize": 8}),
    )
    for gid, moment, style in marks:
        ax.plot(
            [num(moment)],
            [y],
            linestyle="none",
            color=colour,
            markeredgecolor=colour if gid != "delivery" else "black",
            gid=gid,
            zorder=4,
            **style,  # type: ignore[arg-type]
        )
    ax.annotate(
        _caption(due, delivery, row["shift"]),
        (num(delivery), y),
        xytext=(0, -13),
        textcoords="offset points",
        ha="center",
        va="top",
        fontsize=8,
        color="#222222",
    )


def _caption(due: pd.Timestamp, delivery: pd.Timestamp, shift: object) -> str:
    when = f"{delivery:%a %d %b %H:%M}"
    if delivery <= due:
        return f"{when}, on time"
    if shift is not pd.NA and shift is not None and not pd.isna(shift):  # type: ignore[call-overload]
        days = int(str(shift))
        return f"{when}, +{days} working day{'s' if days != 1 else ''}"
    late = (day_of(delivery) - day_of(due)).days
    return f"{when}, +{late} day{'s' if late != 1 else ''}"


def _row_label(row: Mapping[Hashable, object]) -> str:
    due = day_of(pd.Timestamp(str(row["due"])))
    head = f"tranche {row['tranche']} (asked {due:%a %d %b})"
    tasks = str(row["tasks"]).replace(",", ", ")
    return head if not tasks else head + "\n" + textwrap.fill(tasks, 34)


def _legend() -> list[Patch | Line2D]:
    return [
        Line2D(
            [],
            [],
            marker="o",
            color="black",
            markerfacecolor="white",
            linestyle="none",
            label="date asked (due)",
        ),
        Line2D(
            [],
            [],
            marker="|",
            color="black",
            markersize=12,
            markeredgewidth=2,
            linestyle="none",
            label="deadline",
        ),
        Patch(facecolor="black", alpha=0.18, label="client's flexibility"),
        Line2D(
            [],
            [],
            marker="D",
            color="black",
            markerfacecolor="grey",
            linestyle="none",
            label="proposed delivery",
        ),
        Line2D([], [], color="#333333", marker=">", markevery=[1], label="shift (late)"),
    ]
