"""Improving a plan by iterated local search over priority orders (:func:`improve`).

The search (:mod:`mission_planner.heuristics.search`) starts from the best of the priority
rules of :mod:`mission_planner.heuristics.dispatch` and of the input plan's own order. Pure
single-person sequencing problems go to the much faster
:mod:`mission_planner.heuristics.sequencing` instead.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np

from mission_planner.heuristics.decoder import Decoded, Decoder
from mission_planner.heuristics.dispatch import best_dispatch
from mission_planner.heuristics.search import Candidate, search
from mission_planner.heuristics.sequencing import iterated_dynasearch, sequencing_view
from mission_planner.problem import Problem
from mission_planner.solution import Solution, evaluate


def order_of(problem: Problem, solution: Solution) -> list[str]:
    """Job ids by the real start of their first chunk (then finish, then input order)."""
    first: dict[str, tuple[int, int]] = {}
    for chunk in solution.chunks:
        time_ = problem.timeline.person(chunk.person)
        start, end = time_.real_start(chunk.start), time_.real_end(chunk.end)
        old = first.get(chunk.job)
        first[chunk.job] = (start, end) if old is None else (min(old[0], start), max(old[1], end))
    index = {job.id: i for i, job in enumerate(problem.jobs)}
    missing = (10**12, 10**12)
    return sorted(index, key=lambda j: (*first.get(j, missing), index[j]))


def improve(
    problem: Problem,
    solution_or_order: Solution | Sequence[str],
    *,
    seed: int = 0,
    max_evaluations: int = 1000,
    time_limit: float = 10.0,
    decoder: Decoder | None = None,
    rules: bool = True,
) -> Solution:
    """Improve a plan (or a priority order) by iterated local search.

    Parameters
    ----------
    problem
        The compiled problem.
    solution_or_order
        A feasible plan (e.g. from :func:`~mission_planner.heuristics.dispatch.dispatch`), or a
        priority order of every job id.
    seed
        Seed of the random moves.
    max_evaluations
        Budget of evaluations: decodes of a candidate order (besides those of the priority
        rules of :func:`~mission_planner.heuristics.dispatch.dispatch`, which seed the
        search); in the single-person sequencing fast path, vectorised neighbourhood scans
        (each prices all swap and insert moves of the current sequence at once, at about the
        cost of one decode). The result depends only on ``seed`` and this budget, unless
        ``time_limit`` cuts the search short.
    time_limit
        Safety cap in seconds: past it no further candidate is decoded (the input order is
        decoded anyway when no plan is given; a given plan is returned as it is when the time
        is over before the search starts).
    decoder
        The decoder to search with (default: a new one of ``problem``; give the one
        :func:`~mission_planner.heuristics.dispatch.best_dispatch` returned to search with the
        goals it aimed at).
    rules
        Also decode the priority rules of
        :func:`~mission_planner.heuristics.dispatch.best_dispatch` and start from the best
        of them if it beats the input (skip when the input already comes from them).

    Returns
    -------
    Solution
        A plan at least as good as the input plan (the input itself when nothing better is
        found; it is never modified).

    Raises
    ------
    ValueError
        If an order is given, it does not decode into a feasible plan, and the search finds
        none either.
    """
    t0 = time.perf_counter()
    incumbent: Solution | None = None
    incumbent_value: int | None = None
    if isinstance(solution_or_order, Solution):
        incumbent = solution_or_order
        incumbent_value = evaluate(problem, incumbent).scaled_objective
        order = order_of(problem, incumbent)
    else:
        order = list(solution_or_order)

    if incumbent is not None and time.perf_counter() - t0 >= time_limit:
        return incumbent  # no time left to look for better
    decoder = decoder or Decoder(problem)
    view = sequencing_view(problem)
    if view is not None:
        position = {job: k for k, job in enumerate(view.jobs)}
        sequence = iterated_dynasearch(
            view,
            np.array([position[j] for j in order], dtype=np.int64),
            seed=seed,
            max_evaluations=max_evaluations,
            time_limit=max(0.0, time_limit - (time.perf_counter() - t0)),
        )
        found = decoder.run([view.jobs[k] for k in sequence])
    else:
        starts = [Candidate(order)]
        if incumbent is not None:
            starts.append(Candidate(order, _modes_of(problem, incumbent)))
        if decoder.can_tighten:
            starts += [Candidate(c.order, c.modes, True) for c in starts]
        deadline = t0 + time_limit
        decoded: list[tuple[Decoded, Candidate]] = []
        for c in starts:  # the first always, the others while time is left
            if decoded and time.perf_counter() >= deadline:
                break
            decoded.append((decoder.run(c.order, c.modes, c.tight), c))
        if rules and time.perf_counter() < deadline:
            left = deadline - time.perf_counter()
            decoded.append(
                best_dispatch(problem, decoder, repair_evaluations=0, time_limit=left)[:2]
            )
        first, start = min(decoded, key=lambda dc: dc[0].score)
        found, _ = search(
            decoder,
            start,
            seed=seed,
            max_evaluations=max(0, max_evaluations - len(starts)),
            deadline=deadline,
            first=first,
        )

    if found.solution is not None and (
        incumbent_value is None or found.objective < incumbent_value
    ):
        return found.solution
    if incumbent is not None:
        return incumbent
    raise ValueError("improve: no plan meeting every deadline was found from this order")


def _modes_of(problem: Problem, solution: Solution) -> dict[str, str]:
    """Mode of each mission job done by one person in ``solution``: that person."""
    people: dict[str, set[str]] = {}
    for chunk in solution.chunks:
        people.setdefault(chunk.job, set()).add(chunk.person)
    return {
        job.id: next(iter(people[job.id]))
        for job in problem.mission_jobs
        if len(people.get(job.id, ())) == 1 and len(job.people) > 1
    }
