"""The result's tables read into Python objects, with each person's minute masks of the horizon.

Rows with missing values are reported (rule ``table``) and dropped; what is left becomes a
:class:`PlanView`: the schedule rows as blocks, deliveries and tranches by key, the objective
terms when the result reports them, and per person the minute masks of working, available,
blocked and worked time (work includes the lead's coordination rows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from mission_planner.checker.contract import (
    DELIVERY_COLUMNS,
    JOB_KINDS,
    SCHEDULE_COLUMNS,
    TRANCHE_COLUMNS,
    WORK_KINDS,
    PlanTables,
    Violation,
)
from mission_planner.checker.limits import Limits
from mission_planner.scenario import Calendar, Engagement, Scenario, TimeRange
from mission_planner.scenario.mission import moment_end, moment_start

DAY_MINUTES = 24 * 60

Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class WorkBlock:
    """One schedule row."""

    row: int
    kind: str
    job: str
    tranche: int | None
    resource: str
    chunk: int | None
    date: dt.datetime
    start: dt.datetime
    end: dt.datetime
    hours: float

    def __str__(self) -> str:
        return f"{self.resource} {when(self.start)}-{self.end:%H:%M}"


@dataclass
class PersonTimeView:
    """A person's minute masks over the horizon and days off (holidays, time off)."""

    id: str
    calendar: Calendar
    off_days: dict[dt.date, str]
    working: Mask
    """Working ranges of working days."""
    available: Mask
    """Working ranges plus the overtime window."""
    blocked: Mask
    """Fixed blocks (lead) or busy blocks (partner)."""
    work: Mask
    """Covered by work rows of the schedule."""


