"""PyJobShop (https://github.com/PyJobShop/PyJobShop), the closest open-source tool to ours.

The instance is modelled the way PyJobShop's documentation does it: one machine, one job per
OR-Library job with its weight and due date, one task per job with a single mode of duration
``p_j`` on the machine, and the objective ``weight_total_tardiness=1``.

PyJobShop is optional (``pip install pyjobshop``): :data:`AVAILABLE` is ``False`` when it is
not installed, and the CLI then skips this contender. PyJobShop's own ``solve`` returns no
solution times, so its CP-SAT model (``pyjobshop.solvers.ortools.CPModel``) is solved here with
the same parameters as ``Model.solve(time_limit=..., num_workers=...)`` plus the seed and a
solution callback; if that internal class is missing the public ``Model.solve`` is used and the
solution times are ``None``.
"""

from __future__ import annotations

import time
from importlib.metadata import PackageNotFoundError, version

from benchmarks.baselines._common import Outcome, solve_cpsat
from benchmarks.orlib import Instance

try:
    import pyjobshop
except ImportError:  # pragma: no cover - depends on the environment
    pyjobshop = None

AVAILABLE = pyjobshop is not None


def pyjobshop_version() -> str | None:
    """The installed PyJobShop version, or ``None``."""
    try:
        return version("pyjobshop")
    except PackageNotFoundError:
        return None


def build(inst: Instance):  # type: ignore[no-untyped-def]
    """The instance as a ``pyjobshop.Model``."""
    if pyjobshop is None:
        raise RuntimeError("pyjobshop is not installed (pip install pyjobshop)")
    model = pyjobshop.Model()
    machine = model.add_machine(name="machine")
    for j in range(inst.n):
        job = model.add_job(weight=inst.w[j], due_date=inst.d[j], name=f"job{j + 1}")
        task = model.add_task(job=job, name=f"task{j + 1}")
        model.add_mode(task, machine, duration=inst.p[j])
    model.set_objective(weight_total_tardiness=1)
    return model


def solve(inst: Instance, time_limit: float = 10.0, workers: int = 2, seed: int = 0) -> Outcome:
    """Solve the instance with PyJobShop's CP-SAT model."""
    t0 = time.perf_counter()
    model = build(inst)
    try:
        from pyjobshop.solvers.ortools import CPModel
    except ImportError:  # pragma: no cover - older or newer PyJobShop
        result = model.solve(
            solver="ortools",
            time_limit=time_limit,
            display=False,
            num_workers=workers,
            random_seed=seed,
        )
        found = result.status.value in ("Optimal", "Feasible")
        status = {"Optimal": "optimal", "Feasible": "feasible", "Infeasible": "infeasible"}.get(
            result.status.value, "unknown"
        )
        return Outcome(
            result.objective if found else None,
            result.lower_bound if found else None,
            status,
            None,
            None,
            time.perf_counter() - t0,
        )

    wrapper = CPModel(model.data())
    return solve_cpsat(wrapper.model, t0, time_limit, workers, seed)
