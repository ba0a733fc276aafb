"""Golden texts: the client message of each kind of answer, in French and English.

Each case is a tiny scenario whose plan is proven optimal in well under the time limit, so the
message is the same from run to run. The expected texts live in ``tests/levers/golden``; when a
wording changes on purpose, a person reads the new text and replaces the file (set
``MISSION_PLANNER_WRITE_GOLDEN=1`` to write them).
"""

from __future__ import annotations

import copy
import importlib
import os
from pathlib import Path
from typing import Any

import pytest
from lever_helpers import FAST, load

from mission_planner import Scenario, advise
from mission_planner.levers.advise import Recommendation
from mission_planner.texts.advice import AdviceTexts, advice_texts

GOLDEN = Path(__file__).parent / "golden"


def without_partners(scenario: Scenario) -> Scenario:
    return Scenario.model_validate({**scenario.model_dump(), "partners": []})


def one_delivery(scenario: Scenario) -> Scenario:
    """``spread.yaml`` asked in one delivery: only more deliveries keep every date."""
    data = scenario.model_dump()
    data["mission"]["max_tranches"] = 1
    return Scenario.model_validate(data)


def five_days_each(scenario: Scenario) -> Scenario:
    """``spread.yaml`` with 40-hour tasks: 120 h of work in a horizon of 80 h."""
    data = scenario.model_dump()
    data["mission"]["tasks"] = [{**t, "effort_hours": 40} for t in data["mission"]["tasks"]]
    return Scenario.model_validate(data)


CASES = {
    "negotiated": lambda: load("flexible"),
    "partners": lambda: load("overlap"),
    "counter_proposal": lambda: without_partners(load("overlap")),
    "as_asked": lambda: load("spread"),
    "spread": lambda: one_delivery(load("spread")),
    "mix": lambda: load("mix"),
    "decline_skill": lambda: load("skill_missing"),
    "decline_time": lambda: five_days_each(load("spread")),
}
RECOMMENDED = {
    "negotiated": Recommendation.NEGOTIATED,
    "partners": Recommendation.PARTNERS,
    "counter_proposal": Recommendation.COUNTER_PROPOSAL,
    "as_asked": Recommendation.AS_ASKED,
    "spread": Recommendation.SPREAD,
    "mix": Recommendation.MIX,
    "decline_skill": Recommendation.DECLINE,
    "decline_time": Recommendation.DECLINE,
}
"""One case per answer (:class:`~mission_planner.levers.advise.Recommendation`) but the
undecided one (a time-limit outcome, pinned by ``test_undecided_message_keeps_the_door_open``)."""


@pytest.mark.parametrize("case", sorted(CASES))
def test_message_matches_the_golden_text(case: str) -> None:
    """The message of each answer, in both languages, is the text a person has read."""
    advice = advise(CASES[case](), **FAST)
    assert advice.recommendation is RECOMMENDED[case]
    for language, text in advice.messages.items():
        path = GOLDEN / f"{case}.{language}.txt"
        if os.environ.get("MISSION_PLANNER_WRITE_GOLDEN"):
            path.write_text(text + "\n", encoding="utf-8")
        assert text + "\n" == path.read_text(encoding="utf-8"), f"{path.name}\n{text}"


def facts_of(scenario: Scenario, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The facts ``advise`` hands the texts for ``scenario`` (a copy, to edit)."""
    module = importlib.import_module("mission_planner.levers.advise")
    seen: list[dict[str, Any]] = []

    def keep(facts: dict[str, Any], language: str) -> AdviceTexts:
        seen.append(facts)
        return advice_texts(facts, language)

    monkeypatch.setattr(module, "advice_texts", keep)
    advise(scenario, **FAST)
    return copy.deepcopy(seen[0])


def test_trust_is_said_once_for_several_trusted_partners(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two trusted partners and a new one: each with its tasks, then one sentence on trust."""
    facts = facts_of(load("mix"), monkeypatch)
    (pat,) = facts["partners"]
    facts["partners"] = [
        pat,
        {**pat, "name": "Lou Martin", "tasks": ["Process map"]},
        {**pat, "name": "Sam Roy", "trusted": False, "tasks": ["Data review"]},
    ]
    facts["invoices"] = 4
    french = advice_texts(facts, "fr").message
    assert (
        "je m'appuierai sur Pat Durand pour « Findings », sur Lou Martin pour « Process map » et "
        "sur Sam Roy pour « Data review ». Je travaille régulièrement avec Pat Durand et Lou "
        "Martin. Je reste votre seul interlocuteur" in french
    )
    assert "soit quatre factures au total." in french
    english = advice_texts(facts, "en").message
    assert (
        "I will rely on Pat Durand for “Findings”, on Lou Martin for “Process map” and on Sam Roy "
        "for “Data review”. I work regularly with Pat Durand and Lou Martin." in english
    )


def test_a_counter_proposal_that_keeps_every_date_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """Options undecided for time, the counter-proposal on time: no 'I cannot keep the dates'."""
    facts = facts_of(one_delivery(load("spread")), monkeypatch)  # two deliveries keep every date
    facts["recommendation"] = "COUNTER_PROPOSAL"
    facts["options"] = [{**o, "holds": False, "undecided": True} for o in facts["options"]]
    assert not facts["dates_moved"]
    french = advice_texts(facts, "fr")
    assert french.headline == (
        "Recommandation : ne pas fermer la porte, proposer un autre calendrier (aucune option "
        "n'a pu être tranchée dans le temps imparti)."
    )
    assert (
        "Je peux tenir chacune des dates que vous avez demandées avec le calendrier suivant, en "
        "deux livraisons plutôt qu'en une :" in french.message
    )
    assert "je ne peux pas tenir" not in french.message
    english = advice_texts(facts, "en")
    assert "no option could be decided within the time limit" in english.headline
    assert (
        "I can keep every date you asked for with the following schedule, in two deliveries "
        "rather than one:" in english.message
    )
    assert "I cannot keep" not in english.message
