"""``explore``: a set of non-dominated plans of a scenario, from weighted and epsilon sweeps."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field

import pandas as pd

from mission_planner.explore._variants_tmp import (
    deadlines_at_due,
    deadlines_at_horizon,
    lead_alone,
    with_weights,
)
from mission_planner.explore.chains import Chain, Point, SolveSettings, solve_chain
from mission_planner.explore.executors import local_processes, run_all
from mission_planner.explore.figures import PARETO_COLUMNS, plan_frame, plan_row
from mission_planner.explore.pareto import deduplicated, non_dominated
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario, Weights

LATENESS_WEIGHTS = (1000, 100, 10, 1, 0)
"""Default weights of an urgency-hour of lateness in the weighted sweep (a EUR of fees is 1)."""

FEE_SHARES = (0.5,)
"""Default shares of the as-given plan's partner hours (so fees) allowed in the fee-cap sweep."""

DEADLINE_MODES = ("due", "horizon")
"""Deadline variants: every deadline at its due date, or at the horizon's last day."""

ROOT_LABEL = "as given"


def explore(
    scenario: Scenario,
    *,
    time_limit: float = 2.0,
    seed: int = 0,
    workers: int = 1,
    executor: Executor | None = None,
    parallel: int | None = None,
    hints: bool = True,
    lateness_weights: Sequence[int] = LATENESS_WEIGHTS,
    partner_counts: Sequence[int] | None = None,
    deadlines: Sequence[str] = DEADLINE_MODES,
    fee_shares: Sequence[float] = FEE_SHARES,
) -> pd.DataFrame:
    """Plans of the scenario that trade lateness, extensions, fees, the lead's load and chunks.

    Every plan is made by :func:`mission_planner.plan` on a variant of the scenario (a
    re-validated scenario: other weights, ``max_partners`` or deadlines). What is swept:

    1. **as given** — the scenario itself, its own weights (the root: solved first);
    2. **weighted sweep** — the client's deadlines and the roster as given, weights
       ``lateness=L, partner_cost=1`` for each ``L`` in ``lateness_weights`` (the scenario's
       coordination, fragmentation and overtime weights kept): label
       ``"weights lateness=L fees=1"``. Lower ``L`` trades lateness for fees;
    3. **partner caps** (epsilon constraints) — the scenario's weights and deadlines,
       ``mission.max_partners = k`` for each ``k`` in ``partner_counts`` (default: every
       ``k`` below the scenario's own cap and the roster's size, highest first): label
       ``"max k partner(s)"``, or ``"lead alone"`` for ``k = 0``;
    4. **deadlines** — for each mode in ``deadlines``: every task's deadline at its due date
       (``"due"``: nothing may be late) or at the horizon's last day (``"horizon"``: any
       extension, even past the client's deadlines), with the roster as given, then with the
       lead alone: labels ``"deadlines at due dates"``, ``"deadlines at due dates, lead
       alone"``, ``"deadlines at horizon end"``, ``"deadlines at horizon end, lead alone"``.

    5. **fee caps** (epsilon constraints) — for each share ``s`` in ``fee_shares``, every
       partner working ``h`` hours in the root's plan gets ``max_hours = s x h`` (rounded down
       to the slot grid; never above their own cap): partner fees are at most ``s`` x the
       root's, exactly, since each partner's fee is hours x day rate. Scenario weights and
       client deadlines; label ``"partner fees at most 50% of as given"``. Nothing when the
       root's plan uses no partner.

    The lead's hours are measured, not driven: weights cannot reward delegation, so plans with
    few lead hours come from the sweeps above (a lateness-first weighting delegates as much as
    lateness needs).

    Variants identical to an earlier one are solved once. The root is solved first; sweeps 2,
    3, 5 and each deadline mode of 4 are chains solved in turn, in parallel with each other.
    With ``hints``, a chain's first plan starts from the root's plan and each later plan from
    the previous one (``plan(..., hint=...)``). The chains run on ``executor`` (see
    :mod:`mission_planner.explore.executors`).

    Parameters
    ----------
    scenario
        The scenario (never modified). Figures are measured against its due dates.
    time_limit, seed, workers
        Seconds per plan, CP-SAT's seed and workers for every solve. With ``workers=1`` and
        every plan proven optimal within ``time_limit``, the frame repeats exactly.
    executor
        Where the chains run: any ``concurrent.futures.Executor`` (e.g. Dask's
        ``Client.get_executor()``); ``None`` for local processes (``parallel`` of them; by
        default the usable cores divided by ``workers``), or in turn in this process when
        that is at most one.
    parallel
        Local processes when ``executor`` is ``None``.
    hints
        Start each solve from the previous plan of its chain.
    lateness_weights, partner_counts, deadlines, fee_shares
        What sweeps 2, 3, 4 and 5 cover (empty to skip one).

    Returns
    -------
    pandas.DataFrame
        One row per plan with distinct figures, columns
        :data:`~mission_planner.explore.PLAN_COLUMNS` (see ``docs/concepts.md``):
        ``non_dominated`` is True for the Pareto-optimal rows over ``lateness``,
        ``extension_days``, ``partner_fees``, ``lead_hours`` and ``chunks`` (all minimised,
        compared to 6 decimals). Rows are sorted by those five figures, then label. Variants
        with no plan (infeasible, or none found in time) are not rows: ``frame.attrs["no_plan"]``
        maps their labels to the status and reason; ``frame.attrs["duplicates"]`` maps the
        label of each plan whose figures repeat an earlier row's (or whose variant repeats an
        earlier variant) to that row's label.

    Raises
    ------
    ValueError
        When a setting or a sweep value is invalid (the message names it and its value).
    """
    settings = SolveSettings(time_limit=time_limit, seed=seed, workers=workers)
    _check_shares(fee_shares)
    local_processes(parallel, workers, 1)  # refuses a bad ``parallel`` before any solve
    sweep = sweep_points(
        scenario,
        lateness_weights=lateness_weights,
        partner_counts=partner_counts,
        deadlines=deadlines,
    )
    root = sweep.root
    (root_result,) = run_all(
        solve_chain, [Chain((root,), settings)], executor=executor, parallel=1, workers=workers
    )[0]
    sweep.add(fee_cap_points(scenario, root_result, fee_shares))
    start = root_result if hints and root_result.has_plan else None
    work = [Chain(tuple(points), settings, hint=start, hints=hints) for points in sweep.chains]
    results = run_all(solve_chain, work, executor=executor, parallel=parallel, workers=workers)
    solved: list[tuple[Point, PlanResult]] = [(root, root_result)]
    for points, plans in zip(sweep.chains, results, strict=True):
        solved += list(zip(points, plans, strict=True))
    return _frame(scenario, solved, sweep.same)


