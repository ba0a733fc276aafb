"""``explore``: plans of the client's scenario under many policies, and the non-dominated ones."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from mission_planner.explore.chains import OVERHEAD, Point, solve_points
from mission_planner.explore.figures import PARETO_COLUMNS, plan_frame, plan_row
from mission_planner.explore.pareto import deduplicated, non_dominated
from mission_planner.planner import plan
from mission_planner.policy import SCENARIO_AS_WRITTEN, Policy
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario, Trust, Weights
from mission_planner.settings import MIN_SOLVE, Clock, SolveSettings, settings_of

EXPLORE_TIME_LIMIT = 30.0
"""Seconds for a whole ``explore`` call when nothing is said."""

LATENESS_WEIGHTS = (1000, 100, 10, 1, 0)
"""Default weights of an urgency-hour of lateness in the weighted sweep (a EUR of fees is 1)."""

FEE_SHARES = (0.5,)
"""Default fee shares: fees weigh ``1 / share`` times the scenario's ``partner_cost``."""

SURCHARGES = (0.5,)
"""Default surcharges on new partners (0.5: they look 50 % dearer to the solver)."""

DEADLINE_MODES = ("due", "horizon")
"""Date rules: every task by its due date, or by the horizon's last day."""

ROOT_LABEL = "as given"


def explore(
    scenario: Scenario,
    *,
    settings: SolveSettings | None = None,
    time_limit: float | None = None,
    seed: int | None = None,
    workers: int | None = None,
    parallel: int | None = None,
    hints: bool = True,
    lateness_weights: Sequence[int] = LATENESS_WEIGHTS,
    partner_counts: Sequence[int] | None = None,
    deadlines: Sequence[str] = DEADLINE_MODES,
    fee_shares: Sequence[float] = FEE_SHARES,
    surcharges: Sequence[float] = SURCHARGES,
) -> pd.DataFrame:
    """Plans of the scenario that trade lateness, extensions, fees, the lead's load and chunks.

    Every plan is made by :func:`mission_planner.plan` on the client's own ``scenario`` under
    a :class:`~mission_planner.policy.Policy`, and every figure is measured against the
    scenario. What is swept:

    1. **as given** — the scenario as written (the root: planned first, on its own);
    2. **date rules** — for each mode in ``deadlines``: every task by its due date
       (``"due"``: ``Policy(dates="asked")``, nothing may be late) or by the horizon's last
       day (``"horizon"``: any extension, even past the client's deadlines), with the roster,
       then with the lead alone: labels ``"deadlines at due dates"``, ``"deadlines at due
       dates, lead alone"``, ``"deadlines at horizon end"``, ``"deadlines at horizon end,
       lead alone"``;
    3. **partner caps** (epsilon constraints) — ``max_partners = k`` for each ``k`` in
       ``partner_counts`` (default: every ``k`` below the scenario's own cap and the roster's
       size, highest first): label ``"max k partner(s)"``, or ``"lead alone"`` for ``k = 0``
       (``roster="none"``);
    4. **weighted sweep** — weights ``lateness=L, partner_cost=1`` for each ``L`` in
       ``lateness_weights`` (the scenario's coordination, fragmentation and overtime weights
       kept): label ``"weights lateness=L fees=1"``. Lower ``L`` trades lateness for fees;
    5. **fee weights** — for each share ``s`` in ``fee_shares``, fees weigh ``1 / s`` times
       the scenario's ``partner_cost`` (rounded to an integer), the other weights kept: label
       ``"fees weighed x2"`` for ``s = 0.5``. A weight, not a cap: the plan tends to fewer
       fees, with no promise on how many;
    6. **surcharges** — new partners look ``1 + c`` times dearer to the solver for each ``c``
       in ``surcharges`` (fees are reported at their real rates): label ``"new partners
       +50%"``.

    The lead's hours are measured, not driven: weights cannot reward delegation, so plans with
    few lead hours come from the sweeps above.

    Budget: ``time_limit`` is for the whole call. Policies that read the scenario the same way
    as an earlier one (the same hard dates, people, caps, weights) are planned once. The root
    gets its share of the budget as if every plan took as long; then the other points, most
    wanted first (one of each sweep in turn, in the order above), are dealt to
    ``min(parallel, points)`` chains that run at once (threads, or ``settings.executor``),
    each plan getting what is left divided by the plans left in its chain. A point that
    cannot get :data:`~mission_planner.settings.MIN_SOLVE` seconds is not started and is
    listed in ``frame.attrs["skipped"]``. With ``hints``, each chain's first plan starts
    from the root's plan and each later plan from the previous one (``plan(...,
    hint=...)``).

    Parameters
    ----------
    scenario
        The client's scenario (never modified).
    settings
        Budget of the whole call, seed and workers of every solve, ``parallel`` solves at
        once, ``executor`` (see :class:`~mission_planner.settings.SolveSettings`). Default:
        :data:`EXPLORE_TIME_LIMIT` seconds.
    time_limit, seed, workers, parallel
        Shorthands for the fields of ``settings`` (a shorthand given wins). With
        ``workers=1`` and every plan proven optimal within its share, the frame repeats
        exactly.
    hints
        Start each solve from the previous plan of its chain.
    lateness_weights, partner_counts, deadlines, fee_shares, surcharges
        What sweeps 4, 3, 2, 5 and 6 cover (empty to skip one).

    Returns
    -------
    pandas.DataFrame
        One row per plan with distinct figures, columns
        :data:`~mission_planner.explore.PLAN_COLUMNS` (see ``docs/concepts.md``): ``policy``
        is the policy the plan was made under (check a row with ``check(scenario,
        row.result, row.policy)``); ``non_dominated`` is True for the Pareto-optimal rows
        over ``lateness``, ``extension_days``, ``partner_fees``, ``lead_hours`` and
        ``chunks`` (all minimised, compared to 6 decimals). Rows are sorted by those five
        figures, then label. ``frame.attrs``: ``"no_plan"`` maps the labels of points with no
        plan (infeasible, or none found in time) to the status and reason;
        ``"duplicates"`` maps the label of each plan whose figures (or whose reading of the
        scenario) repeat an earlier row's to that row's label; ``"skipped"`` lists the labels
        of the points not started for lack of time, most wanted first.

    Raises
    ------
    ValueError
        When a setting or a sweep value is invalid (the message names it and its value).
    """
    chosen = settings_of(
        settings,
        time_limit=time_limit,
        seed=seed,
        workers=workers,
        parallel=parallel,
        default_time_limit=EXPLORE_TIME_LIMIT,
    )
    clock = Clock(chosen.time_limit)
    sweep = sweep_points(
        scenario,
        lateness_weights=lateness_weights,
        partner_counts=partner_counts,
        deadlines=deadlines,
        fee_shares=fee_shares,
        surcharges=surcharges,
    )
    lanes = min(chosen.parallel, len(sweep.points))
    waves = math.ceil(len(sweep.points) / lanes) if lanes else 0
    root_limit = max(MIN_SOLVE, clock.left() / (1 + waves) - OVERHEAD)
    started = time.perf_counter()
    root = plan(scenario, policy=sweep.root.policy, settings=chosen.with_time(root_limit))
    overhead = max(OVERHEAD, time.perf_counter() - started - root_limit)
    made = solve_points(
        sweep.points,
        chosen,
        seconds=clock.left(),
        hint=root if hints and root.has_plan else None,
        hints=hints,
        overhead=overhead,
    )
    solved = [(sweep.root, root), *zip(sweep.points, made, strict=True)]
    return _frame(scenario, solved, sweep.same)


