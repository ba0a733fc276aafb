"""The new mission: its client, price, tasks and how they may be split and delivered."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from mission_planner.scenario._base import MAX_AMOUNT, MAX_CHUNKS, Frozen, Hours, Identifier, Moment
from mission_planner.scenario.calendar import TimeRange

DEFAULT_MAX_CHUNKS = 8
"""Chunks a splittable task may have when its ``max_chunks`` is not given (also bounded by
``effort // min_session``)."""


def moment_start(value: dt.date | dt.datetime) -> dt.datetime:
    """A date means its first instant (00:00); a datetime is itself."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time())


def moment_end(value: dt.date | dt.datetime) -> dt.datetime:
    """A date means the end of that day (24:00); a datetime is itself."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value + dt.timedelta(days=1), dt.time())


class Lag(Frozen):
    """Time that must pass between another task and the start of this one.

    ``finish-to-start``: this task starts at least ``hours`` after ``task`` finishes (``task``
    is then a predecessor, listed or not); ``start-to-start``: at least ``hours`` after
    ``task`` starts. ``counted``: in the working time of the person doing this task (their
    calendar's working hours, less holidays and time off; a ``d`` is ``hours_per_day``) or in
    calendar hours.
    """

    task: Identifier = Field(description="The task the lag counts from.")
    hours: Hours = Field(description="The lag (e.g. '1d', '4h').")
    link: Literal["finish-to-start", "start-to-start"] = Field(
        default="finish-to-start",
        description="Counted from the other task's finish (default) or from its start.",
    )
    counted: Literal["working", "calendar"] = Field(
        default="working",
        description="In working time of the person doing this task (default) or calendar hours.",
    )


class Task(Frozen):
    """A work package of the mission.

    Parameters
    ----------
    effort_hours
        Work to do, in hours (a multiple of the scenario's granularity).
    urgency
        Weight of each hour this task is delivered past ``due``.
    release
        Earliest start (a date means 00:00 of that day). Default: the planning start.
    due
        What the client asks for (a date means the end of that day).
    deadline
        The latest delivery the client would accept; default ``due``. ``deadline - due`` is
        the client's flexibility.
    skills
        Skills the person doing the task must all have.
    delegable
        ``False`` keeps the task with the lead (client-facing work).
    splittable, min_session_hours, max_chunks
        Splitting rules: a non-splittable task is one chunk; otherwise every chunk lasts at least
        ``min_session_hours`` (or the whole effort if smaller) and there are at most
        ``max_chunks`` (default ``min(8, effort // min_session)``).
    predecessors
        Tasks that must be finished before this one starts.
    lags
        Lags from other tasks' finish or start to this one's start (see :class:`Lag`).
    session_crosses, session_window, max_session_hours
        Session rules (a session is a chunk): ``breaks`` (default) lets a session cross a
        lunch break or a meeting but not a night, for sessions no longer than the person's
        working day (a longer one cannot fit a day); ``nothing`` keeps each session one
        unbroken stretch; ``nights`` lets sessions run across days. ``session_window`` keeps
        every session inside that time of day (e.g. ``"09:00-12:30"``, mornings only), on one
        day; ``max_session_hours`` caps each session's length.
    """

    id: Identifier
    name: str = ""
    effort_hours: Hours
    urgency: int = Field(default=1, ge=0, le=1000)
    release: Moment | None = None
    due: Moment
    deadline: Moment | None = None
    skills: tuple[str, ...] = ()
    delegable: bool = True
    splittable: bool = True
    min_session_hours: Hours = 2.0
    max_chunks: int | None = Field(default=None, ge=1, le=MAX_CHUNKS)
    predecessors: tuple[str, ...] = ()
    lags: tuple[Lag, ...] = Field(
        default=(), description="Lags from other tasks' finish or start to this task's start."
    )
    session_crosses: Literal["nothing", "breaks", "nights"] = Field(
        default="breaks",
        description="What a session may run across: 'nothing' (one unbroken stretch), "
        "'breaks' (lunch or meetings, not a night; sessions longer than the person's working "
        "day excepted) or 'nights' (any days).",
    )
    session_window: TimeRange | None = Field(
        default=None,
        description="Time of day every session lies in, on one day (e.g. '09:00-12:30').",
    )
    max_session_hours: Hours | None = Field(
        default=None, description="Longest a session may last (None: no limit)."
    )

    @model_validator(mode="after")
    def _dates(self) -> Task:
        if self.release is not None and moment_end(self.due) < moment_start(self.release):
            raise ValueError(f"task {self.id!r}: due={self.due} is before release={self.release}")
        if self.deadline is not None and moment_end(self.deadline) < moment_end(self.due):
            raise ValueError(f"task {self.id!r}: deadline={self.deadline} is before due={self.due}")
        if not self.splittable and self.max_chunks not in (None, 1):
            raise ValueError(
                f"task {self.id!r}: max_chunks={self.max_chunks} but splittable=False (one chunk)"
            )
        if any(lag.task == self.id for lag in self.lags):
            raise ValueError(f"task {self.id!r}: lags has a lag from the task itself")
        if self.id in self.predecessors:
            raise ValueError(
                f"task {self.id!r}: predecessors={list(self.predecessors)} lists itself"
            )
        return self

    @property
    def has_session_rules(self) -> bool:
        """True when a session cannot run across anything its person's time allows."""
        return (
            self.session_crosses != "nights"
            or self.session_window is not None
            or self.max_session_hours is not None
        )

    @property
    def linked(self) -> tuple[str, ...]:
        """Tasks this one comes after: its predecessors and the tasks its lags count from."""
        extra = [lag.task for lag in self.lags if lag.task not in self.predecessors]
        return (*self.predecessors, *dict.fromkeys(extra))

    @property
    def latest(self) -> dt.date | dt.datetime:
        """The deadline if given, else the due date."""
        return self.deadline if self.deadline is not None else self.due

    def chunk_limit(self) -> int:
        """Maximum number of chunks under the splitting rules."""
        if not self.splittable:
            return 1
        if self.max_chunks is not None:
            return self.max_chunks
        by_session = int(self.effort_hours // min(self.min_session_hours, self.effort_hours))
        return max(1, min(DEFAULT_MAX_CHUNKS, by_session))


class Mission(Frozen):
    """The mission the client offers.

    ``notice_days``: mission work starts no earlier than the ``notice_days``-th working day of
    the lead after the planning start (the day of the call), at 00:00.
    ``max_tranches`` bounds the client-facing deliveries (the échéancier); ``max_partners``
    bounds how many partners the client will accept. ``billing`` says who invoices the client:
    ``co-contracting`` (each partner invoices the client for its own work, the lead the rest:
    several invoices) or ``subcontracting`` (the lead invoices everything, partner fees are
    the lead's cost: one invoice). Each delivery is invoiced its share of the price (its
    tasks' effort at ``sale_day_rate``), plus ``vat_rate`` when given.
    """

    client: str
    name: str = ""
    sale_day_rate: float = Field(
        default=0.0, ge=0, le=MAX_AMOUNT, description="Price per day of effort (EUR)."
    )
    billing: Literal["co-contracting", "subcontracting"] = Field(
        default="co-contracting",
        description="co-contracting: one invoice per firm; subcontracting: one invoice, "
        "the lead's, partner fees being the lead's cost.",
    )
    vat_rate: float = Field(
        default=0.0, ge=0, le=1, description="VAT added to each invoice (0.2 = 20 %; 0: none)."
    )
    max_tranches: int = Field(default=3, ge=1, le=1000)
    notice_days: int = Field(
        default=0,
        ge=0,
        le=1000,
        description="Notice period: no mission work before this many of the lead's working "
        "days have passed after the planning start (0: none).",
    )
    max_partners: int | None = Field(default=None, ge=0, le=1000)
    tasks: tuple[Task, ...] = Field(min_length=1)
