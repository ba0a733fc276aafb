"""What-ifs: one call plans one change to the scenario; :func:`compare` puts them side by side.

Each function below builds the change with :mod:`mission_planner.explore.changes` (where the
exact rule of each change is documented), plans the variant with :func:`mission_planner.plan`
(hinted with ``baseline`` when given) and returns a :class:`WhatIf`; its plan passes
``check(what_if.scenario, what_if.result)``. :func:`grid` plans many changes on any
``concurrent.futures.Executor``.

Example::

    from mission_planner import plan, what_if

    base = plan(scenario, time_limit=5, workers=1)
    gone = what_if.partner_unavailable(scenario, "karim", baseline=base)
    later = what_if.more_flexibility(scenario, 3, tranche=1, baseline=base)
    print(what_if.compare(scenario, base, gone, later))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mission_planner.explore import changes as build
from mission_planner.explore.chains import Chain, Point, SolveSettings, solve_chain
from mission_planner.explore.changes import Change
from mission_planner.explore.executors import run_all
from mission_planner.explore.figures import FIGURE_COLUMNS, PLAN_COLUMNS, plan_row
from mission_planner.explore.pareto import non_dominated
from mission_planner.result import PlanResult
from mission_planner.scenario import Partner, Scenario

INTEGER_FIGURES = ("extension_days", "late_tasks", "chunks")

COMPARE_COLUMNS = {
    **{k: v for k, v in PLAN_COLUMNS.items() if k != "result"},
    **{c: "Int64" for c in INTEGER_FIGURES},
    "description": "string",
    **{f"delta_{c}": "Int64" if c in INTEGER_FIGURES else "float64" for c in FIGURE_COLUMNS},
    "result": "object",
}
"""Columns of :func:`compare`: the plan columns (counts as nullable ``Int64``, missing when a
what-if has no plan), ``description``, and ``delta_<figure>`` = what-if minus baseline."""


@dataclass(frozen=True)
class WhatIf:
    """A planned change: its ``name``, what changed in words, the variant and its plan."""

    name: str
    description: str
    scenario: Scenario
    result: PlanResult

    def row(self, original: Scenario | None = None) -> dict[str, Any]:
        """The plan as a row of :data:`~mission_planner.explore.PLAN_COLUMNS` (label = name).

        Figures are measured against ``original``'s due dates (default: the variant's, which
        no what-if changes); without a plan they are missing (NaN / ``None``).
        """
        return _row(original or self.scenario, self.name, self.result)


def _row(original: Scenario, label: str, result: PlanResult) -> dict[str, Any]:
    if result.has_plan:
        return plan_row(original, label, result)
    blank = {c: None if c in INTEGER_FIGURES else float("nan") for c in FIGURE_COLUMNS}
    return {
        "label": label,
        "status": result.status.value,
        **blank,
        "non_dominated": False,
        "result": result,
    }


def run(
    change: Change,
    *,
    hint: PlanResult | None = None,
    time_limit: float = 2.0,
    seed: int = 0,
    workers: int = 1,
) -> WhatIf:
    """Plan ``change.scenario`` (hinted with ``hint``) as a :class:`WhatIf`."""
    settings = SolveSettings(time_limit=time_limit, seed=seed, workers=workers)
    (result,) = solve_chain(Chain((Point(change.name, change.scenario),), settings, hint=hint))
    return WhatIf(change.name, change.description, change.scenario, result)


def grid(
    changes: Sequence[Change],
    *,
    baseline: PlanResult | None = None,
    executor: Executor | None = None,
    parallel: int | None = None,
    time_limit: float = 2.0,
    seed: int = 0,
    workers: int = 1,
) -> list[WhatIf]:
    """Plan many changes (each on its own, hinted with ``baseline``), in their order.

    Build the changes with :mod:`mission_planner.explore.changes` (they are validated there,
    before anything runs). ``executor``: any ``concurrent.futures.Executor``; ``None`` for
    local processes, ``parallel`` of them (see :mod:`mission_planner.explore.executors`).
    """
    settings = SolveSettings(time_limit=time_limit, seed=seed, workers=workers)
    for i, change in enumerate(changes):
        if not isinstance(change, Change):
            raise ValueError(f"grid: changes[{i}] is a {type(change).__name__}, not a Change")
    work = [Chain((Point(c.name, c.scenario),), settings, hint=baseline) for c in changes]
    plans = run_all(solve_chain, work, executor=executor, parallel=parallel, workers=workers)
    return [
        WhatIf(c.name, c.description, c.scenario, result)
        for c, (result,) in zip(changes, plans, strict=True)
    ]


def compare(scenario: Scenario, baseline: PlanResult, *what_ifs: WhatIf) -> pd.DataFrame:
    """The baseline and each what-if, one row each, with deltas against the baseline.

    Parameters
    ----------
    scenario
        The original scenario: every figure is measured against its due dates.
    baseline
        The plan the what-ifs are compared with (row ``"baseline"``, deltas 0).
    what_ifs
        Planned changes; one without a plan gives a row of missing figures and deltas.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COMPARE_COLUMNS`, rows in the given order; ``non_dominated`` is
        computed over the rows that have a plan.
    """
    rows = [{**_row(scenario, "baseline", baseline), "description": "the baseline plan"}]
    for item in what_ifs:
        if not isinstance(item, WhatIf):
            raise ValueError(f"compare: {item!r} is a {type(item).__name__}, not a WhatIf")
        rows.append({**item.row(scenario), "description": item.description})
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
def more_flexibility(
    scenario: Scenario,
    days: int,
    *,
    tasks: str | Sequence[str] | None = None,
    tranche: int | None = None,
    baseline: PlanResult | None = None,
    time_limit: float = 2.0,
    seed: int = 0,
    workers: int = 1,
) -> WhatIf:
    """+``days`` of the lead's working days on the deadlines of ``tasks`` or of ``tranche``.

    See :func:`mission_planner.explore.changes.more_flexibility`; ``tranche`` is read from
    ``baseline``'s échéancier, which also hints the solve.
    """
    change = build.more_flexibility(scenario, days, tasks=tasks, tranche=tranche, baseline=baseline)
    return run(change, hint=baseline, time_limit=time_limit, seed=seed, workers=workers)


def partner_unavailable(
    scenario: Scenario,
    partner: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    baseline: PlanResult | None = None,
    time_limit: float = 2.0,
    seed: int = 0,
    workers: int = 1,
) -> WhatIf:
    """``partner`` unavailable over the horizon or from ``start`` to ``end``.

    See :func:`mission_planner.explore.changes.partner_unavailable`.
    """
    change = build.partner_unavailable(scenario, partner, start=start, end=end)
    return run(change, hint=baseline, time_limit=time_limit, seed=seed, workers=workers)


def overtime(
    scenario: Scenario,
    hours_per_week: float,
    *,
    baseline: PlanResult | None = None,
    time_limit: float = 2.0,
    seed: int = 0,
    workers: int = 1,
) -> WhatIf:
    """The lead works overtime up to ``hours_per_week`` a week, approximated by a daily cap.

    See :func:`mission_planner.explore.changes.overtime` for the exact approximation (also
    stated in the result's ``description``).
    """
    change = build.overtime(scenario, hours_per_week)
    return run(change, hint=baseline, time_limit=time_limit, seed=seed, workers=workers)


def move_commitment(
    scenario: Scenario,
    commitment: str,
    to: dt.date,
    *,
    baseline: PlanResult | None = None,
    time_limit: float = 2.0,
    seed: int = 0,
    workers: int = 1,
) -> WhatIf:
    """A fixed block or engagement moved to date ``to``.

    See :func:`mission_planner.explore.changes.move_commitment`.
    """
    change = build.move_commitment(scenario, commitment, to)
    return run(change, hint=baseline, time_limit=time_limit, seed=seed, workers=workers)


def drop_commitment(
    scenario: Scenario,
    commitment: str,
    *,
    baseline: PlanResult | None = None,
    time_limit: float = 2.0,
    seed: int = 0,
    workers: int = 1,
) -> WhatIf:
    """A fixed block or engagement dropped from the order book."""
    change = build.drop_commitment(scenario, commitment)
    return run(change, hint=baseline, time_limit=time_limit, seed=seed, workers=workers)


def add_partner(
    scenario: Scenario,
    partner: Partner | Mapping[str, Any],
    *,
    baseline: PlanResult | None = None,
    time_limit: float = 2.0,
    seed: int = 0,
    workers: int = 1,
) -> WhatIf:
    """A new partner on the roster (a :class:`~mission_planner.Partner` or its fields)."""
    change = build.add_partner(scenario, partner)
    return run(change, hint=baseline, time_limit=time_limit, seed=seed, workers=workers)


__all__ = [
    "COMPARE_COLUMNS",
    "Change",
    "WhatIf",
    "add_partner",
    "compare",
    "drop_commitment",
    "grid",
    "more_flexibility",
    "move_commitment",
    "overtime",
    "partner_unavailable",
    "run",
]
