"""advise and missions not yet won: which promises break if an opportunity is also won.

``tests/data/opportunities/two_bids.yaml`` (worked out in its header): promised as asked,
audit on Tuesday 8 and report on Friday 11 December 2026. If "bid" is also won, audit moves to
Thursday 10 (2 working days past the promise and the day asked), report holds; if "call" is
also won, every promise holds. The reasons about them are pinned in ``golden/if_won.*.txt``
(set ``MISSION_PLANNER_WRITE_GOLDEN=1`` to write them after reading the new text).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from lever_helpers import assert_checked

from mission_planner import Scenario, advise
from mission_planner.levers.advise import IF_WON_COLUMNS, Advice
from mission_planner.scenario import read_mapping

DATA = Path(__file__).parents[1] / "data" / "opportunities"
GOLDEN = Path(__file__).parent / "golden"
SETTINGS = {"time_limit": 10, "seed": 0, "workers": 1}


def advice_in(language: str, name: str = "two_bids", **options: object) -> Advice:
    """advise on a scenario file; the recommended plan passes the checker under its policy."""
    scenario = Scenario.from_file(DATA / f"{name}.yaml")
    advice = advise(scenario, language=language, **SETTINGS, **options)  # type: ignore[arg-type]
    assert advice.recommended_plan is not None
    assert_checked(scenario, advice.recommended_plan, advice.recommended_policy)
    return advice


def test_if_won_names_the_broken_promise_and_its_new_day() -> None:
    """bid breaks audit's promise (Tue -> Thu, 2 working days); call breaks nothing."""
    advice = advice_in("en")
    table = advice.if_won
    assert dict(table.dtypes.astype(str)) == IF_WON_COLUMNS
    broken = table[table["breaks"]]
    assert broken[["opportunity", "task"]].values.tolist() == [["bid", "audit"]]
    row = broken.iloc[0]
    assert row["promised_day"] == pd.Timestamp("2026-12-08")
    assert row["won_day"] == pd.Timestamp("2026-12-10")
    assert row["late_working_days"] == 2 and row["beyond_promise_working_days"] == 2
    assert row["within_accepted"]  # Thursday, within Friday accepted
    assert set(table["opportunity"]) == {"bid", "call"}  # every task, for each re-check


@pytest.mark.parametrize("language", ["en", "fr"])
def test_if_won_reasons_match_the_golden_text(language: str) -> None:
    """The consultant's reasons about the opportunities, in each language, as a person read them."""
    advice = advice_in(language)
    opening = "If " if language == "en" else "Si "
    text = "\n".join(r for r in advice.reasons if r.startswith(opening))
    path = GOLDEN / f"if_won.{language}.txt"
    if os.environ.get("MISSION_PLANNER_WRITE_GOLDEN"):
        path.write_text(text + "\n", encoding="utf-8")
    assert text + "\n" == path.read_text(encoding="utf-8"), text
    assert "Globex" not in advice.message  # the client's message says nothing of other bids


def test_opportunities_reserved_in_full_are_not_rechecked() -> None:
    """Under 'all' every opportunity is already in the plan: nothing to re-check.

    one_week.yaml: with all 16 h of bid reserved, audit is delivered Friday (negotiated).
    """
    advice = advice_in("en", "one_week", opportunities="all")
    assert advice.if_won.empty
    assert advice.recommended_policy is not None
    assert advice.recommended_policy.opportunities == "all"
    assert not any(r.startswith("If ") for r in advice.reasons)
    assert advice.best == "negotiate"
    assert advice.options["negotiate"].tasks["delivery_day"].tolist() == [
        pd.Timestamp("2026-12-11")
    ]


def test_if_won_says_when_no_plan_fits_both() -> None:
    """one_week.yaml with a 24 h bid: 24 + 24 h in a 40 h week, so no plan if bid is won."""
    data = read_mapping(DATA / "one_week.yaml")
    data["opportunities"][0]["effort_hours"] = 24
    scenario = Scenario.model_validate(data)
    advice = advise(scenario, language="fr", **SETTINGS)  # type: ignore[arg-type]
    row = advice.if_won.iloc[0]
    assert (row["status"], row["breaks"]) == ("infeasible", True)
    assert pd.isna(row["won_day"])
    assert any(
        r.startswith("Si Globex (50\u00a0% de chances)") and "aucun plan ne tient les deux" in r
        for r in advice.reasons
    )
