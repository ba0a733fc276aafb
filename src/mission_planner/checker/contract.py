"""What the checker reads and reports: the result tables' columns, the rule names, a violation.

The tables' columns, schedule kinds and coordination ids are the result contract's
(:mod:`mission_planner.contract`), shared with the planner; the rules are the checker's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import pandas as pd

import mission_planner.contract as contract
from mission_planner.contract import COORDINATION, FOLLOW_UP, JOB_KINDS, KICKOFF, WORK_KINDS

RULE_DESCRIPTIONS = {
    "table": "the tables have the contract's columns, no blank values, known kinds, unique keys",
    "effort": "every task, engagement and reserved opportunity gets exactly its effort, and "
    "nothing else is worked",
    "calendar": "work lies on the grid, inside one day, in working or overtime time, not off",
    "overlap": "nobody does two things at once, and partners are not booked in their busy time",
    "fixed": "the lead's fixed blocks are in the schedule, untouched",
    "engagement": "engagements and reserved opportunities are the lead's, inside their windows",
    "task": "release, predecessors, deadlines, skills and delegation are kept",
    "timing": "lags between tasks and the mission's notice period are kept",
    "splitting": "work comes in few, long enough, unbroken chunks",
    "session": "each session keeps its task's rules: within one day, window, longest session",
    "tranche": "tasks are delivered in at most max_tranches ordered tranches",
    "partner": "partners stay within max_hours and the mission within max_partners",
    "coordination": "the lead's kick-off before, and follow-up after, each partner's work starts",
    "pin": "pinned tasks start when pinned or are done by whom pinned; pinned partners start late",
    "figures": "reported hours, dates, lateness and coordination hours follow from the schedule",
}
"""Each rule family with a one-line description, in the order they are checked."""

RULES = tuple(RULE_DESCRIPTIONS)
"""Names of the rule families, in the order they are checked."""

TOLERANCE = 1e-6
"""Hours (or hour fractions) closer than this are equal."""

SCHEDULE_COLUMNS = tuple(contract.SCHEDULE_COLUMNS)
DELIVERY_COLUMNS = tuple(contract.DELIVERY_COLUMNS)
TRANCHE_COLUMNS = tuple(contract.TRANCHE_COLUMNS)
"""The columns the checker reads: the result contract's (:mod:`mission_planner.contract`)."""


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
