"""Explore the trade-offs of a mission: Pareto sweeps, what-ifs and plan diffs.

* :func:`explore` — plans of the client's scenario under many policies (date rules, partner
  caps, weights, surcharges), one row each with its figures, its policy and whether it is
  non-dominated (:data:`PLAN_COLUMNS`);
* :mod:`~mission_planner.explore.what_if` — one call per change (more flexibility, a partner
  unavailable, overtime, a commitment moved or dropped, a new partner), :func:`compare` and a
  grid runner; :mod:`~mission_planner.explore.changes` builds the changes without solving;
* :func:`diff` — what moved between two plans;
* :func:`non_dominated` — exact Pareto marks on any frame of figures.

Every call takes a :class:`~mission_planner.settings.SolveSettings` (and the shorthands
``time_limit``, ``seed``, ``workers``, ``parallel``); ``time_limit`` is the budget of the
whole call. Sweeps run ``parallel`` solves at once, in threads or on
``settings.executor`` (see :mod:`~mission_planner.explore.executors` and
``docs/scaling.md``).
"""

from mission_planner.explore import changes, what_if
from mission_planner.explore.changes import Change
from mission_planner.explore.diff import DIFF_COLUMNS, PlanDiff, diff
from mission_planner.explore.figures import PARETO_COLUMNS, PLAN_COLUMNS, plan_figures, plan_row
from mission_planner.explore.pareto import deduplicated, non_dominated
from mission_planner.explore.sweep import (
    EXPLORE_TIME_LIMIT,
    LATENESS_WEIGHTS,
    explore,
    reading,
    sweep_points,
)
from mission_planner.explore.what_if import COMPARE_COLUMNS, WhatIf, compare

__all__ = [
    "COMPARE_COLUMNS",
    "DIFF_COLUMNS",
    "EXPLORE_TIME_LIMIT",
    "LATENESS_WEIGHTS",
    "PARETO_COLUMNS",
    "PLAN_COLUMNS",
    "Change",
    "PlanDiff",
    "WhatIf",
    "changes",
    "compare",
    "deduplicated",
    "diff",
    "explore",
    "non_dominated",
    "plan_figures",
    "plan_row",
    "reading",
    "sweep_points",
    "what_if",
]
