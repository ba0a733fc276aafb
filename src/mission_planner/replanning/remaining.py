"""The work left at ``now``: the scenario a re-plan solves, and the dates promised.

The scenario of the work left starts on ``now``'s day: every task and engagement keeps its
effort minus the hours done (a task done is left out, and so are its links and pins), its
release is ``now`` at the earliest, partners keep what is left of their hour caps, fixed
blocks, busy days, time off and pins before ``now`` are history, and the mission keeps the
tranches not yet delivered. The dates promised to the client (the previous plan's deliveries
after ``now`` by default) become delivery limits, or the dates lateness counts from when they
may move.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from mission_planner.errors import InputProblem
from mission_planner.policy import SCENARIO_AS_WRITTEN, Policy
from mission_planner.replanning.history import ReplanError, WorkDone
from mission_planner.replanning.tables import delivered
from mission_planner.scenario import Scenario
from mission_planner.scenario.mission import moment_end, moment_start
from mission_planner.workdays import notice_end

Promises = Literal["previous", "none"] | Mapping[str, dt.date | dt.datetime] | Collection[str]
"""Dates promised to the client: ``"previous"`` (every delivery of the previous plan after
``now``), ``"none"``, the previous deliveries of the tasks listed, or ``{task: date}``."""


@dataclass(frozen=True)
class WorkLeft:
    """The scenario of the work left, and the instants promised for its tasks."""

    scenario: Scenario
    promised: dict[str, dt.datetime]
    done_tasks: tuple[str, ...]
    """Mission tasks finished before ``now`` (left out of the scenario)."""
    missed: dict[str, dt.datetime]
    """Tasks with work left that the previous plan delivered before ``now``: promises missed."""


def work_left(
    scenario: Scenario,
    previous: Any,
    now: dt.datetime,
    done: WorkDone,
    promises: Promises = "previous",
) -> WorkLeft:
    """The scenario of the work left at ``now`` (see the module docstring).

    ``previous`` is the previous plan (its ``deliveries`` and ``tranches`` tables).

    Raises
    ------
    ReplanError
        When ``now`` is outside the horizon, or a task with work left is past its latest date.
    """
    if not moment_start(scenario.start) <= now < moment_end(scenario.end):
        raise ReplanError(
            "now",
            [InputProblem("now", f"is outside the horizon {scenario.start}..{scenario.end}", now)],
        )
    day = now.date()
    step = scenario.granularity_minutes / 60
    data = scenario.model_dump(mode="python", exclude_none=True)
    data["start"] = day
    left: dict[str, float] = {}
    problems: list[InputProblem] = []
    for task in scenario.mission.tasks:
        hours = _on_grid(task.effort_hours - done.of(task.id), step)
        if hours > 0:
            left[task.id] = hours
            if moment_end(task.latest) <= now:
                problems.append(
                    InputProblem(
                        f"mission.tasks.{task.id}",
                        f"has {hours:g} h left but its latest date {task.latest} is before now",
                        now,
                    )
                )
    notice = notice_end(scenario)
    data["mission"]["notice_days"] = 0
    tasks = []
    for raw in data["mission"]["tasks"]:
        if raw["id"] not in left:
            continue
        raw["effort_hours"] = left[raw["id"]]
        if "release" in raw and moment_start(raw["release"]) <= now:
            del raw["release"]
        raw["predecessors"] = tuple(p for p in raw.get("predecessors", ()) if p in left)
        # a lag from a finished task is spent (its finish is in the past); one from a task
        # with work left still counts from that task's finish or start
        raw["lags"] = [lag for lag in raw.get("lags", ()) if lag["task"] in left]
        if notice is not None and notice > now:  # the notice counts from the first call
            release = raw.get("release")
            raw["release"] = notice if release is None else max(moment_start(release), notice)
        tasks.append(raw)
    engagements = []
    for raw, eng in zip(data.get("engagements", []), scenario.engagements, strict=True):
        hours = _on_grid(eng.effort_hours - done.of(eng.id), step)
        if hours <= 0:
            continue
        if eng.deadline < day:
            problems.append(
                InputProblem(
                    f"engagements.{eng.id}",
                    f"has {hours:g} h left but its deadline {eng.deadline} is before now",
                    now,
                )
            )
        raw["effort_hours"] = hours
        raw["earliest_start"] = max(eng.earliest_start, day)
        engagements.append(raw)
    if problems:
        raise ReplanError("now", problems)
    if not tasks:
        raise ReplanError("done", "every task of the mission is done: nothing left to plan")
    data["mission"]["tasks"] = tasks
    data["engagements"] = engagements
    data["opportunities"] = [  # missions not yet won: their window from now on
        {**raw, "earliest_start": max(raw["earliest_start"], day)}
        for raw in data.get("opportunities", [])
        if raw["deadline"] >= day
    ]
    data["mission"]["max_tranches"] = max(
        1, scenario.mission.max_tranches - len(delivered(previous, now, set(left)))
    )
    data["fixed_blocks"] = [b for b in data.get("fixed_blocks", []) if b["date"] >= day]
    data["pins"] = [pin for pin in data.get("pins", []) if _pin_left(pin, left, now)]
    _drop_past_calendar(data["lead"], day)
    for raw, partner in zip(data.get("partners", []), scenario.partners, strict=True):
        _drop_past_calendar(raw, day)
        raw["busy"] = [b for b in raw.get("busy", []) if b["date"] >= day]
        if partner.max_hours is not None:
            raw["max_hours"] = max(0.0, partner.max_hours - done.by(partner.id))
    rest = Scenario.model_validate(data)
    promised = _promised(rest, previous, now, promises)
    finished = tuple(t.id for t in scenario.mission.tasks if t.id not in left)
    before = {
        str(task): pd.Timestamp(moment).to_pydatetime()
        for task, moment in zip(
            previous.deliveries["task"], previous.deliveries["delivery"], strict=True
        )
        if str(task) in left and pd.Timestamp(moment) <= pd.Timestamp(now)
    }
    return WorkLeft(rest, promised, finished, before)


def promise_policy(work: WorkLeft, base: Policy | None, movable: bool) -> Policy:
    """``base`` with the promised dates: delivery limits, or where lateness counts from.

    A hard promise bounds the task's delivery (``Policy.promised``); one that may move is the
    date its lateness counts from (``Policy.targets``).
    """
    base = SCENARIO_AS_WRITTEN if base is None else base
    if not work.promised:
        return base
    if movable:
        return base.model_copy(update={"targets": {**base.targets, **work.promised}})
    return base.model_copy(update={"promised": {**base.promised, **work.promised}})


def _pin_left(pin: dict[str, Any], left: dict[str, float], now: dt.datetime) -> bool:
    """Whether a pin still says something about the work left at ``now``.

    A task's start pinned before ``now`` is history (the task has started), and so is a
    partner's start day before ``now``; pins of tasks done go with them.
    """
    if pin.get("task") is not None and pin["task"] not in left:
        return False
    if pin.get("at") is not None:
        return bool(pin["at"] >= now)
    if pin.get("start") is not None:
        return bool(pin["start"] > now.date())
    return True


def _on_grid(hours: float, step: float) -> float:
    """``hours`` rounded up to the scenario's granularity (0 when nothing is left)."""
    if hours <= 1e-9:
        return 0.0
    return math.ceil(hours / step - 1e-9) * step


