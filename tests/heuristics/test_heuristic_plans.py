"""Plans of the heuristics (dispatch, decode, improve) are feasible, deterministic and improving.

The checker below shares nothing with the heuristics: it reads the compiled problem and the
solution and verifies every hard rule of the plan format.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from mission_planner.heuristics import (
    EARLY,
    LATE,
    Candidate,
    Decoder,
    atc_order,
    candidate_orders,
    decode,
    dispatch,
    edd_order,
    improve,
)
from mission_planner.heuristics.search import _Moves
from mission_planner.problem import Problem, compile_problem
from mission_planner.scenario import (
    BusyBlock,
    Calendar,
    Engagement,
    FixedBlock,
    Lead,
    Mission,
    Partner,
    Scenario,
    Task,
    TimeOff,
    Weekday,
)
from mission_planner.solution import Solution, evaluate

START = dt.date(2026, 3, 2)  # a Monday
ALWAYS = Calendar(working_hours={d: ["00:00-24:00"] for d in Weekday}, country=None)


# ---------------------------------------------------------------------- independent checker
def violations(problem: Problem, solution: Solution) -> list[str]:
    """Every broken rule of ``solution`` (empty when the plan is feasible)."""
    errors: list[str] = []
    jobs = {j.id: j for j in problem.jobs}
    done: dict[str, int] = {}
    count: dict[str, int] = {}
    finish: dict[str, int] = {}
    used: dict[str, set[int]] = {}
    slots: dict[str, int] = {}
    partners: set[str] = set()
    for c in solution.chunks:
        job = jobs.get(c.job)
        if job is None:
            errors.append(f"{c}: unknown job")
            continue
        if c.person not in job.people:
            errors.append(f"{c}: person not allowed")
            continue
        axis = problem.timeline.person(c.person)
        if c.start < 0 or c.end > axis.size:
            errors.append(f"{c}: outside the axis")
            continue
        if c.length < job.min_chunk:
            errors.append(f"{c}: shorter than min_chunk={job.min_chunk}")
        if int(axis.free[c.start]) < job.release:
            errors.append(f"{c}: starts before release")
        positions = set(range(c.start, c.end))
        if used.setdefault(c.person, set()) & positions:
            errors.append(f"{c}: overlaps another chunk")
        used[c.person] |= positions
        done[c.job] = done.get(c.job, 0) + c.length
        count[c.job] = count.get(c.job, 0) + 1
        finish[c.job] = max(finish.get(c.job, 0), int(axis.free[c.end - 1]) + 1)
        slots[c.person] = slots.get(c.person, 0) + c.length
        if job.is_mission and not problem.people[c.person].is_lead:
            partners.add(c.person)
    for job in problem.jobs:
        if done.get(job.id, 0) != job.effort:
            errors.append(f"{job.id}: {done.get(job.id, 0)} slots done, effort {job.effort}")
            continue
        if count[job.id] > job.max_chunks:
            errors.append(f"{job.id}: {count[job.id]} chunks > {job.max_chunks}")
        if finish[job.id] > job.deadline:
            errors.append(f"{job.id}: finishes at {finish[job.id]} > deadline {job.deadline}")
    for c in solution.chunks:
        job = jobs[c.job]
        start = int(problem.timeline.person(c.person).free[c.start])
        for p in job.predecessors:
            if p in finish and start < finish[p]:
                errors.append(f"{c}: starts at {start} before predecessor {p} ends")
    for person, total in slots.items():
        cap = problem.people[person].max_slots
        if cap is not None and total > cap:
            errors.append(f"{person}: {total} slots > cap {cap}")
    if problem.max_partners is not None and len(partners) > problem.max_partners:
        errors.append(f"{sorted(partners)} partners > max_partners {problem.max_partners}")
    errors += coordination_violations(problem, solution, used, partners)
    mission = {j.id for j in problem.mission_jobs}
    if set(solution.tranche) != mission:
        errors.append("tranche keys differ from the mission jobs")
        return errors
    k = len(solution.delivery)
    if not 1 <= k <= problem.max_tranches:
        errors.append(f"{k} tranches, max {problem.max_tranches}")
    if sorted(set(solution.tranche.values())) != list(range(k)):
        errors.append(f"tranches {sorted(set(solution.tranche.values()))} are not 0..{k - 1}")
        return errors
    if any(a > b for a, b in zip(solution.delivery, solution.delivery[1:], strict=False)):
        errors.append(f"deliveries {solution.delivery} decrease")
    for jid, t in solution.tranche.items():
        if jid in finish and solution.delivery[t] < finish[jid]:
            errors.append(f"{jid}: delivered at {solution.delivery[t]} before finish")
        if solution.delivery[t] > jobs[jid].deadline:
            errors.append(f"{jid}: delivered at {solution.delivery[t]} after deadline")
    return errors


def assert_feasible(problem: Problem, solution: Solution | None) -> None:
    assert solution is not None
    errors = violations(problem, solution)
    assert not errors, errors


def coordination_violations(
    problem: Problem, solution: Solution, used: dict[str, set[int]], partners: set[str]
) -> list[str]:
    """The lead's kick-off and follow-up with each partner who works (docs/model.md)."""
    errors: list[str] = []
    lead = problem.lead
    axis = problem.timeline.person(lead)
    blocks: dict[str, list] = {}
    for c in solution.coordination:
        positions = set(range(c.start, c.end))
        if c.person != lead or used.setdefault(lead, set()) & positions:
            errors.append(f"{c}: not the lead's, or overlaps other work")
        used[lead] = used.get(lead, set()) | positions
        blocks.setdefault(c.job, []).append(c)
    names = {f"{kind}:{p}" for p in partners for kind in ("kickoff", "follow-up")}
    if set(blocks) - names:
        errors.append(f"coordination for partners without work: {sorted(set(blocks) - names)}")
    for p in partners:
        mine = [c for c in solution.chunks if c.person == p]
        first = min(int(problem.timeline.person(p).free[c.start]) for c in mine)
        kickoff = blocks.get(f"kickoff:{p}", [])
        kickoff_end = 0
        if problem.kickoff:
            if [c.length for c in kickoff] != [problem.kickoff]:
                errors.append(f"{p}: kick-off {kickoff} is not one block of {problem.kickoff}")
                continue
            kickoff_end = kickoff[0].end
            if int(axis.free[kickoff_end - 1]) + 1 > first:
                errors.append(f"{p}: kick-off ends after the partner starts at {first}")
        follow = blocks.get(f"follow-up:{p}", [])
        need = -(-problem.share_milli * sum(c.length for c in mine) // 1000)
        if sum(c.length for c in follow) != need:
            errors.append(f"{p}: follow-up {follow} is not {need} slots")
        latest = max(problem.job(c.job).deadline for c in mine)
        for c in follow:
            if c.start < kickoff_end or int(axis.free[c.end - 1]) + 1 > latest:
                errors.append(f"{c}: before the kick-off or after {latest}")
    return errors


# ---------------------------------------------------------------------- scenarios
def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def lead_only() -> Scenario:
    tasks = (
        Task(id="a", effort_hours=12, due=day(3), urgency=3),
        Task(id="b", effort_hours=6, due=day(1), urgency=5, splittable=False),
        Task(id="c", effort_hours=20, due=day(9), deadline=day(16), min_session_hours=4),
        Task(id="d", effort_hours=4, due=day(2), urgency=2, release=day(1)),
    )
    return Scenario(
        start=START,
        end=day(27),
        lead=Lead(calendar=Calendar(country="FR")),
        mission=Mission(client="acme", tasks=tasks, max_tranches=3),
    )


def with_partners() -> Scenario:
    tasks = (
        Task(id="t1", effort_hours=16, due=day(4), urgency=3),
        Task(id="t2", effort_hours=24, due=day(8), urgency=2, predecessors=("t1",)),
        Task(id="t3", effort_hours=8, due=day(3), urgency=5, splittable=False, skills=("sql",)),
        Task(
            id="t4",
            effort_hours=30,
            due=day(11),
            deadline=day(18),
            min_session_hours=3,
        ),
        Task(id="t5", effort_hours=12, due=day(7), urgency=4, delegable=False, release=day(2)),
    )
    return Scenario(
        start=START,
        end=day(32),
        partners=(
            Partner(id="ana", skills=("sql",), day_rate=600, max_hours=40),
            Partner(id="bob", day_rate=500, busy=(BusyBlock(date=day(1)),)),
        ),
        fixed_blocks=(
            FixedBlock(id="f1", date=day(1), time="09:00-12:00"),
            FixedBlock(id="f2", date=day(3)),
            FixedBlock(id="f3", date=day(8), hours=2),
        ),
        engagements=(Engagement(id="e1", effort_hours=20, earliest_start=START, deadline=day(11)),),
        mission=Mission(client="c", tasks=tasks, max_tranches=3, max_partners=1),
    )


def with_engagements() -> Scenario:
    tasks = tuple(
        Task(id=f"m{i}", effort_hours=8 + 2 * i, due=day(5 + 3 * i), urgency=1 + i % 3)
        for i in range(5)
    )
    return Scenario(
        start=START,
        end=day(41),
        lead=Lead(calendar=Calendar(country=None, overtime_hours_per_day=2)),
        engagements=(
            Engagement(id="e1", effort_hours=16, earliest_start=START, deadline=day(11)),
            Engagement(id="e2", effort_hours=10, earliest_start=day(7), deadline=day(25)),
        ),
        mission=Mission(client="c", tasks=tasks, max_tranches=2),
    )


def chain() -> Scenario:
    tasks = (
        Task(id="s1", effort_hours=5, due=day(2)),
        Task(id="s2", effort_hours=7, due=day(3), predecessors=("s1",)),
        Task(id="s3", effort_hours=3, due=day(1), urgency=9, predecessors=("s2",)),
        Task(id="s4", effort_hours=9, due=day(6), predecessors=("s1",), splittable=False),
    )
    return Scenario(
        start=START,
        end=day(20),
        partners=(Partner(id="pia", day_rate=700),),
        lead=Lead(calendar=Calendar(country=None, time_off=(TimeOff(start=day(1), end=day(2)),))),
        mission=Mission(client="c", tasks=tasks, max_tranches=4),
    )


def random_scenario(seed: int) -> Scenario:
    """A random small scenario (generous deadlines, so most are feasible)."""
    rng = random.Random(seed)
    step = rng.choice([30, 60])
    weeks = rng.randint(4, 7)
    end = day(7 * weeks - 1)
    skills = ["x", "y", "z"]
    partners = tuple(
        Partner(
            id=f"p{i}",
            skills=tuple(rng.sample(skills, rng.randint(0, 3))),
            day_rate=rng.randint(300, 900),
            max_hours=rng.choice([None, 8.0 * rng.randint(1, 6)]),
            busy=tuple(
                BusyBlock(date=day(rng.randint(0, 20)), time=rng.choice([None, "09:00-11:00"]))
                for _ in range(rng.randint(0, 2))
            ),
            calendar=Calendar(country=None, overtime_hours_per_day=rng.choice([0, 0, 1])),
        )
        for i in range(rng.randint(0, 3))
    )
    blocks = []
    for i in range(rng.randint(0, 4)):
        when = day(7 * rng.randint(0, 3) + rng.randint(0, 4))  # a weekday
        kind = rng.randint(0, 2)
        blocks.append(
            FixedBlock(
                id=f"f{i}",
                date=when,
                time="14:00-16:00" if kind == 0 else None,
                hours=2.0 if kind == 1 else None,
            )
        )
    by_date: dict[dt.date, list[FixedBlock]] = {}
    for b in blocks:
        by_date.setdefault(b.date, []).append(b)
    blocks = [group[0] for group in by_date.values()]  # one block a day keeps them valid
    engagements = tuple(
        Engagement(
            id=f"e{i}",
            effort_hours=rng.choice([4, 6, 8, 12]),
            earliest_start=day(rng.randint(0, 5)),
            deadline=day(rng.randint(14, 7 * weeks - 1)),
            min_session_hours=rng.choice([1, 2, 4]),
        )
        for i in range(rng.randint(0, 2))
    )
    tasks = []
    for i in range(rng.randint(2, 7)):
        due = rng.randint(3, 7 * weeks - 10)
        splittable = rng.random() < 0.7
        tasks.append(
            Task(
                id=f"t{i}",
                effort_hours=rng.choice([2, 4, 6, 8, 12, 16]) + (0.5 if step == 30 else 0),
                urgency=rng.randint(0, 5),
                release=rng.choice([None, None, day(rng.randint(0, 3))]),
                due=day(due),
                deadline=day(min(7 * weeks - 1, due + rng.randint(3, 12))),
                skills=tuple(rng.sample(skills, rng.randint(0, 1))) if partners else (),
                delegable=rng.random() < 0.8,
                splittable=splittable,
                min_session_hours=rng.choice([1, 2, 3]),
                predecessors=tuple(f"t{j}" for j in range(i) if rng.random() < 0.2),
            )
        )
    return Scenario(
        start=START,
        end=end,
        granularity_minutes=step,
        lead=Lead(calendar=Calendar(country=rng.choice([None, "FR"]), overtime_hours_per_day=1)),
        partners=partners,
        fixed_blocks=tuple(blocks),
        engagements=engagements,
        mission=Mission(
            client="r",
            tasks=tuple(tasks),
            max_tranches=rng.randint(1, 4),
            max_partners=rng.choice([None, 0, 1, 2]),
        ),
    )


NAMED = {
    "lead_only": lead_only,
    "with_partners": with_partners,
    "with_engagements": with_engagements,
    "chain": chain,
}


# ---------------------------------------------------------------------- tests
@pytest.mark.parametrize("name", sorted(NAMED))
def test_dispatch_plan_is_feasible(name: str) -> None:
    """dispatch returns a feasible plan on each hand-made scenario."""
    problem = compile_problem(NAMED[name]())
    assert_feasible(problem, dispatch(problem))


@pytest.mark.parametrize("name", sorted(NAMED))
def test_improve_is_feasible_and_never_worse(name: str) -> None:
    """improve keeps feasibility and never raises the objective of its input."""
    problem = compile_problem(NAMED[name]())
    start = dispatch(problem)
    assert start is not None
    better = improve(problem, start, seed=1, max_evaluations=150, time_limit=30)
    assert_feasible(problem, better)
    value = evaluate(problem, better).scaled_objective
    assert value <= evaluate(problem, start).scaled_objective


@pytest.mark.parametrize("seed", range(24))
def test_random_scenarios_give_feasible_plans(seed: int) -> None:
    """On random scenarios, every plan of dispatch and improve passes the checker."""
    problem = compile_problem(random_scenario(seed))
    start = dispatch(problem)
    if start is None:
        return
    assert_feasible(problem, start)
    better = improve(problem, start, seed=seed, max_evaluations=40, time_limit=30)
    assert_feasible(problem, better)
    assert evaluate(problem, better).scaled_objective <= evaluate(problem, start).scaled_objective


def test_most_random_scenarios_get_a_plan() -> None:
    """dispatch finds a plan for most random scenarios (their deadlines are generous)."""
    found = sum(dispatch(compile_problem(random_scenario(s))) is not None for s in range(24))
    assert found >= 20


@pytest.mark.parametrize("name", sorted(NAMED))
def test_decoder_objective_matches_evaluate(name: str) -> None:
    """The decoder's own objective equals evaluate() of the plan it returns."""
    problem = compile_problem(NAMED[name]())
    decoder = Decoder(problem)
    for order in candidate_orders(problem):
        result = decoder.run(order)
        if result.solution is not None:
            assert result.objective == evaluate(problem, result.solution).scaled_objective


def test_rules_list_every_job_once_and_respect_engagement_deadlines() -> None:
    """EDD and ATC orders are permutations; ATC keeps engagements in deadline order."""
    problem = compile_problem(with_engagements())
    ids = sorted(j.id for j in problem.jobs)
    for order in (edd_order(problem), *(atc_order(problem, k) for k in (0.5, 2.0))):
        assert sorted(order) == ids
        assert [j for j in order if j.startswith("e")] == ["e1", "e2"]


def test_decode_waits_for_predecessors() -> None:
    """A job listed before its predecessors still starts after they finish."""
    problem = compile_problem(chain())
    solution = decode(problem, ["s3", "s2", "s1", "s4"])
    assert_feasible(problem, solution)


def test_decode_rejects_a_partial_order() -> None:
    """decode needs every job id exactly once."""
    problem = compile_problem(chain())
    with pytest.raises(ValueError, match="every job id once"):
        decode(problem, ["s1", "s2"])


def test_mode_pins_the_person() -> None:
    """A mission job's mode set to a partner puts all its chunks on that partner."""
    problem = compile_problem(chain())
    solution = decode(problem, ["s1", "s2", "s3", "s4"], modes={"s2": "pia"})
    assert_feasible(problem, solution)
    assert solution is not None
    assert {c.person for c in solution.chunks if c.job == "s2"} == {"pia"}


def test_late_engagement_ends_near_its_deadline() -> None:
    """An engagement in the late mode finishes later than in the early mode."""
    problem = compile_problem(with_engagements())
    order = edd_order(problem)
    early = decode(problem, order, modes={"e2": EARLY})
    late = decode(problem, order, modes={"e2": LATE})
    assert_feasible(problem, early)
    assert_feasible(problem, late)
    assert early is not None and late is not None

    def end(solution: Solution) -> int:
        ends = [c for c in solution.chunks if c.job == "e2"]
        return max(int(problem.timeline.person(c.person).free[c.end - 1]) + 1 for c in ends)

    assert end(late) > end(early)


def test_lead_keeps_work_that_is_on_time() -> None:
    """With nothing late, no work is delegated (partners cost money)."""
    tasks = (Task(id="a", effort_hours=4, due=day(10)), Task(id="b", effort_hours=6, due=day(12)))
    scenario = Scenario(
        start=START,
        end=day(20),
        partners=(Partner(id="p", day_rate=100),),
        mission=Mission(client="c", tasks=tasks),
    )
    problem = compile_problem(scenario)
    solution = dispatch(problem)
    assert_feasible(problem, solution)
    assert solution is not None
    assert {c.person for c in solution.chunks} == {"lead"}


def test_partner_takes_work_the_lead_cannot_finish_in_time() -> None:
    """A task the lead alone would deliver late is shared with or given to a partner."""
    tasks = (Task(id="big", effort_hours=40, due=day(2), deadline=day(4)),)
    scenario = Scenario(
        start=START,
        end=day(20),
        partners=(Partner(id="p", day_rate=100),),
        mission=Mission(client="c", tasks=tasks),
    )
    problem = compile_problem(scenario)
    solution = dispatch(problem)
    assert_feasible(problem, solution)
    assert solution is not None
    assert "p" in {c.person for c in solution.chunks}
    assert evaluate(problem, solution).lateness == 0


def test_tranche_targets_make_few_tranches_feasible() -> None:
    """With one tranche, every task is planned to finish by the earliest deadline."""
    tasks = (
        Task(id="a", effort_hours=8, due=day(2)),
        Task(id="b", effort_hours=8, due=day(9), deadline=day(10)),
    )
    scenario = Scenario(
        start=START,
        end=day(20),
        lead=Lead(calendar=ALWAYS),
        mission=Mission(client="c", tasks=tasks, max_tranches=1),
    )
    problem = compile_problem(scenario)
    solution = dispatch(problem)
    assert_feasible(problem, solution)
    assert solution is not None and solution.delivery == [16]


def test_infeasible_problem_gives_none() -> None:
    """dispatch returns None when no plan can meet a deadline."""
    tasks = (Task(id="a", effort_hours=80, due=day(1), splittable=False),)
    problem = compile_problem(
        Scenario(start=START, end=day(10), mission=Mission(client="c", tasks=tasks))
    )
    assert dispatch(problem) is None


def test_improve_is_deterministic() -> None:
    """The same seed and budget give the same plan."""
    problem = compile_problem(with_partners())
    start = dispatch(problem)
    assert start is not None
    one = improve(problem, start, seed=7, max_evaluations=80, time_limit=60)
    two = improve(problem, start, seed=7, max_evaluations=80, time_limit=60)
    assert one == two


def test_improve_from_an_order() -> None:
    """improve accepts a priority order and returns a feasible plan."""
    problem = compile_problem(lead_only())
    solution = improve(problem, edd_order(problem), seed=0, max_evaluations=50, time_limit=30)
    assert_feasible(problem, solution)


def test_improve_does_not_modify_its_input() -> None:
    """The input plan is left as it was."""
    problem = compile_problem(with_partners())
    start = dispatch(problem)
    assert start is not None
    before = (list(start.chunks), dict(start.tranche), list(start.delivery))
    improve(problem, start, seed=0, max_evaluations=30, time_limit=30)
    assert (start.chunks, start.tranche, start.delivery) == before


@pytest.mark.parametrize("seed", [3, 7, 11])
def test_reused_placements_decode_like_a_fresh_decode(seed: int) -> None:
    """Decoding from a similar candidate's trace gives exactly the fresh decode."""
    problem = compile_problem(random_scenario(seed))
    decoder = Decoder(problem)
    moves = _Moves(decoder)
    rng = random.Random(seed)
    current = Candidate(edd_order(problem))
    decoded = decoder.run(current.order)
    for _ in range(40):
        cand = moves.random(rng, current, decoded)
        reused = decoder.run(cand.order, cand.modes, cand.tight, decoded.trace)
        fresh = decoder.run(cand.order, cand.modes, cand.tight)
        assert (reused.score, reused.finish, reused.solution) == (
            fresh.score,
            fresh.finish,
            fresh.solution,
        )
        if reused.score <= decoded.score:
            current, decoded = cand, reused
