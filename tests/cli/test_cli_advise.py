"""``mission-planner advise``: comparison, recommendation, client message, outputs, exit codes."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from cli_helpers import DATA, FAST, ICS, run_module
from rich.console import Console

import mission_planner.cli as cli
from mission_planner import Scenario
from mission_planner.io import load_plan
from mission_planner.levers import OPTIONS, Advice, Recommendation, advise

NEEDS_PARTNER = str(DATA / "needs_partner.yaml")
NO_PARTNER = str(DATA / "no_partner.yaml")
SKILL_MISSING = str(DATA.parents[1] / "levers" / "data" / "skill_missing.yaml")


def test_a_partner_keeps_the_dates(capsys: pytest.CaptureFixture[str]) -> None:
    """Alone the lead is a day past the limit; the partner holds every date: accept, exit 0."""
    assert cli.main(["advise", NEEDS_PARTNER, *FAST, "--language", "en"]) == 0
    out = capsys.readouterr().out
    assert "advice: accept with partners (option delegate)" in out
    assert "Options compared, in the problem's order" in out
    table = out[out.index("Options compared") : out.index("options, in the problem's order")]
    rows = [table.index(f"│ {name}") for name in OPTIONS]
    assert rows == sorted(rows)  # the problem's order, not a ranking
    assert "Recommendation: accept with Paul Durand, every date asked holds." in out
    assert "  - Delegate: holds, every date asked, with Paul Durand" in out
    message = out[out.index("Message to the client (English):") :]
    assert "“Study”: on Wednesday 9 December 2026, as you asked" in message
    assert "Paul Durand" in message and "single point of contact" in message
    assert "whom I work with regularly" not in message  # Paul is new: nothing said of trust
    assert "\x1b[" not in out  # plain text into a pipe


def test_message_in_french_as_typed_in_a_shell() -> None:
    """``python -m mission_planner advise ... --language fr``: the advice and message in French."""
    done = run_module("advise", NEEDS_PARTNER, *FAST, "--language", "fr", "--quiet")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Recommandation : accepter avec Paul Durand" in out
    message = out[out.index("Message to the client (French):") :]
    assert "« Study » : le mercredi 9 décembre 2026, comme demandé" in message
    assert "seul interlocuteur" in message and "Bien cordialement" in message
    assert "Traceback" not in done.stderr


def test_out_writes_the_recommended_plan_and_check_accepts_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--out writes the delegate plan: check accepts it, the partner at his real rate."""
    plan_json, xlsx = tmp_path / "plan.json", tmp_path / "plan.xlsx"
    argv = ["advise", NEEDS_PARTNER, *FAST, "--out", str(plan_json), "--out", str(xlsx)]
    assert cli.main(argv) == 0
    assert f"wrote {plan_json}" in capsys.readouterr().out
    assert cli.main(["check", NEEDS_PARTNER, str(plan_json)]) == 0
    checked = capsys.readouterr()
    assert "valid:" in checked.out and "warning" not in checked.err
    saved = load_plan(plan_json)
    paul = saved.costs.set_index("resource").loc["paul"]
    assert (paul["hours"], paul["day_rate"], paul["fee"]) == (24.0, 500.0, 1500.0)
    assert saved.margin == 1500.0
    assert saved.policy is not None and saved.policy.dates == "asked"
    book = openpyxl.load_workbook(xlsx)  # in --language (French by default)
    assert book.sheetnames[0] == "Échéancier"
    assert [c.value for c in book["Livraisons"][1]][:3] == ["Tâche", "Nom", "Tranche"]


def test_calendar_options_as_for_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--ics imports the lead's commitments as for plan; the plan written checks with --ics."""
    plan_json = tmp_path / "plan.json"
    calendar = ["--ics", str(ICS / "google.ics")]
    mission = str(DATA / "short_mission.yaml")
    argv = ["advise", mission, *calendar, *FAST, "--language", "en", "--out", str(plan_json)]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert "3 fixed block(s)" in out and "Recommendation: accept as asked" in out
    assert cli.main(["check", mission, str(plan_json), *calendar]) == 0