def _drop_past_calendar(person: dict[str, Any], day: dt.date) -> None:
    """Time off ended before ``day`` is history."""
    calendar = person.get("calendar")
    if calendar and calendar.get("time_off"):
        calendar["time_off"] = [off for off in calendar["time_off"] if off["end"] >= day]


def _promised(
    scenario: Scenario, previous: Any, now: dt.datetime, promises: Promises
) -> dict[str, dt.datetime]:
    """The instant promised for each task of ``scenario`` (see :data:`Promises`)."""
    tasks = {t.id for t in scenario.mission.tasks}
    if isinstance(promises, str) and promises == "none":
        return {}
    if isinstance(promises, Mapping):
        unknown = sorted(set(promises) - tasks)
        if unknown:
            raise ReplanError(
                "promises",
                [InputProblem("promises", "names tasks that are done or unknown", unknown)],
            )
        return {task: moment_end(day) for task, day in promises.items()}
    delivered = {
        str(task): pd.Timestamp(moment).to_pydatetime()
        for task, moment in zip(
            previous.deliveries["task"], previous.deliveries["delivery"], strict=True
        )
    }
    listed = tasks if isinstance(promises, str) else set(promises)
    unknown = sorted(listed - set(delivered))
    if unknown and not isinstance(promises, str):
        raise ReplanError(
            "promises",
            [InputProblem("promises", "names tasks the previous plan does not deliver", unknown)],
        )
    return {
        task: delivered[task]
        for task in sorted(listed & tasks & set(delivered))
        if delivered[task] > now
    }


__all__ = ["Promises", "WorkLeft", "promise_policy", "work_left"]
