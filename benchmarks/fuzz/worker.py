"""The fuzzer's worker process: ``python -m benchmarks.fuzz.worker MEMORY_MB``.

Reads one JSON request per line on standard input, answers one JSON line on standard output:

* ``{"scenario": PATH, "plan": true|false}``: load the file with ``Scenario.from_file``; when it
  loads and ``plan`` is true, plan it (``time_limit=1, workers=1, seed=0``) and check the plan;
* ``{"calendar": PATH, "scenario": PATH}``: import the calendar into the scenario.

Answer: ``outcome`` (``"accepted"``, ``"refused"`` for our ``InputError``, ``"traceback"`` for
any other exception), ``error`` (the message or the traceback's last lines), ``planned``
(the plan's status), ``violations`` (the checker's count), ``imported_titles`` (calendar:
titles of the blocks and time off made), ``skipped`` (calendar: titles and reasons), ``seconds``
and ``peak_mb`` (this process's peak resident memory during the request: ``VmHWM`` is reset
through ``/proc/self/clear_refs`` before each request). The address space is capped at
``MEMORY_MB`` with ``resource.setrlimit``, so a runaway allocation is a ``MemoryError`` here.
"""

from __future__ import annotations

import json
import resource
import sys
import time
import traceback
from typing import Any


def peak_mb() -> float:
    """Peak resident memory since the last reset, in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> None:
    """Restart the peak resident memory count (Linux ``clear_refs``; else nothing)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
    except OSError:
        pass


def handle(request: dict[str, Any]) -> dict[str, Any]:
    """Run one request (see the module's description)."""
    from mission_planner import Scenario, check, plan
    from mission_planner.errors import InputError
    from mission_planner.io import import_calendar

    answer: dict[str, Any] = {"outcome": "accepted", "error": ""}
    try:
        scenario = Scenario.from_file(request["scenario"])
        if "calendar" in request:
            found = import_calendar(scenario, [request["calendar"]])
            answer["imported_titles"] = sorted(
                {b.title for b in found.fixed_blocks} | {t.reason for t in found.time_off}
            )
            answer["skipped"] = [[e.summary, why] for e, why in found.skipped]
        elif request.get("plan"):
            result = plan(scenario, time_limit=1, workers=1, seed=0)
            answer["planned"] = result.status.value
            answer["violations"] = len(check(scenario, result)) if result.has_plan else 0
    except InputError as exc:
        answer.update(outcome="refused", error=exc.report()[:500])
    except Exception as exc:  # MemoryError, RecursionError, OverflowError...: a finding
        answer.update(
            outcome="traceback",
            error=f"{type(exc).__name__}: {exc}"[:300],
            where="".join(traceback.format_exc(limit=-3).splitlines(keepends=True)[-6:]),
        )
    return answer


def main(argv: list[str]) -> int:
    limit = int(argv[0]) * 1024 * 1024 if argv else None
    if limit is not None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import mission_planner  # noqa: F401  (imported before timing the first request)

    for line in sys.stdin:
        request = json.loads(line)
        reset_peak()
        started = time.perf_counter()
        answer = handle(request)
        answer["seconds"] = round(time.perf_counter() - started, 3)
        answer["peak_mb"] = round(peak_mb(), 1)
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
