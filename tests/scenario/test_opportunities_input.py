"""Opportunities in scenario files: the rules they share with engagements, their errors, schema."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from mission_planner.errors import ScenarioFileError
from mission_planner.io import scenario_schema
from mission_planner.scenario import Engagement, Opportunity, Scenario, read_mapping

DATA = Path(__file__).parents[1] / "data" / "opportunities"

# tests/data/opportunities/invalid_<rule>.yaml is one_week.yaml broken in one way; the message
# names the object, the field and the value.
INVALID: dict[str, list[str]] = {
    "probability": ["opportunities[0].probability = 1.5", "less than or equal to 1"],
    "window": ["opportunity 'bid'", "deadline=2026-12-04", "earliest_start=2026-12-08"],
    "duplicate_id": ["opportunity 'audit'", "id='audit'", "already the id of a task"],
    "outside_horizon": ["opportunity 'bid'", "deadline=2026-12-14", "outside the horizon"],
    "effort_off_grid": ["opportunity 'bid'", "effort_hours=1.5", "not a multiple of 60 minutes"],
}


@pytest.mark.parametrize("rule", sorted(INVALID))
def test_a_bad_opportunity_is_reported_with_object_field_and_value(rule: str) -> None:
    """Each broken file fails to load with a message naming object, field and value."""
    with pytest.raises(ScenarioFileError) as caught:
        Scenario.from_file(DATA / f"invalid_{rule}.yaml")
    message = str(caught.value)
    for fragment in INVALID[rule]:
        assert fragment in message, message


def test_an_opportunity_is_an_engagement_with_a_probability() -> None:
    """The model reuses the engagement's fields and window rule and adds the probability."""
    assert issubclass(Opportunity, Engagement)
    opp = Scenario.from_file(DATA / "one_week.yaml").opportunities[0]
    assert (opp.id, opp.client, opp.probability, opp.effort_hours) == ("bid", "Globex", 0.5, 16)
    assert opp.min_session_hours == 4


def test_scenario_files_with_opportunities_fit_the_schema() -> None:
    """The good file validates against the schema; a probability above 1 does not."""
    validator = jsonschema.Draft202012Validator(scenario_schema())
    assert validator.is_valid(read_mapping(DATA / "one_week.yaml"))
    assert not validator.is_valid(read_mapping(DATA / "invalid_probability.yaml"))
    assert "win probability" in scenario_schema()["properties"]["opportunities"]["description"]
