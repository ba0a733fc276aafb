"""Scenario transformations the levers plan on: each returns a new, re-validated scenario.

Every function takes a :class:`~mission_planner.scenario.Scenario` and returns another one
built with ``Scenario.model_validate`` (so every rule of the input models is checked again);
the input is never modified. The levers combine them, e.g. *as asked* is
``deadlines_at_due(lead_alone(scenario))``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from mission_planner.scenario import Scenario, Trust, Weights

Moment = dt.date | dt.datetime


def _rebuild(scenario: Scenario, **changes: Any) -> Scenario:
    """``scenario`` with top-level fields replaced, validated again."""
    data = scenario.model_dump()
    data.update(changes)
    return Scenario.model_validate(data)


def _map_tasks(scenario: Scenario, change: Callable[[dict[str, Any]], dict[str, Any]]) -> Scenario:
    """``scenario`` with ``change`` applied to each task's field mapping."""
    data = scenario.model_dump()
    mission = dict(data["mission"])
    mission["tasks"] = [change(dict(task)) for task in mission["tasks"]]
    data["mission"] = mission
    return Scenario.model_validate(data)


def _mission(scenario: Scenario, **changes: Any) -> Scenario:
    data = scenario.model_dump()
    data["mission"] = {**data["mission"], **changes}
    return Scenario.model_validate(data)


def lead_alone(scenario: Scenario) -> Scenario:
    """No partner may work on the mission (``max_partners = 0``; the roster is kept).

    Keeping the roster keeps the scenario valid when a task's skill is known only to a
    partner; such a task then has nobody able to do it and the plan says so.
    """
    return _mission(scenario, max_partners=0)


def deadlines_at_due(scenario: Scenario) -> Scenario:
    """Every task's deadline becomes its due date: no date moves."""

    def change(task: dict[str, Any]) -> dict[str, Any]:
        task["deadline"] = task["due"]
        return task

    return _map_tasks(scenario, change)


def deadlines_at_horizon(scenario: Scenario) -> Scenario:
    """Every task's deadline becomes the horizon's last day: any extension is allowed."""

    def change(task: dict[str, Any]) -> dict[str, Any]:
        task["deadline"] = scenario.end
        return task

    return _map_tasks(scenario, change)


def with_task_fields(scenario: Scenario, field: str, values: Mapping[str, Any]) -> Scenario:
    """Set ``field`` (``due``, ``deadline``, ``urgency``, ...) of the tasks named in ``values``."""
    unknown = set(values) - {t.id for t in scenario.mission.tasks}
    if unknown:
        raise KeyError(f"with_task_fields: unknown tasks {sorted(unknown)}")

    def change(task: dict[str, Any]) -> dict[str, Any]:
        if task["id"] in values:
            task[field] = values[task["id"]]
        return task

    return _map_tasks(scenario, change)


def with_max_tranches(scenario: Scenario, tranches: int) -> Scenario:
    """At most ``tranches`` deliveries."""
    return _mission(scenario, max_tranches=tranches)


def with_weights(scenario: Scenario, weights: Weights) -> Scenario:
    """Objective weights replaced by ``weights``."""
    return _rebuild(scenario, weights=weights.model_dump())


def trusted_only(scenario: Scenario) -> Scenario:
    """Partners the lead has not worked with (``trust: new``) can no longer work on the mission.

    They leave the roster; when a task's skill is known only to them (so the scenario would no
    longer validate), they stay but are busy every day of the horizon instead.
    """
    kept = [p.model_dump() for p in scenario.partners if p.trust is Trust.TRUSTED]
    try:
        return _rebuild(scenario, partners=kept)
    except ValidationError:
        pass
    days = [
        scenario.start + dt.timedelta(days=i)
        for i in range((scenario.end - scenario.start).days + 1)
    ]
    partners = []
    for partner in scenario.partners:
        data = partner.model_dump()
        if partner.trust is not Trust.TRUSTED:
            data["busy"] = [{"date": d, "reason": "not trusted yet"} for d in days]
        partners.append(data)
    return _rebuild(scenario, partners=partners)


def surcharge_new_partners(scenario: Scenario, share: float) -> Scenario:
    """Raise new partners' day rates by ``share`` (0.1 = +10 %), to prefer trusted ones.

    Only the plan's objective should see the raised rates: report fees at the real ones.
    """
    if share < 0:
        raise ValueError(f"surcharge_new_partners: share={share} must be >= 0")
    partners = []
    for partner in scenario.partners:
        data = partner.model_dump()
        if partner.trust is Trust.NEW:
            data["day_rate"] = partner.day_rate * (1 + share)
        partners.append(data)
    return _rebuild(scenario, partners=partners)


def without_fixed_block(scenario: Scenario, block_id: str) -> Scenario:
    """The lead's fixed block ``block_id`` removed (moved out of the horizon)."""
    kept = [b.model_dump() for b in scenario.fixed_blocks if b.id != block_id]
    if len(kept) == len(scenario.fixed_blocks):
        raise KeyError(f"without_fixed_block: no fixed block {block_id!r}")
    return _rebuild(scenario, fixed_blocks=kept)


def without_engagement(scenario: Scenario, engagement_id: str) -> Scenario:
    """The engagement ``engagement_id`` removed (its work done elsewhere or later)."""
    kept = [e.model_dump() for e in scenario.engagements if e.id != engagement_id]
    if len(kept) == len(scenario.engagements):
        raise KeyError(f"without_engagement: no engagement {engagement_id!r}")
    return _rebuild(scenario, engagements=kept)


def without_time_off(scenario: Scenario, index: int) -> Scenario:
    """The lead's ``time_off[index]`` removed (the lead works those days)."""
    lead = scenario.lead.model_dump()
    offs = list(lead["calendar"]["time_off"])
    if not 0 <= index < len(offs):
        raise IndexError(f"without_time_off: no time_off[{index}]")
    del offs[index]
    lead["calendar"] = {**lead["calendar"], "time_off": offs}
    return _rebuild(scenario, lead=lead)


__all__ = [
    "deadlines_at_due",
    "deadlines_at_horizon",
    "lead_alone",
    "surcharge_new_partners",
    "trusted_only",
    "with_max_tranches",
    "with_task_fields",
    "with_weights",
    "without_engagement",
    "without_fixed_block",
    "without_time_off",
]
