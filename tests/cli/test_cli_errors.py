"""Every exception reaching the CLI's main becomes a documented exit code and one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import DATA, run_module

import mission_planner.cli as cli

MISSION = str(DATA / "short_mission.yaml")


def failing(error: BaseException) -> Any:
    def solve(*args: Any, **kwargs: Any) -> Any:
        raise error

    return solve


@pytest.mark.parametrize(
    ("error", "code", "fragment"),
    [
        (TypeError("can't compare"), cli.EXIT_BUG, "internal error (a bug in mission_planner)"),
        (RecursionError("too deep"), cli.EXIT_BUG, "RecursionError: too deep"),
        (OverflowError("int too large"), cli.EXIT_BUG, "please report it"),
        (MemoryError(), cli.EXIT_NO_MEMORY, "out of memory"),
        (KeyboardInterrupt(), cli.EXIT_INTERRUPTED, "interrupted"),
    ],
)
def test_exceptions_map_to_their_exit_code(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    code: int,
    fragment: str,
) -> None:
    """A bug exits 70 (never 1, which means infeasible), memory 4, Ctrl-C 130; one line each."""
    monkeypatch.setattr(cli.commands, "plan", failing(error))
    assert cli.main(["plan", MISSION, "--quiet"]) == code
    err = capsys.readouterr().err
    assert fragment in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_bad_input_in_a_subprocess_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """A hostile file (an alias bomb) through the real command: exit 2, one line, no traceback."""
    bomb = tmp_path / "bomb.yaml"
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    bomb.write_text("\n".join(lines) + "\n")
    done = run_module("plan", str(bomb))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_plan_lists_each_skipped_or_transformed_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI prints every skipped or transformed calendar event by title, with the reason."""
    agenda = tmp_path / "agenda.ics"
    agenda.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:t\n"
        "BEGIN:VEVENT\nUID:c\nSUMMARY:Congés\nDTSTART;VALUE=DATE:20261211\n"
        "DTEND;VALUE=DATE:20261212\nTRANSP:TRANSPARENT\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:r\nSUMMARY:Backwards\nDTSTART:20261208T100000\n"
        "DTEND:20261208T090000\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    cli.main(
        ["plan", MISSION, "--ics", str(agenda), "--quiet", "--time-limit", "2", "--workers", "1"]
    )
    out = capsys.readouterr().out
    assert "transformed 'Congés' (2026-12-11): all-day leave shown as free" in out
    assert "skipped 'Backwards' (2026-12-08 10:00): malformed: ends before it starts" in out


def test_closed_output_pipe_neither_fails_nor_skips_the_outputs(tmp_path: Path) -> None:
    """'plan ... | head -1': the plan's exit code (0, never 1) and --out is still written."""
    out = tmp_path / "plan.json"
    command = [sys.executable, "-m", "mission_planner", "plan", MISSION, "--out", str(out),
               "--time-limit", "2", "--workers", "1"]  # fmt: skip
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        process.stdout.readline()
        process.stdout.close()
        assert process.wait(timeout=120) == 0
    assert out.read_text().startswith("{")
