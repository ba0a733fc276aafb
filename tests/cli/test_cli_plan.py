"""``mission-planner plan``: tables, outputs, calendars, exit codes and the progress display."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import openpyxl
import pytest
from cli_helpers import DATA, FAST, ICS, run_module, unknown_result
from rich.console import Console

import mission_planner.cli as cli
from mission_planner import PlanResult, Scenario, check
from mission_planner.io import load_plan, load_scenario, read_events, with_calendar


def test_new_user_gets_a_plan_a_workbook_and_a_calendar(
    short_mission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A short YAML mission and a Google export give a plan, an .xlsx and an importable .ics."""
    xlsx, ics, plan_json = tmp_path / "plan.xlsx", tmp_path / "plan.ics", tmp_path / "plan.json"
    argv = ["plan", str(short_mission), "--ics", str(ICS / "google.ics"), *FAST]
    code = cli.main([*argv, "--out", str(xlsx), "--out", str(ics), "--out", str(plan_json)])
    out = capsys.readouterr().out
    assert code == 0
    assert "calendar: 8 event occurrence(s)" in out and "3 fixed block(s)" in out
    for heading in ("Échéancier", "Week 49", "KPIs", "[Déjeuner client Orange]"):
        assert heading in out
    assert openpyxl.load_workbook(xlsx).sheetnames[0] == "échéancier"
    events = read_events(
        [ics], start=load_scenario(short_mission).start, end=load_scenario(short_mission).end
    )
    assert any(e.summary == "Data audit — Audit — Claire Martin" for e in events)
    scenario = with_calendar(load_scenario(short_mission), [ICS / "google.ics"])
    assert check(scenario, load_plan(plan_json)) == []


