"""Benchmark suites for mission_planner: external instance sets with known optima and baselines.

Run ``python -m benchmarks run orlib --size 40 --time-limit 10`` from the repository root; see
``benchmarks/__main__.py``.
"""
