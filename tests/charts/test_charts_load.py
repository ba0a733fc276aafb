"""The load chart shows the load frame's hours, per day or summed per week."""

from __future__ import annotations

import dataclasses

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import Rectangle, StepPatch

from mission_planner import PlanResult, Status
from mission_planner.charts import load


def bars(ax: plt.Axes, gid: str) -> list[Rectangle]:
    """Bars of one container, in time order."""
    found = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_gid() == gid]
    if not found:  # matplotlib puts the gid on the container, not on its bars
        found = [p for c in ax.containers if c.get_gid() == gid for p in c.patches]
    return sorted(found, key=lambda p: p.get_x())


def capacity(ax: plt.Axes) -> StepPatch:
    (stairs,) = [p for p in ax.patches if isinstance(p, StepPatch)]
    return stairs


def lead_days(result: PlanResult, person: str = "lead") -> pd.DataFrame:
    return result.load[result.load["resource"] == person].reset_index(drop=True)


def test_returns_the_axes_it_was_given(result: PlanResult) -> None:
    """load draws on the Axes passed in and returns it."""
    _, ax = plt.subplots()
    assert load(result, ax=ax) is ax


def test_daily_bars_are_the_load_frame(result: PlanResult) -> None:
    """Per day: committed bar height, planned bar stacked on it, capacity step = the frame."""
    ax = load(result)
    days = lead_days(result)
    committed, planned = bars(ax, "committed"), bars(ax, "planned")
    assert [p.get_height() for p in committed] == pytest.approx(list(days["committed"]))
    assert [p.get_height() for p in planned] == pytest.approx(list(days["planned"]))
    assert [p.get_y() for p in planned] == pytest.approx(list(days["committed"]))
    assert list(capacity(ax).get_data().values) == pytest.approx(list(days["capacity"]))
    middles = [p.get_x() + p.get_width() / 2 for p in committed]
    expected = mdates.date2num(pd.DatetimeIndex(days["date"]).to_pydatetime()) + 0.5
    assert middles == pytest.approx(list(expected))


def test_weekly_bars_sum_the_days_of_each_week(result: PlanResult) -> None:
    """freq='W' sums each Monday-to-Sunday week of the frame."""
    ax = load(result, freq="W")
    days = lead_days(result)
    monday = days["date"] - pd.to_timedelta(days["date"].dt.day_of_week, unit="D")
    weekly = days.groupby(monday)[["capacity", "committed", "planned"]].sum()
    assert len(weekly) == 3  # Mon 14, Mon 21 and Mon 28 December
    assert [p.get_height() for p in bars(ax, "committed")] == pytest.approx(
        list(weekly["committed"])
    )
    assert [p.get_height() for p in bars(ax, "planned")] == pytest.approx(list(weekly["planned"]))
    assert list(capacity(ax).get_data().values) == pytest.approx(list(weekly["capacity"]))
    edges = capacity(ax).get_data().edges
    assert np.diff(edges) == pytest.approx([7.0] * 3)


def test_person_selects_the_partner_rows(result: PlanResult) -> None:
    """person='hugo' draws the partner's hours, not the lead's."""
    ax = load(result, person="hugo")
    days = lead_days(result, "hugo")
    assert days["planned"].sum() > 0
    assert [p.get_height() for p in bars(ax, "planned")] == pytest.approx(list(days["planned"]))
    assert "hugo" in ax.get_title(loc="left")


def test_axis_labels_and_legend(result: PlanResult) -> None:
    """The y axis says hours per week, the legend names capacity, committed and planned."""
    ax = load(result, freq="W")
    assert ax.get_ylabel() == "hours per week"
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["capacity", "committed (order book)", "planned (this mission)"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"person": "zoe"}, "person='zoe' is not in the plan"),
        ({"freq": "M"}, "freq='M' is not one of 'D', 'W'"),
    ],
)
def test_bad_arguments_are_named(result: PlanResult, kwargs: dict[str, str], message: str) -> None:
    """An unknown person or frequency raises ValueError naming the argument and value."""
    with pytest.raises(ValueError, match=message):
        load(result, **kwargs)


def test_a_result_without_plan_is_refused(result: PlanResult) -> None:
    """An infeasible result raises ValueError naming its status."""
    with pytest.raises(ValueError, match="status='unknown' has no plan"):
        load(dataclasses.replace(result, status=Status.UNKNOWN))
