"""The Gantt chart draws the plan's rows where they are, in the colours of their kind."""

from __future__ import annotations

import dataclasses

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from mission_planner import PlanResult, Scenario, Status
from mission_planner.charts import gantt, tranche_colour
from mission_planner.charts._style import ENGAGEMENT_COLOUR, FIXED_COLOUR


def x(moment: object) -> float:
    return float(mdates.date2num(pd.Timestamp(moment).to_pydatetime()))


def bars(ax: plt.Axes, gid: str) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_gid() == gid]


def spans(items: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Sorted (row, start, end), rounded to a tenth of a second."""
    return sorted(tuple(round(v, 6) for v in item) for item in items)  # type: ignore[misc]


def extents(patches: list[Rectangle]) -> list[tuple[float, float, float]]:
    """(row, start, end) of each bar, sorted."""
    return spans(
        [(p.get_y() + p.get_height() / 2, p.get_x(), p.get_x() + p.get_width()) for p in patches]
    )


def rows_of(
    schedule: pd.DataFrame, kind: str, order: list[str]
) -> list[tuple[float, float, float]]:
    mine = schedule[(schedule["kind"] == kind) & schedule["resource"].isin(order)]
    return spans(
        [
            (float(order.index(r)), x(s), x(e))
            for r, s, e in zip(mine["resource"], mine["start"], mine["end"], strict=True)
        ]
    )


def lines(ax: plt.Axes, gid: str) -> list[Line2D]:
    return [line for line in ax.get_lines() if line.get_gid() == gid]


def test_returns_the_axes_it_was_given(scenario: Scenario, result: PlanResult) -> None:
    """gantt draws on the Axes passed in and returns it."""
    _, ax = plt.subplots()
    assert gantt(scenario, result, ax=ax) is ax


def test_mission_bars_are_the_schedule_rows(scenario: Scenario, result: PlanResult) -> None:
    """One bar per mission row, on its person's row, from its start to its end."""
    ax = gantt(scenario, result)
    assert extents(bars(ax, "mission")) == rows_of(result.schedule, "mission", ["lead", "hugo"])


def test_mission_bars_take_their_tranche_colour(scenario: Scenario, result: PlanResult) -> None:
    """Each mission bar is filled with its tranche's colour (tranche 1 and 2 differ)."""
    ax = gantt(scenario, result)
    mission = result.schedule[result.schedule["kind"] == "mission"]
    colour_at = {
        x(s): to_rgba(tranche_colour(int(t)))
        for s, t in zip(mission["start"], mission["tranche"], strict=True)
    }
    drawn = bars(ax, "mission")
    assert len({p.get_facecolor() for p in drawn}) == 2
    assert {p.get_facecolor() for p in drawn} == {to_rgba(tranche_colour(t)) for t in (1, 2)}
    for patch in drawn:
        assert patch.get_facecolor() == colour_at[patch.get_x()]


def test_commitments_are_grey_at_their_times(scenario: Scenario, result: PlanResult) -> None:
    """Fixed blocks and other missions' work are drawn in their greys, where they are."""
    ax = gantt(scenario, result)
    for kind, colour in (("fixed", FIXED_COLOUR), ("engagement", ENGAGEMENT_COLOUR)):
        drawn = bars(ax, kind)
        assert extents(drawn) == rows_of(result.schedule, kind, ["lead", "hugo"])
        assert {p.get_facecolor() for p in drawn} == {to_rgba(colour)}


def test_partner_busy_time_is_drawn_on_the_partner_row(
    scenario: Scenario, result: PlanResult
) -> None:
    """A whole busy day shows as the partner's working hours; a timed block as given."""
    ax = gantt(scenario, result)
    expected = [
        (1.0, x("2026-12-14 09:00"), x("2026-12-14 13:00")),
        (1.0, x("2026-12-14 14:00"), x("2026-12-14 18:00")),
        (1.0, x("2026-12-15 14:00"), x("2026-12-15 16:00")),
    ]
    assert extents(bars(ax, "busy")) == spans(expected)


def test_holidays_and_time_off_are_shaded_on_their_days(
    scenario: Scenario, result: PlanResult
) -> None:
    """The lead's training day and Christmas, and the partner's Christmas, are shaded."""
    ax = gantt(scenario, result, end="2026-12-31")
    expected = [
        (0.0, x("2026-12-17"), x("2026-12-18")),
        (0.0, x("2026-12-25"), x("2026-12-26")),
        (1.0, x("2026-12-25"), x("2026-12-26")),
    ]
    assert extents(bars(ax, "off")) == spans(expected)
    assert "holiday / time off" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_due_and_deadline_lines_per_tranche(scenario: Scenario, result: PlanResult) -> None:
    """A dashed line at each tranche's due instant, a solid one at its deadline, in its colour."""
    ax = gantt(scenario, result)
    for gid, style in (("due", "--"), ("deadline", "-")):
        drawn = lines(ax, gid)
        instants = result.tranches[f"{gid}_at"]
        assert sorted(line.get_xdata()[0] for line in drawn) == pytest.approx(
            sorted(x(t) for t in instants)
        )
        assert {line.get_linestyle() for line in drawn} == {style}
        colours = {line.get_xdata()[0]: to_rgba(line.get_color()) for line in drawn}
        for tranche, moment in zip(result.tranches["tranche"], instants, strict=True):
            assert colours[x(moment)] == to_rgba(tranche_colour(int(tranche)))


def test_deliveries_are_marked(scenario: Scenario, result: PlanResult) -> None:
    """One delivery triangle per tranche, at its delivery instant."""
    ax = gantt(scenario, result)
    drawn = sorted(line.get_xdata()[0] for line in lines(ax, "delivery"))
    assert drawn == pytest.approx(sorted(x(t) for t in result.tranches["delivery"]))


def test_legend_names_the_tranches(scenario: Scenario, result: PlanResult) -> None:
    """The legend has 'tranche 1', 'tranche 2' with their colours."""
    ax = gantt(scenario, result)
    legend = ax.get_legend()
    entries = dict(
        zip([t.get_text() for t in legend.get_texts()], legend.legend_handles, strict=True)
    )
    for tranche in (1, 2):
        handle = entries[f"tranche {tranche}"]
        assert handle.get_facecolor() == to_rgba(tranche_colour(tranche))


def test_people_choose_and_order_the_rows(scenario: Scenario, result: PlanResult) -> None:
    """people=['hugo', 'lead'] puts the partner first, and only those rows."""
    ax = gantt(scenario, result, people=["hugo", "lead"])
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Hugo\n(partner)", "Lead\n(lead)"]
    assert extents(bars(ax, "mission")) == rows_of(result.schedule, "mission", ["hugo", "lead"])


def test_default_rows_skip_idle_partners(spread_result: PlanResult, scenario: Scenario) -> None:
    """With the lead working alone, the partner gets no row."""
    ax = gantt(scenario, spread_result)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Lead\n(lead)"]
    assert bars(ax, "busy") == []


def test_window_is_start_to_end(scenario: Scenario, result: PlanResult) -> None:
    """start and end (dates, end included) set the x range."""
    ax = gantt(scenario, result, start="2026-12-15", end="2026-12-16")
    assert ax.get_xlim() == pytest.approx((x("2026-12-15"), x("2026-12-17")))


def test_default_window_ends_after_the_last_work(scenario: Scenario, result: PlanResult) -> None:
    """By default the window runs from the horizon start past the last delivery and due date."""
    ax = gantt(scenario, result)
    left, right = ax.get_xlim()
    assert left == pytest.approx(x(scenario.start))
    latest = max(*result.tranches["due"], *result.tranches["delivery"])
    assert x(latest) < right <= x(latest) + 3


def test_marks_outside_the_window_are_named(scenario: Scenario, result: PlanResult) -> None:
    """A deadline right of the window is named in the legend with an arrow."""
    ax = gantt(scenario, result, end="2026-12-16")
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "T2 deadline Tue 22 Dec →" in texts


def test_coordination_is_hatched(scenario: Scenario, result: PlanResult) -> None:
    """Schedule rows of kind 'coordination' are drawn hatched, apart from the mission's work."""
    extra = pd.DataFrame(
        [
            {
                "kind": "coordination",
                "task": "data",
                "tranche": 1,
                "resource": "lead",
                "chunk": None,
                "date": pd.Timestamp("2026-12-16"),
                "start": pd.Timestamp("2026-12-16 16:00"),
                "end": pd.Timestamp("2026-12-16 17:00"),
                "hours": 1.0,
            }
        ]
    ).astype(result.schedule.dtypes.to_dict())
    base = result.schedule[result.schedule["kind"] != "coordination"]
    schedule = pd.concat([base, extra], ignore_index=True)
    ax = gantt(scenario, dataclasses.replace(result, schedule=schedule))
    drawn = bars(ax, "coordination")
    assert extents(drawn) == spans([(0.0, x("2026-12-16 16:00"), x("2026-12-16 17:00"))])
    assert drawn[0].get_hatch() == "////"
    assert len(bars(ax, "mission")) == (result.schedule["kind"] == "mission").sum()
    assert "coordination" in [t.get_text() for t in ax.get_legend().get_texts()]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"people": ["lead", "zoe"]}, "people: unknown person 'zoe'"),
        ({"people": ["lead", "lead"]}, "people: person 'lead' is given twice"),
        ({"people": []}, "people=\\[\\]"),
        ({"people": "lead"}, "people='lead' must be a list"),
        ({"start": "2026-12-18", "end": "2026-12-16"}, "end='2026-12-16' must be after start"),
        ({"start": "someday"}, "start='someday' is not a date"),
    ],
)
def test_bad_arguments_are_named(
    scenario: Scenario, result: PlanResult, kwargs: dict[str, object], message: str
) -> None:
    """Bad people or window raise ValueError naming the argument and the value."""
    with pytest.raises(ValueError, match=message):
        gantt(scenario, result, **kwargs)  # type: ignore[arg-type]


