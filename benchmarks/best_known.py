"""Best-known values from long runs, kept with how and when each was found.

A suite's "gap to best known" within a run compares a contender with the best plan of that
same run, which flatters short runs (issue 15: a 10 s plan 2.5 times worse than the 120 s one
read as "at best known"). The store ``benchmarks/data/best_known.json`` keeps, per suite, size
and instance, the lowest objective of a valid plan any recorded run found (with the command,
contender, time limit, workers, git commit and date of the run that found it) and the highest
bound any recorded run proved. ``python -m benchmarks remember DIR`` merges a run's
``results.csv`` into it; reports state every gap against it as well as within the run.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

STORE = Path(__file__).resolve().parent / "data" / "best_known.json"
"""The store, in the repository."""


@dataclass(frozen=True)
class BestKnown:
    """The best plan recorded for one instance, and the best bound.

    Attributes
    ----------
    objective
        Lowest objective of a valid plan (checker: no violation) among the recorded runs.
    contender, time_limit, workers, seed, commit, found, command
        The run that found it: contender, seconds, CP-SAT workers, solver seed, the
        repository's git commit, the date (ISO) and the command.
    bound
        Highest lower bound proven by a recorded run (``None``: none).
    """

    objective: float
    contender: str
    time_limit: float
    workers: int
    seed: int
    commit: str
    found: str
    command: str
    bound: float | None = None

    @property
    def proven(self) -> bool:
        """True when a recorded bound meets the objective: it is the optimum."""
        return self.bound is not None and self.bound >= self.objective - 1e-6

    def how(self) -> str:
        """One line saying how and when it was found, for the reports."""
        return (
            f"{self.contender}, {self.time_limit:g} s, {self.workers} worker(s), "
            f"seed {self.seed}, git {self.commit}, {self.found}"
        )


def _key(suite: str, size: str, instance: int) -> str:
    return f"{suite}/{size}/{instance}"


def _read(path: Path) -> dict[str, dict[str, Any]]:
    if not path.exists():
        return {}
    data: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def load(suite: str, size: str, path: Path = STORE) -> dict[int, BestKnown]:
    """The stored best-known values of one suite and size, by instance."""
    prefix = f"{suite}/{size}/"
    return {
        int(key[len(prefix) :]): BestKnown(**entry)
        for key, entry in _read(path).items()
        if key.startswith(prefix)
    }


def _number(text: str | None) -> float | None:
    try:
        return None if text in (None, "") else float(text)  # type: ignore[arg-type]
    except ValueError:
        return None


def remember(
    results: Path,
    command: str,
    *,
    path: Path = STORE,
    commit: str | None = None,
    today: dt.date | None = None,
) -> list[str]:
    """Merge a run's ``results.csv`` into the store; return the keys that improved.

    A row counts when it holds a plan the checker accepted (``violations`` 0). Its objective
    replaces the stored one when lower (with the run's provenance); its bound replaces the
    stored bound when higher. ``command`` and ``commit`` say how the run was made (see
    :func:`provenance`) and are kept with the value.
    """
    store = _read(path)
    commit = commit or "unknown"
    found = (today or dt.date.today()).isoformat()
    changed: list[str] = []
    with results.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        key = _key(row["suite"], row["size"], int(row["instance"]))
        entry = store.get(key)
        objective = _number(row["objective"])
        bound = _number(row["bound"])
        valid = objective is not None and row.get("violations", "") == "0"
        if valid and objective is not None and (entry is None or objective < entry["objective"]):
            record = BestKnown(
                objective=objective,
                contender=row["contender"],
                time_limit=float(row["time_limit"]),
                workers=int(row["workers"]),
                seed=int(row["seed"]),
                commit=commit,
                found=found,
                command=command,
                bound=None if entry is None else entry.get("bound"),
            )
            entry = store[key] = asdict(record)
            changed.append(key)
        better = entry is not None and bound is not None
        if better and entry is not None and (entry.get("bound") is None or bound > entry["bound"]):
            entry["bound"] = bound
            if key not in changed:
                changed.append(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dict(sorted(store.items())), indent=2) + "\n", encoding="utf-8")
    return changed


def provenance(directory: Path) -> tuple[str, str | None]:
    """The command and git commit a results directory was made with (from ``results.md``).

    The commit reads ``abc1234+changes`` when the run's ``src/`` had uncommitted changes;
    ``("", None)`` when the directory has no report.
    """
    md = directory / "results.md"
    command, commit = "", None
    if md.exists():
        text = md.read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.startswith("- Command: `"):
                command = line.removeprefix("- Command: `").rstrip("`")
        found = re.search(r"repository at git ([0-9a-f]+)( with uncommitted changes)?", text)
        if found:
            commit = found.group(1) + ("+changes" if found.group(2) else "")
    return command, commit


def _gap(objective: float, reference: float) -> float:
    return 100.0 * (objective - reference) / max(abs(reference), 1)


def _cell(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def report_lines(
    rows: list[dict[str, str]], stored: dict[int, BestKnown], contenders: list[str]
) -> list[str]:
    """Markdown: every run's gap to the stored best-known value and bound, and per contender.

    Gap to stored best known % = 100 (objective − stored) / max(stored, 1) (negative when the
    run beats the store: remember it); gap to stored bound % = 100 (objective − bound) /
    objective.
    """
    if not stored:
        return [
            "",
            "No stored best-known value for these instances (`python -m benchmarks "
            "remember DIR` after a long run).",
            "",
        ]
    lines = [
        "",
        "Against the stored best-known values (`benchmarks/data/best_known.json`, "
        "from long runs; how and when each was found):",
        "",
    ]
    lines += [
        "| contender | plans | mean gap to stored best known % | "
        "max gap to stored best known % | within 1 % |",
        "|---|---:|---:|---:|---:|",
    ]
    for name in contenders:
        gaps = [
            _gap(float(r["objective"]), stored[int(r["instance"])].objective)
            for r in rows
            if r["contender"] == name and r["objective"] and int(r["instance"]) in stored
        ]
        if gaps:
            mean = sum(gaps) / len(gaps)
            within = sum(g <= 1.0 for g in gaps)
            lines.append(f"| {name} | {len(gaps)} | {mean:.2f} | {max(gaps):.2f} | {within} |")
    lines += [
        "",
        "| seed | contender | objective | stored best known | gap % | stored bound | "
        "gap to stored bound % | found by |",
        "|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    order = {c: k for k, c in enumerate(contenders)}
    for r in sorted(rows, key=lambda r: (int(r["instance"]), order.get(r["contender"], 99))):
        best = stored.get(int(r["instance"]))
        if best is None:
            continue
        objective = _number(r["objective"])
        gap = None if objective is None else _gap(objective, best.objective)
        to_bound = (
            None
            if objective is None or best.bound is None
            else 100.0 * max(0.0, objective - best.bound) / max(abs(objective), 1)
        )
        proven = " (optimum)" if best.proven else ""
        lines.append(
            f"| {r['instance']} | {r['contender']} | {_cell(objective)} | "
            f"{_cell(best.objective)}{proven} | {_cell(gap)} | {_cell(best.bound)} | "
            f"{_cell(to_bound)} | {best.how()} |"
        )
    lines.append("")
    return lines
