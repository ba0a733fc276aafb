"""Exact Pareto dominance over a frame's figure columns, all minimised.

Row ``a`` dominates row ``b`` when ``a`` is at most ``b`` on every column and below it on at
least one. Figures are compared after rounding to :data:`DECIMALS` decimals, so that sums
taken in a different order compare equal. Rows with identical (rounded) figures do not
dominate each other; :func:`deduplicated` keeps the first of them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from mission_planner.explore.figures import PARETO_COLUMNS

DECIMALS = 6
"""Figures are rounded to this many decimals before they are compared."""


def _figures(frame: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"non_dominated: frame has no columns {missing}")
    values = frame[list(columns)].to_numpy(dtype=float)
    if np.isnan(values).any():
        rows = sorted({int(i) for i in np.flatnonzero(np.isnan(values).any(axis=1))})
        raise ValueError(f"non_dominated: rows {rows} have missing figures in {list(columns)}")
    return np.round(values, DECIMALS)


def non_dominated(frame: pd.DataFrame, columns: Sequence[str] = PARETO_COLUMNS) -> pd.Series:
    """Whether each row is Pareto-optimal over ``columns`` (minimised).

    A row is non-dominated when no row dominates it and no earlier row has the same figures
    (so among identical rows only the first is marked).

    Parameters
    ----------
    frame
        Any frame with the numeric ``columns`` (no missing values).
    columns
        The figures, all minimised. Default: :data:`~mission_planner.explore.PARETO_COLUMNS`.

    Returns
    -------
    pandas.Series
        Booleans on ``frame``'s index.

    Raises
    ------
    ValueError
        When a column is missing or a figure is missing (NaN).
    """
    values = _figures(frame, columns)
    keep = np.ones(len(values), dtype=bool)
    for i, row in enumerate(values):
        no_worse = (values <= row).all(axis=1)
        better = (values < row).any(axis=1)
        if (no_worse & better).any() or (values[:i] == row).all(axis=1).any():
            keep[i] = False
    return pd.Series(keep, index=frame.index, dtype=bool)


def deduplicated(
    frame: pd.DataFrame, columns: Sequence[str] = PARETO_COLUMNS
) -> tuple[pd.DataFrame, dict[str, str]]:
    """``frame`` without the rows whose figures repeat an earlier row's.

    Returns the kept rows and, for each dropped row's ``label``, the label of the row kept in
    its place.
    """
    values = _figures(frame, columns)
    first: dict[tuple[float, ...], int] = {}
    kept: list[int] = []
    dropped: dict[str, str] = {}
    labels = frame["label"].astype(str).tolist() if "label" in frame.columns else []
    for i, row in enumerate(values):
        key = tuple(row.tolist())
        if key in first:
            if labels:
                dropped[labels[i]] = labels[first[key]]
            continue
        first[key] = i
        kept.append(i)
    return frame.iloc[kept], dropped
