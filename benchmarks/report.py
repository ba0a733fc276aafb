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


def versions() -> str:
    """Python and package versions."""
    return (
        f"Python {platform.python_version()}, ortools {_version('ortools')}, "
        f"mission-planner {_version('mission-planner')}, pyjobshop {_version('pyjobshop')}"
    )


def _num(value: str) -> float | None:
    return float(value) if value not in ("", None) else None


def _f(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


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


def compare(rows: list[dict[str, str]], ours: str, other: str) -> dict[str, Any] | None:
    """``ours`` against ``other`` on the instances both solved."""
    by: dict[tuple[str, int], dict[str, str]] = {
        (r["contender"], int(r["instance"])): r for r in rows
    }
    common = sorted(
        i
        for (c, i) in by
        if c == ours
        and (other, i) in by
        and _num(by[(ours, i)]["objective"]) is not None
        and _num(by[(other, i)]["objective"]) is not None
    )
    if not common:
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
        "objective_ratio": sum(a) / sum(b) if sum(b) else None,
        "time_ratio": (statistics.median(ta) / statistics.median(tb))
        if statistics.median(tb)
        else None,
    }


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
    lines = [
        f"# {title}",
        "",
        f"- Command: `{command}`",
        f"- Machine: {machine()}",
        f"- Versions: {versions()}",
        f"- Time limit {time_limit:g} s, {workers} worker(s), seed {seed}; each run in a fresh "
        "process, the contenders of an instance one after the other.",
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
    if "ours" in contenders:
        pairs = [
            c for other in contenders if other != "ours" and (c := compare(rows, "ours", other))
        ]
        if pairs:
            lines += [
                "",
                "Ours against each baseline, on the instances both solved (objective ratio = "
                "Σ ours / Σ baseline; time ratio = median ours / median baseline):",
                "",
            ]
            header = ["baseline", "instances", "ours better", "equal", "ours worse"]
            header += ["objective ratio", "time ratio"]
            body = [
                [
                    c["baseline"],
                    c["instances"],
                    c["better"],
                    c["equal"],
                    c["worse"],
                    _f(c["objective_ratio"], 3),
                    _f(c["time_ratio"], 2),
                ]
                for c in pairs
            ]
            lines += _table(header, body)
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


def command_line() -> str:
    """The command that is running, as typed (module form)."""
    args = sys.argv[1:]
    return "python -m benchmarks " + " ".join(args)
