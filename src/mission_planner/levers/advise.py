"""Advice: the ways to take the mission in the problem's order, one recommendation, the message.

The options and the rule that picks one are in :mod:`~mission_planner.levers.options`. Each
option is the client's scenario planned under a policy; all of them share the call's budget
(:class:`~mission_planner.settings.SolveSettings`): the five options first (60 % of it), then
what the answer needs:

* when ``spread`` holds with more deliveries than the client planned, the fewest that still
  hold (one solve per count);
* when the scenario has opportunities (missions not yet won), what the recommended plan's
  promises become if each is also won (:func:`~mission_planner.levers.opportunities.if_won`);
* when no option holds, the **counter-proposal**: every lever, any date in the horizon, the
  smallest urgency-weighted extension (:data:`~mission_planner.levers.options.COUNTER`). Its
  dates are what to propose to the client, and why.

The recommendation never closes the door while a counter-proposal exists: ``decline`` only
when no plan exists within the horizon (with the reason), and "no answer within the time
limit" (:attr:`Recommendation.UNDECIDED`) is its own answer, never worded as impossible.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from mission_planner.billing import invoices_count, milestone_table
from mission_planner.contract import empty_tables
from mission_planner.levers.facts import Recommendation, advice_facts
from mission_planner.levers.opportunities import IF_WON_COLUMNS, if_won, if_won_facts
from mission_planner.levers.options import (
    COUNTER,
    DEFAULT_SURCHARGE,
    LEVERS,
    OPTIONS,
    Option,
    Prefer,
    choose,
    measure,
    option_policies,
)
from mission_planner.levers.solving import Solved, frame, not_run, solve_policies
from mission_planner.policy import Policy, Treatment
from mission_planner.report import advice_report
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.settings import Clock, SolveSettings, settings_of
from mission_planner.texts import LANGUAGES, check_language
from mission_planner.texts.advice import advice_texts
from mission_planner.workdays import WorkingDays

OPTIONS_SHARE = 0.6
LATER_SHARE = 0.8
"""Fractions of the time left for the five options, then for the later solves (fewer
deliveries, the counter-proposal); the rest is kept to measure the plans and write the texts."""

COMPARISON_COLUMNS = {
    "option": "string",
    "levers": "string",
    "status": "string",
    "holds": "bool",
    "late_tasks": "Int64",
    "late_working_days": "Int64",
    "weighted_lateness": "float64",
    "beyond_accepted_tasks": "Int64",
    "partners": "Int64",
    "partner_names": "string",
    "invoices": "Int64",
    "fees": "float64",
    "margin": "float64",
    "lead_hours": "float64",
    "coordination_hours": "float64",
    "tranches": "Int64",
    "overrides": "string",
    "recommended": "bool",
    "runtime": "float64",
}
"""Columns of :attr:`Advice.comparison`, one row per option in the problem's order."""

PROPOSAL_COLUMNS = {
    "task": "string",
    "name": "string",
    "asked_day": "datetime64[ns]",
    "accepted_day": "datetime64[ns]",
    "proposed_day": "datetime64[ns]",
    "beyond_accepted_working_days": "int64",
}
"""Columns of :attr:`Advice.proposals`: the dates of the counter-proposal, per task."""

TRADEOFF_COLUMNS = {
    "option": "string",
    "margin_difference": "float64",
    "late_working_days_difference": "int64",
    "fees": "float64",
}
"""Columns of :attr:`Advice.tradeoffs`: each other option that holds against the chosen one
(``margin_difference`` = chosen's margin less the option's; ``late_working_days_difference``
= chosen's working days past the days asked less the option's)."""


