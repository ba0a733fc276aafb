"""``explain``: the causes of a solve without a plan, within the call's budget."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mission_planner import Scenario, Status
from mission_planner.diagnosis import CauseKind, Remedy, explain, find_causes
from mission_planner.problem import Problem, compile_problem

DATA = Path(__file__).parent.parent / "data" / "causes"


def problem(name: str) -> Problem:
    """The compiled problem of a cause scenario."""
    return compile_problem(Scenario.from_file(DATA / f"{name}.yaml"))


def test_unknown_is_undecided_with_the_time_limit() -> None:
    """UNKNOWN is explained as undecided (remedy: more time), quoting the time limit."""
    causes = explain(problem("capacity"), Status.UNKNOWN, deadline=0.0, time_limit=7.5)
    assert [(c.kind, c.remedy, c.time_limit) for c in causes] == [
        (CauseKind.UNDECIDED, Remedy.MORE_TIME, 7.5)
    ]


def test_causes_before_search_need_no_time_left() -> None:
    """With the budget spent, causes from the checks before search are still given."""
    causes = explain(problem("capacity"), Status.INFEASIBLE, deadline=time.perf_counter() - 1)
    assert [c.kind for c in causes] == [CauseKind.CAPACITY]


def test_no_time_left_gives_a_plain_unisolated_cause() -> None:
    """No check before search applies and no time is left: infeasible, cause not isolated."""
    deadlines = problem("deadlines")
    assert find_causes(deadlines) == []
    causes = explain(deadlines, Status.INFEASIBLE, deadline=time.perf_counter(), time_limit=3)
    assert [(c.kind, c.remedy) for c in causes] == [(CauseKind.UNISOLATED, Remedy.MORE_TIME)]


def test_time_left_names_the_conflicting_deadlines() -> None:
    """With time left, CP-SAT's assumptions name mission deadlines that cannot hold together."""
    causes = explain(problem("deadlines"), Status.INFEASIBLE, deadline=time.perf_counter() + 2)
    assert [c.kind for c in causes] == [CauseKind.DEADLINES]
    assert causes[0].tasks and set(causes[0].tasks) <= {"a", "b", "c"}


def test_a_status_with_a_plan_is_refused() -> None:
    """Explaining an OPTIMAL solve is a caller's mistake, named in the error."""
    with pytest.raises(ValueError, match="status='optimal'"):
        explain(problem("capacity"), Status.OPTIMAL, deadline=0.0)
