"""Where a sweep's solves run: any ``concurrent.futures.Executor``, local processes, or in turn.

A sweep hands :func:`run_all` a module-level function and its items (scenarios, settings and
hints: plain picklable data); each result (a list of
:class:`~mission_planner.result.PlanResult`) comes back in the order of the items.

* ``executor`` given: every item is submitted to it (a ``ProcessPoolExecutor``, a
  ``ThreadPoolExecutor``, Dask's ``Client.get_executor()``, ...). The caller owns it and shuts
  it down.
* ``executor=None``: local processes, ``parallel`` of them — by default as many as the cores
  this process may use divided by CP-SAT's ``workers`` — through a ``ProcessPoolExecutor``
  started with the ``forkserver`` method (``spawn`` where there is none). When that makes
  at most one process, or there is at most one item, the items run in turn in this process,
  with no pool at all.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Out = TypeVar("Out")


def available_cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def local_processes(parallel: int | None, workers: int, items: int) -> int:
    """How many local processes run ``items`` solves of ``workers`` CP-SAT workers each.

    Raises
    ------
    ValueError
        When ``parallel`` is not a positive integer.
    """
    if parallel is not None and (not isinstance(parallel, int) or parallel < 1):
        raise ValueError(f"parallel={parallel!r} must be a positive integer or None")
    wanted = parallel if parallel is not None else max(1, available_cores() // max(1, workers))
    return max(1, min(wanted, items))


def run_all(
    function: Callable[[Item], Out],
    items: Sequence[Item],
    *,
    executor: Executor | None,
    parallel: int | None,
    workers: int,
) -> list[Out]:
    """``function`` applied to every item, on ``executor`` or local processes (module docstring).

    Parameters
    ----------
    function
        A module-level function (it must pickle by reference).
    items
        Its arguments, one per call; they and the results must pickle.
    executor
        Where to run; ``None`` for local processes.
    parallel
        Local processes when ``executor`` is ``None``; ignored otherwise.
    workers
        CP-SAT workers of each solve, to size the local pool.

    Returns
    -------
    list
        The results, in the order of ``items``.
    """
    if executor is not None:
        futures = [executor.submit(function, item) for item in items]
        return [future.result() for future in futures]
    processes = local_processes(parallel, workers, len(items))
    if processes <= 1:
        return [function(item) for item in items]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        return list(pool.map(function, items))
