"""The scenario compiled into integers: jobs, people and costs on the slot grid.

Both the CP-SAT model and the heuristics read a :class:`Problem`; neither reads the scenario.
Every time below is a slot index (see :mod:`mission_planner.timeline`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from mission_planner.baseline import CompiledBaseline, compile_baseline
from mission_planner.contract import FOLLOW_UP as FOLLOW_UP  # re-exported for the solvers
from mission_planner.contract import KICKOFF as KICKOFF
from mission_planner.contract import coordination_id as coordination_id
from mission_planner.contract import coordination_of as coordination_of
from mission_planner.limits import check_objective
from mission_planner.policy import SCENARIO_AS_WRITTEN, Policy
from mission_planner.scenario import Calendar, Engagement, Opportunity, Scenario, Task, Trust
from mission_planner.scenario.mission import moment_end, moment_start
from mission_planner.sessions import Segments, SessionRule, segments_of
from mission_planner.timeline import Timeline, build_timeline, working_mask
from mission_planner.workdays import notice_end

OBJECTIVE_SCALE = 60
"""The integer objective is ``OBJECTIVE_SCALE`` times the reported objective."""


@dataclass(frozen=True)
class JobLag:
    """A lag from job ``job``'s finish (or start) to this job's start, in slots.

    ``working``: counted in the working slots of the person doing this job (their calendar's
    working hours less holidays and time off, see :meth:`Problem.working_before`), else in
    real slots.
    """

    job: str
    from_start: bool
    slots: int
    working: bool


@dataclass(frozen=True)
class Job:
    """Work to schedule: a mission task, an engagement, or time reserved for an opportunity.

    An engagement is another mission's remaining effort; an opportunity's reserved time is
    scheduled as one.

    ``release``, ``due`` and ``deadline`` are real slots: work starts at or after ``release``;
    the delivery instant (the end of the last slot of work, or the tranche's date) is late past
    ``due`` and never past ``deadline``.
    """

    id: str
    kind: Literal["mission", "engagement", "opportunity"]
    effort: int
    min_chunk: int
    max_chunks: int
    release: int
    due: int | None
    deadline: int
    urgency: int
    people: tuple[str, ...]
    predecessors: tuple[str, ...] = ()
    session: SessionRule | None = None
    """Where the job's chunks may lie (None: any run of a person's free time)."""
    lags: tuple[JobLag, ...] = ()
    """Lags to this job's start (a finish-to-start lag's job is also a predecessor)."""

    follow_up_by: int | None = None
    """Where the lead's follow-up with partners on the job may run to, when not ``deadline``
    (a re-plan's promise bounds the delivery, the follow-up keeps the client's deadline)."""

    @property
    def after(self) -> tuple[str, ...]:
        """Jobs to place before this one: predecessors and start-to-start lags' jobs."""
        extra = [lag.job for lag in self.lags if lag.job not in self.predecessors]
        return (*self.predecessors, *dict.fromkeys(extra))

    @property
    def coordination_deadline(self) -> int:
        """The slot the lead's follow-up with the job's partners ends by."""
        return self.deadline if self.follow_up_by is None else self.follow_up_by

    @property
    def is_mission(self) -> bool:
        """True for a task of the new mission."""
        return self.kind == "mission"


@dataclass(frozen=True)
class Person:
    """Someone who can do work: the lead or a partner."""

    id: str
    is_lead: bool
    cost_per_slot: int
    """Integer objective cost of one slot of this person's work (the partner's fee)."""
    fee_per_slot: float
    """What one slot of this person's work is invoiced, in EUR (0 for the lead)."""
    max_slots: int | None


