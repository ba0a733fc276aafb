"""Run contenders on instances, each run in a fresh child process, and collect CSV rows.

Every (instance, contender) run happens in a new ``spawn`` process so that its peak resident
memory (``resource.getrusage(...).ru_maxrss``, interpreter and imports included) is its own.
A run pool of ``jobs`` slots takes one instance at a time and runs its contenders one after the
other, so the contenders of an instance see the same machine conditions.
"""

from __future__ import annotations

import csv
import multiprocessing as mp
import resource
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks.baselines._common import Outcome
from benchmarks.suites import SUITES, Contender, Suite, resolve

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


# ---------------------------------------------------------------------------- child process
def _child(
    conn: Any,
    suite: str,
    target: str,
    size: str,
    index: int,
    time_limit: float,
    workers: int,
    seed: int,
) -> None:
    """Run one contender on one instance and send back ``(outcome dict or None, error, rss_mb)``."""
    error = ""
    payload = None
    try:
        solve: Callable[..., Outcome] = resolve(target)
        inst = SUITES[suite].load(size, index, reference=False)
        payload = solve(inst, time_limit=time_limit, workers=workers, seed=seed)._asdict()
    except Exception:
        error = traceback.format_exc(limit=5)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    conn.send((payload, error, rss_mb))
    conn.close()


def run_one(
    suite: Suite,
    contender: Contender,
    inst: Any,
    time_limit: float,
    workers: int,
    seed: int,
) -> dict[str, Any]:
    """One CSV row: ``contender`` on ``inst`` (an instance of ``suite``) in a fresh process."""
    ctx = mp.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_child,
        args=(
            send,
            suite.name,
            contender.target,
            str(inst.size),
            inst.index,
            time_limit,
            workers,
            seed,
        ),
        daemon=True,
    )
    proc.start()
    send.close()
    wall_limit = 3 * time_limit + WALL_MARGIN
    payload: dict[str, Any] | None = None
    error = ""
    rss_mb: float | None = None
    if receive.poll(wall_limit):
        try:
            payload, error, rss_mb = receive.recv()
        except EOFError:
            error = f"child process died (exit code {proc.exitcode})"
    else:
        error = f"no answer after {wall_limit:g} s"
    proc.join(5)
    if proc.is_alive():
        proc.kill()
        proc.join()
    if payload is None and not error:
        error = f"child process died (exit code {proc.exitcode})"
    status = (
        payload["status"] if payload else ("timeout" if error.startswith("no answer") else "error")
    )
    got = payload or {}
    objective = got.get("objective")
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
    }


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
) -> list[dict[str, str]]:
    """Run the missing (instance, contender) rows into ``csv_path``; return all its rows.

    Rows already in the CSV are kept and skipped (resume), except those whose status is in
    :data:`RETRY_STATUSES`. A CSV written for another suite, size, time limit, worker count or
    seed is refused, so one file never mixes settings.
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

    def work(index: int, names: list[Contender]) -> None:
        inst = suite.load(size, index, reference=True)
        reference = "-" if inst.reference is None else _fmt(float(inst.reference))
        for contender in names:
            started = time.perf_counter()
            row = run_one(suite, contender, inst, time_limit, workers, seed)
            with lock:
                append_row(csv_path, row)
                took = time.perf_counter() - started
                violations = "" if row["violations"] is None else f" violations={row['violations']}"
                log(
                    f"{inst.name} {contender.name:10s} obj={_fmt(row['objective']) or '-':>10s} "
                    f"ref={reference:<10s} status={row['status']:9s}{violations} ({took:.1f} s)"
                    + (f"  {row['error']}" if row["error"] else "")
                )

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for future in [pool.submit(work, i, cs) for i, cs in todo]:
            future.result()
    return read_rows(csv_path)