@dataclass
class Sweep:
    """The points of a sweep: the root, then chains; variants are kept once.

    ``same`` maps the label of each variant identical to an earlier one to that one's label.
    """

    root: Point
    chains: list[list[Point]] = field(default_factory=list)
    same: dict[str, str] = field(default_factory=dict)
    _seen: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._seen[_key(self.root.scenario)] = self.root.label

    def add(self, points: list[Point]) -> None:
        """Add a chain of the points whose variant is new (nothing when none is)."""
        kept = []
        for point in points:
            key = _key(point.scenario)
            if key in self._seen:
                self.same[point.label] = self._seen[key]
            else:
                self._seen[key] = point.label
                kept.append(point)
        if kept:
            self.chains.append(kept)


def sweep_points(
    scenario: Scenario,
    *,
    lateness_weights: Sequence[int] = LATENESS_WEIGHTS,
    partner_counts: Sequence[int] | None = None,
    deadlines: Sequence[str] = DEADLINE_MODES,
) -> Sweep:
    """The root and the chains of sweeps 2, 3 and 4 of :func:`explore`."""
    _check_sweep(scenario, lateness_weights, partner_counts, deadlines)
    sweep = Sweep(Point(ROOT_LABEL, scenario))
    own = scenario.weights
    sweep.add(
        [
            Point(
                f"weights lateness={w} fees=1",
                with_weights(
                    scenario,
                    Weights(
                        lateness=w,
                        partner_cost=1,
                        coordination=own.coordination,
                        fragmentation=own.fragmentation,
                        overtime=own.overtime,
                    ),
                ),
            )
            for w in lateness_weights
        ]
    )
    counts = _partner_counts(scenario) if partner_counts is None else list(partner_counts)
    sweep.add(
        [
            Point(_partners_label(k), _with_max_partners(scenario, k))
            for k in sorted(set(counts), reverse=True)
        ]
    )
    for mode in deadlines:
        variant = deadlines_at_due(scenario) if mode == "due" else deadlines_at_horizon(scenario)
        name = "deadlines at due dates" if mode == "due" else "deadlines at horizon end"
        sweep.add([Point(name, variant), Point(f"{name}, lead alone", lead_alone(variant))])
    return sweep


