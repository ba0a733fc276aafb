"""Advise: the options in the problem's order, the recommendation, the trade-off, the message."""

from __future__ import annotations

import pytest
from lever_helpers import FAST, assert_option_checked, load

from mission_planner import Scenario, Status, check
from mission_planner.levers import (
    COMPARISON_COLUMNS,
    OPTIONS,
    PROPOSAL_COLUMNS,
    Recommendation,
    advise,
)
from mission_planner.levers.advise import _recommend
from mission_planner.levers.options import choose, measure, option_policies
from mission_planner.levers.solving import Solved, not_run
from mission_planner.settings import SolveSettings
from mission_planner.texts.advice import advice_texts


def plain(text: str) -> str:
    """``text`` with Babel's no-break spaces as plain spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def without_partners(scenario: Scenario) -> Scenario:
    return Scenario.model_validate({**scenario.model_dump(), "partners": []})


def assert_all_checked(advice) -> None:
    for option in advice.options.values():
        assert_option_checked(advice.scenario, option)
    if advice.counter is not None:
        assert_option_checked(advice.scenario, advice.counter)


@pytest.fixture(scope="module")
def flexible():
    return advise(load("flexible"), **FAST, language="fr")


def test_flexibility_before_paying_a_partner(flexible):
    """The client's flexibility holds alone: negotiate is recommended before the partner."""
    advice = flexible
    assert advice.recommendation is Recommendation.NEGOTIATED
    assert advice.best == "negotiate"
    rows = advice.comparison.set_index("option")
    assert not rows.loc["as_asked", "holds"]
    assert rows.loc["negotiate", "holds"] and rows.loc["delegate", "holds"]
    assert rows.loc["negotiate", "late_working_days"] == 2  # y: Wed and Thu
    assert rows.loc["negotiate", "beyond_accepted_tasks"] == 0
    assert rows.loc["delegate", "late_tasks"] == 0
    assert rows.loc["delegate", "fees"] == pytest.approx(2000)
    assert_all_checked(advice)


def test_tradeoff_in_money_and_days(flexible):
    """The trade-off states the margin kept and the days given up against delegating."""
    row = flexible.tradeoffs.set_index("option").loc["delegate"]
    assert row["margin_difference"] == pytest.approx(2000)
    assert row["late_working_days_difference"] == 2
    reasons = [plain(r) for r in flexible.reasons]
    assert any("déléguer" in r and "2 000 €" in r and "2 jours ouvrés" in r for r in reasons)


def test_negotiated_message_quotes_each_task_with_its_own_dates(flexible):
    """Each task with its own day asked and delivery; the moved one within the client's limit."""
    message = flexible.messages["fr"]
    assert "« Interviews » : le mardi 8 décembre 2026, comme demandé" in message
    assert (
        "« Report » : le jeudi 10 décembre 2026 au lieu du mardi 8 décembre 2026, dans la "
        "limite du vendredi 11 décembre 2026 que vous m'avez indiquée"
    ) in message
    english = flexible.messages["en"]
    assert "“Report”: on Thursday 10 December 2026 instead of Tuesday 8 December 2026" in english


@pytest.mark.parametrize(
    ("prefer", "best"), [("levers", "negotiate"), ("margin", "negotiate"), ("on_time", "delegate")]
)
def test_prefer_changes_the_rule(flexible, prefer, best):
    """``prefer`` picks among the options that hold: on_time takes the partner."""
    assert choose(flexible.options, prefer).name == best


def test_prefer_is_checked():
    """An unknown rule is named."""
    with pytest.raises(ValueError, match="prefer='cheapest'"):
        advise(load("flexible"), **FAST, prefer="cheapest")  # type: ignore[arg-type]


def test_comparison_columns(flexible):
    """One row per option in the problem's order, with the documented columns and dtypes."""
    table = flexible.comparison
    assert {c: str(t) for c, t in table.dtypes.items()} == COMPARISON_COLUMNS
    assert table["option"].tolist() == list(OPTIONS)
    assert table["recommended"].tolist() == [o == "negotiate" for o in OPTIONS]


