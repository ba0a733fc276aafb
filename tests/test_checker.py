"""The independent checker: a hand-written valid plan passes; each broken rule is reported.

The scenario runs through December 2026 with French public holidays (Fri 25 Dec is one;
Sat 5 and Sun 6 Dec are a weekend). The valid plan is written out by hand, row by row, in the
tables of the result contract; each test breaks one rule in a copy of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pytest

from mission_planner.checker import RULES, Violation, check
from mission_planner.contract import DELIVERY_COLUMNS, SCHEDULE_COLUMNS, TRANCHE_COLUMNS, table
from mission_planner.scenario import Scenario


# ---------------------------------------------------------------------- building blocks
def at(day: int, clock: str = "00:00") -> pd.Timestamp:
    """December ``day`` 2026 at ``clock`` ("HH:MM", "24:00" allowed); day 32 is 1 Jan 2027."""
    hour, minute = map(int, clock.split(":"))
    return pd.Timestamp(2026, 11, 30) + pd.Timedelta(days=day, hours=hour, minutes=minute)


def block(
    kind: str, task: str, tranche: int | None, who: str, chunk: int | None, day: int, span: str
) -> dict[str, Any]:
    """A schedule row on December ``day``, ``span`` like "09:00-13:00"."""
    row = {"kind": kind, "task": task, "tranche": tranche, "resource": who, "chunk": chunk}
    return place(row, day, span)


def place(row: dict[str, Any], day: int, span: str) -> dict[str, Any]:
    """Put a schedule row on December ``day`` at ``span``; hours follow."""
    start, end = (at(day, clock) for clock in span.split("-"))
    row.update(date=at(day), start=start, end=end, hours=(end - start) / pd.Timedelta(hours=1))
    return row


def scenario_data() -> dict[str, Any]:
    """Lead with 1 h overtime a day and time off 22-23 Dec; partners p1 (data) and p2 (writing)."""
    return {
        "start": "2026-12-01",
        "end": "2026-12-31",
        "lead": {
            "calendar": {
                "country": "FR",
                "overtime_hours_per_day": 1,
                "time_off": [{"start": "2026-12-22", "end": "2026-12-23", "reason": "training"}],
            }
        },
        "partners": [
            {
                "id": "p1",
                "skills": ["data"],
                "day_rate": 600,
                "max_hours": 8,
                "busy": [{"date": "2026-12-02", "time": "09:00-12:00"}, {"date": "2026-12-03"}],
            },
            {"id": "p2", "skills": ["writing"], "day_rate": 500},
        ],
        "fixed_blocks": [
            {"id": "f_timed", "date": "2026-12-01", "time": "10:00-11:00"},
            {"id": "f_hours", "date": "2026-12-02", "hours": 2},
            {"id": "f_day", "date": "2026-12-04"},
        ],
        "engagements": [
            {"id": "e1", "effort_hours": 4, "earliest_start": "2026-12-07",
             "deadline": "2026-12-08"},
            {"id": "e2", "effort_hours": 2, "earliest_start": "2026-12-21",
             "deadline": "2026-12-31"},
        ],
        "mission": {
            "client": "ACME",
            "max_tranches": 2,
            "max_partners": 1,
            "tasks": [
                {"id": "t1", "effort_hours": 6, "due": "2026-12-02", "delegable": False},
                {
                    "id": "t2",
                    "effort_hours": 4,
                    "skills": ["data"],
                    "release": "2026-12-02",
                    "due": "2026-12-03",
                    "deadline": "2026-12-04",
                    "predecessors": ["t1"],
                },
                {"id": "t3", "effort_hours": 3, "splittable": False, "due": "2026-12-04",
                 "deadline": "2026-12-09"},
            ],
        },
    }  # fmt: skip


def scenario(**changes: Callable[[dict[str, Any]], object]) -> Scenario:
    """The test scenario, after applying ``changes`` to its data."""
    data = scenario_data()
    for change in changes.values():
        change(data)
    return Scenario.model_validate(data)


@dataclass
class FakeResult:
    """What ``check`` reads from a result."""

    schedule: pd.DataFrame
    deliveries: pd.DataFrame
    tranches: pd.DataFrame
    has_plan: bool = True


@dataclass
class Plan:
    """A plan as editable rows of the three tables."""

    schedule: list[dict[str, Any]]
    deliveries: list[dict[str, Any]]
    tranches: list[dict[str, Any]]
    has_plan: bool = True
    dropped: list[str] = field(default_factory=list)

    def result(self) -> FakeResult:
        """The rows as contract-typed DataFrames."""
        frames = [
            table(rows, columns)
            for rows, columns in (
                (self.schedule, SCHEDULE_COLUMNS),
                (self.deliveries, DELIVERY_COLUMNS),
                (self.tranches, TRANCHE_COLUMNS),
            )
        ]
        schedule, deliveries, tranches = (
            f.drop(columns=self.dropped, errors="ignore") for f in frames
        )
        return FakeResult(schedule, deliveries, tranches, self.has_plan)

    def row(self, task: str, day: int, clock: str) -> dict[str, Any]:
        """The schedule row of ``task`` starting on December ``day`` at ``clock``."""
        (found,) = [r for r in self.schedule if r["task"] == task and r["start"] == at(day, clock)]
        return found

    def delivery(self, task: str) -> dict[str, Any]:
        """The deliveries row of ``task``."""
        (found,) = [r for r in self.deliveries if r["task"] == task]
        return found

    def tranche(self, number: int) -> dict[str, Any]:
        """The tranches row of tranche ``number``."""
        (found,) = [r for r in self.tranches if r["tranche"] == number]
        return found


def valid_plan() -> Plan:
    """A plan that keeps every rule of the test scenario."""
    schedule = [
        block("mission", "t1", 1, "lead", 0, 1, "09:00-10:00"),
        block("fixed", "f_timed", None, "lead", None, 1, "10:00-11:00"),
        block("mission", "t1", 1, "lead", 0, 1, "11:00-13:00"),
        block("mission", "t1", 1, "lead", 1, 1, "14:00-17:00"),
        block("fixed", "f_hours", None, "lead", None, 2, "09:00-11:00"),
        # p1 delegated 4 h: a 1 h kick-off before p1 starts, ceil(0.1 x 4) = 1 h of follow-up
        block("coordination", "kickoff:p1", None, "lead", 0, 2, "12:00-13:00"),  # p1 free then
        block("mission", "t2", 1, "p1", 0, 2, "14:00-18:00"),
        block("coordination", "follow-up:p1", None, "lead", 0, 3, "14:00-15:00"),
        block("fixed", "f_day", None, "lead", None, 4, "09:00-13:00"),
        block("fixed", "f_day", None, "lead", None, 4, "14:00-18:00"),
        block("engagement", "e1", None, "lead", 0, 7, "09:00-13:00"),
        block("mission", "t3", 2, "lead", 0, 7, "16:00-19:00"),  # 18:00-19:00 is overtime
        block("engagement", "e2", None, "lead", 0, 28, "09:00-11:00"),
    ]
    deliveries = [
        {"task": "t1", "name": "", "tranche": 1, "resources": "lead", "hours": 6.0,
         "finish": at(1, "17:00"), "delivery": at(2, "18:00"), "due": at(2), "deadline": at(2),
         "due_at": at(3), "deadline_at": at(3),
         "lateness_hours": 0.0, "lateness_working_days": 0, "on_time": True,
         "within_deadline": True},
        {"task": "t2", "name": "", "tranche": 1, "resources": "p1", "hours": 4.0,
         "finish": at(2, "18:00"), "delivery": at(2, "18:00"), "due": at(3), "deadline": at(4),
         "due_at": at(4), "deadline_at": at(5),
         "lateness_hours": 0.0, "lateness_working_days": 0, "on_time": True,
         "within_deadline": True},
        # due Fri 4 Dec 24:00, delivered Mon 7 Dec 19:00: 67 h, one working day (Mon) late
        {"task": "t3", "name": "", "tranche": 2, "resources": "lead", "hours": 3.0,
         "finish": at(7, "19:00"), "delivery": at(7, "19:00"), "due": at(4), "deadline": at(9),
         "due_at": at(5), "deadline_at": at(10),
         "lateness_hours": 67.0, "lateness_working_days": 1, "on_time": False,
         "within_deadline": True},
    ]  # fmt: skip
    tranches = [
        {"tranche": 1, "tasks": "t1,t2", "delivery": at(2, "18:00"), "due": at(2),
         "deadline": at(2), "due_at": at(3), "deadline_at": at(3), "lateness_working_days": 0},
        {"tranche": 2, "tasks": "t3", "delivery": at(7, "19:00"), "due": at(4),
         "deadline": at(9), "due_at": at(5), "deadline_at": at(10), "lateness_working_days": 1},
    ]  # fmt: skip
    return Plan(schedule, deliveries, tranches)


def rules(sc: Scenario, plan: Plan) -> set[str]:
    """Names of the rules ``plan`` breaks."""
    return {v.rule for v in check(sc, plan.result())}


Mutation = Callable[[Plan], object]


def broken(mutation: Mutation) -> Plan:
    """The valid plan after ``mutation``."""
    plan = valid_plan()
    mutation(plan)
    return plan


def assert_reported(sc: Scenario, plan: Plan, rule: str, phrase: str) -> None:
    """Assert that ``plan`` breaks ``rule`` with a message containing ``phrase``."""
    found = [v for v in check(sc, plan.result()) if v.rule == rule]
    assert any(phrase in v.message for v in found), "\n".join(map(str, found)) or "no violation"


def set_tranche(plan: Plan, task: str, number: int) -> None:
    """Move ``task`` to tranche ``number`` in the deliveries and the schedule."""
    plan.delivery(task)["tranche"] = number
    for row in plan.schedule:
        if row["task"] == task:
            row["tranche"] = number


# ---------------------------------------------------------------------- the valid plan
def test_valid_plan_has_no_violation() -> None:
    """The hand-written plan keeps every rule (overtime, weekend, fixed blocks, coordination)."""
    violations = check(scenario(), valid_plan().result())
    assert violations == [], "\n".join(map(str, violations))


def test_without_a_plan_nothing_is_checked() -> None:
    """A result with ``has_plan`` False yields no violation, whatever its tables hold."""
    plan = broken(lambda p: p.schedule.clear())
    plan.has_plan = False
    assert check(scenario(), plan.result()) == []


def test_violation_reads_as_one_line() -> None:
    """``str(Violation)`` names the rule, the subject and the message on one line."""
    assert str(Violation("effort", "task t1", "5 h scheduled")) == "[effort] task t1: 5 h scheduled"


def test_hours_block_on_a_holiday_needs_no_rows() -> None:
    """A fixed block in hours on Christmas (no working time) is kept with no rows."""
    xmas = {"id": "xmas", "date": "2026-12-25", "hours": 2}
    sc = scenario(more=lambda d: d["fixed_blocks"].append(xmas))
    assert check(sc, valid_plan().result()) == []


def test_every_violation_is_reported() -> None:
    """Two independent faults give violations of both rules, not just the first."""
    plan = broken(lambda p: p.schedule.remove(p.row("f_day", 4, "14:00")))
    plan.delivery("t1")["lateness_hours"] = 1.0
    assert rules(scenario(), plan) == {"fixed", "figures"}


# ---------------------------------------------------------------------- table
def test_missing_column_is_reported() -> None:
    """A table without a contract column is reported and nothing else is checked."""
    plan = valid_plan()
    plan.dropped.append("chunk")
    assert rules(scenario(), plan) == {"table"}


def _duplicate_delivery(p: Plan) -> None:
    p.deliveries.append(dict(p.delivery("t3")))


TABLE_FAULTS: dict[str, tuple[Mutation, str]] = {
    "work-without-chunk": (
        lambda p: p.row("e2", 28, "09:00").update(chunk=None),
        "work row without a chunk",
    ),
    "blank-start": (lambda p: p.row("e2", 28, "09:00").update(start=pd.NaT), "no value in"),
    "unknown-kind": (lambda p: p.row("e2", 28, "09:00").update(kind="lunch"), "unknown kind"),
    "blank-delivery": (lambda p: p.delivery("t3").update(delivery=pd.NaT), "no value in"),
    "task-listed-twice": (_duplicate_delivery, "t3 is listed twice"),
}


@pytest.mark.parametrize("case", TABLE_FAULTS)
def test_malformed_rows_are_reported(case: str) -> None:
    """Rows with blank values, unknown kinds or repeated keys are table faults."""
    mutation, phrase = TABLE_FAULTS[case]
    assert_reported(scenario(), broken(mutation), "table", phrase)


# ---------------------------------------------------------------------- effort
def test_missing_effort_is_reported() -> None:
    """A task with less work scheduled than its effort breaks the effort rule."""
    plan = broken(lambda p: place(p.row("e2", 28, "09:00"), 28, "09:00-10:00"))
    assert "effort" in rules(scenario(), plan)


def test_unknown_task_is_reported() -> None:
    """Work on a task the mission does not have breaks the effort rule."""
    ghost = block("mission", "ghost", 1, "lead", 0, 8, "09:00-10:00")
    plan = broken(lambda p: p.schedule.append(ghost))
    assert "effort" in rules(scenario(), plan)


# ---------------------------------------------------------------------- calendar
CALENDAR_FAULTS: dict[str, tuple[int, str, str]] = {
    "christmas": (25, "09:00-11:00", "is on a day off"),  # named in the locale's language
    "saturday": (26, "09:00-11:00", "not on a working day"),
    "time-off": (22, "09:00-11:00", "day off (time off training)"),
    "lunch-break": (28, "12:00-14:00", "outside working hours"),
    "past-overtime": (28, "18:00-20:00", "outside working hours"),
    "before-hours": (28, "07:00-09:00", "outside working hours"),
    "off-grid": (28, "09:30-11:30", "off the 60-minute grid"),
}


@pytest.mark.parametrize("case", CALENDAR_FAULTS)
def test_work_outside_working_time_is_reported(case: str) -> None:
    """Work on a holiday, weekend, day off, outside hours or off the grid breaks the calendar."""
    day, span, phrase = CALENDAR_FAULTS[case]
    plan = broken(lambda p: place(p.row("e2", 28, "09:00"), day, span))
    assert rules(scenario(), plan) == {"calendar"}
    assert_reported(scenario(), plan, "calendar", phrase)


def test_block_ending_before_it_starts_is_reported() -> None:
    """A row whose end is not after its start breaks the calendar rule."""
    plan = broken(lambda p: p.row("e2", 28, "09:00").update(end=at(28, "08:00")))
    assert_reported(scenario(), plan, "calendar", "ends before it starts")


def test_block_outside_the_horizon_is_reported() -> None:
    """Work after the horizon's last day breaks the calendar rule."""
    plan = broken(lambda p: place(p.row("e2", 28, "09:00"), 32, "09:00-11:00"))
    assert_reported(scenario(), plan, "calendar", "outside the horizon")


