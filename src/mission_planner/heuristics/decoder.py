"""Serial list scheduling: a priority order of jobs decoded into a plan.

The decoder takes the jobs in priority order (a job whose predecessors are not placed yet waits
for them, so the plan is precedence-feasible whatever the order) and places each job's effort
at once, for good:

- a mission job goes where it finishes earliest, from its release and its predecessors'
  finish on: with the lead alone when the lead is on time, otherwise with the cheapest option
  among the lead, each eligible partner, and the lead with one partner (at the earliest finish,
  or just on time while using the partner as little as possible); an option is priced by its
  own lateness, partner slots, chunks and overtime, and options without overtime are tried
  first. In the ``eager`` mode the option finishing earliest wins instead (ties: cost);
- an option that takes time which work only one person can do still needs (engagements and
  non-delegable tasks for the lead, tasks only one partner has the skills for) is priced per
  slot of that work it would push past its latest finish (:mod:`.reserve`), like a missed
  deadline;
- an engagement (lead only) goes at its earliest finish, or, in the ``late`` mode, as late as
  its deadline allows, which leaves the early weeks to the mission.

Then the tranches are grouped optimally (:mod:`mission_planner.heuristics.tranches`).

Options are judged against each job's *goals*, which look ahead along the precedence graph:
a job must leave its successors time to meet their deadlines (latest finish
``LF_j = min(deadline_j, min_s LF_s - d_s)``, where ``d_s`` is the real time successor ``s``
takes at least: its effort spread over all its people, stretched by the share of the horizon
they work), and each successor's due date, so propagated, weighs on the
job's lateness with the highest urgency among that successor and its own successors. An
option finishing past its latest finish is priced like a missed deadline.

With few tranches, tasks delivered together are all late as soon as the last of them is past
the earliest due date among them, and some must finish well before their own deadline. The
*tight* goals (:func:`tranche_goals`) take this into account: latest finishes start from the
tranche targets of :func:`~mission_planner.heuristics.tranches.deadline_targets`, and a task
of a group of :func:`~mission_planner.heuristics.tranches.due_groups` is priced as if its
finish made every member of its group late.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import product

from mission_planner.heuristics.coordination import (
    calm_kickoff,
    follow_up_runs,
    kickoff_before,
    merged,
)
from mission_planner.heuristics.lags import earliest_after_lags
from mission_planner.heuristics.placement import (
    Axis,
    Piece,
    cut_before,
    earliest_finish,
    latest_cut,
    shapes_of,
)
from mission_planner.heuristics.reserve import Demand, Reserve
from mission_planner.heuristics.tranches import (
    TrancheGrouping,
    deadline_targets,
    due_groups,
    group_tranches,
)
from mission_planner.meetings import joint_starts
from mission_planner.problem import (
    FOLLOW_UP,
    KICKOFF,
    Job,
    Problem,
    coordination_id,
    coordination_of,
)
from mission_planner.solution import Chunk, Solution

AUTO = "auto"
"""Mode of a mission job: let the decoder choose who does it, at least cost."""
EAGER = "eager"
"""Mode of a mission job: let the decoder choose who does it, finishing earliest (ties: least
cost). Keeps work moving where the cheapest choice would queue it behind the lead."""
EARLY = "early"
"""Mode of an engagement: as early as possible."""
LATE = "late"
"""Mode of an engagement: as late as its deadline allows."""


@dataclass(frozen=True)
class Goals:
    """What a job aims at: finish by ``latest``; be on time by ``on_time``.

    ``lateness`` lists ``(instant, weight)`` pairs: the job's own due date and urgency, then,
    for each successor, the instant by which the job should finish for that successor to be on
    time, weighted by the highest urgency downstream. ``weight`` is the highest urgency of the
    job and everything downstream of it.
    """

    latest: int
    on_time: int
    lateness: tuple[tuple[int, int], ...]
    weight: int = 0


def job_goals(
    problem: Problem,
    targets: Mapping[str, int] | None = None,
    groups: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, Goals]:
    """Goals of every job, propagated backwards along predecessors.

    Parameters
    ----------
    problem
        The compiled problem.
    targets
        Optional finish targets (e.g. tranche targets) tighter than the deadlines.
    groups
        Optional groups of mission jobs meant to share a tranche: a job's lateness is then
        priced as if it were the last of its group (every member late by its finish).
    """
    targets = targets or {}
    groups = groups or {}
    successors: dict[str, list[Job]] = {job.id: [] for job in problem.jobs}
    for job in problem.jobs:
        for p in job.predecessors:
            successors[p].append(job)
    horizon = problem.timeline.grid.n_slots
    stretch = {
        p: horizon / max(1, problem.timeline.person(p).size) for p in problem.people
    }  # real slots per working slot, on average
    spread = {
        j.id: int(
            j.effort * min((stretch[p] for p in j.people), default=1.0) / max(1, len(j.people))
        )
        for j in problem.jobs
    }
    latest: dict[str, int] = {}
    due: dict[str, int] = {}
    weight: dict[str, int] = {}

    def visit(root: Job) -> None:
        """Fill ``root``'s entries after its successors', without recursion (long chains)."""
        stack = [(root, False)]
        while stack:
            job, ready = stack.pop()
            if job.id in latest:
                continue
            if not ready:
                stack.append((job, True))
                stack += [(s, False) for s in successors[job.id] if s.id not in latest]
                continue
            settle(job)

    def settle(job: Job) -> None:
        after = successors[job.id]
        latest[job.id] = min(
            [job.deadline, targets.get(job.id, job.deadline)]
            + [latest[s.id] - spread[s.id] for s in after]
        )
        own_due = job.deadline if job.due is None else job.due
        mates = [problem.job(m) for m in groups.get(job.id, ())]
        own_due = min([own_due] + [m.due for m in mates if m.due is not None])
        due[job.id] = min([own_due] + [due[s.id] - spread[s.id] for s in after])
        weight[job.id] = max([job.urgency] + [weight[s.id] for s in after])

    goals: dict[str, Goals] = {}
    for job in problem.jobs:
        visit(job)
        if job.id in groups:
            mates = [problem.job(m) for m in groups[job.id]]
            lateness = [(m.due, m.urgency) for m in mates if m.due is not None and m.urgency]
        else:
            lateness = [] if job.due is None else [(job.due, job.urgency)]
        lateness += [(due[s.id] - spread[s.id], weight[s.id]) for s in successors[job.id]]
        goals[job.id] = Goals(
            latest[job.id], min(latest[job.id], due[job.id]), tuple(lateness), weight[job.id]
        )
    return goals


def tranche_goals(problem: Problem) -> dict[str, Goals]:
    """Goals aiming at few tranches: deadline targets and due-date groups.

    See :func:`~mission_planner.heuristics.tranches.deadline_targets` and
    :func:`~mission_planner.heuristics.tranches.due_groups`.
    """
    return job_goals(problem, deadline_targets(problem), due_groups(problem))


_Snapshot = tuple[
    dict[str, list[tuple[int, int]]],
    dict[str, int | None],
    frozenset[str],
    dict[str, int],
    frozenset[str],
    int,
    int,
    int,
    tuple[Chunk, ...],
]
"""Decoder state: free runs and caps per person, partners used, finishes, failed jobs,
number of chunks, cost, violation and the lead's kick-offs."""


