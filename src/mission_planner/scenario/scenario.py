"""The whole planning question: who, what is already booked, and the new mission."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import Field, model_validator

from mission_planner.scenario._base import Frozen, format_clock
from mission_planner.scenario.calendar import Calendar, TimeOff
from mission_planner.scenario.commitments import Engagement, FixedBlock
from mission_planner.scenario.mission import Mission, Task, moment_end, moment_start
from mission_planner.scenario.people import Lead, Partner
from mission_planner.scenario.weights import Weights


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
    lead, partners, fixed_blocks, engagements, mission, weights
        See their classes.
    """

    name: str = ""
    start: dt.date
    end: dt.date
    granularity_minutes: int = Field(default=60, ge=5, le=60)
    hours_per_day: float = Field(default=8.0, gt=0, le=24)
    coordination_share: float = Field(default=0.1, ge=0, le=1)
    kickoff_hours: float = Field(default=1.0, ge=0, le=24)
    lead: Lead = Field(default_factory=Lead)
    partners: tuple[Partner, ...] = ()
    fixed_blocks: tuple[FixedBlock, ...] = ()
    engagements: tuple[Engagement, ...] = ()
    mission: Mission
    weights: Weights = Field(default_factory=Weights)

    # ------------------------------------------------------------------ validation
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
        return errors

    def _check_ids(self) -> list[str]:
        errors = []
        groups = {
            "person": [self.lead.id, *(p.id for p in self.partners)],
            "task or engagement": [
                *(t.id for t in self.mission.tasks),
                *(e.id for e in self.engagements),
            ],
            "fixed block": [b.id for b in self.fixed_blocks],
        }
        for kind, ids in groups.items():
            seen: set[str] = set()
            for ident in ids:
                if ident in seen:
                    errors.append(f"{kind} id={ident!r} is used twice")
                seen.add(ident)
        return errors

    def _check_predecessors(self) -> list[str]:
        ids = {t.id for t in self.mission.tasks}
        errors = [
            f"task {t.id!r}: predecessors has unknown task {p!r}"
            for t in self.mission.tasks
            for p in t.predecessors
            if p not in ids
        ]
        if not errors:
            cycle = _find_cycle({t.id: t.predecessors for t in self.mission.tasks})
            if cycle:
                errors.append(f"tasks: predecessors form a cycle {' -> '.join(cycle)}")
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
            slots = hours * 60 / step
            if abs(slots - round(slots)) > 1e-9:
                errors.append(f"{owner}: {field}={hours} is not a multiple of {step} minutes")
            elif round(slots) < 1:
                errors.append(f"{owner}: {field}={hours} is shorter than one {step}-minute slot")

        def check_minutes(owner: str, field: str, minutes: int) -> None:
            if minutes % step:
                errors.append(
                    f"{owner}: {field}={format_clock(minutes)} is not on the {step}-minute grid"
                )

        def check_moment(owner: str, field: str, value: dt.date | dt.datetime | None) -> None:
            if isinstance(value, dt.datetime) and (
                (value.hour * 60 + value.minute) % step or value.second or value.microsecond
            ):
                errors.append(
                    f"{owner}: {field}={value.isoformat()} is not on the {step}-minute grid"
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
        for eng in self.engagements:
            check_hours(f"engagement {eng.id!r}", "effort_hours", eng.effort_hours)
        for block in self.fixed_blocks:
            check_hours(f"fixed block {block.id!r}", "hours", block.hours)
            if block.time is not None:
                check_minutes(f"fixed block {block.id!r}", "time.start", block.time.start)
                check_minutes(f"fixed block {block.id!r}", "time.end", block.time.end)
        for partner in self.partners:
            for i, busy in enumerate(partner.busy):
                if busy.time is not None:
                    check_minutes(
                        f"partner {partner.id!r}", f"busy[{i}].time.start", busy.time.start
                    )
                    check_minutes(f"partner {partner.id!r}", f"busy[{i}].time.end", busy.time.end)
        return errors

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
        for eng in self.engagements:
            inside(f"engagement {eng.id!r}", "deadline", eng.deadline)
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

    def task(self, task_id: str) -> Task:
        """The mission task with this id."""
        for task in self.mission.tasks:
            if task.id == task_id:
                return task
        raise KeyError(task_id)

    # ------------------------------------------------------------------ files
    @classmethod
    def from_file(cls, path: str | Path) -> Scenario:
        """Load and validate a scenario from a ``.json``, ``.yaml`` or ``.yml`` file."""
        return cls.model_validate(read_mapping(path))

    def to_file(self, path: str | Path) -> None:
        """Write the scenario as JSON or YAML, by the file's suffix."""
        path = Path(path)
        data = self.model_dump(mode="json", exclude_defaults=True)
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            path.write_text(
                yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
            )
        else:
            path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of scenario files."""
        return cls.model_json_schema()


def read_mapping(path: str | Path) -> Any:
    """Parse a JSON or YAML file into Python data."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        return yaml.safe_load(text)
    return json.loads(text)


def _find_cycle(graph: dict[str, tuple[str, ...]]) -> list[str] | None:
    """A cycle in ``task -> predecessors`` as a list of ids (first repeated last), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in graph:
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


__all__ = ["Scenario", "TimeOff", "read_mapping"]
