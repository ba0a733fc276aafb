"""``--opportunities`` on ``plan`` and ``advise``: the plan reserves the work, ``check`` agrees."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import FAST
from icalendar import Calendar

import mission_planner.cli as cli
from mission_planner.io import load_plan

ONE_WEEK = Path(__file__).resolve().parents[1] / "data" / "opportunities" / "one_week.yaml"


def test_plan_reserves_the_expected_load_and_the_saved_plan_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """plan --opportunities expected: 8 h of bid, marked in the week and the .ics; check agrees."""
    saved, ics = tmp_path / "plan.json", tmp_path / "plan.ics"
    argv = ["plan", str(ONE_WEEK), *FAST, "--opportunities", "expected", "--out", str(saved)]
    assert cli.main([*argv, "--out", str(ics)]) == 0
    assert "bid?" in capsys.readouterr().out
    summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    assert "Globex? — bid — Lead" in summaries
    result = load_plan(saved)
    assert result.policy is not None and result.policy.opportunities == "expected"
    assert result.schedule.loc[result.schedule["kind"] == "opportunity", "hours"].sum() == 8
    assert cli.main(["check", str(ONE_WEEK), str(saved)]) == 0
    assert "valid:" in capsys.readouterr().out


def test_advise_says_what_breaks_if_the_opportunity_is_won(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """advise names the promise that bid would break, in the reasons, in --language."""
    argv = ["advise", str(ONE_WEEK), "--time-limit", "10", "--workers", "1", "--language", "en"]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert "If Globex (50% likely) is also won: “Audit” would move from Wednesday 9" in out


def test_an_unknown_treatment_is_a_usage_error() -> None:
    """--opportunities maybe is refused by the parser (exit code 2)."""
    assert cli.main(["plan", str(ONE_WEEK), "--opportunities", "maybe"]) == 2
