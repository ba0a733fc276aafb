"""Known answers for the exhaustive oracle, and a cross-check against a naive enumeration."""

from __future__ import annotations

import datetime as dt
from itertools import product
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mission_planner.scenario import Scenario
from oracle import SearchTooLargeError, free_time, is_feasible, min_weighted_lateness
from strategies import small_scenarios, small_scenarios_with_partner

START = dt.date(2026, 12, 1)  # a Tuesday
DAY2 = dt.date(2026, 12, 2)


def make(tasks: list[dict[str, Any]], **extra: Any) -> Scenario:
    """A scenario from Tue 1 Dec 2026, ``days`` long, lead on ``hours`` each weekday."""
    days = extra.pop("days", 1)
    hours = extra.pop("hours", ("09:00-13:00",))
    week = dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), tuple(hours))
    partners = extra.pop("partners", [])
    for partner in partners:
        partner.setdefault("calendar", {"country": None, "working_hours": week})
        partner.setdefault("day_rate", 500)
    data: dict[str, Any] = {
        "start": START,
        "end": START + dt.timedelta(days=days - 1),
        "granularity_minutes": extra.pop("step", 60),
        "lead": {"calendar": {"country": None, "working_hours": week}, **extra.pop("lead", {})},
        "partners": partners,
        "mission": {
            "client": "ACME",
            "max_tranches": extra.pop("max_tranches", 3),
            "max_partners": extra.pop("max_partners", None),
            "tasks": tasks,
        },
        **extra,
    }
    return Scenario.model_validate(data)


def task(ident: str, effort: float, due: Any = START, **extra: Any) -> dict[str, Any]:
    """A task dict with the given id, effort (hours) and due moment."""
    return {"id": ident, "effort_hours": effort, "due": due, **extra}


def at(day: dt.date, clock: str) -> dt.datetime:
    """``day`` at ``clock`` ("HH:MM")."""
    hour, minute = map(int, clock.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute))


# ---------------------------------------------------------------------- free time
def test_free_time_removes_timed_then_hours_blocks():
    """A timed block frees its slots first; a block in hours takes the next free ones."""
    sc = make(
        [task("t1", 1)],
        fixed_blocks=[
            {"id": "f1", "date": START, "hours": 1},
            {"id": "f2", "date": START, "time": "09:00-10:00"},
        ],
    )
    assert free_time(sc)[0].free == (11 * 60, 12 * 60)


def test_free_time_whole_day_block_and_time_off():
    """A block with neither time nor hours takes the day; time off removes the day too."""
    sc = make(
        [task("t1", 1, DAY2)],
        days=3,
        fixed_blocks=[{"id": "f1", "date": START}],
        lead={
            "calendar": {
                "country": None,
                "working_hours": {d: ["09:00-10:00"] for d in ("tue", "wed", "thu")},
                "time_off": [{"start": DAY2, "end": DAY2}],
            }
        },
    )
    assert free_time(sc)[0].free == (2 * 1440 + 9 * 60,)


def test_free_time_public_holiday():
    """Christmas Day is not worked with country FR, but is without a country."""
    christmas = dt.date(2026, 12, 25)
    data = make([task("t1", 1)]).model_dump()
    data.update(start=christmas, end=christmas)
    data["mission"]["tasks"][0]["due"] = christmas
    assert free_time(Scenario.model_validate(data))[0].free == (540, 600, 660, 720)
    data["lead"]["calendar"]["country"] = "FR"
    assert free_time(Scenario.model_validate(data))[0].free == ()


def test_free_time_partner_busy_blocks():
    """A partner's timed busy block removes its slots; one without time removes the day."""
    sc = make(
        [task("t1", 1, DAY2)],
        days=2,
        partners=[
            {
                "id": "p1",
                "busy": [{"date": START, "time": "10:00-12:00"}, {"date": DAY2}],
            }
        ],
    )
    assert free_time(sc)[1].free == (9 * 60, 12 * 60)


# ---------------------------------------------------------------------- capacity
def test_effort_above_free_hours_is_infeasible():
    """Four free hours cannot hold a five-hour task."""
    assert not is_feasible(make([task("t1", 5)]))
    assert is_feasible(make([task("t1", 4)]))