@dataclass(frozen=True)
class Advice:
    """The options compared, the recommendation and the message to the client.

    Attributes
    ----------
    scenario
        The client's scenario, as given: every figure is measured against it.
    options
        Each option by name (:data:`~mission_planner.levers.options.OPTIONS`).
    comparison
        One row per option (:data:`COMPARISON_COLUMNS`), in the problem's order.
    best
        The name of the option recommended, or ``None`` (counter-proposal, no answer,
        decline).
    recommendation, prefer
        See :class:`Recommendation`; the rule used (``"levers"``, ``"on_time"``, ``"margin"``).
    counter
        The counter-proposal (every lever, any date in the horizon), when no option holds.
    proposals
        Its dates per task (:data:`PROPOSAL_COLUMNS`); empty when there is none.
    tradeoffs
        Each other option that holds against the chosen one (:data:`TRADEOFF_COLUMNS`).
    if_won
        For each opportunity the recommended plan does not reserve in full, each task's
        promised day and its day if the opportunity is also won (:data:`IF_WON_COLUMNS`);
        empty without opportunities or without a plan.
    milestones
        The recommended plan's échéancier as invoicing milestones
        (:data:`~mission_planner.billing.MILESTONE_COLUMNS`); empty without a plan.
    headline, reasons, changes
        The recommendation in one line; each option and why this one; what would have to
        change (when no option holds); in ``language``.
    message, messages
        The message to the client in ``language``, and in every language.
    runtime, language, settings
        Seconds for the call; the consultant's language; the settings used.
    """

    scenario: Scenario
    options: dict[str, Option]
    comparison: pd.DataFrame
    best: str | None
    recommendation: Recommendation
    prefer: Prefer
    counter: Option | None
    proposals: pd.DataFrame
    tradeoffs: pd.DataFrame
    if_won: pd.DataFrame
    milestones: pd.DataFrame
    headline: str
    reasons: list[str]
    changes: list[str]
    message: str
    messages: dict[str, str]
    runtime: float
    language: str
    settings: SolveSettings

    @property
    def chosen(self) -> Option | None:
        """The option recommended, or the counter-proposal when that is the answer."""
        if self.best is not None:
            return self.options[self.best]
        if self.recommendation is Recommendation.COUNTER_PROPOSAL:
            return self.counter
        return None

    @property
    def recommended_plan(self) -> PlanResult | None:
        """The plan behind the recommendation (``None``: no answer, or decline).

        ``check(advice.scenario, advice.recommended_plan, advice.recommended_policy)`` is
        empty; the as-asked, negotiate and delegate options also keep every limit of the
        client (``check(advice.scenario, advice.recommended_plan) == []``).
        """
        chosen = self.chosen
        return None if chosen is None else chosen.plan

    @property
    def recommended_policy(self) -> Policy | None:
        """The policy the recommended plan was made under."""
        chosen = self.chosen
        return None if chosen is None else chosen.policy

    def to_html(self, language: str | None = None) -> str:
        """The self-contained HTML report of this advice (see :mod:`mission_planner.report`)."""
        return advice_report(self, language)

    def summary(self) -> str:
        """The recommendation, the reasons, the comparison and the message, to print."""
        lines = [self.headline, *(f"  - {r}" for r in self.reasons)]
        lines += [f"  * {c}" for c in self.changes]
        shown = self.comparison.drop(columns=["levers", "runtime"])
        lines += ["", shown.to_string(index=False), "", self.message]
        return "\n".join(lines)


