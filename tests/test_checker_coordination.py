"""The checker's coordination rule: the lead's kick-off and follow-up with each partner who works.

The scenario is the week of Mon 7 Dec 2026 (default calendars: 09:00-13:00 and 14:00-18:00, no
French holiday that week). The lead does task ``a`` (2 h); partner ``ana`` does task ``b`` (10 h,
deadline Fri 11 Dec); partner ``bob`` does nothing. ``kickoff_hours`` is 2 and
``coordination_share`` 0.25, so the lead owes ana a 2 h kick-off before Mon 15:00 and
``ceil(0.25 x 10) = 3`` hours of follow-up. The valid plan is written out by hand, row by row;
each test breaks one rule in a copy of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from mission_planner.checker import RULES, check
from mission_planner.scenario import Scenario
from test_checker import FakeResult, Plan, assert_reported, at, block, place, rules

KICKOFF = "kickoff:ana"
FOLLOW_UP = "follow-up:ana"


def scenario_data() -> dict[str, Any]:
    """Lead with a Tue 09:00 stand-up; ana and bob can do data work."""
    return {
        "start": "2026-12-07",
        "end": "2026-12-11",
        "kickoff_hours": 2,
        "coordination_share": 0.25,
        "partners": [
            {"id": "ana", "skills": ["data"], "day_rate": 600},
            {"id": "bob", "skills": ["data"], "day_rate": 500},
        ],
        "fixed_blocks": [{"id": "standup", "date": "2026-12-08", "time": "09:00-10:00"}],
        "mission": {
            "client": "ACME",
            "tasks": [
                {"id": "a", "effort_hours": 2, "due": "2026-12-08", "delegable": False},
                {"id": "b", "effort_hours": 10, "skills": ["data"], "due": "2026-12-10",
                 "deadline": "2026-12-11"},
            ],
        },
    }  # fmt: skip


def scenario(**fields: Any) -> Scenario:
    """The test scenario with top-level ``fields`` replaced."""
    return Scenario.model_validate({**scenario_data(), **fields})


def coordination(task: str, day: int, span: str, who: str = "lead") -> dict[str, Any]:
    """A coordination row (chunk 0, no tranche) on December ``day`` at ``span``."""
    return block("coordination", task, None, who, 0, day, span)


def valid_plan() -> Plan:
    """Kick-off 11:00-13:00 (two touching rows, ana free), follow-up across the night and the
    stand-up."""
    schedule = [
        block("mission", "a", 1, "lead", 0, 7, "09:00-11:00"),
        coordination(KICKOFF, 7, "11:00-12:00"),  # row 1
        coordination(KICKOFF, 7, "12:00-13:00"),  # row 2
        block("mission", "b", 1, "ana", 0, 7, "15:00-17:00"),
        coordination(FOLLOW_UP, 7, "17:00-18:00"),  # row 4
        block("fixed", "standup", None, "lead", None, 8, "09:00-10:00"),
        coordination(FOLLOW_UP, 8, "10:00-12:00"),  # row 6
        block("mission", "b", 1, "ana", 1, 8, "09:00-13:00"),
        block("mission", "b", 1, "ana", 1, 8, "14:00-18:00"),
    ]
    deliveries = [
        {"task": "a", "name": "", "tranche": 1, "resources": "lead", "hours": 2.0,
         "finish": at(7, "11:00"), "delivery": at(8, "18:00"), "due": at(8), "deadline": at(8),
         "due_at": at(9), "deadline_at": at(9), "lateness_hours": 0.0,
         "lateness_working_days": 0, "on_time": True, "within_deadline": True},
        {"task": "b", "name": "", "tranche": 1, "resources": "ana", "hours": 10.0,
         "finish": at(8, "18:00"), "delivery": at(8, "18:00"), "due": at(10),
         "deadline": at(11), "due_at": at(11), "deadline_at": at(12), "lateness_hours": 0.0,
         "lateness_working_days": 0, "on_time": True, "within_deadline": True},
    ]  # fmt: skip
    tranches = [
        {"tranche": 1, "tasks": "a,b", "delivery": at(8, "18:00"), "due": at(8),
         "deadline": at(8), "due_at": at(9), "deadline_at": at(9), "lateness_working_days": 0},
    ]  # fmt: skip
    return Plan(schedule, deliveries, tranches)


def coordination_rows(plan: Plan, task: str) -> list[dict[str, Any]]:
    """The schedule rows of coordination task ``task``."""
    return [r for r in plan.schedule if r["kind"] == "coordination" and r["task"] == task]


def drop(plan: Plan, task: str) -> None:
    """Remove every row of coordination task ``task``."""
    for row in coordination_rows(plan, task):
        plan.schedule.remove(row)


Mutation = Callable[[Plan], object]


def broken(mutation: Mutation) -> Plan:
    """The valid plan after ``mutation``."""
    plan = valid_plan()
    mutation(plan)
    return plan


def messages(sc: Scenario, plan: Plan, rule: str = "coordination") -> list[str]:
    """The messages of the violations of ``rule``."""
    return [v.message for v in check(sc, plan.result()) if v.rule == rule]


# ---------------------------------------------------------------------- valid plans
def test_valid_plan_with_coordination_passes() -> None:
    """A 2 h kick-off in one stretch and a 3 h follow-up over a night and a fixed block keep
    every rule."""
    violations = check(scenario(), valid_plan().result())
    assert violations == [], "\n".join(map(str, violations))


def test_coordination_is_documented_as_a_rule() -> None:
    """The rule family is listed in RULES, before the figures it feeds."""
    assert RULES.index("partner") < RULES.index("coordination") < RULES.index("figures")


def test_plan_without_partner_work_needs_no_coordination() -> None:
    """The lead doing everything needs no coordination rows, whatever kickoff_hours says."""
    sc = scenario(mission={"client": "ACME", "tasks": [scenario_data()["mission"]["tasks"][0]]})
    plan = valid_plan()
    plan.schedule = [r for r in plan.schedule if r["task"] in ("a", "standup")]
    plan.deliveries = [plan.delivery("a")]
    plan.tranche(1).update(tasks="a", delivery=at(7, "12:00"))
    plan.delivery("a")["delivery"] = at(7, "12:00")
    assert check(sc, plan.result()) == []


def test_longer_follow_up_than_needed_passes() -> None:
    """The follow-up must last at least F_p slots; a longer one is allowed."""
    plan = broken(lambda p: place(coordination_rows(p, FOLLOW_UP)[1], 8, "10:00-13:00"))
    assert check(scenario(), plan.result()) == []


# ---------------------------------------------------------------------- kick-off
def _longer_kickoff(p: Plan) -> None:
    p.schedule.append(coordination(KICKOFF, 7, "15:00-16:00"))


KICKOFF_LENGTH_FAULTS: dict[str, tuple[Mutation, str]] = {
    "missing": (
        lambda p: drop(p, KICKOFF),
        "no kick-off with 'ana' before 'ana' starts task 'b' at Mon 07 Dec 15:00",
    ),
    "too-short": (
        lambda p: p.schedule.remove(coordination_rows(p, KICKOFF)[0]),
        "kick-off with 'ana' lasts 1 h, kickoff_hours is 2 h",
    ),
    "too-long": (_longer_kickoff, "kick-off with 'ana' lasts 3 h, kickoff_hours is 2 h"),
}


@pytest.mark.parametrize("case", KICKOFF_LENGTH_FAULTS)
def test_kickoff_missing_or_of_the_wrong_length_is_reported(case: str) -> None:
    """A kick-off missing, or not exactly kickoff_hours long, breaks the coordination rule."""
    mutation, phrase = KICKOFF_LENGTH_FAULTS[case]
    plan = broken(mutation)
    assert rules(scenario(), plan) == {"coordination"}
    assert_reported(scenario(), plan, "coordination", phrase)


def _ana_starts_at_12(p: Plan) -> None:
    p.schedule.append(block("mission", "b", 1, "ana", 0, 7, "12:00-13:00"))
    place(p.row("b", 7, "15:00"), 7, "14:00-17:00")
    place(p.row("b", 8, "14:00"), 8, "14:00-16:00")
    p.delivery("b")["finish"] = at(8, "16:00")


def test_kickoff_after_the_partner_starts_is_reported() -> None:
    """A kick-off ending after the partner's first row is reported with the row and instants,
    and the partner, at work during it, is not free for it."""
    plan = broken(_ana_starts_at_12)
    assert messages(scenario(), plan) == [
        "kick-off with 'ana' (row 2) at Mon 07 Dec 12:00: 'ana' is not free at Mon 07 Dec 12:00 "
        "(busy, off, at work or outside working hours)",
        "kick-off with 'ana' (row 2) ends Mon 07 Dec 13:00, after 'ana' starts task 'b' at 12:00",
    ]
    assert rules(scenario(), plan) == {"coordination"}


def _moved(p: Plan, a: str, first: str, second: str) -> None:
    """Task a moves to ``a`` on Monday, the kick-off's rows to ``first`` and ``second``."""
    place(p.row("a", 7, "09:00"), 7, a)
    p.delivery("a")["finish"] = at(7, a.split("-")[1])
    rows = coordination_rows(p, KICKOFF)
    place(rows[0], 7, first)
    place(rows[1], 7, second)


