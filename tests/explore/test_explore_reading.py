"""reading: policies that give the same problem share a key, so explore plans them once."""

from __future__ import annotations

import pytest
from explore_helpers import load

from mission_planner.explore import reading
from mission_planner.policy import Policy
from mission_planner.scenario import Scenario, Weights


@pytest.fixture(scope="module")
def scenario():
    return load()


def with_new_partner(scenario: Scenario) -> Scenario:
    """The tiny scenario with 'ana' a new partner."""
    data = scenario.model_dump()
    data["partners"] = [{**data["partners"][0], "trust": "new"}]
    return Scenario.model_validate(data)


@pytest.mark.parametrize(
    "policy",
    [
        Policy(max_partners=1),  # one partner on the roster: a cap of 1 binds nothing
        Policy(new_partner_surcharge=0.5),  # 'ana' is trusted: nobody is surcharged
        Policy(weights=Weights()),  # the scenario's own weights, the defaults
        Policy(roster=("ana",)),  # the whole roster, by name
        Policy(dates={"study": load().task("study").deadline}),  # its own deadline
    ],
)
def test_policies_that_change_nothing_read_as_the_scenario(scenario, policy):
    """Each of these policies gives the problem of the scenario as written."""
    assert reading(scenario, policy) == reading(scenario, None)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (Policy(roster="none"), Policy(max_partners=0)),
        (Policy(dates="horizon"), Policy(dates={"study": load().end, "report": load().end})),
        (Policy(dates="asked"), Policy(dates={"study": load().task("study").due,
                                               "report": load().task("report").due})),
    ],
)  # fmt: skip
def test_equivalent_policies_share_a_key(scenario, first, second):
    """The lead alone either way; every date at the horizon or at the due date either way."""
    assert reading(scenario, first) == reading(scenario, second)


@pytest.mark.parametrize(
    "policy",
    [
        Policy(roster="none"),
        Policy(dates="asked"),
        Policy(dates="horizon"),
        Policy(weights=Weights(lateness=10)),
        Policy(max_tranches=1),
        Policy(targets={"study": load().task("study").deadline}),
        Policy(urgency={"study": 5}),
    ],
)
def test_policies_that_change_the_problem_have_their_own_key(scenario, policy):
    """Fewer people, other dates, weights, tranches, targets or urgency: another problem."""
    assert reading(scenario, policy) != reading(scenario, None)


def test_a_surcharge_counts_only_with_a_new_partner_allowed(scenario):
    """'ana' new: the surcharge changes the problem, unless she may not work anyway."""
    new = with_new_partner(scenario)
    dearer = Policy(new_partner_surcharge=0.5)
    assert reading(new, dearer) != reading(new, None)
    trusted_only = Policy(roster="trusted", new_partner_surcharge=0.5)
    assert reading(new, trusted_only) == reading(new, Policy(roster="none"))
