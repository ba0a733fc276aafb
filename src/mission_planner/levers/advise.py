"""Advice: compare the ways to take the mission, recommend one, and write to the client.

Options
-------
Each option is a scenario variant planned with the same solver settings:

==============  =========================================================================
``as_asked``    the lead alone, every deadline at its due date (no date moves)
``negotiate``   the lead alone, any extension (:func:`~.negotiate.negotiate`, analyses off)
``delegate``    partners, every deadline at its due date (:func:`~.delegate.delegate`)
``spread``      the lead alone in tranches, the client's deadlines (:func:`~.spread.spread`)
``mix``         partners + tranches + extensions within the client's flexibility
==============  =========================================================================

Every option keeps ``max_tranches``, ``max_partners``, skills, ``delegable``, calendars and the
order book. The mix is solved with weights that follow the policy (lateness weight raised to
:data:`POLICY_LATENESS`); when no plan of the mix meets the client's deadlines it is solved
again with every deadline at the horizon's end (the *stretch*), which says what would have to
change. The mix then keeps the best plan under the policy among its own, the stretch's and the
single levers' (each of those plans is also a plan of the mix's rules, or of the stretch's), so
it is never worse than a single lever.

Policy
------
Options are ranked by, in order:

1. the client's hard limits: a plan within every deadline, ``max_tranches`` and
   ``max_partners`` first; then a plan past some deadline; then no plan;
2. urgency-weighted lateness (urgency x hours past the asked dates), lower first;
3. the mission margin (price less partner fees at real rates), higher first;
4. the lead's load on the mission (own hours plus coordination hours), lower first;
5. fragmentation: chunks, then deliveries (tranches), fewer first;
6. the order of preference: as asked, negotiate, delegate, spread, mix.

The recommendation follows from the best option's plan: accept as asked (no partner, no date
moved), with negotiated dates (dates moved; the negotiate option), with a spread échéancier
(dates moved; the spread option), with partners (no date moved), a mix (partners and moved
dates), or decline when no option meets the client's hard limits.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import pandas as pd

from mission_planner.levers import messages
from mission_planner.levers._common import (
    Settings,
    asked_instant,
    deadline_instant,
    frame,
    lead_working_days,
    solve,
    working_days_between,
)
from mission_planner.levers.delegate import DEFAULT_SURCHARGE, DelegationResult, delegate
from mission_planner.levers.negotiate import NegotiationResult, negotiate
from mission_planner.levers.restate import recommended_plan
from mission_planner.levers.spread import SpreadResult, spread
from mission_planner.levers.variants import (
    deadlines_at_due,
    deadlines_at_horizon,
    lead_alone,
    surcharge_new_partners,
    trusted_only,
    with_weights,
)
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario, Weights
from mission_planner.status import Status

POLICY_LATENESS = 100_000
"""Lateness weight (at least) of the mix and stretch solves: one urgency-hour late outweighs
100,000 EUR of fees, so the solver follows the policy's order."""

OPTIONS = ("as_asked", "negotiate", "delegate", "spread", "mix")
"""Options in the order of preference (the policy's last criterion)."""

LEVERS = {
    "as_asked": (),
    "negotiate": ("negotiate",),
    "delegate": ("delegate",),
    "spread": ("spread",),
    "mix": ("negotiate", "delegate", "spread"),
}
"""Levers each option may pull."""

COMPARISON_COLUMNS = {
    "option": "string",
    "levers": "string",
    "status": "string",
    "feasible": "bool",
    "within_limits": "bool",
    "late_tasks": "Int64",
    "total_extension_days": "Int64",
    "weighted_lateness": "float64",
    "beyond_deadline_tasks": "Int64",
    "partners": "Int64",
    "partner_names": "string",
    "invoices": "Int64",
    "margin": "float64",
    "lead_hours": "float64",
    "coordination_hours": "float64",
    "chunks": "Int64",
    "tranches": "Int64",
    "rank": "int64",
    "runtime": "float64",
}
"""Columns of :attr:`Advice.comparison`, one row per option (see :class:`Advice`)."""


