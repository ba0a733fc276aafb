"""Heuristics without CP-SAT: list scheduling, iterated local search and optimal tranches.

They give CP-SAT its warm start and stand in for it when it finds nothing:
:func:`dispatch` decodes priority rules (EDD, least slack, ATC) into plans with the serial
decoder :func:`decode`, :func:`improve` searches over priority orders (and takes a fast
dynasearch path on pure single-person sequencing problems), and :func:`assign_tranches`
groups tasks into tranches optimally. Pure Python and numpy: no ``ortools`` here.
"""

from mission_planner.heuristics.decoder import (
    AUTO,
    EAGER,
    EARLY,
    LATE,
    Decoded,
    Decoder,
    Goals,
    decode,
    job_goals,
    tranche_goals,
)
from mission_planner.heuristics.dispatch import (
    ATC_LOOKAHEADS,
    atc_order,
    best_dispatch,
    candidate_orders,
    deadline_order,
    dispatch,
    edd_order,
    slack_order,
)
from mission_planner.heuristics.local_search import improve, order_of
from mission_planner.heuristics.search import Candidate, search
from mission_planner.heuristics.sequencing import (
    SearchStats,
    Sequencing,
    atc_sequence,
    iterated_dynasearch,
    sequencing_view,
    weighted_tardiness,
)
from mission_planner.heuristics.tranches import (
    TrancheGrouping,
    assign_tranches,
    deadline_targets,
    due_groups,
    group_tranches,
)

__all__ = [
    "ATC_LOOKAHEADS",
    "AUTO",
    "EAGER",
    "EARLY",
    "LATE",
    "Candidate",
    "Decoded",
    "Decoder",
    "Goals",
    "SearchStats",
    "Sequencing",
    "TrancheGrouping",
    "assign_tranches",
    "atc_order",
    "atc_sequence",
    "best_dispatch",
    "candidate_orders",
    "deadline_order",
    "deadline_targets",
    "decode",
    "dispatch",
    "due_groups",
    "edd_order",
    "group_tranches",
    "improve",
    "iterated_dynasearch",
    "job_goals",
    "order_of",
    "search",
    "sequencing_view",
    "slack_order",
    "tranche_goals",
    "weighted_tardiness",
]
