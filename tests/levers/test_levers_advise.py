"""Advise: the options compared under the policy, the recommendation and the messages."""

from __future__ import annotations

import dataclasses

import pytest
from lever_helpers import FAST, assert_checked, load

from mission_planner import Scenario, Status, check
from mission_planner.levers import COMPARISON_COLUMNS, OPTIONS, Recommendation, advise
from mission_planner.levers.advise import _best_mix


def without_partners(scenario: Scenario) -> Scenario:
    return Scenario.model_validate({**scenario.model_dump(), "partners": []})


def assert_options_checked(advice) -> None:
    for option in advice.options.values():
        assert_checked(option.scenario, option.plan)
    if advice.stretch is not None:
        assert_checked(advice.stretch.scenario, advice.stretch.plan)


def assert_mix_not_worse(advice) -> None:
    mix = advice.options["mix"].key()[:-1]
    for name in OPTIONS:
        assert mix <= advice.options[name].key()[:-1], name


@pytest.fixture(scope="module")
def with_partner():
    return advise(load("overlap"), **FAST, language="en")


def test_partner_meets_the_dates(with_partner):
    """Alone: 1 working day past the limit; the partner holds every date: accept with partners."""
    advice = with_partner
    assert advice.recommendation is Recommendation.PARTNERS
    assert advice.best == "delegate"
    rows = advice.comparison.set_index("option")
    assert not rows.loc["as_asked", "feasible"]
    assert rows.loc["negotiate", "feasible"] and not rows.loc["negotiate", "within_limits"]
    assert rows.loc["delegate", "invoices"] == 2
    assert rows.loc["delegate", "late_tasks"] == 0
    assert advice.comparison["rank"].tolist() == list(range(1, 6))
    assert_options_checked(advice)
    assert_mix_not_worse(advice)


def test_message_names_the_partner_and_the_single_contact(with_partner):
    """The client hears who else works on it and that the lead stays the single contact."""
    assert "pat" in with_partner.messages["en"]
    assert "single point of contact" in with_partner.messages["en"]
    assert "seul interlocuteur" in with_partner.messages["fr"]
    assert "Wednesday 9 December 2026" in with_partner.messages["en"]
    assert with_partner.message == with_partner.messages["en"]


def test_comparison_columns(with_partner):
    """The comparison has its documented columns and dtypes, one row per option."""
    table = with_partner.comparison
    assert {c: str(t) for c, t in table.dtypes.items()} == COMPARISON_COLUMNS
    assert sorted(table["option"]) == sorted(OPTIONS)


def test_negotiated_dates():
    """Alone, both tasks fit within the client's flexibility: accept with negotiated dates."""
    advice = advise(load("two_tasks"), **FAST, language="fr")
    assert advice.recommendation is Recommendation.NEGOTIATED
    assert advice.chosen is not None and advice.chosen.weighted_lateness == pytest.approx(99)
    assert "au lieu du" in advice.message
    assert "lundi 7 décembre 2026" in advice.message
    assert advice.headline.startswith("Recommandation")
    assert_options_checked(advice)
    assert_mix_not_worse(advice)


def test_accept_as_asked():
    """When the lead alone meets every date, accept as asked."""
    advice = advise(load("spread"), **FAST, language="en")
    assert advice.recommendation is Recommendation.AS_ASKED
    chosen = advice.chosen
    assert chosen is not None and chosen.late_tasks == 0 and not chosen.partners
    # spread's échéancier (two deliveries) beats as-asked's three on fragmentation
    assert chosen.tranches == 2
    assert "on the dates you asked for" in advice.message
    assert_mix_not_worse(advice)


def test_mix_of_partner_and_extension():
    """A partner capped at 8 hours plus a 2-day extension within the flexibility: a mix."""
    data = load("overlap").model_dump()
    data["partners"][0]["max_hours"] = 8
    advice = advise(Scenario.model_validate(data), **FAST, language="en")
    assert advice.recommendation is Recommendation.MIX
    chosen = advice.chosen
    assert chosen is not None and chosen.partners == ("pat",) and chosen.late_tasks == 1
    assert chosen.total_extension_days == 2
    assert "instead of" in advice.message and "pat" in advice.message
    assert_options_checked(advice)
    assert_mix_not_worse(advice)


def test_decline_says_what_would_have_to_change():
    """No option meets the client's limits: decline, with the smallest extension to ask for."""
    advice = advise(without_partners(load("overlap")), **FAST, language="en")
    assert advice.recommendation is Recommendation.DECLINE
    assert advice.best is None
    assert advice.stretch is not None and advice.stretch.beyond_deadline == ("study",)
    assert any("Mon 14 Dec 2026" in c and "1 working day" in c for c in advice.changes)
    assert "Monday 14 December 2026" in advice.messages["en"]
    assert "lundi 14 décembre 2026" in advice.messages["fr"]
    assert_options_checked(advice)
    assert_mix_not_worse(advice)


def test_summary_prints():
    """The summary holds the headline, the comparison and the message."""
    advice = advise(load("spread"), **FAST, language="en")
    text = advice.summary()
    assert advice.headline in text and advice.message in text and "as_asked" in text


def test_recommended_plan_is_a_plan_of_the_scenario_as_given(with_partner):
    """The recommended plan, restated against the user's scenario, passes the checker there."""
    chosen = with_partner.recommended_plan
    assert chosen is not None
    assert check(with_partner.scenario, chosen) == []
    assert chosen.partner_fees == pytest.approx(
        with_partner.options[with_partner.best].plan.partner_fees, rel=0.2
    )


def test_a_mix_that_adopts_a_plan_keeps_its_own_solve_status(with_partner):
    """A mix without its own answer that adopts a single lever's plan still says 'unknown'."""
    negotiate = with_partner.options["negotiate"]
    unanswered = dataclasses.replace(
        with_partner.options["mix"],
        plan=dataclasses.replace(negotiate.plan, status=Status.UNKNOWN),
        within_limits=False,
        weighted_lateness=float("nan"),
    )
    adopted = _best_mix(unanswered, None, [negotiate])
    assert adopted.adopted_from == "negotiate"
    assert adopted.plan.status is Status.OPTIMAL
    assert adopted.solve_status is Status.UNKNOWN
