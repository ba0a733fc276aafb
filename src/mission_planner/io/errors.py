"""Errors about input files (defined in :mod:`mission_planner.errors`, re-exported here)."""

from mission_planner.errors import (
    CalendarFileError,
    InputError,
    InputProblem,
    PlanFileError,
    ScenarioFileError,
)

__all__ = ["CalendarFileError", "InputError", "InputProblem", "PlanFileError", "ScenarioFileError"]
