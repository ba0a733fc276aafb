"""Pins: what the lead has fixed by hand and every plan must keep.

Three kinds, each one entry of the scenario's ``pins`` list:

==============================  ===============================================================
``{task: T, at: 2026-12-08T14:00}``  task ``T`` starts exactly then (its first session
                                     starts at ``at``, nothing of it before)
``{task: T, person: P}``            task ``T`` is done by ``P`` alone (the lead or a partner)
``{partner: P, start: 2026-12-09}`` partner ``P`` does no mission work before that day
==============================  ===============================================================
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import model_validator

from mission_planner.scenario._base import Day, Frozen, Identifier

if TYPE_CHECKING:
    from mission_planner.scenario.scenario import Scenario


class Pin(Frozen):
    """One pin: ``task`` with ``at`` or ``person``, or ``partner`` with ``start``."""

    task: Identifier | None = None
    at: dt.datetime | None = None
    person: Identifier | None = None
    partner: Identifier | None = None
    start: Day | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Pin:
        given = {
            name
            for name in ("task", "at", "person", "partner", "start")
            if getattr(self, name) is not None
        }
        if given not in ({"task", "at"}, {"task", "person"}, {"partner", "start"}):
            raise ValueError(
                f"pin {sorted(given)}: give task with at, task with person, or partner with start"
            )
        if self.at is not None and self.at.tzinfo is not None:
            raise ValueError(f"pin on task {self.task!r}: at={self.at} must be a local time")
        return self

    @property
    def kind(self) -> str:
        """``"at"``, ``"person"`` or ``"partner_start"``."""
        if self.at is not None:
            return "at"
        if self.person is not None:
            return "person"
        return "partner_start"


def pin_errors(scenario: Scenario) -> list[str]:
    """What is wrong with the scenario's pins: unknown ids, off the grid, out of the horizon."""
    errors: list[str] = []
    tasks = {t.id: t for t in scenario.mission.tasks}
    people = {scenario.lead.id} | {p.id for p in scenario.partners}
    partners = {p.id for p in scenario.partners}
    step = scenario.granularity_minutes
    first = dt.datetime.combine(scenario.start, dt.time())
    last = dt.datetime.combine(scenario.end + dt.timedelta(days=1), dt.time())
    seen: set[tuple[str, str]] = set()
    for i, pin in enumerate(scenario.pins):
        where = f"pins[{i}]"
        if pin.task is not None and pin.task not in tasks:
            errors.append(f"{where}: task={pin.task!r} is not a task of the mission")
        if pin.person is not None and pin.person not in people:
            errors.append(f"{where}: person={pin.person!r} is neither the lead nor a partner")
        if pin.partner is not None and pin.partner not in partners:
            errors.append(f"{where}: partner={pin.partner!r} is not a partner")
        if pin.at is not None:
            if (pin.at.hour * 60 + pin.at.minute) % step or pin.at.second or pin.at.microsecond:
                errors.append(f"{where}: at={pin.at.isoformat()} is not on the {step}-minute grid")
            if not first <= pin.at < last:
                errors.append(f"{where}: at={pin.at.isoformat()} is outside the horizon")
        if pin.start is not None and not scenario.start <= pin.start <= scenario.end:
            errors.append(f"{where}: start={pin.start} is outside the horizon")
        key = (pin.kind, pin.task or pin.partner or "")
        if key in seen:
            errors.append(f"{where}: a second {pin.kind} pin for {key[1]!r}")
        seen.add(key)
    return errors


__all__ = ["Pin", "pin_errors"]
