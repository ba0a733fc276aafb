"""The Markdown summary of a results CSV: environment, one line per contender, ours vs each."""

from __future__ import annotations

import os
import platform
import statistics
import sys
from importlib.metadata import PackageNotFoundError, version
from typing import Any


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def machine() -> str:
    """CPU model, logical cores, memory and OS of this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB RAM"
    except (ValueError, OSError, AttributeError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} logical cores{memory}, {platform.system()} {platform.release()}"
    )


def source_state() -> str:
    """Where the imported ``mission_planner`` lives, a hash of its sources, and the git state.

    The library may be run from a copy (``PYTHONPATH=/copy/src``) to benchmark a fixed state of
    a working tree that keeps changing; the hash tells two states apart.
    """
    import hashlib
    import subprocess
    from pathlib import Path

    try:
        import mission_planner
    except ImportError:
        return "mission_planner not importable"
    package = Path(mission_planner.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    text = f"{package}, sources sha256 {digest.hexdigest()[:12]}"
    root = Path(__file__).resolve().parents[1]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return text
    return f"{text}; repository at git {commit}" + (
        " with uncommitted changes in src/" if changed else ""
    )


def versions() -> str:
    """Python and package versions, and the state of the library's source."""
    return (
        f"Python {platform.python_version()}, ortools {_version('ortools')}, "
        f"mission-planner {_version('mission-planner')} ({source_state()}), "
        f"pyjobshop {_version('pyjobshop')}"
    )


def _num(value: str) -> float | None:
    return float(value) if value not in ("", None) else None


def _f(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _v(value: float | None) -> str:
    """An objective or bound: every digit, no exponent."""
    if value is None:
        return "–"
    return f"{value:.0f}" if value == round(value) else f"{value:.2f}"


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def summarise(rows: list[dict[str, str]], contenders: list[str]) -> list[dict[str, Any]]:
    """Per contender: runs, solved, at reference, proven optimal, gaps, times, memory."""
    out = []
    for name in contenders:
        mine = [r for r in rows if r["contender"] == name]
        if not mine:
            continue
        solved = [r for r in mine if _num(r["objective"]) is not None]
        gaps = [float(r["gap_pct"]) for r in solved]
        out.append(
            {
                "contender": name,
                "runs": len(mine),
                "solved": len(solved),
                "at_reference": sum(float(r["objective"]) <= float(r["reference"]) for r in solved),
                "proven": sum(r["status"] == "optimal" for r in mine),
                "mean_gap": statistics.fmean(gaps) if gaps else None,
                "max_gap": max(gaps) if gaps else None,
                "median_time": _median(
                    [t for r in mine if (t := _num(r["total_time"])) is not None]
                ),
                "median_best": _median(
                    [t for r in mine if (t := _num(r["time_to_best"])) is not None]
                ),
                "max_rss": max(
                    (m for r in mine if (m := _num(r["peak_rss_mb"])) is not None), default=None
                ),
            }
        )
    return out


def _solved(row: dict[str, str] | None) -> bool:
    return row is not None and _num(row["objective"]) is not None


def compare(rows: list[dict[str, str]], ours: str, other: str) -> dict[str, Any] | None:
    """``ours`` against ``other``: objectives on the instances both solved, and who alone did."""
    by: dict[tuple[str, int], dict[str, str]] = {
        (r["contender"], int(r["instance"])): r for r in rows
    }
    both = {i for (c, i) in by if c == ours and (other, i) in by}
    common = sorted(i for i in both if _solved(by[(ours, i)]) and _solved(by[(other, i)]))
    only_ours = sum(_solved(by[(ours, i)]) and not _solved(by[(other, i)]) for i in both)
    only_other = sum(_solved(by[(other, i)]) and not _solved(by[(ours, i)]) for i in both)
    if not common and not only_ours and not only_other:
        return None
    a = [float(by[(ours, i)]["objective"]) for i in common]
    b = [float(by[(other, i)]["objective"]) for i in common]
    ta = [_num(by[(ours, i)]["total_time"]) or 0.0 for i in common]
    tb = [_num(by[(other, i)]["total_time"]) or 0.0 for i in common]
    return {
        "baseline": other,
        "instances": len(common),
        "better": sum(x < y for x, y in zip(a, b, strict=True)),
        "equal": sum(x == y for x, y in zip(a, b, strict=True)),
        "worse": sum(x > y for x, y in zip(a, b, strict=True)),
        "only_ours": only_ours,
        "only_other": only_other,
        "objective_ratio": sum(a) / sum(b) if sum(b) else None,
        "time_ratio": (statistics.median(ta) / statistics.median(tb))
        if tb and statistics.median(tb)
        else None,
    }


def comparison_lines(rows: list[dict[str, str]], contenders: list[str]) -> list[str]:
    """The "ours against each baseline" table (empty without ``ours`` or baselines)."""
    if "ours" not in contenders:
        return []
    pairs = [c for other in contenders if other != "ours" and (c := compare(rows, "ours", other))]
    if not pairs:
        return []
    lines = [
        "",
        "Ours against each baseline, on the instances both solved (objective ratio = "
        'Σ ours / Σ baseline; time ratio = median ours / median baseline); "only" = '
        "instances where one of the two found no plan:",
        "",
    ]
    header = ["baseline", "instances", "ours better", "equal", "ours worse", "only ours"]
    header += ["only baseline", "objective ratio", "time ratio"]
    body = [
        [
            c["baseline"],
            c["instances"],
            c["better"],
            c["equal"],
            c["worse"],
            c["only_ours"],
            c["only_other"],
            _f(c["objective_ratio"], 3),
            _f(c["time_ratio"], 2),
        ]
        for c in pairs
    ]
    return lines + _table(header, body)


CHECKPOINTS = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0)
"""Times (seconds) at which the gap-over-time table reads the incumbents."""


