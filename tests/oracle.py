"""Exhaustive feasibility oracle for tiny scenarios, in plain Python.

It shares nothing with the planner but the validated input models: it expands each person's
free working slots itself, then enumerates every way of cutting each person's free slots into
chunks of work, and checks the rest of the result contract (``docs/concepts.md``) on
every combination. Time is counted in minutes from 00:00 of the scenario's first day.

Lags and notice
---------------
A lag from task ``i`` (its first start, or its last end) holds on the combined start of the
task: in calendar minutes, or in the working slots (working hours less holidays and time off)
of the one person who may do the task (a working lag on a task several people may share is
refused). The notice period is a release of every task: 00:00 of the lead's
``notice_days``-th working day after the planning start.

Sessions
--------
A chunk of a task with session rules must keep them (``docs/schedules.md``): ``nothing``,
consecutive slots; a window, every slot inside it and all on one day; ``breaks`` (the
default, without a window), all on one day unless longer than the person's working day; and
at most ``max_session_hours``. Two touching chunks of such a task are both searched (they
may differ from one chunk).

Search
------
For each person, a dynamic programme walks that person's free slots in time order (the
*working axis*). A state is the person's contribution to every job so far, as
``(slots done, chunks, first start, last end)`` per job, plus the job of a chunk ending exactly
here (a chunk of the same job may not start right after it: the two would be one chunk). From
position ``k`` a state either leaves the slot idle or starts a chunk of ``L`` slots of an
allowed job, which must respect the minimum chunk, the chunk limit, the remaining effort, the
release, the job's deadline and the person's hour cap. Identical states are merged, which keeps
the search exhaustive but small. Then the persons' final states are combined (efforts exactly
met, chunk limits and ``max_partners`` kept), predecessors are checked on the combined first
start and last end, and every grouping of the mission tasks into at most ``max_tranches``
tranches is tried (delivery = latest finish of the group, never past a member's deadline).

Coordination
------------
Each partner ``p`` who works needs, on the lead's free slots, a kick-off of ``K`` consecutive
slots (``kickoff_hours``) ending by p's first start, a meeting of both: one unbroken stretch
of real time, every slot of it free for ``p`` too, and a follow-up of exactly
``F_p = ceil(share_milli * D_p / 1000)`` consecutive slots (``D_p``: p's slots of work,
``share_milli = round(coordination_share * 1000)``) after the kick-off and after p's first
chunk ends (something to review), ending by the latest deadline of the tasks p works on
(``K = 0`` or ``F_p = 0``: no such block). A longer follow-up
than ``F_p`` is allowed by the contract but never helps (its first ``F_p`` slots do as well),
so exactly ``F_p`` is searched. Consecutive positions of the lead's free slots are exactly
"contiguous in the lead's working time".

The lead's programme places these blocks like chunks of extra jobs, one per partner and role:
its state also holds, per partner, ``(kick-off end, follow-up slots, follow-up end)``. The
follow-up may start only once the kick-off is placed (positions are in time order, so it starts
after the kick-off ends); its length runs from 1 to ``F`` of the most work the partner could
do; ends are cut at the partner's last free slot (kick-off) and the latest deadline of the
tasks the partner can do (follow-up). A partner's state also holds its first start. When the
partners' final states are joined to the lead's, partner ``p``'s entry is checked (none when
``D_p = 0``; else kick-off end <= first start, follow-up slots == ``F_p``, follow-up end <= the
latest deadline of p's tasks) and then blanked, so that states differing only there merge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from mission_planner.scenario import Calendar, Engagement, Lag, Scenario, TimeRange

MAX_FREE_SLOTS = 16
"""Most free slots one person may have before the oracle refuses the scenario."""
MAX_JOBS = 5
"""Most jobs (tasks and engagements) the oracle accepts."""
MAX_PEOPLE = 3
"""Most people (lead and partners) the oracle accepts."""
MAX_STATES = 300_000
"""Most search states (per person, and combined) before the oracle gives up."""

DAY = 24 * 60
"""Minutes in a day."""

_NO_START = 10**9
"""First start of a job a person has not worked on (min-combines as "none")."""


class SearchTooLargeError(RuntimeError):
    """The scenario is too big for exhaustive search."""


@dataclass(frozen=True)
class _Job:
    """A task or engagement in oracle units (slots for amounts, minutes for instants)."""

    id: str
    mission: bool
    effort: int
    min_chunk: int
    limit: int
    release: int
    due: int
    deadline: int
    urgency: int
    people: frozenset[str]
    predecessors: tuple[int, ...]
    needs_start: bool
    crosses: str = "nights"
    """What a session may run across: ``nothing``, ``breaks`` (not a night) or ``nights``."""
    window: tuple[int, int] | None = None
    """Minutes of the day every session lies in, on one day."""
    longest: int | None = None
    """Most slots in one session."""
    lags: tuple[tuple[int, bool, int, tuple[int, ...] | None], ...] = ()
    """``(job, from its start, minutes or slots, working minutes of the one person doing this
    job)`` per lag: a calendar lag in minutes (working ``None``), a working lag in slots."""

    pinned_start: int | None = None
    """Minute the job's first work must start at (a pin), or None."""

    @property
    def has_session_rules(self) -> bool:
        """Whether two touching sessions may differ from one (then both are searched)."""
        return self.crosses != "nights" or self.window is not None or self.longest is not None