def test_partner_when_the_flexibility_is_not_enough():
    """Alone the study ends a working day past the client's limit; the partner keeps the date."""
    advice = advise(load("overlap"), **FAST, language="en")
    assert advice.recommendation is Recommendation.PARTNERS
    assert advice.options["negotiate"].status is Status.INFEASIBLE
    assert "single point of contact" in advice.messages["en"]
    assert "seul interlocuteur" in advice.messages["fr"]
    assert check(advice.scenario, advice.recommended_plan) == []


def test_counter_proposal_instead_of_decline():
    """Nothing fits the client's limits, a later date does: propose it, never close the door."""
    advice = advise(without_partners(load("overlap")), **FAST, language="fr")
    assert advice.recommendation is Recommendation.COUNTER_PROPOSAL
    assert advice.best is None and advice.counter is not None
    proposals = advice.proposals
    assert {c: str(t) for c, t in proposals.dtypes.items()} == PROPOSAL_COLUMNS
    row = proposals.set_index("task").loc["study"]
    assert str(row["proposed_day"].date()) == "2026-12-14"
    assert row["beyond_accepted_working_days"] == 1
    assert any("lundi 14 décembre 2026" in c for c in advice.changes)
    message = advice.messages["fr"]
    assert "lundi 14 décembre 2026 au lieu du mercredi 9 décembre 2026" in message
    assert "votre limite était le vendredi 11 décembre 2026" in message
    assert "ne me permettent pas" not in message
    plan, policy = advice.recommended_plan, advice.recommended_policy
    assert plan is not None and check(advice.scenario, plan, policy) == []
    assert check(advice.scenario, plan) != []  # it does break the client's limit: a proposal


def test_missing_skill_declines_without_blaming_time():
    """Nobody allowed has the skill: decline, naming the skill, never time."""
    advice = advise(load("skill_missing"), **FAST, language="en")
    assert advice.recommendation is Recommendation.DECLINE
    text = " ".join([advice.headline, *advice.reasons, *advice.changes, advice.message])
    assert "cloud" in text
    for word in ("time", "date", "commitments", "deadline"):
        assert word not in advice.message.lower(), word
    french = advice.messages["fr"]
    assert "cloud" in french and "engagements" not in french


def test_no_answer_is_never_worded_as_impossible():
    """Options unanswered in time give 'no answer', and a message that keeps the door open."""
    scenario = load("flexible")
    settings = SolveSettings(time_limit=1, workers=1)
    policies = option_policies(scenario)
    options = {
        name: measure(scenario, Solved(name, policies[name], not_run(settings, "x"), 0.0))
        for name in OPTIONS
    }
    assert _recommend(None, options, None) is Recommendation.UNDECIDED


def test_undecided_message_keeps_the_door_open():
    """The 'no answer' message promises dates soon and says nothing is impossible."""
    facts = {
        "mission": "Audit",
        "client": "ACME",
        "lead": "Alex",
        "recommendation": "UNDECIDED",
        "best": None,
        "horizon_end": load("flexible").end,
        "planned_deliveries": 2,
        "tasks": [],
        "tranches": [],
        "partners": [],
        "invoices": 1,
        "dates_moved": False,
        "options": [],
        "counter": None,
        "tradeoffs": [],
        "prefer": "levers",
        "decline_skills": [],
    }
    for language, banned in (("en", ("impossible", "cannot")), ("fr", ("impossible", "pas"))):
        texts = advice_texts(facts, language)
        assert not any(word in texts.message for word in banned), texts.message
        assert "time limit" in texts.headline or "temps imparti" in texts.headline


def test_summary_prints(flexible):
    """The summary holds the headline, the comparison and the message."""
    text = flexible.summary()
    assert flexible.headline in text and flexible.message in text and "as_asked" in text


def test_to_html_is_the_advice_report(flexible):
    """Advice.to_html gives the self-contained report with the recommendation and the message."""
    page = flexible.to_html()
    assert page.startswith("<!DOCTYPE html>") or page.lstrip().lower().startswith("<!doctype html")
    assert "Recommandation" in page and "« Report »" in page
