"""Our contender: :func:`mission_planner.plan` on :func:`benchmarks.orlib.to_scenario`."""

from __future__ import annotations

import inspect
import time
from typing import Any

from benchmarks.baselines._common import Outcome, improving
from benchmarks.orlib import Instance, to_scenario


def available() -> bool:
    """True when ``mission_planner.plan`` exists."""
    import mission_planner

    return callable(getattr(mission_planner, "plan", None))


def solve(inst: Instance, time_limit: float = 10.0, workers: int = 2, seed: int = 0) -> Outcome:
    """Plan the instance's scenario; the objective is the library's (``sum w_j T_j`` here).

    The times to the first and best solution and the trace come from ``plan``'s ``progress``
    callback (the heuristic's plan, then each better CP-SAT solution), measured like the
    baselines' from the start of this call; without such a callback, only the final plan.
    """
    import mission_planner

    t0 = time.perf_counter()
    points: list[tuple[float, float]] = []

    def on_progress(event: Any) -> None:
        if event.objective is not None:
            points.append((time.perf_counter() - t0, float(event.objective)))

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
    if objective is not None:
        points.append((total, objective))  # kept only if better than any reported plan
    trace = improving(points)
    return Outcome(
        objective=objective,
        bound=None if result.bound is None else float(result.bound),
        status=str(status),
        time_to_first=trace[0][0] if trace else None,
        time_to_best=trace[-1][0] if trace else None,
        total_time=total,
        trace=trace or None,
    )
