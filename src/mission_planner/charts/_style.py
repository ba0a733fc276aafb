"""One look for every chart: colours (from :mod:`mission_planner.palette`) and axis labels.

Tranche colours are the same in every chart (tranche 1 is always blue); commitments are always
grey, so the new mission stands out against the order book.
"""

from __future__ import annotations

from mission_planner.palette import (  # the charts' names for them
    CAPACITY_COLOUR,
    COORDINATION_EDGE,
    COORDINATION_HATCH,
    DOMINATED_COLOUR,
    ENGAGEMENT_COLOUR,
    FIXED_COLOUR,
    FRONT_COLOUR,
    OFF_COLOUR,
    OPPORTUNITY_COLOUR,
    OTHER_COLOUR,
    PLANNED_COLOUR,
    TRANCHE_COLOURS,
    WEEKEND_COLOUR,
    tranche_colour,
)

UNITS = {
    "lateness": "lateness (urgency × hours late)",
    "extension_days": "extension (working days past the due dates)",
    "late_tasks": "late tasks",
    "partner_fees": "partner fees (EUR)",
    "margin": "margin (EUR)",
    "lead_hours": "lead's hours on the mission (h)",
    "chunks": "work chunks",
    "objective": "objective",
}
"""Axis label, with its unit, of each numeric column of an explore frame."""

MAXIMISED = frozenset({"margin"})
"""Explore columns where more is better; every other column is minimised."""


def axis_label(column: str) -> str:
    """Axis label of an explore column, with its unit."""
    return UNITS.get(column, column.replace("_", " "))


__all__ = [
    "CAPACITY_COLOUR",
    "COORDINATION_EDGE",
    "COORDINATION_HATCH",
    "DOMINATED_COLOUR",
    "ENGAGEMENT_COLOUR",
    "FIXED_COLOUR",
    "FRONT_COLOUR",
    "MAXIMISED",
    "OFF_COLOUR",
    "OPPORTUNITY_COLOUR",
    "OTHER_COLOUR",
    "PLANNED_COLOUR",
    "TRANCHE_COLOURS",
    "UNITS",
    "WEEKEND_COLOUR",
    "axis_label",
    "tranche_colour",
]
