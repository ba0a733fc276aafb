"""Iterated local search over candidates decoded by list scheduling.

A candidate is a priority order of the jobs, a mode per job (who does a mission job, or
``auto``; whether an engagement goes early or late) and whether the decoder aims at few
tranches; the serial decoder of :mod:`mission_planner.heuristics.decoder` turns it into a plan.
The search makes one random move at a time (swap two jobs, move a job elsewhere, move a late
job earlier with its ancestors, change a job's mode), keeps it if the plan is not worse, and
after a run of moves without a new best, kicks the best candidate with a few random moves and
goes on from there. Plans are compared by ``(deadline violation, objective)``, so an
infeasible start is steered towards feasibility. A move re-decodes only from the first job
it changes (:class:`~mission_planner.heuristics.decoder.Trace`).
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass, field

from mission_planner.heuristics.decoder import AUTO, EAGER, EARLY, LATE, Decoded, Decoder
from mission_planner.problem import Problem


@dataclass(frozen=True)
class Candidate:
    """What the search moves: a priority order, per-job modes, and whether to aim at tranches.

    ``tight`` makes the decoder aim at few tranches
    (:func:`mission_planner.heuristics.decoder.tranche_goals`).
    """

    order: list[str]
    modes: dict[str, str] = field(default_factory=dict)
    tight: bool = False


def search(
    decoder: Decoder,
    start: Candidate,
    *,
    seed: int,
    max_evaluations: int,
    deadline: float = math.inf,
    first: Decoded | None = None,
    stop_when_feasible: bool = False,
) -> tuple[Decoded, Candidate]:
    """Run iterated local search from ``start``; return the best decoded candidate.

    Candidates are compared by ``(violation, objective)``. A move is kept when the plan is
    not worse; after ``max(30, 3 n)`` moves without a new best, the best candidate is kicked
    by 2 to 4 random moves and the search goes on from there.

    Parameters
    ----------
    decoder
        The decoder of the problem.
    start
        The starting candidate.
    seed
        Seed of the random moves.
    max_evaluations
        Most decodes (the decode of ``start`` included unless ``first`` is given).
    deadline
        ``time.perf_counter()`` value at which to stop anyway.
    first
        The decode of ``start``, if already known.
    stop_when_feasible
        Stop at the first candidate meeting every deadline (for repairs).
    """
    rng = random.Random(seed)
    n = len(start.order)
    moves = _Moves(decoder)
    current, current_dec = start, first
    evaluations = 0
    if current_dec is None:
        current_dec = decoder.run(start.order, start.modes, start.tight)
        evaluations += 1
    best, best_dec = current, current_dec
    stall = 0
    patience = max(30, 3 * n)
    if n < 2 and not moves.choices:
        return best_dec, best
    while evaluations < max_evaluations and time.perf_counter() < deadline:
        if stop_when_feasible and best_dec.violation == 0:
            break
        if stall >= patience:
            stall = 0
            cand = best
            for _ in range(rng.randint(2, 4)):
                cand = moves.random(rng, cand, None)
            current = cand
            current_dec = decoder.run(cand.order, cand.modes, cand.tight, best_dec.trace)
            evaluations += 1
            if current_dec.score < best_dec.score:
                best, best_dec = current, current_dec
            continue
        cand = moves.random(rng, current, current_dec)
        cand_dec = decoder.run(cand.order, cand.modes, cand.tight, current_dec.trace)
        evaluations += 1
        if cand_dec.score <= current_dec.score:
            current, current_dec = cand, cand_dec
        if cand_dec.score < best_dec.score:
            best, best_dec = cand, cand_dec
            stall = 0
        else:
            stall += 1
    return best_dec, best


class _Moves:
    """The neighbourhood of a candidate.

    - *advance*: move a job the decoder found late (or past a deadline, first) to a random
      earlier place, with those of its ancestors that came after that place just before it
      (the decoder would make it wait for them otherwise), sometimes reordered among
      themselves;
    - *swap* two jobs; *insert* a job elsewhere;
    - *mode*: change who does a mission job (late jobs first) or how an engagement is placed;
    - *tighten*: switch the tranche-aware goals on or off.
    """

    def __init__(self, decoder: Decoder) -> None:
        problem = decoder.problem
        self.can_tighten = decoder.can_tighten
        self.choices: dict[str, list[str]] = {}
        for job in problem.jobs:
            if job.is_mission and len(job.people) > 1:
                self.choices[job.id] = [AUTO, EAGER, *job.people]
            elif not job.is_mission:
                self.choices[job.id] = [EARLY, LATE]
        self.names = sorted(self.choices)
        self.ancestors: dict[str, set[str]] = {}
        for job in problem.jobs:
            self._ancestors(problem, job.id)

    def _ancestors(self, problem: Problem, job_id: str) -> set[str]:
        """The ancestors of ``job_id`` (memoised; an explicit stack, as chains may be long)."""
        stack = [job_id]
        while stack:
            current = stack[-1]
            if current in self.ancestors:
                stack.pop()
                continue
            predecessors = problem.job(current).predecessors
            missing = [p for p in predecessors if p not in self.ancestors]
            if missing:
                stack.extend(missing)
                continue
            found: set[str] = set()
            for p in predecessors:
                found |= {p} | self.ancestors[p]
            self.ancestors[current] = found
            stack.pop()
        return self.ancestors[job_id]

    def _shuffled(self, rng: random.Random, jobs: list[str]) -> list[str]:
        """``jobs`` in a random order that keeps every predecessor before its successors."""
        left = list(jobs)
        out: list[str] = []
        while left:
            ready = [j for j in left if not (self.ancestors[j] & set(left))]
            pick = rng.choice(ready)
            out.append(pick)
            left.remove(pick)
        return out

    def random(self, rng: random.Random, cand: Candidate, decoded: Decoded | None) -> Candidate:
        """Return a random neighbour of ``cand`` (``cand`` is not modified).

        ``decoded`` (the decode of ``cand``) points the advance and mode moves at late jobs.
        """
        order, modes, tight = list(cand.order), dict(cand.modes), cand.tight
        n = len(order)
        late = [] if decoded is None else (decoded.stuck if decoded.violation else decoded.late)
        roll = rng.random()
        if self.can_tighten and roll < 0.04:
            tight = not tight
        elif self.choices and (roll < 0.2 or n < 2):
            pool = [j for j in late if j in self.choices]
            job = rng.choice(pool if pool and rng.random() < 0.5 else self.names)
            options = [m for m in self.choices[job] if m != modes.get(job, self.choices[job][0])]
            modes[job] = rng.choice(options)
        elif roll < 0.5 and late and (k := order.index(rng.choice(late))) > 0:
            job = order[k]
            at = rng.randrange(k)
            ancestors = self.ancestors[job]
            moved = [j for j in order[at:] if j in ancestors]
            if len(moved) > 1 and rng.random() < 0.5:
                moved = self._shuffled(rng, moved)
            rest = [j for j in order[at:] if j != job and j not in ancestors]
            order = [*order[:at], *moved, job, *rest]
        elif roll < 0.72:
            i, j = rng.sample(range(n), 2)
            order[i], order[j] = order[j], order[i]
        else:
            i, j = rng.sample(range(n), 2)
            order.insert(j, order.pop(i))
        return Candidate(order, modes, tight)
