"""The notebooks in notebooks/: each runs top to bottom, and the committed files carry no outputs.

Each notebook runs in a fresh ``python3`` kernel (nbclient), in a temporary working directory,
with ``MISSION_PLANNER_TIME_LIMIT=1`` and ``MISSION_PLANNER_WORKERS=1`` so that every solve is
short, and with the repository root on ``PYTHONPATH`` so that the benchmarks notebook finds
``benchmarks/`` from anywhere (its results go under the test's temporary directory). The
notebooks check every plan they make with ``check``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from pathlib import Path
from types import ModuleType

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
DOCUMENTED = {
    "01_quickstart.ipynb",
    "02_the_three_levers.ipynb",
    "03_exploring_alternatives.ipynb",
    "04_benchmarks.ipynb",
    "05_a_month_in_the_life.ipynb",
}
CELL_TIMEOUT = 600
"""Seconds a cell may run: a guard against a hung kernel, not a timing assertion."""
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
"""The terminal colour codes of IPython's tracebacks."""


def _strip_outputs() -> ModuleType:
    """The ``notebooks/strip_outputs.py`` script, imported as a module."""
    spec = importlib.util.spec_from_file_location("strip_outputs", NOTEBOOKS / "strip_outputs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _code_cells(path: Path) -> list[dict[str, object]]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [c for c in cells if c["cell_type"] == "code"]


def test_the_documented_notebooks_exist():
    """notebooks/ holds the four notebooks docs/notebooks.md and the README link to."""
    assert {p.name for p in PATHS} >= DOCUMENTED


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_notebook_runs_without_error(path, tmp_path, monkeypatch):
    """Every cell runs without raising, with 1 s solves, in an empty working directory."""
    monkeypatch.setenv("MISSION_PLANNER_TIME_LIMIT", "1")
    monkeypatch.setenv("MISSION_PLANNER_WORKERS", "1")
    monkeypatch.setenv("MISSION_PLANNER_BENCHMARK_DIR", str(tmp_path))
    python_path = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(python_path))
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        message = ANSI_COLOUR.sub("", str(error))
        pytest.fail(f"{path.name}: a cell raised\n{message}", pytrace=False)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all(c.execution_count is not None for c in code)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_committed_notebook_has_no_outputs(path):
    """The committed notebook has no outputs and no execution counts (stripped in git)."""
    dirty = [
        i
        for i, cell in enumerate(_code_cells(path))
        if cell.get("outputs") or cell.get("execution_count") is not None
    ]
    assert dirty == [], (
        f"{path.name}: code cells {dirty} carry outputs or execution counts; "
        "run python notebooks/strip_outputs.py"
    )


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_notebook_reads_its_time_limit_from_the_environment(path):
    """The notebook's TIME_LIMIT comes from MISSION_PLANNER_TIME_LIMIT, so CI can run it fast."""
    source = "\n".join(str(c["source"]) for c in _code_cells(path))
    assert 'TIME_LIMIT = float(os.environ.get("MISSION_PLANNER_TIME_LIMIT"' in source


def test_strip_outputs_removes_outputs_counts_and_run_metadata(tmp_path):
    """notebooks/strip_outputs.py empties outputs and counts and keeps the sources."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    cell = nbformat.v4.new_code_cell("print(1)", execution_count=3)
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    cell.metadata["execution"] = {"iopub.status.busy": "2026-12-01T09:00:00Z"}
    notebook.cells = [nbformat.v4.new_markdown_cell("# title"), cell]
    path = tmp_path / "executed.ipynb"
    nbformat.write(notebook, path)

    strip_outputs = _strip_outputs()
    assert strip_outputs.strip_file(path) is True
    assert strip_outputs.strip_file(path) is False  # already clean: the file is left alone

    clean = nbformat.read(path, as_version=4)
    assert [c.source for c in clean.cells] == ["# title", "print(1)"]
    assert clean.cells[1].outputs == [] and clean.cells[1].execution_count is None
    assert "execution" not in clean.cells[1].metadata
    assert clean.metadata["language_info"] == {"name": "python"}
