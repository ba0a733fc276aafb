"""``mission-planner replan``: from a saved plan, with work done read from a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import FAST

import mission_planner.cli as cli
from mission_planner.io import load_plan

MORNINGS = Path(__file__).resolve().parents[1] / "data" / "replan" / "mornings.json"
"""The lead alone on 09-13: a then b then c, 8 h each (see tests/replanning)."""


@pytest.fixture(scope="module")
def week1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first plan of the mornings scenario, saved as JSON."""
    path = tmp_path_factory.mktemp("plans") / "week1.json"
    assert cli.main(["plan", str(MORNINGS), *FAST, "--out", str(path)]) == 0
    return path


def test_replan_unchanged_keeps_the_plan(
    week1: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Nothing done differently: exit 0, the plan kept, 'no change', the new plan written."""
    out = tmp_path / "week2.json"
    argv = ["replan", str(MORNINGS), str(week1), "--now", "2026-12-09", *FAST, "--out", str(out)]
    assert cli.main(argv) == 0
    printed = capsys.readouterr().out
    assert "kept the previous plan from Wed 09 Dec 2026" in printed and "no change" in printed
    assert len(load_plan(out).schedule) == len(load_plan(week1).schedule)


def test_replan_with_work_done_says_what_to_tell_the_client(
    week1: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """b 2 h done by Thu (of 4 h planned Wed): 6 h left cannot hold Thu 13:00, so b moves."""
    done = tmp_path / "done.json"
    done.write_text(json.dumps({"b": 2}), encoding="utf-8")
    argv = ["replan", str(MORNINGS), str(week1), "--now", "2026-12-10", "--done", str(done)]
    assert cli.main([*argv, "--promises-may-move", *FAST]) == 0
    printed = capsys.readouterr().out
    assert "to tell the client:" in printed
    assert "'b' was promised for Thu 10 Dec 13:00" in printed


def test_replan_holding_promises_that_cannot_hold_exits_1(
    week1: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The same, promises hard: no plan, exit 1, with the reason."""
    done = tmp_path / "done.json"
    done.write_text(json.dumps({"b": 2}), encoding="utf-8")
    argv = ["replan", str(MORNINGS), str(week1), "--now", "2026-12-10", "--done", str(done)]
    assert cli.main([*argv, *FAST]) == 1
    assert "re-planned: infeasible" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("done", "now", "message"),
    [
        ({"zz": 2}, "2026-12-09", "done.zz"),
        ({"a": "200%"}, "2026-12-09", "done.a"),
        ({}, "next monday", "--now"),
        ({}, "2027-02-01", "outside the horizon"),
        ({"a": 4}, "2026-12-09", "latest date 2026-12-08 is before now"),
    ],
)
def test_replan_bad_input_exits_2(
    week1: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    done: dict[str, object],
    now: str,
    message: str,
) -> None:
    """A bad --done entry or --now day: exit 2, one line naming it, no traceback."""
    path = tmp_path / "done.json"
    path.write_text(json.dumps(done), encoding="utf-8")
    argv = ["replan", str(MORNINGS), str(week1), "--now", now, "--done", str(path), *FAST]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
