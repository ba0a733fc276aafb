"""Command line: ``python -m benchmarks run SUITE [options]``, ``python -m benchmarks plot DIR``
and ``python -m benchmarks list``.

Suites (see :mod:`benchmarks.suites`):

- ``orlib --size 40|50|100 [--instances 3,13,20-22]`` (default all 125), contenders
  ``ours,dispatch,naive,pyjobshop``;
- ``consultant --size S|M|L|XL [--seeds 0-4]`` (generator seeds, default 0-4), contenders
  ``ours,dispatch,cpsat-cold,naive``;
- ``consultant-nosplit`` (the same options; the generator's non-splitting variant), contenders
  ``ours,dispatch,cpsat-cold,naive,pyjobshop``;
- ``replan [--size M] [--seeds 0-4] [--disruptions 4] [--time-limit 1] [--cold-limit 30]``:
  re-plans after seeded disruptions against cold plans, in one process (:mod:`benchmarks.replan`).

Common options: ``--time-limit T`` (seconds per run), ``--workers W`` (CP-SAT workers),
``--seed S`` (solver seed), ``--contenders a,b``, ``--jobs N`` (instances run at once; keep
``jobs * workers`` at most the number of cores for fair times), ``--out DIR`` (default
``benchmarks/results/<suite>-<size>-t<T>-w<W>-s<S>``).

Writes ``DIR/results.csv`` (one row per instance and contender, appended as runs finish; an
interrupted run resumes where it stopped) and ``DIR/results.md`` (the summary tables).
``remember DIR`` merges the run's valid plans and bounds into the best-known store
(:mod:`benchmarks.best_known`). ``plot DIR`` draws ``DIR/gap_over_time.png`` from the CSV
(matplotlib).
``fuzz [--scenarios N] [--calendars M] [--cli K] [--seed S] [--no-plan] [--out DIR]`` runs
the input fuzzer (:mod:`benchmarks.fuzz.run`; default ``benchmarks/results/fuzz-s<S>``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from benchmarks import best_known, report, runner
from benchmarks.suites import SUITES, Suite


def parse_indices(text: str | None) -> list[int] | None:
    """``"3,13,20-22"`` -> ``[3, 13, 20, 21, 22]``; ``None`` or empty -> ``None`` (default)."""
    if not text:
        return None
    out: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if "-" in part:
            lo, hi = (int(x) for x in part.split("-", 1))
            out.extend(range(lo, hi + 1))
        elif part:
            out.append(int(part))
    return sorted(set(out))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run a suite and write CSV + Markdown")
    run.add_argument("suite", choices=sorted(SUITES))
    run.add_argument("--size", default=None, help="orlib: 40, 50, 100; consultant: S, M, L, XL")
    run.add_argument("--time-limit", type=float, default=10.0, help="seconds per run (default 10)")
    run.add_argument("--workers", type=int, default=2, help="CP-SAT workers per run (default 2)")
    run.add_argument("--seed", type=int, default=0, help="solver seed (default 0)")
    run.add_argument(
        "--instances",
        "--seeds",
        dest="instances",
        default=None,
        help="orlib instances (e.g. 3,13,23 or 1-10) or consultant generator seeds (e.g. 0-4)",
    )
    run.add_argument("--contenders", default=None, help="comma-separated (default: all)")
    run.add_argument("--jobs", type=int, default=1, help="instances run in parallel (default 1)")
    run.add_argument("--out", type=Path, default=None, help="output directory")
    sub.add_parser("list", help="list suites and contenders")
    draw = sub.add_parser("plot", help="draw the mean gap over time of a results directory")
    draw.add_argument("directory", type=Path, help="a directory holding results.csv")
    draw.add_argument(
        "--out", type=Path, default=None, help="PNG file (default: DIR/gap_over_time.png)"
    )
    keep = sub.add_parser("remember", help="merge a run's best plans into the best-known store")
    keep.add_argument("directory", type=Path, help="a directory holding results.csv")
    fuzz = sub.add_parser("fuzz", help="mutated scenario files and calendars (issue 16)")
    fuzz.add_argument("--scenarios", type=int, default=1000, help="mutated scenario files")
    fuzz.add_argument("--calendars", type=int, default=120, help="calendar variants")
    fuzz.add_argument("--cli", type=int, default=80, help="scenario files also run by the CLI")
    fuzz.add_argument("--seed", type=int, default=0, help="mutation seed (default 0)")
    fuzz.add_argument("--no-plan", action="store_true", help="load only, do not plan")
    fuzz.add_argument("--out", type=Path, default=None, help="output directory")
    return parser


def _fuzz(args: Any) -> int:
    from benchmarks.fuzz.run import run, summary

    out = args.out or Path("benchmarks/results") / f"fuzz-s{args.seed}"
    rows = run(
        out,
        scenarios=args.scenarios,
        calendars=args.calendars,
        cli=args.cli,
        seed=args.seed,
        plan=not args.no_plan,
    )
    print((out / "results.md").read_text(encoding="utf-8"))
    totals = summary(rows)["all"]
    bad = sum(totals[k] for k in ("accepted-invalid", "refused-valid", "tracebacks", "hangs"))
    return 0 if bad == 0 else 1


def _list() -> int:
    for suite in SUITES.values():
        print(f"suite {suite.name}: {suite.description} (sizes {', '.join(suite.sizes)})")
        for c in suite.contenders.values():
            ok, why = c.available()
            print(f"  contender {c.name}: {c.description}{'' if ok else f' [unavailable: {why}]'}")
        for name, why in suite.not_offered.items():
            print(f"  not offered: {name}: {why}")
    return 0


def _markdown(suite: Suite, size: str, rows: list[dict[str, str]], args: Any, command: str) -> str:
    common = {
        "command": command,
        "time_limit": args.time_limit,
        "workers": args.workers,
        "seed": args.seed,
        "contenders": list(suite.contenders),
    }
    if suite.name == "orlib":
        return report.markdown(
            rows, title=f"OR-Library wt{size}: total weighted tardiness", **common
        )
    from benchmarks.generators import SIZES, describe, generate

    spec = SIZES[size]
    nosplit = suite.name == "consultant-nosplit"
    instances = {}
    for i in sorted({int(r["instance"]) for r in rows}):
        scenario = generate(size, i, nosplit=nosplit)
        instances[i] = {**describe(scenario), "start": scenario.start.isoformat()}
    title = (
        f"Consultant scenarios{', non-splitting variant' if nosplit else ''}, size {size}: "
        f"{spec.tasks} tasks, {spec.partners} partners, {spec.weeks} weeks, "
        f"{spec.commitments} commitments"
    )
    text = report.consultant_markdown(rows, title=title, instances=instances, **common)
    stored = best_known.load(suite.name, size)
    return text + "\n".join(best_known.report_lines(rows, stored, list(suite.contenders)))


def _remember(directory: Path) -> int:
    results = directory / "results.csv"
    if not results.exists():
        print(f"{results}: no such file", file=sys.stderr)
        return 2
    command, commit = best_known.provenance(directory)
    changed = best_known.remember(results, command, commit=commit)
    print(f"{len(changed)} best-known value(s) or bound(s) improved: {', '.join(changed) or '-'}")
    return 0


def _plot(directory: Path, out: Path | None) -> int:
    try:
        from benchmarks.plot import plot_results

        target = plot_results(directory, out)
    except ImportError as exc:
        print(f"plot needs matplotlib (pip install -e '.[plot]'): {exc}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"wrote {target}")
    return 0


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    if given[:2] == ["run", "replan"]:  # its own options and table (benchmarks.replan)
        from benchmarks.replan import main as run_replan

        return run_replan(given[2:])
    args = build_parser().parse_args(argv)
    if args.command == "list":
        return _list()
    if args.command == "plot":
        return _plot(args.directory, args.out)
    if args.command == "fuzz":
        return _fuzz(args)
    if args.command == "remember":
        return _remember(args.directory)

    suite = SUITES[args.suite]
    size = str(args.size or suite.default_size).upper()
    if size not in suite.sizes:
        print(f"{suite.name}: size {args.size!r} is not one of {suite.sizes}", file=sys.stderr)
        return 2
    try:
        indices = parse_indices(args.instances) or list(suite.default_indices)
        for i in indices:
            suite.check_index(i)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2

    names = (
        [n.strip() for n in args.contenders.split(",") if n.strip()]
        if args.contenders
        else list(suite.contenders)
    )
    contenders = []
    for name in names:
        if name in suite.not_offered:
            print(f"skipping {name}: {suite.not_offered[name]}", file=sys.stderr)
            continue
        if name not in suite.contenders:
            print(f"unknown contender {name!r}; known: {list(suite.contenders)}", file=sys.stderr)
            return 2
        ok, why = suite.contenders[name].available()
        if ok:
            contenders.append(suite.contenders[name])
        else:
            print(f"skipping {name}: {why}", file=sys.stderr)
    if not contenders:
        print("no contender available", file=sys.stderr)
        return 1

    label = f"wt{size}" if suite.name == "orlib" else size
    out = args.out or Path("benchmarks/results") / (
        f"{suite.name}-{label}-t{args.time_limit:g}-w{args.workers}-s{args.seed}"
    )
    csv_path = out / "results.csv"
    rows = runner.run_suite(
        csv_path,
        size=size,
        indices=indices,
        contenders=contenders,
        time_limit=args.time_limit,
        workers=args.workers,
        seed=args.seed,
        jobs=args.jobs,
        suite=suite,
    )
    command = report.command_line() if argv is None else "python -m benchmarks " + " ".join(argv)
    text = _markdown(suite, size, rows, args, command)
    (out / "results.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"wrote {csv_path} and {out / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
