"""``diff``: what moved between two plans of a mission, as a table and in words.

Compared per mission task (the rows of ``deliveries``): the delivery instant, the tranche,
the people (``resources``) and each person's hours on the task. Hours are read from the
schedule rows of kind ``mission`` and ``coordination`` (the lead's time managing partners,
counted as the lead's hours on the task it names). Days are calendar days between the days
of the two deliveries (a delivery at 24:00 belongs to the day that ends). The lead is the
``costs`` row of role ``lead``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mission_planner.contract import MISSION_TIME_KINDS
from mission_planner.result import PlanResult
from mission_planner.workdays import day_of

DIFF_COLUMNS = {
    "task": "string",
    "person": "string",
    "changes": "string",
    "delivery_old": "datetime64[ns]",
    "delivery_new": "datetime64[ns]",
    "shift_days": "Int64",
    "tranche_old": "Int64",
    "tranche_new": "Int64",
    "resources_old": "string",
    "resources_new": "string",
    "hours_old": "float64",
    "hours_new": "float64",
}
"""Columns of :attr:`PlanDiff.frame`.

A task's row has ``person`` missing; ``changes`` lists what moved among ``delivery``,
``tranche``, ``resources``, ``hours`` (or ``added`` / ``removed`` for a task in one plan
only); ``shift_days`` is new minus old (negative: earlier); ``hours_*`` are the task's
hours. Below it, one row per person whose hours on the task changed (``changes`` =
``hours``; the ``hours_*`` are that person's, 0 when absent; other columns missing).
"""

NO_CHANGE = "no change"
SAME_OUTCOME = (
    "no change to deliveries, tranches or staffing (the work is scheduled at other times)"
)

HOUR_KINDS = MISSION_TIME_KINDS
"""Schedule kinds counted as a person's hours on a task."""


@dataclass(frozen=True)
class PlanDiff:
    """What moved from ``old`` to ``new``: :attr:`frame` and :meth:`summary`."""

    frame: pd.DataFrame
    lines: tuple[str, ...]

    @property
    def empty(self) -> bool:
        """True when nothing listed in the frame moved."""
        return self.frame.empty

    def summary(self) -> str:
        """Readable lines, one per change; ``"no change"`` for equal plans."""
        return "\n".join(self.lines)


def diff(old: PlanResult, new: PlanResult) -> PlanDiff:
    """What moved from plan ``old`` to plan ``new`` (see :data:`DIFF_COLUMNS`).

    Parameters
    ----------
    old, new
        Two plans of the same mission (e.g. a baseline and a what-if, or two rows of
        :func:`~mission_planner.explore.explore`).

    Returns
    -------
    PlanDiff
        ``frame``: one row per task that changed and one per person whose hours on it moved,
        in the order of ``old``'s deliveries (tasks only in ``new`` last); ``summary()``:
        e.g. ``task 'x' delivered 2 days earlier (Tue 08 Dec instead of Thu 10 Dec)``,
        ``task 'x': 3 h moved from lead 'sophie' to 'ana'``; ``no change`` when equal.

    Raises
    ------
    ValueError
        When either result holds no plan.
    """
    for name, result in (("old", old), ("new", new)):
        if not isinstance(result, PlanResult):
            raise ValueError(f"diff: {name} is a {type(result).__name__}, not a PlanResult")
        if not result.has_plan:
            raise ValueError(f"diff: {name}.status={result.status.value!r} holds no plan")
    lead = _lead(old) or _lead(new)
    a, b = _tasks(old), _tasks(new)
    hours_a, hours_b = _hours(old), _hours(new)
    rows: list[dict[str, Any]] = []
    lines: list[str] = []
    for task in [*a, *(t for t in b if t not in a)]:
        task_rows, task_lines = _task_changes(
            task, a.get(task), b.get(task), hours_a.get(task, {}), hours_b.get(task, {}), lead
        )
        rows += task_rows
        lines += task_lines
    count_a, count_b = len(old.tranches), len(new.tranches)
    if count_a != count_b:
        lines.append(f"échéancier: {count_b} tranche(s) instead of {count_a}")
    frame = pd.DataFrame(rows, columns=list(DIFF_COLUMNS)).astype(DIFF_COLUMNS)
    if not lines:
        lines = [NO_CHANGE if _same_work(old, new) else SAME_OUTCOME]
    return PlanDiff(frame=frame, lines=tuple(lines))


def _lead(result: PlanResult) -> str | None:
    leads = result.costs.loc[result.costs["role"] == "lead", "resource"]
    return None if leads.empty else str(leads.iloc[0])


def _tasks(result: PlanResult) -> dict[str, dict[str, Any]]:
    return {
        str(row["task"]): {str(k): v for k, v in row.items()}
        for row in result.deliveries.to_dict("records")
    }


def _hours(result: PlanResult) -> dict[str, dict[str, float]]:
    schedule = result.schedule
    rows = schedule[schedule["kind"].isin(HOUR_KINDS)]
    out: dict[str, dict[str, float]] = {}
    for task, person, hours in zip(rows["task"], rows["resource"], rows["hours"], strict=True):
        per_person = out.setdefault(str(task), {})
        per_person[str(person)] = per_person.get(str(person), 0.0) + float(hours)
    return out


def _task_changes(
    task: str,
    a: dict[str, Any] | None,
    b: dict[str, Any] | None,
    hours_a: dict[str, float],
    hours_b: dict[str, float],
    lead: str | None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """The rows and summary lines of one task."""
    lines: list[str] = []
    row: dict[str, Any] = {"task": task, "person": None}
    for side, d, hours in (("old", a, hours_a), ("new", b, hours_b)):
        row[f"delivery_{side}"] = None if d is None else pd.Timestamp(d["delivery"])
        row[f"tranche_{side}"] = None if d is None else int(d["tranche"])
        row[f"resources_{side}"] = None if d is None else str(d["resources"])
        row[f"hours_{side}"] = sum(hours.values()) if d is not None else float("nan")
    if a is None or b is None:
        row["changes"] = "added" if a is None else "removed"
        lines.append(f"task '{task}' is only in the {'new' if a is None else 'old'} plan")
        return [row], lines
    what: list[str] = []
    old_at, new_at = row["delivery_old"], row["delivery_new"]
    shift = (day_of(new_at) - day_of(old_at)).days
    row["shift_days"] = shift
    if old_at != new_at:
        what.append("delivery")
        lines.append(_delivery_line(task, old_at, new_at, shift))
    if row["tranche_old"] != row["tranche_new"]:
        what.append("tranche")
        lines.append(
            f"task '{task}' moves from tranche {row['tranche_old']} to tranche {row['tranche_new']}"
        )
    if row["resources_old"] != row["resources_new"]:
        what.append("resources")
    people = [*hours_a, *(p for p in hours_b if p not in hours_a)]
    moved = {
        p: hours_b.get(p, 0.0) - hours_a.get(p, 0.0)
        for p in people
        if abs(hours_b.get(p, 0.0) - hours_a.get(p, 0.0)) > 1e-9
    }
    person_rows = [
        {"task": task, "person": p, "changes": "hours",
         "hours_old": hours_a.get(p, 0.0), "hours_new": hours_b.get(p, 0.0)}
        for p in moved
    ]  # fmt: skip
    if moved:
        what.append("hours")
        lines += _moves(task, moved, lead)
    if not what:
        return [], []
    row["changes"] = ",".join(what)
    return [row, *person_rows], lines


def _delivery_line(task: str, old: pd.Timestamp, new: pd.Timestamp, shift: int) -> str:
    old_day, new_day = day_of(old), day_of(new)
    if shift == 0:
        word = "later" if new > old else "earlier"
        return (
            f"task '{task}' delivered {word} the same day ({_moment(new)} instead of "
            f"{_moment(old)})"
        )
    n = abs(shift)
    word = "later" if shift > 0 else "earlier"
    return (
        f"task '{task}' delivered {n} day{'s' if n > 1 else ''} {word} "
        f"({_day(new_day)} instead of {_day(old_day)})"
    )


def _day(day: dt.date) -> str:
    return f"{day:%a %d %b}"


def _moment(moment: pd.Timestamp) -> str:
    return f"{moment:%a %d %b %H:%M}"


def _moves(task: str, moved: dict[str, float], lead: str | None) -> list[str]:
    """Lines pairing the people who lost hours on ``task`` with those who gained them."""
    losers = [(p, -h) for p, h in moved.items() if h < 0]
    gainers = [(p, h) for p, h in moved.items() if h > 0]
    lost = [h for _, h in losers]
    gained = [h for _, h in gainers]
    lines = []
    i = j = 0
    while i < len(losers) and j < len(gainers):
        amount = min(lost[i], gained[j])
        lines.append(
            f"task '{task}': {amount:g} h moved from {_who(losers[i][0], lead)} to "
            f"{_who(gainers[j][0], lead)}"
        )
        lost[i] -= amount
        gained[j] -= amount
        if lost[i] <= 1e-9:
            i += 1
        if gained[j] <= 1e-9:
            j += 1
    lines += [
        f"task '{task}': {lost[k]:g} h less for {_who(losers[k][0], lead)}"
        for k in range(i, len(losers))
    ]
    lines += [
        f"task '{task}': {gained[k]:g} h more for {_who(gainers[k][0], lead)}"
        for k in range(j, len(gainers))
    ]
    return lines


def _who(person: str, lead: str | None) -> str:
    return f"lead '{person}'" if person == lead else f"'{person}'"


def _same_work(old: PlanResult, new: PlanResult) -> bool:
    """Whether both schedules hold the same work blocks."""
    columns = ["kind", "task", "resource", "start", "end"]

    def blocks(result: PlanResult) -> list[tuple[Any, ...]]:
        rows = result.schedule[result.schedule["kind"] != "fixed"][columns]
        return sorted(tuple(str(v) for v in r) for r in rows.itertuples(index=False))

    return blocks(old) == blocks(new)
