"""Independent plan checker: every rule of the result contract, re-derived from the scenario.

It shares nothing with the planner but the validated input models: no ``ortools``, no time
axis, no compiled problem. It reads the tables of a result (``schedule``, ``deliveries``,
``tranches``; see ``docs/concepts.md``) and reports every broken rule as a :class:`Violation`.

Time is handled as whole minutes from 00:00 of the scenario's first day; each person's
calendar becomes boolean minute masks over the horizon (working time, working time plus the
overtime window, time taken by fixed or busy blocks, time taken by work). The lead's fixed
blocks are read from the ``fixed`` rows of the schedule (the ``fixed`` rule checks those rows
against the scenario); a partner's busy blocks are read from the scenario. The lead's
``coordination`` rows (kick-off and follow-up with each partner who works) are work for the
calendar and overlap rules, and have their own rule; they carry no task's effort.
"""

from mission_planner.checker.contract import RULE_DESCRIPTIONS, RULES, PlanTables, Violation
from mission_planner.checker.replan_rules import REPLAN_RULES, check_replan
from mission_planner.checker.run import check

__all__ = [
    "REPLAN_RULES",
    "RULES",
    "RULE_DESCRIPTIONS",
    "PlanTables",
    "Violation",
    "check",
    "check_replan",
]
