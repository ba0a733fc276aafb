"""The whole planning question: who, what is already booked, and the new mission."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator
from ruamel.yaml import YAML

from mission_planner.scenario._base import Day, Frozen, format_clock
from mission_planner.scenario.calendar import Calendar, TimeOff
from mission_planner.scenario.commitments import Engagement, FixedBlock
from mission_planner.scenario.durations import expand_durations, to_hours
from mission_planner.scenario.located import load_model
from mission_planner.scenario.mission import Mission, Task, moment_end, moment_start
from mission_planner.scenario.opportunities import Opportunity
from mission_planner.scenario.people import Lead, Partner
from mission_planner.scenario.pins import Pin, pin_errors
from mission_planner.scenario.recurrence import expand_fixed_blocks
from mission_planner.scenario.source import read_source
from mission_planner.scenario.weights import Weights

MAX_HORIZON_DAYS = 1100
"""Longest planning horizon, in days (about three years)."""
MAX_TASKS = 2000
"""Most tasks in a mission."""


class Scenario(Frozen):
    """A consultant's order book, roster and the mission to fit in.

    Parameters
    ----------
    start, end
        The planning horizon, both days included. Nothing is planned outside it.
    granularity_minutes
        The time step (divides 60: 60 by default, 30 works). Every clock time, effort and
        duration must be a multiple of it.
    hours_per_day
        Hours in a billed day, to turn day rates into hourly rates.
    coordination_share
        Hours the lead spends following up each delegated hour (0.1 = 6 minutes an hour),
        taken in thousandths; scheduled in the lead's calendar (see ``docs/model.md``).
    kickoff_hours
        The lead's kick-off with each partner who works on the mission, scheduled in the
        lead's calendar before that partner starts (0: none). A multiple of the grid.
    fixed_blocks
        The lead's fixed blocks; a recurring entry in the input (``rrule`` or ``every``,
        see :class:`~mission_planner.scenario.recurrence.RecurringBlock`) is held as one
        block per occurrence inside the horizon.
    opportunities
        Missions not yet won, with their win probability; the plan reserves their work or
        not by its policy (:attr:`mission_planner.policy.Policy.opportunities`).
    lead, partners, engagements, mission, weights
        See their classes.
    pins
        What every plan must keep: a task starting at a given time, a task done by a given
        person, a partner starting no earlier than a given day (see :class:`Pin`).
    """

    name: str = ""
    start: Day
    end: Day
    granularity_minutes: int = Field(default=60, ge=5, le=60)
    hours_per_day: float = Field(default=8.0, gt=0, le=24)
    coordination_share: float = Field(default=0.1, ge=0, le=1)
    kickoff_hours: Annotated[float, BeforeValidator(to_hours)] = Field(default=1.0, ge=0, le=24)
    lead: Lead = Field(default_factory=Lead)
    partners: tuple[Partner, ...] = ()
    fixed_blocks: tuple[FixedBlock, ...] = ()
    engagements: tuple[Engagement, ...] = ()
    opportunities: tuple[Opportunity, ...] = ()
    mission: Mission
    weights: Weights = Field(default_factory=Weights)
    pins: tuple[Pin, ...] = ()

    # ------------------------------------------------------------------ validation
    @model_validator(mode="before")
    @classmethod
    def _durations(cls, data: Any) -> Any:
        """Read durations and recurring fixed blocks.

        Duration strings ("2d", "1h30") become hours, a day being ``hours_per_day``;
        recurring fixed blocks become their occurrences in the horizon.
        """
        if isinstance(data, dict):
            return expand_fixed_blocks(expand_durations(data)[0], cls.__name__)
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        errors: list[str] = []
        for check in (
            self._check_horizon,
            self._check_ids,
            self._check_predecessors,
            self._check_skills,
            self._check_granularity,
            self._check_dates_in_horizon,
            self._check_fixed_blocks,
            lambda: pin_errors(self),
        ):
            errors.extend(check())
        if errors:
            raise ValueError("; ".join(errors))
        return self

    def _check_horizon(self) -> list[str]:
        errors = []
        if self.end < self.start:
            errors.append(f"scenario: end={self.end} is before start={self.start}")
        if 60 % self.granularity_minutes:
            errors.append(
                f"scenario: granularity_minutes={self.granularity_minutes} does not divide 60"
            )
        days = (self.end - self.start).days + 1
        if days > MAX_HORIZON_DAYS:
            errors.append(
                f"scenario: end={self.end} makes a horizon of {days} days from start="
                f"{self.start}; the limit is {MAX_HORIZON_DAYS} days"
            )
        if len(self.mission.tasks) > MAX_TASKS:
            errors.append(
                f"mission: tasks has {len(self.mission.tasks)} tasks; the limit is {MAX_TASKS}"
            )
        return errors

    def _check_ids(self) -> list[str]:
        errors = []
        groups = {
            "person": [
                ("lead", self.lead.id),
                *(("partner", p.id) for p in self.partners),
            ],
            "task, engagement or opportunity": [
                *(("task", t.id) for t in self.mission.tasks),
                *(("engagement", e.id) for e in self.engagements),
                *(("opportunity", o.id) for o in self.opportunities),
            ],
            "fixed block": [("fixed block", b.id) for b in self.fixed_blocks],
        }
        for group, ids in groups.items():
            seen: dict[str, str] = {}
            for kind, ident in ids:
                if ident in seen:
                    errors.append(
                        f"{kind} {ident!r}: id={ident!r} is used twice "
                        f"(already the id of a {seen[ident]}, and {group} ids are unique)"
                    )
                seen.setdefault(ident, kind)
        return errors

    def _check_predecessors(self) -> list[str]:
        ids = {t.id for t in self.mission.tasks}
        errors = [
            f"task {t.id!r}: predecessors has unknown task {p!r}"
            for t in self.mission.tasks
            for p in t.predecessors
            if p not in ids
        ]
        errors += [
            f"task {t.id!r}: lags has unknown task {lag.task!r}"
            for t in self.mission.tasks
            for lag in t.lags
            if lag.task not in ids
        ]
        if not errors:
            cycle = _find_cycle({t.id: t.linked for t in self.mission.tasks})
            if cycle:
                first = self.task(cycle[0])
                errors.append(
                    f"task {first.id!r}: predecessors={list(first.predecessors)} and lags "
                    f"from {[lag.task for lag in first.lags]} close a cycle of tasks "
                    f"{' -> '.join(cycle)}"
                    if first.lags
                    else f"task {first.id!r}: predecessors={list(first.predecessors)} close a "
                    f"cycle of tasks {' -> '.join(cycle)}"
                )
        return errors

    def _check_skills(self) -> list[str]:
        errors = []
        known: set[str] = {s for p in self.partners for s in p.skills}
        lead_skills = None if self.lead.skills is None else set(self.lead.skills)
        if lead_skills is not None:
            known |= lead_skills
        for task in self.mission.tasks:
            for skill in task.skills:
                if lead_skills is not None and skill not in known:
                    errors.append(
                        f"task {task.id!r}: skills has unknown skill {skill!r} "
                        "(neither the lead nor any partner has it)"
                    )
            if not task.delegable and lead_skills is not None:
                missing = set(task.skills) - lead_skills
                if missing:
                    errors.append(
                        f"task {task.id!r}: delegable=False but the lead lacks skills "
                        f"{sorted(missing)}"
                    )
        return errors

    def _check_granularity(self) -> list[str]:
        step = self.granularity_minutes
        if 60 % step:
            return []
        errors = []

        def check_hours(owner: str, field: str, hours: float | None) -> None:
            if hours is None:
                return
            minutes = hours * 60
            slots = minutes / step
            if abs(slots - round(slots)) > 1e-6:
                errors.append(
                    f"{owner}: {field}={hours:g} is not a multiple of {step} minutes"
                    f"{_grid_hint(minutes, step)}"
                )
            elif round(slots) < 1:
                errors.append(f"{owner}: {field}={hours} is shorter than one {step}-minute slot")

        def check_minutes(owner: str, field: str, minutes: int) -> None:
            if minutes % step:
                errors.append(
                    f"{owner}: {field}={format_clock(minutes)} is not on the {step}-minute grid"
                    f"{_grid_hint(minutes, step)}"
                )

        def check_moment(owner: str, field: str, value: dt.date | dt.datetime | None) -> None:
            if isinstance(value, dt.datetime) and (
                (value.hour * 60 + value.minute) % step or value.second or value.microsecond
            ):
                errors.append(
                    f"{owner}: {field}={value.isoformat()} is not on the {step}-minute grid"
                    f"{_grid_hint(value.hour * 60 + value.minute, step)}"
                )

        for who, cal in self.calendars():
            for day, ranges in cal.working_hours.items():
                for r in ranges:
                    check_minutes(f"{who} calendar", f"working_hours[{day.value}].start", r.start)
                    check_minutes(f"{who} calendar", f"working_hours[{day.value}].end", r.end)
            check_hours(
                f"{who} calendar", "overtime_hours_per_day", cal.overtime_hours_per_day or None
            )
        check_hours("scenario", "kickoff_hours", self.kickoff_hours or None)
        for task in self.mission.tasks:
            owner = f"task {task.id!r}"
            check_hours(owner, "effort_hours", task.effort_hours)
            for field in ("release", "due", "deadline"):
                check_moment(owner, field, getattr(task, field))
        for eng in (*self.engagements, *self.opportunities):
            check_hours(f"{eng.noun} {eng.id!r}", "effort_hours", eng.effort_hours)
        for block in self.fixed_blocks:
            owner = f"fixed block {block.series or block.id!r}"  # a series: said once
            check_hours(owner, "hours", block.hours)
            if block.time is not None:
                check_minutes(owner, "time.start", block.time.start)
                check_minutes(owner, "time.end", block.time.end)
        for partner in self.partners:
            for i, busy in enumerate(partner.busy):
                if busy.time is not None:
                    check_minutes(
                        f"partner {partner.id!r}", f"busy[{i}].time.start", busy.time.start
                    )
                    check_minutes(f"partner {partner.id!r}", f"busy[{i}].time.end", busy.time.end)
        return list(dict.fromkeys(errors))

    def _check_dates_in_horizon(self) -> list[str]:
        errors = []
        first, last = self.start, self.end
        horizon = f"the horizon {first}..{last}"

        def inside(owner: str, field: str, day: dt.date) -> None:
            if not first <= day <= last:
                errors.append(f"{owner}: {field}={day} is outside {horizon}")

        for who, cal in self.calendars():
            for i, off in enumerate(cal.time_off):
                if off.end < first or off.start > last:
                    errors.append(
                        f"{who} calendar: time_off[{i}]={off.start}..{off.end} is outside {horizon}"
                    )
        for block in self.fixed_blocks:
            inside(f"fixed block {block.id!r}", "date", block.date)
        for partner in self.partners:
            for i, busy in enumerate(partner.busy):
                inside(f"partner {partner.id!r}", f"busy[{i}].date", busy.date)
        horizon_end = moment_end(last)
        for task in self.mission.tasks:
            if moment_end(task.latest) <= moment_start(first):
                errors.append(
                    f"task {task.id!r}: deadline={task.latest} is before the horizon start {first}"
                )
            if moment_end(task.latest) > horizon_end:
                errors.append(
                    f"task {task.id!r}: deadline={task.latest} is after the horizon end {last}"
                )
            if task.release is not None and moment_start(task.release) >= horizon_end:
                errors.append(
                    f"task {task.id!r}: release={task.release} is after the horizon end {last}"
                )
        for eng in (*self.engagements, *self.opportunities):
            inside(f"{eng.noun} {eng.id!r}", "deadline", eng.deadline)
        return errors

    def _check_fixed_blocks(self) -> list[str]:
        errors = []
        by_day: dict[dt.date, list[FixedBlock]] = {}
        for block in self.fixed_blocks:
            by_day.setdefault(block.date, []).append(block)
        cal = self.lead.calendar
        for day, blocks in sorted(by_day.items()):
            timed = sorted((b for b in blocks if b.time is not None), key=lambda b: b.time.start)  # type: ignore[union-attr]
            for a, b in pairwise(timed):
                assert a.time is not None and b.time is not None
                if b.time.start < a.time.end:
                    errors.append(
                        f"fixed block {b.id!r}: time={b.time} on {day} overlaps "
                        f"fixed block {a.id!r} ({a.time})"
                    )
            working = sum(r.minutes for r in cal.ranges_on(day))
            counted = 0
            for block in blocks:
                if block.time is not None:
                    counted += sum(
                        max(0, min(r.end, block.time.end) - max(r.start, block.time.start))
                        for r in cal.ranges_on(day)
                    )
                elif block.hours is not None:
                    counted += round(block.hours * 60)
                else:
                    counted += working
            if counted > working:
                errors.append(
                    f"fixed blocks on {day} ({', '.join(repr(b.id) for b in blocks)}): "
                    f"{counted / 60:g} hours exceed the lead's {working / 60:g} working hours "
                    "that day"
                )
        return errors

    # ------------------------------------------------------------------ helpers
    def calendars(self) -> Iterator[tuple[str, Calendar]]:
        """``(label, calendar)`` for the lead and each partner."""
        yield f"lead {self.lead.id!r}", self.lead.calendar
        for partner in self.partners:
            yield f"partner {partner.id!r}", partner.calendar

    def display_names(self) -> dict[str, str]:
        """The name to show for each id.

        Tasks and partners by their name (their id when unnamed), engagements by their id,
        the lead by the name the scenario gives (absent when it gives none: texts then say
        "the lead").
        """
        named = [(t.id, t.name) for t in self.mission.tasks]
        named += [(p.id, p.name) for p in self.partners]
        named += [(e.id, "") for e in (*self.engagements, *self.opportunities)]
        shown = {i: name or i for i, name in named}
        if "name" in self.lead.model_fields_set:
            shown[self.lead.id] = self.lead.name
        return shown

    def task(self, task_id: str) -> Task:
        """The mission task with this id."""
        for task in self.mission.tasks:
            if task.id == task_id:
                return task
        raise KeyError(task_id)

    # ------------------------------------------------------------------ files
    @classmethod
    def from_file(cls, path: str | Path) -> Scenario:
        """Load and validate a scenario from a ``.json``, ``.yaml`` or ``.yml`` file.

        Durations may be hours or text such as ``"2d"`` (a day is ``hours_per_day``),
        ``"3h"``, ``"1h30"``, ``"45min"``. The file is read within the limits of
        :mod:`mission_planner.scenario.source` (size, nesting, aliases, duplicate keys).

        Raises
        ------
        ScenarioFileError
            When the file cannot be read or is not a valid scenario; it lists every problem
            with its place in the file, its line, the value and the rule.
        """
        return load_model(cls, path)

    def to_file(self, path: str | Path) -> None:
        """Write the scenario as JSON or YAML, by the file's suffix."""
        path = Path(path)
        data = self.model_dump(mode="json", exclude_defaults=True)
        if path.suffix.lower() in (".yaml", ".yml"):
            yaml = YAML(typ="safe", pure=True)
            yaml.default_flow_style = False
            yaml.allow_unicode = True
            with path.open("w", encoding="utf-8") as handle:
                yaml.dump(data, handle)
        else:
            path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of scenario files."""
        return cls.model_json_schema()


def read_mapping(path: str | Path) -> Any:
    """Parse a JSON or YAML file into Python data, by the scenario files' reading rules."""
    return read_source(path).data


def _grid_hint(minutes: float, step: int) -> str:
    """``": set granularity_minutes: 30"`` when a finer grid (dividing 60) would fit."""
    for finer in (30, 20, 15, 10, 5):
        if finer < step and abs(minutes / finer - round(minutes / finer)) <= 1e-6:
            return f": set granularity_minutes: {finer}"
    return ""


def _find_cycle(graph: dict[str, tuple[str, ...]]) -> list[str] | None:
    """A cycle in ``task -> predecessors`` as a list of ids (first repeated last), or None.

    Depth-first search with an explicit stack: a long chain of tasks needs no recursion.
    """
    state: dict[str, int] = {}
    for root in graph:
        if root in state:
            continue
        path: list[str] = [root]
        todo: list[Iterator[str]] = [iter(graph.get(root, ()))]
        state[root] = 1
        while todo:
            nxt = next(todo[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                todo.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                todo.append(iter(graph.get(nxt, ())))
    return None


__all__ = ["MAX_HORIZON_DAYS", "MAX_TASKS", "Scenario", "TimeOff", "read_mapping"]
