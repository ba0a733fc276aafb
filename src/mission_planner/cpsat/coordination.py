r"""The lead's coordination with partners: a kick-off and a follow-up per partner who works.

For each partner ``p`` who may work on the mission, with ``u_p`` true when ``p`` does some
mission work, ``D_p = \sum_{j,k} \ell_{jkp}`` its slots, ``K`` the kick-off slots and
``\sigma`` the follow-up share in thousandths, optional intervals on the lead's axis:

.. math::

    \text{kick-off: } [a_p, a_p + K) \text{ present iff } u_p,\qquad
    \text{follow-up blocks: } [b_{pi}, b_{pi} + f_{pi}),\ y_{pi} \Rightarrow u_p,\qquad
    f_p = \sum_i f_{pi} = \lceil \sigma D_p / 1000 \rceil

    R_{lead}(a_p + K) \le S_p(\text{first}_p),\qquad y_{pi} \Rightarrow b_{pi} \ge a_p + K,\
    b_{pi} + f_{pi} \le \max_{j : p \text{ works on } j} \text{pos}_{lead}(\text{deadline}_j)

    u_p \Rightarrow a_p \in A_p

(a re-plan's history changes two things: no kick-off for a partner kicked off before
``now``, and :math:`f_p = \max(0, \lceil \sigma (D^0_p + D_p) / 1000 \rceil - f^0_p)` with
``D^0_p`` slots delegated and ``f^0_p`` slots of follow-up before ``now``; a task's deadline
here is its hard limit even when a promise makes its delivery earlier)

where ``first_p`` is the first position of ``p``'s chunks and ``pos_lead(t)`` the number of the
lead's free positions before instant ``t`` (both sides of the last rule are positions on the
lead's axis, so it is exact). ``A_p`` holds the lead's positions where the kick-off is a
meeting of both: ``K`` consecutive real slots free for the lead and for ``p``
(:func:`mission_planner.meetings.joint_starts`). The follow-up is cut into at most
:data:`FOLLOW_UP_BLOCKS` blocks (present ones first, in time order). Every block joins the
lead's ``NoOverlap``; their slots are priced at ``weights.coordination`` and count as
overtime where they fall in overtime. Absent blocks sit at ``[0, 0)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from mission_planner.cpsat.constraints import free_runs, real_slot_of
from mission_planner.cpsat.variables import ChunkVars, JobVars, bounds
from mission_planner.meetings import joint_starts
from mission_planner.problem import FOLLOW_UP, FOLLOW_UP_BLOCKS, KICKOFF, Problem


@dataclass
class Block:
    """An optional block of the lead's time (``length`` may be a variable)."""

    kind: str
    partner: str
    present: cp_model.IntVar
    start: cp_model.IntVar
    length: cp_model.IntVar | int
    end: cp_model.IntVar
    interval: cp_model.IntervalVar


@dataclass
class CoordinationVars:
    """Coordination variables of one partner."""

    partner: str
    used: cp_model.IntVar
    blocks: list[Block]


def add_coordination(
    model: cp_model.CpModel, problem: Problem, jobs: list[JobVars]
) -> list[CoordinationVars]:
    """Kick-off and follow-up blocks of the lead, one pair per partner who may work."""
    if not problem.kickoff and not problem.share_milli:
        return []
    lead = problem.timeline.person(problem.lead)
    size = lead.size
    out: list[CoordinationVars] = []
    for partner in problem.coordinated_partners():
        mine = [jv for jv in jobs if jv.job.is_mission and jv.chunks and partner in jv.chunks[0]]
        cells = [slot[partner] for jv in mine for slot in jv.chunks]
        if not cells:
            continue
        used = model.new_bool_var(f"coordinates[{partner}]")
        model.add_max_equality(used, [c.present for c in cells])
        blocks: list[Block] = []
        kickoff = None
        if problem.kickoff and partner not in problem.kicked_off:
            kickoff = _kickoff(model, problem, partner, used, cells, size)
            blocks.append(kickoff)
        if problem.share_milli:
            blocks += _follow_up(model, problem, partner, used, mine, cells, kickoff, size)
        out.append(CoordinationVars(partner, used, blocks))
    return out


def _kickoff(
    model: cp_model.CpModel,
    problem: Problem,
    partner: str,
    used: cp_model.IntVar,
    cells: list[ChunkVars],
    size: int,
) -> Block:
    r"""Kick-off of ``K`` slots ending before the partner's first chunk starts (real time).

    It starts where both are free for ``K`` consecutive real slots (one unbroken stretch).
    """
    k = problem.kickoff
    name = f"{KICKOFF}:{partner}"
    start = model.new_int_var(0, max(0, size - k), f"s[{name}]")
    end = model.new_int_var(0, size, f"e[{name}]")
    interval = model.new_optional_interval_var(start, k, end, used, f"i[{name}]")
    model.add(start == 0).only_enforce_if(~used)
    model.add(end == 0).only_enforce_if(~used)
    axis = problem.timeline.person(partner)
    lead_time = problem.timeline.person(problem.lead)
    allowed = np.flatnonzero(joint_starts(lead_time, [axis], k)).tolist()
    if allowed:
        domain = cp_model.Domain.from_values(allowed)
        model.add_linear_expression_in_domain(start, domain).only_enforce_if(used)
    else:
        model.add(used == 0)  # no time to meet: the partner cannot work on the mission
    lo = min(bounds(c.start)[0] for c in cells)
    hi = max(bounds(c.start)[1] for c in cells) + 1
    first = model.new_int_var(lo, hi - 1, f"first[{partner}]")
    for c in cells:
        model.add(first <= c.start).only_enforce_if(c.present)
    lead = problem.timeline.person(problem.lead)
    ends_at = real_slot_of(model, end, free_runs(lead, 0, size), 1, f"end[{name}]")
    starts_at = real_slot_of(model, first, free_runs(axis, lo, hi), 0, f"start[first {partner}]")
    model.add(ends_at <= starts_at).only_enforce_if(used)
    return Block(KICKOFF, partner, used, start, k, end, interval)


