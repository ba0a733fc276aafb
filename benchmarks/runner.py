"""Run contenders on instances, each run in a fresh child process, and collect CSV rows.

Every (instance, contender) run happens in a new interpreter (:mod:`benchmarks._child`) so that
its peak resident memory (``resource.getrusage(...).ru_maxrss``, interpreter and imports
included) is its own. A run pool of ``jobs`` slots (or any ``concurrent.futures.Executor``)
takes one instance at a time and runs its contenders one after the other, so the contenders of
an instance see the same machine conditions.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from benchmarks.suites import SUITES, Contender, Suite

CONTENDERS = SUITES["orlib"].contenders
"""The OR-Library suite's contenders (kept for callers of the first version)."""

COLUMNS = [
    "suite",
    "size",
    "instance",
    "contender",
    "objective",
    "reference",
    "reference_optimal",
    "gap_pct",
    "bound",
    "own_gap_pct",
    "status",
    "violations",
    "time_to_first",
    "time_to_best",
    "total_time",
    "heuristic_time",
    "cpsat_first_time",
    "build_time",
    "peak_rss_mb",
    "time_limit",
    "workers",
    "seed",
    "error",
    "trace",
]
RETRY_STATUSES = {"error", "timeout"}
"""Rows with these statuses are run again when a run is resumed."""
WALL_MARGIN = 300.0
"""A run is abandoned after ``3 * time_limit + WALL_MARGIN`` seconds (status ``timeout``)."""


def gap_pct(objective: float | None, reference: float | None) -> float | None:
    """``100 * (objective - reference) / max(reference, 1)``: finite on zero-optimum instances."""
    if objective is None or reference is None:
        return None
    return 100.0 * (objective - reference) / max(reference, 1)


def own_gap_pct(objective: float | None, bound: float | None) -> float | None:
    """``100 * (objective - bound) / max(objective, 1)``: the gap a run proves on its own."""
    if objective is None or bound is None:
        return None
    return 100.0 * max(0.0, objective - bound) / max(abs(objective), 1)


# ---------------------------------------------------------------------------- one run
def child_env() -> dict[str, str]:
    """The environment of a run's process: this one's, with the repository root (the parent of
    the ``benchmarks`` package) first on ``PYTHONPATH`` so that the child imports the same
    ``benchmarks`` (and, through an inherited ``PYTHONPATH``, the same ``mission_planner``)."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


def run_one(
    suite: Suite,
    contender: Contender,
    inst: Any,
    time_limit: float,
    workers: int,
    seed: int,
) -> dict[str, Any]:
    """One CSV row: ``contender`` on ``inst`` (an instance of ``suite``) in a fresh process.

    The process is a new interpreter (``python -m benchmarks._child``, not ``multiprocessing``),
    so a run can be started from any executor's worker, daemonic or not; it is killed after
    ``3 * time_limit + WALL_MARGIN`` seconds.
    """
    request = {
        "loader": suite.loader,
        "target": contender.target,
        "size": str(inst.size),
        "index": inst.index,
        "time_limit": time_limit,
        "workers": workers,
        "seed": seed,
    }
    wall_limit = 3 * time_limit + WALL_MARGIN
    payload: dict[str, Any] | None = None
    error = ""
    rss_mb: float | None = None
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="benchmarks-run-") as tmp:
        answer = Path(tmp) / "answer.json"
        command = [sys.executable, "-m", "benchmarks._child", json.dumps(request), str(answer)]
        try:
            done = subprocess.run(
                command, env=child_env(), capture_output=True, text=True, timeout=wall_limit
            )
        except subprocess.TimeoutExpired:
            error = f"no answer after {wall_limit:g} s"
        else:
            if answer.exists():
                got = json.loads(answer.read_text(encoding="utf-8"))
                payload, error, rss_mb = got["payload"], got["error"], got["rss_mb"]
            else:
                last = (done.stderr.strip().splitlines() or [""])[-1]
                error = f"child process died (exit code {done.returncode}) {last}".strip()
    status = (
        payload["status"] if payload else ("timeout" if error.startswith("no answer") else "error")
    )
    got = payload or {}
    objective = got.get("objective")
    trace = got.get("trace")
    return {
        "suite": suite.name,
        "size": inst.size,
        "instance": inst.index,
        "contender": contender.name,
        "objective": objective,
        "reference": inst.reference,
        "reference_optimal": inst.optimal,
        "gap_pct": gap_pct(objective, inst.reference) if inst.gap_reference else None,
        "bound": got.get("bound"),
        "own_gap_pct": own_gap_pct(objective, got.get("bound")),
        "status": status,
        "violations": got.get("violations"),
        "time_to_first": got.get("time_to_first"),
        "time_to_best": got.get("time_to_best"),
        "total_time": got.get("total_time"),
        "heuristic_time": got.get("heuristic_time"),
        "cpsat_first_time": got.get("cpsat_first_time"),
        "build_time": got.get("build_time"),
        "peak_rss_mb": rss_mb,
        "time_limit": time_limit,
        "workers": workers,
        "seed": seed,
        "error": error.strip().splitlines()[-1] if error else "",
        "trace": format_trace(trace),
        "wall_time": time.perf_counter() - started,
    }


def format_trace(trace: Any) -> str:
    """The CSV text of a trace: JSON ``[[seconds, objective], ...]`` (``""`` if none), times to
    0.1 ms, objectives with the digits of the ``objective`` column."""
    if not trace:
        return ""
    return json.dumps([[round(float(t), 4), float(_fmt(float(v)))] for t, v in trace])


def parse_trace(text: str | None) -> list[tuple[float, float]]:
    """The trace of a CSV row (empty if none was recorded)."""
    if not text:
        return []
    return [(float(t), float(v)) for t, v in json.loads(text)]


def run_instance(
    suite: Suite,
    size: str,
    index: int,
    contenders: list[Contender],
    time_limit: float,
    workers: int,
    seed: int,
    on_row: Callable[[dict[str, Any]], None] | None = None,
) -> list[dict[str, Any]]:
    """The rows of ``contenders`` run one after the other on instance ``index``.

    The task an executor runs (module-level, its arguments picklable): each run is still its
    own fresh process. ``on_row`` sees each row as soon as it is there.
    """
    inst = suite.load(size, index, reference=True)
    rows = []
    for contender in contenders:
        row = run_one(suite, contender, inst, time_limit, workers, seed)
        row["name"] = inst.name
        if on_row is not None:
            on_row(row)
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------- CSV
def _fmt(value: Any) -> str:
    """CSV text: objectives keep every digit (they are multiples of 1/60), times 6 figures."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value == round(value, 4):
            return f"{value:.12g}"
        return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.4f}"
    return str(value)


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a results CSV (empty if the file does not exist)."""
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    """Write a results CSV from scratch."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _fmt(row.get(k)) for k in COLUMNS})


