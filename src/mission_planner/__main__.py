"""``python -m mission_planner`` and the ``mission-planner`` console script.

Without arguments, plans the bundled example and prints the plan and the échéancier. See
:mod:`mission_planner.cli` for the commands (``plan``, ``check``, ``schema``) and the exit
codes: 0 planned, 1 infeasible, 2 bad input, 3 time limit reached with no plan.
"""

from __future__ import annotations

import sys

from mission_planner.cli import BUNDLED_EXAMPLE, bundled_example, main

__all__ = ["BUNDLED_EXAMPLE", "bundled_example", "main"]

if __name__ == "__main__":
    sys.exit(main())
