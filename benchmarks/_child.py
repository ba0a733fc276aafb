"""One benchmark run in a fresh interpreter: ``python -m benchmarks._child REQUEST ANSWER``.

``REQUEST`` is a JSON object (``loader`` and ``target`` as ``"module:function"``, ``size``,
``index``, ``time_limit``, ``workers``, ``seed``). The answer is written as JSON to the file
``ANSWER``: the contender's :class:`~benchmarks.baselines._common.Outcome` as a dict (or
``null``), the error's traceback (or ``""``) and this process's peak resident memory in MB
(:func:`peak_rss_mb`). Started by :func:`benchmarks.runner.run_one`.
"""

from __future__ import annotations

import json
import resource
import sys
import traceback
from pathlib import Path
from typing import Any

from benchmarks.suites import resolve


def _plain(value: Any) -> Any:
    """JSON for the numpy scalars an outcome may hold."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"cannot write {type(value).__name__} {value!r} as JSON")


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB: ``VmHWM`` of ``/proc/self/status``.

    Not ``getrusage(RUSAGE_SELF).ru_maxrss``: Linux carries the parent's peak over the
    ``fork`` + ``exec`` that starts this process, so that figure is at least the parent's
    resident memory (the benchmark runner's, about 110 MB) whatever the run used. Falls back to
    it where ``/proc`` is missing.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main(argv: list[str]) -> int:
    """Run the request ``argv[0]`` and write the answer to the file ``argv[1]``."""
    request = json.loads(argv[0])
    payload = None
    error = ""
    try:
        solve = resolve(request["target"])
        inst = resolve(request["loader"])(request["size"], request["index"], reference=False)
        outcome = solve(
            inst,
            time_limit=request["time_limit"],
            workers=request["workers"],
            seed=request["seed"],
        )
        payload = outcome._asdict()
    except Exception:
        error = traceback.format_exc(limit=5)
    answer = {"payload": payload, "error": error, "rss_mb": peak_rss_mb()}
    Path(argv[1]).write_text(json.dumps(answer, default=_plain), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