def append_row(path: Path, row: dict[str, Any]) -> None:
    """Append one row (the file exists with its header)."""
    with path.open("a", newline="", encoding="utf-8") as handle:
        csv.DictWriter(handle, fieldnames=COLUMNS).writerow({k: _fmt(row.get(k)) for k in COLUMNS})


# ---------------------------------------------------------------------------- the suite
def run_suite(
    csv_path: Path,
    size: int | str,
    indices: list[int],
    contenders: list[Contender],
    time_limit: float,
    workers: int,
    seed: int,
    jobs: int = 1,
    log: Callable[[str], None] = print,
    suite: Suite | str = "orlib",
    executor: Executor | None = None,
) -> list[dict[str, str]]:
    """Run the missing (instance, contender) rows into ``csv_path``; return all its rows.

    Rows already in the CSV are kept and skipped (resume), except those whose status is in
    :data:`RETRY_STATUSES`. A CSV written for another suite, size, time limit, worker count or
    seed is refused, so one file never mixes settings.

    Each instance is one task, :func:`run_instance`, whose runs are each a fresh process. By
    default ``jobs`` threads run the tasks and each row is written as soon as its run ends.
    With ``executor`` (any :class:`concurrent.futures.Executor`: a process pool, or a Dask
    ``client.get_executor()``), the tasks are submitted to it and ``jobs`` is ignored; an
    instance's rows are written when its task ends. The executor's workers must be able to
    import ``benchmarks`` and ``mission_planner`` (same paths, same environment).
    """
    suite = SUITES[suite] if isinstance(suite, str) else suite
    size = str(size)
    existing = read_rows(csv_path)
    for row in existing:
        if (
            row.get("suite", suite.name) != suite.name
            or row["size"] != size
            or (float(row["time_limit"]), int(row["workers"]), int(row["seed"]))
            != (float(time_limit), workers, seed)
        ):
            raise SystemExit(
                f"{csv_path} holds rows for suite={row.get('suite')} size={row['size']} "
                f"time_limit={row['time_limit']} workers={row['workers']} seed={row['seed']}; "
                f"use another --out for suite={suite.name} size={size} "
                f"time_limit={time_limit:g} workers={workers} seed={seed}"
            )
    kept = [r for r in existing if r["status"] not in RETRY_STATUSES]
    done = {(int(r["instance"]), r["contender"]) for r in kept}
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    write_rows(csv_path, kept)

    lock = threading.Lock()
    todo = [(index, [c for c in contenders if (index, c.name) not in done]) for index in indices]
    todo = [(i, cs) for i, cs in todo if cs]
    skipped = len(indices) * len(contenders) - sum(len(cs) for _, cs in todo)
    if skipped:
        log(f"resume: {skipped} row(s) already in {csv_path}")

    def record(row: dict[str, Any]) -> None:
        with lock:
            append_row(csv_path, row)
            violations = "" if row["violations"] is None else f" violations={row['violations']}"
            reference = "-" if row["reference"] is None else _fmt(float(row["reference"]))
            log(
                f"{row['name']} {row['contender']:10s} obj={_fmt(row['objective']) or '-':>10s} "
                f"ref={reference:<10s} status={row['status']:9s}{violations} "
                f"({row['wall_time']:.1f} s)" + (f"  {row['error']}" if row["error"] else "")
            )

    settings = (time_limit, workers, seed)
    if executor is None:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = [
                pool.submit(run_instance, suite, size, i, cs, *settings, on_row=record)
                for i, cs in todo
            ]
            for future in futures:
                future.result()
    else:
        futures = [executor.submit(run_instance, suite, size, i, cs, *settings) for i, cs in todo]
        for future in as_completed(futures):
            for row in future.result():
                record(row)
    return read_rows(csv_path)
