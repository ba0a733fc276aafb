"""The lead's coordination with each partner who works: a kick-off before, a follow-up after.

For a partner ``p`` with ``mission`` rows: ``D_p`` = slots of p's mission work, ``K`` =
``kickoff_hours`` in slots, ``F_p = ceil(share_milli * D_p / 1000)`` with ``share_milli =
round(coordination_share * 1000)``. The lead's ``coordination`` rows ``kickoff:<p>`` (exactly
``K`` slots, one block contiguous in the lead's working time like a chunk, ``chunk`` 0) and
``follow-up:<p>`` (at least ``F_p`` slots in all, in any number of blocks numbered by ``chunk``);
no tranche. Every follow-up row starts once p's first chunk has ended (there is work to
review). The kick-off is a meeting of the lead and p: one unbroken stretch (each row starts
where the previous ends), every minute of it in p's working or overtime time, not on p's day
off, outside p's busy blocks and p's work. It ends by p's first mission row; every follow-up
row starts at or after
the kick-off's end and ends by the latest deadline of the tasks p works on. Calendar and
overlap rules treat these rows as the lead's work.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import pairwise

import numpy as np

from mission_planner.checker.contract import (
    COORDINATION,
    FOLLOW_UP,
    KICKOFF,
    TOLERANCE,
    Violation,
)
from mission_planner.checker.plan_view import PlanView, WorkBlock, by_start, when
from mission_planner.checker.schedule_rules import run_breaks

flag = partial(Violation, "coordination")

ROLES = {KICKOFF: "kick-off", FOLLOW_UP: "follow-up"}
"""The word for each coordination role in messages."""


def check_coordination(plan: PlanView) -> Iterator[Violation]:
    """The lead has a kick-off and a follow-up with each partner who works, and nothing else.

    Every ``coordination`` row is the lead's, named ``kickoff:<p>`` or ``follow-up:<p>`` for a
    partner ``p`` with mission rows, without a tranche. For each such partner: ``K > 0`` gives
    one kick-off block (chunk 0) of exactly ``K`` slots ending by ``p``'s first mission row
    (``K = 0`` or ``p`` kicked off before a re-plan: none), contiguous in the lead's working
    time: no free working minute of the lead and no other work between two of its rows, and a
    meeting both attend (one unbroken stretch in which ``p`` is free: working time, no busy
    block, no day off, no work); ``F_p > 0`` gives follow-up rows of at least ``F_p`` slots in
    all, each from the kick-off's end and the end of ``p``'s first chunk to the latest deadline
    of ``p``'s tasks (``F_p = 0``: none).
    """
    missions = _mission_rows(plan)
    faults: list[Violation] = []
    blocks = _coordination_rows(plan, set(missions), faults)
    yield from faults
    for partner in plan.scenario.partners:
        if partner.id in missions:
            need = _Needs.of(plan, partner.id, missions[partner.id])
            kickoff = blocks.get((KICKOFF, partner.id), [])
            kickoff_end = yield from _kickoff(plan, need, kickoff)
            follow_up = blocks.get((FOLLOW_UP, partner.id), [])
            yield from _follow_up(plan, need, follow_up, kickoff_end)


@dataclass(frozen=True)
class _Needs:
    """What one working partner needs from the lead, from the partner's mission rows."""

    partner: str
    first: WorkBlock
    """The partner's first mission row."""
    delegated: float
    """Hours of the partner's mission work (``D_p`` slots)."""
    kickoff: float
    """Hours of kick-off (``K`` slots)."""
    follow_up: float
    """Least hours of follow-up (``F_p`` slots)."""
    latest: dt.datetime | None
    """Latest deadline of the mission tasks the partner works on (None: no known task)."""
    tasks: list[str]
    first_end: dt.datetime | None = None
    """End of the partner's first chunk (the rows of the chunk holding their first row)."""

    @classmethod
    def of(cls, plan: PlanView, partner: str, work: list[WorkBlock]) -> _Needs:
        """``D_p``, ``K`` and ``F_p = ceil(share_milli * D_p / 1000)`` in hours, and deadlines."""
        scenario = plan.scenario
        slot = scenario.granularity_minutes / 60
        done = round(sum(b.hours for b in work) / slot)
        share_milli = round(scenario.coordination_share * 1000)
        tasks = {t.id: t for t in scenario.mission.tasks}
        theirs = sorted({b.job for b in work if b.job in tasks})
        return cls(
            partner=partner,
            first=work[0],
            delegated=done * slot,
            kickoff=0.0
            if partner in plan.hard.kicked_off
            else round(scenario.kickoff_hours / slot) * slot,
            follow_up=_owed(share_milli, done, plan.hard.coordinated_before.get(partner), slot),
            latest=max((plan.hard.follow_up_by[t] for t in theirs), default=None),
            tasks=theirs,
            first_end=max(b.end for b in work if (b.job, b.chunk) == (work[0].job, work[0].chunk)),
        )


