"""Time budgets and solver threads of the entry points, measured on the bundled examples.

Each call gets ``SolveSettings(time_limit=T, workers=W, parallel=P)``; the table reports its
wall time against the target ``1.1 x T + 0.5 s`` and the most threads the process ran above
its idle count while the call ran (sampled every 10 ms from ``/proc/self/status``), against
``W x P`` solver threads plus the thread pool's own ``P`` threads. Run::

    python -m benchmarks.budgets advise --limits 2 5 10 --workers 2 --parallel 1
    python -m benchmarks.budgets advise plan negotiate delegate spread --limits 5

and read the Markdown table it prints (also written to ``benchmarks/results/budgets.csv``).
"""

from __future__ import annotations

import argparse
import threading
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks.report import _table
from mission_planner import SolveSettings, advise, delegate, negotiate, plan, spread
from mission_planner.io import load_scenario

EXAMPLES = ("bundled.yaml", "story.yaml", "partners.yaml")
CALLS: dict[str, Callable[..., Any]] = {
    "plan": plan,
    "advise": advise,
    "negotiate": negotiate,
    "delegate": delegate,
    "spread": spread,
}
RESULTS = Path(__file__).resolve().parent / "results"


def _threads() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Threads:"):
                return int(line.split()[1])
    return threading.active_count()


class ThreadPeak:
    """The most threads of the process while the block runs (the sampler's own excluded)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()

    def __enter__(self) -> ThreadPeak:
        self.idle = _threads()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _threads() - 1)
            time.sleep(0.01)

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def extra(self) -> int:
        """Threads above the idle count."""
        return max(0, self.peak - self.idle)


def measure(call: str, example: str, settings: SolveSettings) -> dict[str, object]:
    """One call's wall time and thread peak."""
    scenario = load_scenario(Path(str(resources.files("mission_planner") / "examples" / example)))
    with ThreadPeak() as threads:
        t0 = time.perf_counter()
        CALLS[call](scenario, settings=settings)
        wall = time.perf_counter() - t0
    target = 1.1 * settings.time_limit + 0.5
    return {
        "call": call,
        "example": example,
        "time_limit": settings.time_limit,
        "workers": settings.workers,
        "parallel": settings.parallel,
        "wall": round(wall, 2),
        "target": round(target, 2),
        "within": wall <= target,
        "extra_threads": threads.extra,
        "thread_cap": settings.workers * settings.parallel + settings.parallel,
    }


def main(argv: list[str] | None = None) -> pd.DataFrame:
    """Measure the calls named on the command line and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("calls", nargs="+", choices=sorted(CALLS))
    parser.add_argument("--limits", nargs="+", type=float, default=[2.0, 5.0, 10.0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--parallel", type=int, default=1)
    parser.add_argument("--examples", nargs="+", default=list(EXAMPLES))
    args = parser.parse_args(argv)
    rows = [
        measure(
            call,
            example,
            SolveSettings(time_limit=t, workers=args.workers, parallel=args.parallel),
        )
        for call in args.calls
        for example in args.examples
        for t in args.limits
    ]
    table = pd.DataFrame(rows)
    RESULTS.mkdir(exist_ok=True)
    table.to_csv(RESULTS / "budgets.csv", index=False)
    header = [str(c) for c in table.columns]
    print("\n".join(_table(header, table.values.tolist())))
    return table


if __name__ == "__main__":
    main()
