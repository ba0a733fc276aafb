"""The result contract: the tables of a plan (columns, dtypes), schedule kinds, coordination ids.

One place for what every layer agrees on about a plan: :mod:`mission_planner.frames` builds the
tables, the independent checker reads them (it shares this contract, never the planner's
computations), :mod:`mission_planner.io` writes and reads them, the tests write them by hand.
``docs/concepts.md`` describes each column. A result without a plan has the same tables, empty
(:func:`empty_tables`; :meth:`PlanResult.without_plan
<mission_planner.result.PlanResult.without_plan>`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

# ---------------------------------------------------------------------- schedule kinds
MISSION = "mission"
"""Schedule kind of the new mission's work."""
ENGAGEMENT = "engagement"
"""Schedule kind of another mission's work (an engagement)."""
OPPORTUNITY = "opportunity"
"""Schedule kind of the lead's time reserved for a mission not yet won (an opportunity)."""
COORDINATION = "coordination"
"""Schedule kind of the lead's kick-off and follow-up with a partner."""
FIXED = "fixed"
"""Schedule kind of the lead's fixed blocks (never moved)."""
JOB_KINDS = (MISSION, ENGAGEMENT, OPPORTUNITY)
"""Schedule kinds that carry a job's effort (a mission task, an engagement or the time
reserved for an opportunity)."""
ORDER_BOOK_KINDS = (ENGAGEMENT, OPPORTUNITY)
"""Schedule kinds of the lead's other work (counted as committed in the load table)."""
WORK_KINDS = (*JOB_KINDS, COORDINATION)
"""Schedule kinds that are someone's work: chunks of a solution (calendar and overlap rules
apply to them); fixed blocks come from the scenario."""
MISSION_TIME_KINDS = (MISSION, COORDINATION)
"""Schedule kinds of time spent on the new mission: its work and the lead's coordination."""
SCHEDULE_KINDS = (*WORK_KINDS, FIXED)
"""Every value of the schedule's ``kind`` column."""

# ---------------------------------------------------------------------- coordination ids
KICKOFF = "kickoff"
"""Role of the lead's coordination block before a partner starts."""
FOLLOW_UP = "follow-up"
"""Role of the lead's coordination blocks while a partner works."""


def coordination_id(kind: str, partner: str) -> str:
    """Name of a coordination block of the lead: ``"kickoff:<partner>"``, ``"follow-up:..."``."""
    return f"{kind}:{partner}"


def coordination_of(block_id: str) -> tuple[str, str]:
    """``(kind, partner)`` of a coordination block name."""
    kind, _, partner = block_id.partition(":")
    return kind, partner


# ---------------------------------------------------------------------- tables
SCHEDULE_COLUMNS = {
    "kind": "string",
    "task": "string",
    "tranche": "Int64",
    "resource": "string",
    "chunk": "Int64",
    "date": "datetime64[ns]",
    "start": "datetime64[ns]",
    "end": "datetime64[ns]",
    "hours": "float64",
}
"""One row per work block (a chunk's run inside one day) and per fixed block of the lead."""
DELIVERY_COLUMNS = {
    "task": "string",
    "name": "string",
    "tranche": "int64",
    "resources": "string",
    "hours": "float64",
    "finish": "datetime64[ns]",
    "delivery": "datetime64[ns]",
    "due": "datetime64[ns]",
    "deadline": "datetime64[ns]",
    "due_at": "datetime64[ns]",
    "deadline_at": "datetime64[ns]",
    "lateness_hours": "float64",
    "lateness_working_days": "int64",
    "on_time": "bool",
    "within_deadline": "bool",
}
"""One row per mission task. ``due`` and ``deadline`` are the days the client named (at their
midnight), ``due_at`` and ``deadline_at`` the instants they mean (a date is 24:00 that day)."""
TRANCHE_COLUMNS = {
    "tranche": "int64",
    "tasks": "string",
    "delivery": "datetime64[ns]",
    "due": "datetime64[ns]",
    "deadline": "datetime64[ns]",
    "due_at": "datetime64[ns]",
    "deadline_at": "datetime64[ns]",
    "lateness_working_days": "int64",
}
"""The échéancier: one row per tranche, numbered 1..k."""
LOAD_COLUMNS = {
    "resource": "string",
    "date": "datetime64[ns]",
    "capacity": "float64",
    "committed": "float64",
    "planned": "float64",
    "free": "float64",
}
"""Per person and day."""
COST_COLUMNS = {
    "resource": "string",
    "role": "string",
    "hours": "float64",
    "day_rate": "float64",
    "fee": "float64",
}
"""Per person."""
TABLES: Mapping[str, Mapping[str, str]] = {
    "schedule": SCHEDULE_COLUMNS,
    "deliveries": DELIVERY_COLUMNS,
    "tranches": TRANCHE_COLUMNS,
    "load": LOAD_COLUMNS,
    "costs": COST_COLUMNS,
}
"""The five tables of a result, by their attribute name, with their columns and dtypes."""


def table(rows: Iterable[Mapping[str, object]], columns: Mapping[str, str]) -> pd.DataFrame:
    """A table of the contract: ``rows`` with exactly ``columns``, in order, with their dtypes."""
    frame = pd.DataFrame(list(rows), columns=list(columns))
    return frame.astype(dict(columns))


def empty_tables() -> dict[str, pd.DataFrame]:
    """The five tables with their columns and no rows (a result without a plan)."""
    return {name: table([], columns) for name, columns in TABLES.items()}


__all__ = [
    "COORDINATION",
    "COST_COLUMNS",
    "DELIVERY_COLUMNS",
    "ENGAGEMENT",
    "FIXED",
    "FOLLOW_UP",
    "JOB_KINDS",
    "KICKOFF",
    "LOAD_COLUMNS",
    "MISSION",
    "MISSION_TIME_KINDS",
    "OPPORTUNITY",
    "ORDER_BOOK_KINDS",
    "SCHEDULE_COLUMNS",
    "SCHEDULE_KINDS",
    "TABLES",
    "TRANCHE_COLUMNS",
    "WORK_KINDS",
    "coordination_id",
    "coordination_of",
    "empty_tables",
    "table",
]
