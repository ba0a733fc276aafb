"""Advice: the ways to take the mission in the problem's order, one recommendation, the message.

The options and the rule that picks one are in :mod:`~mission_planner.levers.options`. Each
option is the client's scenario planned under a policy; all of them share the call's budget
(:class:`~mission_planner.settings.SolveSettings`): the five options first (60 % of it), then
what the answer needs:

* when ``spread`` holds with more deliveries than the client planned, the fewest that still
  hold (one solve per count);
* when no option holds, the **counter-proposal**: every lever, any date in the horizon, the
  smallest urgency-weighted extension (:data:`~mission_planner.levers.options.COUNTER`). Its
  dates are what to propose to the client, and why.

The recommendation never closes the door while a counter-proposal exists: ``decline`` only
when no plan exists within the horizon (with the reason), and "no answer within the time
limit" (:attr:`Recommendation.UNDECIDED`) is its own answer, never worded as impossible.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

import pandas as pd

from mission_planner.billing import invoices_count, milestone_table, revenue_of
from mission_planner.contract import empty_tables
from mission_planner.diagnosis import causes_of, sentences
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
from mission_planner.levers.tables import coverage_table
from mission_planner.policy import Policy
from mission_planner.report import advice_report
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario, Trust
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


class Recommendation(StrEnum):
    """What to answer the client."""

    AS_ASKED = "accept as asked"
    NEGOTIATED = "accept with the client's flexibility"
    PARTNERS = "accept with partners"
    SPREAD = "accept with more deliveries"
    MIX = "accept with a mix"
    COUNTER_PROPOSAL = "propose other dates"
    UNDECIDED = "no answer within the time limit"
    DECLINE = "decline"


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
        scenario, require_trusted=require_trusted, new_partner_surcharge=new_partner_surcharge
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
    milestones = milestone_table(
        scenario, answered.plan.deliveries if answered else empty_tables()["deliveries"]
    )
    facts = _facts(prefer, scenario, options, best, recommendation, counter, tradeoffs)
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


def _facts(
    prefer: Prefer,
    scenario: Scenario,
    options: dict[str, Option],
    best: Option | None,
    recommendation: Recommendation,
    counter: Option | None,
    tradeoffs: pd.DataFrame,
) -> dict[str, Any]:
    """Plain data the texts read: names, per-task dates, partners, options' figures."""
    chosen = best if best is not None else counter
    tasks = [] if chosen is None else chosen.tasks.to_dict("records")
    names = {t.id: t.name or t.id for t in scenario.mission.tasks}
    partners = []
    if chosen is not None:
        trust = {p.id: p.trust is Trust.TRUSTED for p in scenario.partners}
        for r in chosen.staffing.to_dict("records"):
            partners.append(
                {
                    "name": r["name"],
                    "trusted": trust[str(r["partner"])],
                    "tasks": [names[t] for t in str(r["tasks"]).split(",") if t],
                }
            )
    tranches = []  # what the client receives on each day (tranches delivered the same day, one)
    for number, day in enumerate(sorted({t["delivery_day"] for t in tasks}), start=1):
        members = [t for t in tasks if t["delivery_day"] == day]
        tranches.append({"number": number, "day": day, "tasks": members})
    milestones = milestone_table(scenario, chosen.plan.deliveries) if chosen else None
    return {
        "billing": scenario.mission.billing,
        "price": revenue_of(scenario),
        "vat": scenario.mission.vat_rate > 0,
        "milestones": [] if milestones is None else _named(milestones, names),
        "mission": scenario.mission.name,
        "client": scenario.mission.client,
        "lead": scenario.lead.name or scenario.lead.id,
        "recommendation": recommendation.name,
        "best": None if best is None else best.name,
        "best_late_days": None if best is None else best.late_working_days,
        "horizon_end": scenario.end,
        "planned_deliveries": scenario.mission.max_tranches,
        "tasks": tasks,
        "tranches": tranches,
        "partners": partners,
        "invoices": invoices_count(scenario, len(partners)),
        "dates_moved": any(not t["on_time"] for t in tasks),
        "options": [_option_facts(options[name], scenario) for name in OPTIONS],
        "counter": None if counter is None else _option_facts(counter, scenario),
        "tradeoffs": tradeoffs.to_dict("records"),
        "prefer": prefer,
        "decline_skills": _missing_skills(scenario, recommendation),
    }


def _missing_skills(scenario: Scenario, recommendation: Recommendation) -> list[dict[str, Any]]:
    """When declining: tasks nobody the roster rules allow can do, with the skills missing."""
    if recommendation is not Recommendation.DECLINE:
        return []
    coverage = coverage_table(scenario, option_policies(scenario)[COUNTER])
    names = {t.id: t.name or t.id for t in scenario.mission.tasks}
    return [
        {"task": names[str(r["task"])], "skills": str(r["missing_skills"]).split(",")}
        for r in coverage.to_dict("records")
        if r["missing_skills"]
    ]


def _named(milestones: pd.DataFrame, names: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            **{str(k): v for k, v in row.items()},
            "names": [names[t] for t in str(row["tasks"]).split(",")],
        }
        for row in milestones.to_dict("records")
    ]


def _option_facts(option: Option, scenario: Scenario) -> dict[str, Any]:
    names = scenario.display_names()
    causes = causes_of(option.plan.causes)
    return {
        "name": option.name,
        "holds": option.holds,
        "undecided": option.undecided,
        "late_tasks": len(option.late_tasks),
        "late_working_days": option.late_working_days,
        "beyond_accepted": len(option.beyond_accepted),
        "partners": list(option.staffing["name"]),
        "fees": option.fees,
        "margin": option.margin,
        "lead_hours": option.lead_hours,
        "tranches": option.tranches,
        "overrides": list(option.overrides),
        "why": {
            language: sentences(causes, language, lead=scenario.lead.id, names=names)[:1]
            or option.plan.explanation[:1]
            for language in LANGUAGES
        },
        "tasks": option.tasks.to_dict("records"),
    }


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
    "PROPOSAL_COLUMNS",
    "TRADEOFF_COLUMNS",
    "Advice",
    "Recommendation",
    "advise",
]
