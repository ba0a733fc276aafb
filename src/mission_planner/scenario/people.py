"""The people who can do the work: the lead consultant and partners from the roster."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from mission_planner.scenario._base import Amount, Day, Frozen, Hours, Identifier
from mission_planner.scenario.calendar import Calendar, TimeRange


class Trust(StrEnum):
    """How well the lead knows a partner."""

    TRUSTED = "trusted"
    """Worked together before; reassures the client."""
    NEW = "new"
    """Not worked together yet."""


class Lead(Frozen):
    """The consultant who owns the client relationship and is its single contact.

    ``skills=None`` means the lead can do every task of the mission.
    """

    id: Identifier = "lead"
    name: str = "Lead"
    calendar: Calendar = Field(default_factory=Calendar)
    day_rate: Amount = Field(default=0.0, description="The lead's own day rate (EUR/day).")
    skills: tuple[str, ...] | None = None


class BusyBlock(Frozen):
    """A time a partner is not available: a whole day or a time range of one day."""

    date: Day
    time: TimeRange | None = Field(default=None, description="None means the whole day.")
    reason: str = ""


class Partner(Frozen):
    """A colleague from the roster to whom the lead may delegate part of the job."""

    id: Identifier
    name: str = ""
    skills: tuple[str, ...] = ()
    calendar: Calendar = Field(default_factory=Calendar)
    busy: tuple[BusyBlock, ...] = ()
    day_rate: Amount = Field(description="What the partner invoices the client (EUR/day).")
    trust: Trust = Trust.TRUSTED
    max_hours: Hours | None = Field(default=None, description="Cap on hours for this mission.")

    @model_validator(mode="after")
    def _unique_skills(self) -> Partner:
        if len(set(self.skills)) != len(self.skills):
            raise ValueError(f"partner {self.id!r}: skills={list(self.skills)} has duplicates")
        return self
