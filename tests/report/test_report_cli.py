"""``--out report.html`` on plan and advise, and the calendar options --previous-plan and
--lead-only."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
from html_tree import parse
from report_data import TWO_WEEKS

import mission_planner.cli as cli

FAST = ["--time-limit", "2", "--workers", "1", "--quiet"]


def test_plan_writes_an_html_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """plan --out report.html writes the plan's report (French by default)."""
    path = tmp_path / "report.html"
    assert cli.main(["plan", str(TWO_WEEKS), *FAST, "--out", str(path)]) == 0
    assert f"wrote {path}" in capsys.readouterr().out
    page, problems = parse(path.read_text(encoding="utf-8"))
    assert problems == [] and "Échéancier proposé" in page.by_id("echeancier").all_text()


def test_advise_writes_the_advice_report(tmp_path: Path) -> None:
    """advise --out advice.html writes the recommendation and the message, in --language (the
    .ics too)."""
    path = tmp_path / "advice.html"
    argv = ["advise", str(TWO_WEEKS), *FAST, "--language", "fr", "--out", str(path)]
    ics = tmp_path / "plan.ics"
    assert cli.main([*argv, "--out", str(ics)]) == 0
    events = list(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert any(
        ": " in str(e["SUMMARY"]) and "livraison de la tranche" in str(e["SUMMARY"]) for e in events
    )
    page, problems = parse(path.read_text(encoding="utf-8"))
    assert problems == []
    assert page.by_id("recommendation").all_text().strip()
    assert page.by_id("message-text").all_text().strip()
    assert "Proposition pour la mission" in page.find_all("title")[0].all_text()


def test_calendar_options_reach_the_ics(tmp_path: Path) -> None:
    """--previous-plan of the same plan cancels nothing; --lead-only writes no partner block."""
    first = tmp_path / "plan.json"
    assert cli.main(["plan", str(TWO_WEEKS), *FAST, "--out", str(first)]) == 0
    ics = tmp_path / "plan.ics"
    argv = ["plan", str(TWO_WEEKS), *FAST, "--previous-plan", str(first), "--lead-only"]
    assert cli.main([*argv, "--out", str(ics)]) == 0
    events = list(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert events and all(str(e["STATUS"]) == "CONFIRMED" for e in events)
    assert not any(str(e["SUMMARY"]).endswith("— Hugo") for e in events)


def test_a_missing_previous_plan_is_bad_input(tmp_path: Path) -> None:
    """--previous-plan naming no file exits 2 before solving."""
    argv = ["plan", str(TWO_WEEKS), *FAST, "--previous-plan", str(tmp_path / "none.json")]
    assert cli.main([*argv, "--out", str(tmp_path / "plan.ics")]) == 2


def test_the_previous_plan_is_never_overwritten(tmp_path: Path) -> None:
    """--previous-plan is an input: --out naming the same file is bad input (exit 2)."""
    first = tmp_path / "plan.json"
    assert cli.main(["plan", str(TWO_WEEKS), *FAST, "--out", str(first)]) == 0
    before = first.read_bytes()
    argv = ["plan", str(TWO_WEEKS), *FAST, "--previous-plan", str(first), "--out", str(first)]
    assert cli.main(argv) == 2
    assert first.read_bytes() == before
