"""Hypothesis strategies for small, valid scenarios that an exhaustive search can settle.

Every scenario starts on Tuesday 2026-12-01 and lasts 1-3 working days (no French holiday
falls in it). Working hours are short, so each person has at most 12 free slots: at the
60-minute grid 1-3 days of at most 4 hours, at the 30-minute grid 1-2 days of at most 3 hours.
Tasks draw session rules too (what a session may cross, a window, a longest session), lags
from earlier tasks (working lags only on tasks the lead keeps), and missions a notice period.
"""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import strategies as st

from mission_planner.scenario import (
    BusyBlock,
    Calendar,
    Engagement,
    FixedBlock,
    Lead,
    Mission,
    Opportunity,
    Partner,
    Scenario,
    Task,
    TimeOff,
    TimeRange,
    Weekday,
    Weights,
)

START = dt.date(2026, 12, 1)
"""A Tuesday; December 2026 has no French public holiday before the 25th."""

PATTERNS = {
    60: (
        ("09:00-13:00",),
        ("09:00-11:00", "14:00-16:00"),
        ("09:00-13:00",),
        ("09:00-11:00", "14:00-16:00"),
        ("09:00-12:00",),
        ("10:00-12:00", "14:00-15:00"),
        ("08:00-10:00",),
    ),
    30: (
        ("09:00-11:00",),
        ("09:00-10:30", "14:00-15:30"),
        ("09:30-12:30",),
    ),
}
"""Daily working ranges by grid (minutes): at most 4 hours, or 3 hours at the 30-minute grid."""

EFFORTS = {60: (1.0, 2.0, 1.0, 3.0, 2.0, 4.0), 30: (0.5, 1.0, 0.5, 1.5, 1.0, 2.0)}
SESSIONS = {60: (1.0, 2.0, 1.5, 3.0, 0.5), 30: (0.5, 1.0, 0.75, 1.5)}
"""Minimum sessions, some off the grid on purpose (they round up to it)."""
WINDOWS = (None, None, None, "09:00-11:00", "10:00-16:00")
"""Session windows (None: sessions may lie at any time of day)."""
LONGEST = {60: (None, None, 1.0, 2.0), 30: (None, None, 0.5, 1.0)}
"""Longest sessions of splittable tasks (dropped where they leave too little room)."""
SKILLS = ("x", "y")
WEEKDAYS = (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI)


def small_scenarios(weights: Weights | None = None) -> st.SearchStrategy[Scenario]:
    """Tiny scenarios with the lead alone."""
    return _scenarios(with_partner=False, weights=weights)


def small_scenarios_with_partner(weights: Weights | None = None) -> st.SearchStrategy[Scenario]:
    """Tiny scenarios with the lead and one partner."""
    return _scenarios(with_partner=True, weights=weights)


@st.composite
def _scenarios(draw: st.DrawFn, *, with_partner: bool, weights: Weights | None) -> Scenario:
    step = draw(st.sampled_from((60, 60, 60, 30)))
    n_days = draw(st.sampled_from((3, 2, 3, 1) if step == 60 else (2, 2, 1)))
    days = [START + dt.timedelta(days=i) for i in range(n_days)]
    lead_skills = draw(st.none() | _skill_sets())
    lead = Lead(calendar=draw(_calendars(step, days)), skills=lead_skills)
    partners: tuple[Partner, ...] = ()
    if with_partner:
        partners = (draw(_partners(step, days)),)
    fixed = draw(_fixed_blocks(step, days, lead.calendar))
    engagements = ()
    if draw(st.integers(0, 3)) == 0:
        engagements = (draw(_engagements(step, days)),)
    opportunities: tuple[Opportunity, ...] = ()
    if draw(st.integers(0, 3)) == 0:
        opportunities = (draw(_opportunities(step, days)),)
    tasks: list[Task] = []
    for i in range(draw(st.integers(1, 3))):
        tasks.append(draw(_tasks(step, days, f"t{i + 1}", [t.id for t in tasks], lead, partners)))
    mission = Mission(
        client="ACME",
        tasks=tuple(tasks),
        max_tranches=draw(st.integers(1, 3)),
        max_partners=draw(st.sampled_from((None, 1, 0))) if with_partner else None,
        notice_days=draw(st.sampled_from((0, 0, 0, 1))),
    )
    return Scenario(
        name="tiny",
        start=days[0],
        end=days[-1],
        granularity_minutes=step,
        lead=lead,
        partners=partners,
        fixed_blocks=fixed,
        engagements=engagements,
        opportunities=opportunities,
        mission=mission,
        weights=weights or Weights(),
    )


def _skill_sets() -> st.SearchStrategy[tuple[str, ...]]:
    return st.sets(st.sampled_from(SKILLS)).map(lambda s: tuple(sorted(s)))


