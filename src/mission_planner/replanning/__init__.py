"""Re-plan as the weeks go by: history kept, promises held, little changed.

:func:`replan` plans the work left at ``now`` from the previous plan (see ``docs/replan.md``).
"""

from mission_planner.baseline import Stability
from mission_planner.replanning.disruptions import (
    Disrupted,
    brought_forward,
    lead_unavailable,
    new_mission,
    opportunity_won,
    partner_drops_out,
    replan_after,
    takes_longer,
)
from mission_planner.replanning.history import Done, ReplanError, WorkDone
from mission_planner.replanning.remaining import Promises
from mission_planner.replanning.run import MOVED_COLUMNS, Replan, replan

__all__ = [
    "MOVED_COLUMNS",
    "Disrupted",
    "Done",
    "Promises",
    "Replan",
    "ReplanError",
    "Stability",
    "WorkDone",
    "brought_forward",
    "lead_unavailable",
    "new_mission",
    "opportunity_won",
    "partner_drops_out",
    "replan",
    "replan_after",
    "takes_longer",
]
