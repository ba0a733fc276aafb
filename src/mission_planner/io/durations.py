"""Durations as text (``"2d"``, ``"1h30"``): see :mod:`mission_planner.scenario.durations`."""

from mission_planner.scenario.durations import (
    DURATION_KEYS,
    PATTERN,
    expand_durations,
    parse_duration,
)

__all__ = ["DURATION_KEYS", "PATTERN", "expand_durations", "parse_duration"]