@dataclass
class Sweep:
    """The points of a sweep: the root, then the others, most wanted first.

    ``same`` maps the label of each point that reads the scenario as an earlier one does to
    that one's label (see :func:`reading`); such points are not in ``points``.
    """

    root: Point
    points: list[Point] = field(default_factory=list)
    same: dict[str, str] = field(default_factory=dict)
    _seen: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._seen[reading(self.root.scenario, self.root.policy)] = self.root.label

    def add(self, point: Point) -> None:
        """Keep ``point`` unless an earlier point reads the scenario the same way."""
        key = reading(point.scenario, point.policy)
        if key in self._seen:
            self.same[point.label] = self._seen[key]
        else:
            self._seen[key] = point.label
            self.points.append(point)


def reading(scenario: Scenario, policy: Policy | None) -> str:
    """What a solve of ``scenario`` under ``policy`` depends on, as a key.

    Two policies with the same key give the same problem: each task's hard limit, target and
    urgency, the partners allowed (none under a cap of 0), the partner cap (none when it is at
    least the partners allowed), the surcharge (none without an allowed new partner), weights
    and tranches.
    """
    policy = SCENARIO_AS_WRITTEN if policy is None else policy
    tasks = [t.id for t in scenario.mission.tasks]
    allowed = [p for p in scenario.partners if policy.allows(scenario, p.id)]
    cap = policy.partners_cap_for(scenario)
    if cap == 0:
        allowed = []
    if cap is not None and cap >= len(allowed):
        cap = None
    new = any(p.trust is Trust.NEW for p in allowed)
    return repr(
        (
            [policy.hard_limit(scenario, t) for t in tasks],
            [policy.target(scenario, t) for t in tasks],
            [policy.urgency.get(t, scenario.task(t).urgency) for t in tasks],
            [p.id for p in allowed],
            cap,
            policy.new_partner_surcharge if new else 0.0,
            policy.weights_for(scenario).model_dump(),
            policy.tranches_for(scenario),
        )
    )


