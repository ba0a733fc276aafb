"""The entry point: read the result's tables, then run every rule family in turn."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from mission_planner.checker.contract import PlanTables, Violation
from mission_planner.checker.coordination_rules import check_coordination
from mission_planner.checker.figure_rules import check_figures, check_partners, check_tranches
from mission_planner.checker.limits import Limits
from mission_planner.checker.pin_rules import check_pins
from mission_planner.checker.plan_view import PlanView, missing_columns
from mission_planner.checker.schedule_rules import (
    check_calendar,
    check_effort,
    check_engagements,
    check_fixed_blocks,
    check_overlaps,
    check_splitting,
    check_tasks,
)
from mission_planner.checker.session_rules import check_sessions
from mission_planner.checker.timing_rules import check_timing
from mission_planner.scenario import Scenario

if TYPE_CHECKING:
    from mission_planner.policy import Policy


def check(scenario: Scenario, result: PlanTables, policy: Policy | None = None) -> list[Violation]:
    """Every rule the plan in ``result`` breaks; an empty list means a valid plan.

    Parameters
    ----------
    scenario
        The scenario the plan answers.
    result
        Anything with ``has_plan`` and the ``schedule``, ``deliveries`` and ``tranches``
        tables of the result contract (and, when present, ``objective_terms``). Without a
        plan there is nothing to check.
    policy
        When the plan was made under a :class:`~mission_planner.policy.Policy` that changes
        the client's hard limits (dates, ``max_tranches``, ``max_partners``, roster), check
        it against those (read by the checker itself); figures are always the scenario's.

    Returns
    -------
    list[Violation]
        All violations, grouped by rule family in the order of :data:`RULES`.
    """
    if not result.has_plan:
        return []
    missing = missing_columns(result)
    if missing:
        return missing
    plan, problems = PlanView.read(scenario, result, Limits.read(scenario, policy))
    rules: tuple[Callable[[PlanView], Iterator[Violation]], ...] = (
        check_effort,
        check_calendar,
        check_overlaps,
        check_fixed_blocks,
        check_engagements,
        check_tasks,
        check_timing,
        check_splitting,
        check_sessions,
        check_tranches,
        check_partners,
        check_coordination,
        check_pins,
        check_figures,
    )
    return problems + [v for rule in rules for v in rule(plan)]


__all__ = ["check"]