def test_block_across_midnight_is_reported() -> None:
    """A row whose date is not the day of its start breaks the calendar rule."""
    plan = broken(lambda p: p.row("e2", 28, "09:00").update(date=at(27)))
    assert rules(scenario(), plan) == {"calendar"}
    assert_reported(scenario(), plan, "calendar", "not inside one day")


# ---------------------------------------------------------------------- overlap
def test_two_work_blocks_at_once_are_reported() -> None:
    """The lead doing an engagement and a task at the same time breaks the overlap rule."""
    plan = broken(lambda p: place(p.row("e1", 7, "09:00"), 7, "14:00-18:00"))
    assert rules(scenario(), plan) == {"overlap"}


def test_work_over_a_fixed_block_is_reported() -> None:
    """Work during the lead's fixed meeting breaks the overlap rule."""
    plan = broken(lambda p: place(p.row("t1", 1, "09:00"), 1, "10:00-11:00"))
    assert rules(scenario(), plan) == {"overlap"}


@pytest.mark.parametrize(
    "day, span", [(2, "10:00-12:00"), (3, "14:00-16:00")], ids=["timed", "all-day"]
)
def test_work_in_partner_busy_time_is_reported(day: int, span: str) -> None:
    """A partner working in their busy time (timed or whole day) breaks the overlap rule."""

    def mutate(p: Plan) -> None:
        row = p.row("t2", 2, "14:00")
        place(row, 2, "16:00-18:00")
        p.schedule.append(place(dict(row), day, span))

    assert_reported(scenario(), broken(mutate), "overlap", "busy time")


