"""What the checker reads and reports: the result tables' columns, the rule names, a violation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import pandas as pd

RULES = (
    "table", "effort", "calendar", "overlap", "fixed", "engagement", "task", "splitting",
    "tranche", "partner", "figures",
)  # fmt: skip
"""Names of the rule families, in the order they are checked."""

WORK_KINDS = ("mission", "engagement")
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
    "DELIVERY_COLUMNS",
    "RULES",
    "SCHEDULE_COLUMNS",
    "TOLERANCE",
    "TRANCHE_COLUMNS",
    "WORK_KINDS",
    "PlanTables",
    "Violation",
]
