"""The scenario's pins, checked on the schedule's mission rows.

- a task pinned ``at`` an instant: one of its rows starts then, none earlier;
- a task pinned to a person: all its rows are that person's;
- a partner pinned to a start day: none of the partner's mission rows starts before that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import partial

from mission_planner.checker.contract import Violation
from mission_planner.checker.plan_view import PlanView, when
from mission_planner.contract import MISSION

flag = partial(Violation, "pin")


def check_pins(plan: PlanView) -> Iterator[Violation]:
    """Every pin of the scenario holds in the plan."""
    rows = [b for b in plan.blocks if b.kind == MISSION]
    for pin in plan.scenario.pins:
        if pin.at is not None:
            mine = [b for b in rows if b.job == pin.task]
            starts = sorted(b.start for b in mine)
            if not starts or starts[0] != pin.at:
                first = when(starts[0]) if starts else "never"
                yield flag(f"task {pin.task}", f"pinned to start {when(pin.at)}, starts {first}")
        elif pin.person is not None:
            others = sorted({b.resource for b in rows if b.job == pin.task} - {pin.person})
            if others:
                yield flag(f"task {pin.task}", f"pinned to {pin.person!r}, also done by {others}")
        elif pin.start is not None:
            day = dt.datetime.combine(pin.start, dt.time())
            early = [b for b in rows if b.resource == pin.partner and b.start < day]
            if early:
                yield flag(
                    f"partner {pin.partner}",
                    f"pinned to start {pin.start}, works from {when(early[0].start)}",
                )


__all__ = ["check_pins"]
