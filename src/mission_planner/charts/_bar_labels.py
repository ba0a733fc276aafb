"""Names written on Gantt bars: the task, the coordination or the other mission."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from mission_planner.problem import coordination_of
from mission_planner.scenario import Scenario

LABEL_SIZE = 7
"""Points; bars are about a third of an inch high."""


def bar_label(scenario: Scenario, kind: str, task: str) -> str:
    """What a bar of ``kind`` for ``task`` says: a task's name, "kickoff Hugo", a client."""
    if kind == "mission":
        return next((t.name or t.id for t in scenario.mission.tasks if t.id == task), task)
    if kind == "coordination":
        what, partner = coordination_of(task)
        name = next((p.name or p.id for p in scenario.partners if p.id == partner), partner)
        return f"{what} {name}".strip()
    if kind == "engagement":
        client = next((e.client for e in scenario.engagements if e.id == task), "")
        return client or task
    if kind == "opportunity":  # not won yet: marked with a question mark
        client = next((o.client for o in scenario.opportunities if o.id == task), "")
        return f"{client or task}?"
    return task


def label_bar(ax: Axes, bar: Rectangle, text: str) -> Text:
    """Write ``text`` at the left of ``bar``, clipped to it (a narrow bar shows its start)."""
    label = ax.text(
        bar.get_x(),
        bar.get_y() + bar.get_height() / 2,
        " " + text,
        ha="left",
        va="center",
        fontsize=LABEL_SIZE,
        color=_ink(bar),
        zorder=6,
        gid="task-label",
        clip_on=True,
    )
    label.set_clip_path(bar)
    return label


def _ink(bar: Rectangle) -> str:
    """Black or white, whichever reads better on the bar's colour."""
    red, green, blue, _ = to_rgba(bar.get_facecolor())
    return "black" if 0.299 * red + 0.587 * green + 0.114 * blue > 0.55 else "white"