def test_a_result_without_plan_is_refused(scenario: Scenario, result: PlanResult) -> None:
    """An infeasible result raises ValueError naming its status."""
    empty = dataclasses.replace(result, status=Status.INFEASIBLE)
    with pytest.raises(ValueError, match="status='infeasible' has no plan"):
        gantt(scenario, empty)


def test_a_plan_of_another_roster_is_refused(scenario: Scenario, result: PlanResult) -> None:
    """Work by someone the scenario does not know raises ValueError naming the resource."""
    alone = scenario.model_copy(update={"partners": ()})
    with pytest.raises(ValueError, match="resource 'hugo' is not a person of scenario"):
        gantt(alone, result)


def labels_by_bar(ax: plt.Axes) -> dict[int, str]:
    """Text of each bar label, keyed by the id of the bar whose box clips it."""
    ax.figure.canvas.draw()
    boxes = {
        tuple(round(v, 3) for v in p.get_window_extent().bounds): id(p)
        for p in ax.patches
        if isinstance(p, Rectangle)
    }
    found = {}
    for text in ax.texts:
        if text.get_gid() == "task-label":
            clip = text.get_clip_box()
            assert clip is not None
            found[boxes[tuple(round(v, 3) for v in clip.bounds)]] = text.get_text().strip()
    return found


