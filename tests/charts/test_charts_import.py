"""matplotlib stays optional: the core imports without it, charts says how to install it."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest


def test_core_import_does_not_load_matplotlib() -> None:
    """import mission_planner (and planning) does not import matplotlib."""
    code = "import sys, mission_planner; assert 'matplotlib' not in sys.modules, 'loaded'"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_charts_without_matplotlib_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing mission_planner.charts without matplotlib names the 'plot' extra."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    for name in [m for m in sys.modules if m.startswith("mission_planner.charts")]:
        monkeypatch.delitem(sys.modules, name)
    with pytest.raises(ImportError, match=r'pip install "mission-planner\[plot\]"'):
        importlib.import_module("mission_planner.charts")


def test_charts_exports_one_function_per_chart() -> None:
    """mission_planner.charts exports gantt, load, pareto and echeancier."""
    charts = importlib.import_module("mission_planner.charts")
    assert {"gantt", "load", "pareto", "echeancier"} <= set(charts.__all__)
    assert all(
        callable(getattr(charts, name)) for name in ("gantt", "load", "pareto", "echeancier")
    )