@dataclass(frozen=True)
class _Person:
    """A person's free slots (start minutes, ascending) and hour cap in slots."""

    id: str
    free: tuple[int, ...]
    cap: int | None
    is_lead: bool
    day_slots: int = 0
    """Slots of the person's longest working weekday (overtime left out)."""


@dataclass(frozen=True)
class _Duty:
    """What the lead may owe one partner, in slots and minutes, as bounds for the search."""

    most_follow_up: int
    """Follow-up slots for the most work the partner could do (0: never any)."""
    kickoff_by: int
    """Latest end worth trying for the kick-off (the partner's last free slot)."""
    follow_up_by: int
    """Latest end worth trying for the follow-up (latest deadline of the partner's tasks)."""
    can_work: bool
    free: frozenset[int] = frozenset()
    """The partner's free slots (start minutes): a kick-off is a meeting of both."""


@dataclass(frozen=True)
class _Coordination:
    """The coordination rule in oracle units: kick-off slots, share in thousandths, duties."""

    kickoff: int
    share_milli: int
    duties: tuple[_Duty, ...]
    """One per partner, in the order of ``people[1:]``."""

    def follow_up(self, done: int) -> int:
        """``F_p = ceil(share_milli * D_p / 1000)`` slots for ``done = D_p`` slots of work."""
        return -(-self.share_milli * done // 1000)


# ---------------------------------------------------------------------- public API
def is_feasible(scenario: Scenario, opportunities: str = "ignore") -> bool:
    """Whether some plan meets every hard rule of the result contract.

    ``opportunities`` is the policy's treatment of the scenario's opportunities
    (``"ignore"``, ``"expected"`` or ``"all"``): the work reserved is the lead's, inside the
    opportunity's window, as an engagement.
    """
    return min_weighted_lateness(scenario, opportunities) is not None


def min_weighted_lateness(scenario: Scenario, opportunities: str = "ignore") -> float | None:
    """Optimal sum of urgency x hours delivered past due, or None if infeasible."""
    people = free_time(scenario)
    jobs = _jobs(scenario, opportunities)
    _guard(people, jobs)
    if any(not job.people for job in jobs):
        return None
    step = scenario.granularity_minutes
    coordination = _coordination(scenario, people, jobs)
    per_person = []
    for person in people:
        exclusive = {j for j, job in enumerate(jobs) if job.people == {person.id}}
        per_person.append(_person_signatures(person, jobs, step, exclusive, coordination))
    combined = _combine(per_person, people, jobs, scenario.mission.max_partners, coordination)
    mission = [j for j, job in enumerate(jobs) if job.mission]
    groupings = [g for g in _partitions(mission) if len(g) <= scenario.mission.max_tranches]
    best: int | None = None
    for key in combined:
        if not _precedence_ok(key, jobs):
            continue
        if any(job.pinned_start not in (None, key[j][0]) for j, job in enumerate(jobs)):
            continue
        late = _best_tranches(key, jobs, groupings)
        if late is not None and (best is None or late < best):
            best = late
    return None if best is None else best / 60


def free_time(scenario: Scenario) -> list[_Person]:
    """Each person's free working slots, as minutes from the first day's 00:00 (lead first)."""
    lead = scenario.lead
    lead_blocks = [(b.date, b.time, b.hours) for b in scenario.fixed_blocks]
    step = scenario.granularity_minutes

    def person(pid: str, calendar: Calendar, blocks: list, cap: int | None) -> _Person:
        free = tuple(_free_minutes(scenario, calendar, blocks))
        return _Person(pid, free, cap, pid == lead.id, _day_slots(calendar, step))

    people = [person(lead.id, lead.calendar, lead_blocks, None)]
    starts = {pin.partner: pin.start for pin in scenario.pins if pin.start is not None}
    for partner in scenario.partners:
        busy: list[tuple[dt.date, TimeRange | None, float | None]] = [
            (b.date, b.time, None) for b in partner.busy
        ]
        pinned = starts.get(partner.id)
        if pinned is not None:  # a pinned start: no work before that day
            busy += [
                (scenario.start + dt.timedelta(days=d), None, None)
                for d in range((pinned - scenario.start).days)
            ]
        cap = None
        if partner.max_hours is not None:
            cap = round(partner.max_hours * 60) // step
        people.append(person(partner.id, partner.calendar, busy, cap))
    return people


def _day_slots(calendar: Calendar, step: int) -> int:
    """Slots of the longest working weekday of ``calendar``."""
    return (
        max(
            (sum(r.end - r.start for r in ranges) for ranges in calendar.working_hours.values()),
            default=0,
        )
        // step
    )


def _session_ok(
    job: _Job, person: _Person, free: tuple[int, ...], k: int, length: int, step: int
) -> bool:
    """Whether ``length`` slots from free position ``k`` make one session ``job`` allows.

    ``nothing``: consecutive slots; a window: every slot inside it, on one day; ``breaks``
    (no window): on one day unless longer than the person's working day.
    """
    first, last = free[k], free[k + length - 1]
    if job.crosses == "nothing" and last - first != (length - 1) * step:
        return False
    one_day = job.window is not None or (job.crosses == "breaks" and length <= person.day_slots)
    if one_day and first // DAY != last // DAY:
        return False
    if job.window is not None:
        start, end = job.window
        return all(start <= m % DAY and m % DAY + step <= end for m in free[k : k + length])
    return True


# ---------------------------------------------------------------------- time
def _origin(scenario: Scenario) -> dt.datetime:
    return dt.datetime.combine(scenario.start, dt.time())


def _minutes(origin: dt.datetime, moment: dt.datetime) -> int:
    return round((moment - origin) / dt.timedelta(minutes=1))


def _instant_start(origin: dt.datetime, value: dt.date | dt.datetime) -> int:
    """A date means 00:00 of that day."""
    if isinstance(value, dt.datetime):
        return _minutes(origin, value)
    return _minutes(origin, dt.datetime.combine(value, dt.time()))


def _instant_end(origin: dt.datetime, value: dt.date | dt.datetime) -> int:
    """A date means 24:00 of that day."""
    if isinstance(value, dt.datetime):
        return _minutes(origin, value)
    return _minutes(origin, dt.datetime.combine(value + dt.timedelta(days=1), dt.time()))


def _slots(hours: float, step: int) -> int:
    """Hours as a whole number of slots, rounded up to the grid."""
    return -(-round(hours * 60) // step)


def _free_minutes(
    scenario: Scenario,
    calendar: Calendar,
    blocks: list[tuple[dt.date, TimeRange | None, float | None]],
) -> list[int]:
    """Working slots of ``calendar`` in the horizon less ``blocks`` (timed ones first; then a
    block in hours takes the first free working slots of its day; else the whole working day)."""
    if calendar.overtime_hours_per_day:
        raise NotImplementedError("the oracle does not model overtime")
    step = scenario.granularity_minutes
    first, last = scenario.start, scenario.end
    off = set(calendar.public_holidays(first, last))
    for leave in calendar.time_off:
        day = leave.start
        while day <= leave.end:
            off.add(day)
            day += dt.timedelta(days=1)
    per_day: dict[dt.date, list[int]] = {}
    day = first
    while day <= last:
        per_day[day] = (
            []
            if day in off
            else [m for r in calendar.ranges_on(day) for m in range(r.start, r.end, step)]
        )
        day += dt.timedelta(days=1)
    for date, time, _ in blocks:
        if time is not None:
            per_day[date] = [
                m for m in per_day[date] if not (m < time.end and m + step > time.start)
            ]
    for date, time, hours in blocks:
        if time is None:
            per_day[date] = [] if hours is None else per_day[date][round(hours * 60) // step :]
    return [
        (date - first).days * 24 * 60 + m for date in sorted(per_day) for m in sorted(per_day[date])
    ]


# ---------------------------------------------------------------------- jobs
def _reserved_minutes(scenario: Scenario, opportunities: str) -> list[tuple[Engagement, int]]:
    """Engagements, then reserved opportunities, with the lead's minutes of work each.

    ``"expected"``: ``probability x effort`` rounded to the nearest grid step (halves up),
    left out when zero; ``"all"``: the whole effort.
    """
    step = scenario.granularity_minutes
    out = [(e, round(e.effort_hours * 60)) for e in scenario.engagements]
    for opp in scenario.opportunities:
        minutes = round(opp.effort_hours * 60)
        if opportunities == "expected":
            minutes = step * int(
                Fraction(opp.probability).limit_denominator(10**6) * minutes / step + Fraction(1, 2)
            )
        if opportunities in ("expected", "all") and minutes:
            out.append((opp, minutes))
    return out


def _jobs(scenario: Scenario, opportunities: str = "ignore") -> list[_Job]:
    step = scenario.granularity_minutes
    origin = _origin(scenario)
    lead = scenario.lead
    jobs: list[_Job] = []
    for eng, minutes in _reserved_minutes(scenario, opportunities):
        effort = minutes // step
        session = -(-round(eng.min_session_hours * 60) // step) * step
        limit = eng.max_chunks or max(1, min(8, minutes // session))
        jobs.append(
            _Job(
                id=eng.id,
                mission=False,
                effort=effort,
                min_chunk=min(effort, _slots(eng.min_session_hours, step)),
                limit=limit,
                release=_instant_start(origin, eng.earliest_start),
                due=0,
                deadline=_instant_end(origin, eng.deadline),
                urgency=0,
                people=frozenset({lead.id}),
                predecessors=(),
                needs_start=False,
            )
        )
    index = {t.id: len(jobs) + i for i, t in enumerate(scenario.mission.tasks)}
    anchors = {lag.task for t in scenario.mission.tasks for lag in t.lags}
    notice = _notice(scenario)
    by_person = {pin.task: pin.person for pin in scenario.pins if pin.person is not None}
    at = {pin.task: _minutes(origin, pin.at) for pin in scenario.pins if pin.at is not None}
    for task in scenario.mission.tasks:
        effort = round(task.effort_hours * 60) // step
        able = set()
        if lead.skills is None or set(task.skills) <= set(lead.skills):
            able.add(lead.id)
        if task.delegable:
            able |= {p.id for p in scenario.partners if set(task.skills) <= set(p.skills)}
        if task.id in by_person:
            able &= {by_person[task.id]}
        release = 0 if task.release is None else _instant_start(origin, task.release)
        jobs.append(
            _Job(
                id=task.id,
                mission=True,
                effort=effort,
                min_chunk=min(effort, _slots(task.min_session_hours, step))
                if task.splittable
                else effort,
                limit=task.chunk_limit(),
                release=max(release, notice, at.get(task.id, 0)),
                due=_instant_end(origin, task.due),
                deadline=_instant_end(origin, task.latest),
                urgency=task.urgency,
                people=frozenset(able),
                predecessors=tuple(
                    index[p]
                    for p in dict.fromkeys(
                        [*task.predecessors]
                        + [g.task for g in task.lags if g.link == "finish-to-start"]
                    )
                ),
                needs_start=bool(task.predecessors or task.lags)
                or task.id in anchors
                or task.id in at,
                lags=tuple(_lag(scenario, g, able, index, step) for g in task.lags),
                crosses=task.session_crosses,
                window=None
                if task.session_window is None
                else (task.session_window.start, task.session_window.end),
                longest=None
                if task.max_session_hours is None
                else round(task.max_session_hours * 60) // step,
                pinned_start=at.get(task.id),
            )
        )
    return jobs


def _notice(scenario: Scenario) -> int:
    """Minute from which mission work may start: 00:00 of the lead's ``notice_days``-th
    working day after the planning start (0 without notice)."""
    count = scenario.mission.notice_days
    if not count:
        return 0
    calendar = scenario.lead.calendar
    off = set(calendar.public_holidays(scenario.start, scenario.end))
    for leave in calendar.time_off:
        off |= {
            leave.start + dt.timedelta(days=d) for d in range((leave.end - leave.start).days + 1)
        }
    day, seen = scenario.start, 0
    while seen < count and day <= scenario.end:
        day += dt.timedelta(days=1)
        seen += day <= scenario.end and bool(calendar.ranges_on(day)) and day not in off
    return (day - scenario.start).days * DAY


def _lag(
    scenario: Scenario, lag: Lag, able: set[str], index: dict[str, int], step: int
) -> tuple[int, bool, int, tuple[int, ...] | None]:
    """A lag in oracle units; a working lag needs the one person who may do the task."""
    minutes = round(lag.hours * 60)
    if lag.counted == "calendar":
        return index[lag.task], lag.link == "start-to-start", minutes, None
    if len(able) > 1:
        raise SearchTooLargeError(f"a working lag on a task {sorted(able)} may share")
    if not able:  # nobody may do the task: infeasible whatever the lag
        return index[lag.task], lag.link == "start-to-start", 0, ()
    (person,) = able
    calendar = (
        scenario.lead.calendar
        if person == scenario.lead.id
        else next(p.calendar for p in scenario.partners if p.id == person)
    )
    working = tuple(_free_minutes(scenario, calendar, []))
    return index[lag.task], lag.link == "start-to-start", -(-minutes // step), working


def _guard(people: list[_Person], jobs: list[_Job]) -> None:
    if len(people) > MAX_PEOPLE or len(jobs) > MAX_JOBS:
        raise SearchTooLargeError(
            f"{len(people)} people and {len(jobs)} jobs: too many to enumerate"
        )
    for person in people:
        if len(person.free) > MAX_FREE_SLOTS:
            raise SearchTooLargeError(
                f"{person.id} has {len(person.free)} free slots (> {MAX_FREE_SLOTS})"
            )


def _coordination(scenario: Scenario, people: list[_Person], jobs: list[_Job]) -> _Coordination:
    step = scenario.granularity_minutes
    kickoff = round(scenario.kickoff_hours * 60) // step
    share_milli = round(scenario.coordination_share * 1000)
    duties = []
    for partner in people[1:]:
        able = [job for job in jobs if job.mission and partner.id in job.people]
        most = min(
            len(partner.free),
            len(partner.free) if partner.cap is None else partner.cap,
            sum(job.effort for job in able),
        )
        can_work = most > 0
        duties.append(
            _Duty(
                most_follow_up=-(-share_milli * most // 1000),
                kickoff_by=partner.free[-1] if can_work else -1,
                follow_up_by=max((job.deadline for job in able), default=-1),
                can_work=can_work,
                free=frozenset(partner.free),
            )
        )
    return _Coordination(kickoff, share_milli, tuple(duties))


# ---------------------------------------------------------------------- search
Signature = tuple[tuple[int, int, int, int], ...]
"""Per job: (slots done, chunks, first start, last end)."""
Extra = tuple[int, ...]
"""Per person beyond the jobs: the lead's ``(kick-off end, follow-up slots, follow-up start,
follow-up end)`` for each partner in a row (``_NONE``: not placed); a partner's ``(first start,
first chunk's end)``."""

_NONE = -1
"""End of a coordination block not placed."""


def _person_signatures(
    person: _Person,
    jobs: list[_Job],
    step: int,
    exclusive: set[int],
    coordination: _Coordination,
) -> set[tuple[Signature, Extra]]:
    """Every reachable contribution of one person to all jobs (exclusive jobs complete).

    With it, the person's extra state: the lead's coordination blocks, or a partner's first
    start (kept only when there is a kick-off to end before it).
    """
    free = person.free
    n = len(free)
    able = [j for j, job in enumerate(jobs) if person.id in job.people]
    cap = n if person.cap is None else person.cap
    track_first = not person.is_lead and (coordination.kickoff > 0 or coordination.share_milli > 0)
    # fits[j][k]: free positions >= k whose slot ends by job j's deadline
    fits = []
    for job in jobs:
        row = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            row[k] = row[k + 1] + (free[k] + step <= job.deadline)
        fits.append(row)
    empty: Signature = tuple((0, 0, _NO_START, 0) for _ in jobs)
    extra: Extra = (
        (_NONE, 0, _NONE, _NONE) * len(coordination.duties)
        if person.is_lead
        else ((_NO_START, _NO_START) if track_first else (0, 0))
    )
    states: list[set[tuple[int, Signature, Extra]]] = [set() for _ in range(n + 1)]
    states[0].add((-1, empty, extra))
    seen = 0
    for k in range(n):
        current, states[k] = states[k], set()
        seen += len(current)
        if seen > MAX_STATES:
            raise SearchTooLargeError(f"more than {MAX_STATES} search states for {person.id}")
        for last, sig, extra in current:
            left = 0
            viable = True
            for j in exclusive:
                todo = jobs[j].effort - sig[j][0]
                left += todo
                if todo > fits[j][k]:
                    viable = False
            if not viable or left > n - k:
                continue
            states[k + 1].add((-1, sig, extra))
            if person.is_lead:
                for length, lead_extra in _coordination_moves(free, k, step, extra, coordination):
                    states[k + length].add((-1, sig, lead_extra))
            used = sum(part[0] for part in sig)
            for j in able:
                job = jobs[j]
                done, chunks, start, end = sig[j]
                touching = j == last and not job.has_session_rules
                if touching or chunks >= job.limit or free[k] < job.release:
                    continue
                longest = min(job.effort - done, n - k, cap - used, job.longest or n)
                for length in range(job.min_chunk, longest + 1):
                    finish = free[k + length - 1] + step
                    if finish > job.deadline:
                        break
                    if not _session_ok(job, person, free, k, length, step):
                        continue
                    part = (
                        done + length,
                        chunks + 1,
                        min(start, free[k]) if job.needs_start else 0,
                        max(end, finish) if job.mission else 0,
                    )
                    # a partner's first chunk is the first placed (positions in time order)
                    first_chunk = track_first and extra[0] == _NO_START
                    after = (free[k], finish) if first_chunk else extra
                    states[k + length].add((j, (*sig[:j], part, *sig[j + 1 :]), after))
    return {
        (sig, extra)
        for _, sig, extra in states[n]
        if all(sig[j][0] == jobs[j].effort for j in exclusive)
    }


def _coordination_moves(
    free: tuple[int, ...], k: int, step: int, extra: Extra, coordination: _Coordination
) -> Iterator[tuple[int, Extra]]:
    """The lead's coordination blocks that may start at free position ``k``: (slots, state)."""
    n = len(free)
    for i, duty in enumerate(coordination.duties):
        if not duty.can_work:
            continue
        kickoff_end, follow_up, _, _ = extra[4 * i : 4 * i + 4]
        length = coordination.kickoff
        if length and kickoff_end == _NONE and k + length <= n:
            finish = free[k + length - 1] + step
            slots = free[k : k + length]
            unbroken = finish - free[k] == length * step
            if finish <= duty.kickoff_by and unbroken and duty.free.issuperset(slots):
                yield length, (*extra[: 4 * i], finish, *extra[4 * i + 1 :])
        if follow_up or (coordination.kickoff and kickoff_end == _NONE):
            continue
        for length in range(1, min(duty.most_follow_up, n - k) + 1):
            finish = free[k + length - 1] + step
            if finish > duty.follow_up_by:
                break
            block = (kickoff_end, length, free[k], finish)
            yield length, (*extra[: 4 * i], *block, *extra[4 * i + 4 :])


def _combine(
    per_person: list[set[tuple[Signature, Extra]]],
    people: list[_Person],
    jobs: list[_Job],
    max_partners: int | None,
    coordination: _Coordination,
) -> set[tuple[tuple[int, int], ...]]:
    """Combined (first start, last end) per job over every complete joint assignment."""
    efforts = tuple(job.effort for job in jobs)
    blank = (_NONE, 0, _NONE, _NONE)
    partial: set[tuple[Signature, int, Extra]] = {(sig, 0, coord) for sig, coord in per_person[0]}
    for i in range(1, len(people)):
        last = i == len(people) - 1
        at = 4 * (i - 1)
        by_amount: dict[tuple[int, ...], list[tuple[Signature, Extra]]] = {}
        for sig, extra in per_person[i]:
            by_amount.setdefault(tuple(p[0] for p in sig), []).append((sig, extra))
        merged: set[tuple[Signature, int, Extra]] = set()
        for sig, partners, coord in partial:
            done = tuple(p[0] for p in sig)
            if last:
                need = tuple(e - d for e, d in zip(efforts, done, strict=True))
                candidates = by_amount.get(need, [])
            else:
                candidates = [
                    other
                    for amount, group in by_amount.items()
                    if all(a + d <= e for a, d, e in zip(amount, done, efforts, strict=True))
                    for other in group
                ]
            for other, (first, first_end) in candidates:
                block = coord[at : at + 4]
                if not _coordinated(block, other, (first, first_end), jobs, coordination):
                    continue
                joined = _join(sig, other, jobs)
                if joined is None:
                    continue
                count = partners + any(p[0] for p in other)
                if max_partners is not None and count > max_partners:
                    continue
                merged.add((joined, count, (*coord[:at], *blank, *coord[at + 4 :])))
                if len(merged) > MAX_STATES:
                    raise SearchTooLargeError(f"more than {MAX_STATES} combined states")
        partial = merged
    return {
        tuple((p[2], p[3]) for p in sig)
        for sig, _, _ in partial
        if all(p[0] == e for p, e in zip(sig, efforts, strict=True))
    }


def _coordinated(
    block: Extra,
    work: Signature,
    partner: tuple[int, int],
    jobs: list[_Job],
    coordination: _Coordination,
) -> bool:
    """Whether the lead's ``(kick-off end, follow-up slots, follow-up start, follow-up end)``
    for a partner fits that partner's ``work`` and ``(first start, first chunk's end)``."""
    kickoff_end, follow_up, follow_up_start, follow_up_end = block
    first, first_end = partner
    done = sum(part[0] for part in work)
    if not done:
        return kickoff_end == _NONE and follow_up == 0
    if coordination.kickoff and not _NONE < kickoff_end <= first:
        return False
    if follow_up != coordination.follow_up(done):
        return False
    latest = max(job.deadline for job, part in zip(jobs, work, strict=True) if part[0])
    return follow_up == 0 or (follow_up_end <= latest and follow_up_start >= first_end)


def _join(a: Signature, b: Signature, jobs: list[_Job]) -> Signature | None:
    parts = []
    for pa, pb, job in zip(a, b, jobs, strict=True):
        chunks = pa[1] + pb[1]
        if chunks > job.limit:
            return None
        parts.append((pa[0] + pb[0], chunks, min(pa[2], pb[2]), max(pa[3], pb[3])))
    return tuple(parts)


def _precedence_ok(key: tuple[tuple[int, int], ...], jobs: list[_Job]) -> bool:
    """Each task starts at or after the last end of each of its predecessors, and its lags."""
    if not all(key[p][1] <= key[j][0] for j, job in enumerate(jobs) for p in job.predecessors):
        return False
    for j, job in enumerate(jobs):
        for other, from_start, amount, working in job.lags:
            anchor = key[other][0] if from_start else key[other][1]
            start = key[j][0]
            if working is None and start < anchor + amount:
                return False
            if working is not None and sum(anchor <= m < start for m in working) < amount:
                return False
    return True


def _best_tranches(
    key: tuple[tuple[int, int], ...], jobs: list[_Job], groupings: list[list[list[int]]]
) -> int | None:
    """Least urgency-weighted lateness in minutes over the allowed groupings, or None."""
    best: int | None = None
    for grouping in groupings:
        total = 0
        for group in grouping:
            delivery = max(key[j][1] for j in group)
            if any(delivery > jobs[j].deadline for j in group):
                break
            total += sum(jobs[j].urgency * max(0, delivery - jobs[j].due) for j in group)
        else:
            if best is None or total < best:
                best = total
    return best


def _partitions(items: list[int]) -> Iterator[list[list[int]]]:
    """Every partition of ``items`` into non-empty groups."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for smaller in _partitions(rest):
        for i in range(len(smaller)):
            yield [*smaller[:i], [first, *smaller[i]], *smaller[i + 1 :]]
        yield [[first], *smaller]