def test_fixed_block_makes_deadline_impossible():
    """A two-hour meeting leaves two hours before the deadline for a three-hour task."""
    tasks = [task("t1", 3)]
    assert is_feasible(make(tasks))
    assert not is_feasible(
        make(tasks, fixed_blocks=[{"id": "f1", "date": START, "time": "09:00-11:00"}])
    )


def test_datetime_due_ends_before_last_slots():
    """A 12:00 deadline excludes the 12:00-13:00 slot."""
    assert not is_feasible(make([task("t1", 4, at(START, "12:00"))]))
    assert is_feasible(make([task("t1", 3, at(START, "12:00"))]))


def test_engagement_competes_for_the_lead():
    """An engagement due the same day takes hours the task needs; on day two it does not."""
    eng = {"id": "e1", "effort_hours": 2, "earliest_start": START, "deadline": START}
    tasks = [task("t1", 3)]
    assert not is_feasible(make(tasks, engagements=[eng]))
    later = {**eng, "earliest_start": DAY2, "deadline": DAY2}
    assert is_feasible(make(tasks, days=2, engagements=[later]))


# ---------------------------------------------------------------------- chunks
def test_predecessor_chain_fits_exactly():
    """A 2+3+3 hour chain fills two 4-hour days; a 10:00 release on the first breaks it."""
    chain = [
        task("t1", 2, DAY2),
        task("t2", 3, DAY2, predecessors=["t1"]),
        task("t3", 3, DAY2, predecessors=["t2"]),
    ]
    assert is_feasible(make(chain, days=2))
    chain[0] = {**chain[0], "release": at(START, "10:00")}
    assert not is_feasible(make(chain, days=2))


def test_predecessor_order_is_enforced():
    """A successor forced early by its due time cannot follow a late-released predecessor."""
    tasks = [
        task("t1", 1, release=at(START, "11:00")),
        task("t2", 1, at(START, "11:00"), predecessors=["t1"]),
    ]
    assert not is_feasible(make(tasks))
    assert is_feasible(make([tasks[0], {**tasks[1], "predecessors": []}]))


def test_non_splittable_needs_one_uninterrupted_run():
    """A task pinned to 10:00-11:00 splits the day: a 3-hour single chunk no longer fits."""
    pinned = task("t1", 1, at(START, "11:00"), release=at(START, "10:00"))
    whole = task("t2", 3, splittable=False)
    assert not is_feasible(make([pinned, whole]))
    assert not is_feasible(make([pinned, {**whole, "splittable": True, "max_chunks": 1}]))
    assert is_feasible(make([pinned, {**whole, "splittable": True, "min_session_hours": 1}]))
    assert is_feasible(make([pinned, {**whole, "effort_hours": 2}]))


def test_chunk_continues_across_fixed_block_and_night():
    """Fixed blocks and nights do not break a chunk: a single chunk may span them."""
    whole = task("t1", 3, splittable=False)
    block = [{"id": "f1", "date": START, "time": "10:00-11:00"}]
    assert is_feasible(make([whole], fixed_blocks=block))
    night = task("t1", 4, DAY2, splittable=False, release=at(START, "11:00"))
    assert is_feasible(make([night], days=2))


def test_min_session_rounds_up_to_grid():
    """At a 30-minute grid a 0.75-hour session needs two slots, so a lone slot is useless."""
    pinned = task("t1", 0.5, at(START, "10:00"), release=at(START, "09:30"))
    rest = task("t2", 1.5, min_session_hours=0.75)
    assert not is_feasible(make([pinned, rest], step=30, hours=("09:00-11:00",)))
    rest["min_session_hours"] = 0.5
    assert is_feasible(make([pinned, rest], step=30, hours=("09:00-11:00",)))


def test_chunk_limit_from_max_chunks():
    """Three one-hour gaps need three chunks: max_chunks=2 forbids it."""
    pins = [
        task(f"p{i}", 1, at(START, f"{11 + 2 * i}:00"), release=at(START, f"{10 + 2 * i}:00"))
        for i in range(3)
    ]
    spread = task("t1", 3, min_session_hours=1, max_chunks=2)
    assert not is_feasible(make([*pins, spread], hours=("09:00-15:00",)))
    assert is_feasible(make([*pins, {**spread, "max_chunks": 3}], hours=("09:00-15:00",)))


