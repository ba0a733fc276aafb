"""The lead's reserve: EDF shortfall is exact, and the decoder keeps the lead free for it."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.heuristics.test_heuristic_plans import assert_feasible

from mission_planner.heuristics import AUTO, EAGER, Decoder, dispatch
from mission_planner.heuristics.reserve import Demand, shortfall, without
from mission_planner.problem import compile_problem
from mission_planner.scenario import (
    Engagement,
    FixedBlock,
    Lead,
    Mission,
    Partner,
    Scenario,
    Task,
)

START = dt.date(2026, 3, 2)  # a Monday


def most_done(runs: list[tuple[int, int]], demands: list[Demand]) -> int:
    """Most slots of work done by their latest finish: a maximum bipartite matching of
    work units to free positions (augmenting paths), independent of EDF."""
    positions = [t for a, b in runs for t in range(a, b)]
    units = [d for d in demands for _ in range(d.effort)]
    owner: dict[int, int] = {}

    def augment(u: int, seen: set[int]) -> bool:
        for t in positions:
            if units[u].release <= t < units[u].latest and t not in seen:
                seen.add(t)
                if t not in owner or augment(owner[t], seen):
                    owner[t] = u
                    return True
        return False

    return sum(augment(u, set()) for u in range(len(units)))


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[tuple[int, int]], list[Demand]]:
    cuts = sorted(draw(st.sets(st.integers(0, 30), max_size=10)))
    runs = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if b > a]
    demands = []
    for _ in range(draw(st.integers(0, 5))):
        release = draw(st.integers(0, 28))
        latest = draw(st.integers(release + 1, 31))
        demands.append(Demand(release, latest, draw(st.integers(1, 6))))
    return runs, demands


@settings(max_examples=200, deadline=None)
@given(cases())
def test_shortfall_is_the_work_no_schedule_can_do_in_time(
    case: tuple[list[tuple[int, int]], list[Demand]],
) -> None:
    """EDF leaves undone exactly the effort a maximum matching leaves undone."""
    runs, demands = case
    total = sum(d.effort for d in demands)
    assert shortfall(runs, demands) == total - most_done(runs, demands)


def test_shortfall_counts_work_released_after_the_last_run() -> None:
    assert shortfall([(0, 5)], [Demand(3, 10, 4), Demand(7, 9, 2)]) == 2 + 2
    assert shortfall([(0, 5)], [Demand(0, 5, 5)]) == 0
    assert shortfall([], [Demand(0, 5, 1)]) == 1


def test_without_cuts_pieces_out_of_runs() -> None:
    runs = [(0, 10), (20, 30)]
    assert without(runs, []) == runs
    assert without(runs, [(22, 3), (0, 2), (5, 5)]) == [(2, 5), (20, 22), (25, 30)]


def squeezed() -> Scenario:
    """The lead's first two days are all the engagement's; a delegable task comes first."""
    return Scenario(
        start=START,
        end=START + dt.timedelta(days=13),
        partners=(Partner(id="pia", day_rate=900),),
        engagements=(
            Engagement(
                id="e1",
                effort_hours=16,
                earliest_start=START,
                deadline=START + dt.timedelta(days=1),
            ),
        ),
        mission=Mission(
            client="c",
            tasks=(
                Task(
                    id="t",
                    effort_hours=8,
                    due=START + dt.timedelta(days=1),
                    deadline=START + dt.timedelta(days=4),
                ),
            ),
        ),
    )


def test_delegable_work_leaves_the_lead_time_lead_only_work_needs() -> None:
    """Decoded first, the delegable task still goes to the partner, the lead joining only
    after the engagement: the lead's two days are the engagement's, which is on time."""
    problem = compile_problem(squeezed())
    decoded = Decoder(problem).run(["t", "e1"])
    assert decoded.violation == 0
    assert_feasible(problem, decoded.solution)
    assert decoded.solution is not None
    chunks = decoded.solution.chunks
    assert "pia" in {c.person for c in chunks if c.job == "t"}
    engagement_end = max(c.end for c in chunks if c.job == "e1")
    assert all(c.start >= engagement_end for c in chunks if c.job == "t" and c.person == "lead")
    assert dispatch(problem) is not None


def test_eager_mode_staffs_whoever_finishes_first() -> None:
    """With the lead busy on the first day, ``auto`` keeps the on-time task with the lead
    (free of charge) and ``eager`` gives it to the partner, who finishes a day earlier."""
    scenario = Scenario(
        start=START,
        end=START + dt.timedelta(days=13),
        partners=(Partner(id="pia", day_rate=900),),
        fixed_blocks=(FixedBlock(id="busy", date=START),),
        kickoff_hours=0,
        coordination_share=0,
        mission=Mission(
            client="c",
            tasks=(Task(id="t", effort_hours=4, due=START + dt.timedelta(days=9)),),
        ),
    )
    problem = compile_problem(scenario)
    decoder = Decoder(problem)
    people = {}
    for mode in (AUTO, EAGER):
        decoded = decoder.run(["t"], {"t": mode})
        assert_feasible(problem, decoded.solution)
        assert decoded.solution is not None
        people[mode] = {c.person for c in decoded.solution.chunks}
    assert people == {AUTO: {"lead"}, EAGER: {"pia"}}


def test_work_no_one_finishes_alone_is_shared_by_the_team() -> None:
    """32 h due in two days, only two partners able: each alone is late, together on time."""
    scenario = Scenario(
        start=START,
        end=START + dt.timedelta(days=13),
        lead=Lead(skills=("strategy",)),
        partners=(
            Partner(id="ana", day_rate=900, skills=("sql",)),
            Partner(id="bob", day_rate=800, skills=("sql",)),
        ),
        kickoff_hours=0,
        coordination_share=0,
        mission=Mission(
            client="c",
            tasks=(
                Task(
                    id="t",
                    effort_hours=32,
                    skills=("sql",),
                    due=START + dt.timedelta(days=1),
                    deadline=START + dt.timedelta(days=1),
                ),
            ),
        ),
    )
    problem = compile_problem(scenario)
    decoded = Decoder(problem).run(["t"])
    assert decoded.violation == 0
    assert_feasible(problem, decoded.solution)
    assert decoded.solution is not None
    assert {c.person for c in decoded.solution.chunks} == {"ana", "bob"}
