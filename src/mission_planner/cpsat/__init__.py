"""The CP-SAT model: the only part of mission_planner that imports OR-Tools."""

from mission_planner.cpsat.model import BuiltModel, build_model
from mission_planner.cpsat.solve import (
    ModelInvalidError,
    SolveOutcome,
    check_parameters,
    conflicting_deadlines,
    relaxation_floor,
    solve,
)

__all__ = [
    "BuiltModel",
    "ModelInvalidError",
    "SolveOutcome",
    "build_model",
    "check_parameters",
    "conflicting_deadlines",
    "relaxation_floor",
    "solve",
]
