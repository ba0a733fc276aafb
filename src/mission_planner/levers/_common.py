"""What the levers share: solver settings, date arithmetic on the lead's calendar, task tables.

Dates: a task's *asked* date is its due instant and its *client deadline* the instant of its
``deadline`` (a date means 24:00 that day, as everywhere in the library). An instant at 00:00
belongs to the day before (finishing at midnight is finishing that day). Working days are the
lead's: weekly hours, less public holidays and time off, as in the plan's
``lateness_working_days``: the working days that start in ``[from, to)``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pandas as pd

from mission_planner.frames import empty_frames
from mission_planner.planner import plan
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario, Weights
from mission_planner.scenario.mission import moment_end
from mission_planner.status import Status

LATENESS_FIRST = Weights(
    lateness=10_000, partner_cost=0, coordination=0, fragmentation=1, overtime=1
)
"""Weights when only lateness counts: chunks and overtime merely break ties (their largest
possible total is below one urgency-slot of lateness on any realistic scenario)."""


DEFAULT_PARALLEL = 4
"""Independent solves run at once (threads; CP-SAT releases the GIL while it searches)."""


@dataclass(frozen=True)
class Settings:
    """Solver settings shared by every solve of a lever.

    ``time_limit`` is for the lever's main plan; analyses (probes, sweeps, alternatives) use
    ``analysis_time_limit`` each and stop when ``analysis_budget`` seconds are spent;
    ``parallel`` independent solves run at once.
    """

    time_limit: float = 10.0
    seed: int = 0
    workers: int = 2
    analysis_time_limit: float | None = None
    analysis_budget: float | None = None
    parallel: int = DEFAULT_PARALLEL

    def __post_init__(self) -> None:
        for name in ("time_limit", "analysis_time_limit", "analysis_budget"):
            value = getattr(self, name)
            if value is not None and not value > 0:
                raise ValueError(f"{name}={value!r} must be a positive number of seconds")
        if not isinstance(self.parallel, int) or self.parallel < 1:
            raise ValueError(f"parallel={self.parallel!r} must be a positive integer")

    @property
    def per_analysis(self) -> float:
        """Seconds for one analysis solve (default: ``min(2, time_limit)``)."""
        if self.analysis_time_limit is not None:
            return self.analysis_time_limit
        return min(2.0, self.time_limit)

    @property
    def budget(self) -> float:
        """Seconds all analyses of one call may use (default: 3 x ``time_limit``)."""
        if self.analysis_budget is not None:
            return self.analysis_budget
        return 3 * self.time_limit


def solve(scenario: Scenario, settings: Settings, time_limit: float | None = None) -> PlanResult:
    """``plan`` the scenario (its own weights) with the lever's settings."""
    return plan(
        scenario,
        time_limit=settings.time_limit if time_limit is None else time_limit,
        seed=settings.seed,
        workers=settings.workers,
    )


@dataclass
class Budget:
    """A stopwatch for analyses: seconds ``left()``, and how many solves were ``skipped``."""

    seconds: float
    started: float = field(default_factory=time.perf_counter)
    skipped: int = 0

    def left(self) -> float:
        """Seconds still available."""
        return self.seconds - (time.perf_counter() - self.started)

    def allows(self, need: float) -> bool:
        """Whether a solve of ``need`` seconds fits; counts it as skipped otherwise."""
        if self.left() >= need:
            return True
        self.skipped += 1
        return False


def solve_all(
    jobs: Sequence[tuple[str, Scenario]],
    settings: Settings,
    time_limit: float,
    budget: Budget | None = None,
) -> list[tuple[str, Scenario, PlanResult] | None]:
    """Solve ``(label, scenario)`` jobs, ``settings.parallel`` at a time, in order.

    With a ``budget``, a batch starts only if ``time_limit`` seconds are left; the jobs not
    solved give ``None`` and count as skipped.
    """
    out: list[tuple[str, Scenario, PlanResult] | None] = []
    size = settings.parallel
    with ThreadPoolExecutor(max_workers=size) as pool:
        for first in range(0, len(jobs), size):
            batch = jobs[first : first + size]
            if budget is not None and budget.left() < time_limit:
                budget.skipped += len(jobs) - first
                out += [None] * (len(jobs) - first)
                break
            plans = pool.map(lambda job: solve(job[1], settings, time_limit), batch)
            out += [(label, sc, result) for (label, sc), result in zip(batch, plans, strict=True)]
    return out