# ---------------------------------------------------------------------- tranches and lateness
def test_single_tranche_forces_infeasibility():
    """One delivery for both tasks comes after the early task's deadline."""
    tasks = [task("t1", 1, START), task("t2", 4, DAY2)]
    assert not is_feasible(make(tasks, days=2, max_tranches=1))
    assert is_feasible(make(tasks, days=2, max_tranches=2))


def test_min_weighted_lateness_and_tranches():
    """Doing the urgent task first costs 4 urgency-hours; one tranche costs 8."""
    tasks = [
        task("t1", 2, at(START, "10:00"), urgency=2, deadline=START),
        task("t2", 2, at(START, "11:00"), urgency=1, deadline=START),
    ]
    assert min_weighted_lateness(make(tasks)) == pytest.approx(4)
    assert min_weighted_lateness(make(tasks, max_tranches=1)) == pytest.approx(8)
    assert min_weighted_lateness(make([task("t1", 5)])) is None


# ---------------------------------------------------------------------- partners
def test_partner_capacity_rules():
    """A six-hour task needs the partner; max_partners, max_hours or a busy day forbid it."""
    six = [task("t1", 6)]
    assert not is_feasible(make(six))
    assert is_feasible(make(six, partners=[{"id": "p1"}]))
    assert not is_feasible(make(six, partners=[{"id": "p1"}], max_partners=0))
    assert not is_feasible(make(six, partners=[{"id": "p1", "max_hours": 1}]))
    assert is_feasible(make(six, partners=[{"id": "p1", "max_hours": 2}]))
    assert not is_feasible(make(six, partners=[{"id": "p1", "busy": [{"date": START}]}]))


def test_skills_and_delegation():
    """Only a partner with the skill may help, and never on a non-delegable task."""
    six = [task("t1", 6, skills=["x"])]
    assert not is_feasible(make(six, partners=[{"id": "p1"}]))
    assert is_feasible(make(six, partners=[{"id": "p1", "skills": ["x"]}]))
    kept = [{**six[0], "delegable": False}]
    assert not is_feasible(make(kept, partners=[{"id": "p1", "skills": ["x"]}]))
    both = [task("t1", 1, skills=["x", "y"])]
    split_skills = make(both, lead={"skills": ["x"]}, partners=[{"id": "p1", "skills": ["y"]}])
    assert not is_feasible(split_skills)


def test_parallel_work_by_lead_and_partner():
    """Lead and partner may work on one task at the same time."""
    tasks = [task("t1", 8, min_session_hours=1)]
    assert is_feasible(make(tasks, partners=[{"id": "p1"}]))


def test_guard_refuses_large_scenarios():
    """A two-week default calendar is too large to enumerate."""
    data = make([task("t1", 1)]).model_dump()
    data["end"] = START + dt.timedelta(days=13)
    data["lead"]["calendar"] = {"country": None}
    with pytest.raises(SearchTooLargeError):
        is_feasible(Scenario.model_validate(data))