# ---------------------------------------------------------------------- fixed blocks
FIXED_FAULTS: dict[str, tuple[Mutation, str]] = {
    "timed-block-moved": (
        lambda p: place(p.row("f_timed", 1, "10:00"), 1, "13:00-14:00"),
        "does not cover exactly",
    ),
    "timed-block-missing": (
        lambda p: p.schedule.remove(p.row("f_timed", 1, "10:00")),
        "does not cover exactly",
    ),
    "hours-block-short": (
        lambda p: place(p.row("f_hours", 2, "09:00"), 2, "09:00-10:00"),
        "takes 1 h instead of 2 h",
    ),
    "hours-block-after-hours": (
        lambda p: place(p.row("f_hours", 2, "09:00"), 2, "18:00-20:00"),
        "outside the lead's working hours",
    ),
    "hours-block-wrong-date": (
        lambda p: place(p.row("f_hours", 2, "09:00"), 3, "09:00-11:00"),
        "is not on 2026-12-02",
    ),
    "whole-day-half-done": (
        lambda p: p.schedule.remove(p.row("f_day", 4, "14:00")),
        "does not cover the lead's working day",
    ),
    "not-the-lead": (
        lambda p: p.row("f_hours", 2, "09:00").update(resource="p2"),
        "is not the lead's",
    ),
    "unknown-block": (
        lambda p: p.schedule.append(block("fixed", "ghost", None, "lead", None, 3, "09:00-10:00")),
        "is not in the scenario",
    ),
}