@dataclass
class _State:
    """The decoder's mutable state while it places jobs."""

    axes: dict[str, Axis]
    partners: set[str] = field(default_factory=set)
    finish: dict[str, int] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)
    chunks: list[Chunk] = field(default_factory=list)
    cost: int = 0
    violation: int = 0
    coordination: list[Chunk] = field(default_factory=list)
    """The lead's kick-offs (then follow-ups) with the partners used."""

    def snapshot(self) -> _Snapshot:
        """A copy of the state (chunks by count: they are only ever appended)."""
        return (
            {pid: list(a.runs) for pid, a in self.axes.items()},
            {pid: a.cap for pid, a in self.axes.items()},
            frozenset(self.partners),
            dict(self.finish),
            frozenset(self.failed),
            len(self.chunks),
            self.cost,
            self.violation,
            tuple(self.coordination),
        )

    @classmethod
    def restore(cls, snap: _Snapshot, templates: Mapping[str, Axis], chunks: list[Chunk]) -> _State:
        """The state of ``snap``; ``chunks`` is the chunk list of the decode it was taken in."""
        runs, caps, partners, finish, failed, n_chunks, cost, violation, coordination = snap
        axes = {}
        for pid, template in templates.items():
            axis = template.fresh()
            axis.runs, axis.cap = list(runs[pid]), caps[pid]
            axes[pid] = axis
        return cls(
            axes,
            set(partners),
            dict(finish),
            set(failed),
            chunks[:n_chunks],
            cost,
            violation,
            list(coordination),
        )


