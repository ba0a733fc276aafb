"""The Pareto chart highlights the non-dominated plans of an explore frame and labels them."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.text import Text

from mission_planner.charts import pareto, plan_names
from mission_planner.charts.pareto_chart import staircase

COLUMNS = {
    "label": "string",
    "status": "string",
    "lateness": "float64",
    "extension_days": "int64",
    "late_tasks": "int64",
    "partner_fees": "float64",
    "margin": "float64",
    "lead_hours": "float64",
    "chunks": "int64",
    "objective": "float64",
    "non_dominated": "bool",
    "result": "object",
}
"""The explore frame's columns and dtypes (the contract with ``explore``)."""


def explore_frame() -> pd.DataFrame:
    """Six plans by hand: four non-dominated, two dominated, two at the same point."""
    rows = [
        # label, lateness, extension, late, fees, margin, lead_hours, chunks, non_dominated
        ("weights lateness=1000 fees=1", 0.0, 0, 0, 4200.0, 10000.0, 30.0, 14, False),
        ("weights lateness=10 fees=1", 0.0, 0, 0, 2800.0, 11400.0, 36.0, 12, True),
        ("max 1 partner", 60.0, 1, 1, 2100.0, 12100.0, 40.0, 12, True),
        ("weights lateness=1 fees=10", 450.0, 5, 2, 0.0, 14200.0, 52.0, 9, True),
        ("max 0 partners", 450.0, 5, 2, 0.0, 14200.0, 52.0, 10, False),
        ("max_tranches 1", 900.0, 8, 3, 1400.0, 12800.0, 42.0, 8, True),
    ]
    frame = pd.DataFrame(
        [
            {
                "label": r[0],
                "status": "optimal",
                "lateness": r[1],
                "extension_days": r[2],
                "late_tasks": r[3],
                "partner_fees": r[4],
                "margin": r[5],
                "lead_hours": r[6],
                "chunks": r[7],
                "objective": 1000 * r[1] + r[4],
                "non_dominated": r[8],
                "result": None,
            }
            for r in rows
        ]
    )
    return frame.astype(COLUMNS)


def points(ax: plt.Axes, gid: str) -> list[tuple[float, float]]:
    (scatter,) = [c for c in ax.collections if c.get_gid() == gid]
    return sorted(map(tuple, np.asarray(scatter.get_offsets()).tolist()))


def test_returns_the_axes_it_was_given() -> None:
    """pareto draws on the Axes passed in and returns it."""
    _, ax = plt.subplots()
    assert pareto(explore_frame(), ax=ax) is ax


def test_highlighted_points_are_the_non_dominated_rows() -> None:
    """The bright scatter holds exactly the non_dominated rows; the faint one the others."""
    frame = explore_frame()
    ax = pareto(frame, x="partner_fees", y="lateness")
    best = frame[frame["non_dominated"]]
    rest = frame[~frame["non_dominated"]]
    assert points(ax, "non_dominated") == sorted(
        zip(best["partner_fees"], best["lateness"], strict=True)
    )
    assert points(ax, "dominated") == sorted(
        zip(rest["partner_fees"], rest["lateness"], strict=True)
    )


def test_staircase_joins_the_front_on_the_two_axes() -> None:
    """The step line runs through the non-dominated plans not dominated on x and y alone."""
    ax = pareto(explore_frame(), x="partner_fees", y="lateness")
    (front,) = [line for line in ax.get_lines() if line.get_gid() == "front"]
    # 'max_tranches 1' (1400 EUR, 900) is non-dominated over all five figures (fewest chunks)
    # but beaten on fees and lateness by 'weights lateness=1 fees=10' (0 EUR, 450).
    assert list(front.get_xdata()) == [0.0, 2100.0, 2800.0]
    assert list(front.get_ydata()) == [450.0, 60.0, 0.0]
    assert front.get_drawstyle() == "steps-post"


def test_staircase_of_a_maximised_column_steps_before() -> None:
    """With margin (more is better) on x, the staircase steps before each point."""
    ax = pareto(explore_frame(), x="margin", y="extension_days")
    (front,) = [line for line in ax.get_lines() if line.get_gid() == "front"]
    assert list(front.get_xdata()) == [11400.0, 12100.0, 14200.0]
    assert front.get_drawstyle() == "steps-pre"


def test_annotations_are_the_labels() -> None:
    """names='frame' writes every plan's frame label by its point; none with annotate=False."""
    frame = explore_frame()
    ax = pareto(frame, names="frame")
    texts = sorted(t.get_text() for t in ax.texts if t.get_gid() == "label")
    assert texts == sorted(frame["label"])
    ax = pareto(frame.drop(columns="label"), annotate=False)
    assert [t for t in ax.texts if t.get_gid() == "label"] == []


