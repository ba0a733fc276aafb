"""The Python blocks of docs/replan.md run, in order, as a reader would paste them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "replan.md").read_text(encoding="utf-8")


def test_replan_doc_snippets_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Python block of the re-plan page runs (time limits as written: a few seconds)."""
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    blocks = [
        code for lang, code in re.findall(r"```(\w+)\n(.*?)```", DOC, re.S) if lang == "python"
    ]
    assert len(blocks) >= 3
    for code in blocks:
        exec(compile(code, "docs/replan.md", "exec"), namespace)
    assert namespace["week2"].has_plan  # type: ignore[attr-defined]
