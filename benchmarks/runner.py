"""Run contenders on instances, each run in a fresh child process, and collect CSV rows.

Every (instance, contender) run happens in a new ``spawn`` process so that its peak resident
memory (``resource.getrusage(...).ru_maxrss``, interpreter and imports included) is its own.
A run pool of ``jobs`` slots takes one instance at a time and runs its contenders one after the
other, so the contenders of an instance see the same machine conditions.
"""

from __future__ import annotations

import csv
import importlib
import multiprocessing as mp
import resource
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import orlib
from benchmarks.baselines._common import Outcome


@dataclass(frozen=True)
class Contender:
    """A solver to compare: ``module.solve(instance, time_limit, workers, seed) -> Outcome``."""

    name: str
    module: str
    description: str

    def available(self) -> tuple[bool, str]:
        """Whether it can run here, and why not."""
        try:
            mod = importlib.import_module(self.module)
        except ImportError as exc:
            return False, f"cannot import {self.module}: {exc}"
        if hasattr(mod, "available") and not mod.available():
            return False, f"{self.module}.available() is False (mission_planner.plan missing?)"
        if getattr(mod, "AVAILABLE", True) is False:
            return False, f"{self.module}: optional dependency not installed"
        return True, ""


CONTENDERS = {
    c.name: c
    for c in (
        Contender("ours", "benchmarks.ours", "mission_planner.plan on the scenario"),
        Contender(
            "dispatch", "benchmarks.baselines.dispatch", "best of EDD and ATC list scheduling"
        ),
        Contender("naive", "benchmarks.baselines.naive_cpsat", "afternoon CP-SAT model"),
        Contender("pyjobshop", "benchmarks.baselines.pyjobshop", "PyJobShop, one machine"),
    )
}

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
    "status",
    "time_to_first",
    "time_to_best",
    "total_time",
    "peak_rss_mb",
    "time_limit",
    "workers",
    "seed",
    "error",
]
RETRY_STATUSES = {"error", "timeout"}
"""Rows with these statuses are run again when a run is resumed."""


def gap_pct(objective: float | None, reference: int) -> float | None:
    """``100 * (objective - reference) / max(reference, 1)``: finite on zero-optimum instances."""
    if objective is None:
        return None
    return 100.0 * (objective - reference) / max(reference, 1)


# ---------------------------------------------------------------------------- child process
def _child(
    conn: Any, module: str, size: int, index: int, time_limit: float, workers: int, seed: int
) -> None:
    """Run one contender on one instance and send back ``(outcome dict or None, error, rss_mb)``."""
    error = ""
    payload = None
    try:
        solve: Callable[..., Outcome] = importlib.import_module(module).solve
        inst = orlib.instance(size, index)
        payload = solve(inst, time_limit=time_limit, workers=workers, seed=seed)._asdict()
    except Exception:
        error = traceback.format_exc(limit=5)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    conn.send((payload, error, rss_mb))
    conn.close()


def run_one(
    contender: Contender, inst: orlib.Instance, time_limit: float, workers: int, seed: int
) -> dict[str, Any]:
    """One CSV row: ``contender`` on ``inst`` in a fresh child process."""
    ctx = mp.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_child,
        args=(send, contender.module, inst.size, inst.index, time_limit, workers, seed),
        daemon=True,
    )
    proc.start()
    send.close()
    wall_limit = 3 * time_limit + 120
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
    objective = payload["objective"] if payload else None
    return {
        "suite": "orlib",
        "size": inst.size,
        "instance": inst.index,
        "contender": contender.name,
        "objective": objective,
        "reference": inst.reference,
        "reference_optimal": inst.optimal,
        "gap_pct": gap_pct(objective, inst.reference),
        "bound": payload["bound"] if payload else None,
        "status": status,
        "time_to_first": payload["time_to_first"] if payload else None,
        "time_to_best": payload["time_to_best"] if payload else None,
        "total_time": payload["total_time"] if payload else None,
        "peak_rss_mb": rss_mb,
        "time_limit": time_limit,
        "workers": workers,
        "seed": seed,
        "error": error.strip().splitlines()[-1] if error else "",
    }


# ---------------------------------------------------------------------------- CSV
def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.1f}"
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
    size: int,
    indices: list[int],
    contenders: list[Contender],
    time_limit: float,
    workers: int,
    seed: int,
    jobs: int = 1,
    log: Callable[[str], None] = print,
) -> list[dict[str, str]]:
    """Run the missing (instance, contender) rows into ``csv_path``; return all its rows.

    Rows already in the CSV are kept and skipped (resume), except those whose status is in
    :data:`RETRY_STATUSES`. A CSV written with another time limit, worker count or seed is
    refused, so one file never mixes settings.
    """
    existing = read_rows(csv_path)
    for row in existing:
        if (float(row["time_limit"]), int(row["workers"]), int(row["seed"])) != (
            float(time_limit),
            workers,
            seed,
        ) or int(row["size"]) != size:
            raise SystemExit(
                f"{csv_path} holds rows for size={row['size']} time_limit={row['time_limit']} "
                f"workers={row['workers']} seed={row['seed']}; use another --out for "
                f"size={size} time_limit={time_limit:g} workers={workers} seed={seed}"
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
        inst = orlib.instance(size, index)
        for contender in names:
            started = time.perf_counter()
            row = run_one(contender, inst, time_limit, workers, seed)
            with lock:
                append_row(csv_path, row)
                took = time.perf_counter() - started
                log(
                    f"{inst.name} {contender.name:9s} obj={_fmt(row['objective']) or '-':>8s} "
                    f"ref={inst.reference:<7d} status={row['status']:9s} ({took:.1f} s)"
                    + (f"  {row['error']}" if row["error"] else "")
                )

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for future in [pool.submit(work, i, cs) for i, cs in todo]:
            future.result()
    return read_rows(csv_path)
