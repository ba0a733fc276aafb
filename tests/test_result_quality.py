"""The plan's quality in plain words, pinned per language (issue 15)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mission_planner import PlanResult, Status, check, plan
from mission_planner.io import load_scenario

WEEKEND = Path(__file__).resolve().parent / "data" / "bounds" / "weekend.yaml"


@pytest.fixture(scope="module")
def proven() -> PlanResult:
    """The weekend case, proven optimal at 66,020 under a small work limit."""
    scenario = load_scenario(WEEKEND)
    result = plan(
        scenario, time_limit=30, seed=0, workers=1, solver_params={"max_deterministic_time": 1.0}
    )
    assert check(scenario, result) == []
    assert result.status is Status.OPTIMAL
    return result


def test_proven_plan_says_proven_best(proven: PlanResult):
    """An optimal plan reads "proven best" in English and French, and in the summary."""
    assert proven.quality("en") == "Proven best: no plan scores better on the objective."
    assert proven.quality("fr") == (
        "Meilleur plan possible, prouvé : aucun plan ne fait mieux sur l’objectif."
    )
    assert "quality: Proven best" in proven.summary()


def test_gap_reads_at_most_x_percent_rounded_up(proven: PlanResult):
    """A gap of 27.55 % reads "at most 27.6 %" (rounded up, so "at most" holds)."""
    open_gap = replace(
        proven, status=Status.FEASIBLE, bound=800.8, gap=0.2755, bound_source="search"
    )
    assert open_gap.quality("en") == (
        "This plan is at most 27.6 % from the best possible (the best possible scores at least "
        "800.8, proven by the solver's search)."
    )
    assert open_gap.quality("fr") == (
        "Ce plan est au plus à 27,6 % du meilleur possible (le meilleur possible vaut au moins "
        "800,8, prouvé par la recherche du solveur)."
    )


def test_no_bound_says_unknown(proven: PlanResult):
    """Without a bound the distance to the best possible is said to be unknown."""
    unbounded = replace(proven, status=Status.FEASIBLE, bound=None, gap=None, bound_source=None)
    assert unbounded.quality("en") == (
        "No lower bound was proven in the time given: how far this plan is from the best "
        "possible is not known."
    )


def test_unknown_language_is_refused(proven: PlanResult):
    """A language without a catalogue raises ValueError naming it."""
    with pytest.raises(ValueError, match="'de'"):
        proven.quality("de")