def sweep_points(
    scenario: Scenario,
    *,
    lateness_weights: Sequence[int] = LATENESS_WEIGHTS,
    partner_counts: Sequence[int] | None = None,
    deadlines: Sequence[str] = DEADLINE_MODES,
    fee_shares: Sequence[float] = FEE_SHARES,
    surcharges: Sequence[float] = SURCHARGES,
) -> Sweep:
    """The root and the other points of :func:`explore`, most wanted first.

    The sweeps are interleaved (the first point of each, in the order date rules, partner
    caps, weights, fee weights, surcharges; then the second of each; ...), so that a short
    budget still covers every kind of trade-off.

    Raises
    ------
    ValueError
        When a sweep value is invalid (the message names it and its value).
    """
    _check_sweep(scenario, lateness_weights, partner_counts, deadlines, fee_shares, surcharges)
    own = scenario.weights
    dates: list[Point] = []
    for mode in deadlines:
        rule = "asked" if mode == "due" else "horizon"
        name = "deadlines at due dates" if mode == "due" else "deadlines at horizon end"
        dates += [
            Point(name, scenario, Policy(dates=rule)),
            Point(f"{name}, lead alone", scenario, Policy(dates=rule, roster="none")),
        ]
    counts = _partner_counts(scenario) if partner_counts is None else list(partner_counts)
    caps = [
        Point(_partners_label(k), scenario, _partners_policy(k))
        for k in sorted(set(counts), reverse=True)
    ]
    weighted = [
        Point(
            f"weights lateness={w} fees=1",
            scenario,
            Policy(weights=_weights(own, lateness=w, partner_cost=1)),
        )
        for w in lateness_weights
    ]
    fees = [
        Point(
            f"fees weighed x{1 / s:.3g}",
            scenario,
            Policy(weights=_weights(own, partner_cost=round(own.partner_cost / s))),
        )
        for s in fee_shares
    ]
    dearer = [
        Point(f"new partners +{100 * c:g}%", scenario, Policy(new_partner_surcharge=c))
        for c in surcharges
    ]
    sweep = Sweep(Point(ROOT_LABEL, scenario, SCENARIO_AS_WRITTEN))
    groups = [dates, caps, weighted, fees, dearer]
    for rank in range(max(map(len, groups))):
        for group in groups:
            if rank < len(group):
                sweep.add(group[rank])
    return sweep


def _weights(own: Weights, **changes: int) -> Weights:
    """``own`` with ``changes``, validated again."""
    return Weights.model_validate({**own.model_dump(), **changes})


def _partners_policy(k: int) -> Policy:
    return Policy(roster="none") if k == 0 else Policy(max_partners=k)


def _check_sweep(
    scenario: Scenario,
    lateness_weights: Sequence[int],
    partner_counts: Sequence[int] | None,
    deadlines: Sequence[str],
    fee_shares: Sequence[float],
    surcharges: Sequence[float],
) -> None:
    if not isinstance(scenario, Scenario):
        raise ValueError(f"explore: scenario is a {type(scenario).__name__}, not a Scenario")
    counts: tuple[tuple[str, Sequence[int]], ...] = (
        ("lateness_weights", lateness_weights),
        ("partner_counts", partner_counts or ()),
    )
    for name, values in counts:
        for v in values:
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise ValueError(
                    f"explore: {name}={list(values)!r} has {v!r}, not a non-negative integer"
                )
    for mode in deadlines:
        if mode not in DEADLINE_MODES:
            raise ValueError(
                f"explore: deadlines={list(deadlines)!r} has {mode!r}, "
                f"expected modes among {list(DEADLINE_MODES)}"
            )
    shares: tuple[tuple[str, Sequence[float], str], ...] = (
        ("fee_shares", fee_shares, "(0, 1)"),
        ("surcharges", surcharges, "(0, 10]"),
    )
    for name, fractions, interval in shares:
        for f in fractions:
            number = isinstance(f, int | float) and not isinstance(f, bool) and math.isfinite(f)
            inside = number and (0 < f < 1 if name == "fee_shares" else 0 < f <= 10)
            if not inside:
                raise ValueError(
                    f"explore: {name}={list(fractions)!r} has {f!r}, not a number in {interval}"
                )


def _partner_counts(scenario: Scenario) -> list[int]:
    """Every cap below the scenario's own (or the roster's size)."""
    roster = len(scenario.partners)
    cap = scenario.mission.max_partners
    top = roster if cap is None else min(cap, roster)
    return list(range(top)) if roster else []


def _partners_label(k: int) -> str:
    if k == 0:
        return "lead alone"
    return f"max {k} partner" + ("s" if k > 1 else "")


def _frame(
    scenario: Scenario, solved: list[tuple[Point, PlanResult | None]], same: dict[str, str]
) -> pd.DataFrame:
    rows = []
    no_plan: dict[str, str] = {}
    skipped: list[str] = []
    for point, result in solved:
        if result is None:
            skipped.append(point.label)
        elif result.has_plan:
            rows.append(plan_row(scenario, point.label, result, point.policy))
        else:
            why = "; ".join(result.explanation) or "no reason given"
            no_plan[point.label] = f"{result.status.value}: {why}"
    frame, duplicates = deduplicated(plan_frame(rows))
    frame = frame.copy()
    frame["non_dominated"] = non_dominated(frame)
    frame = frame.sort_values([*PARETO_COLUMNS, "label"], kind="stable").reset_index(drop=True)
    frame.attrs["no_plan"] = no_plan
    frame.attrs["duplicates"] = {**same, **duplicates}
    frame.attrs["skipped"] = skipped
    return frame
