"""The priority rules and the local search stop at their deadline with a valid plan.

A fake clock stands in for ``time.perf_counter``: it moves only when a decode runs, so the
tests say nothing of real timings.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

import pytest
from test_heuristic_plans import with_engagements, with_partners

from mission_planner.heuristics.decoder import Decoder
from mission_planner.heuristics.dispatch import best_dispatch, candidate_orders
from mission_planner.heuristics.local_search import improve
from mission_planner.plan_hint import verified
from mission_planner.problem import compile_problem
from mission_planner.scenario import Scenario


class FakeClock:
    """``perf_counter`` that reads ``now``; each decode moves it on by ``per_decode``."""

    def __init__(self, per_decode: float) -> None:
        self.now = 0.0
        self.per_decode = per_decode
        self.decodes = 0

    def perf_counter(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """A fake clock for the heuristics' modules; ``Decoder.run`` moves it and is counted."""
    fake = FakeClock(per_decode=1.0)
    for name in ("dispatch", "local_search", "search"):  # modules, not the functions re-exported
        monkeypatch.setattr(import_module(f"mission_planner.heuristics.{name}"), "time", fake)
    run = Decoder.run

    def slow_run(self: Decoder, *args: object, **kwargs: object) -> object:
        fake.decodes += 1
        fake.now += fake.per_decode
        return run(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Decoder, "run", slow_run)
    return fake


@pytest.mark.parametrize(
    ("make", "time_limit", "decodes"),
    [(with_partners, 3.0, 2), (with_engagements, 3.0, 2), (with_partners, 0.0, 1)],
)
def test_dispatch_stops_at_its_deadline_with_a_valid_plan(
    make: Callable[[], Scenario], time_limit: float, decodes: int, clock: FakeClock
) -> None:
    """Each decode takes 1 s and the rules get half of the time: 3 s, two decodes; none at
    all, still the first one; then the best plan so far."""
    problem = compile_problem(make())
    assert len(candidate_orders(problem)) > 2  # more candidates than the time allows
    decoded, _, _ = best_dispatch(problem, time_limit=time_limit, repair_evaluations=0)
    assert clock.decodes == decodes
    assert decoded.solution is not None
    assert verified(problem, decoded.solution)


def test_improve_stops_at_its_deadline_with_a_valid_plan(clock: FakeClock) -> None:
    """The search gets 4 s at 1 s a decode: 4 decodes of its 500, and a valid plan."""
    problem = compile_problem(with_partners())
    start = [job.id for job in problem.jobs]
    better = improve(problem, start, max_evaluations=500, time_limit=4.0, rules=True)
    assert clock.decodes == 4
    assert verified(problem, better)


def test_improve_returns_its_input_when_no_time_is_left(clock: FakeClock) -> None:
    """A plan given with no time left comes back as it is, without a decode."""
    problem = compile_problem(with_partners())
    decoded, _, _ = best_dispatch(problem, time_limit=0.0, repair_evaluations=0)
    assert decoded.solution is not None
    clock.decodes = 0
    assert improve(problem, decoded.solution, time_limit=0.0) is decoded.solution
    assert clock.decodes == 0
