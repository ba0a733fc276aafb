"""Why a mission cannot fit: capacity arguments a consultant can read, no solver needed."""

from __future__ import annotations

from mission_planner.problem import Job, Problem


def _hours(problem: Problem, slots: int) -> str:
    return f"{slots * problem.timeline.grid.slot_hours:g} h"


def _when(problem: Problem, slot: int) -> str:
    return problem.timeline.grid.time_of(slot).strftime("%a %d %b %Y %H:%M")


def free_slots(problem: Problem, person: str, start: int, end: int) -> int:
    """Free working slots of ``person`` in real slots ``[start, end)``."""
    axis = problem.timeline.person(person)
    return max(0, axis.positions_before(end) - axis.position_at_or_after(start))


def capacity_shortfalls(problem: Problem) -> list[tuple[list[str], str]]:
    """Groups of jobs that provably cannot fit, each with the reason in words.

    Two arguments, both necessary conditions:

    * one job: the free hours of everyone able to do it between its release and its deadline
      are fewer than its effort (or nobody is able to do it at all);
    * jobs only the lead can do: for every window ``[r, d]`` made of a release and a deadline,
      the effort of those whose whole window lies inside exceeds the lead's free hours there.
    """
    found: list[tuple[list[str], str]] = []
    for job in problem.jobs:
        if not job.people:
            found.append(([job.id], f"{_label(job)} needs skills nobody allowed to do it has"))
            continue
        room = sum(free_slots(problem, p, job.release, job.deadline) for p in job.people)
        if room >= job.effort and job.max_chunks == 1 and not problem.able(job):
            found.append(
                (
                    [job.id],
                    f"{_label(job)} must be done in one piece of {_hours(problem, job.effort)} but "
                    f"nobody allowed to do it has that much free time between "
                    f"{_when(problem, job.release)} and {_when(problem, job.deadline)}",
                )
            )
        elif room < job.effort:
            who = "the lead" if job.people == (problem.lead,) else ", ".join(job.people)
            found.append(
                (
                    [job.id],
                    f"{_label(job)} needs {_hours(problem, job.effort)} but {who} "
                    f"{'has' if len(job.people) == 1 else 'have'} only "
                    f"{_hours(problem, room)} free "
                    f"between {_when(problem, job.release)} and {_when(problem, job.deadline)}, "
                    "given what is already booked",
                )
            )
    if found:
        return found
    lead_only = [j for j in problem.jobs if j.people == (problem.lead,)]
    releases = sorted({j.release for j in lead_only})
    deadlines = sorted({j.deadline for j in lead_only})
    for r in releases:
        for d in deadlines:
            inside = [j for j in lead_only if j.release >= r and j.deadline <= d]
            if len(inside) < 2:
                continue
            need = sum(j.effort for j in inside)
            room = free_slots(problem, problem.lead, r, d)
            if need > room:
                names = ", ".join(_label(j) for j in inside)
                found.append(
                    (
                        [j.id for j in inside],
                        f"between {_when(problem, r)} and {_when(problem, d)} "
                        f"the lead must do {names}: "
                        f"{_hours(problem, need)} of work for {_hours(problem, room)} free",
                    )
                )
                return found
    return found


def _label(job: Job) -> str:
    return f"task {job.id!r}" if job.is_mission else f"engagement {job.id!r}"