@dataclass
class Trace:
    """How a decode went, so that a similar candidate can reuse its first placements.

    ``steps[t]`` is ``(position in the order of the job placed at step t, state before it)``.
    """

    order: list[str]
    modes: dict[str, str]
    tight: bool
    steps: list[tuple[int, _Snapshot]]
    chunks: list[Chunk]

    def shared_steps(self, order: Sequence[str], modes: Mapping[str, str], tight: bool) -> int:
        """How many first placements a decode of ``(order, modes, tight)`` shares with this one.

        With the same goals, the decoder places the same jobs in the same way as long as every
        job it scans and places lies in the common prefix of both orders (before the first
        position where the orders, or the modes of their jobs, differ).
        """
        if tight != self.tight:
            return 0
        common = 0
        for a, b in zip(self.order, order, strict=True):
            if a != b or modes.get(a) != self.modes.get(a):
                break
            common += 1
        shared = 0
        for index, _ in self.steps:
            if index >= common:
                break
            shared += 1
        return max(0, min(shared, len(self.steps) - 1))


@dataclass
class Decoded:
    """What the decoder made of an order.

    ``violation`` measures how far the plan is from feasible (slots past deadlines, plus a
    large amount per job that found no room); ``solution`` is set only when it is 0.
    ``objective`` is the scaled objective (of the placed part when infeasible). ``late`` lists
    the jobs finishing after their on-time goal; ``stuck`` the jobs past their latest finish
    goal (or their deadline), or without room.
    """

    solution: Solution | None
    objective: int
    violation: int
    finish: dict[str, int] = field(default_factory=dict)
    late: list[str] = field(default_factory=list)
    stuck: list[str] = field(default_factory=list)
    trace: Trace | None = None

    @property
    def score(self) -> tuple[int, int]:
        """``(violation, objective)``, compared lexicographically (lower is better)."""
        return (self.violation, self.objective)


