"""Golden texts: the client message of each kind of answer, in French and English.

Each case is a tiny scenario whose plan is proven optimal in well under the time limit, so the
message is the same from run to run. The expected texts live in ``tests/levers/golden``; when a
wording changes on purpose, a person reads the new text and replaces the file (set
``MISSION_PLANNER_WRITE_GOLDEN=1`` to write them).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lever_helpers import FAST, load

from mission_planner import Scenario, advise

GOLDEN = Path(__file__).parent / "golden"


def without_partners(scenario: Scenario) -> Scenario:
    return Scenario.model_validate({**scenario.model_dump(), "partners": []})


CASES = {
    "negotiated": lambda: load("flexible"),
    "partners": lambda: load("overlap"),
    "counter_proposal": lambda: without_partners(load("overlap")),
    "as_asked": lambda: load("spread"),
    "decline_skill": lambda: load("skill_missing"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_message_matches_the_golden_text(case: str) -> None:
    """The message of each answer, in both languages, is the text a person has read."""
    advice = advise(CASES[case](), **FAST)
    for language, text in advice.messages.items():
        path = GOLDEN / f"{case}.{language}.txt"
        if os.environ.get("MISSION_PLANNER_WRITE_GOLDEN"):
            path.write_text(text + "\n", encoding="utf-8")
        assert text + "\n" == path.read_text(encoding="utf-8"), f"{path.name}\n{text}"