class Recommendation(StrEnum):
    """What to answer the client."""

    AS_ASKED = "accept as asked"
    NEGOTIATED = "accept with negotiated dates"
    PARTNERS = "accept with partners"
    SPREAD = "accept with a spread échéancier"
    MIX = "accept with a mix"
    DECLINE = "decline"


@dataclass(frozen=True)
class Option:
    """One way to take the mission: the variant planned, its plan and its figures.

    Figures are measured against the original scenario: ``weighted_lateness`` (urgency x
    hours past the asked dates), ``late_tasks``, ``total_extension_days`` (lead's working days
    past the asked dates, summed over tasks), ``beyond_deadline`` (tasks past the client's
    deadline), ``partners`` who work, ``margin`` (price less partner fees at real rates),
    ``lead_hours`` (own mission hours plus ``coordination_hours``), ``chunks``, ``tranches``.
    """

    name: str
    scenario: Scenario
    plan: PlanResult
    within_limits: bool
    weighted_lateness: float
    late_tasks: int
    total_extension_days: int
    beyond_deadline: tuple[str, ...]
    partners: tuple[str, ...]
    margin: float
    lead_hours: float
    coordination_hours: float
    chunks: int
    tranches: int
    runtime: float
    adopted_from: str | None = None
    own_status: Status | None = None
    """Status of the option's own solve when it adopted another plan (see ``adopted_from``)."""

    @property
    def solve_status(self) -> Status:
        """Status of the option's own solve (for an adopted plan, not the adopted plan's)."""
        return self.own_status if self.own_status is not None else self.plan.status

    @property
    def feasible(self) -> bool:
        """True when the option has a plan."""
        return self.plan.has_plan

    @property
    def dates_moved(self) -> bool:
        """True when some task is delivered after its asked date."""
        return self.late_tasks > 0

    def key(self) -> tuple[Any, ...]:
        """The policy's sort key (lower is better), the order of preference last."""
        tier = 0 if self.within_limits else (1 if self.feasible else 2)
        if not self.feasible:
            return (tier, 0.0, 0.0, 0.0, 0, 0, OPTIONS.index(self.name))
        return (
            tier,
            round(self.weighted_lateness, 6),
            -round(self.margin, 2),
            round(self.lead_hours, 4),
            self.chunks,
            self.tranches,
            OPTIONS.index(self.name),
        )


