"""Smoke tests of the OR-Library benchmark suite (reader, baselines, planner, CLI)."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `benchmarks` is a top-level package of the repository
    sys.path.insert(0, str(ROOT))

from benchmarks import orlib, ours  # noqa: E402
from benchmarks.__main__ import main  # noqa: E402
from benchmarks.baselines import dispatch, naive_cpsat  # noqa: E402

needs_plan = pytest.mark.skipif(not ours.available(), reason="mission_planner.plan not available")


def brute_force(inst: orlib.Instance) -> int:
    """Optimum of a tiny instance by trying every sequence."""
    return min(inst.objective(seq) for seq in itertools.permutations(range(inst.n)))


def sub_instance(size: int, index: int, k: int) -> orlib.Instance:
    """The first ``k`` jobs of an instance, with their brute-force optimum as reference."""
    inst = orlib.instance(size, index)
    sub = orlib.Instance(size, index, inst.p[:k], inst.w[:k], inst.d[:k], 0, True)
    return orlib.Instance(size, index, sub.p, sub.w, sub.d, brute_force(sub), True)


@pytest.mark.parametrize(
    ("size", "first_ref", "last_ref", "zeros", "optimal"),
    [(40, 913, 104531, 18, True), (50, 2134, 110392, 17, True), (100, 5988, 560754, 18, False)],
)
def test_reader_lines_up_instances_and_references(size, first_ref, last_ref, zeros, optimal):
    """Each file gives 125 instances of the right size, in the order of its reference file."""
    instances = orlib.load(size)
    assert len(instances) == 125
    assert [i.index for i in instances] == list(range(1, 126))
    for inst in instances:
        assert len(inst.p) == len(inst.w) == len(inst.d) == size
        assert all(1 <= p <= 100 for p in inst.p)
        assert all(1 <= w <= 10 for w in inst.w)
        assert all(d >= 0 for d in inst.d)
        assert inst.optimal is optimal
    assert instances[0].reference == first_ref
    assert instances[-1].reference == last_ref
    assert sum(i.reference == 0 for i in instances) == zeros
    # the first numbers of wt40.txt, as printed in the file
    assert orlib.instance(40, 1).p[:5] == (26, 24, 79, 46, 32)


def test_zero_optimum_instances_have_a_zero_sequence():
    """An instance whose optimum is 0 has an on-time sequence (EDD finds it on wt40 #53)."""
    inst = orlib.instance(40, 53)
    assert inst.reference == 0
    assert inst.objective(dispatch.edd(inst)) == 0


@pytest.mark.parametrize("index", [3, 28, 53, 123])
def test_dispatch_never_beats_the_reference(index):
    """The dispatch baseline returns a real sequence whose cost is not below the optimum."""
    inst = orlib.instance(40, index)
    sequence, value = dispatch.best_sequence(inst)
    assert sorted(sequence) == list(range(inst.n))
    assert value == inst.objective(sequence) >= inst.reference
    outcome = dispatch.solve(inst)
    assert outcome.objective == value
    assert outcome.bound is None


def test_naive_cpsat_matches_brute_force_on_a_tiny_instance():
    """The naive CP-SAT model proves the brute-force optimum of the first 8 jobs of wt40 #123."""
    inst = sub_instance(40, 123, 8)
    assert inst.reference > 0
    outcome = naive_cpsat.solve(inst, time_limit=5, workers=1, seed=0)
    assert outcome.status == "optimal"
    assert outcome.objective == inst.reference


def test_scenario_states_the_instance():
    """to_scenario makes one non-splittable task per job, due d hours after the start."""
    inst = orlib.instance(40, 3)
    scenario = orlib.to_scenario(inst)
    tasks = scenario.mission.tasks
    assert len(tasks) == inst.n == scenario.mission.max_tranches
    assert [t.effort_hours for t in tasks] == list(inst.p)
    assert [t.urgency for t in tasks] == list(inst.w)
    assert not any(t.splittable for t in tasks)
    start = dt.datetime.combine(scenario.start, dt.time())
    hours = [(t.due - start).total_seconds() / 3600 for t in tasks]
    assert hours == [min(d, sum(inst.p)) for d in inst.d]
    assert (scenario.end - scenario.start).days * 24 >= sum(inst.p)
    assert scenario.weights.lateness == 1
    assert scenario.weights.partner_cost == scenario.weights.fragmentation == 0


@needs_plan
def test_plan_matches_brute_force_on_a_tiny_instance():
    """The library's objective on the scenario is exactly sum w_j T_j (8 jobs, due dates capped)."""
    inst = sub_instance(40, 123, 8)
    outcome = ours.solve(inst, time_limit=5, workers=1, seed=0)
    assert outcome.objective == inst.reference


@needs_plan
@pytest.mark.parametrize("index", [53, 28])
def test_plan_reaches_easy_optima(index):
    """The planner finds the optimum of an on-time instance (#53) and a small-optimum one (#28)."""
    inst = orlib.instance(40, index)
    outcome = ours.solve(inst, time_limit=5, workers=1, seed=0)
    assert outcome.objective == inst.reference


def test_cli_writes_csv_and_markdown(tmp_path):
    """Two instances, 1 s each: the CLI writes one CSV row per run and a Markdown table."""
    names = "dispatch,naive,ours" if ours.available() else "dispatch,naive"
    argv = ["run", "orlib", "--size", "40", "--time-limit", "1", "--workers", "1"]
    argv += ["--instances", "53,28", "--contenders", names, "--out", str(tmp_path)]
    assert main(argv) == 0
    with (tmp_path / "results.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {(int(r["instance"]), r["contender"]) for r in rows} == {
        (i, c) for i in (53, 28) for c in names.split(",")
    }
    assert all(r["status"] in ("optimal", "feasible") for r in rows), rows
    assert all(float(r["objective"]) >= float(r["reference"]) for r in rows)
    text = (tmp_path / "results.md").read_text()
    assert "| dispatch |" in text and "time limit 1 s" in text.lower()
    # resuming runs nothing new and keeps the rows
    assert main(argv) == 0
    with (tmp_path / "results.csv").open(newline="") as handle:
        assert len(list(csv.DictReader(handle))) == len(rows)