@pytest.mark.parametrize("case", FIXED_FAULTS)
def test_fixed_block_faults_are_reported(case: str) -> None:
    """A fixed block moved, dropped, shortened, reassigned or invented breaks the fixed rule."""
    mutation, phrase = FIXED_FAULTS[case]
    assert_reported(scenario(), broken(mutation), "fixed", phrase)


# ---------------------------------------------------------------------- engagements
def test_engagement_by_a_partner_is_reported() -> None:
    """An engagement done by a partner breaks the engagement rule."""
    plan = broken(lambda p: p.row("e1", 7, "09:00").update(resource="p1"))
    assert rules(scenario(), plan) == {"engagement"}


def test_engagement_before_its_window_is_reported() -> None:
    """An engagement worked before its earliest start breaks the engagement rule."""
    plan = broken(lambda p: place(p.row("e1", 7, "09:00"), 3, "09:00-13:00"))
    assert rules(scenario(), plan) == {"engagement"}


# ---------------------------------------------------------------------- tasks
def _start_t2_before_release(p: Plan) -> None:
    place(p.row("t2", 2, "14:00"), 1, "14:00-18:00")
    for row in (p.delivery("t2"), p.delivery("t1"), p.tranche(1)):
        row["delivery"] = at(1, "18:00")
    p.delivery("t2")["finish"] = at(1, "18:00")