@pytest.mark.parametrize("compress", [False, True])
def test_every_mission_bar_carries_its_task_label(
    scenario: Scenario, result: PlanResult, compress: bool
) -> None:
    """Each mission bar has a label clipped to it, naming the task of its schedule row."""
    ax = gantt(scenario, result, compress=compress)
    found = labels_by_bar(ax)
    names = {t.id: t.name or t.id for t in scenario.mission.tasks}
    drawn = bars(ax, "mission")
    mission = result.schedule[result.schedule["kind"] == "mission"]
    order = ["lead", "hugo"]
    expected = sorted(
        (order.index(r), round(x(s) if not compress else 0, 6), names[t])
        for r, s, t in zip(mission["resource"], mission["start"], mission["task"], strict=True)
    )
    assert len(drawn) == len(mission) and all(id(b) in found for b in drawn)
    got = sorted(
        (round(b.get_y() + b.get_height() / 2), round(b.get_x() if not compress else 0, 6),
         found[id(b)])
        for b in drawn
    )  # fmt: skip
    assert got == expected


def test_coordination_and_other_missions_are_labelled(
    scenario: Scenario, result: PlanResult
) -> None:
    """Coordination bars read 'kickoff Hugo'-like names; other missions their client."""
    ax = gantt(scenario, result)
    found = labels_by_bar(ax)
    assert {found[id(b)] for b in bars(ax, "engagement")} == {"Other"}
    for bar in bars(ax, "coordination"):
        assert found[id(bar)].endswith("Hugo")


def test_labels_can_be_turned_off(scenario: Scenario, result: PlanResult) -> None:
    """labels=False draws no task label."""
    ax = gantt(scenario, result, labels=False)
    assert not [t for t in ax.texts if t.get_gid() == "task-label"]


def test_compressed_axis_gives_nights_and_weekends_no_width(
    scenario: Scenario, result: PlanResult
) -> None:
    """With compress=True a working day is 8 units wide and bars keep their hours as width."""
    ax = gantt(scenario, result, compress=True, start="2026-12-14", end="2026-12-20")
    lo, hi = ax.get_xlim()
    assert (lo, hi) == (0.0, 40.0)  # Mon-Fri, 8 h each, weekend gone
    mission = result.schedule[
        (result.schedule["kind"] == "mission") & (result.schedule["end"] <= "2026-12-19")
    ]
    widths = sorted(round(b.get_width(), 6) for b in bars(ax, "mission") if b.get_x() < 40)
    assert widths == sorted(round(h, 6) for h in mission["hours"])
    assert not bars(ax, "weekend")
