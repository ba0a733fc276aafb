"""Plans saved as JSON and loaded back without loss."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pandas as pd
import pytest

from mission_planner import PlanResult, Scenario, Status, check
from mission_planner.io import PlanFileError, load_plan, save_plan
from mission_planner.io.plan_file import read_plan_file, scenario_digest

TABLES = ("schedule", "deliveries", "tranches", "load", "costs", "causes")


def test_round_trip_keeps_every_table_with_its_dtypes(
    planned: tuple[Scenario, PlanResult], tmp_path: Path
) -> None:
    """Each loaded table equals the saved one, values and dtypes (Int64 <NA>, datetimes...)."""
    scenario, result = planned
    loaded = load_plan(save_plan(result, tmp_path / "plan.json", scenario))
    for name in TABLES:
        pd.testing.assert_frame_equal(
            getattr(loaded, name), getattr(result, name), check_exact=True
        )
    assert loaded.schedule["tranche"].isna().any()  # fixed blocks have no tranche


def test_round_trip_keeps_every_figure(
    planned: tuple[Scenario, PlanResult], tmp_path: Path
) -> None:
    """Status, objective, bound, gap, terms, money and timings come back identical."""
    scenario, result = planned
    loaded = load_plan(save_plan(result, tmp_path / "plan.json", scenario))
    for field in dataclasses.fields(PlanResult):
        if field.name not in TABLES:
            assert getattr(loaded, field.name) == getattr(result, field.name), field.name
    assert loaded.status is Status(result.status)


def test_loaded_plan_passes_the_checker(
    planned: tuple[Scenario, PlanResult], tmp_path: Path
) -> None:
    """A loaded plan passes check exactly as the original does."""
    scenario, result = planned
    loaded = load_plan(save_plan(result, tmp_path / "plan.json", scenario))
    assert check(scenario, result) == []
    assert check(scenario, loaded) == []


def test_plan_without_a_plan_keeps_status_and_explanation(
    planned: tuple[Scenario, PlanResult], tmp_path: Path
) -> None:
    """An infeasible result round-trips with its explanation and empty tables."""
    _, result = planned
    empty = {name: getattr(result, name).iloc[0:0] for name in TABLES}
    infeasible = dataclasses.replace(
        result, status=Status.INFEASIBLE, objective=None, gap=None, bound=None,
        explanation=["task 'a' needs 10 h but the lead has only 8 h free"],
        infeasible_tasks=["a"], **empty,
    )  # fmt: skip
    loaded = load_plan(save_plan(infeasible, tmp_path / "none.json"))
    assert loaded.status is Status.INFEASIBLE and not loaded.has_plan
    assert loaded.explanation == infeasible.explanation and loaded.infeasible_tasks == ["a"]
    pd.testing.assert_frame_equal(loaded.schedule, infeasible.schedule)


def test_file_records_the_scenario_fingerprint(
    planned: tuple[Scenario, PlanResult], tmp_path: Path
) -> None:
    """The file names the scenario and its digest, which changes with the scenario."""
    scenario, result = planned
    raw = read_plan_file(save_plan(result, tmp_path / "plan.json", scenario))
    assert raw["scenario"] == {"name": "io test", "digest": scenario_digest(scenario)}
    other = Scenario.model_validate({**scenario.model_dump(), "name": "other"})
    assert scenario_digest(other) != scenario_digest(scenario)


def test_not_json_is_a_plan_file_error(tmp_path: Path) -> None:
    """A file that is not JSON raises PlanFileError with its line."""
    path = tmp_path / "plan.json"
    path.write_text("{\n  'status': optimal\n}")
    with pytest.raises(PlanFileError, match=r"plan\.json:2.*not valid JSON"):
        load_plan(path)


def test_json_that_is_not_a_plan_is_a_plan_file_error(tmp_path: Path) -> None:
    """A JSON file without the plan format marker is refused (e.g. a scenario passed by mistake)."""
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps({"start": "2026-12-01"}))
    with pytest.raises(PlanFileError, match="not a plan file"):
        load_plan(path)


def test_damaged_plan_lists_each_problem(
    planned: tuple[Scenario, PlanResult], tmp_path: Path
) -> None:
    """A plan file with a bad status and a short row names both places."""
    scenario, result = planned
    path = save_plan(result, tmp_path / "plan.json", scenario)
    data = json.loads(path.read_text())
    data["result"]["status"] = "great"
    data["result"]["tranches"]["rows"][0].pop()
    path.write_text(json.dumps(data))
    with pytest.raises(PlanFileError) as info:
        load_plan(path)
    assert [p.location for p in info.value.problems] == ["result.status", "result.tranches"]


def test_missing_plan_file_is_a_plan_file_error(tmp_path: Path) -> None:
    """A missing plan file raises PlanFileError naming it."""
    with pytest.raises(PlanFileError, match=r"gone\.json: no such file"):
        load_plan(tmp_path / "gone.json")


def test_hostile_plan_files_are_plan_file_errors(tmp_path: Path) -> None:
    """Deep nesting, a directory and a JSON object that is no plan raise PlanFileError."""
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    other = tmp_path / "other.json"
    other.write_text('{"status": 3, "schedule": 7}')
    (tmp_path / "dir.json").mkdir()
    for path in (deep, other, tmp_path / "dir.json"):
        with pytest.raises(PlanFileError):
            load_plan(path)
