"""``mission-planner check``, ``schema``, ``--help`` and the console script."""

from __future__ import annotations

import json
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from cli_helpers import DATA, FAST, ICS, run_module

import mission_planner.cli as cli


@pytest.fixture(scope="module")
def saved_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The short mission planned with its Google calendar, saved as JSON."""
    path = tmp_path_factory.mktemp("plans") / "plan.json"
    argv = ["plan", str(DATA / "short_mission.yaml"), "--ics", str(ICS / "google.ics"), *FAST]
    assert cli.main([*argv, "--out", str(path)]) == 0
    return path


def test_check_accepts_a_valid_plan(saved_plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check SCENARIO PLAN.json --ics ... exits 0 and says the plan is valid."""
    argv = [
        "check",
        str(DATA / "short_mission.yaml"),
        str(saved_plan),
        "--ics",
        str(ICS / "google.ics"),
    ]
    assert cli.main(argv) == 0
    captured = capsys.readouterr()
    assert "valid:" in captured.out and captured.err == ""


def test_check_lists_violations_and_exits_1(
    saved_plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan with a work block moved onto a calendar meeting: exit 1 and the violations listed."""
    data = json.loads(saved_plan.read_text())
    schedule = data["result"]["schedule"]
    columns = list(schedule["dtypes"])
    lunch = next(r for r in schedule["rows"] if r[columns.index("kind")] == "fixed")
    work = next(r for r in schedule["rows"] if r[columns.index("kind")] == "mission")
    for name in ("date", "start", "end"):
        work[columns.index(name)] = lunch[columns.index(name)]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data))
    argv = [
        "check",
        str(DATA / "short_mission.yaml"),
        str(broken),
        "--ics",
        str(ICS / "google.ics"),
    ]
    assert cli.main(argv) == 1
    out = capsys.readouterr().out
    assert "violation(s)" in out and "  - [" in out


def test_check_warns_when_the_plan_was_made_for_another_scenario(
    saved_plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Checking without the calendar the plan was made with warns, then reports what breaks."""
    assert cli.main(["check", str(DATA / "short_mission.yaml"), str(saved_plan)]) == 1
    captured = capsys.readouterr()
    assert "planned for another scenario" in captured.err
    assert "[fixed]" in captured.out


def test_check_with_a_bad_plan_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scenario given where the plan should be is bad input (exit 2), not a crash."""
    argv = ["check", str(DATA / "short_mission.yaml"), str(DATA / "short_mission.yaml")]
    assert cli.main(argv) == 2
    assert "not valid JSON" in capsys.readouterr().err


def test_schema_prints_the_json_schema() -> None:
    """``schema`` prints a JSON Schema of scenario files."""
    done = run_module("schema")
    assert done.returncode == 0
    schema = json.loads(done.stdout)
    assert "mission" in schema["properties"] and "Task" in schema["$defs"]


@pytest.mark.parametrize("command", [[], ["plan"], ["advise"], ["check"], ["schema"]])
def test_help_everywhere_with_examples(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """--help works for the program and each command, and shows examples."""
    assert cli.main([*command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "usage: mission-planner" in out and "examples:" in out


def test_console_script_is_installed() -> None:
    """The ``mission-planner`` console script points at ``mission_planner.__main__:main``."""
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "mission-planner"]
    assert script.value == "mission_planner.__main__:main"
    assert script.load() is cli.main