@dataclass(frozen=True)
class Advice:
    """The options compared, the recommendation and the message to the client.

    Attributes
    ----------
    scenario
        The scenario as given.
    options
        Each option by name (:data:`OPTIONS`), with its variant and plan.
    comparison
        One row per option, best first: ``option``, ``levers``, ``status``, ``feasible`` (a
        plan), ``within_limits`` (the client's hard limits), ``late_tasks``,
        ``total_extension_days`` (working days past the asked dates, summed),
        ``weighted_lateness``, ``beyond_deadline_tasks``, ``partners`` and ``partner_names``,
        ``invoices`` (one per firm: the lead's plus one per partner), ``margin``,
        ``lead_hours`` (own mission hours plus coordination), ``coordination_hours``,
        ``chunks``, ``tranches``, ``rank`` (1 = best), ``runtime`` (s). Integer figures are
        ``<NA>`` without a plan.
    best
        The option recommended, or ``None`` when declining.
    recommendation
        See :class:`Recommendation`.
    headline, reasons, changes
        The recommendation in one line, why (in plain words), and when declining what would
        have to change (smallest extension, partner skills missing); in ``language``.
    message, messages
        The message to the client in ``language``, and in both languages (``"fr"``, ``"en"``).
    negotiation, delegation, spreading
        The single levers' full results.
    stretch
        All levers with every deadline at the horizon's end (computed when declining).
    runtime, language
        Seconds for the call; the consultant's language.
    """

    scenario: Scenario
    options: dict[str, Option]
    comparison: pd.DataFrame
    best: str | None
    recommendation: Recommendation
    headline: str
    reasons: list[str]
    changes: list[str]
    message: str
    messages: dict[str, str]
    negotiation: NegotiationResult
    delegation: DelegationResult
    spreading: SpreadResult
    stretch: Option | None = None
    runtime: float = 0.0
    language: str = "fr"

    @property
    def recommended_plan(self) -> PlanResult | None:
        """The recommended option's plan restated against :attr:`scenario` (None: decline).

        Options are planned on variants of the scenario (see :mod:`~mission_planner.levers`);
        this is the chosen plan with the deadlines, rates, fees and margin of the scenario as
        given, so ``check(advice.scenario, advice.recommended_plan)`` reads it as a plan of
        that scenario (see :func:`~mission_planner.levers.restate.restate`).
        """
        return recommended_plan(self)

    @property
    def chosen(self) -> Option | None:
        """The recommended option."""
        return None if self.best is None else self.options[self.best]

    def summary(self) -> str:
        """The recommendation, the reasons, the comparison and the message, to print."""
        lines = [self.headline, *(f"  - {r}" for r in self.reasons)]
        if self.changes:
            lines += [
                "Ce qu'il faudrait changer :"
                if self.language == "fr"
                else "What would have to change:",
                *(f"  - {c}" for c in self.changes),
            ]
        shown = self.comparison.drop(columns=["levers", "status", "runtime"])
        lines += ["", shown.to_string(index=False), "", self.message]
        return "\n".join(lines)


