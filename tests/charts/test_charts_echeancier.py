"""The échéancier chart marks each tranche's date asked, deadline and delivery, and the shift."""

from __future__ import annotations

import dataclasses

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_rgba

from mission_planner import PlanResult, Status
from mission_planner.charts import echeancier, tranche_colour


def x(moment: object) -> float:
    return float(mdates.date2num(pd.Timestamp(moment).to_pydatetime()))


def marks(ax: plt.Axes, gid: str) -> list[tuple[float, float]]:
    """(x, row) of each mark of one kind, by row."""
    found = [
        (float(line.get_xdata()[0]), float(line.get_ydata()[0]))
        for line in ax.get_lines()
        if line.get_gid() == gid
    ]
    return sorted(found, key=lambda point: point[1])


def arrows(ax: plt.Axes) -> list[object]:
    return [p for p in ax.patches if p.get_gid() == "shift"]


def test_returns_the_axes_it_was_given(result: PlanResult) -> None:
    """echeancier draws on the Axes passed in and returns it."""
    _, ax = plt.subplots()
    assert echeancier(result, ax=ax) is ax


def test_marks_of_a_plan_are_at_its_tranche_dates(result: PlanResult) -> None:
    """One due, deadline and delivery mark per tranche, at the tranches table's instants."""
    ax = echeancier(result)
    table = result.tranches
    for gid, column in (("due", "due_at"), ("deadline", "deadline_at"), ("delivery", "delivery")):
        assert marks(ax, gid) == [
            pytest.approx((x(moment), float(row))) for row, moment in enumerate(table[column])
        ]


def test_marks_take_the_tranche_colours(result: PlanResult) -> None:
    """The delivery diamonds are filled with their tranche's colour."""
    ax = echeancier(result)
    fills = [
        to_rgba(line.get_markerfacecolor())
        for line in sorted(ax.get_lines(), key=lambda line: line.get_ydata()[0])
        if line.get_gid() == "delivery"
    ]
    assert fills == [to_rgba(tranche_colour(t)) for t in (1, 2)]


def test_on_time_plan_has_no_shift_arrow(result: PlanResult) -> None:
    """Tranches delivered by their due date get no arrow, and say 'on time'."""
    assert (result.tranches["delivery"] <= result.tranches["due_at"]).all()
    ax = echeancier(result)
    assert arrows(ax) == []
    assert sum("on time" in t.get_text() for t in ax.texts) == 2


def test_late_tranche_gets_an_arrow_and_its_shift(spread_result: PlanResult) -> None:
    """A tranche delivered late gets one arrow and its shift in working days."""
    table = spread_result.tranches
    late = table[table["delivery"] > table["due_at"]]
    assert len(late) == 1
    ax = echeancier(spread_result)
    assert len(arrows(ax)) == 1
    days = int(late["lateness_working_days"].iloc[0])
    assert any(t.get_text().endswith(f"+{days} working days") for t in ax.texts)


def test_echeancier_frame_with_other_names_is_accepted(spread_result: PlanResult) -> None:
    """A frame naming the dates asked and client_deadline places the marks like the plan."""
    table = spread_result.tranches.drop(columns=["due", "deadline"])
    table = table.rename(
        columns={
            "due_at": "asked",
            "deadline_at": "client_deadline",
            "lateness_working_days": "shift_working_days",
        }
    )
    from_frame = echeancier(table)
    assert [m[0] for m in marks(from_frame, "due")] == pytest.approx([x(t) for t in table["asked"]])
    assert [m[0] for m in marks(from_frame, "deadline")] == pytest.approx(
        [x(t) for t in table["client_deadline"]]
    )
    assert [m[0] for m in marks(from_frame, "delivery")] == pytest.approx(
        [x(t) for t in table["delivery"]]
    )


def test_rows_are_labelled_with_tranche_and_tasks(result: PlanResult) -> None:
    """Each row says its tranche, the date asked and its tasks."""
    ax = echeancier(result)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    first = result.tranches.iloc[0]
    assert labels[0].startswith("tranche 1 (asked ")
    assert str(first["tasks"]).replace(",", ", ") in labels[0]


def test_frame_without_shift_column_counts_calendar_days() -> None:
    """A hand-made frame without a shift column labels the shift in calendar days."""
    frame = pd.DataFrame(
        {
            "tranche": [1],
            "delivery": [pd.Timestamp("2026-12-18 12:00")],
            "due": [pd.Timestamp("2026-12-16")],  # asked for Tue 15 Dec (24:00)
            "deadline": [pd.Timestamp("2026-12-21")],
        }
    )
    ax = echeancier(frame)
    assert len(arrows(ax)) == 1
    assert any(t.get_text().endswith("+3 days") for t in ax.texts)


def test_delivery_at_the_due_instant_is_on_time() -> None:
    """Delivering at 24:00 on the day asked is on time: no arrow."""
    frame = pd.DataFrame(
        {
            "tranche": [1],
            "delivery": [pd.Timestamp("2026-12-16")],
            "due": [pd.Timestamp("2026-12-16")],
            "deadline": [pd.Timestamp("2026-12-21")],
        }
    )
    ax = echeancier(frame)
    assert arrows(ax) == []
    assert any(t.get_text().endswith("on time") for t in ax.texts)


@pytest.mark.parametrize(
    ("drop", "message"),
    [
        ("delivery", "missing column 'delivery'"),
        ("due", "missing column 'due_at' or 'due' or 'asked'"),
        ("deadline", "missing column 'deadline_at' or 'deadline' or 'client_deadline'"),
    ],
)
def test_missing_column_is_named(result: PlanResult, drop: str, message: str) -> None:
    """A frame without a needed column raises ValueError naming the column."""
    dropped = [drop, f"{drop}_at"] if drop != "delivery" else [drop]
    with pytest.raises(ValueError, match=message):
        echeancier(result.tranches.drop(columns=dropped))


def test_bad_inputs_are_refused(result: PlanResult) -> None:
    """No plan, no tranche, a column of text or a wrong type: a clear error each."""
    with pytest.raises(ValueError, match="status='infeasible' has no plan"):
        echeancier(dataclasses.replace(result, status=Status.INFEASIBLE))
    with pytest.raises(ValueError, match="has no tranche"):
        echeancier(result.tranches.iloc[0:0])
    with pytest.raises(ValueError, match="column 'delivery' does not hold dates"):
        echeancier(result.tranches.assign(delivery="soon"))
    with pytest.raises(TypeError, match="result_or_frame=list"):
        echeancier([1, 2])  # type: ignore[arg-type]
