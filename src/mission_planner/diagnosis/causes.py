"""Causes of a mission that does not fit, as data: a class, the figures, and a remedy.

A :class:`Cause` says why no plan exists (or none was found) and what would fix it.
:func:`causes_frame` lays causes out as a table with the fixed columns of
:data:`CAUSE_COLUMNS` (and :func:`causes_of` reads them back); sentences are made from the
records by :mod:`mission_planner.diagnosis.words`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import pandas as pd


class CauseKind(StrEnum):
    """Class of a cause, in the order they are reported.

    ``SKILL``: a task needs skills nobody allowed has (time never helps). ``MAX_PARTNERS``:
    the tasks the lead cannot do need more partners than the mission allows.
    ``PARTNER_CAP``: partners' hour caps are below the work only they can do. ``SESSION``: a
    task to be done in one piece longer than anyone's free run in its window. ``COORDINATION``:
    the lead's kick-offs and follow-ups with the partners who must work do not fit.
    ``TRANCHES``: delivering in too few tranches pulls tasks to an earlier deadline.
    ``CHAIN``: predecessors and releases leave the chain less time than its effort.
    ``ENGAGEMENT``: other missions' deadlines take the time the tasks need. ``CAPACITY``: more
    work than free hours in a window. ``DEADLINES``: the search proved that these tasks'
    deadlines cannot all hold (no simpler argument found). ``HORIZON``: the search proved that
    no plan exists even with every task's deadline at the horizon's end. ``UNISOLATED``: proven
    infeasible, cause not isolated within the time limit. ``UNDECIDED``: no plan found and
    nothing proven within the time limit (never a statement of impossibility).
    """

    SKILL = "skill"
    MAX_PARTNERS = "max_partners"
    PARTNER_CAP = "partner_cap"
    SESSION = "session"
    COORDINATION = "coordination"
    TRANCHES = "tranches"
    CHAIN = "chain"
    ENGAGEMENT = "engagement"
    CAPACITY = "capacity"
    DEADLINES = "deadlines"
    HORIZON = "horizon"
    UNISOLATED = "unisolated"
    UNDECIDED = "undecided"


class Remedy(StrEnum):
    """What would fix a cause (the figures are in the cause's fields).

    ``FIND_PARTNER``: add to the roster a partner with ``skills``. ``ALLOW_PARTNERS``: let the
    partners in ``people`` work on the mission (``raise_by``: how far to raise
    ``max_partners``). ``RAISE_MAX_PARTNERS``: raise ``max_partners`` by ``raise_by``.
    ``RAISE_PARTNER_CAP``: raise the hour caps of ``people`` by ``raise_by`` hours in all.
    ``ALLOW_SPLITTING``: let the task be split into sessions. ``EXTEND_DEADLINE``: move the
    client's limit of the window's latest tasks to ``earliest_date`` (the first date the
    necessary conditions allow; ``extension_days`` working days of the lead later).
    ``RENEGOTIATE``: ask for more time on one of ``tasks`` (no date computed).
    ``EXTEND_HORIZON``: plan over a longer horizon, or free time in the order book.
    ``FREE_TIME``: free ``needed_hours - free_hours`` of ``people``'s time in the window (no
    date within the horizon is enough). ``MORE_TRANCHES``: allow more tranches.
    ``MORE_TIME``: give the solver a longer time limit.
    """

    FIND_PARTNER = "find_partner"
    ALLOW_PARTNERS = "allow_partners"
    RAISE_MAX_PARTNERS = "raise_max_partners"
    RAISE_PARTNER_CAP = "raise_partner_cap"
    ALLOW_SPLITTING = "allow_splitting"
    EXTEND_DEADLINE = "extend_deadline"
    RENEGOTIATE = "renegotiate"
    EXTEND_HORIZON = "extend_horizon"
    FREE_TIME = "free_time"
    MORE_TRANCHES = "more_tranches"
    MORE_TIME = "more_time"


@dataclass(frozen=True)
class Cause:
    """One reason the mission does not fit, with its remedy.

    Attributes
    ----------
    kind, remedy
        The cause's class and what would fix it.
    tasks, engagements
        Mission tasks and engagements (other missions' work) concerned.
    people
        For a window (capacity, chain, engagement, coordination, partner cap): whose free time
        is counted. For a skill: the roster partners who have it (none: nobody has it).
    skills
        Skills a task needs that the lead lacks (skill cause).
    needed_hours, free_hours
        Hours of work that must fall in the window, and the free hours there.
    window_start, window_end
        The window ``[start, end)`` of the argument.
    earliest_date
        First day by which the concerned tasks could be delivered (a necessary condition:
        no earlier date can work); ``None`` when not computed or beyond the horizon.
    extension_days
        Working days of the lead from the current limit to ``earliest_date``.
    raise_by
        How much to raise a cap: hours (partner cap) or partners (``max_partners``).
    time_limit
        The time limit in seconds (undecided and unisolated causes).
    """

    kind: CauseKind
    remedy: Remedy
    tasks: tuple[str, ...] = ()
    engagements: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    needed_hours: float | None = None
    free_hours: float | None = None
    window_start: dt.datetime | None = None
    window_end: dt.datetime | None = None
    earliest_date: dt.date | None = None
    extension_days: int | None = None
    raise_by: float | None = None
    time_limit: float | None = None


CAUSE_COLUMNS = {
    "kind": "string",
    "remedy": "string",
    "tasks": "string",
    "engagements": "string",
    "people": "string",
    "skills": "string",
    "needed_hours": "float64",
    "free_hours": "float64",
    "window_start": "datetime64[ns]",
    "window_end": "datetime64[ns]",
    "earliest_date": "datetime64[ns]",
    "extension_days": "Int64",
    "raise_by": "float64",
    "time_limit": "float64",
}
"""Columns of :func:`causes_frame` and their dtypes. Names are comma-separated strings
(``""`` for none); missing figures are ``NaN``, ``NaT`` or ``<NA>``."""


def causes_frame(causes: Iterable[Cause]) -> pd.DataFrame:
    """One row per cause, with the columns and dtypes of :data:`CAUSE_COLUMNS`."""
    rows = [
        {
            "kind": c.kind.value,
            "remedy": c.remedy.value,
            "tasks": ", ".join(c.tasks),
            "engagements": ", ".join(c.engagements),
            "people": ", ".join(c.people),
            "skills": ", ".join(c.skills),
            "needed_hours": c.needed_hours,
            "free_hours": c.free_hours,
            "window_start": c.window_start,
            "window_end": c.window_end,
            "earliest_date": None
            if c.earliest_date is None
            else dt.datetime.combine(c.earliest_date, dt.time()),
            "extension_days": c.extension_days,
            "raise_by": c.raise_by,
            "time_limit": c.time_limit,
        }
        for c in causes
    ]
    frame = pd.DataFrame(rows, columns=list(CAUSE_COLUMNS))
    return frame.astype(CAUSE_COLUMNS)


def causes_of(frame: pd.DataFrame) -> list[Cause]:
    """The causes of a :func:`causes_frame` table (for example ``PlanResult.causes``)."""

    def names(text: Any) -> tuple[str, ...]:
        return tuple(text.split(", ")) if isinstance(text, str) and text else ()

    def number(value: Any) -> float | None:
        return None if pd.isna(value) else float(value)

    def instant(value: Any) -> dt.datetime | None:
        return None if pd.isna(value) else pd.Timestamp(value).to_pydatetime()

    found = []
    for row in frame.to_dict("records"):
        earliest = instant(row["earliest_date"])
        days: Any = row["extension_days"]
        found.append(
            Cause(
                kind=CauseKind(row["kind"]),
                remedy=Remedy(row["remedy"]),
                tasks=names(row["tasks"]),
                engagements=names(row["engagements"]),
                people=names(row["people"]),
                skills=names(row["skills"]),
                needed_hours=number(row["needed_hours"]),
                free_hours=number(row["free_hours"]),
                window_start=instant(row["window_start"]),
                window_end=instant(row["window_end"]),
                earliest_date=None if earliest is None else earliest.date(),
                extension_days=None if pd.isna(days) else int(days),
                raise_by=number(row["raise_by"]),
                time_limit=number(row["time_limit"]),
            )
        )
    return found
