"""What happened before ``now``: the previous plan cut at ``now`` and the work done.

The history of a re-plan is the previous plan's schedule rows before ``now`` (a row that
straddles ``now`` is cut there). The work done on each task (or engagement) by each person is
read from ``done``: hours, or a percentage of the task's effort, per task or per task and
person. Without ``done``, the work is taken as done as planned (the history's hours). Planned
work not done stays to do, and leaves the history (:func:`trimmed`): the history is then what
was done, so that a plan re-planned week after week counts each hour once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mission_planner.contract import JOB_KINDS
from mission_planner.errors import InputError, InputProblem
from mission_planner.scenario import Scenario

Done = Mapping[str, float | str | Mapping[str, float | str]]
"""Work done per task: hours, ``"40%"`` of its effort, or such a value per person."""


class ReplanError(InputError):
    """An input of a re-plan that cannot be used (``now``, ``done``, the previous plan)."""

    kind = "re-plan"


def instant(now: dt.date | dt.datetime | str) -> dt.datetime:
    """``now`` as the instant it means: a date is 00:00 of that day."""
    if isinstance(now, str):
        try:
            now = dt.datetime.fromisoformat(now)
        except ValueError:
            raise ReplanError("now", [InputProblem("now", "is not an ISO date", now)]) from None
    if isinstance(now, dt.datetime):
        if now.tzinfo is not None:
            raise ReplanError("now", [InputProblem("now", "must be a local time", now)])
        if now.time() != dt.time():
            raise ReplanError(
                "now", [InputProblem("now", "must be a day (a re-plan starts at 00:00)", now)]
            )
        return now
    return dt.datetime.combine(now, dt.time())


def cut(schedule: pd.DataFrame, now: dt.datetime) -> pd.DataFrame:
    """The rows of ``schedule`` before ``now`` (a row across ``now`` ends there)."""
    moment = pd.Timestamp(now)
    rows = schedule[schedule["start"] < moment].copy()
    rows["end"] = rows["end"].where(rows["end"] <= moment, moment)
    rows["hours"] = (rows["end"] - rows["start"]).dt.total_seconds() / 3600
    return rows.reset_index(drop=True)


def trimmed(history: pd.DataFrame, kept: dict[str, float]) -> pd.DataFrame:
    """``history`` with each task's (or engagement's) work rows cut to its first ``kept`` hours.

    Rows are kept in time order until the hours are reached (the last one cut short); rows of
    items ``kept`` does not name, and rows of other kinds, stay as they are.
    """
    rows = []
    left = dict(kept)
    for row in history.sort_values(["start", "resource"], kind="stable").to_dict("records"):
        item = str(row["task"])
        if row["kind"] not in JOB_KINDS or item not in left:
            rows.append(row)
            continue
        hours = min(float(row["hours"]), left[item])
        if hours <= 1e-9:
            continue
        left[item] -= hours
        if hours < float(row["hours"]) - 1e-9:
            row = {**row, "end": row["start"] + pd.Timedelta(hours=hours), "hours": hours}
        rows.append(row)
    out = pd.DataFrame(rows, columns=history.columns)
    return out.astype(history.dtypes.to_dict()).reset_index(drop=True)


@dataclass(frozen=True)
class WorkDone:
    """Hours done before ``now``: ``hours[item][person]`` per task or engagement."""

    hours: dict[str, dict[str, float]]

    def of(self, item: str) -> float:
        """Hours done on a task or engagement."""
        return sum(self.hours.get(item, {}).values())

    def by(self, person: str) -> float:
        """Hours ``person`` did on the mission's tasks (engagements left out)."""
        return sum(h for per in self.hours.values() for p, h in per.items() if p == person)


def work_done(scenario: Scenario, history: pd.DataFrame, done: Done | None) -> WorkDone:
    """Hours done per task (and engagement) and person, from ``done`` or the history.

    A task ``done`` does not name keeps the history's hours (done as planned). A plain number
    or percentage for a task is shared among the people of its history in proportion to their
    planned hours (all to the lead when nobody worked on it before ``now``).

    Raises
    ------
    ReplanError
        Naming the task, person and value that cannot be read.
    """
    efforts = {t.id: t.effort_hours for t in scenario.mission.tasks}
    efforts |= {e.id: e.effort_hours for e in scenario.engagements}
    people = {scenario.lead.id} | {p.id for p in scenario.partners}
    planned: dict[str, dict[str, float]] = {}
    for row in history[history["kind"].isin(JOB_KINDS)].to_dict("records"):
        if str(row["task"]) not in efforts:
            continue  # an opportunity's reserved time: not work done
        per = planned.setdefault(str(row["task"]), {})
        per[str(row["resource"])] = per.get(str(row["resource"]), 0.0) + float(row["hours"])
    hours = {item: dict(per) for item, per in planned.items()}
    problems: list[InputProblem] = []
    for item, value in (done or {}).items():
        if item not in efforts:
            problems.append(InputProblem(f"done.{item}", "is not a task nor an engagement", item))
            continue
        if isinstance(value, Mapping):
            given: dict[str, float] = {}
            for person, amount in value.items():
                where = f"done.{item}.{person}"
                if person not in people:
                    problems.append(InputProblem(where, "is not the lead nor a partner", person))
                    continue
                read = _hours(amount, efforts[item], where, problems)
                if read is not None:
                    given[str(person)] = read
            hours[item] = given
            continue
        read = _hours(value, efforts[item], f"done.{item}", problems)
        if read is not None:
            hours[item] = _shared(read, planned.get(item, {}), scenario.lead.id)
    for item, per in hours.items():
        total = sum(per.values())
        if total > efforts[item] + 1e-9:
            problems.append(
                InputProblem(
                    f"done.{item}", f"is more than the effort ({efforts[item]:g} h)", total
                )
            )
    if problems:
        raise ReplanError("done", problems)
    return WorkDone(hours)


def _hours(value: Any, effort: float, where: str, problems: list[InputProblem]) -> float | None:
    """Hours in ``value``: a number of hours or ``"N%"`` of ``effort``."""
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            share = float(value.strip()[:-1])
        except ValueError:
            share = -1.0
        if not 0 <= share <= 100:
            problems.append(InputProblem(where, "must be a percentage between 0% and 100%", value))
            return None
        return effort * share / 100
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        problems.append(InputProblem(where, "must be hours (>= 0) or a percentage", value))
        return None
    return float(value)


def _shared(total: float, planned: dict[str, float], lead: str) -> dict[str, float]:
    """``total`` hours shared as ``planned`` is (all to ``lead`` when nothing was planned)."""
    whole = sum(planned.values())
    if whole <= 0:
        return {lead: total}
    return {person: total * h / whole for person, h in planned.items()}


__all__ = ["Done", "ReplanError", "WorkDone", "cut", "instant", "trimmed", "work_done"]