@dataclass
class Problem:
    """Everything the solvers need, in integers: the scenario read under ``policy``."""

    scenario: Scenario
    timeline: Timeline
    jobs: list[Job]
    people: dict[str, Person]
    max_tranches: int
    max_partners: int | None
    lateness_per_slot: int
    """Objective cost of one slot of lateness per unit of urgency."""
    chunk_cost: int
    overtime_cost: int
    """Objective cost of one overtime slot."""
    kickoff: int = 0
    """Slots of the lead's kick-off with each partner who works on the mission."""
    share_milli: int = 0
    """Follow-up slots of the lead per thousand delegated slots (rounded up per partner)."""
    coordination_cost: int = 0
    """Objective cost of one slot of the lead's coordination (kick-off or follow-up)."""
    policy: Policy = SCENARIO_AS_WRITTEN
    """How the scenario was read (hard dates, roster, weights, caps)."""
    baseline: CompiledBaseline | None = None
    """The previous plan a re-plan stays close to, on this problem's axes (change terms)."""
    kicked_off: frozenset[str] = frozenset()
    """Partners whose kick-off with the lead already took place (a re-plan's history)."""
    coordinated_before: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Per partner, slots delegated and slots of the lead's follow-up before a re-plan."""
    starts: dict[str, int] = field(default_factory=dict)
    """Pinned starts: the slot each pinned task's first session starts at."""

    @property
    def lead(self) -> str:
        """Id of the lead."""
        return self.scenario.lead.id

    def job(self, job_id: str) -> Job:
        """The job with this id."""
        return self._by_id[job_id]

    def __post_init__(self) -> None:
        self._by_id = {job.id: job for job in self.jobs}
        self._segments: dict[tuple[SessionRule, str], Segments] = {}
        self._working: dict[str, np.ndarray] = {}

    def working_before(self, person: str) -> np.ndarray:
        """Per real slot ``t`` (0 .. horizon): ``person``'s working slots before ``t``.

        Working slots are the calendar's working hours less holidays and time off (not
        overtime; fixed or busy blocks count as working time).
        """
        if person not in self._working:
            mask = working_mask(self.timeline.grid, self.calendar(person))[0]
            self._working[person] = np.concatenate(([0], np.cumsum(mask, dtype=np.int64)))
        return self._working[person]

    def calendar(self, person: str) -> Calendar:
        """The calendar of ``person`` (the lead or a partner)."""
        if person == self.lead:
            return self.scenario.lead.calendar
        return next(p.calendar for p in self.scenario.partners if p.id == person)

    def segments(self, job: Job, person: str) -> Segments | None:
        """Where ``job``'s chunks may lie on ``person``'s axis (None: anywhere)."""
        if job.session is None:
            return None
        key = (job.session, person)
        if key not in self._segments:
            self._segments[key] = segments_of(
                job.session, self.timeline.grid, self.timeline.person(person), self.calendar(person)
            )
        return self._segments[key]

    def window(self, job: Job, person: str) -> tuple[int, int]:
        """Positions ``[lo, hi)`` of ``person``'s working axis inside ``job``'s window."""
        axis = self.timeline.person(person)
        return axis.position_at_or_after(job.release), axis.positions_before(job.deadline)

    def able(self, job: Job) -> list[str]:
        """People allowed to do ``job`` whose window can hold one of its chunks.

        A job in one chunk needs its whole effort in the window; otherwise a minimum chunk.
        """
        need = job.effort if job.max_chunks == 1 else job.min_chunk
        return [p for p in job.people if self.window(job, p)[1] - self.window(job, p)[0] >= need]

    @property
    def mission_jobs(self) -> list[Job]:
        """Jobs of the new mission, in scenario order."""
        return [j for j in self.jobs if j.is_mission]

    def followup(self, delegated: int, partner: str | None = None) -> int:
        """Follow-up slots the lead owes a partner who does ``delegated`` slots of work.

        After a re-plan's history where ``partner`` did ``D`` slots with ``F`` slots of
        follow-up: what the whole ``D + delegated`` needs beyond ``F`` (never negative).
        """
        before, done = self.coordinated_before.get(partner or "", (0, 0))
        return max(0, -(-self.share_milli * (before + delegated) // 1000) - done)

    def coordinated_partners(self) -> list[str]:
        """Partners who may work on the mission (so may need the lead's coordination)."""
        able = {p for job in self.mission_jobs for p in job.people}
        return [p for p in self.people if p != self.lead and p in able]


FOLLOW_UP_BLOCKS = 8
"""Most blocks the lead's follow-up with one partner is cut into by the planner."""


def _lead_job(timeline: Timeline, lead: str, eng: Engagement, hours: float) -> Job:
    """The job of ``hours`` of the lead's work inside ``eng``'s window, in its sessions.

    ``eng`` is an engagement, or an opportunity whose ``hours`` the policy reserves (kind
    ``"opportunity"``).
    """
    grid = timeline.grid
    effort = grid.slots_of_hours(hours)
    min_chunk = min(effort, max(1, -(-round(eng.min_session_hours * 60) // grid.slot_minutes)))
    return Job(
        id=eng.id,
        kind="opportunity" if isinstance(eng, Opportunity) else "engagement",
        effort=effort,
        min_chunk=min_chunk,
        max_chunks=eng.max_chunks or max(1, min(8, effort // min_chunk)),
        release=grid.clamp(grid.slot_of(moment_start(eng.earliest_start))),
        due=None,
        deadline=grid.clamp(grid.slot_of(moment_end(eng.deadline))),
        urgency=0,
        people=(lead,),
    )


def compile_problem(
    scenario: Scenario, policy: Policy | None = None, timeline: Timeline | None = None
) -> Problem:
    """Turn a validated scenario, read under ``policy``, into a :class:`Problem`.

    Engagements, and the opportunities whose work the policy reserves
    (:meth:`Policy.reserved <mission_planner.policy.Policy.reserved>`), are the lead's jobs
    inside their windows. The policy (default: the scenario as written) gives each task's hard
    limit (``deadline``)
    and the date its lateness counts from (``due``), who may work, the weights, the surcharge
    new partners carry in the objective (``cost_per_slot``; ``fee_per_slot`` stays the real
    rate), ``max_tranches`` and ``max_partners``.
    """
    policy = SCENARIO_AS_WRITTEN if policy is None else policy
    policy.check(scenario)
    timeline = timeline or build_timeline(scenario)
    grid = timeline.grid
    slot_min = grid.slot_minutes
    weights = policy.weights_for(scenario)
    lead = scenario.lead
    lead_skills = None if lead.skills is None else set(lead.skills)

    people = {
        lead.id: Person(lead.id, True, 0, 0.0, None),
    }
    for partner in scenario.partners:
        rate_h = partner.day_rate / scenario.hours_per_day
        seen = rate_h * (1 + policy.new_partner_surcharge if partner.trust is Trust.NEW else 1)
        cost = round(weights.partner_cost * seen * slot_min)
        # a cap off the grid rounds down: never more than the partner agreed to
        cap = None if partner.max_hours is None else int(partner.max_hours * 60 // slot_min)
        people[partner.id] = Person(partner.id, False, cost, rate_h * grid.slot_hours, cap)

    jobs = [_lead_job(timeline, lead.id, e, e.effort_hours) for e in scenario.engagements]
    jobs += [_lead_job(timeline, lead.id, o, hours) for o, hours in policy.reserved(scenario)]
    horizon_end = grid.n_slots
    allowed = [p for p in scenario.partners if policy.allows(scenario, p.id)]
    notice = notice_end(scenario)
    pinned_person = {p.task: p.person for p in scenario.pins if p.person is not None}
    pinned_at = {p.task: p.at for p in scenario.pins if p.at is not None}
    for task in scenario.mission.tasks:
        effort = grid.slots_of_hours(task.effort_hours)
        min_chunk = (
            effort
            if not task.splittable
            else min(effort, max(1, -(-round(task.min_session_hours * 60) // slot_min)))
        )
        able = [lead.id] if lead_skills is None or set(task.skills) <= lead_skills else []
        if task.delegable:
            able += [p.id for p in allowed if set(task.skills) <= set(p.skills)]
        if task.id in pinned_person:
            able = [p for p in able if p == pinned_person[task.id]]
        release = (
            0 if task.release is None else grid.clamp(grid.slot_of(moment_start(task.release)))
        )
        if notice is not None:
            release = max(release, grid.clamp(grid.slot_of(notice)))
        if task.id in pinned_at:
            release = max(release, grid.clamp(grid.slot_of(pinned_at[task.id])))
        jobs.append(
            Job(
                id=task.id,
                kind="mission",
                effort=effort,
                min_chunk=min_chunk,
                max_chunks=task.chunk_limit(),
                release=release,
                due=min(horizon_end, grid.slot_of(policy.target(scenario, task.id))),
                deadline=min(horizon_end, grid.slot_of(policy.delivery_limit(scenario, task.id))),
                follow_up_by=(
                    min(horizon_end, grid.slot_of(policy.hard_limit(scenario, task.id)))
                    if task.id in policy.promised
                    else None
                ),
                urgency=policy.urgency.get(task.id, task.urgency),
                people=tuple(able),
                predecessors=(
                    *task.predecessors,
                    *dict.fromkeys(
                        lag.task
                        for lag in task.lags
                        if lag.link == "finish-to-start" and lag.task not in task.predecessors
                    ),
                ),
                session=SessionRule.of(task, slot_min),
                lags=_lags(task, slot_min),
            )
        )
    problem = Problem(
        scenario=scenario,
        timeline=timeline,
        jobs=jobs,
        people=people,
        max_tranches=policy.tranches_for(scenario),
        max_partners=policy.partners_cap_for(scenario),
        lateness_per_slot=weights.lateness * slot_min,
        chunk_cost=weights.fragmentation * OBJECTIVE_SCALE,
        overtime_cost=weights.overtime * slot_min,
        kickoff=round(scenario.kickoff_hours * 60 / slot_min),
        share_milli=round(scenario.coordination_share * 1000),
        coordination_cost=weights.coordination * slot_min,
        policy=policy,
        kicked_off=frozenset(policy.kicked_off),
        starts={t: grid.clamp(grid.slot_of(at)) for t, at in pinned_at.items() if t},
        coordinated_before={
            partner: (grid.slots_of_hours(delegated), grid.slots_of_hours(follow_up))
            for partner, (delegated, follow_up) in policy.coordinated_before.items()
        },
        baseline=None
        if policy.baseline is None
        else compile_baseline(
            policy.baseline, timeline, {j.id: j.effort for j in jobs}, OBJECTIVE_SCALE
        ),
    )
    check_objective(problem)
    return problem


def _lags(task: Task, slot_minutes: int) -> tuple[JobLag, ...]:
    """The task's lags in slots (a lag off the grid rounds up: never shorter than asked)."""
    return tuple(
        JobLag(
            job=lag.task,
            from_start=lag.link == "start-to-start",
            slots=-(-round(lag.hours * 60) // slot_minutes),
            working=lag.counted == "working",
        )
        for lag in task.lags
    )
