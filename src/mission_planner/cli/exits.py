"""Exit codes of ``mission-planner``: what a script reading ``$?`` learns.

0 planned (or valid, or a recommendation to accept), 1 infeasible (or violations found, or
advice to decline), 2 bad input (or an output that cannot be written), 3 time limit reached with
no plan (or no answer), 4 out of memory, 70 internal error (a bug: please report it), 130
interrupted.
"""

EXIT_OK, EXIT_INFEASIBLE, EXIT_BAD_INPUT, EXIT_NO_PLAN = 0, 1, 2, 3
EXIT_NO_MEMORY, EXIT_BUG, EXIT_INTERRUPTED = 4, 70, 130

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BUG",
    "EXIT_INFEASIBLE",
    "EXIT_INTERRUPTED",
    "EXIT_NO_MEMORY",
    "EXIT_NO_PLAN",
    "EXIT_OK",
]
