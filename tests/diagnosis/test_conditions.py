"""Necessary conditions before search: hand-made cases where they must stay silent or speak."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mission_planner import Scenario, Status, check, plan
from mission_planner.diagnosis import CauseKind, find_causes
from mission_planner.io import load_scenario
from mission_planner.problem import compile_problem
from mission_planner.scenario.source import read_source

DATA = Path(__file__).parent.parent / "data" / "causes"
EXAMPLES = Path(__file__).parents[2] / "src" / "mission_planner" / "examples"


def variant(name: str, **changes: Any) -> Scenario:
    """A cause scenario with top-level fields replaced, validated again."""
    data = read_source(DATA / f"{name}.yaml").data
    data.update(changes)
    return Scenario.model_validate(data)


HUGO = {"id": "hugo", "day_rate": 600, "calendar": {"country": None}}


def test_work_a_partner_may_take_is_not_counted_against_the_lead() -> None:
    """48 h for the lead's 40 h is fine when a partner may do any of it: no cause, a valid plan."""
    scenario = variant("capacity", partners=[HUGO])
    assert find_causes(compile_problem(scenario)) == []
    result = plan(scenario, time_limit=3, seed=0, workers=1)
    assert result.has_plan and check(scenario, result) == []


def test_everyone_able_together_still_bounds_the_work() -> None:
    """With hugo free on Mondays only, lead and hugo have 48 h by Friday 11th for 56 h of work."""
    hugo = {**HUGO, "calendar": {"country": None, "working_hours": {"mon": ["09:00-17:00"]}}}
    scenario = variant("capacity", partners=[hugo])
    data = scenario.model_dump()
    data["mission"]["tasks"][0]["effort_hours"] = 32
    causes = find_causes(compile_problem(Scenario.model_validate(data)))
    assert [(c.kind, c.people, c.needed_hours, c.free_hours) for c in causes] == [
        (CauseKind.CAPACITY, ("lead", "hugo"), 56.0, 48.0)
    ]


def test_coordination_is_not_owed_when_the_lead_could_do_the_work() -> None:
    """The lead has the skill too: no partner must work, so no coordination is counted."""
    scenario = variant("coordination", lead={"calendar": {"country": None}})
    assert find_causes(compile_problem(scenario)) == []


@pytest.mark.parametrize("name", ["bundled.yaml", "story.yaml", "partners.yaml"])
def test_bundled_examples_raise_no_cause(name: str) -> None:
    """The bundled examples have plans: no condition may call them infeasible."""
    assert find_causes(compile_problem(load_scenario(EXAMPLES / name))) == []


def test_two_tranches_do_not_pull_tasks_to_the_earliest_deadline() -> None:
    """The tranche rule applies to a single tranche only: with two, the file has a plan."""
    scenario = variant("tranches")
    data = scenario.model_dump()
    data["mission"]["max_tranches"] = 2
    assert find_causes(compile_problem(Scenario.model_validate(data))) == []
    result = plan(Scenario.model_validate(data), time_limit=3, seed=0, workers=1)
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE)


def test_each_partner_the_work_needs_costs_the_lead_a_kick_off() -> None:
    """Data (hugo or lea) and cloud (max or zoe) need two partners, so two 1 h kick-offs: the
    lead's single free hour is short, although no partner is needed by name."""

    def partner(name: str, skill: str) -> dict[str, Any]:
        return {"id": name, "skills": [skill], "day_rate": 600, "calendar": {"country": None}}

    scenario = Scenario.model_validate(
        {
            "start": "2026-12-07",
            "end": "2026-12-11",
            "coordination_share": 0,
            "lead": {
                "skills": ["interviews"],
                "calendar": {"country": None, "working_hours": {"mon": ["09:00-10:00"]}},
            },
            "partners": [
                partner("hugo", "data"),
                partner("lea", "data"),
                partner("max", "cloud"),
                partner("zoe", "cloud"),
            ],
            "mission": {
                "client": "ACME",
                "tasks": [
                    {"id": "flows", "effort_hours": 4, "due": "2026-12-11", "skills": ["data"]},
                    {"id": "infra", "effort_hours": 4, "due": "2026-12-11", "skills": ["cloud"]},
                ],
            },
        }
    )
    causes = find_causes(compile_problem(scenario))
    assert [(c.kind, c.tasks, c.needed_hours, c.free_hours) for c in causes] == [
        (CauseKind.COORDINATION, ("flows", "infra"), 2.0, 1.0)
    ]
