"""Missions not yet won: the lead's work they would bring, and how likely they are.

An opportunity is an engagement that may never come: the same work of the lead inside a
window (``effort_hours`` between ``earliest_start`` and ``deadline``, in sessions of at least
``min_session_hours``), plus a win ``probability``. The plan ignores it unless the policy
reserves its expected load or all of it (:attr:`mission_planner.policy.Policy.opportunities`).
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from mission_planner.scenario.commitments import Engagement


class Opportunity(Engagement):
    """A mission still in the pipeline: an engagement's work, won with ``probability``.

    Its window and sessions follow the rules of :class:`Engagement`; ``probability`` is
    between 0 and 1 (both included).
    """

    probability: float = Field(ge=0, le=1)

    noun: ClassVar[str] = "opportunity"


__all__ = ["Opportunity"]