def _owed(share_milli: int, done: int, before: tuple[float, float] | None, slot: float) -> float:
    """Hours of follow-up owed for ``done`` slots delegated, beyond a re-plan's history.

    ``before`` is the hours delegated and of follow-up before the re-plan (None: none).
    """
    if before is None:
        return -(-share_milli * done // 1000) * slot
    delegated, follow_up = (round(hours / slot) for hours in before)
    return max(0, -(-share_milli * (done + delegated) // 1000) - follow_up) * slot


def _mission_rows(plan: PlanView) -> dict[str, list[WorkBlock]]:
    """Each person's mission rows, by start."""
    rows: dict[str, list[WorkBlock]] = defaultdict(list)
    for block in sorted(plan.blocks, key=by_start):
        if block.kind == "mission":
            rows[block.resource].append(block)
    return rows


def _coordination_rows(
    plan: PlanView, working: set[str], faults: list[Violation]
) -> dict[tuple[str, str], list[WorkBlock]]:
    """The lead's coordination rows by ``(role, partner)``, by start; others become faults."""
    kept: dict[tuple[str, str], list[WorkBlock]] = defaultdict(list)
    partners = {p.id for p in plan.scenario.partners}
    for block in sorted(plan.blocks, key=by_start):
        if block.kind != COORDINATION:
            continue
        subject = f"schedule row {block.row}"
        role, _, partner = block.job.partition(":")
        if role not in ROLES or not partner:
            faults.append(
                flag(
                    subject,
                    f"coordination task {block.job!r} is neither '{KICKOFF}:<partner>' nor "
                    f"'{FOLLOW_UP}:<partner>'",
                )
            )
            continue
        what = f"{ROLES[role]} with {partner!r} ({block})"
        if block.resource != plan.lead:
            faults.append(flag(subject, f"{what} is not the lead's ({plan.lead})"))
        elif partner not in partners:
            faults.append(flag(subject, f"{what}: {partner!r} is not a partner of the scenario"))
        elif partner not in working:
            faults.append(flag(subject, f"{what}: {partner!r} does no mission work"))
        else:
            if role == KICKOFF and block.chunk != 0:
                faults.append(flag(subject, f"{what} has chunk {block.chunk}, expected 0"))
            if block.tranche is not None:
                faults.append(flag(subject, f"{what} has tranche {block.tranche}, expected none"))
            kept[role, partner].append(block)
    return kept


def _kickoff(
    plan: PlanView, need: _Needs, rows: list[WorkBlock]
) -> Generator[Violation, None, dt.datetime | None]:
    """Check the kick-off with a partner; return its end (None without one)."""
    subject, name = f"partner {need.partner}", f"kick-off with {need.partner!r}"
    first = need.first
    if not need.kickoff:
        if rows:
            kicked = need.partner in plan.hard.kicked_off
            why = "the kick-off took place before" if kicked else "kickoff_hours is 0"
            yield flag(subject, f"{name} (row {rows[0].row}) but {why}")
        return None
    if not rows:
        yield flag(
            subject,
            f"no {name} before {need.partner!r} starts task {first.job!r} at {when(first.start)}",
        )
        return None
    yield from _one_block(plan, subject, name, rows)
    yield from _both_attend(plan, need.partner, subject, name, rows)
    hours = sum(b.hours for b in rows)
    if abs(hours - need.kickoff) > TOLERANCE:
        yield flag(subject, f"{name} lasts {hours:g} h, kickoff_hours is {need.kickoff:g} h")
    last = max(rows, key=lambda b: b.end)
    if last.end > first.start:
        yield flag(
            subject,
            f"{name} (row {last.row}) ends {when(last.end)}, after {need.partner!r} starts "
            f"task {first.job!r} at {_clock(first.start, last.end)}",
        )
    return last.end


def _follow_up(
    plan: PlanView, need: _Needs, rows: list[WorkBlock], kickoff_end: dt.datetime | None
) -> Iterator[Violation]:
    """Check the follow-up with a partner: long enough, after the kick-off, by the deadline."""
    subject, name = f"partner {need.partner}", f"follow-up with {need.partner!r}"
    if not need.follow_up:
        if rows:
            yield flag(subject, f"{name} (row {rows[0].row}) but it needs 0 h")
        return
    if not rows:
        yield flag(subject, f"no {name} ({need.follow_up:g} h for {need.delegated:g} h delegated)")
        return
    hours = sum(b.hours for b in rows)
    if hours < need.follow_up - TOLERANCE:
        yield flag(
            subject,
            f"{name} lasts {hours:g} h, less than {need.follow_up:g} h "
            f"(for {need.delegated:g} h delegated)",
        )
    first = rows[0]
    if kickoff_end is not None and first.start < kickoff_end:
        yield flag(
            subject,
            f"{name} (row {first.row}) starts {when(first.start)}, before the kick-off ends "
            f"at {_clock(kickoff_end, first.start)}",
        )
    reviewed = need.partner in plan.hard.kicked_off  # worked before a re-plan: work exists
    early = [
        b for b in rows if need.first_end is not None and b.start < need.first_end and not reviewed
    ]
    if early and need.first_end is not None:
        yield flag(
            subject,
            f"{name} (row {early[0].row}) starts {when(early[0].start)}, before "
            f"{need.partner!r}'s first session ends at {_clock(need.first_end, early[0].start)}: "
            "nothing to review yet",
        )
    last = max(rows, key=lambda b: b.end)
    if need.latest is not None and last.end > need.latest:
        yield flag(
            subject,
            f"{name} (row {last.row}) ends {when(last.end)}, after {when(need.latest)}, the "
            f"latest deadline of {need.partner!r}'s tasks {need.tasks}",
        )


def _one_block(
    plan: PlanView, subject: str, name: str, rows: list[WorkBlock]
) -> Iterator[Violation]:
    """No free working time of the lead and no other work between consecutive rows."""
    for fault in run_breaks(plan, rows):
        yield flag(subject, f"{name} is not one block: it {fault}")


def _both_attend(
    plan: PlanView, partner: str, subject: str, name: str, rows: list[WorkBlock]
) -> Iterator[Violation]:
    """The kick-off is one unbroken stretch, and the partner is free all along it."""
    for a, b in pairwise(rows):
        if a.end != b.start:
            yield flag(
                subject,
                f"{name} stops at {when(a.end)} and resumes at {when(b.start)}: a "
                "meeting is one unbroken stretch",
            )
    person = plan.people.get(partner)
    if person is None:
        return
    for row in rows:
        span = plan.span(row.start, row.end)
        free = person.available[span] & ~person.blocked[span] & ~person.work[span]
        if not free.all():
            moment = row.start + dt.timedelta(minutes=int(np.argmin(free)))
            yield flag(
                subject,
                f"{name} (row {row.row}) at {when(row.start)}: {partner!r} is not free at "
                f"{when(moment)} (busy, off, at work or outside working hours)",
            )


def _clock(moment: dt.datetime, other: dt.datetime) -> str:
    """``moment`` as a clock time when ``other`` is on the same day, else in full."""
    return f"{moment:%H:%M}" if moment.date() == other.date() else when(moment)


__all__ = ["check_coordination"]
