"""A quick subset of the input fuzzer: no traceback, no hang, no invalid file accepted."""

from __future__ import annotations

from pathlib import Path

from benchmarks.fuzz.mutations import INVALID, VALID, mutants
from benchmarks.fuzz.run import run, summary


def test_mutants_are_seeded_and_labelled_by_kind() -> None:
    """The same seed gives the same files; each label follows its kind, not the loader."""
    first = list(mutants(30, seed=3))
    assert [m.text for m in first] == [m.text for m in mutants(30, seed=3)]
    assert all(
        m.valid == (m.kind in VALID) and (m.kind in VALID or m.kind in INVALID) for m in first
    )


def test_quick_fuzz_run_finds_nothing(tmp_path: Path) -> None:
    """About 30 mutated files (loader, short plan, calendars, CLI): every verdict is ok."""
    rows = run(tmp_path, scenarios=20, calendars=8, cli=2, seed=7, progress=False)
    totals = summary(rows)["all"]
    assert totals["files"] == 30
    findings = [(r["file"], r["verdict"], r["error"]) for r in rows if r["verdict"] != "ok"]
    assert findings == []
    assert (tmp_path / "results.md").read_text().startswith("# Fuzzing run")