def _finish_t1_after_t2_starts(p: Plan) -> None:
    place(p.row("t1", 1, "14:00"), 2, "14:00-17:00")
    p.delivery("t1")["finish"] = at(2, "17:00")


def _deliver_before_finish(p: Plan) -> None:
    for row in (p.delivery("t1"), p.delivery("t2"), p.tranche(1)):
        row["delivery"] = at(2, "17:00")


def _deliver_after_deadline(p: Plan) -> None:
    for row in (p.delivery("t3"), p.tranche(2)):
        row["delivery"] = at(10, "10:00")
    p.delivery("t3").update(lateness_hours=130.0, lateness_working_days=4, within_deadline=False)
    p.tranche(2)["lateness_working_days"] = 4


TASK_FAULTS: dict[str, tuple[Mutation, str]] = {
    "before-release": (_start_t2_before_release, "before its release"),
    "before-predecessor": (_finish_t1_after_t2_starts, "before predecessor t1 finishes"),
    "delivered-before-finish": (_deliver_before_finish, "before it finishes"),
    "delivered-after-deadline": (_deliver_after_deadline, "after its deadline"),
    "not-delegable": (
        lambda p: p.row("t1", 1, "14:00").update(resource="p2"),
        "the task is not delegable",
    ),
    "missing-skill": (
        lambda p: p.row("t2", 2, "14:00").update(resource="p2"),
        "lacks skills ['data']",
    ),
    "unknown-person": (
        lambda p: p.row("t3", 7, "16:00").update(resource="ghost"),
        "neither the lead nor a partner",
    ),
    "no-delivery-row": (
        lambda p: p.deliveries.remove(p.delivery("t3")),
        "has no row in deliveries",
    ),
}