def gap_time_lines(
    rows: list[dict[str, str]], contenders: list[str], time_limit: float
) -> list[str]:
    """The mean primal gap over time per contender (:mod:`benchmarks.gaps`), as a table."""
    import numpy as np

    from benchmarks.gaps import mean_gaps

    times = [t for t in CHECKPOINTS if t < time_limit] + [float("inf")]
    curves = mean_gaps(rows, contenders, np.array(times))
    if not curves:
        return []
    lines = [
        "",
        "Mean primal gap % to the best known value over time (Berthold's: 100 |v − b| / "
        "max(|v|, |b|), 100 while a run has no valid plan; `python -m benchmarks plot DIR` "
        "draws it):",
        "",
    ]
    header = ["contender", *(f"{t:g} s" for t in times[:-1]), "end"]
    body = [[name, *(_f(float(g), 1) for g in gaps)] for name, gaps in curves.items()]
    return lines + _table(header, body)


def header_lines(title: str, command: str, time_limit: float, workers: int, seed: int) -> list[str]:
    """Title, command, machine, versions and settings."""
    return [
        f"# {title}",
        "",
        f"- Command: `{command}`",
        f"- Machine: {machine()}",
        f"- Versions: {versions()}",
        f"- Time limit {time_limit:g} s, {workers} worker(s), seed {seed}; each run in a fresh "
        "process, the contenders of an instance one after the other.",
    ]


def _table(header: list[str], body: list[list[Any]], align: str = "l" + "r" * 20) -> list[str]:
    """A Markdown table: first column left-aligned unless ``align`` says otherwise."""
    rule = ["---" if a == "l" else "---:" for a in align[: len(header)]]
    return [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(rule) + "|",
        *("| " + " | ".join(str(c) for c in row) + " |" for row in body),
    ]


