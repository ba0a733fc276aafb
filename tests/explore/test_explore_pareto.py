"""Exact non-dominance on hand-built frames, and against a brute-force definition."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mission_planner.explore import PARETO_COLUMNS, deduplicated, non_dominated


def figures(rows: list[tuple[float, ...]], labels: list[str] | None = None) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(PARETO_COLUMNS))
    frame.insert(0, "label", labels or [f"p{i}" for i in range(len(rows))])
    return frame


def test_trade_off_keeps_both_ends_and_drops_the_dominated():
    """Lateness vs fees: both ends stay, a plan worse on both goes, one worse on one goes."""
    frame = figures(
        [
            (0.0, 0, 800.0, 12.0, 4),  # on time, fees
            (18.0, 1, 0.0, 20.0, 3),  # late, no fees
            (18.0, 1, 400.0, 20.0, 3),  # same lateness, more fees: dominated by p1
            (20.0, 2, 900.0, 20.0, 5),  # worse than p0 everywhere but lead hours (tied)
            (13.0, 1, 400.0, 16.0, 4),  # in between: non-dominated
        ]
    )
    assert non_dominated(frame).tolist() == [True, True, False, False, True]


def test_a_single_better_column_is_enough():
    """Equal on four figures, better on one: the other row is dominated, not tied."""
    frame = figures([(5.0, 1, 100.0, 10.0, 3), (5.0, 1, 100.0, 10.0, 2)])
    assert non_dominated(frame).tolist() == [False, True]


def test_identical_figures_mark_only_the_first():
    """Rows with the same figures do not dominate each other; only the first is marked."""
    frame = figures([(5.0, 1, 100.0, 10.0, 3), (0.0, 0, 900.0, 4.0, 3), (5.0, 1, 100.0, 10.0, 3)])
    assert non_dominated(frame).tolist() == [True, True, False]


def test_float_noise_below_six_decimals_is_a_tie():
    """Sums in another order (1e-9 apart) compare equal, so neither dominates the other."""
    frame = figures([(0.1 + 0.2, 0, 10.0, 1.0, 1), (0.3, 0, 10.0, 1.0, 1)])
    assert non_dominated(frame).tolist() == [True, False]


def test_index_is_kept():
    """The marks come back on the frame's own index."""
    frame = figures([(1.0, 0, 0.0, 1.0, 1), (0.0, 0, 5.0, 1.0, 1)])
    frame.index = [10, 20]
    assert non_dominated(frame).index.tolist() == [10, 20]


def test_deduplicated_keeps_first_and_names_it():
    """Repeated figures are dropped and each dropped label points at the kept one."""
    frame = figures(
        [(1.0, 0, 0.0, 1.0, 1), (1.0, 0, 0.0, 1.0, 1), (2.0, 0, 0.0, 1.0, 1)],
        labels=["a", "b", "c"],
    )
    kept, dropped = deduplicated(frame)
    assert kept["label"].tolist() == ["a", "c"]
    assert dropped == {"b": "a"}


def test_missing_column_or_figure_is_an_error():
    """A frame without a figure column, or with a NaN figure, is refused by name."""
    with pytest.raises(ValueError, match="no columns \\['chunks'\\]"):
        non_dominated(figures([(1.0, 0, 0.0, 1.0, 1)]).drop(columns="chunks"))
    with pytest.raises(ValueError, match="rows \\[1\\] have missing figures"):
        non_dominated(figures([(1.0, 0, 0.0, 1.0, 1), (math.nan, 0, 0.0, 1.0, 1)]))


def brute_force(rows: list[tuple[int, ...]]) -> list[bool]:
    """The definition, written out: no other row dominates, no earlier row is identical."""
    marks = []
    for i, r in enumerate(rows):
        dominated = any(all(a <= b for a, b in zip(o, r, strict=True)) and o != r for o in rows)
        repeated = r in rows[:i]
        marks.append(not dominated and not repeated)
    return marks


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(*[st.integers(0, 3) for _ in PARETO_COLUMNS]), min_size=1, max_size=12))
def test_matches_the_definition(rows):
    """On random small integer figures (many ties), the marks equal the brute-force ones."""
    frame = figures([tuple(float(v) for v in r) for r in rows])
    assert non_dominated(frame).tolist() == brute_force(rows)
    marks = non_dominated(frame)
    assert marks.any()  # a finite set always has a Pareto-optimal point