def advise(
    scenario: Scenario,
    *,
    settings: SolveSettings | None = None,
    time_limit: float | None = None,
    seed: int | None = None,
    workers: int | None = None,
    parallel: int | None = None,
    language: str = "fr",
    prefer: Prefer = "levers",
    require_trusted: bool = False,
    new_partner_surcharge: float = DEFAULT_SURCHARGE,
    opportunities: Treatment = "ignore",
) -> Advice:
    """Evaluate the ways to take the mission, in the problem's order, and recommend one.

    Parameters
    ----------
    scenario
        The client's scenario (never modified).
    settings
        The budget for the whole call, seed, workers and ``parallel`` (options solved at
        once; at most ``workers x parallel`` solver threads). Default: 10 s, one option at a
        time.
    time_limit, seed, workers, parallel
        Shorthands for the fields of ``settings``.
    language
        The consultant's language (``"fr"`` or ``"en"``) for the headline, the reasons and
        :attr:`Advice.message`; :attr:`Advice.messages` has every language.
    prefer
        The rule that picks the option (:func:`~mission_planner.levers.options.choose`).
    require_trusted, new_partner_surcharge
        Only partners the lead knows may work; or new partners look this much dearer to the
        solver (fees are reported at real rates).
    opportunities
        How every option treats the scenario's missions not yet won (``"ignore"``,
        ``"expected"``, ``"all"``; see :class:`~mission_planner.policy.Policy`). The
        recommended plan is then re-checked with each opportunity also won, in what is left
        of the budget (:attr:`Advice.if_won`).

    Returns
    -------
    Advice
        The comparison, the recommendation, its reasons and the messages.
    """
    check_language(language)
    chosen_settings = settings_of(
        settings, time_limit=time_limit, seed=seed, workers=workers, parallel=parallel
    )
    clock = Clock(chosen_settings.time_limit)
    policies = option_policies(
        scenario,
        require_trusted=require_trusted,
        new_partner_surcharge=new_partner_surcharge,
        opportunities=opportunities,
    )
    working = WorkingDays.of(scenario)
    jobs = [(name, policies[name]) for name in OPTIONS]
    solved = solve_policies(scenario, jobs, chosen_settings, clock, share=OPTIONS_SHARE)
    options = {
        name: measure(scenario, s, working)
        if s is not None
        else _not_run(scenario, name, policies[name], chosen_settings, working)
        for (name, _), s in zip(jobs, solved, strict=True)
    }
    best = choose(options, prefer)
    counter: Option | None = None
    later: list[tuple[str, Policy]] = []
    spread = options["spread"]
    if best is spread and spread.tranches > scenario.mission.max_tranches:
        later += [
            (f"spread:{k}", replace_tranches(spread.policy, k))
            for k in range(scenario.mission.max_tranches + 1, spread.tranches)
        ]
    if best is None:
        later.append((COUNTER, policies[COUNTER]))
    if later:
        extra = solve_policies(scenario, later, chosen_settings, clock, share=LATER_SHARE)
        for (label, _), s in zip(later, extra, strict=True):
            if s is None:
                continue
            option = measure(scenario, s, working)
            if label == COUNTER:
                counter = option
            elif option.holds and option.tranches < options["spread"].tranches:
                options["spread"] = _renamed(option, "spread")
        best = choose(options, prefer)
    recommendation = _recommend(best, options, counter)
    tradeoffs = _tradeoffs(best, options)
    proposals = _proposals(counter) if recommendation is Recommendation.COUNTER_PROPOSAL else None
    comparison = _comparison(scenario, options, best)
    answered = best if best is not None else (counter if counter and counter.holds else None)
    won = if_won(scenario, answered, chosen_settings, clock, LATER_SHARE)
    milestones = milestone_table(
        scenario, answered.plan.deliveries if answered else empty_tables()["deliveries"]
    )
    facts = advice_facts(prefer, scenario, options, best, recommendation, counter, tradeoffs)
    facts["if_won"] = if_won_facts(won)
    texts = {lang: advice_texts(facts, lang) for lang in LANGUAGES}
    mine = texts[language]
    return Advice(
        scenario=scenario,
        options=options,
        comparison=comparison,
        best=None if best is None else best.name,
        recommendation=recommendation,
        prefer=prefer,
        counter=counter,
        proposals=proposals if proposals is not None else frame([], PROPOSAL_COLUMNS),
        tradeoffs=tradeoffs,
        if_won=won,
        milestones=milestones,
        headline=mine.headline,
        reasons=mine.reasons,
        changes=mine.changes,
        message=mine.message,
        messages={lang: t.message for lang, t in texts.items()},
        runtime=clock.elapsed(),
        language=language,
        settings=chosen_settings,
    )