def _kickoff_around_free_time(p: Plan) -> None:
    """Task a moves to 14:00-16:00; the kick-off takes 09:00-10:00 and 11:00-12:00."""
    _moved(p, "14:00-16:00", "09:00-10:00", "11:00-12:00")


def _kickoff_around_other_work(p: Plan) -> None:
    """Task a moves to 10:00-12:00, inside a kick-off at 09:00-10:00 and 12:00-13:00."""
    place(p.row("a", 7, "09:00"), 7, "10:00-12:00")
    p.delivery("a")["finish"] = at(7, "12:00")
    place(coordination_rows(p, KICKOFF)[0], 7, "09:00-10:00")


@pytest.mark.parametrize(
    "mutation, phrase",
    [
        (_kickoff_around_free_time, "it leaves free working time at Mon 07 Dec 10:00"),
        (_kickoff_around_other_work, "it has other work inside it (a at Mon 07 Dec 10:00)"),
    ],
    ids=["free-time-inside", "other-work-inside"],
)
def test_kickoff_split_in_two_is_reported(mutation: Mutation, phrase: str) -> None:
    """A kick-off in two pieces (free time or other work between) is not one block."""
    plan = broken(mutation)
    assert rules(scenario(), plan) == {"coordination"}
    assert_reported(
        scenario(), plan, "coordination", f"kick-off with 'ana' is not one block: {phrase}"
    )


