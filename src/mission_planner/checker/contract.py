"""What the checker reads and reports: the result tables' columns, the rule names, a violation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import pandas as pd

RULE_DESCRIPTIONS = {
    "table": "the tables have the contract's columns, no blank values, known kinds, unique keys",
    "effort": "every task and engagement gets exactly its effort, and nothing else is worked",
    "calendar": "work lies on the grid, inside one day, in working or overtime time, not off",
    "overlap": "nobody does two things at once, and partners are not booked in their busy time",
    "fixed": "the lead's fixed blocks are in the schedule, untouched",
    "engagement": "engagements are the lead's, inside their windows",
    "task": "release, predecessors, deadlines, skills and delegation are kept",
    "timing": "lags between tasks and the mission's notice period are kept",
    "splitting": "work comes in few, long enough, unbroken chunks",
    "session": "each session keeps its task's rules: within one day, window, longest session",
    "tranche": "tasks are delivered in at most max_tranches ordered tranches",
    "partner": "partners stay within max_hours and the mission within max_partners",
    "coordination": "the lead's kick-off before, and follow-up after, each partner's work starts",
    "figures": "reported hours, dates, lateness and coordination hours follow from the schedule",
}
"""Each rule family with a one-line description, in the order they are checked."""

RULES = tuple(RULE_DESCRIPTIONS)
"""Names of the rule families, in the order they are checked."""

JOB_KINDS = ("mission", "engagement")
"""Schedule kinds that carry a job's effort (a mission task or an engagement)."""
COORDINATION = "coordination"
"""Schedule kind of the lead's kick-off and follow-up with a partner."""
KICKOFF = "kickoff"
FOLLOW_UP = "follow-up"
"""Coordination task names are ``"<KICKOFF>:<partner>"`` and ``"<FOLLOW_UP>:<partner>"``."""
WORK_KINDS = (*JOB_KINDS, COORDINATION)
"""Schedule kinds that are someone's work (calendar and overlap rules apply to them)."""
TOLERANCE = 1e-6
"""Hours (or hour fractions) closer than this are equal."""

SCHEDULE_COLUMNS = ("kind", "task", "tranche", "resource", "chunk", "date", "start", "end", "hours")
DELIVERY_COLUMNS = (
    "task", "tranche", "resources", "hours", "finish", "delivery", "due", "deadline",
    "lateness_hours", "lateness_working_days", "on_time", "within_deadline",
)  # fmt: skip
TRANCHE_COLUMNS = ("tranche", "tasks", "delivery", "due", "deadline", "lateness_working_days")


@dataclass(frozen=True)
class Violation:
    """A broken rule: which family (one of :data:`RULES`), what it concerns, and how."""

    rule: str
    subject: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.subject}: {self.message}"


class PlanTables(Protocol):
    """What :func:`check` reads from a result (e.g. a :class:`~mission_planner.PlanResult`)."""

    @property
    def has_plan(self) -> bool: ...  # noqa: D102
    @property
    def schedule(self) -> pd.DataFrame: ...  # noqa: D102
    @property
    def deliveries(self) -> pd.DataFrame: ...  # noqa: D102
    @property
    def tranches(self) -> pd.DataFrame: ...  # noqa: D102


__all__ = [
    "COORDINATION",
    "DELIVERY_COLUMNS",
    "FOLLOW_UP",
    "JOB_KINDS",
    "KICKOFF",
    "RULES",
    "RULE_DESCRIPTIONS",
    "SCHEDULE_COLUMNS",
    "TOLERANCE",
    "TRANCHE_COLUMNS",
    "WORK_KINDS",
    "PlanTables",
    "Violation",
]