def _after_first_chunk(
    model: cp_model.CpModel,
    problem: Problem,
    partner: str,
    used: cp_model.IntVar,
    cells: list[ChunkVars],
) -> cp_model.IntVar:
    r"""The lead's first position after the end of some chunk of the partner (when ``used``).

    ``E \ge e_c`` for a present chunk ``c`` of the partner (a witness), so ``E`` is at least
    the end of the partner's first chunk; its real end ``R_p(E)`` is read on the lead's axis
    as the count of the lead's positions before it (``Element``).
    """
    axis = problem.timeline.person(partner)
    lo = min(bounds(c.end)[0] for c in cells)
    hi = max(bounds(c.end)[1] for c in cells)
    end = model.new_int_var(lo, hi, f"first_end[{partner}]")
    witnesses = []
    for i, c in enumerate(cells):
        w = model.new_bool_var(f"first_end[{partner}]#{i}")
        model.add_implication(w, c.present)
        model.add(end >= c.end).only_enforce_if(w)
        witnesses.append(w)
    model.add_bool_or(witnesses).only_enforce_if(used)
    real = model.new_int_var(0, problem.timeline.grid.n_slots, f"first_end_at[{partner}]")
    model.add(real == real_slot_of(model, end, free_runs(axis, lo, hi), 1, f"R[{partner}]"))
    lead = problem.timeline.person(problem.lead)
    table = np.searchsorted(lead.free, np.arange(problem.timeline.grid.n_slots + 1)).tolist()
    position = model.new_int_var(0, lead.size, f"reviewable[{partner}]")
    model.add_element(real, table, position)
    return position


def _follow_up(
    model: cp_model.CpModel,
    problem: Problem,
    partner: str,
    used: cp_model.IntVar,
    mine: list[JobVars],
    cells: list[ChunkVars],
    kickoff: Block | None,
    size: int,
) -> list[Block]:
    r"""Follow-up of ``ceil(sigma D_p / 1000)`` slots in at most :data:`FOLLOW_UP_BLOCKS` blocks.

    Each block starts after the kick-off and after the partner's first chunk ends (there is
    work to review), and ends by the last deadline of the partner's tasks; present blocks are
    a prefix, in time order, not touching.
    """
    lead = problem.timeline.person(problem.lead)
    most = min(size, problem.followup(sum(bounds(c.length)[1] for c in cells), partner))
    reviewable = (  # a partner who worked before a re-plan has work to review already
        None
        if partner in problem.kicked_off
        else _after_first_chunk(model, problem, partner, used, cells)
    )
    latest = model.new_int_var(0, size, f"latest[{FOLLOW_UP}:{partner}]")
    model.add_max_equality(
        latest,
        [lead.positions_before(jv.job.coordination_deadline) * jv.on[partner] for jv in mine],
    )
    blocks: list[Block] = []
    for b in range(min(FOLLOW_UP_BLOCKS, most)):
        name = f"{FOLLOW_UP}:{partner}#{b}"
        present = model.new_bool_var(f"x[{name}]")
        start = model.new_int_var(0, size, f"s[{name}]")
        length = model.new_int_var(0, most, f"l[{name}]")
        end = model.new_int_var(0, size, f"e[{name}]")
        interval = model.new_optional_interval_var(start, length, end, present, f"i[{name}]")
        model.add_implication(present, used)
        model.add(length >= 1).only_enforce_if(present)
        model.add(length == 0).only_enforce_if(~present)
        model.add(start == 0).only_enforce_if(~present)
        model.add(end == 0).only_enforce_if(~present)
        if kickoff is not None:
            model.add(start >= kickoff.end).only_enforce_if(present)
        if reviewable is not None:
            model.add(start >= reviewable).only_enforce_if(present)
        model.add(end <= latest).only_enforce_if(present)
        if blocks:
            before = blocks[-1]
            model.add_implication(present, before.present)
            model.add(start >= before.end + 1).only_enforce_if(present)
        blocks.append(Block(FOLLOW_UP, partner, present, start, length, end, interval))
    if not blocks:
        return []
    earlier_work, earlier_follow_up = problem.coordinated_before.get(partner, (0, 0))
    delegated = sum(c.length for c in cells) + earlier_work
    total = sum(b.length for b in blocks) + earlier_follow_up
    model.add(1000 * total >= problem.share_milli * delegated).only_enforce_if(used)
    # as short as the rounding up allows, when there is a follow-up at all
    model.add(1000 * total <= problem.share_milli * delegated + 999).only_enforce_if(
        blocks[0].present
    )
    return blocks
