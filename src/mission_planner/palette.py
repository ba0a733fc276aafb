"""Colours shared by every view of a plan (matplotlib charts and the HTML report).

Tranche colours are the same everywhere (tranche 1 is always blue); commitments are always
grey, so the new mission stands out against the order book. Needs no plotting library.
"""

from __future__ import annotations

TRANCHE_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#8C6D31",
)
"""Colour of tranche 1, 2, ... (the Okabe-Ito palette, readable by colour-blind readers)."""

FIXED_COLOUR = "#6E6E6E"
"""Fixed blocks of the lead and partners' busy time: commitments that never move."""
ENGAGEMENT_COLOUR = "#B8B8B8"
"""Other missions' work, re-planned inside their windows."""
OPPORTUNITY_COLOUR = "#E3D3A1"
"""Time reserved for missions not yet won (opportunities): sand, apart from the grey order
book and the tranches."""
OTHER_COLOUR = "#D9D9D9"
"""Schedule rows of a kind this version does not know."""
OFF_COLOUR = "#F6C8C8"
"""Public holidays and time off."""
WEEKEND_COLOUR = "#F3F3F3"
"""Days off every week (Saturdays and Sundays), in the background."""
PLANNED_COLOUR = "#1F3A5F"
"""Hours of the new mission in the load chart (all tranches together)."""
CAPACITY_COLOUR = "#000000"
COORDINATION_HATCH = "////"
COORDINATION_EDGE = "#444444"
"""Coordination time without a tranche: hatched in dark grey."""
DOMINATED_COLOUR = "#9E9E9E"
FRONT_COLOUR = "#D55E00"


def tranche_colour(tranche: int) -> str:
    """Colour of a 1-based tranche, the same in every chart."""
    return TRANCHE_COLOURS[(int(tranche) - 1) % len(TRANCHE_COLOURS)]