@st.composite
def _calendars(draw: st.DrawFn, step: int, days: list[dt.date]) -> Calendar:
    """Short weekday hours, sometimes with one day of the horizon off."""
    ranges = tuple(TimeRange.model_validate(r) for r in draw(st.sampled_from(PATTERNS[step])))
    off = draw(st.sampled_from((None, None, None, *days))) if len(days) > 1 else None
    leave = draw(st.booleans())
    return Calendar(
        working_hours=dict.fromkeys(WEEKDAYS, ranges),
        country=draw(st.sampled_from((None, "FR"))),
        extra_holidays=(off,) if off is not None and not leave else (),
        time_off=(TimeOff(start=off, end=off, reason="leave"),)
        if off is not None and leave
        else (),
    )


def _clock_ranges(step: int) -> st.SearchStrategy[TimeRange]:
    """On-grid ranges of 1-3 hours starting between 08:00 and 16:00."""
    starts = st.sampled_from(range(8 * 60, 16 * 60 + 1, step))
    lengths = st.sampled_from(range(step, 3 * 60 + 1, step))
    return st.builds(lambda a, n: TimeRange(start=a, end=a + n), starts, lengths)


@st.composite
def _fixed_blocks(
    draw: st.DrawFn, step: int, days: list[dt.date], calendar: Calendar
) -> tuple[FixedBlock, ...]:
    """0-2 lead commitments, mostly timed; a block that would not validate is dropped."""
    blocks: list[FixedBlock] = []
    for i in range(draw(st.integers(0, 2))):
        day = draw(st.sampled_from(days))
        kind = draw(st.sampled_from(("time", "time", "time", "hours", "hours", "day")))
        if kind == "time":
            block = FixedBlock(id=f"f{i + 1}", date=day, time=draw(_clock_ranges(step)))
        elif kind == "hours":
            hours = draw(st.sampled_from(range(step, 2 * 60 + 1, step))) / 60
            block = FixedBlock(id=f"f{i + 1}", date=day, hours=hours)
        else:
            block = FixedBlock(id=f"f{i + 1}", date=day)
        if _blocks_fit([*blocks, block], calendar):
            blocks.append(block)
    return tuple(blocks)


def _blocks_fit(blocks: list[FixedBlock], calendar: Calendar) -> bool:
    """The scenario's own rules: timed blocks do not overlap and fit the working day."""
    for day in {b.date for b in blocks}:
        same = [b for b in blocks if b.date == day]
        timed = sorted((b.time for b in same if b.time is not None), key=lambda r: r.start)
        if any(b.start < a.end for a, b in itertools.pairwise(timed)):
            return False
        ranges = calendar.ranges_on(day)
        working = sum(r.minutes for r in ranges)
        counted = 0
        for b in same:
            if b.time is not None:
                counted += sum(
                    max(0, min(r.end, b.time.end) - max(r.start, b.time.start)) for r in ranges
                )
            else:
                counted += working if b.hours is None else round(b.hours * 60)
        if counted > working:
            return False
    return True


@st.composite
def _engagements(draw: st.DrawFn, step: int, days: list[dt.date]) -> Engagement:
    first = draw(st.integers(0, len(days) - 1))
    last = draw(st.integers(first, len(days) - 1))
    return Engagement(
        id="e1",
        client="OTHER",
        effort_hours=draw(st.sampled_from(EFFORTS[step][:3])),
        earliest_start=days[first],
        deadline=days[last],
        min_session_hours=draw(st.sampled_from(SESSIONS[step])),
        max_chunks=draw(st.sampled_from((None, 1, 2))),
    )


@st.composite
def _opportunities(draw: st.DrawFn, step: int, days: list[dt.date]) -> Opportunity:
    """A mission not yet won: an engagement's work with a win probability (0, 1 or between)."""
    eng = draw(_engagements(step, days))
    probability = draw(st.sampled_from((0.0, 0.25, 0.5, 0.75, 1.0)))
    data = eng.model_dump() | {"id": "o1", "client": "PROSPECT", "probability": probability}
    return Opportunity.model_validate(data)


@st.composite
def _partners(draw: st.DrawFn, step: int, days: list[dt.date]) -> Partner:
    busy: tuple[BusyBlock, ...] = ()
    if draw(st.booleans()):
        busy = (
            BusyBlock(
                date=draw(st.sampled_from(days)),
                time=draw(st.none() | _clock_ranges(step)),
                reason="other client",
            ),
        )
    max_hours = draw(st.none() | st.sampled_from(EFFORTS[step] + (1.5,)))
    return Partner(
        id="p1",
        skills=draw(_skill_sets()),
        calendar=draw(_calendars(step, days)),
        busy=busy,
        day_rate=draw(st.sampled_from((400.0, 600.0, 800.0))),
        max_hours=max_hours,
    )


def _moments(step: int, days: list[dt.date]) -> list[dt.date | dt.datetime]:
    """Dates of the horizon (latest first: simplest) and on-grid datetimes 08:00-17:00."""
    dates: list[dt.date | dt.datetime] = list(reversed(days))
    times: list[dt.date | dt.datetime] = [
        dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=m)
        for day in days
        for m in range(8 * 60, 17 * 60 + 1, step)
    ]
    return dates + times


