"""Explore the trade-offs of a mission: Pareto sweeps, what-ifs and plan diffs.

* :func:`explore` — plans of weighted and epsilon-constraint variants of a scenario, one row
  each with its figures and whether it is non-dominated (:data:`PLAN_COLUMNS`);
* :mod:`~mission_planner.explore.what_if` — one call per change (more flexibility, a partner
  unavailable, overtime, a commitment moved or dropped, a new partner), :func:`compare` and a
  grid runner; :mod:`~mission_planner.explore.changes` builds the variants without solving;
* :func:`diff` — what moved between two plans;
* :func:`non_dominated` — exact Pareto marks on any frame of figures.

Sweeps run on any ``concurrent.futures.Executor`` (see
:mod:`~mission_planner.explore.executors` and ``docs/scaling.md``).
"""

from mission_planner.explore import changes, what_if
from mission_planner.explore.changes import Change
from mission_planner.explore.diff import DIFF_COLUMNS, PlanDiff, diff
from mission_planner.explore.figures import PARETO_COLUMNS, PLAN_COLUMNS, plan_figures, plan_row
from mission_planner.explore.pareto import deduplicated, non_dominated
from mission_planner.explore.sweep import LATENESS_WEIGHTS, explore, sweep_points
from mission_planner.explore.what_if import COMPARE_COLUMNS, WhatIf, compare

__all__ = [
    "COMPARE_COLUMNS",
    "DIFF_COLUMNS",
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
    "sweep_points",
    "what_if",
]
