"""Releases moved to the earliest start after the predecessors (the search's tighter windows)."""

from __future__ import annotations

from pathlib import Path

from mission_planner.diagnosis import with_earliest_starts
from mission_planner.io import load_scenario
from mission_planner.problem import compile_problem

CHAIN = Path(__file__).resolve().parents[1] / "data" / "causes" / "chain_engagement.yaml"


def test_successor_starts_after_its_predecessors_earliest_finish():
    """t1 (8 h, lead alone from Mon 7 Dec 00:00) ends Monday 18:00 at the earliest: t2's release."""
    problem = compile_problem(load_scenario(CHAIN))
    moved = {job.id: job for job in with_earliest_starts(problem).jobs}
    lead = problem.timeline.person(problem.lead)
    assert moved["t1"].release == problem.job("t1").release == 0
    # the lead's 8th free slot ends where t1 can end at the earliest
    assert moved["t2"].release == lead.real_end(8) > problem.job("t2").release
    assert moved["bank"].release == problem.job("bank").release


def test_other_fields_are_kept():
    """Only releases move: efforts, dues, deadlines and people stay."""
    problem = compile_problem(load_scenario(CHAIN))
    for before, after in zip(problem.jobs, with_earliest_starts(problem).jobs, strict=True):
        assert (before.effort, before.due, before.deadline, before.people) == (
            after.effort,
            after.due,
            after.deadline,
            after.people,
        )
