"""The existing order book: fixed blocks and engagements that consume the lead's capacity."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, model_validator

from mission_planner.scenario._base import MAX_CHUNKS, Day, Frozen, Hours, Identifier
from mission_planner.scenario.calendar import TimeRange


class FixedBlock(Frozen):
    """A commitment that never moves: a meeting, an on-site day.

    Give either ``time`` (a clock range on ``date``) or ``hours``; a block given in hours
    occupies the first free working hours of its date. With neither, the block takes the whole
    working day. A recurring entry (see :mod:`mission_planner.scenario.recurrence`) becomes
    one fixed block per occurrence, whose ``series`` names it.
    """

    id: Identifier
    date: Day
    time: TimeRange | None = None
    hours: Hours | None = None
    title: str = ""
    series: Identifier | None = Field(
        default=None,
        description="The recurring fixed block this one is an occurrence of (set when a "
        "series is expanded).",
    )

    @model_validator(mode="after")
    def _time_or_hours(self) -> FixedBlock:
        if self.time is not None and self.hours is not None:
            raise ValueError(
                f"fixed block {self.id!r}: give time={self.time} or hours={self.hours}, not both"
            )
        return self


class Engagement(Frozen):
    """Another mission's remaining effort, which the planner may re-plan inside its window.

    Its ``deadline`` (end of that day) always holds; work starts no earlier than
    ``earliest_start`` and comes in sessions of at least ``min_session_hours``.
    """

    id: Identifier
    client: str = ""
    effort_hours: Hours
    earliest_start: Day
    deadline: Day
    min_session_hours: Hours = 2.0
    max_chunks: int | None = Field(default=None, ge=1, le=MAX_CHUNKS)

    noun: ClassVar[str] = "engagement"
    """What the object is called in error messages."""

    @model_validator(mode="after")
    def _window(self) -> Engagement:
        if self.deadline < self.earliest_start:
            raise ValueError(
                f"{self.noun} {self.id!r}: deadline={self.deadline} is before "
                f"earliest_start={self.earliest_start}"
            )
        return self