def test_kickoff_over_lunch_is_reported() -> None:
    """12:00-13:00 then 14:00-15:00 is no longer a kick-off: a meeting is one unbroken stretch."""

    plan = broken(lambda p: _moved(p, "10:00-12:00", "12:00-13:00", "14:00-15:00"))
    assert messages(scenario(), plan) == [
        "kick-off with 'ana' stops at Mon 07 Dec 13:00 and resumes at Mon 07 Dec 14:00: a "
        "meeting is one unbroken stretch"
    ]


def test_kickoff_while_the_partner_is_busy_is_reported() -> None:
    """Ana busy Mon 12:00-13:00 (another client): the 11:00-13:00 kick-off misses her."""
    busy = scenario_data()["partners"]
    busy[0]["busy"] = [{"date": "2026-12-07", "time": "12:00-13:00", "reason": "other client"}]
    assert messages(scenario(partners=busy), valid_plan()) == [
        "kick-off with 'ana' (row 2) at Mon 07 Dec 12:00: 'ana' is not free at Mon 07 Dec 12:00 "
        "(busy, off, at work or outside working hours)"
    ]


# ---------------------------------------------------------------------- follow-up
def _follow_up_before_kickoff(p: Plan) -> None:
    """The follow-up takes 09:00-11:00 on Monday; task a moves to 15:00-17:00."""
    place(p.row("a", 7, "09:00"), 7, "15:00-17:00")
    p.delivery("a")["finish"] = at(7, "17:00")
    place(coordination_rows(p, FOLLOW_UP)[0], 7, "09:00-11:00")


FOLLOW_UP_FAULTS: dict[str, tuple[Mutation, str]] = {
    "missing": (lambda p: drop(p, FOLLOW_UP), "no follow-up with 'ana' (3 h for 10 h delegated)"),
    "too-short": (
        lambda p: p.schedule.remove(coordination_rows(p, FOLLOW_UP)[0]),
        "follow-up with 'ana' lasts 2 h, less than 3 h (for 10 h delegated)",
    ),
    "before-kickoff-ends": (
        _follow_up_before_kickoff,
        "follow-up with 'ana' (row 4) starts Mon 07 Dec 09:00, before the kick-off ends at 13:00",
    ),
}


def test_follow_up_before_anything_to_review_is_reported() -> None:
    """A follow-up hour at Mon 15:00, while ana's first session (15:00-17:00) is under way,
    reviews nothing yet: the follow-up starts once that session has ended."""
    plan = broken(lambda p: place(coordination_rows(p, FOLLOW_UP)[0], 7, "15:00-16:00"))
    assert messages(scenario(), plan) == [
        "follow-up with 'ana' (row 4) starts Mon 07 Dec 15:00, before 'ana''s first session "
        "ends at 17:00: nothing to review yet"
    ]