def _pick(
    choices: list[dt.date | dt.datetime], *, early: bool = False
) -> st.SearchStrategy[dt.date | dt.datetime]:
    """A date or a datetime among ``choices``: mostly dates, the latest (or the earliest) one
    most often."""
    dates = [c for c in choices if not isinstance(c, dt.datetime)]
    times = [c for c in choices if isinstance(c, dt.datetime)]
    favourite = dates[-1:] if early else dates[:1]
    options = [st.sampled_from(favourite + dates)] * 2 if dates else []
    if times:
        options.append(st.sampled_from(times))
    return st.one_of(*options)


def _start_key(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time())


def _end_key(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value + dt.timedelta(days=1), dt.time())


@st.composite
def _tasks(
    draw: st.DrawFn,
    step: int,
    days: list[dt.date],
    task_id: str,
    earlier: list[str],
    lead: Lead,
    partners: tuple[Partner, ...],
) -> Task:
    moments = _moments(step, days)
    due = draw(_pick(moments))
    later = [m for m in moments if _end_key(m) >= _end_key(due)]
    deadline = draw(st.none() | _pick(later))
    before = [m for m in moments if _start_key(m) <= _end_key(due)]
    release = draw(st.none() | _pick(before, early=True))
    splittable = draw(st.booleans())
    max_chunks = draw(st.sampled_from((None, 1, 2, 3) if splittable else (None, 1)))
    delegable = draw(st.booleans())
    if lead.skills is None:
        pool: set[str] = set(SKILLS)
    else:
        pool = set(lead.skills)
        if delegable:
            pool |= {s for p in partners for s in p.skills}
    skills = draw(st.sets(st.sampled_from(sorted(pool)))) if pool else set()
    predecessors = draw(st.sets(st.sampled_from(earlier))) if earlier else set()
    sessions: dict[str, object] = {
        "session_crosses": draw(st.sampled_from(("breaks", "breaks", "nothing", "nights"))),
        "session_window": draw(st.sampled_from(WINDOWS)),
    }
    if splittable:
        sessions["max_session_hours"] = draw(st.sampled_from(LONGEST[step]))
    if earlier and draw(st.integers(0, 2)) == 0:
        sessions["lags"] = [
            {
                "task": draw(st.sampled_from(earlier)),
                "hours": draw(st.sampled_from((1, 2))) * step / 60,
                "link": draw(st.sampled_from(("finish-to-start", "start-to-start"))),
                # a working lag is counted in the one person's time: the lead's, on their own
                "counted": draw(st.sampled_from(("calendar", "working")))
                if not delegable
                else "calendar",
            }
        ]
    task = _task(
        id=task_id,
        effort_hours=draw(st.sampled_from(EFFORTS[step])),
        urgency=draw(st.integers(0, 3)),
        release=release,
        due=due,
        deadline=deadline,
        skills=tuple(sorted(skills)),
        delegable=delegable,
        splittable=splittable,
        min_session_hours=draw(st.sampled_from(SESSIONS[step])),
        max_chunks=max_chunks,
        predecessors=tuple(sorted(predecessors)),
        **sessions,
    )
    return task


def _task(**fields: object) -> Task:
    """The task (a longest session too short for its effort makes it infeasible, on purpose)."""
    return Task.model_validate(fields)


@st.composite
def pinned_scenarios(draw: st.DrawFn) -> Scenario:
    """Tiny scenarios (lead alone or with a partner) with 1-2 pins of any kind."""
    scenario = draw(st.one_of(small_scenarios(), small_scenarios_with_partner()))
    step = scenario.granularity_minutes
    days = [
        scenario.start + dt.timedelta(days=i)
        for i in range((scenario.end - scenario.start).days + 1)
    ]
    tasks = [t.id for t in scenario.mission.tasks]
    people = [scenario.lead.id, *(p.id for p in scenario.partners)]
    pins: list[dict[str, object]] = []
    for task in draw(st.lists(st.sampled_from(tasks), min_size=1, max_size=2, unique=True)):
        kind = draw(st.sampled_from(("at", "at", "person", "partner")))
        if kind == "at":
            moment = draw(
                st.sampled_from([m for m in _moments(step, days) if isinstance(m, dt.datetime)])
            )
            pins.append({"task": task, "at": moment})
        elif kind == "person":
            pins.append({"task": task, "person": draw(st.sampled_from(people))})
        elif scenario.partners and not any("partner" in p for p in pins):
            pins.append({"partner": scenario.partners[0].id, "start": draw(st.sampled_from(days))})
    return Scenario.model_validate({**scenario.model_dump(), "pins": pins})


@st.composite
def disruptions(draw: st.DrawFn) -> dict[str, object]:
    """A re-plan's disruption of a tiny scenario: work done, more effort, a promise that moves."""
    return {
        "done_share": draw(st.sampled_from((None, 0.0, 0.5, 1.0))),
        "more_hours": draw(st.sampled_from((0, 0, 1, 2))),
        "may_move": draw(st.booleans()),
        "stability": draw(st.sampled_from((0.0, 50.0, 1000.0))),
    }