@pytest.mark.parametrize("case", TASK_FAULTS)
def test_task_faults_are_reported(case: str) -> None:
    """Release, predecessors, delivery window and who may do a task are checked."""
    mutation, phrase = TASK_FAULTS[case]
    assert_reported(scenario(), broken(mutation), "task", phrase)


# ---------------------------------------------------------------------- splitting
def _split_t3(p: Plan) -> None:
    place(p.row("t3", 7, "16:00"), 7, "16:00-17:00")
    p.schedule.append(block("mission", "t3", 2, "lead", 1, 7, "17:00-19:00"))


def _short_chunk(p: Plan) -> None:
    place(p.row("t2", 2, "14:00"), 2, "14:00-15:00")
    p.schedule.append(block("mission", "t2", 1, "p1", 1, 2, "15:00-18:00"))


def _gap_in_chunk(p: Plan) -> None:
    place(p.row("e2", 28, "09:00"), 28, "09:00-10:00")
    p.schedule.append(block("engagement", "e2", None, "lead", 0, 28, "11:00-12:00"))


def _interleaved(p: Plan) -> None:
    p.row("t1", 1, "11:00")["chunk"] = 1
    p.row("t1", 1, "14:00")["chunk"] = 0


def _shared(p: Plan) -> None:
    place(p.row("t2", 2, "14:00"), 2, "14:00-16:00")
    p.schedule.append(block("mission", "t2", 1, "lead", 0, 2, "16:00-18:00"))
    p.delivery("t2")["resources"] = "lead,p1"


SPLITTING_FAULTS: dict[str, tuple[Mutation, str]] = {
    "non-splittable-in-two": (_split_t3, "is not splittable but has 2 chunks"),
    "chunk-too-short": (_short_chunk, "chunk 0 lasts 1 h, less than 2 h"),
    "free-time-left-inside": (_gap_in_chunk, "leaves free working time at Mon 28 Dec 10:00"),
    "other-work-inside": (_interleaved, "has other work inside it"),
    "shared-by-two": (_shared, "is shared by ['lead', 'p1']"),
    "numbers-not-from-zero": (
        lambda p: p.row("t2", 2, "14:00").update(chunk=1),
        "chunk numbers [1] are not 0..n-1",
    ),
}