def test_follow_up_in_several_blocks_is_allowed() -> None:
    """The follow-up may come in pieces (weekly check-ins): only its total and window count."""
    plan = broken(lambda p: place(coordination_rows(p, FOLLOW_UP)[1], 8, "11:00-13:00"))
    assert "coordination" not in rules(scenario(), plan)


@pytest.mark.parametrize("case", FOLLOW_UP_FAULTS)
def test_follow_up_faults_are_reported(case: str) -> None:
    """A follow-up missing, too short or before the kick-off ends is reported."""
    mutation, phrase = FOLLOW_UP_FAULTS[case]
    plan = broken(mutation)
    assert rules(scenario(), plan) == {"coordination"}
    assert_reported(scenario(), plan, "coordination", phrase)


def test_follow_up_after_the_latest_deadline_is_reported() -> None:
    """With b's deadline on Wed 9 Dec, a follow-up ending on Thursday is too late."""
    data = scenario_data()
    data["mission"]["tasks"][1].update(due="2026-12-09", deadline="2026-12-09")
    sc = Scenario.model_validate(data)
    plan = valid_plan()
    plan.delivery("b").update(due=at(9), deadline=at(9), due_at=at(10), deadline_at=at(10))
    assert check(sc, plan.result()) == []
    first, second = coordination_rows(plan, FOLLOW_UP)
    place(first, 9, "17:00-18:00")
    place(second, 10, "09:00-11:00")
    assert messages(sc, plan) == [
        "follow-up with 'ana' (row 6) ends Thu 10 Dec 11:00, after Thu 10 Dec 00:00, the latest "
        "deadline of 'ana''s tasks ['b']"
    ]


@pytest.mark.parametrize(
    "share, fault",
    [(0.2, None), (0.25, None), (0.3, None), (0.3004, None), (0.301, "less than 4 h")],
)
def test_follow_up_length_is_the_ceiling_in_thousandths(share: float, fault: str | None) -> None:
    """F_p = ceil(round(share x 1000) x D_p / 1000) slots: 3 h covers 10 h at a share <= 0.3004."""
    found = messages(scenario(coordination_share=share), valid_plan())
    assert found == [] if fault is None else any(fault in m for m in found), found


# ---------------------------------------------------------------------- rows that should not be
ROW_FAULTS: dict[str, tuple[dict[str, Any], str]] = {
    "partner-without-work": (
        coordination("kickoff:bob", 7, "15:00-16:00"),
        "kick-off with 'bob' (lead Mon 07 Dec 15:00-16:00): 'bob' does no mission work",
    ),
    "unknown-partner": (
        coordination("follow-up:zoe", 7, "15:00-16:00"),
        "follow-up with 'zoe' (lead Mon 07 Dec 15:00-16:00): 'zoe' is not a partner",
    ),
    "lead-as-partner": (
        coordination("kickoff:lead", 7, "15:00-16:00"),
        "'lead' is not a partner of the scenario",
    ),
    "on-a-partner": (
        coordination(KICKOFF, 7, "09:00-10:00", who="ana"),
        "kick-off with 'ana' (ana Mon 07 Dec 09:00-10:00) is not the lead's (lead)",
    ),
    "unknown-task-name": (
        coordination("meeting:ana", 7, "15:00-16:00"),
        "coordination task 'meeting:ana' is neither 'kickoff:<partner>' nor",
    ),
    "no-partner-in-name": (coordination("kickoff", 7, "15:00-16:00"), "is neither"),
}


@pytest.mark.parametrize("case", ROW_FAULTS)
def test_coordination_rows_that_should_not_be_are_reported(case: str) -> None:
    """Rows for a partner without work, an unknown partner, on a partner or badly named."""
    extra, phrase = ROW_FAULTS[case]
    plan = broken(lambda p: p.schedule.append(extra))
    assert rules(scenario(), plan) == {"coordination"}
    assert_reported(scenario(), plan, "coordination", phrase)