def test_bundled_example_is_the_default(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No arguments plan the bundled example (the README's first command)."""
    seen: list[Scenario] = []

    def fake_plan(scenario: Scenario, **_: object) -> PlanResult:
        seen.append(scenario)
        return unknown_result()

    monkeypatch.setattr(cli.commands, "plan", fake_plan)
    assert cli.main([]) == 3
    assert seen[0] == load_scenario(cli.bundled_example())
    assert "ACME diagnosis — bundled example" in capsys.readouterr().out


def test_module_keeps_the_old_short_form(tmp_path: Path) -> None:
    """``python -m mission_planner SCENARIO --time-limit S`` still plans and prints the plan."""
    done = run_module(str(DATA / "short_mission.yaml"), *FAST, "--quiet")
    assert done.returncode == 0, done.stderr
    assert "Échéancier" in done.stdout and "kickoff" in done.stdout
    assert "Traceback" not in done.stderr


def test_infeasible_mission_exits_1_with_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    """30 hours due in two days: exit 1 and the capacity explanation."""
    assert cli.main(["plan", str(DATA / "infeasible.yaml"), *FAST]) == 1
    out = capsys.readouterr().out
    assert "infeasible" in out and "30 h of work (task “rush”) for 16 h free" in out


def test_time_limit_without_plan_exits_3(
    monkeypatch: pytest.MonkeyPatch, short_mission: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """When the solver ends with no plan and no proof, exit 3 and say so."""
    monkeypatch.setattr(cli.commands, "plan", lambda *a, **k: unknown_result())
    assert cli.main(["plan", str(short_mission)]) == 3
    assert "no plan found" in capsys.readouterr().out


def test_notes_of_the_solve_are_printed(
    monkeypatch: pytest.MonkeyPatch, short_mission: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A note of the planner (the time limit ended while building the model) reaches the user."""
    note = "the time limit ended while building the model"
    noted = dataclasses.replace(unknown_result(), notes=[note])
    monkeypatch.setattr(cli.commands, "plan", lambda *a, **k: noted)
    assert cli.main(["plan", str(short_mission)]) == 3
    assert f"note: {note}" in capsys.readouterr().out


def test_bad_scenario_exits_2_with_place_value_and_rule(tmp_path: Path) -> None:
    """A bad date: exit 2, the file, mission.tasks[3].due, the value and the rule; no traceback."""
    done = run_module("plan", str(DATA / "bad.yaml"))
    assert done.returncode == 2
    assert (
        f"{DATA / 'bad.yaml'}:10 mission.tasks[3].due = '2026-12-32': day is out of range"
        in done.stderr
    )
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_unknown_key_suggests_the_right_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A misspelt key gets a 'did you mean' hint on stderr, exit 2."""
    path = tmp_path / "typo.yaml"
    path.write_text(
        (DATA / "short_mission.yaml").read_text().replace("sale_day_rate", "sale_dayrate")
    )
    assert cli.main(["plan", str(path)]) == 2
    assert (
        "mission.sale_dayrate = 1000: unknown field (did you mean 'sale_day_rate'?)"
        in capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--ics", "missing.ics"], "missing.ics: no such file"),
        (["--ics", str(ICS / "google.ics"), "--timezone", "Mars/Olympus"], "'Mars/Olympus'"),
        (["--out", "plan.ics", "--timezone", "Mars/Olympus"], "not an IANA time zone"),
        (["--out", "plan.pdf"], "unknown output type '.pdf'"),
        (["--out", "no/such/dir/plan.json"], "does not exist"),
    ],
)
def test_bad_inputs_exit_2_before_solving(
    monkeypatch: pytest.MonkeyPatch,
    short_mission: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    """Missing calendars, unknown time zones and bad outputs stop with exit 2, without solving."""
    monkeypatch.setattr(
        cli.commands, "plan", lambda *a, **k: pytest.fail("solved despite bad input")
    )
    assert cli.main(["plan", str(short_mission), *extra]) == 2
    assert message in capsys.readouterr().err


def test_bad_option_values_exit_2(capsys: pytest.CaptureFixture[str], short_mission: Path) -> None:
    """A negative time limit or zero workers is a usage error (exit 2)."""
    assert cli.main(["plan", str(short_mission), "--time-limit", "-1"]) == 2
    assert cli.main(["plan", str(short_mission), "--workers", "0"]) == 2
    assert "must be" in capsys.readouterr().err


def test_csv_output_is_one_file_and_a_folder_gets_every_table(
    short_mission: Path, tmp_path: Path
) -> None:
    """--out plan.csv writes exactly plan.csv (the schedule); --out tables/ gets every table."""
    argv = ["plan", str(short_mission), *FAST, "--out", str(tmp_path / "plan.csv")]
    assert cli.main([*argv, "--out", f"{tmp_path / 'tables'}/"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.csv", "tables"]
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == sorted(
        f"{t}.csv" for t in ("echeancier", "deliveries", "schedule", "load", "costs", "kpis")
    )


def test_plan_writes_its_views_in_the_language_asked(short_mission: Path, tmp_path: Path) -> None:
    """plan --language fr: the workbook's sheets and headers in French; without it, the ids."""
    openpyxl = pytest.importorskip("openpyxl")
    argv = ["plan", str(short_mission), *FAST, "--out"]
    assert cli.main([*argv, str(tmp_path / "fr.xlsx"), "--language", "fr"]) == 0
    assert cli.main([*argv, str(tmp_path / "plain.xlsx")]) == 0
    french = openpyxl.load_workbook(tmp_path / "fr.xlsx")
    assert french.sheetnames[0] == "Échéancier"
    assert [c.value for c in french["Planning"][1]][:2] == ["Nature", "Tâche"]
    plain = openpyxl.load_workbook(tmp_path / "plain.xlsx")
    assert plain.sheetnames[0] == "échéancier"  # the identifier of the table


def test_live_progress_shows_in_a_terminal(short_mission: Path) -> None:
    """In a terminal, solving shows elapsed time, best objective, bound and gap."""
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    assert cli.main(["plan", str(short_mission), *FAST], console=console) == 0
    shown = screen.getvalue()
    assert "solving" in shown and "best" in shown and "bound" in shown and "gap" in shown


def test_quiet_or_not_a_terminal_shows_no_progress(
    short_mission: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--quiet in a terminal, or any run into a pipe, prints no progress line."""
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    assert cli.main(["plan", str(short_mission), *FAST, "--quiet"], console=console) == 0
    assert "solving" not in screen.getvalue()
    assert cli.main(["plan", str(short_mission), *FAST]) == 0
    assert "solving" not in capsys.readouterr().out


def test_calendar_filters_reach_the_import(
    short_mission: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--exclude and --include-free change what the calendar adds."""
    base = ["plan", str(short_mission), "--ics", str(ICS / "google.ics"), *FAST]
    assert cli.main([*base, "--exclude", "déjeuner"]) == 0
    assert "2 fixed block(s)" in capsys.readouterr().out
    assert cli.main([*base, "--include-free"]) == 0
    assert "4 fixed block(s)" in capsys.readouterr().out


def test_json_output_is_a_plan_file(short_mission: Path, tmp_path: Path) -> None:
    """--out plan.json writes a plan file naming the scenario."""
    path = tmp_path / "plan.json"
    assert cli.main(["plan", str(short_mission), *FAST, "--out", str(path)]) == 0
    data = json.loads(path.read_text())
    assert data["format"] == "mission-planner plan" and data["result"]["status"] in (
        "optimal",
        "feasible",
    )
