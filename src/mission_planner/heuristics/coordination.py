"""Placing the lead's coordination with partners in the warm start: kick-offs and follow-ups.

A kick-off is a meeting of the lead and the partner: ``K`` of the lead's free positions that
are consecutive real slots, each free for the partner too
(:func:`mission_planner.meetings.joint_starts` gives where one may start). A follow-up is
``F`` of the lead's free positions after the kick-off, by the latest deadline of the partner's
tasks, in at most :data:`~mission_planner.problem.FOLLOW_UP_BLOCKS` blocks.
"""

from __future__ import annotations

import numpy as np

from mission_planner.heuristics.placement import Axis, Piece
from mission_planner.heuristics.reserve import Reserve
from mission_planner.problem import FOLLOW_UP_BLOCKS
from mission_planner.solution import Chunk


def _variants(axis: Axis) -> tuple[bool, ...]:
    """Regular time first, then overtime too (when the person has any)."""
    return (True, False) if axis.has_overtime else (False,)


def first_meeting(
    axis: Axis, length: int, first: int, starts: np.ndarray, limit: int | None = None
) -> int | None:
    """First position ``>= first`` where a meeting of ``length`` fits ``axis``'s free positions.

    ``starts`` says where one may start at all; the meeting ends by ``limit``; ``None``: none.
    """
    limit = axis.size if limit is None else limit
    for regular_only in _variants(axis):
        for a, b in axis.gaps(first, regular_only):
            hi = min(b, limit) - length
            if a > limit - length:
                break
            if hi < a:
                continue
            found = np.flatnonzero(starts[a : hi + 1])
            if found.size:
                return a + int(found[0])
    return None


def kickoff_before(
    lead: Axis,
    pieces: list[Piece],
    partner: str,
    partner_axis: Axis,
    length: int,
    starts: np.ndarray,
    lead_id: str,
) -> int | None:
    """Latest kick-off position ending before ``partner``'s first piece (None: no room)."""
    start = min(partner_axis.free[q.start] for q in pieces if q.person == partner)
    mine = [q for q in pieces if q.person == lead_id]
    if mine:
        lead = lead.clone()
        for q in mine:
            lead.take(q.start, q.length)
    limit = lead.positions_before(start)
    for regular_only in _variants(lead):
        for a, b in reversed(lead.gaps(0, regular_only)):
            hi = min(b, limit) - length
            if hi < a:
                continue
            found = np.flatnonzero(starts[a : hi + 1])
            if found.size:
                return a + int(found[-1])
    return None


def calm_kickoff(
    lead: Axis, reserve: Reserve, length: int, starts: np.ndarray, lead_id: str
) -> int | None:
    """Earliest kick-off position that pushes no lead-only work of ``reserve`` late.

    Tried: the start of each free run of the lead, and each latest finish of that work (the
    first meeting time from there); else the lead's first meeting time (``None``: no room).
    """
    first = first_meeting(lead, length, 0, starts)
    own = reserve.demands.get(lead_id)
    if not own or first is None:
        return first
    tried = sorted({a for a, _ in lead.gaps(0, False)} | {d.latest for d in own})
    for position in tried:
        found = first_meeting(lead, length, position, starts)
        if found is None:
            break
        if not reserve.pushed({lead_id: [(found, length)]}):
            return found
    return first


def follow_up_runs(
    axis: Axis, need: int, first: int, limit: int, blocks: list[Chunk]
) -> list[tuple[int, int]] | None:
    """``need`` free positions in ``[first, limit)`` for a follow-up made of ``blocks``.

    First right after or before an existing block, then in the first free runs (regular
    time first), keeping at most :data:`FOLLOW_UP_BLOCKS` blocks; ``None`` if impossible.
    """
    free = axis.gaps(first, False)
    runs: list[tuple[int, int]] = []
    left = need
    for b in blocks:
        for a, z in free:
            if left and a == b.end and a < limit:
                take = min(left, min(z, limit) - a)
                runs.append((a, take))
                left -= take
            elif left and z == b.start and z <= limit and a >= first:
                take = min(left, z - a)
                runs.append((z - take, take))
                left -= take
    if not left:
        return runs
    room = FOLLOW_UP_BLOCKS - len(blocks)
    for regular_only in _variants(axis):
        extra: list[tuple[int, int]] = []
        rest = left
        for a, z in axis.gaps(first, regular_only):
            if a >= limit or len(extra) == room:
                break
            taken = [r for r in runs if a <= r[0] < z]
            lo = max([a, *(r[0] + r[1] for r in taken)])
            if lo >= min(z, limit):
                continue
            take = min(rest, min(z, limit) - lo)
            extra.append((lo, take))
            rest -= take
            if not rest:
                return runs + extra
    return None


def merged(blocks: list[Chunk]) -> list[Chunk]:
    """Blocks of one coordination kind, in time order, touching ones merged."""
    out: list[Chunk] = []
    for c in sorted(blocks, key=lambda c: c.start):
        if out and out[-1].end == c.start:
            out[-1] = Chunk(c.job, c.person, out[-1].start, out[-1].length + c.length)
        else:
            out.append(c)
    return out
