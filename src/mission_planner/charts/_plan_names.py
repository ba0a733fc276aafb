"""Plans named in the user's words from their figures: "on time first", "fewest fees", ...

Explore's labels say how a plan was made ("weights lateness=1 fees=1", "max 1 partner");
a reader wants what it gives. A plan is named after what it is best at among the plans
drawn, then its figures: late tasks, partner fees, the lead's hours.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

BEST_AT = (
    ("lateness", "min", "on time first", "least late"),
    ("partner_fees", "min", "no partner fees", "fewest fees"),
    ("lead_hours", "min", "least of my time", "least of my time"),
    ("margin", "max", "best margin", "best margin"),
    ("chunks", "min", "fewest interruptions", "fewest interruptions"),
)
"""Column, sense, name when the best value is zero, name otherwise; in order of precedence."""
TOLERANCE = 1e-6


def plan_names(frame: pd.DataFrame) -> pd.Series:
    """A readable two-line name of each row of an explore frame (same index).

    First line: what the plan is best at among the rows (at most two, in the order of
    :data:`BEST_AT`), or "a trade-off"; second line: its late tasks, fees and lead hours, the
    figures the frame has.
    """
    best: dict[str, float] = {}
    for column, sense, _, _ in BEST_AT:
        if column in frame and frame[column].notna().any():
            values = frame[column].astype(float)
            best[column] = float(values.min() if sense == "min" else values.max())
    names = {}
    for index, row in frame.iterrows():
        names[index] = f"{_title(row, best)}\n{_figures(row)}"
    return pd.Series(names, dtype="string")


def _title(row: pd.Series, best: Mapping[str, float]) -> str:
    found: list[str] = []
    for column, _, at_zero, otherwise in BEST_AT:
        if column not in best or pd.isna(row.get(column)):
            continue
        if abs(float(row[column]) - best[column]) <= TOLERANCE and len(found) < 2:
            found.append(at_zero if abs(best[column]) <= TOLERANCE else otherwise)
    return ", ".join(found) if found else "a trade-off"


def _figures(row: pd.Series) -> str:
    parts: list[str] = []
    late = row.get("late_tasks")
    if late is not None and not pd.isna(late):
        parts.append("all on time" if int(late) == 0 else f"{int(late)} late task(s)")
    fees = row.get("partner_fees")
    if fees is not None and not pd.isna(fees):
        parts.append("no fees" if float(fees) == 0 else f"fees {float(fees):,.0f} €")
    hours = row.get("lead_hours")
    if hours is not None and not pd.isna(hours):
        parts.append(f"my time {float(hours):g} h")
    return " · ".join(parts)