def markdown(
    rows: list[dict[str, str]],
    *,
    title: str,
    command: str,
    time_limit: float,
    workers: int,
    seed: int,
    contenders: list[str],
) -> str:
    """The Markdown report of ``rows`` (all one size and one setting)."""
    indices = sorted({int(r["instance"]) for r in rows})
    lines = header_lines(title, command, time_limit, workers, seed)
    lines += [
        f"- Instances ({len(indices)}): {', '.join(map(str, indices))}",
        "- Reference: the optimum (wt40, wt50) or the best known value (wt100). "
        "Gap % = 100 (objective − reference) / max(reference, 1). "
        "Time = wall clock of the call, model building included; peak RSS = the run's process.",
        "",
    ]
    header = ["contender", "runs", "solved", "at reference", "proven optimal", "mean gap %"]
    header += ["max gap %", "median time s", "median time to best s", "max peak RSS MB"]
    body = [
        [
            s["contender"],
            s["runs"],
            s["solved"],
            s["at_reference"],
            s["proven"],
            _f(s["mean_gap"]),
            _f(s["max_gap"]),
            _f(s["median_time"]),
            _f(s["median_best"]),
            _f(s["max_rss"], 0),
        ]
        for s in summarise(rows, contenders)
    ]
    lines += _table(header, body)
    lines += comparison_lines(rows, contenders)
    lines += gap_time_lines(rows, contenders, time_limit)
    present = [c for c in contenders if any(r["contender"] == c for r in rows)]
    by = {(r["contender"], int(r["instance"])): r for r in rows}
    lines += [
        "",
        "Objective per instance (`*` = proven optimal by the contender, `–` = no solution):",
        "",
    ]
    body = []
    for i in indices:
        ref = next(r["reference"] for r in rows if int(r["instance"]) == i)
        cells: list[Any] = [i, ref]
        for c in present:
            r = by.get((c, i))
            if r is None:
                cells.append("")
            elif _num(r["objective"]) is None:
                cells.append(f"– ({r['status']})")
            else:
                cells.append(f"{float(r['objective']):g}{'*' if r['status'] == 'optimal' else ''}")
        body.append(cells)
    lines += _table(["instance", "reference", *present], body, align="r" * 20)
    lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- consultant
def _valid(row: dict[str, str]) -> bool:
    """A plan the checker accepts (or a contender the checker cannot read)."""
    return _num(row["objective"]) is not None and row.get("violations", "") in ("", "0")


def best_values(rows: list[dict[str, str]]) -> dict[int, tuple[float | None, float | None]]:
    """Per instance: the best known value (the lowest objective of a valid plan in ``rows`` or
    the row's reference plan) and the best bound (the highest bound proven in ``rows``)."""
    out: dict[int, tuple[float | None, float | None]] = {}
    for i in sorted({int(r["instance"]) for r in rows}):
        mine = [r for r in rows if int(r["instance"]) == i]
        values = [float(r["objective"]) for r in mine if _valid(r)]
        values += [v for r in mine if (v := _num(r.get("reference", ""))) is not None]
        bounds = [b for r in mine if (b := _num(r["bound"])) is not None]
        out[i] = (min(values) if values else None, max(bounds) if bounds else None)
    return out


def _gap_known(objective: float, best: float | None) -> float | None:
    return None if best is None else 100.0 * (objective - best) / max(abs(best), 1)


def _gap_bound(objective: float, bound: float | None) -> float | None:
    if bound is None:
        return None
    return 100.0 * max(0.0, objective - bound) / max(abs(objective), 1)


def consultant_summary(rows: list[dict[str, str]], contenders: list[str]) -> list[dict[str, Any]]:
    """Per contender: plans, valid plans, at the best known value, optimal, gaps, times."""
    best = best_values(rows)
    out = []
    for name in contenders:
        mine = [r for r in rows if r["contender"] == name]
        if not mine:
            continue
        plans = [r for r in mine if _num(r["objective"]) is not None]
        known = [
            g
            for r in plans
            if (g := _gap_known(float(r["objective"]), best[int(r["instance"])][0])) is not None
        ]
        bound = [
            g
            for r in plans
            if (g := _gap_bound(float(r["objective"]), best[int(r["instance"])][1])) is not None
        ]
        firsts = [t for r in plans if (t := _num(r["time_to_first"])) is not None]
        out.append(
            {
                "contender": name,
                "runs": len(mine),
                "plans": len(plans),
                "valid": sum(_valid(r) for r in plans),
                "violations": sum(int(_num(r.get("violations", "")) or 0) for r in plans),
                "at_best": sum(g <= 1e-9 for g in known),
                "proven": sum(r["status"] == "optimal" for r in mine),
                "mean_gap_known": statistics.fmean(known) if known else None,
                "max_gap_known": max(known) if known else None,
                "mean_gap_bound": statistics.fmean(bound) if bound else None,
                "median_time": _median(
                    [t for r in mine if (t := _num(r["total_time"])) is not None]
                ),
                "median_first": _median(firsts),
                "max_first": max(firsts) if firsts else None,
                "max_rss": max(
                    (m for r in mine if (m := _num(r["peak_rss_mb"])) is not None), default=None
                ),
            }
        )
    return out