@pytest.mark.parametrize("case", SPLITTING_FAULTS)
def test_splitting_faults_are_reported(case: str) -> None:
    """Chunks that are split, short, broken by free time, interleaved or shared are reported."""
    mutation, phrase = SPLITTING_FAULTS[case]
    plan = broken(mutation)
    assert rules(scenario(), plan) == {"splitting"}
    assert_reported(scenario(), plan, "splitting", phrase)


def test_too_many_chunks_is_reported() -> None:
    """Two chunks for a task with ``max_chunks=1`` break the splitting rule."""
    sc = scenario(cap=lambda d: d["mission"]["tasks"][0].update(max_chunks=1))
    assert rules(sc, valid_plan()) == {"splitting"}
    assert_reported(sc, valid_plan(), "splitting", "has 2 chunks, at most 1 allowed")


def test_engagement_chunk_limit_uses_the_session_on_the_grid() -> None:
    """3 h in 1.5 h sessions on a 60-minute grid: sessions are 2 h, so one chunk only."""
    sc = scenario(cap=lambda d: d["engagements"][0].update(effort_hours=3, min_session_hours=1.5))

    def two_chunks(p: Plan) -> None:
        place(p.row("e1", 7, "09:00"), 7, "09:00-11:00")
        p.schedule.append(block("engagement", "e1", None, "lead", 1, 8, "09:00-10:00"))

    assert_reported(sc, broken(two_chunks), "splitting", "has 2 chunks, at most 1 allowed")


# ---------------------------------------------------------------------- tranches
def _swap_tranches(p: Plan) -> None:
    for task, number in (("t1", 2), ("t2", 2), ("t3", 1)):
        set_tranche(p, task, number)
    p.tranche(1).update(tranche=0)
    p.tranche(2).update(tranche=1)
    p.tranche(0).update(tranche=2)


def _renumber_tranche_2_as_3(p: Plan) -> None:
    set_tranche(p, "t3", 3)
    p.tranche(2)["tranche"] = 3


TRANCHE_FAULTS: dict[str, tuple[Mutation, str]] = {
    "numbers-not-1-to-k": (_renumber_tranche_2_as_3, "tranche numbers [1, 3] are not 1..2"),
    "deliveries-out-of-order": (_swap_tranches, "delivered before tranche 1"),
    "task-and-tranche-disagree": (
        lambda p: p.tranche(2).update(delivery=at(7, "18:00")),
        "delivery differs from tranche 2's",
    ),
    "wrong-task-list": (
        lambda p: p.tranche(1).update(tasks="t1"),
        "lists ['t1'], its tasks are ['t1', 't2']",
    ),
    "missing-tranche-row": (
        lambda p: p.tranches.remove(p.tranche(2)),
        "rows [1], tasks use [1, 2]",
    ),
    "schedule-tranche-mark": (
        lambda p: p.row("t3", 7, "16:00").update(tranche=1),
        "schedule rows carry tranches {1}",
    ),
}


@pytest.mark.parametrize("case", TRANCHE_FAULTS)
def test_tranche_faults_are_reported(case: str) -> None:
    """Tranche numbering, order, membership and delivery agreement are checked."""
    mutation, phrase = TRANCHE_FAULTS[case]
    plan = broken(mutation)
    assert rules(scenario(), plan) == {"tranche"}
    assert_reported(scenario(), plan, "tranche", phrase)


def test_too_many_tranches_is_reported() -> None:
    """Two tranches when the client accepts one break the tranche rule."""
    sc = scenario(cap=lambda d: d["mission"].update(max_tranches=1))
    assert rules(sc, valid_plan()) == {"tranche"}