def test_counter_proposal_exits_0_with_the_dates_to_propose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No option meets the limits but a later date works: propose it (exit 0), never decline."""
    plan_json = tmp_path / "plan.json"
    assert cli.main(["advise", NO_PARTNER, *FAST, "--language", "en", "--out", str(plan_json)]) == 0
    out = capsys.readouterr().out
    assert "advice: propose other dates (counter-proposal)" in out
    assert "Recommendation: keep the door open and propose other dates" in out
    proposal = out[out.index("To propose to the client:") : out.index("Message to the client")]
    assert (
        "Monday 14 December 2026, 1 working day after its limit of Friday 11 December" in proposal
    )
    assert "on Monday 14 December 2026 instead of Wednesday 9 December 2026" in out
    # the plan of the proposal is written, and checks under the proposal's policy
    assert cli.main(["check", NO_PARTNER, str(plan_json)]) == 0


def test_counter_proposal_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    """The counter-proposal in French: the date to ask for and the message."""
    assert cli.main(["advise", NO_PARTNER, *FAST]) == 0  # French by default
    out = capsys.readouterr().out
    assert "À proposer au client :" in out
    assert "le lundi 14 décembre 2026 au lieu du mercredi 9 décembre 2026" in out


def test_decline_exits_1_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nobody allowed has the skill: decline (exit 1), the skill named, nothing written."""
    plan_json = tmp_path / "plan.json"
    argv = ["advise", SKILL_MISSING, *FAST, "--language", "en", "--out", str(plan_json)]
    assert cli.main(argv) == 1
    out = capsys.readouterr().out
    assert "advice: decline" in out and "cloud" in out
    assert "nothing written: no option to recommend" in out and not plan_json.exists()


def test_no_answer_in_time_exits_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No option decided in time: exit 3, and say so rather than decline."""

    def out_of_time(scenario: Scenario, **settings: Any) -> Advice:
        advice = advise(scenario, **settings)
        return dataclasses.replace(advice, recommendation=Recommendation.UNDECIDED, best=None)

    monkeypatch.setattr(cli.commands, "advise", out_of_time)
    assert cli.main(["advise", NO_PARTNER, *FAST, "--language", "en"]) == 3
    out = capsys.readouterr().out
    assert "no answer within the time limit" in out and "try a longer --time-limit" in out


def test_bad_file_exits_2_as_for_plan(capsys: pytest.CaptureFixture[str]) -> None:
    """A bad scenario file: exit 2 and the same error line as plan, no traceback."""
    bad = str(DATA / "bad.yaml")
    assert cli.main(["plan", bad, *FAST]) == 2
    from_plan = capsys.readouterr().err
    assert cli.main(["advise", bad, *FAST]) == 2
    from_advise = capsys.readouterr().err
    assert from_advise == from_plan
    assert "mission.tasks[3].due = '2026-12-32'" in from_advise and "Traceback" not in from_advise


def test_bad_options_exit_2_before_advising(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown output type, time zone or language is bad input, found without solving."""
    monkeypatch.setattr(
        cli.commands, "advise", lambda *a, **k: pytest.fail("advise should not run")
    )
    assert cli.main(["advise", NEEDS_PARTNER, "--out", str(tmp_path / "plan.txt")]) == 2
    assert "unknown output type '.txt'" in capsys.readouterr().err
    assert cli.main(["advise", NEEDS_PARTNER, "--timezone", "Mars/Olympus"]) == 2
    assert "Mars/Olympus" in capsys.readouterr().err
    assert cli.main(["advise", NEEDS_PARTNER, "--language", "de"]) == 2
    assert "invalid choice: 'de'" in capsys.readouterr().err


def test_terminal_shows_progress_and_quiet_hides_it() -> None:
    """In a terminal a live line shows while the options are compared; not with --quiet."""
    for quiet, shown in (([], True), (["--quiet"], False)):
        screen = io.StringIO()
        console = Console(file=screen, force_terminal=True, width=120)
        assert cli.main(["advise", NEEDS_PARTNER, *FAST, *quiet], console=console) == 0
        assert ("comparing 5 options" in screen.getvalue()) is shown
        assert "Recommandation" in screen.getvalue()


def test_narrow_terminal_keeps_the_essential_columns() -> None:
    """At 80 columns the table keeps option, limits, delays, partners, margin and tranches."""
    screen = io.StringIO()
    console = Console(file=screen, width=80)
    assert cli.main(["advise", NEEDS_PARTNER, *FAST, "--quiet"], console=console) == 0
    text = screen.getvalue()
    table = text.split("Options compared, in the problem's order")[1].split("options, in")[0]
    assert "│ delegate  │ yes" in table and "Paul" not in table and "paul" in table
    assert "lead" not in table and max(len(line) for line in table.splitlines()) <= 80


def test_help_shows_advise(capsys: pytest.CaptureFixture[str]) -> None:
    """The program's help lists advise with an example; advise --help has examples and codes."""
    assert cli.main(["--help"]) == 0
    assert "mission-planner advise scenario.yaml" in capsys.readouterr().out
    assert cli.main(["advise", "--help"]) == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "--language" in out and "3 no answer" in out