def test_axis_labels_carry_units() -> None:
    """Axis labels name the figure and its unit."""
    ax = pareto(explore_frame(), x="partner_fees", y="lead_hours")
    assert ax.get_xlabel() == "partner fees (EUR)"
    assert ax.get_ylabel() == "lead's hours on the mission (h)"


def test_rows_without_figures_are_left_out() -> None:
    """A row whose x is missing (no plan) is not drawn."""
    frame = explore_frame()
    frame.loc[0, "partner_fees"] = np.nan
    ax = pareto(frame)
    drawn = len(points(ax, "dominated")) + len(points(ax, "non_dominated"))
    assert drawn == len(frame) - 1


@pytest.mark.parametrize(
    ("change", "kwargs", "message"),
    [
        (None, {"x": "fees"}, "x='fees' is not a column of frame"),
        (None, {"y": "label"}, "y='label': column has dtype string, not a number"),
        (None, {"y": "non_dominated"}, "y='non_dominated': column has dtype bool"),
        ("non_dominated", {}, "frame: missing column 'non_dominated'"),
        ("label", {"names": "frame"}, "frame: missing column 'label'"),
        (None, {"names": "nice"}, "names='nice' is not 'readable' or 'frame'"),
    ],
)
def test_bad_arguments_are_named(change: str | None, kwargs: dict[str, str], message: str) -> None:
    """A missing or non-numeric column raises ValueError naming the argument and value."""
    frame = explore_frame()
    if change:
        frame = frame.drop(columns=change)
    with pytest.raises(ValueError, match=message):
        pareto(frame, **kwargs)  # type: ignore[arg-type]


def test_a_frame_without_any_figure_is_refused() -> None:
    """When no row has both figures, ValueError names x and y."""
    frame = explore_frame().assign(lateness=np.nan)
    with pytest.raises(ValueError, match="no row has both x='partner_fees' and y='lateness'"):
        pareto(frame)


coordinates = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(coordinates)
def test_staircase_is_the_two_dimensional_front(pairs: list[tuple[int, int]]) -> None:
    """staircase keeps exactly one row per non-dominated point, sorted by x (both minimised)."""
    rows = pd.DataFrame(pairs, columns=["partner_fees", "lateness"]).astype(float)
    kept = staircase(rows, "partner_fees", "lateness")
    front = sorted(
        {
            (a, b)
            for a, b in pairs
            if not any(c <= a and d <= b and (c, d) != (a, b) for c, d in pairs)
        }
    )
    assert list(zip(kept["partner_fees"], kept["lateness"], strict=True)) == front


def test_plans_are_named_by_what_they_give() -> None:
    """Readable names: best lateness is 'on time first', no fees 'no partner fees', figures."""
    names = plan_names(explore_frame())
    assert names[0] == (
        "on time first, least of my time\nall on time · fees 4,200 € · my time 30 h"
    )
    assert names[1] == "on time first\nall on time · fees 2,800 € · my time 36 h"
    assert names[2] == "a trade-off\n1 late task(s) · fees 2,100 € · my time 40 h"
    assert names[3].startswith("no partner fees, best margin\n2 late task(s) · no fees")
    assert names[5] == "fewest interruptions\n3 late task(s) · fees 1,400 € · my time 42 h"


def test_default_labels_are_the_readable_names() -> None:
    """pareto writes plan_names by default, never explore's internal words."""
    frame = explore_frame()
    ax = pareto(frame)
    texts = sorted(t.get_text() for t in ax.texts if t.get_gid() == "label")
    assert texts == sorted(plan_names(frame))
    assert not any("weights" in text for text in texts)


def overlaps(ax: plt.Axes) -> list[tuple[str, str]]:
    """Pairs of labels whose drawn text boxes (leader lines aside) overlap."""
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    labels = [t for t in ax.texts if t.get_gid() == "label"]
    boxes = [Text.get_window_extent(t, renderer) for t in labels]
    return [
        (labels[i].get_text(), labels[j].get_text())
        for i in range(len(labels))
        for j in range(i + 1, len(labels))
        if boxes[i].overlaps(boxes[j])
    ]


@pytest.mark.parametrize("names", ["readable", "frame"])
def test_labels_do_not_overlap(names: str) -> None:
    """After drawing, no two labels' bounding boxes overlap (ties at one point included)."""
    ax = pareto(explore_frame(), names=names)  # type: ignore[arg-type]
    assert overlaps(ax) == []


@settings(max_examples=15, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 5), st.booleans()), min_size=2, max_size=12
    )
)
def test_labels_never_overlap_even_crowded(points: list[tuple[int, int, bool]]) -> None:
    """However crowded the points (many at one spot), labels never overlap once drawn."""
    frame = explore_frame().iloc[[0] * len(points)].reset_index(drop=True)
    frame["partner_fees"] = [float(p[0]) * 100 for p in points]
    frame["lateness"] = [float(p[1]) for p in points]
    frame["non_dominated"] = [p[2] for p in points]
    ax = pareto(frame)
    assert overlaps(ax) == []
    plt.close("all")
