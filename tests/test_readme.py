"""Every README snippet runs: the Python blocks in order, and each command-line example.

The Python blocks run in one namespace from the repository root, with their time limits cut to
2 s. The command-line examples run as ``python -m mission_planner`` in a temporary folder, the
file names of the examples standing for files the repository ships (``scenario.yaml`` is the
bundled example, ``mission.yaml`` a short mission, ``agenda.ics`` a Google export). The set-up
block (virtual environment, install) is what CI itself runs.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)
FILES = {
    "scenario.yaml": ROOT / "src" / "mission_planner" / "examples" / "bundled.yaml",
    "pipeline.yaml": ROOT / "src" / "mission_planner" / "examples" / "pipeline.yaml",
    "mission.yaml": ROOT / "tests" / "cli" / "data" / "short_mission.yaml",
    "agenda.ics": ROOT / "tests" / "data" / "ics" / "google.ics",
}


def blocks(language: str) -> list[str]:
    return [code for lang, code in BLOCK.findall(README) if lang == language]


def test_python_snippets_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's Python blocks run in order, as a reader would paste them."""
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    code = blocks("python")
    assert len(code) >= 3
    for snippet in code:
        fast = re.sub(r"time_limit=\d+(\.\d+)?", "time_limit=2", snippet)
        exec(compile(fast, "README.md", "exec"), namespace)


def command_lines() -> list[str]:
    lines = []
    for block in blocks("bash"):
        for line in block.splitlines():
            line = line.split("#")[0].strip()
            if line.startswith("mission-planner "):
                lines.append(line)
    return lines


@pytest.mark.parametrize("line", command_lines())
def test_command_line_examples_run(line: str, tmp_path: Path) -> None:
    """Each ``mission-planner`` example of the README exits 0 on the files it stands for."""
    words = shlex.split(line)
    target = None
    if ">" in words:
        target = tmp_path / words[words.index(">") + 1]
        words = words[: words.index(">")]
    args = [str(FILES.get(w, w)) for w in words[1:]]
    args = [
        "2" if prev == "--time-limit" else a for prev, a in zip(["", *args[:-1]], args, strict=True)
    ]
    if words[1] in ("plan", "advise", "replan"):
        args += ["--time-limit", "2", "--workers", "1"]
    if words[1] == "replan":  # the previous plan: the bundled example planned
        plan = ["plan", str(FILES["scenario.yaml"]), "--time-limit", "2", "--workers", "1"]
        subprocess.run(
            [sys.executable, "-m", "mission_planner", *plan, "--out", str(tmp_path / "plan.json")],
            cwd=tmp_path, capture_output=True, check=True, timeout=120,
        )  # fmt: skip
    if words[1] == "check":  # the plan written by the example before it
        plan = ["plan", str(FILES["mission.yaml"]), "--time-limit", "2", "--workers", "1"]
        subprocess.run(
            [sys.executable, "-m", "mission_planner", *plan, "--ics", str(FILES["agenda.ics"]),
             "--out", str(tmp_path / "plan.json")],
            cwd=tmp_path, capture_output=True, check=True, timeout=120,
        )  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "mission_planner", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "120"},
        check=False,
    )
    assert done.returncode == 0, (line, done.stdout[-2000:], done.stderr[-2000:])
    if target is not None:
        target.write_text(done.stdout, encoding="utf-8")
        assert target.stat().st_size > 0