def replace_tranches(policy: Policy, count: int) -> Policy:
    """``policy`` with at most ``count`` deliveries."""
    return policy.model_copy(update={"max_tranches": count})


def _renamed(option: Option, name: str) -> Option:
    return replace(option, name=name)


def _not_run(
    scenario: Scenario,
    name: str,
    policy: Policy,
    settings: SolveSettings,
    working: WorkingDays,
) -> Option:
    """An option the budget left no time for: no answer, not a proof."""
    why = "not solved: the time limit left no time for this option"
    return measure(scenario, Solved(name, policy, not_run(settings, why), 0.0), working)


def _recommend(
    best: Option | None, options: dict[str, Option], counter: Option | None
) -> Recommendation:
    if best is not None:
        if best.name == "delegate" and not best.partners:
            return Recommendation.AS_ASKED
        if best.name == "negotiate" and not best.late_tasks:
            return Recommendation.AS_ASKED
        return {
            "as_asked": Recommendation.AS_ASKED,
            "negotiate": Recommendation.NEGOTIATED,
            "delegate": Recommendation.PARTNERS,
            "spread": Recommendation.SPREAD,
            "mix": Recommendation.MIX,
        }[best.name]
    if counter is not None and counter.holds:
        return Recommendation.COUNTER_PROPOSAL
    undecided = any(o.undecided for o in options.values())
    if undecided or counter is None or counter.undecided:
        return Recommendation.UNDECIDED
    return Recommendation.DECLINE


def _tradeoffs(best: Option | None, options: dict[str, Option]) -> pd.DataFrame:
    rows: list[dict[str, object]] = []
    if best is not None:
        for name in OPTIONS:
            other = options[name]
            if other is best or not other.holds:
                continue
            rows.append(
                {
                    "option": name,
                    "margin_difference": best.margin - other.margin,
                    "late_working_days_difference": best.late_working_days
                    - other.late_working_days,
                    "fees": other.fees,
                }
            )
    return frame(rows, TRADEOFF_COLUMNS)


def _proposals(counter: Option | None) -> pd.DataFrame:
    rows: list[dict[str, object]] = []
    if counter is not None:
        for t in counter.tasks.to_dict("records"):
            rows.append(
                {
                    "task": t["task"],
                    "name": t["name"],
                    "asked_day": t["asked_day"],
                    "accepted_day": t["accepted_day"],
                    "proposed_day": t["delivery_day"],
                    "beyond_accepted_working_days": t["beyond_accepted_working_days"],
                }
            )
    return frame(rows, PROPOSAL_COLUMNS)


def _comparison(
    scenario: Scenario, options: dict[str, Option], best: Option | None
) -> pd.DataFrame:
    rows: list[dict[str, object]] = []
    for name in OPTIONS:
        o = options[name]
        has = o.holds
        rows.append(
            {
                "option": name,
                "levers": "+".join(LEVERS[name]) or "-",
                "status": o.status.value,
                "holds": has,
                "late_tasks": len(o.late_tasks) if has else None,
                "late_working_days": o.late_working_days if has else None,
                "weighted_lateness": o.weighted_lateness,
                "beyond_accepted_tasks": len(o.beyond_accepted) if has else None,
                "partners": len(o.partners) if has else None,
                "partner_names": ",".join(o.partners),
                "invoices": invoices_count(scenario, len(o.partners)) if has else None,
                "fees": o.fees if has else float("nan"),
                "margin": o.margin,
                "lead_hours": o.lead_hours,
                "coordination_hours": o.coordination_hours if has else float("nan"),
                "tranches": o.tranches if has else None,
                "overrides": "; ".join(o.overrides),
                "recommended": best is not None and best.name == name,
                "runtime": o.runtime,
            }
        )
    return frame(rows, COMPARISON_COLUMNS)


__all__ = [
    "COMPARISON_COLUMNS",
    "IF_WON_COLUMNS",
    "PROPOSAL_COLUMNS",
    "TRADEOFF_COLUMNS",
    "Advice",
    "Recommendation",
    "advise",
]