def advise(
    scenario: Scenario,
    *,
    time_limit: float = 5.0,
    seed: int = 0,
    workers: int = 2,
    language: str = "fr",
    require_trusted: bool = False,
    new_partner_surcharge: float = DEFAULT_SURCHARGE,
    parallel: int = len(OPTIONS),
) -> Advice:
    """Evaluate every way to take the mission and recommend one.

    Parameters
    ----------
    scenario
        The scenario as given (never modified).
    time_limit
        Seconds for each option's solve; the spread option's fewer-tranche trials and the
        stretch take up to ``min(2, time_limit)`` and ``time_limit`` more.
    seed, workers
        CP-SAT settings of every solve.
    language
        The consultant's language, ``"fr"`` or ``"en"``, for the headline, reasons and
        :attr:`Advice.message` (both messages are always in :attr:`Advice.messages`).
    require_trusted, new_partner_surcharge
        Trust rules for partners (see :mod:`~mission_planner.levers.delegate`).
    parallel
        Options solved at once (threads; all five by default).

    Returns
    -------
    Advice
        The comparison, the recommendation and the messages.
    """
    started = time.perf_counter()
    messages.check_language(language)
    settings = Settings(time_limit, seed, workers, parallel=parallel)
    as_asked_variant = with_weights(deadlines_at_due(lead_alone(scenario)), policy(scenario))
    mix_variant = with_weights(
        _partners(
            scenario, require_trusted=require_trusted, new_partner_surcharge=new_partner_surcharge
        ),
        policy(scenario),
    )

    def timed_solve(variant: Scenario) -> tuple[PlanResult, float]:
        t0 = time.perf_counter()
        return solve(variant, settings), time.perf_counter() - t0

    def run_negotiate() -> NegotiationResult:
        return negotiate(
            scenario,
            time_limit=time_limit,
            seed=seed,
            workers=workers,
            earliest=False,
            probes=False,
            sweep=False,
            parallel=1,
            language=language,
        )

    def run_delegate() -> DelegationResult:
        return delegate(
            scenario,
            time_limit=time_limit,
            seed=seed,
            workers=workers,
            require_trusted=require_trusted,
            new_partner_surcharge=new_partner_surcharge,
            language=language,
        )

    def run_spread() -> SpreadResult:
        return spread(
            scenario,
            time_limit=time_limit,
            seed=seed,
            workers=workers,
            language=language,
        )

    with ThreadPoolExecutor(max_workers=parallel) as pool:
        f_asked = pool.submit(timed_solve, as_asked_variant)
        f_mix = pool.submit(timed_solve, mix_variant)
        f_neg = pool.submit(run_negotiate)
        f_del = pool.submit(run_delegate)
        f_spr = pool.submit(run_spread)
        asked_plan, asked_time = f_asked.result()
        mix_plan, mix_time = f_mix.result()
        negotiation, delegation, spreading = f_neg.result(), f_del.result(), f_spr.result()

    options = {
        "as_asked": measure(scenario, "as_asked", as_asked_variant, asked_plan, asked_time),
        "negotiate": measure(
            scenario, "negotiate", negotiation.scenario, negotiation.plan, negotiation.runtime
        ),
        "delegate": measure(
            scenario, "delegate", delegation.scenario, delegation.plan, delegation.runtime
        ),
        "spread": measure(
            scenario, "spread", spreading.scenario, spreading.plan, spreading.runtime
        ),
    }
    mix = measure(scenario, "mix", mix_variant, mix_plan, mix_time)
    stretch = None
    if not mix.within_limits:
        stretch_variant = deadlines_at_horizon(mix_variant)
        t0 = time.perf_counter()
        stretch_plan = solve(stretch_variant, settings)
        stretch = measure(scenario, "mix", stretch_variant, stretch_plan, time.perf_counter() - t0)
    options["mix"] = _best_mix(mix, stretch, list(options.values()))
    ranked = sorted(options.values(), key=Option.key)
    best = ranked[0] if ranked[0].within_limits else None
    recommendation = _recommend(best)
    context = messages.AdviceContext(
        scenario=scenario,
        options=options,
        best=best,
        recommendation=recommendation.name,
        negotiation=negotiation,
        delegation=delegation,
        spreading=spreading,
        stretch=stretch,
    )
    texts = {lang: messages.client_message(context, lang) for lang in messages.LANGUAGES}
    return Advice(
        scenario=scenario,
        options=options,
        comparison=_comparison(ranked),
        best=None if best is None else best.name,
        recommendation=recommendation,
        headline=messages.headline(context, language),
        reasons=messages.reasons(context, language),
        changes=messages.changes(context, language) if best is None else [],
        message=texts[language],
        messages=texts,
        negotiation=negotiation,
        delegation=delegation,
        spreading=spreading,
        stretch=stretch,
        runtime=time.perf_counter() - started,
        language=language,
    )


def policy(scenario: Scenario) -> Weights:
    """The scenario's weights with lateness raised to at least :data:`POLICY_LATENESS`."""
    weights = scenario.weights
    return Weights.model_validate(
        {**weights.model_dump(), "lateness": max(weights.lateness, POLICY_LATENESS)}
    )


def _partners(
    scenario: Scenario, *, require_trusted: bool, new_partner_surcharge: float
) -> Scenario:
    """The roster under the trust rules, the client's own deadlines kept."""
    variant = trusted_only(scenario) if require_trusted else scenario
    if new_partner_surcharge:
        variant = surcharge_new_partners(variant, new_partner_surcharge)
    return variant


