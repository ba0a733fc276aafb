"""What-ifs: one call plans one change; :func:`compare` puts them beside a baseline.

Each function below builds the change with :mod:`mission_planner.explore.changes` (where the
exact rule of each change is documented), plans it with :func:`mission_planner.plan` (hinted
with ``baseline`` when given) and returns a :class:`WhatIf`. A change of the world (a partner
unavailable, more effort, a date brought forward, overtime, a commitment moved, ...) is
planned on the changed scenario under ``policy`` (default: the scenario as written); more
flexibility is planned on the scenario as it is, under the policy with the later dates.
Either way ``check(w.scenario, w.result, w.policy)`` verifies the plan, and its figures are
measured against ``w.scenario`` (the client's dates; the new ones when the client brings a
date forward). :func:`grid` plans many changes in one budget.

Settings: each call takes ``settings`` (:class:`~mission_planner.settings.SolveSettings`)
and the shorthands ``time_limit``, ``seed``, ``workers`` (and ``parallel`` for
:func:`grid`); ``time_limit`` is the budget of the whole call.

Example::

    from mission_planner import plan, what_if

    base = plan(scenario, time_limit=5, workers=1)
    gone = what_if.partner_unavailable(scenario, "hugo", baseline=base, time_limit=5)
    later = what_if.more_flexibility(scenario, 3, tranche=1, baseline=base, time_limit=5)
    print(what_if.compare(scenario, base, gone, later))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

import pandas as pd

from mission_planner.explore import changes as build
from mission_planner.explore.chains import Point, solve_points
from mission_planner.explore.changes import Change
from mission_planner.explore.figures import FIGURE_COLUMNS, PLAN_COLUMNS, plan_row
from mission_planner.explore.pareto import non_dominated
from mission_planner.planner import plan
from mission_planner.policy import Policy
from mission_planner.result import PlanResult
from mission_planner.scenario import Partner, Scenario
from mission_planner.settings import MIN_SOLVE, Clock, SolveSettings, settings_of
from mission_planner.status import Status

if TYPE_CHECKING:
    from typing_extensions import Unpack

WHAT_IF_TIME_LIMIT = 10.0
"""Seconds for a what-if call when nothing is said."""

GRID_TIME_LIMIT = 30.0
"""Seconds for a whole :func:`grid` call when nothing is said."""

INTEGER_FIGURES = ("extension_days", "late_tasks", "chunks")

COMPARE_COLUMNS = {
    **{k: v for k, v in PLAN_COLUMNS.items() if k not in ("policy", "result")},
    **{c: "Int64" for c in INTEGER_FIGURES},
    "description": "string",
    **{f"delta_{c}": "Int64" if c in INTEGER_FIGURES else "float64" for c in FIGURE_COLUMNS},
    "result": "object",
}
"""Columns of :func:`compare`: the plan columns but ``policy`` (counts as nullable ``Int64``,
missing when a what-if has no plan), ``description``, and ``delta_<figure>`` = what-if minus
baseline."""


@dataclass(frozen=True)
class WhatIf:
    """A planned change: name, words, the scenario and policy it was planned on, its plan.

    ``result`` has status ``unknown`` when :func:`grid` skipped the change for lack of time.
    """

    name: str
    description: str
    scenario: Scenario
    policy: Policy | None
    result: PlanResult

    def row(self) -> dict[str, Any]:
        """The plan as a row of :data:`~mission_planner.explore.PLAN_COLUMNS` (label = name).

        Figures are measured against :attr:`scenario` (the client's dates; the new ones when
        the client brings a date forward); without a plan they are missing (NaN / ``None``).
        """
        return _row(self.scenario, self.name, self.result, self.policy)


def _row(
    scenario: Scenario, label: str, result: PlanResult, policy: Policy | None = None
) -> dict[str, Any]:
    if result.has_plan:
        return plan_row(scenario, label, result, policy)
    blank = {c: None if c in INTEGER_FIGURES else float("nan") for c in FIGURE_COLUMNS}
    return {
        "label": label,
        "status": result.status.value,
        **blank,
        "non_dominated": False,
        "policy": policy,
        "result": result,
    }


def run(
    change: Change,
    *,
    baseline: PlanResult | None = None,
    policy: Policy | None = None,
    settings: SolveSettings | None = None,
    time_limit: float | None = None,
    seed: int | None = None,
    workers: int | None = None,
) -> WhatIf:
    """Plan ``change`` (hinted with ``baseline``) as a :class:`WhatIf`.

    ``policy`` is the policy a change of the world is planned under (a change of dates
    carries its own). ``time_limit`` is the budget of the call (default
    :data:`WHAT_IF_TIME_LIMIT`).
    """
    if not isinstance(change, Change):
        raise ValueError(f"run: change is a {type(change).__name__}, not a Change")
    chosen = settings_of(
        settings,
        time_limit=time_limit,
        seed=seed,
        workers=workers,
        default_time_limit=WHAT_IF_TIME_LIMIT,
    )
    used = _policy(change, policy)
    result = plan(change.scenario, policy=used, settings=chosen, hint=baseline)
    return WhatIf(change.name, change.description, change.scenario, used, result)


def _policy(change: Change, policy: Policy | None) -> Policy | None:
    return change.policy if change.policy is not None else policy


def grid(
    changes: Sequence[Change],
    *,
    baseline: PlanResult | None = None,
    policy: Policy | None = None,
    settings: SolveSettings | None = None,
    time_limit: float | None = None,
    seed: int | None = None,
    workers: int | None = None,
    parallel: int | None = None,
) -> list[WhatIf]:
    """Plan many changes (each on its own, hinted with ``baseline``), in their order.

    Build the changes with :mod:`mission_planner.explore.changes` (they are validated there,
    before anything runs). ``time_limit`` is the budget of the whole grid (default
    :data:`GRID_TIME_LIMIT`): the changes are dealt to ``min(parallel, changes)`` chains that
    run at once (threads, or ``settings.executor``), each plan getting what is left divided by
    the plans left in its chain. A change that cannot get
    :data:`~mission_planner.settings.MIN_SOLVE` seconds is not planned: its
    :class:`WhatIf` has status ``unknown`` and says so in ``result.explanation``.
    """
    chosen = settings_of(
        settings,
        time_limit=time_limit,
        seed=seed,
        workers=workers,
        parallel=parallel,
        default_time_limit=GRID_TIME_LIMIT,
    )
    clock = Clock(chosen.time_limit)
    for i, change in enumerate(changes):
        if not isinstance(change, Change):
            raise ValueError(f"grid: changes[{i}] is a {type(change).__name__}, not a Change")
    points = [Point(c.name, c.scenario, _policy(c, policy)) for c in changes]
    plans = solve_points(points, chosen, seconds=clock.left(), hint=baseline, hints=False)
    return [
        WhatIf(c.name, c.description, p.scenario, p.policy, _skipped() if r is None else r)
        for c, p, r in zip(changes, points, plans, strict=True)
    ]


def _skipped() -> PlanResult:
    """The result of a change not planned for lack of time."""
    return PlanResult.without_plan(
        Status.UNKNOWN,
        [
            f"not planned: less than {MIN_SOLVE:g} s of the grid's time limit was left for it; "
            "raise time_limit"
        ],
    )


def compare(scenario: Scenario, baseline: PlanResult, *what_ifs: WhatIf) -> pd.DataFrame:
    """The baseline and each what-if, one row each, with deltas against the baseline.

    Parameters
    ----------
    scenario
        The scenario the baseline answers: its figures are measured against it. Each what-if
        is measured against its own scenario (the changed world, with the client's dates; the
        new dates when the client brings one forward).
    baseline
        The plan the what-ifs are compared with (row ``"baseline"``, deltas 0).
    what_ifs
        Planned changes of the same mission; one without a plan gives a row of missing
        figures and deltas.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COMPARE_COLUMNS`, rows in the given order; ``non_dominated`` is
        computed over the rows that have a plan.

    Raises
    ------
    ValueError
        When an item is not a :class:`WhatIf`, or a what-if's mission has other tasks.
    """
    rows = [{**_row(scenario, "baseline", baseline), "description": "the baseline plan"}]
    tasks = [t.id for t in scenario.mission.tasks]
    for item in what_ifs:
        if not isinstance(item, WhatIf):
            raise ValueError(f"compare: {item!r} is a {type(item).__name__}, not a WhatIf")
        theirs = [t.id for t in item.scenario.mission.tasks]
        if theirs != tasks:
            raise ValueError(
                f"compare: what-if {item.name!r} has tasks {theirs}, the scenario {tasks}"
            )
        rows.append({**item.row(), "description": item.description})
    frame = pd.DataFrame(rows)
    for c in FIGURE_COLUMNS:
        values = frame[c].astype(float)
        frame[f"delta_{c}"] = values - values.iloc[0]
    frame = frame.reindex(columns=list(COMPARE_COLUMNS))
    for c in INTEGER_FIGURES:
        frame[c] = frame[c].astype("Float64").round().astype("Int64")
        delta = f"delta_{c}"
        frame[delta] = frame[delta].astype("Float64").round().astype("Int64")
    frame = frame.astype(COMPARE_COLUMNS)
    planned = frame["status"].isin(["optimal", "feasible"])
    if planned.any():
        frame.loc[planned, "non_dominated"] = non_dominated(frame[planned])
    return frame


# ---------------------------------------------------------------------- one call each
class SolveOptions(TypedDict, total=False):
    """The keywords every one-call what-if passes to :func:`run`.

    ``baseline`` (the hint, and where more_flexibility reads a tranche), ``policy`` (how to
    read the scenario: the lead alone, every task by its due date, ...), ``settings`` and the
    shorthands ``time_limit``, ``seed``, ``workers``.
    """

    baseline: PlanResult | None
    policy: Policy | None
    settings: SolveSettings | None
    time_limit: float | None
    seed: int | None
    workers: int | None


def more_flexibility(
    scenario: Scenario,
    days: int,
    *,
    tasks: str | Sequence[str] | None = None,
    tranche: int | None = None,
    **solve: Unpack[SolveOptions],
) -> WhatIf:
    """+``days`` of the lead's working days on the dates of ``tasks`` or of ``tranche``.

    See :func:`mission_planner.explore.changes.more_flexibility` (the later dates are a
    policy built on ``policy``); ``tranche`` is read from ``baseline``'s échéancier.
    """
    change = build.more_flexibility(
        scenario,
        days,
        tasks=tasks,
        tranche=tranche,
        baseline=solve.get("baseline"),
        policy=solve.get("policy"),
    )
    return run(change, **solve)


def more_effort(
    scenario: Scenario,
    task: str,
    hours: float,
    **solve: Unpack[SolveOptions],
) -> WhatIf:
    """Task ``task`` needs ``hours`` more hours of work.

    See :func:`mission_planner.explore.changes.more_effort`.
    """
    return run(build.more_effort(scenario, task, hours), **solve)


def bring_forward(
    scenario: Scenario,
    task: str,
    to: dt.date,
    **solve: Unpack[SolveOptions],
) -> WhatIf:
    """The client wants task ``task`` by ``to``, earlier than asked.

    See :func:`mission_planner.explore.changes.bring_forward` (the deadline moves too).
    """
    return run(build.bring_forward(scenario, task, to), **solve)


def partner_unavailable(
    scenario: Scenario,
    partner: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    **solve: Unpack[SolveOptions],
) -> WhatIf:
    """``partner`` unavailable over the horizon or from ``start`` to ``end``.

    See :func:`mission_planner.explore.changes.partner_unavailable`.
    """
    change = build.partner_unavailable(scenario, partner, start=start, end=end)
    return run(change, **solve)


def overtime(
    scenario: Scenario,
    hours_per_week: float,
    **solve: Unpack[SolveOptions],
) -> WhatIf:
    """The lead works overtime up to ``hours_per_week`` a week, approximated by a daily cap.

    See :func:`mission_planner.explore.changes.overtime` for the exact approximation (also
    stated in the result's ``description``).
    """
    change = build.overtime(scenario, hours_per_week)
    return run(change, **solve)


def move_commitment(
    scenario: Scenario,
    commitment: str,
    to: dt.date,
    **solve: Unpack[SolveOptions],
) -> WhatIf:
    """A fixed block or engagement moved to date ``to``.

    See :func:`mission_planner.explore.changes.move_commitment`.
    """
    change = build.move_commitment(scenario, commitment, to)
    return run(change, **solve)


def drop_commitment(
    scenario: Scenario,
    commitment: str,
    **solve: Unpack[SolveOptions],
) -> WhatIf:
    """A fixed block or engagement dropped from the order book."""
    change = build.drop_commitment(scenario, commitment)
    return run(change, **solve)


def add_partner(
    scenario: Scenario,
    partner: Partner | Mapping[str, Any],
    **solve: Unpack[SolveOptions],
) -> WhatIf:
    """A new partner on the roster (a :class:`~mission_planner.Partner` or its fields)."""
    change = build.add_partner(scenario, partner)
    return run(change, **solve)


__all__ = [
    "COMPARE_COLUMNS",
    "GRID_TIME_LIMIT",
    "WHAT_IF_TIME_LIMIT",
    "Change",
    "SolveOptions",
    "WhatIf",
    "add_partner",
    "bring_forward",
    "compare",
    "drop_commitment",
    "grid",
    "more_effort",
    "more_flexibility",
    "move_commitment",
    "overtime",
    "partner_unavailable",
    "run",
]