class Decoder:
    """Decodes priority orders of one problem (static data prepared once).

    Parameters
    ----------
    problem
        The compiled problem.
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.horizon = problem.timeline.grid.n_slots
        self.lead = problem.lead
        self.jobs = {job.id: job for job in problem.jobs}
        self.index = {job.id: i for i, job in enumerate(problem.jobs)}
        self.templates = {
            pid: Axis(problem.timeline.person(pid), person.cost_per_slot, person.max_slots)
            for pid, person in problem.people.items()
        }
        urgency = max((j.urgency for j in problem.mission_jobs), default=1)
        self.miss_cost = problem.lateness_per_slot * max(1, urgency) * 1000 + 10**9
        """Price of one slot past a deadline while choosing an option (never taken if avoidable)."""
        self.unplaced = 10 * self.horizon + 10
        """Violation counted for a job that finds no room at all."""
        self.targets = deadline_targets(problem)
        """Tranche targets of the problem (see :func:`deadline_targets`)."""
        self.groups = due_groups(problem)
        """Tranche groups by due date (see :func:`due_groups`)."""
        self.can_tighten = bool(self.targets or self.groups)
        """Whether the tight goals differ from the plain ones."""
        self.goals = {False: job_goals(problem), True: tranche_goals(problem)}
        """Goals of every job, without and with the tranche targets."""
        lead_time = problem.timeline.person(self.lead)
        self.meets = {
            pid: joint_starts(lead_time, [problem.timeline.person(pid)], problem.kickoff)
            for pid in problem.people
            if pid != self.lead
        }
        """Per partner, the lead's positions where their kick-off may start."""
        self.only: dict[str, list[str]] = {pid: [] for pid in problem.people}
        """Per person, the jobs only that person can do: their reserve (see :mod:`.reserve`)."""
        for job in problem.jobs:
            if len(job.people) == 1:
                self.only[job.people[0]].append(job.id)

    def grouping(self, finish: Mapping[str, int]) -> TrancheGrouping:
        """The best tranches of the mission jobs given their ``finish`` instants."""
        mission = self.problem.mission_jobs
        return group_tranches(
            [finish[j.id] for j in mission],
            [j.due if j.due is not None else j.deadline for j in mission],
            [j.deadline for j in mission],
            [j.urgency for j in mission],
            self.problem.max_tranches,
        )

    # ------------------------------------------------------------------ decoding
    def run(
        self,
        order: Sequence[str],
        modes: Mapping[str, str] | None = None,
        tight: bool = False,
        base: Trace | None = None,
    ) -> Decoded:
        """Decode ``order`` (every job id once) with per-job ``modes``.

        Modes default to ``auto`` (mission jobs) and ``early`` (engagements); ``tight`` aims
        at few tranches (see :func:`tranche_goals`). ``base``, the trace of an earlier
        decode, lets the placements both candidates share be reused (same result, faster).
        """
        if len(order) != len(self.jobs) or set(order) != set(self.jobs):
            raise ValueError(f"order must list every job id once, got {list(order)}")
        order = list(order)
        modes = dict(modes or {})
        goals = self.goals[tight]
        position = {j: k for k, j in enumerate(order)}
        reuse = 0 if base is None else base.shared_steps(order, modes, tight)
        if reuse:
            assert base is not None
            steps = base.steps[:reuse]
            state = _State.restore(base.steps[reuse][1], self.templates, base.chunks)
        else:
            steps = []
            state = _State({pid: t.fresh() for pid, t in self.templates.items()})
        pending = [j for j in order if j not in state.finish and j not in state.failed]
        while pending:
            k = next(
                k
                for k, jid in enumerate(pending)
                if all(p in state.finish or p in state.failed for p in self.jobs[jid].after)
            )
            job = self.jobs[pending.pop(k)]
            steps.append((position[job.id], state.snapshot()))
            self._place(job, state, modes, goals)

        finish, failed, cost, violation = state.finish, state.failed, state.cost, state.violation
        mission = self.problem.mission_jobs
        late = [j for j, end in finish.items() if end > goals[j].on_time]
        stuck = sorted(failed) + [j for j, end in finish.items() if end > goals[j].latest]
        trace = Trace(order, modes, tight, steps, state.chunks)
        if failed:
            return Decoded(None, cost, violation, finish, late, stuck, trace)
        grouping = self.grouping(finish)
        cost += self.problem.lateness_per_slot * grouping.cost
        violation += grouping.violation
        solution = None
        if violation == 0:
            solution = Solution(
                chunks=sorted(state.chunks, key=lambda c: (self.index[c.job], c.person, c.start)),
                tranche={j.id: t for j, t in zip(mission, grouping.tranche, strict=True)},
                delivery=list(grouping.delivery),
                coordination=list(state.coordination),
            )
        return Decoded(solution, cost, violation, finish, late, stuck, trace)

    def _place(
        self, job: Job, state: _State, modes: Mapping[str, str], goals: Mapping[str, Goals]
    ) -> None:
        """Place ``job`` for good, updating ``state``."""
        finish, failed = state.finish, state.failed
        if any(p in failed for p in job.after):
            failed.add(job.id)
            state.violation += self.unplaced
            return
        earliest = max([job.release, *(finish[p] for p in job.predecessors)])
        if job.lags:
            starts = {
                lag.job: min(
                    state.axes[c.person].free[c.start] for c in state.chunks if c.job == lag.job
                )
                for lag in job.lags
            }
            earliest = max(earliest, earliest_after_lags(self.problem, job, finish, starts))
        axes = state.axes
        kickoffs: dict[str, int] = {}
        if job.is_mission:
            mode = modes.get(job.id, AUTO)
            started = {
                coordination_of(c.job)[1]: axes[self.lead].real_end(c.end)
                for c in state.coordination
                if c.job.startswith(KICKOFF)
            }
            reserve = self._reserve(job, state, goals)
            pieces = self._place_mission(
                job, earliest, goals[job.id], mode, axes, state.partners, kickoffs, started, reserve
            )
        else:
            mode = modes.get(job.id, EARLY)
            reserve = self._reserve(job, state, goals)
            pieces = self._place_engagement(job, earliest, mode, axes[self.lead], reserve)
        if pieces is None:
            failed.add(job.id)
            state.violation += self.unplaced
            return
        for partner, position in kickoffs.items():
            if any(piece.person == partner for piece in pieces):
                block = coordination_id(KICKOFF, partner)
                self._take_coordination(state, block, position, self.problem.kickoff)
        end = 0
        for piece in pieces:
            axis = axes[piece.person]
            axis.take(piece.start, piece.length)
            state.chunks.append(Chunk(job.id, piece.person, piece.start, piece.length))
            state.cost += self._piece_cost(axis, piece)
            end = max(end, axis.real_end(piece.start + piece.length))
            if piece.person != self.lead and job.is_mission:
                state.partners.add(piece.person)
        finish[job.id] = end
        state.violation += max(0, end - job.deadline)
        for partner in sorted({q.person for q in pieces} - {self.lead}):
            self._follow_up(state, partner, job, pieces)

    def _reserve(self, job: Job, state: _State, goals: Mapping[str, Goals]) -> Reserve:
        """The work only one person can do, still to place, of the people ``job`` may use.

        Those are its people and the lead, who coordinates partners.
        """
        demands: dict[str, list[Demand]] = {}
        if job.is_mission and job.people == (self.lead,):
            return Reserve(state.axes, demands)  # its order decides: nothing to choose
        finish, failed = state.finish, state.failed
        for q in sorted({*job.people, self.lead}):
            if q != self.lead or self.lead in job.people or self.problem.kickoff:
                axis = state.axes[q]
                own = []
                for jid in self.only[q]:
                    if jid == job.id or jid in finish or jid in failed:
                        continue
                    other = self.jobs[jid]
                    release = max(
                        [other.release, *(finish[p] for p in other.predecessors if p in finish)]
                    )
                    own.append(
                        Demand(
                            axis.positions_before(release),
                            axis.positions_before(goals[jid].latest),
                            other.effort,
                        )
                    )
                if own:
                    demands[q] = own
        return Reserve(state.axes, demands)

    def _take_coordination(self, state: _State, block: str, start: int, length: int) -> None:
        """Give the lead's positions ``start .. start + length - 1`` to coordination ``block``."""
        axis = state.axes[self.lead]
        axis.take(start, length)
        state.coordination.append(Chunk(block, self.lead, start, length))
        state.cost += (
            self.problem.coordination_cost * length
            + self.problem.overtime_cost * axis.overtime_in(start, length)
        )

    def _follow_up(self, state: _State, partner: str, job: Job, pieces: list[Piece]) -> None:
        """Give the lead the follow-up ``partner``'s new ``pieces`` of ``job`` add.

        The extra slots go to the lead's first free slots after the kick-off and after the
        partner's first chunk ends (regular time first), by the last deadline of the partner's
        tasks so far, in at most :data:`FOLLOW_UP_BLOCKS` blocks in all; otherwise the decode
        fails.
        """
        p = self.problem
        block = coordination_id(FOLLOW_UP, partner)
        before = [c for c in state.chunks if c.person == partner and c.job != job.id]
        done = sum(c.length for c in before)
        more = sum(q.length for q in pieces if q.person == partner)
        # the first work of a partner also owes what a re-plan's history left to follow up
        need = p.followup(done + more, partner) - (p.followup(done, partner) if before else 0)
        if not need:
            return
        lead = state.axes[self.lead]
        kickoff = next(
            (c.end for c in state.coordination if c.job == coordination_id(KICKOFF, partner)), 0
        )
        theirs = state.axes[partner]
        runs = [(c.start, c.length) for c in before]
        runs += [(q.start, q.length) for q in pieces if q.person == partner]
        first_end = min(theirs.real_end(start + length) for start, length in runs)
        if partner not in p.kicked_off:  # else work from before a re-plan is there to review
            kickoff = max(kickoff, lead.position_at_or_after(first_end))
        first = kickoff
        deadline = max(
            [job.coordination_deadline, *(self.jobs[c.job].coordination_deadline for c in before)]
        )
        limit = lead.positions_before(deadline)
        blocks = [c for c in state.coordination if c.job == block]
        taken = follow_up_runs(lead, need, first, limit, blocks)
        if taken is None:
            state.violation += self.unplaced
            return
        for start, length in taken:
            self._take_coordination(state, block, start, length)
        others = [c for c in state.coordination if c.job != block]
        state.coordination = others + merged([c for c in state.coordination if c.job == block])

    def _coordination_cost(self, partner: str, length: int, new: bool) -> int:
        """Estimated cost of the lead's coordination for ``length`` more slots of ``partner``."""
        p = self.problem
        kickoff = p.kickoff if new else 0
        return p.coordination_cost * (kickoff + p.share_milli * length // 1000)

    def _piece_cost(self, axis: Axis, piece: Piece) -> int:
        p = self.problem
        return (
            axis.cost_per_slot * piece.length
            + p.chunk_cost
            + p.overtime_cost * axis.overtime_in(piece.start, piece.length)
        )

    def _option_cost(
        self, goals: Goals, pieces: list[Piece], axes: Mapping[str, Axis]
    ) -> tuple[int, int]:
        """(estimated cost of placing a job as ``pieces``, finish instant)."""
        end = max(axes[q.person].real_end(q.start + q.length) for q in pieces)
        cost = sum(self._piece_cost(axes[q.person], q) for q in pieces)
        late = sum(w * max(0, end - at) for at, w in goals.lateness)
        cost += self.problem.lateness_per_slot * late + self.miss_cost * max(0, end - goals.latest)
        return cost, end

    def _options(
        self,
        job: Job,
        goals: Goals,
        people: list[str],
        earliest: int,
        axes: Mapping[str, Axis],
        also_on_time: bool = False,
        upper: Mapping[bool, int] | None = None,
        found: dict[bool, int] | None = None,
    ) -> list[tuple[int, int, list[Piece]]]:
        """Options ``(cost, finish, pieces)`` for ``job`` shared by ``people``.

        With ``also_on_time``, also the option finishing just by ``goals.on_time`` when the
        earliest finish is before it (the cheapest option that is on time). ``upper`` gives,
        per overtime variant (``True``: without overtime), an instant by which the job is known
        to fit; ``found`` receives the earliest finish per variant.
        """
        team = [axes[p] for p in people]
        out = []
        variants = (True, False) if any(a.has_overtime for a in team) else (False,)
        for shape, regular_only in product(shapes_of(self.problem, job, people), variants):
            bound = None if upper is None or shape.segments else upper.get(regular_only)
            instant = earliest_finish(team, shape, earliest, regular_only, self.horizon, bound)
            if instant is None:
                continue
            if found is not None:
                found[regular_only] = min(instant, found.get(regular_only, instant))
                if len(variants) == 1:
                    found[True] = found[False]
            instants = [instant]
            if also_on_time and instant < goals.on_time:
                instants.append(goals.on_time)
            for at in instants:
                pieces = cut_before(team, shape, earliest, regular_only, at)
                if pieces is not None:
                    cost, end = self._option_cost(goals, pieces, axes)
                    out.append((cost, end, pieces))
        return out

    def _place_mission(
        self,
        job: Job,
        earliest: int,
        goals: Goals,
        mode: str,
        axes: Mapping[str, Axis],
        partners: set[str],
        kickoffs: dict[str, int],
        briefed: Mapping[str, int],
        reserve: Reserve,
    ) -> list[Piece] | None:
        """Pieces of a mission job; ``kickoffs`` receives the kick-off the chosen option needs.

        ``briefed`` gives the instant each partner's kick-off ends: the partner's work starts
        after it. An option taking time that work only one person can do needs (``reserve``)
        is priced per slot of that work it pushes past its latest finish, like a missed
        deadline.
        """
        lead_axis = axes[self.lead]

        def squeeze(pieces: list[Piece], partner: str | None = None, kickoff: int = -1) -> int:
            """Price of the reserved work ``pieces`` push late, coordination included.

            ``partner``'s kick-off takes the lead's time at ``kickoff`` (if new), and the
            follow-up is more lead-only work.
            """
            taken: dict[str, list[tuple[int, int]]] = {}
            for q in pieces:
                taken.setdefault(q.person, []).append((q.start, q.length))
            extra = {}
            if partner is not None:
                if kickoff >= 0:
                    taken.setdefault(self.lead, []).append((kickoff, self.problem.kickoff))
                delegated = sum(q.length for q in pieces if q.person == partner)
                need = self.problem.followup(delegated, partner)
                if need:
                    first = kickoff + self.problem.kickoff if kickoff >= 0 else 0
                    latest = lead_axis.positions_before(job.coordination_deadline)
                    extra[self.lead] = Demand(first, latest, need)
                    taken.setdefault(self.lead, [])
            return self.miss_cost * reserve.pushed(taken, extra)

        limit = self.problem.max_partners
        people = [
            p
            for p in job.people
            if p == self.lead
            or (
                (limit is None or p in partners or len(partners) < limit)
                and (axes[p].cap is None or (axes[p].cap or 0) >= job.min_chunk)
            )
        ]
        if mode != AUTO and mode in people:
            people = [mode]
        options: list[tuple[int, int, list[Piece]]] = []
        lead_found: dict[bool, int] = {}
        if self.lead in people:
            options = self._options(job, goals, [self.lead], earliest, axes, found=lead_found)
            if options:
                best = min(options, key=lambda o: o[0])
                if best[1] <= goals.on_time and not squeeze(best[2]) and mode != EAGER:
                    return best[2]
            options = [(cost + squeeze(pieces), end, pieces) for cost, end, pieces in options]
        chosen_kickoff: dict[int, tuple[str, int]] = {}
        for p in people:
            if p == self.lead:
                continue
            new = (
                bool(self.problem.kickoff)
                and p not in partners
                and p not in self.problem.kicked_off
            )
            start = max(earliest, briefed.get(p, 0))
            found = self._partner_options(job, goals, p, start, axes, people, lead_found)
            usable: list[tuple[int, int, list[Piece], int]] = []
            calm = False  # an option with a kick-off that pushes no lead-only work late
            for cost, end, pieces in found:
                delegated = sum(q.length for q in pieces if q.person == p)
                kickoff: int | None = -1
                if new and delegated:
                    kickoff = kickoff_before(
                        axes[self.lead],
                        pieces,
                        p,
                        axes[p],
                        self.problem.kickoff,
                        self.meets[p],
                        self.lead,
                    )
                if kickoff is None:
                    continue
                extra = self._coordination_cost(p, delegated, new) if delegated else 0
                pushed = squeeze(pieces, p, kickoff)
                calm = calm or (kickoff >= 0 and not pushed)
                usable.append((cost + extra + pushed, end, pieces, kickoff))
            if new and not calm:
                # no room for a kick-off before the partner's earliest start (or only on time
                # lead-only work needs): kick off at the lead's first free slots that leave
                # that work room, and let the partner start after it
                first = calm_kickoff(
                    lead_axis, reserve, self.problem.kickoff, self.meets[p], self.lead
                )
                if first is not None:
                    lead = lead_axis.clone()
                    lead.take(first, self.problem.kickoff)
                    start = max(earliest, lead.real_end(first + self.problem.kickoff))
                    shifted = self._partner_options(
                        job, goals, p, start, {**axes, self.lead: lead}, people, lead_found
                    )
                    for cost, end, pieces in shifted:
                        delegated = sum(q.length for q in pieces if q.person == p)
                        if delegated:
                            extra = self._coordination_cost(p, delegated, True)
                            extra += squeeze(pieces, p, first)
                            usable.append((cost + extra, end, pieces, first))
            for cost, end, pieces, kickoff in usable:
                if kickoff >= 0:
                    chosen_kickoff[id(pieces)] = (p, kickoff)
                options.append((cost, end, pieces))
        if mode in (AUTO, EAGER) and (not options or min(o[1] for o in options) > goals.on_time):
            team = self._team_options(job, goals, people, earliest, axes, partners, briefed)
            options += [(cost + squeeze(pieces), end, pieces) for cost, end, pieces in team]
        if not options:
            return None
        if mode == EAGER:  # fewest slots past a deadline, then earliest finish, then cost
            chosen = min(options, key=lambda o: (o[0] // self.miss_cost, o[1], o[0]))[2]
        else:
            chosen = min(options, key=lambda o: o[0])[2]
        if id(chosen) in chosen_kickoff:
            partner, position = chosen_kickoff[id(chosen)]
            kickoffs[partner] = position
        return chosen

    def _team_options(
        self,
        job: Job,
        goals: Goals,
        people: list[str],
        earliest: int,
        axes: Mapping[str, Axis],
        partners: set[str],
        briefed: Mapping[str, int],
    ) -> list[tuple[int, int, list[Piece]]]:
        """Options of ``job`` shared by all of its ``people`` who need no kick-off now.

        For work that no one alone, nor the lead with one partner, finishes on time: partners
        already working on the mission (or all, when there is no kick-off), within
        ``max_partners``, start after their kick-off.
        """
        limit = self.problem.max_partners
        room = None if limit is None else limit - len(partners)
        team = []
        for p in people:
            if p != self.lead and p not in partners:
                if self.problem.kickoff or (room is not None and room <= 0):
                    continue
                room = None if room is None else room - 1
            team.append(p)
        if sum(p != self.lead for p in team) < 2 or job.max_chunks < 2:
            return []
        start = max([earliest, *(briefed.get(p, 0) for p in team)])
        out = []
        for cost, end, pieces in self._options(job, goals, team, start, axes):
            for p in {q.person for q in pieces} - {self.lead}:
                delegated = sum(q.length for q in pieces if q.person == p)
                cost += self._coordination_cost(p, delegated, False)
            out.append((cost, end, pieces))
        return out

    def _partner_options(
        self,
        job: Job,
        goals: Goals,
        partner: str,
        earliest: int,
        axes: Mapping[str, Axis],
        people: list[str],
        lead_found: dict[bool, int],
    ) -> list[tuple[int, int, list[Piece]]]:
        """Options of ``job`` by ``partner`` alone, and by the lead with ``partner``."""
        own: dict[bool, int] = {}
        found = self._options(job, goals, [partner], earliest, axes, found=own)
        if self.lead in people and job.max_chunks > 1:
            upper = {
                v: min(x for x in (lead_found.get(v), own.get(v)) if x is not None)
                for v in (True, False)
                if v in lead_found or v in own
            }
            found += self._options(
                job, goals, [self.lead, partner], earliest, axes, also_on_time=True, upper=upper
            )
        return found

    def _latest(self, job: Job, earliest: int, axis: Axis) -> list[Piece] | None:
        """Pieces of ``job`` on ``axis`` as late as its deadline allows, regular time first."""
        variants = (True, False) if axis.has_overtime else (False,)
        for shape, regular_only in product(shapes_of(self.problem, job, [axis.person]), variants):
            pieces = latest_cut(axis, shape, earliest, regular_only, job.deadline)
            if pieces is not None:
                return pieces
        return None

    def _place_engagement(
        self, job: Job, earliest: int, mode: str, axis: Axis, reserve: Reserve
    ) -> list[Piece] | None:
        """Pieces of an engagement: as early as possible, or as late as possible.

        Late in the ``late`` mode, or when early takes time other lead-only work needs before
        its deadline.
        """
        if mode == LATE:
            pieces = self._latest(job, earliest, axis)
            if pieces is not None:
                return pieces
        goals = Goals(job.deadline, job.deadline, ())
        axes = {self.lead: axis}
        options = self._options(job, goals, [self.lead], earliest, axes)
        if not options:
            return None
        best = min(options, key=lambda o: o[0])

        def pushed(pieces: list[Piece]) -> int:
            return reserve.pushed({self.lead: [(q.start, q.length) for q in pieces]})

        if not pushed(best[2]):
            return best[2]
        late = self._latest(job, earliest, axis)
        if late is not None:
            best = min(
                best,
                (*self._option_cost(goals, late, axes), late),
                key=lambda o: (pushed(o[2]), o[0]),
            )
        return best[2]


def decode(
    problem: Problem,
    order: Sequence[str],
    modes: Mapping[str, str] | None = None,
    tight: bool = False,
) -> Solution | None:
    """Place the jobs in priority ``order`` (serial list scheduling).

    Parameters
    ----------
    problem
        The compiled problem.
    order
        Every job id (mission tasks and engagements) once, highest priority first. A job whose
        predecessors are not placed yet waits until they are.
    modes
        Optional per-job mode: for a mission job ``"auto"`` (default) or the id of the one
        person who must do it; for an engagement ``"early"`` (default) or ``"late"``.
    tight
        Aim at few tranches (see :func:`tranche_goals`): finish tasks delivered together by
        the earliest of their due dates and deadlines.

    Returns
    -------
    Solution | None
        The plan, or ``None`` if this order misses a deadline or finds no room for a job.
    """
    return Decoder(problem).run(order, modes, tight).solution
