"""Tests of gap over time (traces, primal gap, plot) and of the runner's executor."""

from __future__ import annotations

import csv
import json
import multiprocessing as mp
import sys
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `benchmarks` is a top-level package of the repository
    sys.path.insert(0, str(ROOT))

from benchmarks import gaps, runner  # noqa: E402
from benchmarks.__main__ import main  # noqa: E402
from benchmarks.suites import SUITES  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_primal_gap_is_bounded_and_zero_only_at_the_best():
    """Berthold's primal gap: 0 at the best value, 100 without a plan or across signs."""
    assert gaps.primal_gap(5.0, 5.0) == 0.0
    assert gaps.primal_gap(None, 5.0) == gaps.primal_gap(5.0, None) == 100.0
    assert gaps.primal_gap(-1.0, 2.0) == 100.0
    assert gaps.primal_gap(150.0, 100.0) == pytest.approx(100 * 50 / 150)
    assert gaps.primal_gap(0.0, 0.0) == 0.0
    assert gaps.primal_gap(7.0, 0.0) == 100.0


@given(st.floats(0, 1e9), st.floats(0, 1e9))
def test_primal_gap_lies_in_0_100(value, best):
    """For non-negative objectives the primal gap is in [0, 100], 0 at the best value and
    positive when the values differ by more than rounding."""
    g = gaps.primal_gap(value, best)
    assert 0.0 <= g <= 100.0
    assert gaps.primal_gap(value, value) == 0.0
    if abs(value - best) > 1e-6 * max(abs(value), abs(best), 1.0):
        assert g > 0.0


def test_incumbents_step_with_the_trace():
    """At each time, the best value found so far; None before the first plan."""
    points = [(0.5, 10.0), (2.0, 7.0), (3.0, 4.0)]
    assert gaps.incumbents(points, np.array([0.1, 0.5, 1.0, 2.5, 9.0])) == [
        None,
        10.0,
        10.0,
        7.0,
        4.0,
    ]


def test_mean_gaps_count_invalid_and_missing_plans_fully():
    """A run without a plan or with checker violations counts 100 %, a run at the best 0."""

    def row(instance, contender, objective, trace, violations="0"):
        return {
            "instance": str(instance),
            "contender": contender,
            "objective": objective,
            "reference": "",
            "bound": "",
            "violations": violations,
            "trace": json.dumps(trace),
            "total_time": "1",
            "time_limit": "1",
        }

    rows = [
        row(0, "a", "10", [[0.1, 20.0], [0.5, 10.0]]),
        row(0, "b", "5", [[0.2, 5.0]], violations="2"),
        row(1, "a", "", []),
        row(1, "b", "3", [[0.3, 3.0]]),
    ]
    curves = gaps.mean_gaps(rows, ["a", "b"], np.array([0.05, 0.15, 1.0]))
    # instance 0: best valid = 10 (b's 5 fails the checker); instance 1: best = 3
    assert curves["a"].tolist() == [100.0, pytest.approx((50.0 + 100.0) / 2), 50.0]
    assert curves["b"].tolist() == [100.0, 100.0, 50.0]


def test_cli_records_traces_and_plots_the_gap_over_time(tmp_path):
    """The contenders of consultant-nosplit on S seed 0 at 2 s: valid plans, a monotone trace
    ending at the plan, the gap table in results.md, and a PNG from `plot`."""
    pytest.importorskip("matplotlib")
    names = ["ours", "dispatch", "naive"]  # cpsat-cold: ours' code path, without the hint
    if SUITES["consultant-nosplit"].contenders["pyjobshop"].available()[0]:
        names.append("pyjobshop")
    argv = ["run", "consultant-nosplit", "--size", "S", "--seeds", "0", "--time-limit", "2"]
    argv += ["--contenders", ",".join(names)]
    argv += ["--workers", "1", "--seed", "0", "--out", str(tmp_path)]
    assert main(argv) == 0
    rows = _rows(tmp_path / "results.csv")
    assert sorted(r["contender"] for r in rows) == sorted(names)
    for r in rows:
        assert r["status"] in ("optimal", "feasible"), r
        assert r["violations"] == "0", r
        trace = runner.parse_trace(r["trace"])
        assert trace, r
        times = [t for t, _ in trace]
        values = [v for _, v in trace]
        assert times == sorted(times) and times[-1] <= float(r["total_time"]) + 1e-3
        assert all(a > b for a, b in pairwise(values))
        assert values[-1] == pytest.approx(float(r["objective"]))
    text = (tmp_path / "results.md").read_text()
    assert "Mean primal gap" in text and "| naive |" in text
    assert main(["plot", str(tmp_path)]) == 0
    png = tmp_path / "gap_over_time.png"
    assert png.read_bytes()[:8] == PNG_MAGIC


def test_plot_refuses_a_directory_without_results(tmp_path, capsys):
    """`plot` on a directory without results.csv is an error naming the file, not a crash."""
    pytest.importorskip("matplotlib")
    assert main(["plot", str(tmp_path)]) == 2
    assert "results.csv" in capsys.readouterr().err


def test_run_suite_accepts_an_executor(tmp_path):
    """A process pool as executor runs the suite: rows written, each run its own process."""
    suite = SUITES["orlib"]
    csv_path = tmp_path / "results.csv"
    with ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn")) as pool:
        rows = runner.run_suite(
            csv_path,
            size="40",
            indices=[53, 28],
            contenders=[suite.contenders["dispatch"]],
            time_limit=1,
            workers=1,
            seed=0,
            suite=suite,
            log=lambda _: None,
            executor=pool,
        )
    assert {int(r["instance"]) for r in rows} == {53, 28}
    assert all(r["status"] == "feasible" and float(r["peak_rss_mb"]) > 0 for r in rows)
    assert all(runner.parse_trace(r["trace"]) for r in rows)
    assert _rows(csv_path) == rows
