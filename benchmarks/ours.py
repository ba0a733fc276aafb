"""Our contender: :func:`mission_planner.plan` on :func:`benchmarks.orlib.to_scenario`."""

from __future__ import annotations

import inspect
import time
from typing import Any

from benchmarks.baselines._common import Outcome
from benchmarks.orlib import Instance, to_scenario


def available() -> bool:
    """True when ``mission_planner.plan`` exists."""
    import mission_planner

    return callable(getattr(mission_planner, "plan", None))


def solve(inst: Instance, time_limit: float = 10.0, workers: int = 2, seed: int = 0) -> Outcome:
    """Plan the instance's scenario; the objective is the library's (``sum w_j T_j`` here).

    The times to the first and best solution come from ``plan``'s ``progress`` callback (the
    heuristic's plan, then each better CP-SAT solution), measured like the baselines' from the
    start of this call; ``None`` if ``plan`` takes no such callback.
    """
    import mission_planner

    t0 = time.perf_counter()
    first: float | None = None
    best: float | None = None
    best_value: float | None = None

    def on_progress(event: Any) -> None:
        nonlocal first, best, best_value
        if event.objective is None:
            return
        now = time.perf_counter() - t0
        if first is None:
            first = now
        if best_value is None or event.objective < best_value:
            best, best_value = now, event.objective

    extra: dict[str, Any] = {}
    if "progress" in inspect.signature(mission_planner.plan).parameters:
        extra["progress"] = on_progress
    scenario = to_scenario(inst)
    result = mission_planner.plan(
        scenario, time_limit=time_limit, seed=seed, workers=workers, **extra
    )
    total = time.perf_counter() - t0
    status = getattr(result.status, "value", result.status)
    objective = None if result.objective is None else float(result.objective)
    if objective is not None and best_value is not None and objective < best_value:
        best = total  # the final plan is better than any reported one
    return Outcome(
        objective=objective,
        bound=None if result.bound is None else float(result.bound),
        status=str(status),
        time_to_first=first,
        time_to_best=best,
        total_time=total,
    )
