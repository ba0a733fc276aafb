"""The ``mission-planner`` command line: ``plan``, ``advise``, ``replan``, ``check``, ``schema``.

Exit codes: 0 planned (or valid, or a recommendation to accept), 1 infeasible (or violations
found, or advice to decline), 2 bad input (or an output that cannot be written), 3 time limit
reached with no plan (or no answer), 4 out of memory, 70 internal error (a bug: please report
it), 130 interrupted. Every error is one line on standard error, never a traceback.
``mission-planner SCENARIO ...`` and ``python -m mission_planner`` without arguments are short
for ``mission-planner plan ...`` (the latter plans the bundled example).
"""

from mission_planner.cli.commands import BUNDLED_EXAMPLE, bundled_example
from mission_planner.cli.entry import main
from mission_planner.cli.exits import (
    EXIT_BAD_INPUT,
    EXIT_BUG,
    EXIT_INFEASIBLE,
    EXIT_INTERRUPTED,
    EXIT_NO_MEMORY,
    EXIT_NO_PLAN,
    EXIT_OK,
)
from mission_planner.cli.parser import COMMANDS, build_parser

__all__ = [
    "BUNDLED_EXAMPLE",
    "COMMANDS",
    "EXIT_BAD_INPUT",
    "EXIT_BUG",
    "EXIT_INFEASIBLE",
    "EXIT_INTERRUPTED",
    "EXIT_NO_MEMORY",
    "EXIT_NO_PLAN",
    "EXIT_OK",
    "build_parser",
    "bundled_example",
    "main",
]
