"""Priority rules (EDD, ATC) decoded by list scheduling, and the best of them: :func:`dispatch`.

Every rule gives a priority order of the jobs; :class:`~mission_planner.heuristics.decoder.Decoder`
turns an order into a plan. :func:`dispatch` tries each rule with engagements placed early and
late, with plain and tranche-aware goals
(:func:`~mission_planner.heuristics.decoder.tranche_goals`), and keeps the best plan. If none
meets every deadline, a short local search that minimises the deadline excess first
(:func:`mission_planner.heuristics.search.search`) tries to repair the best one.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from functools import partial

from mission_planner.heuristics.decoder import (
    EAGER,
    LATE,
    Decoded,
    Decoder,
    decode,
    job_goals,
    tranche_goals,
)
from mission_planner.heuristics.search import Candidate, search
from mission_planner.heuristics.tranches import deadline_targets, due_groups
from mission_planner.problem import Job, Problem
from mission_planner.solution import Solution

__all__ = [
    "ATC_LOOKAHEADS",
    "REPAIR_EVALUATIONS",
    "atc_order",
    "best_dispatch",
    "candidate_orders",
    "deadline_order",
    "decode",
    "dispatch",
    "edd_order",
    "slack_order",
]

ATC_LOOKAHEADS = (0.5, 1.0, 2.0, 4.0)
"""Look-ahead values ``k`` of the ATC rule tried by :func:`dispatch`."""

REPAIR_EVALUATIONS = 200
"""Decodes :func:`dispatch` may spend repairing when no rule meets every deadline."""


def edd_order(problem: Problem, tight: bool = False) -> list[str]:
    """Jobs by earliest due date, looking ahead along predecessors.

    The key is the instant by which a job should finish for itself and everything downstream
    to be on time (see :func:`~mission_planner.heuristics.decoder.job_goals`); an engagement's
    deadline stands for its due date. Ties: earlier latest finish, then higher urgency per slot
    of effort, then input order.

    Parameters
    ----------
    problem
        The compiled problem.
    tight
        Aim at few tranches (see :func:`~mission_planner.heuristics.decoder.tranche_goals`).
    """
    goals = tranche_goals(problem) if tight else job_goals(problem)
    index = {job.id: i for i, job in enumerate(problem.jobs)}

    def key(job: Job) -> tuple[int, int, float, int]:
        g = goals[job.id]
        return (g.on_time, g.latest, -g.weight / job.effort, index[job.id])

    return [job.id for job in sorted(problem.jobs, key=key)]


def deadline_order(problem: Problem, tight: bool = False) -> list[str]:
    """Jobs by earliest latest finish (looking ahead along predecessors): EDF on deadlines.

    On one person with preemption this order meets every deadline whenever any order does;
    the serial decoder's chunks make it a strong start for feasibility. Ties: earlier on-time
    instant, then input order. ``tight`` as in :func:`edd_order`.
    """
    goals = tranche_goals(problem) if tight else job_goals(problem)
    index = {job.id: i for i, job in enumerate(problem.jobs)}

    def key(job: Job) -> tuple[int, int, int]:
        g = goals[job.id]
        return (g.latest, g.on_time, index[job.id])

    return [job.id for job in sorted(problem.jobs, key=key)]


def slack_order(problem: Problem, tight: bool = False) -> list[str]:
    """Jobs by least slack: latest finish (looking ahead along predecessors) minus effort.

    Ties: earlier on-time instant, then input order. ``tight`` as in :func:`edd_order`.
    """
    goals = tranche_goals(problem) if tight else job_goals(problem)
    index = {job.id: i for i, job in enumerate(problem.jobs)}

    def key(job: Job) -> tuple[int, int, int]:
        g = goals[job.id]
        return (g.latest - job.effort, g.on_time, index[job.id])

    return [job.id for job in sorted(problem.jobs, key=key)]


def atc_order(problem: Problem, lookahead: float = 2.0) -> list[str]:
    """Jobs by the apparent tardiness cost rule, simulated on the lead's working axis.

    Each time the lead is free (at position ``t``), the ready job with the highest
    ``w_j / p_j * exp(-max(0, d_j - p_j - t) / (lookahead * mean p))`` goes next, where ``p``
    is the effort, ``d`` the due date looking ahead along predecessors (as a position of the
    lead's axis) and ``w`` the highest urgency of the job and its successors. Engagements keep
    their deadline order among themselves and compete with the deadline as due date and the
    highest urgency of the mission as weight. A job is ready once its predecessors are
    sequenced.

    Parameters
    ----------
    problem
        The compiled problem.
    lookahead
        The rule's look-ahead ``k`` (small: myopic, favours urgent jobs; large: favours
        short, heavy jobs).
    """
    lead = problem.timeline.person(problem.lead)
    jobs = problem.jobs
    goals = job_goals(problem)
    mean = sum(j.effort for j in jobs) / len(jobs)
    scale = max(1e-9, lookahead * mean)
    heavy = max((j.urgency for j in problem.mission_jobs), default=1) or 1
    engagements = sorted((j for j in jobs if not j.is_mission), key=lambda j: (j.deadline, j.id))
    rank = {j.id: k for k, j in enumerate(engagements)}
    due = {j.id: lead.positions_before(goals[j.id].on_time) for j in jobs}
    release = {j.id: lead.positions_before(j.release) for j in jobs}
    done: set[str] = set()
    next_engagement = 0
    order: list[str] = []
    t = 0
    left = list(jobs)
    while left:
        best: tuple[float, int] | None = None
        chosen = 0
        for k, job in enumerate(left):
            if any(p not in done for p in job.predecessors):
                continue
            if not job.is_mission and rank[job.id] != next_engagement:
                continue
            start = max(t, release[job.id])
            weight = goals[job.id].weight if job.is_mission else heavy
            slack = max(0, due[job.id] - job.effort - start)
            priority = (weight / job.effort * math.exp(-slack / scale), -k)
            if best is None or priority > best:
                best, chosen = priority, k
        job = left.pop(chosen)
        order.append(job.id)
        done.add(job.id)
        if not job.is_mission:
            next_engagement += 1
        t = max(t, release[job.id]) + job.effort
    return order


def candidate_orders(problem: Problem) -> list[list[str]]:
    """List the orders :func:`dispatch` tries.

    EDD, deadlines (EDF), least slack, the same three with tranche-aware goals (when few
    tranches make a difference), ATC for each look-ahead in :data:`ATC_LOOKAHEADS`, with
    engagements, EDD with engagements first and last, and EDD with every lead-only job
    (engagements, non-delegable tasks) first.
    """
    return list(_orders(problem))


def _orders(problem: Problem) -> Iterator[list[str]]:
    """The orders of :func:`candidate_orders`, each computed only when asked for, no repeats.

    On large problems an order (ATC above all) takes a while: :func:`best_dispatch` asks for
    the next one only while its time allows.
    """
    edd = edd_order(problem)
    rules: list[Callable[[], list[str]]] = [
        lambda: edd,
        partial(deadline_order, problem),
        partial(slack_order, problem),
    ]
    if deadline_targets(problem) or due_groups(problem):
        rules += [
            partial(deadline_order, problem, tight=True),
            partial(edd_order, problem, tight=True),
            partial(slack_order, problem, tight=True),
        ]
    rules += [partial(atc_order, problem, k) for k in ATC_LOOKAHEADS]
    engagements = [j for j in edd if not problem.job(j).is_mission]
    if engagements:
        missions = [j for j in edd if problem.job(j).is_mission]
        rules += [lambda: engagements + missions, lambda: missions + engagements]
    lead_only = [j for j in edd if problem.job(j).people == (problem.lead,)]
    if lead_only and len(lead_only) < len(edd):
        # the lead's own work first: delegable jobs then find the lead busy and go to partners,
        # instead of taking the lead's time that lead-only jobs need before their deadlines
        chosen = set(lead_only)
        rules.append(lambda: lead_only + [j for j in edd if j not in chosen])
    seen: list[list[str]] = []
    for rule in rules:
        order = rule()
        if order not in seen:
            seen.append(order)
            yield order


def best_dispatch(
    problem: Problem,
    decoder: Decoder | None = None,
    repair_evaluations: int = REPAIR_EVALUATIONS,
    time_limit: float = 2.0,
) -> tuple[Decoded, Candidate, Decoder]:
    """Decode every candidate order; return the best result, its candidate and decoder.

    Every order of :func:`candidate_orders` is tried with plain and tight goals, first with
    every mission job in the ``eager`` mode (engagements early, then late), then in the
    ``auto`` mode (likewise); past half of ``time_limit`` no further order is computed nor
    candidate decoded (slow decodes only: large problems), but the first is always decoded.
    When no candidate meets every deadline, up to ``repair_evaluations`` decodes of local
    search (seed 0) try to repair the best, for at most ``time_limit`` seconds in all. The
    decoder returned is ``decoder`` (or the new one made when it is ``None``).
    """
    started = time.perf_counter()
    decoder = decoder or Decoder(problem)
    eager = {j.id: EAGER for j in problem.mission_jobs if len(j.people) > 1}
    late = {j.id: LATE for j in problem.jobs if not j.is_mission}
    mode_sets: list[dict[str, str]] = []
    if eager:
        mode_sets += [eager] + ([{**eager, **late}] if late else [])
    mode_sets += [{}] + ([late] if late else [])
    tight_options = (False, True) if decoder.can_tighten else (False,)
    cutoff = started + time_limit / 2
    fresh = _orders(problem)
    known: list[list[str]] = []
    best: tuple[Decoded, Candidate] | None = None

    def passed() -> bool:
        """Whether the rules' half of the time is over (once there is a plan to return)."""
        return best is not None and time.perf_counter() > cutoff

    def orders() -> Iterator[list[str]]:
        yield from known
        while not passed() and (order := next(fresh, None)) is not None:
            known.append(order)
            yield order

    for modes in mode_sets:
        for order in orders():
            for tight in tight_options:
                if passed():
                    break  # slow decodes (large problems): keep time for the repair
                result = decoder.run(order, modes, tight)
                if best is None or result.score < best[0].score:
                    best = (result, Candidate(order, modes, tight))
        if passed():
            break
    assert best is not None
    if best[0].violation == 0 or repair_evaluations <= 0:
        return (*best, decoder)
    decoded, candidate = search(
        decoder,
        best[1],
        seed=0,
        max_evaluations=repair_evaluations,
        deadline=started + time_limit,
        first=best[0],
        stop_when_feasible=True,
    )
    return decoded, candidate, decoder


def dispatch(
    problem: Problem, *, repair_evaluations: int = REPAIR_EVALUATIONS, time_limit: float = 2.0
) -> Solution | None:
    """Return the best plan the priority rules give.

    Tries the orders of :func:`candidate_orders`, each with engagements placed early and
    placed late, with plain and tranche-aware goals, and keeps the plan of lowest objective.
    If none meets every deadline, a short local search repairs the best.

    Parameters
    ----------
    problem
        The compiled problem.
    repair_evaluations
        Most decodes spent on the repair (0: no repair).
    time_limit
        Safety cap in seconds on the repair (the rules themselves always run).

    Returns
    -------
    Solution | None
        The best plan, or ``None`` if no order found a plan meeting every deadline.
    """
    found = best_dispatch(problem, repair_evaluations=repair_evaluations, time_limit=time_limit)
    return found[0].solution
