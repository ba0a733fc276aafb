"""Place point labels so that no two overlap (greedy, in display space, after layout)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from matplotlib.axes import Axes
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

GAP = 7.0
"""Points between a point and its label."""
STEP = 11.0
"""Points a label moves up or down per try, about one line of 8-point text."""

MARK = 5.0
"""Half the side (pixels) of the box around a point that labels avoid."""
PATIENCE = 120
"""Tries before a label may leave the axes or cover a point (never another label)."""

Align = Literal["left", "right"]


@dataclass(frozen=True)
class PointLabel:
    """A label to write by a point (data coordinates)."""

    text: str
    x: float
    y: float
    strong: bool = True


def place_labels(ax: Axes, labels: Sequence[PointLabel], gid: str = "label") -> list[Annotation]:
    """Annotate each point with its label where it overlaps no label placed before.

    The figure is drawn once first, so that the layout (and each point's place on screen) is
    final; labels are then left out of the layout. Strong labels are placed first. Each label
    tries right of its point, left of it, then further above or below on either side, and
    takes the first place inside the axes that covers no point and no earlier label. It
    always finds a place clear of the earlier labels, since moving further away eventually
    clears them all. A thin leader line joins a label to its point.

    Returns
    -------
    list of Annotation
        The labels, in the order given, each with ``gid``.
    """
    figure = ax.get_figure()
    assert figure is not None
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    order = sorted(range(len(labels)), key=lambda i: (not labels[i].strong, -labels[i].y))
    frame = ax.get_window_extent(renderer)
    points = ax.transData.transform([(label.x, label.y) for label in labels])
    markers = [Bbox.from_bounds(px - MARK, py - MARK, 2 * MARK, 2 * MARK) for px, py in points]
    placed: list[Bbox] = []
    made: dict[int, Annotation] = {}
    for i in order:
        label = labels[i]
        text = ax.annotate(
            label.text,
            (label.x, label.y),
            xytext=(GAP, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color="#222222" if label.strong else "#8A8A8A",
            gid=gid,
            zorder=5,
            annotation_clip=False,
            arrowprops={"arrowstyle": "-", "color": "#B0B0B0", "linewidth": 0.6, "shrinkB": 4},
        )
        text.set_in_layout(False)
        box = _free_place(text, renderer, placed, markers, frame)
        placed.append(box.expanded(1.02, 1.08))
        made[i] = text
    return [made[i] for i in range(len(labels))]


def _free_place(
    text: Annotation, renderer: Any, placed: list[Bbox], markers: list[Bbox], frame: Bbox
) -> Bbox:
    """Move ``text`` to the first try that clears the labels placed and stays in ``frame``.

    Points are avoided too when possible. Past ``PATIENCE`` tries, staying inside the axes
    and off the points is given up, never clearing the other labels.
    """
    for count, (dx, dy, align) in enumerate(_tries()):
        text.set_position((dx, dy))
        text.set_horizontalalignment(align)
        text.update_positions(renderer)
        box = Text.get_window_extent(text, renderer)  # the words, not the leader line
        if any(box.overlaps(other) for other in placed):
            continue
        if count >= PATIENCE:
            return box
        inside = (
            frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
        )
        if inside and not any(box.overlaps(mark) for mark in markers):
            return box
    raise AssertionError("unreachable: the tries never end")


def _tries() -> Iterator[tuple[float, float, Align]]:
    """Offsets (points) and alignments to try: beside the point, then ever further up or down."""
    yield GAP, 0.0, "left"
    yield -GAP, 0.0, "right"
    for k in itertools.count(1):
        for dy in (k * STEP, -k * STEP):
            yield GAP, dy, "left"
            yield -GAP, dy, "right"