# ---------------------------------------------------------------------- partners
def test_partner_over_max_hours_is_reported() -> None:
    """A partner working more than ``max_hours`` breaks the partner rule."""
    sc = scenario(cap=lambda d: d["partners"][0].update(max_hours=3))
    assert rules(sc, valid_plan()) == {"partner"}


def test_too_many_partners_is_reported() -> None:
    """Using a partner when ``max_partners=0`` breaks the partner rule."""
    sc = scenario(cap=lambda d: d["mission"].update(max_partners=0))
    assert rules(sc, valid_plan()) == {"partner"}


# ---------------------------------------------------------------------- figures
FIGURE_FAULTS: dict[str, Mutation] = {
    "lateness_hours": lambda p: p.delivery("t3").update(lateness_hours=66.0),
    "lateness_working_days": lambda p: p.delivery("t3").update(lateness_working_days=3),
    "finish": lambda p: p.delivery("t1").update(finish=at(1, "18:00")),
    "on_time": lambda p: p.delivery("t3").update(on_time=True),
    "within_deadline": lambda p: p.delivery("t1").update(within_deadline=False),
    "due": lambda p: p.delivery("t2").update(due=at(4)),  # the next midnight, not the day
    "deadline": lambda p: p.delivery("t2").update(deadline=at(3)),
    "due_at": lambda p: p.delivery("t2").update(due_at=at(3)),
    "deadline_at": lambda p: p.delivery("t2").update(deadline_at=at(4)),
    "resources": lambda p: p.delivery("t2").update(resources="lead"),
    "hours": lambda p: p.delivery("t2").update(hours=5.0),
}
TRANCHE_FIGURE_FAULTS: dict[str, Mutation] = {
    "due": lambda p: p.tranche(2).update(due=at(5)),  # the next midnight, not the day
    "deadline": lambda p: p.tranche(2).update(deadline=at(10)),
    "due_at": lambda p: p.tranche(2).update(due_at=at(4)),
    "deadline_at": lambda p: p.tranche(2).update(deadline_at=at(9)),
    "lateness_working_days": lambda p: p.tranche(2).update(lateness_working_days=0),
}


@pytest.mark.parametrize("column", FIGURE_FAULTS)
def test_wrong_delivery_figures_are_reported(column: str) -> None:
    """Each reported figure of a task must follow from the schedule and the scenario."""
    plan = broken(FIGURE_FAULTS[column])
    assert rules(scenario(), plan) == {"figures"}
    assert_reported(scenario(), plan, "figures", f"{column} is")


@pytest.mark.parametrize("column", TRANCHE_FIGURE_FAULTS)
def test_wrong_tranche_figures_are_reported(column: str) -> None:
    """A tranche's due, deadline and working days late must follow from its tasks."""
    plan = broken(TRANCHE_FIGURE_FAULTS[column])
    assert rules(scenario(), plan) == {"figures"}
    assert_reported(scenario(), plan, "figures", f"{column} is")


def test_delivery_of_an_unknown_task_is_reported() -> None:
    """A deliveries row for a task the mission does not have breaks the figures rule."""
    plan = broken(lambda p: p.deliveries.append(dict(p.delivery("t3"), task="ghost")))
    assert_reported(scenario(), plan, "figures", "in deliveries but not in the mission")


def test_block_hours_must_match_its_times() -> None:
    """A schedule row whose hours differ from end - start breaks the figures rule."""
    plan = broken(lambda p: p.row("f_day", 4, "09:00").update(hours=3.0))
    assert rules(scenario(), plan) == {"figures"}


def test_rule_names_are_the_documented_ones() -> None:
    """Every violation the tests provoke uses one of the documented rule names."""
    mutations = [m for m, _ in (*TASK_FAULTS.values(), *FIXED_FAULTS.values())]
    found = set().union(*(rules(scenario(), broken(m)) for m in mutations))
    assert found <= set(RULES)
