"""OR-Library single-machine total weighted tardiness instances (1||ΣwjTj).

Files live in ``benchmarks/data/orlib-wt/`` (see ``SOURCES.md`` there). Each of ``wt40``,
``wt50`` and ``wt100`` holds 125 instances; for each instance in turn the file lists the n
processing times, then the n weights, then the n due dates. Reference values: ``wtopt40``,
``wtopt50`` (optimal) and ``wtbest100b`` (best known).

:func:`to_scenario` states an instance through the library's public API, so that the library's
objective equals ``sum_j w_j T_j`` exactly.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mission_planner.scenario import Scenario

DATA_DIR = Path(__file__).parent / "data" / "orlib-wt"
SIZES = (40, 50, 100)
INSTANCES_PER_SIZE = 125
START = dt.date(2027, 1, 4)
"""Planning start of the scenarios (a Monday; the calendar works every day anyway)."""

_REFERENCE_FILES = {
    40: ("wtopt40.txt", True),
    50: ("wtopt50.txt", True),
    100: ("wtbest100b.txt", False),
}


@dataclass(frozen=True)
class Instance:
    """One instance: jobs ``j = 0..n-1`` with processing time, weight and due date.

    ``index`` is the 1-based position in its file (the OR-Library numbering); ``reference`` is
    the optimum (``optimal=True``) or the best known value.
    """

    size: int
    index: int
    p: tuple[int, ...]
    w: tuple[int, ...]
    d: tuple[int, ...]
    reference: int
    optimal: bool
    gap_reference: bool = True
    """Gaps are measured to ``reference`` (the optimum or the best known value)."""

    @property
    def n(self) -> int:
        """Number of jobs."""
        return len(self.p)

    @property
    def name(self) -> str:
        """Short name, e.g. ``wt40-003``."""
        return f"wt{self.size}-{self.index:03d}"

    def objective(self, sequence: list[int] | tuple[int, ...]) -> int:
        """Total weighted tardiness of processing the jobs in ``sequence`` with no idle time."""
        if sorted(sequence) != list(range(self.n)):
            raise ValueError(f"{self.name}: sequence is not a permutation of 0..{self.n - 1}")
        time = total = 0
        for j in sequence:
            time += self.p[j]
            total += self.w[j] * max(0, time - self.d[j])
        return total


def _ints(path: Path) -> list[int]:
    return [int(tok) for tok in path.read_text(encoding="ascii").split()]


@cache
def load(size: int) -> tuple[Instance, ...]:
    """All 125 instances of ``wt{size}.txt`` with their reference values."""
    if size not in SIZES:
        raise ValueError(f"size={size} is not one of {SIZES}")
    numbers = _ints(DATA_DIR / f"wt{size}.txt")
    ref_file, optimal = _REFERENCE_FILES[size]
    refs = _ints(DATA_DIR / ref_file)
    block = 3 * size
    if len(numbers) != block * INSTANCES_PER_SIZE or len(refs) != INSTANCES_PER_SIZE:
        raise ValueError(
            f"wt{size}.txt has {len(numbers)} integers (expected {block * INSTANCES_PER_SIZE}) "
            f"and {ref_file} {len(refs)} values (expected {INSTANCES_PER_SIZE})"
        )
    instances = []
    for i in range(INSTANCES_PER_SIZE):
        chunk = numbers[i * block : (i + 1) * block]
        instances.append(
            Instance(
                size=size,
                index=i + 1,
                p=tuple(chunk[:size]),
                w=tuple(chunk[size : 2 * size]),
                d=tuple(chunk[2 * size :]),
                reference=refs[i],
                optimal=optimal,
            )
        )
    return tuple(instances)


def instance(size: int, index: int) -> Instance:
    """Instance ``index`` (1-based) of ``wt{size}``."""
    if not 1 <= index <= INSTANCES_PER_SIZE:
        raise ValueError(f"index={index} is not between 1 and {INSTANCES_PER_SIZE}")
    return load(size)[index - 1]


def load_instance(size: str | int, index: int, reference: bool = True) -> Instance:
    """Instance ``index`` of ``wt{size}`` (the suite loader; ``reference`` is always there)."""
    del reference
    return instance(int(size), index)


def horizon_days(inst: Instance) -> int:
    """Days after the start on which the scenario ends: ``ceil(sum p / 24)``."""
    return math.ceil(sum(inst.p) / 24)


def to_scenario(inst: Instance) -> Scenario:
    """The instance as a :class:`mission_planner.Scenario` whose objective is ``sum w_j T_j``.

    A lead alone, working 24 hours a day, every day, no public holidays; one hour per slot;
    job ``j`` is a non-splittable task of ``p_j`` hours with urgency ``w_j``, due ``d_j`` hours
    after the start, delivered on its own tranche (``max_tranches = n``), so it is delivered
    when it finishes. Only lateness is weighted. The deadline is the horizon's last day, which
    a schedule without idle time always meets.

    A due date past ``P = sum p`` is capped at ``P``: every job finishes by ``P``, so the
    tardiness is zero either way, and the task's due stays inside the horizon as the scenario
    requires.
    """
    # Imported here so that the reader and the baselines do not depend on the library.
    from mission_planner.scenario import Calendar, Lead, Mission, Scenario, Task, Weekday, Weights

    total = sum(inst.p)
    end = START + dt.timedelta(days=horizon_days(inst))
    start_at = dt.datetime.combine(START, dt.time())
    calendar = Calendar(working_hours={day: ["00:00-24:00"] for day in Weekday}, country=None)
    width = len(str(inst.n))
    tasks = [
        Task(
            id=f"j{j + 1:0{width}d}",
            effort_hours=inst.p[j],
            urgency=inst.w[j],
            due=start_at + dt.timedelta(hours=min(inst.d[j], total)),
            deadline=end,
            splittable=False,
            session_crosses="nights",  # the machine never stops: jobs run over midnight
        )
        for j in range(inst.n)
    ]
    return Scenario(
        name=inst.name,
        start=START,
        end=end,
        granularity_minutes=60,
        lead=Lead(calendar=calendar),
        mission=Mission(client="OR-Library", name=inst.name, max_tranches=inst.n, tasks=tasks),
        weights=Weights(lateness=1, partner_cost=0, coordination=0, fragmentation=0, overtime=0),
    )
