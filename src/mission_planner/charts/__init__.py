"""Charts of a plan (matplotlib): Gantt, load, Pareto front of plans, échéancier.

Every function takes ``ax=None`` (a new figure when None) and returns the Axes it drew on.
Install with ``pip install "mission-planner[plot]"``; ``import mission_planner`` does not need
matplotlib.
"""

try:
    import matplotlib  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised by a test that hides matplotlib
    raise ImportError(
        'mission_planner.charts needs matplotlib: pip install "mission-planner[plot]"'
    ) from exc

from mission_planner.charts._plan_names import plan_names
from mission_planner.charts._style import TRANCHE_COLOURS, tranche_colour
from mission_planner.charts.echeancier_chart import echeancier
from mission_planner.charts.gantt_chart import gantt
from mission_planner.charts.load_chart import load
from mission_planner.charts.pareto_chart import pareto

__all__ = [
    "TRANCHE_COLOURS",
    "echeancier",
    "gantt",
    "load",
    "pareto",
    "plan_names",
    "tranche_colour",
]