def measure(
    original: Scenario, name: str, variant: Scenario, result: PlanResult, runtime: float
) -> Option:
    """An :class:`Option`: the plan's figures against ``original``."""
    if not result.has_plan:
        return Option(
            name, variant, result, False, float("nan"), 0, 0, (), (), 0.0, 0.0, 0.0, 0, 0, runtime
        )
    working = lead_working_days(original)
    weighted, late, days, beyond = 0.0, 0, 0, []
    for d in result.deliveries.to_dict("records"):
        task = original.task(str(d["task"]))
        asked = asked_instant(original, task.id)
        delivery = pd.Timestamp(d["delivery"])
        if delivery > asked:
            late += 1
            weighted += task.urgency * (delivery - asked) / pd.Timedelta(hours=1)
            days += working_days_between(working, asked, delivery)
        if delivery > deadline_instant(original, task.id):
            beyond.append(task.id)
    work = result.schedule[result.schedule["kind"] == "mission"]
    hours = work.groupby("resource")["hours"].sum()
    partners = tuple(p.id for p in original.partners if float(hours.get(p.id, 0.0)) > 0)
    fees = sum(
        float(hours.get(p.id, 0.0)) / original.hours_per_day * p.day_rate for p in original.partners
    )
    revenue = (
        sum(t.effort_hours for t in original.mission.tasks)
        / original.hours_per_day
        * original.mission.sale_day_rate
    )
    coordination = float(result.objective_terms.get("coordination_hours", 0.0))
    cap = original.mission.max_partners
    within = (
        not beyond
        and len(result.tranches) <= original.mission.max_tranches
        and (cap is None or len(partners) <= cap)
    )
    return Option(
        name=name,
        scenario=variant,
        plan=result,
        within_limits=within,
        weighted_lateness=weighted,
        late_tasks=late,
        total_extension_days=days,
        beyond_deadline=tuple(beyond),
        partners=partners,
        margin=revenue - fees,
        lead_hours=float(hours.get(original.lead.id, 0.0)) + coordination,
        coordination_hours=coordination,
        chunks=int(result.objective_terms.get("chunks", 0)),
        tranches=len(result.tranches),
        runtime=runtime,
    )


def _best_mix(mix: Option, stretch: Option | None, singles: list[Option]) -> Option:
    """The mix keeps the best plan (policy) among its own, the stretch's and the singles'."""
    candidates = [mix] + ([stretch] if stretch is not None else []) + singles
    best = min(candidates, key=lambda o: o.key()[:-1])
    if best is mix:
        return mix
    source = "stretch" if best is stretch else best.name
    return Option(
        **{
            **best.__dict__,
            "name": "mix",
            "runtime": mix.runtime + (stretch.runtime if stretch else 0.0),
            "adopted_from": source,
            "own_status": mix.plan.status,
        }
    )


def _recommend(best: Option | None) -> Recommendation:
    if best is None:
        return Recommendation.DECLINE
    if best.partners and best.dates_moved:
        return Recommendation.MIX
    if best.partners:
        return Recommendation.PARTNERS
    if not best.dates_moved:
        return Recommendation.AS_ASKED
    if best.name == "spread" or (best.name == "mix" and best.adopted_from == "spread"):
        return Recommendation.SPREAD
    return Recommendation.NEGOTIATED


def _comparison(ranked: list[Option]) -> pd.DataFrame:
    rows: list[dict[str, object]] = []
    for rank, o in enumerate(ranked, start=1):
        has = o.feasible
        rows.append(
            {
                "option": o.name,
                "levers": "+".join(LEVERS[o.name]) or "-",
                "status": o.plan.status.value
                + (f" (plan of {o.adopted_from})" if o.adopted_from else ""),
                "feasible": has,
                "within_limits": o.within_limits,
                "late_tasks": o.late_tasks if has else None,
                "total_extension_days": o.total_extension_days if has else None,
                "weighted_lateness": o.weighted_lateness,
                "beyond_deadline_tasks": len(o.beyond_deadline) if has else None,
                "partners": len(o.partners) if has else None,
                "partner_names": ",".join(o.partners),
                "invoices": 1 + len(o.partners) if has else None,
                "margin": o.margin if has else float("nan"),
                "lead_hours": o.lead_hours if has else float("nan"),
                "coordination_hours": o.coordination_hours if has else float("nan"),
                "chunks": o.chunks if has else None,
                "tranches": o.tranches if has else None,
                "rank": rank,
                "runtime": o.runtime,
            }
        )
    return frame(rows, COMPARISON_COLUMNS)


__all__ = [
    "COMPARISON_COLUMNS",
    "LEVERS",
    "OPTIONS",
    "POLICY_LATENESS",
    "Advice",
    "Option",
    "Recommendation",
    "advise",
    "measure",
    "policy",
]