def consultant_markdown(
    rows: list[dict[str, str]],
    *,
    title: str,
    command: str,
    time_limit: float,
    workers: int,
    seed: int,
    contenders: list[str],
    instances: dict[int, dict[str, Any]] | None = None,
) -> str:
    """The Markdown report of a consultant run (one size, one setting)."""
    indices = sorted({int(r["instance"]) for r in rows})
    best = best_values(rows)
    lines = header_lines(title, command, time_limit, workers, seed)
    lines += [
        f"- Instances ({len(indices)}): generator seeds {', '.join(map(str, indices))} "
        "(`benchmarks.generators`, feasible by construction).",
        "- Best known = the lowest objective of a valid plan in this run, or of the generator's "
        "reference plan; best bound = the highest lower bound proven in this run. "
        "Gap to best known % = 100 (objective − best known) / max(best known, 1); "
        "gap to best bound % = 100 (objective − best bound) / objective.",
        "- Time = wall clock of the call, model building included (scenario generation "
        "excluded); time to first = first plan known to the contender (ours: the heuristic's "
        "plan if it has one, else CP-SAT's first); peak RSS = the run's process; "
        "violations = `len(check(scenario, plan))`, must be 0.",
        "",
    ]
    header = ["contender", "runs", "plans", "valid", "violations", "at best known"]
    header += ["proven optimal", "mean gap to best known %", "max gap to best known %"]
    header += ["mean gap to best bound %", "median time s", "median time to first s"]
    header += ["max time to first s", "max peak RSS MB"]
    body = [
        [
            s["contender"],
            s["runs"],
            s["plans"],
            s["valid"],
            s["violations"],
            s["at_best"],
            s["proven"],
            _f(s["mean_gap_known"]),
            _f(s["max_gap_known"]),
            _f(s["mean_gap_bound"]),
            _f(s["median_time"]),
            _f(s["median_first"]),
            _f(s["max_first"]),
            _f(s["max_rss"], 0),
        ]
        for s in consultant_summary(rows, contenders)
    ]
    lines += _table(header, body)
    lines += comparison_lines(rows, contenders)
    lines += gap_time_lines(rows, contenders, time_limit)

    lines += ["", "Instances:", ""]
    header = ["seed", "start", "tasks", "partners", "commitments", "fill %", "mission h"]
    header += ["reference plan", "best known", "best bound"]
    body = []
    for i in indices:
        info = (instances or {}).get(i, {})
        ref = _num(next(r.get("reference", "") for r in rows if int(r["instance"]) == i))
        known, bound = best[i]
        body.append(
            [
                i,
                info.get("start", ""),
                info.get("tasks", ""),
                info.get("partners", ""),
                info.get("commitments", ""),
                _f(100 * info["fill"], 0) if "fill" in info else "",
                f"{info['mission_hours']:g}" if "mission_hours" in info else "",
                _v(ref),
                _v(known),
                _v(bound),
            ]
        )
    lines += _table(header, body, align="rl" + "r" * 20)

    lines += ["", "Runs:", ""]
    header = ["seed", "contender", "status", "objective", "bound", "gap to best known %"]
    header += ["gap to best bound %", "first s", "heuristic s", "CP-SAT first s", "total s"]
    header += ["model build s", "peak RSS MB", "violations", "error"]
    body = []
    order = {c: k for k, c in enumerate(contenders)}
    for r in sorted(rows, key=lambda r: (int(r["instance"]), order.get(r["contender"], 99))):
        i = int(r["instance"])
        objective = _num(r["objective"])
        body.append(
            [
                i,
                r["contender"],
                r["status"],
                _v(objective),
                _v(_num(r["bound"])),
                "–" if objective is None else _f(_gap_known(objective, best[i][0])),
                "–" if objective is None else _f(_gap_bound(objective, best[i][1])),
                _f(_num(r["time_to_first"])),
                _f(_num(r.get("heuristic_time", ""))),
                _f(_num(r.get("cpsat_first_time", ""))),
                _f(_num(r["total_time"])),
                _f(_num(r.get("build_time", ""))),
                _f(_num(r["peak_rss_mb"]), 0),
                r.get("violations", "") or "–",
                r.get("error", "").replace("|", "/"),
            ]
        )
    lines += _table(header, body, align="rll" + "r" * 20)
    lines.append("")
    return "\n".join(lines)


def command_line() -> str:
    """The command that is running, as typed (module form)."""
    args = sys.argv[1:]
    return "python -m benchmarks " + " ".join(args)