def fee_cap_points(scenario: Scenario, root: PlanResult, shares: Sequence[float]) -> list[Point]:
    """Sweep 5 of :func:`explore`: partner hours capped at shares of the root plan's.

    For each share ``s`` (largest first), every partner who works ``h`` hours in ``root``
    gets ``max_hours = min(max_hours, s * h)`` rounded down to the slot grid (when that is
    less than a slot, the partner is busy every day instead). Each partner's fee is hours x
    day rate, so the plan's partner fees are at most ``s`` x ``root``'s: an exact cap on fees.
    Nothing when ``root`` has no plan or uses no partner.
    """
    if not root.has_plan:
        return []
    work = root.schedule[root.schedule["kind"] == "mission"]
    hours = work.groupby("resource")["hours"].sum()
    used = {p.id: float(hours.get(p.id, 0.0)) for p in scenario.partners}
    if not any(used.values()):
        return []
    slot = scenario.granularity_minutes / 60
    points = []
    for share in sorted(set(shares), reverse=True):
        data = scenario.model_dump()
        partners = []
        for partner in data["partners"]:
            worked = used[partner["id"]]
            if worked > 0:
                cap = math.floor(share * worked / slot + 1e-9) * slot
                if partner["max_hours"] is not None:
                    cap = min(cap, partner["max_hours"])
                if cap > 0:
                    partner = {**partner, "max_hours": cap}
                else:
                    partner = {**partner, "busy": _every_day(scenario)}
            partners.append(partner)
        data["partners"] = partners
        label = f"partner fees at most {100 * share:g}% of as given"
        points.append(Point(label, Scenario.model_validate(data)))
    return points


def _every_day(scenario: Scenario) -> list[dict[str, object]]:
    days = (scenario.end - scenario.start).days + 1
    return [
        {"date": scenario.start + dt.timedelta(days=i), "reason": "fee cap"} for i in range(days)
    ]


def _check_shares(shares: Sequence[float]) -> None:
    for share in shares:
        if not (isinstance(share, int | float) and 0 < share < 1):
            raise ValueError(
                f"explore: fee_shares={list(shares)!r} has {share!r}, not a number in (0, 1)"
            )


def _check_sweep(
    scenario: Scenario,
    lateness_weights: Sequence[int],
    partner_counts: Sequence[int] | None,
    deadlines: Sequence[str],
) -> None:
    for w in lateness_weights:
        if not isinstance(w, int) or isinstance(w, bool) or w < 0:
            raise ValueError(
                f"explore: lateness_weights={list(lateness_weights)!r} has {w!r}, "
                "not a non-negative integer"
            )
    for k in partner_counts or ():
        if not isinstance(k, int) or isinstance(k, bool) or k < 0:
            raise ValueError(
                f"explore: partner_counts={list(partner_counts or ())!r} has {k!r}, "
                "not a non-negative integer"
            )
    for mode in deadlines:
        if mode not in DEADLINE_MODES:
            raise ValueError(
                f"explore: deadlines={list(deadlines)!r} has {mode!r}, "
                f"expected modes among {list(DEADLINE_MODES)}"
            )
    if not isinstance(scenario, Scenario):
        raise ValueError(f"explore: scenario is a {type(scenario).__name__}, not a Scenario")


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


def _with_max_partners(scenario: Scenario, k: int) -> Scenario:
    data = scenario.model_dump()
    data["mission"] = {**data["mission"], "max_partners": k}
    return Scenario.model_validate(data)


def _key(scenario: Scenario) -> str:
    return scenario.model_dump_json()


def _frame(
    original: Scenario, solved: list[tuple[Point, PlanResult]], same: dict[str, str]
) -> pd.DataFrame:
    rows = []
    no_plan: dict[str, str] = {}
    for point, result in solved:
        if result.has_plan:
            rows.append(plan_row(original, point.label, result))
        else:
            why = "; ".join(result.explanation) or "no reason given"
            no_plan[point.label] = f"{result.status.value}: {why}"
    frame, duplicates = deduplicated(plan_frame(rows))
    frame = frame.copy()
    frame["non_dominated"] = non_dominated(frame)
    frame = frame.sort_values([*PARETO_COLUMNS, "label"], kind="stable").reset_index(drop=True)
    frame.attrs["no_plan"] = no_plan
    frame.attrs["duplicates"] = {**same, **duplicates}
    return frame