@pytest.mark.parametrize(
    "column, value, phrase",
    [("chunk", 1, "has chunk 1, expected 0"), ("tranche", 1, "has tranche 1, expected none")],
)
def test_coordination_row_marks_are_reported(column: str, value: int, phrase: str) -> None:
    """The kick-off is chunk 0 and coordination rows carry no tranche."""
    plan = broken(lambda p: coordination_rows(p, KICKOFF)[0].update({column: value}))
    assert_reported(scenario(), plan, "coordination", phrase)


# ---------------------------------------------------------------------- the lead's work
def test_coordination_over_a_fixed_block_is_reported() -> None:
    """A follow-up over the stand-up breaks the overlap rule (and only that rule)."""
    plan = broken(lambda p: place(coordination_rows(p, FOLLOW_UP)[1], 8, "09:00-11:00"))
    assert rules(scenario(), plan) == {"overlap"}
    assert_reported(scenario(), plan, "overlap", "coordination follow-up:ana at Tue 08 Dec 09:00")


def test_coordination_outside_working_time_is_reported() -> None:
    """A follow-up row after hours (the lead has no overtime) breaks the calendar rule."""
    plan = broken(lambda p: place(coordination_rows(p, FOLLOW_UP)[0], 7, "18:00-19:00"))
    assert rules(scenario(), plan) == {"calendar"}


def test_coordination_inside_a_chunk_breaks_it() -> None:
    """Coordination is work: a kick-off row inside a chunk of the lead's task is other work."""

    def interleave(p: Plan) -> None:
        place(p.row("a", 7, "09:00"), 7, "09:00-10:00")
        p.schedule.append(block("mission", "a", 1, "lead", 0, 7, "11:00-12:00"))
        p.delivery("a")["finish"] = at(7, "12:00")
        first, second = coordination_rows(p, KICKOFF)
        place(first, 7, "10:00-11:00")
        p.schedule.remove(second)
        p.schedule.append(coordination(KICKOFF, 7, "14:00-15:00"))

    plan = broken(interleave)
    assert_reported(scenario(), plan, "splitting", "has other work inside it (kickoff:ana")


# ---------------------------------------------------------------------- K = 0, share = 0
def test_zero_kickoff_hours_means_no_kickoff() -> None:
    """With kickoff_hours=0 the plan needs no kick-off, and one is reported."""
    sc = scenario(kickoff_hours=0)
    assert check(sc, broken(lambda p: drop(p, KICKOFF)).result()) == []
    assert messages(sc, valid_plan()) == ["kick-off with 'ana' (row 1) but kickoff_hours is 0"]


def test_zero_share_means_no_follow_up() -> None:
    """With coordination_share=0 the plan needs no follow-up, and one is reported."""
    sc = scenario(coordination_share=0)
    assert check(sc, broken(lambda p: drop(p, FOLLOW_UP)).result()) == []
    assert messages(sc, valid_plan()) == ["follow-up with 'ana' (row 4) but it needs 0 h"]


def test_no_coordination_at_all_when_both_are_zero() -> None:
    """kickoff_hours=0 and coordination_share=0: a partner works with no coordination rows."""
    plan = broken(lambda p: (drop(p, KICKOFF), drop(p, FOLLOW_UP)))
    assert check(scenario(kickoff_hours=0, coordination_share=0), plan.result()) == []
    assert rules(scenario(), plan) == {"coordination"}


# ---------------------------------------------------------------------- figures
@dataclass
class ResultWithTerms(FakeResult):
    """A fake result that also reports ``objective_terms``."""

    objective_terms: dict[str, float] = field(default_factory=dict)


def with_terms(plan: Plan, **terms: float) -> ResultWithTerms:
    """The plan's tables with the given objective terms."""
    tables = plan.result()
    return ResultWithTerms(
        tables.schedule, tables.deliveries, tables.tranches, tables.has_plan, dict(terms)
    )


def test_coordination_hours_figure_must_match_the_rows() -> None:
    """objective_terms['coordination_hours'] equals the coordination rows' hours (5 h here)."""
    plan = valid_plan()
    assert check(scenario(), with_terms(plan, coordination_hours=5.0, lateness=0.0)) == []
    found = check(scenario(), with_terms(plan, coordination_hours=1.0))
    assert [(v.rule, v.subject) for v in found] == [("figures", "objective_terms")]
    assert "coordination_hours is 1.0, expected 5.0" in found[0].message


def test_results_without_the_figure_are_tolerated() -> None:
    """Objective terms without coordination_hours (or none at all) are not a fault."""
    assert check(scenario(), with_terms(valid_plan(), lateness=0.0)) == []
    assert check(scenario(), valid_plan().result()) == []