# ---------------------------------------------------------------------- naive cross-check
def naive_min_lateness(sc: Scenario) -> float | None:
    """Least weighted lateness by labelling every free slot of every person, or None.

    Written apart from the oracle's search: chunks are maximal runs of one label on a
    person's free slots, tranches are labels given to tasks.
    """
    step = sc.granularity_minutes
    origin = dt.datetime.combine(sc.start, dt.time())

    def minutes(value: Any, end: bool) -> int:
        if not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value + dt.timedelta(days=int(end)), dt.time())
        return int((value - origin).total_seconds() // 60)

    def slots(hours: float) -> int:
        return -(-round(hours * 60) // step)

    people = free_time(sc)
    cells = [(p.id, m) for p in people for m in p.free]
    jobs: list[dict[str, Any]] = []
    for e in sc.engagements:
        effort = slots(e.effort_hours)
        jobs.append(
            {
                "id": e.id,
                "effort": effort,
                "min": min(effort, slots(e.min_session_hours)),
                "limit": e.max_chunks
                or max(1, min(8, round(e.effort_hours * 60) // round(e.min_session_hours * 60))),
                "release": minutes(e.earliest_start, False),
                "deadline": minutes(e.deadline, True),
                "people": {sc.lead.id},
                "task": None,
            }
        )
    for t in sc.mission.tasks:
        effort = slots(t.effort_hours)
        able = {p.id for p in sc.partners if t.delegable and set(t.skills) <= set(p.skills)}
        if sc.lead.skills is None or set(t.skills) <= set(sc.lead.skills):
            able.add(sc.lead.id)
        jobs.append(
            {
                "id": t.id,
                "effort": effort,
                "min": min(effort, slots(t.min_session_hours)) if t.splittable else effort,
                "limit": t.chunk_limit(),
                "release": 0 if t.release is None else minutes(t.release, False),
                "deadline": minutes(t.latest, True),
                "people": able,
                "task": t,
            }
        )
    caps = {
        p.id: None if p.max_hours is None else round(p.max_hours * 60) // step for p in sc.partners
    }
    tasks = [j for j, job in enumerate(jobs) if job["task"] is not None]
    labellings = list(product(range(sc.mission.max_tranches), repeat=len(tasks)))
    best: list[int | None] = [None]

    def evaluate(labels: list[int]) -> None:
        runs: list[list[tuple[str, int, int]]] = [[] for _ in jobs]  # person, first, last
        for i, (person, _) in enumerate(cells):
            j = labels[i]
            if j < 0:
                continue
            prev = labels[i - 1] if i and cells[i - 1][0] == person else -1
            if prev == j:
                runs[j][-1] = (person, runs[j][-1][1], i)
            else:
                runs[j].append((person, i, i))
        start, finish = {}, {}
        for j, job in enumerate(jobs):
            chunks = runs[j]
            if len(chunks) > job["limit"]:
                return
            for person, a, b in chunks:
                if person not in job["people"] or b - a + 1 < job["min"]:
                    return
                if cells[a][1] < job["release"]:
                    return
            start[j] = min(cells[a][1] for _, a, _ in chunks)
            finish[j] = max(cells[b][1] + step for _, _, b in chunks)
            if finish[j] > job["deadline"]:
                return
        for p in sc.partners:
            worked = sum(
                1 for i, (person, _) in enumerate(cells) if person == p.id and labels[i] >= 0
            )
            if caps[p.id] is not None and worked > caps[p.id]:
                return
        used = {cells[i][0] for i in range(len(cells)) if labels[i] >= 0} - {sc.lead.id}
        if sc.mission.max_partners is not None and len(used) > sc.mission.max_partners:
            return
        index = {job["id"]: j for j, job in enumerate(jobs)}
        for j in tasks:
            for pred in jobs[j]["task"].predecessors:
                if finish[index[pred]] > start[j]:
                    return
        for tranche_of in labellings:
            delivery: dict[int, int] = {}
            for j, k in zip(tasks, tranche_of, strict=True):
                delivery[k] = max(delivery.get(k, 0), finish[j])
            total = 0
            for j, k in zip(tasks, tranche_of, strict=True):
                t = jobs[j]["task"]
                if delivery[k] > minutes(t.latest, True):
                    break
                total += t.urgency * max(0, delivery[k] - minutes(t.due, True))
            else:
                if best[0] is None or total < best[0]:
                    best[0] = total

    labels = [-1] * len(cells)
    remaining = [job["effort"] for job in jobs]

    def walk(i: int) -> None:
        if sum(remaining) > len(cells) - i:
            return
        if i == len(cells):
            evaluate(labels)
            return
        walk(i + 1)
        for j, job in enumerate(jobs):
            if remaining[j] and cells[i][0] in job["people"]:
                labels[i], remaining[j] = j, remaining[j] - 1
                walk(i + 1)
                labels[i], remaining[j] = -1, remaining[j] + 1

    walk(0)
    return None if best[0] is None else best[0] / 60


def _total_free(sc: Scenario) -> int:
    return sum(len(p.free) for p in free_time(sc))


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(
    st.one_of(small_scenarios(), small_scenarios_with_partner()).filter(
        lambda sc: _total_free(sc) <= 9
    )
)
def test_oracle_agrees_with_naive_enumeration(sc: Scenario):
    """The oracle's optimum equals a slot-by-slot enumeration on the smallest scenarios."""
    expected = naive_min_lateness(sc)
    found = min_weighted_lateness(sc)
    if expected is None:
        assert found is None, sc.model_dump_json(exclude_defaults=True)
    else:
        assert found == pytest.approx(expected), sc.model_dump_json(exclude_defaults=True)
