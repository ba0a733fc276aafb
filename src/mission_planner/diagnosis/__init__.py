"""Why a mission does not fit: causes as data, each with its remedy, and in words.

API
---
``find_causes(problem) -> list[Cause]``
    Necessary conditions checked on a compiled :class:`~mission_planner.problem.Problem`
    before any search (no CP-SAT): skills, ``max_partners``, partner caps, one-piece tasks,
    and windows of work vs free time (capacity, chains of predecessors and releases,
    engagements, the tranche rule, the lead's coordination). A non-empty answer proves the
    problem infeasible. Works on any compiled problem, for example one compiled under a
    lever's policy.
``explain(problem, status, deadline=..., seed=..., workers=..., time_limit=...)``
    The causes of a solve that ended ``INFEASIBLE`` or ``UNKNOWN``, answered by the absolute
    ``deadline`` (a :func:`time.perf_counter` instant): the causes above, else CP-SAT's
    conflicting deadlines if time is left, else "not isolated within the time limit";
    ``UNKNOWN`` is "not decided within the time limit", never "impossible".
``causes_frame(causes) -> DataFrame``, ``causes_of(frame) -> list[Cause]``
    The causes as a table with the fixed columns of :data:`CAUSE_COLUMNS` (as in
    ``PlanResult.causes``), and back.
``sentence(cause, language, lead=...)``, ``sentences(causes, language, lead=...)``
    One plain sentence per cause (reason, then remedy), English or French, from one
    catalogue per language.

:class:`Cause` holds the class (:class:`CauseKind`), the remedy (:class:`Remedy`) and the
figures: tasks, engagements, people, skills, hours needed and free in a window, the earliest
date that can work and how many of the lead's working days later, how much to raise a cap.
"""

from mission_planner.diagnosis.causes import (
    CAUSE_COLUMNS,
    Cause,
    CauseKind,
    Remedy,
    causes_frame,
    causes_of,
)
from mission_planner.diagnosis.conditions import find_causes
from mission_planner.diagnosis.explain import explain
from mission_planner.diagnosis.windows import with_earliest_starts
from mission_planner.diagnosis.words import sentence, sentences

__all__ = [
    "CAUSE_COLUMNS",
    "Cause",
    "CauseKind",
    "Remedy",
    "causes_frame",
    "causes_of",
    "explain",
    "find_causes",
    "sentence",
    "sentences",
    "with_earliest_starts",
]
