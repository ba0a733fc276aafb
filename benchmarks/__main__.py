"""Command line: ``python -m benchmarks run orlib --size 40 --time-limit 10 --workers 2 --seed 0``.

Options: ``--instances 3,13,23`` (or ranges ``1-10``; default all 125), ``--contenders
ours,dispatch,naive,pyjobshop``, ``--jobs N`` (instances run at once; keep ``jobs * workers`` at
most the number of cores for fair times), ``--out DIR`` (default
``benchmarks/results/orlib-wt{size}-t{limit}-w{workers}-s{seed}``).

Writes ``DIR/results.csv`` (one row per instance and contender, appended as runs finish; an
interrupted run resumes where it stopped) and ``DIR/results.md`` (the summary table).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks import orlib, report, runner

SUITES = {"orlib": "OR-Library single-machine total weighted tardiness (wt40, wt50, wt100)"}


def parse_indices(text: str | None) -> list[int]:
    """``"3,13,20-22"`` -> ``[3, 13, 20, 21, 22]``; ``None`` -> all instances."""
    if not text:
        return list(range(1, orlib.INSTANCES_PER_SIZE + 1))
    out: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if "-" in part:
            lo, hi = (int(x) for x in part.split("-", 1))
            out.extend(range(lo, hi + 1))
        elif part:
            out.append(int(part))
    for i in out:
        if not 1 <= i <= orlib.INSTANCES_PER_SIZE:
            raise argparse.ArgumentTypeError(
                f"instance {i} is not between 1 and {orlib.INSTANCES_PER_SIZE}"
            )
    return sorted(set(out))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run a suite and write CSV + Markdown")
    run.add_argument("suite", choices=sorted(SUITES))
    run.add_argument("--size", type=int, default=40, choices=orlib.SIZES)
    run.add_argument("--time-limit", type=float, default=10.0, help="seconds per run (default 10)")
    run.add_argument("--workers", type=int, default=2, help="CP-SAT workers per run (default 2)")
    run.add_argument("--seed", type=int, default=0)
    run.add_argument("--instances", type=parse_indices, default=None, help="e.g. 3,13,23 or 1-10")
    run.add_argument("--contenders", default=",".join(runner.CONTENDERS))
    run.add_argument("--jobs", type=int, default=1, help="instances run in parallel (default 1)")
    run.add_argument("--out", type=Path, default=None, help="output directory")
    sub.add_parser("list", help="list suites and contenders")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "list":
        for name, text in SUITES.items():
            print(f"suite {name}: {text}")
        for c in runner.CONTENDERS.values():
            ok, why = c.available()
            print(f"contender {c.name}: {c.description}{'' if ok else f' [unavailable: {why}]'}")
        return 0

    names = [n.strip() for n in args.contenders.split(",") if n.strip()]
    unknown = [n for n in names if n not in runner.CONTENDERS]
    if unknown:
        print(f"unknown contender(s) {unknown}; known: {list(runner.CONTENDERS)}", file=sys.stderr)
        return 2
    contenders = []
    for name in names:
        ok, why = runner.CONTENDERS[name].available()
        if ok:
            contenders.append(runner.CONTENDERS[name])
        else:
            print(f"skipping {name}: {why}", file=sys.stderr)
    if not contenders:
        print("no contender available", file=sys.stderr)
        return 1

    indices = args.instances or parse_indices(None)
    out = args.out or Path("benchmarks/results") / (
        f"orlib-wt{args.size}-t{args.time_limit:g}-w{args.workers}-s{args.seed}"
    )
    csv_path = out / "results.csv"
    rows = runner.run_suite(
        csv_path,
        size=args.size,
        indices=indices,
        contenders=contenders,
        time_limit=args.time_limit,
        workers=args.workers,
        seed=args.seed,
        jobs=args.jobs,
    )
    text = report.markdown(
        rows,
        title=f"OR-Library wt{args.size}: total weighted tardiness",
        command=report.command_line() if argv is None else "python -m benchmarks " + " ".join(argv),
        time_limit=args.time_limit,
        workers=args.workers,
        seed=args.seed,
        contenders=list(runner.CONTENDERS),
    )
    (out / "results.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"wrote {csv_path} and {out / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
