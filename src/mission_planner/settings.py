"""How long and how hard to solve: one settings object for every entry point.

:class:`SolveSettings` is accepted with the same meaning by :func:`~mission_planner.plan`,
each lever, :func:`~mission_planner.advise`, :func:`~mission_planner.explore` and the command
line. ``time_limit`` is a budget for the *whole call*, composite calls included: a call that
solves several plans shares it between them and stops on time (wall time at most about
1.1 x budget + 0.5 s, measured in ``benchmarks/``). ``workers x parallel`` is the most CP-SAT
threads a call runs at once; nothing nests a pool inside another.
"""

from __future__ import annotations

import math
import time
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from typing import Any

DEFAULT_TIME_LIMIT = 10.0
"""Seconds for a call when nothing is said."""


@dataclass(frozen=True)
class SolveSettings:
    """Solver settings of one call, validated once.

    Parameters
    ----------
    time_limit
        Seconds for the whole call, from the scenario in memory to the result.
    seed
        CP-SAT's random seed (and the local search's).
    workers
        CP-SAT search workers of one solve. With ``workers=1`` and a fixed seed, a solve that
        ends before its time is repeatable.
    parallel
        Independent solves a composite call (advise, a lever's analyses, explore) may run at
        once, in threads. At most ``workers * parallel`` solver threads run together.
    executor
        Where explore's sweeps run instead (processes, Dask, ...); ``None``: threads.
    """

    time_limit: float = DEFAULT_TIME_LIMIT
    seed: int = 0
    workers: int = 2
    parallel: int = 1
    executor: Executor | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        limit = self.time_limit
        if (
            isinstance(limit, bool)
            or not isinstance(limit, int | float)
            or not math.isfinite(limit)
            or limit <= 0
        ):
            raise ValueError(
                f"SolveSettings: time_limit={limit!r} must be a positive number of seconds"
            )
        for name in ("workers", "parallel"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"SolveSettings: {name}={value!r} must be a positive integer")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or self.seed < 0:
            raise ValueError(f"SolveSettings: seed={self.seed!r} must be a non-negative integer")
        if self.executor is not None and not isinstance(self.executor, Executor):
            raise ValueError(
                f"SolveSettings: executor={self.executor!r} must be a concurrent.futures.Executor"
            )

    @property
    def threads(self) -> int:
        """The most solver threads the call may run at once."""
        return self.workers * self.parallel

    def with_time(self, seconds: float) -> SolveSettings:
        """The same settings for a part of the call that has ``seconds`` left."""
        return replace(self, time_limit=max(0.05, seconds))


def settings_of(
    settings: SolveSettings | None = None,
    *,
    time_limit: float | None = None,
    seed: int | None = None,
    workers: int | None = None,
    parallel: int | None = None,
    default_time_limit: float = DEFAULT_TIME_LIMIT,
) -> SolveSettings:
    """``settings`` with the keyword shorthands applied (a shorthand given wins).

    Parameters
    ----------
    settings
        The settings object, or ``None`` for the defaults.
    time_limit, seed, workers, parallel
        Shorthands for the fields of the same name.
    default_time_limit
        The entry point's own default budget when neither ``settings`` nor ``time_limit``
        says one.
    """
    base = settings if settings is not None else SolveSettings(time_limit=default_time_limit)
    if not isinstance(base, SolveSettings):
        raise ValueError(f"settings={base!r} must be a SolveSettings")
    changes: dict[str, Any] = {
        name: value
        for name, value in (
            ("time_limit", time_limit),
            ("seed", seed),
            ("workers", workers),
            ("parallel", parallel),
        )
        if value is not None
    }
    return replace(base, **changes) if changes else base


@dataclass
class Clock:
    """The budget of one call: seconds ``left()`` from when it started.

    Composite calls hand each part the time it may use (:meth:`share`) and never start a
    part that cannot fit (:meth:`allows`).
    """

    budget: float
    started: float = field(default_factory=time.perf_counter)

    def elapsed(self) -> float:
        """Seconds since the call started."""
        return time.perf_counter() - self.started

    def left(self) -> float:
        """Seconds still available (never negative)."""
        return max(0.0, self.budget - self.elapsed())

    def share(self, fraction: float) -> float:
        """``fraction`` of what is left, in seconds."""
        return self.left() * fraction

    def allows(self, seconds: float) -> bool:
        """Whether ``seconds`` of work still fit in the budget."""
        return self.left() >= seconds

    @property
    def deadline(self) -> float:
        """The ``time.perf_counter()`` value at which the budget runs out."""
        return self.started + self.budget


MIN_SOLVE = 0.2
"""Seconds below which a composite call does not start another solve."""


__all__ = ["DEFAULT_TIME_LIMIT", "MIN_SOLVE", "Clock", "SolveSettings", "settings_of"]
