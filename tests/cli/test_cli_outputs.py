"""The user's files are safe: --out is checked before solving and written atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_helpers import DATA, FAST, ICS

import mission_planner.cli as cli
from mission_planner import plan
from mission_planner.errors import InputError
from mission_planner.io import load_scenario
from mission_planner.io.outputs import check_outputs, write_outputs

CALENDAR = ICS / "google.ics"


@pytest.fixture
def mission(tmp_path: Path) -> Path:
    """A copy of the short mission in a scratch folder."""
    copy = tmp_path / "mission.yaml"
    copy.write_bytes((DATA / "short_mission.yaml").read_bytes())
    return copy


def run(*argv: str) -> int:
    return cli.main(["plan", *argv, *FAST, "--quiet"])


def test_out_never_overwrites_the_scenario(
    mission: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--out onto the scenario being read is refused before solving; the file is unchanged."""
    before = mission.read_bytes()
    renamed = mission.with_suffix(".json")
    os.link(mission, renamed)  # the same file under a JSON name
    assert run(str(mission), "--out", str(renamed)) == 2
    assert "is an input of this command" in capsys.readouterr().err
    assert mission.read_bytes() == before


def test_out_never_overwrites_the_calendar_read(
    mission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--out onto the --ics calendar being imported is refused; the calendar is unchanged."""
    calendar = tmp_path / "agenda.ics"
    calendar.write_bytes(CALENDAR.read_bytes())
    assert run(str(mission), "--ics", str(calendar), "--out", str(calendar)) == 2
    assert "is an input of this command" in capsys.readouterr().err
    assert calendar.read_bytes() == CALENDAR.read_bytes()


def test_out_refuses_a_symlink_unless_asked(
    mission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A dangling link is refused (nothing made elsewhere); --follow-symlinks writes its target."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = tmp_path / "plan.json"
    link.symlink_to(elsewhere / "target.json")
    assert run(str(mission), "--out", str(link)) == 2
    assert "is a symbolic link" in capsys.readouterr().err
    assert not (elsewhere / "target.json").exists()
    assert run(str(mission), "--out", str(link), "--follow-symlinks") == 0
    assert (elsewhere / "target.json").read_text().startswith("{")
    assert link.is_symlink()


def test_every_out_is_checked_before_any_is_written(
    mission: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bad second --out stops the command before solving: the first is not written."""
    monkeypatch.setattr(cli.commands, "plan", lambda *a, **k: pytest.fail("plan should not run"))
    first = tmp_path / "plan.json"
    assert run(str(mission), "--out", str(first), "--out", str(tmp_path / "no" / "p.ics")) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not first.exists()


def test_a_write_that_fails_leaves_every_target_as_it_was(tmp_path: Path) -> None:
    """All or nothing: when a later output cannot be written, the earlier ones are not either.

    Both targets pass the checks; the second one's folder then vanishes before writing.
    """
    scenario = load_scenario(DATA / "short_mission.yaml")
    result = plan(scenario, time_limit=2, seed=0, workers=1)
    first = tmp_path / "plan.json"
    first.write_text("the user's previous plan\n")
    folder = tmp_path / "exports"
    folder.mkdir()
    outputs = check_outputs([first, tmp_path / "plan.csv", folder / "plan.ics"])
    folder.rmdir()
    with pytest.raises(InputError, match="cannot be written"):
        write_outputs(result, outputs, scenario)
    assert first.read_text() == "the user's previous plan\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


def test_two_outs_naming_the_same_file_are_refused(tmp_path: Path) -> None:
    """Two targets for one file are refused (the second would silently win)."""
    with pytest.raises(InputError, match="already written by --out"):
        check_outputs([tmp_path / "p.json", tmp_path / "." / "p.json"])


def test_a_folder_of_tables_may_not_hold_an_input(tmp_path: Path) -> None:
    """--out FOLDER/ would write schedule.csv: refused when that file is an input."""
    (tmp_path / "schedule.csv").write_text("x\n")
    with pytest.raises(InputError, match="is an input"):
        check_outputs([f"{tmp_path}/"], [tmp_path / "schedule.csv"])


def test_writing_is_atomic_and_keeps_no_temporary_files(mission: Path, tmp_path: Path) -> None:
    """An existing output is replaced whole, and no temporary file is left beside it."""
    target = tmp_path / "plan.ics"
    target.write_text("old calendar\n")
    assert run(str(mission), "--out", str(target)) == 0
    assert target.read_text().startswith("BEGIN:VCALENDAR")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mission.yaml", "plan.ics"]


@pytest.mark.parametrize(
    ("target", "message"),
    [("plan.pdf", "unknown output type"), ("plan", "unknown output type"), ("d.json/", "")],
)
def test_bad_targets_are_refused_with_a_reason(tmp_path: Path, target: str, message: str) -> None:
    """Unknown suffixes are refused; a path ending in '/' is a folder of CSV tables."""
    if message:
        with pytest.raises(InputError, match=message):
            check_outputs([tmp_path / target])
    else:
        (output,) = check_outputs([f"{tmp_path}/{target}"])
        assert output.folder
