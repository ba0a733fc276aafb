"""Run the fuzzer: mutated scenario files and calendars through the loader, the planner and the CLI.

``python -m benchmarks fuzz [--scenarios N] [--calendars M] [--cli K] [--seed S] [--no-plan]
[--out DIR]`` writes the files tried to ``DIR/files/``, one CSV row per run to
``DIR/results.csv`` and the summary to ``DIR/results.md``: files tried, clean errors,
accepted-invalid (a file labelled invalid that loaded, or a hostile calendar event imported),
refused-valid, tracebacks, hangs (no answer in :data:`HANG_SECONDS`), runs over 1 GB and the
peak memory. In-process runs go through :mod:`benchmarks.fuzz.worker` (one long-lived process
with capped memory, restarted after a hang or a crash); the CLI sample runs
``python -m mission_planner plan FILE --time-limit 1 --workers 1`` in a fresh process each.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import selectors
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.fuzz.calendars import BAD, GOOD, calendar_mutants
from benchmarks.fuzz.mutations import ROOT, Mutant, mutants

HANG_SECONDS = 30.0
"""A run with no answer after this long is a hang (and is killed)."""
MEMORY_MB = 4096
"""Address-space cap of the worker and CLI processes (virtual memory, not resident)."""
OVER_MB = 1024.0
"""Resident memory above which a run counts as over 1 GB."""
CALENDAR_SCENARIO = ROOT / "tests" / "cli" / "data" / "short_mission.yaml"
COLUMNS = (
    "file", "part", "kind", "label", "outcome", "verdict", "seconds", "peak_mb", "planned",
    "violations", "error",
)  # fmt: skip


def _limit_memory() -> None:  # pragma: no cover - runs in the child before exec
    limit = MEMORY_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


@dataclass
class Worker:
    """The long-lived worker process, restarted when a request hangs or kills it."""

    process: subprocess.Popen[str] | None = None
    restarts: int = field(default=0)

    def ask(self, request: dict[str, Any], timeout: float = HANG_SECONDS) -> dict[str, Any]:
        """The worker's answer, or ``{"outcome": "hang"|"crash"}``."""
        if self.process is None or self.process.poll() is not None:
            self._start()
        assert self.process is not None and self.process.stdin and self.process.stdout
        started = time.perf_counter()
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            self.stop()
            return {"outcome": "crash", "error": "worker died"}
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        ready = selector.select(timeout)
        selector.close()
        if not ready:
            self.stop()
            return {"outcome": "hang", "seconds": round(time.perf_counter() - started, 1)}
        line = self.process.stdout.readline()
        if not line:
            code = self.process.wait()
            self.stop()
            return {"outcome": "crash", "error": f"worker exited with code {code}"}
        answer: dict[str, Any] = json.loads(line)
        return answer

    def _start(self) -> None:
        self.restarts += 1
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.fuzz.worker", str(MEMORY_MB)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=_env(),
            cwd=ROOT,
        )

    def stop(self) -> None:
        """Kill the worker (it is started again on the next request)."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def verdict_of_scenario(mutant: Mutant, answer: dict[str, Any]) -> str:
    """What the run shows: ``ok``, ``accepted-invalid``, ``refused-valid``, or the failure."""
    outcome = answer["outcome"]
    if outcome in ("traceback", "hang", "crash"):
        return outcome
    if answer.get("violations"):
        return "plan-rejected-by-checker"
    if outcome == "accepted" and not mutant.valid:
        return "accepted-invalid"
    if outcome == "refused" and mutant.valid:
        return "refused-valid"
    return "ok"


def verdict_of_calendar(expect: str, answer: dict[str, Any]) -> str:
    """``ok`` when the calendar did what its label says."""
    outcome = answer["outcome"]
    if outcome in ("traceback", "hang", "crash"):
        return outcome
    if expect == "refuse":
        return "ok" if outcome == "refused" else "accepted-invalid"
    if outcome == "refused":
        return "refused-valid"
    titles = answer.get("imported_titles", [])
    if expect == "skip":
        return "accepted-invalid" if any(BAD in t for t in titles) else "ok"
    malformed = [t for t, why in answer.get("skipped", []) if t == GOOD and "malformed" in why]
    return "refused-valid" if malformed else "ok"


def cli_verdict(mutant: Mutant, code: int | None, stderr: str) -> tuple[str, str]:
    """``(outcome, verdict)`` of one CLI run by its exit code."""
    if code is None:
        return "hang", "hang"
    if "Traceback" in stderr or code not in (0, 1, 2, 3):
        return "traceback", "traceback"
    outcome = "refused" if code == 2 else "accepted"
    return outcome, verdict_of_scenario(mutant, {"outcome": outcome})


def run(
    out: Path,
    *,
    scenarios: int,
    calendars: int,
    cli: int,
    seed: int = 0,
    plan: bool = True,
    progress: bool = True,
) -> list[dict[str, Any]]:
    """Run the fuzzer and write ``out/results.csv`` and ``out/results.md``; return the rows."""
    files = out / "files"
    files.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    worker = Worker()
    started = time.perf_counter()
    batch = list(mutants(scenarios, seed))
    try:
        for i, mutant in enumerate(batch):
            path = files / mutant.name
            path.write_text(mutant.text, encoding="utf-8")
            answer = worker.ask({"scenario": str(path), "plan": plan})
            rows.append(_row(mutant.name, "in-process", mutant.kind, mutant.valid, answer,
                             verdict_of_scenario(mutant, answer)))  # fmt: skip
            _say(progress, i, len(batch), rows[-1])
        for i, cal in enumerate(calendar_mutants(calendars, seed)):
            path = files / cal.name
            path.write_text(cal.text, encoding="utf-8")
            answer = worker.ask({"calendar": str(path), "scenario": str(CALENDAR_SCENARIO)})
            rows.append(_row(cal.name, "calendar", cal.kind, cal.expect, answer,
                             verdict_of_calendar(cal.expect, answer)))  # fmt: skip
            _say(progress, i, calendars, rows[-1])
    finally:
        worker.stop()
    for i, mutant in enumerate(batch[:cli]):
        rows.append(_cli_row(mutant, files / mutant.name))
        _say(progress, i, min(cli, len(batch)), rows[-1])
    _write(out, rows, time.perf_counter() - started, seed)
    return rows


def _row(
    name: str, part: str, kind: str, label: object, answer: dict[str, Any], verdict: str
) -> dict[str, Any]:
    shown = (
        {True: "valid", False: "invalid"}.get(label, label) if isinstance(label, bool) else label
    )
    return {
        "file": name,
        "part": part,
        "kind": kind,
        "label": shown,
        "outcome": answer["outcome"],
        "verdict": verdict,
        "seconds": answer.get("seconds", ""),
        "peak_mb": answer.get("peak_mb", ""),
        "planned": answer.get("planned", ""),
        "violations": answer.get("violations", ""),
        "error": " ".join(str(answer.get("error", "")).split())[:200],
    }


_CLI = """\
import atexit, os, sys
from benchmarks.fuzz.worker import peak_mb
atexit.register(lambda: open(os.environ["FUZZ_PEAK_FILE"], "w").write(str(peak_mb())))
from mission_planner.cli import main
sys.exit(main(sys.argv[1:]))
"""
"""The CLI run by the sample, writing its peak resident memory when it exits."""


def _cli_row(mutant: Mutant, path: Path) -> dict[str, Any]:
    peak_file = path.with_suffix(".peak")
    command = [sys.executable, "-c", _CLI, "plan", str(path), "--quiet",
               "--time-limit", "1", "--workers", "1"]  # fmt: skip
    env = {**_env(), "FUZZ_PEAK_FILE": str(peak_file)}
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=HANG_SECONDS, env=env, cwd=ROOT,
            preexec_fn=_limit_memory,  # the parent runs no threads
        )  # fmt: skip
        code: int | None = done.returncode
        stderr = done.stderr
    except subprocess.TimeoutExpired:
        code, stderr = None, ""
    outcome, verdict = cli_verdict(mutant, code, stderr)
    answer = {
        "outcome": outcome,
        "seconds": round(time.perf_counter() - started, 2),
        "error": stderr.strip().splitlines()[-1] if stderr.strip() else f"exit {code}",
        "peak_mb": round(float(peak_file.read_text()), 1) if peak_file.exists() else "",
    }
    peak_file.unlink(missing_ok=True)
    return _row(mutant.name, "cli", mutant.kind, mutant.valid, answer, verdict)


def _say(progress: bool, i: int, total: int, row: dict[str, Any]) -> None:
    if progress and (row["verdict"] != "ok" or i % 50 == 0):
        print(f"[{row['part']} {i + 1}/{total}] {row['file']}: {row['verdict']} "
              f"{row['error'][:100]}", file=sys.stderr, flush=True)  # fmt: skip


def summary(rows: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Counts per part (in-process, calendar, cli) and in all."""
    table: dict[str, dict[str, Any]] = {}
    for row in rows:
        for part in (row["part"], "all"):
            counts = table.setdefault(
                part,
                {"files": 0, "clean errors": 0, "accepted": 0, "accepted-invalid": 0,
                 "refused-valid": 0, "tracebacks": 0, "hangs": 0, "crashes": 0,
                 "plan rejected by checker": 0, "over 1 GB": 0, "peak MB": 0.0},
            )  # fmt: skip
            counts["files"] += 1
            counts["clean errors"] += row["outcome"] == "refused"
            counts["accepted"] += row["outcome"] == "accepted"
            counts["accepted-invalid"] += row["verdict"] == "accepted-invalid"
            counts["refused-valid"] += row["verdict"] == "refused-valid"
            counts["tracebacks"] += row["verdict"] == "traceback"
            counts["hangs"] += row["verdict"] == "hang"
            counts["crashes"] += row["verdict"] == "crash"
            counts["plan rejected by checker"] += row["verdict"] == "plan-rejected-by-checker"
            peak = float(row["peak_mb"] or 0)
            counts["over 1 GB"] += peak > OVER_MB
            counts["peak MB"] = max(counts["peak MB"], peak)
    return table


def _write(out: Path, rows: list[dict[str, Any]], seconds: float, seed: int) -> None:
    with (out / "results.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    table = summary(rows)
    heads = list(next(iter(table.values())))
    lines = [
        f"# Fuzzing run (seed {seed}, {seconds:.0f} s)",
        "",
        "| part | " + " | ".join(heads) + " |",
        "|---|" + "---:|" * len(heads),
    ]
    for part, counts in table.items():
        cells = [f"{v:.0f}" if isinstance(v, float) else str(v) for v in counts.values()]
        lines.append(f"| {part} | " + " | ".join(cells) + " |")
    bad = [r for r in rows if r["verdict"] != "ok"]
    if bad:
        lines += ["", "Findings:", ""]
        lines += [f"- {r['part']} {r['file']}: {r['verdict']}: {r['error']}" for r in bad[:50]]
    (out / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


__all__ = ["HANG_SECONDS", "MEMORY_MB", "Worker", "run", "summary"]
