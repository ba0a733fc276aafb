"""The three levers and the advice: can the consultant take this mission, how, and what to say.

Each lever plans a variant of the scenario (built with :mod:`~mission_planner.levers.variants`,
always re-validated) through :func:`mission_planner.plan`, and returns a result object with the
variant (``.scenario``) and its plan (``.plan``, which passes ``check(result.scenario,
result.plan)``) plus DataFrames with fixed, documented columns:

* :func:`negotiate` — *play for time*: the lead alone, any extension allowed; the smallest
  urgency-weighted extensions, whether each stays within the client's flexibility, the
  earliest dates per task, what is binding, and a sweep over the client's real deadlines
  (:class:`NegotiationResult`);
* :func:`delegate` — *partners*: every due date becomes a hard deadline ("delegate never moves
  a date"); staffing, invoices, coordination and margin (:class:`DelegationResult`);
* :func:`spread` — *tranches*: the lead alone inside the client's deadlines, an échéancier of
  as few deliveries as the smallest weighted shift allows (:class:`SpreadResult`);
* :func:`advise` — every option compared under one documented policy, a recommendation with
  its reasons, and the message to the client in French and English (:class:`Advice`).

What the levers share: the client's hard limits are the task deadlines, ``max_tranches`` and
``max_partners``; every option respects the latter two, and only negotiate may propose dates
past a deadline (reported with ``within_flexibility`` False). Lateness and extensions are
measured against the original scenario's due dates, in urgency x hours, in the lead's working
days and in calendar days.
"""

from mission_planner.levers.advise import (
    COMPARISON_COLUMNS,
    OPTIONS,
    POLICY_LATENESS,
    Advice,
    Option,
    Recommendation,
    advise,
)
from mission_planner.levers.delegate import DelegationResult, delegate
from mission_planner.levers.negotiate import AnalysisPlan, NegotiationResult, negotiate
from mission_planner.levers.spread import SpreadResult, spread

__all__ = [
    "COMPARISON_COLUMNS",
    "OPTIONS",
    "POLICY_LATENESS",
    "Advice",
    "AnalysisPlan",
    "DelegationResult",
    "NegotiationResult",
    "Option",
    "Recommendation",
    "SpreadResult",
    "advise",
    "delegate",
    "negotiate",
    "spread",
]