# ---------------------------------------------------------------------- dates
def asked_instant(scenario: Scenario, task_id: str) -> pd.Timestamp:
    """The task's due instant in ``scenario``."""
    return pd.Timestamp(moment_end(scenario.task(task_id).due))


def deadline_instant(scenario: Scenario, task_id: str) -> pd.Timestamp:
    """The task's deadline instant in ``scenario`` (its due when it has none)."""
    return pd.Timestamp(moment_end(scenario.task(task_id).latest))


def day_of(instant: pd.Timestamp) -> dt.date:
    """Calendar day of an instant; 00:00 belongs to the day before."""
    moment = pd.Timestamp(instant)
    if moment.hour == 0 and moment.minute == 0 and moment.second == 0:
        moment -= pd.Timedelta(days=1)
    return moment.date()


def midnight(day: dt.date) -> pd.Timestamp:
    """00:00 of ``day``, as a timestamp (how a date sits in a datetime column)."""
    return pd.Timestamp(dt.datetime.combine(day, dt.time()))


def lead_working_days(scenario: Scenario) -> list[dt.date]:
    """The lead's working days in the horizon (weekly hours, less holidays and time off)."""
    cal = scenario.lead.calendar
    off = set(cal.public_holidays(scenario.start, scenario.end))
    for leave in cal.time_off:
        day = leave.start
        while day <= leave.end:
            off.add(day)
            day += dt.timedelta(days=1)
    days = []
    day = scenario.start
    while day <= scenario.end:
        if day not in off and cal.ranges_on(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def working_days_between(working: list[dt.date], start: pd.Timestamp, end: pd.Timestamp) -> int:
    """Working days (of ``working``) starting in ``[start, end)``; 0 when ``end <= start``."""
    if end <= start:
        return 0
    return sum(1 for d in working if start <= midnight(d) < end)


def calendar_days_between(start: pd.Timestamp, end: pd.Timestamp) -> int:
    """Calendar days from the day of ``start`` to the day of ``end`` (0 if not later)."""
    if end <= start:
        return 0
    return max(0, (day_of(end) - day_of(start)).days)


def frame(rows: list[dict[str, object]], columns: dict[str, str]) -> pd.DataFrame:
    """A table with exactly ``columns`` (name -> dtype), empty when there are no rows."""
    return pd.DataFrame(rows, columns=list(columns)).astype(columns)


def lead_skill_gaps(scenario: Scenario) -> dict[str, list[str]]:
    """Tasks the lead cannot do for lack of skills, with the skills missing."""
    if scenario.lead.skills is None:
        return {}
    have = set(scenario.lead.skills)
    return {
        t.id: sorted(set(t.skills) - have)
        for t in scenario.mission.tasks
        if not set(t.skills) <= have
    }


def empty_plan(settings: Settings, explanation: list[str], tasks: list[str]) -> PlanResult:
    """An ``INFEASIBLE`` result without solving, when the answer is known beforehand."""
    frames = empty_frames()
    return PlanResult(
        status=Status.INFEASIBLE,
        objective=None,
        objective_terms={},
        bound=None,
        gap=None,
        runtime=0.0,
        seed=settings.seed,
        workers=settings.workers,
        schedule=frames["schedule"],
        deliveries=frames["deliveries"],
        tranches=frames["tranches"],
        load=frames["load"],
        costs=frames["costs"],
        explanation=list(explanation),
        infeasible_tasks=sorted(tasks),
    )
