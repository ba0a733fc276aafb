"""Benchmark suites for mission_planner: generated consultant scenarios and external instance
sets with known optima, each against baselines in the same run.

Run ``python -m benchmarks list``, ``python -m benchmarks run consultant --size M --seeds 0-4
--time-limit 10`` or ``python -m benchmarks run orlib --size 40 --time-limit 10`` from the
repository root; see ``benchmarks/__main__.py`` and ``benchmarks/README.md``.
"""
