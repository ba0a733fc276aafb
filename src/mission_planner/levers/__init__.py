"""The three levers and the advice: can the consultant take this mission, how, and what to say.

Each lever plans the client's own scenario under a :class:`~mission_planner.policy.Policy`
(never a rewritten scenario) and states every table against it — the day asked (``due``), the
latest day the client accepts (``deadline``), the delivery:

* :func:`negotiate` — *play for time*: the lead alone within the client's flexibility, or
  the smallest extension to ask for (:class:`NegotiationResult`);
* :func:`delegate` — *partners*: every day asked kept with the roster; staffing, invoices,
  coordination and margin (:class:`DelegationResult`);
* :func:`spread` — *deliveries*: every day asked kept by the lead alone in the fewest
  deliveries it takes (:class:`SpreadResult`);
* :func:`advise` — the options in the problem's order, the first that holds recommended,
  the trade-off against the others, a counter-proposal rather than a refusal, and the message
  to the client (:class:`Advice`).
"""

from mission_planner.levers.advise import (
    COMPARISON_COLUMNS,
    PROPOSAL_COLUMNS,
    TRADEOFF_COLUMNS,
    Advice,
    Recommendation,
    advise,
)
from mission_planner.levers.delegate import DelegationResult, delegate
from mission_planner.levers.negotiate import NegotiationResult, negotiate
from mission_planner.levers.options import COUNTER, OPTIONS, PREFERENCES, Option, choose
from mission_planner.levers.spread import SpreadResult, spread

__all__ = [
    "COMPARISON_COLUMNS",
    "COUNTER",
    "OPTIONS",
    "PREFERENCES",
    "PROPOSAL_COLUMNS",
    "TRADEOFF_COLUMNS",
    "Advice",
    "DelegationResult",
    "NegotiationResult",
    "Option",
    "Recommendation",
    "SpreadResult",
    "advise",
    "choose",
    "delegate",
    "negotiate",
    "spread",
]
