"""Where a sweep's chains run: the settings' executor, a thread pool, or in turn.

A sweep hands :func:`run_all` a module-level function and at most ``parallel`` items (chains:
plain picklable data); each result comes back in the order of the items.

* ``executor`` given (``SolveSettings.executor``): every item is submitted to it (a
  ``ProcessPoolExecutor``, a ``ThreadPoolExecutor``, Dask's ``Client.get_executor()``, ...).
  The caller owns it and shuts it down.
* ``executor=None``: a thread pool of one thread per item (CP-SAT releases the GIL while it
  searches); with one item, it runs in this thread, with no pool at all.

Since a sweep never hands over more items than ``parallel``, at most ``parallel`` solves run
at once, each with ``workers`` CP-SAT threads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Out = TypeVar("Out")


def run_all(
    function: Callable[[Item], Out], items: Sequence[Item], *, executor: Executor | None
) -> list[Out]:
    """``function`` applied to every item, at once, on ``executor`` or in threads.

    Parameters
    ----------
    function
        A module-level function (it must pickle by reference for a process or Dask executor).
    items
        Its arguments, one per call; they and the results must pickle for such executors.
    executor
        Where to run; ``None`` for threads of this process (none for a single item).

    Returns
    -------
    list
        The results, in the order of ``items``.
    """
    if executor is not None:
        futures = [executor.submit(function, item) for item in items]
        return [future.result() for future in futures]
    if len(items) <= 1:
        return [function(item) for item in items]
    with ThreadPoolExecutor(max_workers=len(items), thread_name_prefix="explore") as pool:
        return list(pool.map(function, items))


__all__ = ["run_all"]
