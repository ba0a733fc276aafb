"""mission_planner: fit a new mission into a full consultant's order book.

Three levers, in order of preference: negotiate dates, delegate part of the job to trusted
partners, spread the mission into tranches. :func:`plan` answers with numbers.
"""

from mission_planner.checker import Violation, check
from mission_planner.explore import PlanDiff, WhatIf, diff, explore, what_if
from mission_planner.levers import (
    Advice,
    DelegationResult,
    NegotiationResult,
    Option,
    Recommendation,
    SpreadResult,
    advise,
    delegate,
    negotiate,
    spread,
)
from mission_planner.planner import plan
from mission_planner.policy import Policy
from mission_planner.result import PlanResult
from mission_planner.scenario import (
    BusyBlock,
    Calendar,
    Engagement,
    FixedBlock,
    Lead,
    Mission,
    Partner,
    Scenario,
    Task,
    TimeOff,
    TimeRange,
    Trust,
    Weekday,
    Weights,
)
from mission_planner.settings import SolveSettings
from mission_planner.status import Status

__version__ = "0.1.0"

__all__ = [
    "Advice",
    "BusyBlock",
    "Calendar",
    "DelegationResult",
    "Engagement",
    "FixedBlock",
    "Lead",
    "Mission",
    "NegotiationResult",
    "Option",
    "Partner",
    "PlanDiff",
    "PlanResult",
    "Policy",
    "Recommendation",
    "Scenario",
    "SolveSettings",
    "SpreadResult",
    "Status",
    "Task",
    "TimeOff",
    "TimeRange",
    "Trust",
    "Violation",
    "Weekday",
    "Weights",
    "WhatIf",
    "__version__",
    "advise",
    "check",
    "delegate",
    "diff",
    "explore",
    "negotiate",
    "plan",
    "spread",
    "what_if",
]
