"""Rules of a re-plan, checked on the tables alone: history, work done, promises.

A re-plan at ``now`` from a previous plan must

- ``history``: keep the schedule rows of the previous plan before ``now`` (a row across
  ``now`` cut there), except the planned work not done: a work row before ``now`` lies inside
  a previous row of the same kind, task and person, every other row before ``now`` is one of
  the previous plan's, and none runs across ``now``;
- ``effort``: schedule after ``now`` exactly the effort of each task and engagement minus the
  hours done (rounded up to the scenario's granularity; a task done has no row after ``now``);
- ``promise``: deliver each promised task no later than its promised instant.

Like the rest of the checker this reads the scenario and the tables only; the hours done and
the promises are inputs (what the user said), not computed by the planner.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

import pandas as pd

from mission_planner.checker.contract import JOB_KINDS, PlanTables, Violation
from mission_planner.scenario import Scenario

REPLAN_RULES = {
    "history": "the rows before now are the previous plan's, and no new row starts before now",
    "effort": "each task and engagement gets its effort minus the hours done, after now",
    "promise": "each promised task is delivered no later than promised",
}
"""The re-plan's rule families (``effort`` as in :data:`~mission_planner.checker.RULES`)."""


def check_replan(
    scenario: Scenario,
    previous: PlanTables,
    new: PlanTables,
    now: dt.datetime,
    done: Mapping[str, float],
    promised: Mapping[str, dt.datetime],
) -> list[Violation]:
    """Every re-plan rule ``new`` breaks (empty: none).

    Parameters
    ----------
    scenario
        The scenario the re-plan answers (as it is now).
    previous, new
        The previous plan and the whole re-plan (history then the work left).
    now
        The instant the re-plan starts from.
    done
        Hours done before ``now`` per task or engagement.
    promised
        The instant promised for each task that must hold.
    """
    if not new.has_plan:
        return []
    moment = pd.Timestamp(now)
    return [
        *_history(previous.schedule, new.schedule, moment),
        *_effort(scenario, new.schedule, moment, done),
        *_promises(new.deliveries, promised),
    ]


def _rows(schedule: pd.DataFrame) -> list[tuple[str, str, str, pd.Timestamp, pd.Timestamp]]:
    return sorted(
        (str(r["kind"]), str(r["task"]), str(r["resource"]), r["start"], r["end"])
        for r in schedule.to_dict("records")
    )


def _history(old: pd.DataFrame, new: pd.DataFrame, moment: pd.Timestamp) -> list[Violation]:
    before = old[old["start"] < moment].copy()
    before["end"] = [min(end, moment) for end in before["end"]]
    after = new[new["start"] < moment]
    out = []
    crossing = after[after["end"] > moment]
    for row in crossing.to_dict("records"):
        out.append(
            Violation(
                "history",
                f"{row['kind']} {row['task']!r}",
                f"row by {row['resource']!r} runs across now ({row['start']} .. {row['end']})",
            )
        )
    rows = _rows(before)
    for kind, task, person, start, end in _rows(after[after["end"] <= moment]):
        inside = any(
            (k, t, p) == (kind, task, person)
            and ((s, e) == (start, end) if kind not in JOB_KINDS else s <= start and end <= e)
            for k, t, p, s, e in rows
        )
        if not inside:
            out.append(
                Violation(
                    "history",
                    f"{kind} {task!r}",
                    f"row by {person!r} {start} .. {end} is not in the previous plan",
                )
            )
    return out


def _effort(
    scenario: Scenario, schedule: pd.DataFrame, moment: pd.Timestamp, done: Mapping[str, float]
) -> list[Violation]:
    step = scenario.granularity_minutes / 60
    work = schedule[schedule["kind"].isin(JOB_KINDS) & (schedule["start"] >= moment)]
    planned = work.groupby("task")["hours"].sum().to_dict()
    items = [(t.id, t.effort_hours) for t in scenario.mission.tasks]
    items += [(e.id, e.effort_hours) for e in scenario.engagements]
    out = []
    for item, effort in items:
        rest = effort - done.get(item, 0.0)
        expected = 0.0 if rest <= 1e-9 else math.ceil(rest / step - 1e-9) * step
        got = float(planned.get(item, 0.0))
        if abs(got - expected) > 1e-6:
            out.append(
                Violation(
                    "effort",
                    f"{item!r}",
                    f"{got:g} h planned after now, {expected:g} h left "
                    f"({effort:g} h minus {done.get(item, 0.0):g} h done)",
                )
            )
    return out


def _promises(deliveries: pd.DataFrame, promised: Mapping[str, dt.datetime]) -> list[Violation]:
    when = dict(zip(deliveries["task"].astype(str), deliveries["delivery"], strict=True))
    out = []
    for task, moment in promised.items():
        delivered = when.get(task)
        if delivered is None or delivered > pd.Timestamp(moment):
            out.append(
                Violation("promise", f"task {task!r}", f"promised {moment}, delivered {delivered}")
            )
    return out


__all__ = ["REPLAN_RULES", "check_replan"]