@dataclass
class PlanView:
    """The scenario and the result's tables as Python objects."""

    scenario: Scenario
    origin: dt.datetime
    blocks: list[WorkBlock]
    deliveries: dict[str, dict[str, Any]]
    tranches: dict[int, dict[str, Any]]
    people: dict[str, PersonTimeView]
    objective_terms: dict[str, float] | None = None
    """The result's ``objective_terms`` when it has them (a loaded plan or a fake may not)."""
    limits: Limits | None = None
    """The hard limits checked (the scenario's unless a policy changes them)."""

    @classmethod
    def read(
        cls, scenario: Scenario, result: PlanTables, limits: Limits | None = None
    ) -> tuple[PlanView, list[Violation]]:
        """Read the tables; rows with missing values are reported (rule ``table``) and dropped."""
        problems: list[Violation] = []
        blocks = read_blocks(result.schedule, problems)
        deliveries = read_keyed(result.deliveries, DELIVERY_COLUMNS, "deliveries", problems)
        tranches = read_keyed(result.tranches, TRANCHE_COLUMNS, "tranches", problems)
        deliveries = {str(task): row for task, row in deliveries.items()}
        tranches = {int(number): row for number, row in tranches.items()}
        origin = moment_start(scenario.start)
        plan = cls(scenario, origin, blocks, deliveries, tranches, {}, objective_terms(result))
        plan.limits = limits if limits is not None else Limits.read(scenario)
        plan.people = people(plan)
        return plan, problems

    @property
    def hard(self) -> Limits:
        """The hard limits checked."""
        assert self.limits is not None
        return self.limits

    @property
    def lead(self) -> str:
        """Id of the lead."""
        return self.scenario.lead.id

    @property
    def size(self) -> int:
        """Minutes in the horizon."""
        return ((self.scenario.end - self.scenario.start).days + 1) * DAY_MINUTES

    def minute(self, moment: dt.datetime) -> int:
        """Minutes from the horizon's first 00:00, clipped to the horizon."""
        return max(0, min(self.size, int((moment - self.origin) // dt.timedelta(minutes=1))))

    def span(self, start: dt.datetime, end: dt.datetime) -> slice:
        """Minute indices of ``[start, end)`` inside the horizon."""
        return slice(self.minute(start), self.minute(end))

    def day(self, day: dt.date) -> slice:
        """Minute indices of ``day``."""
        return self.span(moment_start(day), moment_end(day))

    def work(self) -> list[WorkBlock]:
        """Work rows (kinds ``mission``, ``engagement`` and ``coordination``)."""
        return [b for b in self.blocks if b.kind in WORK_KINDS]

    def job_work(self) -> list[WorkBlock]:
        """Rows that carry a job's effort (kinds ``mission``, ``engagement``, ``opportunity``)."""
        return [b for b in self.blocks if b.kind in JOB_KINDS]

    def order_book(self) -> list[tuple[str, Engagement]]:
        """The lead's other work, by kind: engagements and the opportunities reserved.

        A reserved opportunity carries the hours reserved as its effort.
        """
        jobs: list[tuple[str, Engagement]] = [("engagement", e) for e in self.scenario.engagements]
        return jobs + [("opportunity", o) for o in self.hard.reserved]

    def job_blocks(self, job: str, kind: str) -> list[WorkBlock]:
        """Rows of one task (``kind="mission"``) or engagement, by start."""
        return sorted((b for b in self.blocks if b.job == job and b.kind == kind), key=by_start)


def missing_columns(result: PlanTables) -> list[Violation]:
    """Violations for contract columns missing from the result's tables."""
    tables = (
        ("schedule", result.schedule, SCHEDULE_COLUMNS),
        ("deliveries", result.deliveries, DELIVERY_COLUMNS),
        ("tranches", result.tranches, TRANCHE_COLUMNS),
    )
    return [
        Violation("table", name, f"missing columns {missing}")
        for name, frame, columns in tables
        if (missing := [c for c in columns if c not in frame.columns])
    ]


def objective_terms(result: PlanTables) -> dict[str, float] | None:
    """The result's ``objective_terms`` as numbers, or None when it has none (or not a mapping)."""
    terms = getattr(result, "objective_terms", None)
    if not isinstance(terms, Mapping):
        return None
    numbers: dict[str, float] = {}
    for name, value in terms.items():
        try:
            numbers[str(name)] = float(value)
        except (TypeError, ValueError):
            continue
    return numbers


def read_blocks(frame: pd.DataFrame, problems: list[Violation]) -> list[WorkBlock]:
    """Schedule rows as work blocks; malformed rows become ``table`` violations."""
    blocks = []
    for i, row in enumerate(frame.to_dict("records")):
        needed = ("kind", "task", "resource", "date", "start", "end", "hours")
        blank = [c for c in needed if is_blank(row[c])]
        if blank:
            problems.append(Violation("table", f"schedule row {i}", f"no value in {blank}"))
            continue
        kind = str(row["kind"])
        if kind not in (*WORK_KINDS, "fixed"):
            problems.append(Violation("table", f"schedule row {i}", f"unknown kind {kind!r}"))
            continue
        if kind in WORK_KINDS and is_blank(row["chunk"]):
            problems.append(Violation("table", f"schedule row {i}", "work row without a chunk"))
            continue
        blocks.append(
            WorkBlock(
                row=i,
                kind=kind,
                job=str(row["task"]),
                tranche=None if is_blank(row["tranche"]) else int(row["tranche"]),
                resource=str(row["resource"]),
                chunk=None if is_blank(row["chunk"]) else int(row["chunk"]),
                date=as_datetime(row["date"]),
                start=as_datetime(row["start"]),
                end=as_datetime(row["end"]),
                hours=float(row["hours"]),
            )
        )
    return blocks


def read_keyed(
    frame: pd.DataFrame, columns: tuple[str, ...], name: str, problems: list[Violation]
) -> dict[Any, dict[str, Any]]:
    """Rows of ``frame`` by their first column (task id or tranche number)."""
    key, rows = columns[0], {}
    for i, row in enumerate(frame.to_dict("records")):
        blank = [c for c in columns if is_blank(row[c])]
        if blank:
            problems.append(Violation("table", f"{name} row {i}", f"no value in {blank}"))
        elif row[key] in rows:
            problems.append(Violation("table", f"{name} row {i}", f"{row[key]} is listed twice"))
        else:
            moments = ("finish", "delivery", "due", "deadline", "due_at", "deadline_at")
            rows[row[key]] = {c: as_datetime(row[c]) if c in moments else row[c] for c in columns}
    return rows


def people(plan: PlanView) -> dict[str, PersonTimeView]:
    """Each person's free-time view (lead and partners), from the scenario alone."""
    scenario = plan.scenario
    people = {scenario.lead.id: _person(plan, scenario.lead.id, scenario.lead.calendar)}
    lead = people[scenario.lead.id]
    for block in plan.blocks:
        if block.kind == "fixed" and block.resource == lead.id:
            lead.blocked[plan.span(block.start, block.end)] = True
    for partner in scenario.partners:
        person = people[partner.id] = _person(plan, partner.id, partner.calendar)
        for busy in partner.busy:
            person.blocked[busy_span(plan, busy.date, busy.time)] = True
    for block in plan.work():
        if block.resource in people:
            people[block.resource].work[plan.span(block.start, block.end)] = True
    return people


def _person(plan: PlanView, person: str, calendar: Calendar) -> PersonTimeView:
    first, last = plan.scenario.start, plan.scenario.end
    off = dict(calendar.public_holidays(first, last))
    for leave in calendar.time_off:
        for day in days_between(max(leave.start, first), min(leave.end, last)):
            off.setdefault(day, f"time off {leave.reason}".strip())
    working = np.zeros(plan.size, dtype=bool)
    available = np.zeros(plan.size, dtype=bool)
    overtime = round(calendar.overtime_hours_per_day * 60)
    for day in days_between(first, last):
        ranges = calendar.ranges_on(day)
        if day in off or not ranges:
            continue
        base = plan.minute(moment_start(day))
        for r in ranges:
            working[base + r.start : base + r.end] = True
        last_end = ranges[-1].end
        available[base + last_end : base + min(DAY_MINUTES, last_end + overtime)] = True
    blank = np.zeros(plan.size, dtype=bool)
    return PersonTimeView(person, calendar, off, working, available | working, blank, blank.copy())


def busy_span(plan: PlanView, day: dt.date, time: TimeRange | None) -> slice:
    """Minutes of a busy block: its time range on ``day``, or the whole day."""
    if time is None:
        return plan.day(day)
    base = plan.minute(moment_start(day))
    return slice(base + time.start, base + time.end)


def intersects(plan: PlanView, block: WorkBlock, span: slice) -> bool:
    """Whether ``block`` meets the minute ``span`` of the horizon."""
    return plan.minute(block.start) < int(span.stop) and plan.minute(block.end) > int(span.start)


def minutes_of(plan: PlanView, moment: dt.datetime) -> float:
    """Minutes from the horizon's origin to ``moment``."""
    return (moment - plan.origin) / dt.timedelta(minutes=1)


def days_between(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """Days from ``first`` to ``last``, both included."""
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def hours_of(delta: dt.timedelta) -> float:
    """A duration in hours."""
    return delta / dt.timedelta(hours=1)


def as_datetime(value: Any) -> dt.datetime:
    """A table value as a ``datetime``."""
    moment: dt.datetime = pd.Timestamp(value).to_pydatetime()
    return moment


def is_blank(value: Any) -> bool:
    """Whether a table value is missing."""
    blank: bool = value is None or bool(pd.isna(value))
    return blank


def by_start(block: WorkBlock) -> tuple[dt.datetime, dt.datetime]:
    """Sort key of blocks: start, then end."""
    return block.start, block.end


def when(moment: dt.datetime) -> str:
    """A moment as it appears in messages."""
    return f"{moment:%a %d %b %H:%M}"


def noun(kind: str) -> str:
    """The word for a schedule kind in messages."""
    return "task" if kind == "mission" else kind
