"""Texts in French and English: briefs for the consultant, reasons, and messages to the client.

Every function takes ``language`` (``"fr"`` or ``"en"``). Dates are written without locale
settings: ``Fri 11 Dec 2026`` / ``ven. 11 déc. 2026`` in briefs, ``Friday 11 December`` /
``vendredi 11 décembre`` in messages to the client. An instant at 00:00 is the end of the day
before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario, Trust

if TYPE_CHECKING:
    from mission_planner.levers.advise import Option
    from mission_planner.levers.delegate import DelegationResult
    from mission_planner.levers.negotiate import NegotiationResult
    from mission_planner.levers.spread import SpreadResult

LANGUAGES = ("fr", "en")

_DAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}
_MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre",
    ),
}  # fmt: skip
_SHORT_MONTHS_FR = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
)  # fmt: skip


def check_language(language: str) -> None:
    """Raise ``ValueError`` unless ``language`` is ``"fr"`` or ``"en"``."""
    if language not in LANGUAGES:
        raise ValueError(f"language={language!r} must be one of {LANGUAGES}")


# ---------------------------------------------------------------------- dates and lists
def as_day(value: object, *, instant: bool = False) -> dt.date:
    """The calendar day of a date, datetime or timestamp.

    With ``instant=True`` a time of 00:00 is the end of the day before (a delivery or due
    instant); otherwise a midnight timestamp is that day (a ``*_day`` column).
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    moment = pd.Timestamp(value)  # type: ignore[arg-type]
    if instant and moment.hour == 0 and moment.minute == 0 and moment.second == 0:
        moment -= pd.Timedelta(days=1)
    return moment.date()


def short_day(value: object, language: str, *, instant: bool = False) -> str:
    """``Fri 11 Dec 2026`` or ``ven. 11 déc. 2026`` (see :func:`as_day` for ``instant``)."""
    day = as_day(value, instant=instant)
    name = _DAYS[language][day.weekday()][:3]
    if language == "fr":
        return f"{name}. {day.day} {_SHORT_MONTHS_FR[day.month - 1]} {day.year}"
    return f"{name} {day.day} {_MONTHS['en'][day.month - 1][:3]} {day.year}"


def short_when(value: object, language: str) -> str:
    """:func:`short_day` of an instant (00:00 is the end of the day before)."""
    return short_day(value, language, instant=True)


def long_day(value: object, language: str, *, instant: bool = False) -> str:
    """``Friday 11 December 2026`` or ``vendredi 11 décembre 2026``."""
    day = as_day(value, instant=instant)
    return (
        f"{_DAYS[language][day.weekday()]} {day.day} {_MONTHS[language][day.month - 1]} {day.year}"
    )


def long_when(value: object, language: str) -> str:
    """:func:`long_day` of an instant."""
    return long_day(value, language, instant=True)


def colon(language: str) -> str:
    """``":"`` in English, ``" :"`` in French."""
    return " :" if language == "fr" else ":"


def join(items: Iterable[str], language: str) -> str:
    """``a, b and c`` / ``a, b et c``."""
    words = list(items)
    last = " et " if language == "fr" else " and "
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + last + words[-1]


def days_word(n: int, language: str, *, working: bool = True) -> str:
    """``3 working days`` / ``3 jours ouvrés`` (singular when 1)."""
    if language == "fr":
        unit = "jour ouvré" if working else "jour"
        plural = "jours ouvrés" if working else "jours"
    else:
        unit = "working day" if working else "day"
        plural = "working days" if working else "days"
    single = n <= 1 if language == "fr" else n == 1
    return f"{n} {unit if single else plural}"


def eur(amount: float, language: str) -> str:
    """``1,725 EUR`` / ``1 725 €``."""
    if language == "fr":
        return f"{amount:,.0f} €".replace(",", "\u202f")
    return f"{amount:,.0f} EUR"


def task_label(scenario: Scenario, task_id: str) -> str:
    """A task's name, or its id."""
    task = scenario.task(task_id)
    return task.name or task.id


def task_labels(scenario: Scenario, ids: Iterable[str]) -> list[str]:
    """Names of tasks."""
    return [task_label(scenario, t) for t in ids]


def lead_name(scenario: Scenario) -> str:
    """The lead's name, or id."""
    return scenario.lead.name if scenario.lead.name != "Lead" else scenario.lead.id


# ---------------------------------------------------------------------- short explanations
def lead_lacks_skills(unable: dict[str, list[str]], language: str) -> str:
    """The lead alone cannot do these tasks (skills)."""
    parts = [f"{t} ({', '.join(s)})" for t, s in unable.items()]
    if language == "fr":
        return (
            "seul(e), le consultant principal ne peut pas faire "
            f"{join(parts, language)} : compétences manquantes"
        )
    return f"the lead alone cannot do {join(parts, language)}: skills missing"


def nobody_has_skills(gaps: dict[str, list[str]], language: str) -> str:
    """No one allowed has the skills of these tasks."""
    parts = [f"{t} ({', '.join(s)})" for t, s in gaps.items()]
    if language == "fr":
        return f"personne de l'équipe autorisé ne sait faire {join(parts, language)}"
    return f"nobody allowed on the team has the skills for {join(parts, language)}"


def no_fit_by_horizon(scenario: Scenario, language: str) -> str:
    """Even with every deadline at the horizon's end, the lead alone cannot fit the mission."""
    end = short_day(scenario.end, language)
    if language == "fr":
        return (
            f"même en repoussant toutes les échéances au {end} (fin de l'horizon), "
            "le consultant seul ne peut pas tout faire"
        )
    return (
        f"even with every deadline moved to {end} (the horizon's end), the lead alone cannot fit it"
    )


def spread_impossible(language: str) -> str:
    """The lead alone cannot meet the client's deadlines, whatever the tranches."""
    if language == "fr":
        return (
            "seul(e), en tranches, le consultant ne tient pas les dates limites du client : "
            "voir la négociation pour le plus petit report"
        )
    return (
        "the lead alone cannot meet the client's deadlines in any échéancier: see negotiate "
        "for the smallest extension"
    )


def better_plan_in_sweep(language: str) -> str:
    """A sweep re-plan beat the main plan: it was not optimal."""
    if language == "fr":
        return (
            "une analyse a trouvé un plan moins en retard que le plan principal : "
            "augmenter time_limit"
        )
    return "a sweep re-plan found less lateness than the main plan: raise time_limit"


def skipped_analyses(count: int, budget: float, language: str) -> str:
    """Analyses left out for lack of time."""
    if language == "fr":
        return f"{count} analyse(s) non faite(s) : budget de {budget:g} s épuisé"
    return f"{count} analysis solve(s) skipped: the {budget:g} s budget was spent"


def moves(text: str, language: str) -> str:
    """``"a -2 wd,b +3 h"`` as ``a -2 wd, b +3 h`` (``j.o.`` for working days in French)."""
    parts = [p for p in text.split(",") if p]
    if language == "fr":
        parts = [p.replace(" wd", " j.o.") for p in parts]
    return ", ".join(parts)


def probe_label(scenario: Scenario, kind: str, subject: str, language: str) -> str:
    """What a binding probe changed, in words."""
    fr = language == "fr"
    if kind == "fixed_block":
        block = next(b for b in scenario.fixed_blocks if b.id == subject)
        what, day = block.title or block.id, short_day(block.date, language)
        return f"sans « {what} » du {day}" if fr else f"without '{what}' on {day}"
    if kind == "engagement":
        eng = next(e for e in scenario.engagements if e.id == subject)
        limit = short_day(eng.deadline, language)
        if fr:
            return f"sans la mission {eng.id} ({eng.effort_hours:g} h avant le {limit})"
        return f"without engagement {eng.id} ({eng.effort_hours:g} h by {limit})"
    if kind == "time_off":
        return f"sans le congé « {subject} »" if fr else f"without the time off '{subject}'"
    task = scenario.task(subject)
    limit = short_when(pd.Timestamp(_end(task.latest)), language)
    if fr:
        return f"si {subject} pouvait attendre sa limite du {limit}"
    return f"if {subject} could wait until its limit of {limit}"


def _end(moment: dt.date | dt.datetime) -> dt.datetime:
    from mission_planner.scenario.mission import moment_end

    return moment_end(moment)


# ---------------------------------------------------------------------- lever texts
def negotiation_text(
    scenario: Scenario,
    result: PlanResult,
    tasks: pd.DataFrame,
    tranches: pd.DataFrame,
    binding: pd.DataFrame,
    sweep: pd.DataFrame,
    explanation: Sequence[str],
    language: str,
) -> str:
    """The negotiation brief in words."""
    fr = language == "fr"
    if not result.has_plan:
        head = "Négociation impossible :" if fr else "Nothing to negotiate:"
        return "\n".join([head, *(f"  - {w}" for w in explanation or result.explanation)])
    lines = [
        (
            f"Négociation — {scenario.mission.client}, {lead_name(scenario)} seul(e) "
            f"({result.status.value}, {result.runtime:.1f} s)"
        )
        if fr
        else (
            f"Negotiation brief — {scenario.mission.client}, {lead_name(scenario)} alone "
            f"({result.status.value}, {result.runtime:.1f} s)"
        )
    ]
    late = tasks[tasks["extension_hours"] > 0]
    if late.empty:
        lines.append(
            "  Toutes les dates demandées tiennent : rien à négocier."
            if fr
            else "  Every date asked holds: nothing to negotiate."
        )
    for t in tranches.to_dict("records"):
        ext = int(t["extension_working_days"])
        flag = (
            ""
            if t["within_flexibility"]
            else (" — AU-DELÀ de la limite du client" if fr else " — BEYOND the client's limit")
        )
        if fr:
            lines.append(
                f"  Tranche {t['tranche']} ({t['tasks']}) : "
                f"demandée {short_when(t['asked'], 'fr')}, "
                f"possible {short_when(t['commit'], 'fr')}"
                + (f", +{days_word(ext, 'fr')}" if ext else "")
                + flag
            )
        else:
            lines.append(
                f"  Tranche {t['tranche']} ({t['tasks']}): asked {short_when(t['asked'], 'en')}, "
                f"can commit to {short_when(t['commit'], 'en')}"
                + (f", +{days_word(ext, 'en')}" if ext else "")
                + flag
            )
    for t in late.to_dict("records"):
        within = bool(t["within_flexibility"])
        beyond = int(t["beyond_deadline_working_days"])
        limit = short_when(t["client_deadline"], language)
        if fr:
            note = (
                f"dans la marge du client (limite {limit})"
                if within
                else f"{days_word(beyond, 'fr')} après sa limite du {limit}"
            )
            lines.append(
                f"  - {t['task']} : +{days_word(int(t['extension_working_days']), 'fr')}, {note}"
            )
        else:
            note = (
                f"within the client's flexibility (limit {limit})"
                if within
                else f"{days_word(beyond, 'en')} past its limit of {limit}"
            )
            lines.append(
                f"  - {t['task']}: +{days_word(int(t['extension_working_days']), 'en')}, {note}"
            )
    total = float(result.objective_terms.get("lateness", 0.0))
    if total:
        lines.append(
            f"  Report pondéré total : {total:g} urgence x heures."
            if fr
            else f"  Total urgency-weighted extension: {total:g} urgency-hours."
        )
    binds = binding[binding["binding"]]
    if len(binds):
        lines.append("  Ce qui bloque :" if fr else "  What holds the dates back:")
        for b in binds.sort_values("gain", ascending=False).head(4).to_dict("records"):
            change = probe_label(scenario, str(b["kind"]), str(b["subject"]), language)
            earlier = moves(str(b["earlier_tasks"]), language) or "-"
            lines.append(f"    - {change}{colon(language)} {earlier}")
    elif len(binding):
        lines.append(
            "  Aucun engagement seul ne libère une date plus tôt."
            if fr
            else "  No single commitment, time off or due date frees an earlier delivery."
        )
    if len(sweep):
        lines.append(
            "  À demander au client (vraie limite par tranche) :"
            if fr
            else "  To ask the client (its real limit per tranche):"
        )
        for s in sweep.to_dict("records"):
            when = short_when(s["deadline_if"], language)
            if s["status"] == "unknown":
                what = "pas de plan trouvé à temps" if fr else "no plan found in time"
            elif not s["feasible"]:
                what = "impossible"
            elif s["later_tasks"]:
                later = moves(str(s["later_tasks"]), language)
                what = (
                    f"possible, au prix de {later}" if fr else f"possible, at the cost of {later}"
                )
            else:
                what = "possible sans autre retard" if fr else "possible, no other delay"
            if fr:
                lines.append(f"    - tranche {s['tranche']} au {when} : {what}")
            else:
                lines.append(f"    - tranche {s['tranche']} by {when}: {what}")
    lines += [f"  ({w})" for w in explanation]
    return "\n".join(lines)


def spread_text(
    scenario: Scenario,
    result: PlanResult,
    echeancier: pd.DataFrame,
    expectation: pd.DataFrame,
    explanation: Sequence[str],
    language: str,
) -> str:
    """The échéancier next to the client's expectation, in words."""
    fr = language == "fr"
    if not result.has_plan:
        head = "Pas d'échéancier possible :" if fr else "No échéancier possible:"
        return "\n".join([head, *(f"  - {w}" for w in explanation or result.explanation)])
    lines = [
        (f"Échéancier proposé à {scenario.mission.client} ({len(echeancier)} livraison(s))")
        if fr
        else (f"Échéancier for {scenario.mission.client} ({len(echeancier)} deliveries)")
    ]
    for t in echeancier.to_dict("records"):
        shift = int(t["shift_working_days"])
        moved = (
            (
                f", décalée de {days_word(shift, 'fr')}"
                if fr
                else f", shifted {days_word(shift, 'en')}"
            )
            if shift
            else (", à la date demandée" if fr else ", on the date asked")
        )
        lines.append(
            f"  {t['tranche']}. {short_when(t['delivery'], language)}{colon(language)} {t['tasks']}"
            f" ({'demandée' if fr else 'asked'} {short_when(t['asked'], language)}{moved})"
        )
    lines.append("  Attente du client :" if fr else "  The client's expectation:")
    for e in expectation.to_dict("records"):
        lines.append(f"    {short_day(e['asked_day'], language)}{colon(language)} {e['tasks']}")
    total = float(echeancier["weighted_shift"].sum())
    lines.append(
        f"  Décalage pondéré total : {total:g} urgence x heures."
        if fr
        else f"  Total urgency-weighted shift: {total:g} urgency-hours."
    )
    return "\n".join(lines)


def delegation_text(
    scenario: Scenario,
    result: PlanResult,
    staffing: pd.DataFrame,
    invoices: pd.DataFrame,
    coordination: float,
    margin: float,
    explanation: Sequence[str],
    language: str,
) -> str:
    """The staffing in words."""
    fr = language == "fr"
    if not result.has_plan:
        head = (
            "Même avec des partenaires, les dates demandées ne tiennent pas :"
            if fr
            else "Even with partners, the dates asked cannot all hold:"
        )
        return "\n".join([head, *(f"  - {w}" for w in explanation or result.explanation)])
    if staffing.empty:
        return (
            f"{lead_name(scenario)} tient seul(e) toutes les dates : pas besoin de partenaire."
            if fr
            else f"{lead_name(scenario)} meets every date alone: no partner needed."
        )
    lines = [
        "Délégation — toutes les dates demandées tiennent :"
        if fr
        else "Delegation — every date asked holds:"
    ]
    for p in staffing.to_dict("records"):
        trust = _trust_word(str(p["trust"]), language)
        lines.append(
            f"  - {p['name']} ({trust}){colon(language)} {p['tasks']}, {p['hours']:g} h, "
            f"{short_day(p['first_day'], language)} → {short_day(p['last_day'], language)}, "
            f"{eur(float(p['fee']), language)}"
        )
    lines.append(
        (
            f"  {len(invoices)} facture(s) pour le client ; coordination : {coordination:g} h ; "
            f"marge de la mission : {eur(margin, 'fr')}."
        )
        if fr
        else (
            f"  {len(invoices)} invoice(s) for the client; coordination: {coordination:g} h; "
            f"mission margin: {eur(margin, 'en')}."
        )
    )
    return "\n".join(lines)


def _trust_word(trust: str, language: str) -> str:
    if trust == Trust.TRUSTED.value:
        return "de confiance" if language == "fr" else "trusted"
    return "nouveau" if language == "fr" else "new"


# ---------------------------------------------------------------------- advice
_RECOMMENDATIONS = {
    "AS_ASKED": ("accept as asked", "accepter telle quelle"),
    "NEGOTIATED": ("accept with negotiated dates", "accepter en négociant les dates"),
    "PARTNERS": ("accept with partners", "accepter avec des partenaires"),
    "SPREAD": ("accept with a spread échéancier", "accepter avec un échéancier étalé"),
    "MIX": ("accept with a mix of levers", "accepter en combinant les leviers"),
    "DECLINE": ("decline", "décliner"),
}


@dataclass(frozen=True)
class AdviceContext:
    """What the advice texts read: the scenario, the options and the levers' results."""

    scenario: Scenario
    options: dict[str, Option]
    best: Option | None
    recommendation: str
    negotiation: NegotiationResult
    delegation: DelegationResult
    spreading: SpreadResult
    stretch: Option | None


def _partner_phrase(scenario: Scenario, ids: Sequence[str], language: str) -> str:
    people = []
    for partner in scenario.partners:
        if partner.id in ids:
            people.append(
                f"{partner.name or partner.id} ({_trust_word(partner.trust.value, language)})"
            )
    return join(people, language)


def headline(ctx: AdviceContext, language: str) -> str:
    """The recommendation in one line."""
    en, fr = _RECOMMENDATIONS[ctx.recommendation]
    label = fr if language == "fr" else en
    best = ctx.best
    if best is None:
        return f"Recommandation : {label}." if language == "fr" else f"Recommendation: {label}."
    option = best.name + (f" ← {best.adopted_from}" if best.adopted_from else "")
    if language == "fr":
        return f"Recommandation : {label} (option {option})."
    return f"Recommendation: {label} (option {option})."


def _option_line(ctx: AdviceContext, name: str, language: str) -> str:
    """One option in plain words."""
    fr = language == "fr"
    o = ctx.options[name]
    sc = ctx.scenario
    lead = lead_name(sc)
    if name == "as_asked":
        if o.feasible:
            return (
                f"Telle quelle : {lead} seul(e) tient toutes les dates demandées."
                if fr
                else f"As asked: {lead} alone meets every date asked."
            )
        if fr:
            return f"Telle quelle : {lead} seul(e), sans bouger de date, ne tient pas les délais."
        return f"As asked: {lead} alone, without moving a date, cannot deliver all on time."
    if name == "negotiate":
        if not o.feasible:
            return (
                "Négocier : même en repoussant tout à la fin de l'horizon, impossible seul(e)."
                if fr
                else "Negotiate: even with every date moved to the horizon's end, impossible alone."
            )
        if not o.late_tasks:
            return "Négocier : inutile." if fr else "Negotiate: not needed."
        beyond = ", ".join(o.beyond_deadline)
        if fr:
            verb = "dépasserait" if len(o.beyond_deadline) == 1 else "dépasseraient"
            tail = (
                f" ; {beyond} {verb} la limite du client" if beyond else ", dans la marge du client"
            )
            total = days_word(o.total_extension_days, "fr")
            return (
                f"Négocier : seul(e), il faut au moins {total} de report au total sur "
                f"{o.late_tasks} tâche(s){tail}."
            )
        tail = (
            f"; {beyond} would pass the client's limit"
            if beyond
            else ", within the client's flexibility"
        )
        return (
            f"Negotiate: alone, the smallest extensions add up to "
            f"{days_word(o.total_extension_days, 'en')} over {o.late_tasks} task(s){tail}."
        )
    if name == "delegate":
        if not o.feasible:
            gaps = ctx.delegation.missing_skills
            extra = ""
            if gaps:
                extra = " (" + nobody_has_skills(gaps, language) + ")"
            return (
                f"Déléguer : même avec l'équipe, les dates demandées ne tiennent pas{extra}."
                if fr
                else f"Delegate: even with the roster, the dates asked cannot all hold{extra}."
            )
        who = _partner_phrase(sc, o.partners, language)
        if fr:
            team = f"avec {who}" if who else "sans partenaire"
            return (
                f"Déléguer : {team}, toutes les dates demandées tiennent ; "
                f"marge {eur(o.margin, 'fr')}, {o.lead_hours:g} h pour {lead}."
            )
        team = f"with {who}" if who else "no partner needed"
        return (
            f"Delegate: {team}, every date asked holds; margin {eur(o.margin, 'en')}, "
            f"{o.lead_hours:g} h for {lead}."
        )
    if name == "spread":
        if not o.feasible:
            return (
                "Étaler : seul(e), aucun échéancier ne tient dans les limites du client."
                if fr
                else "Spread: alone, no échéancier stays within the client's limits."
            )
        if fr:
            return (
                f"Étaler : seul(e), en {o.tranches} livraison(s) dans les limites du client, "
                f"{days_word(o.total_extension_days, 'fr')} de décalage au total."
            )
        return (
            f"Spread: alone, in {o.tranches} deliveries within the client's limits, "
            f"{days_word(o.total_extension_days, 'en')} of shift in total."
        )
    # mix
    if not o.feasible:
        return (
            "Combiner : même avec tous les leviers, impossible dans l'horizon."
            if fr
            else "Mix: even with every lever, it does not fit in the horizon."
        )
    who = _partner_phrase(sc, o.partners, language)
    team = (
        (f"partenaires {who}" if fr else f"partners {who}")
        if who
        else ("sans partenaire" if fr else "no partner")
    )
    count = o.tranches
    state = (
        ("dans les limites du client" if fr else "within the client's limits")
        if o.within_limits
        else ("au-delà des limites du client" if fr else "beyond the client's limits")
    )
    if fr:
        return (
            f"Combiner : {team}, {count} livraison{'s' if count > 1 else ''}, "
            f"{days_word(o.total_extension_days, 'fr')} de report, {state}."
        )
    return (
        f"Mix: {team}, {count} deliver{'ies' if count > 1 else 'y'}, "
        f"{days_word(o.total_extension_days, 'en')} of extension, {state}."
    )


def reasons(ctx: AdviceContext, language: str) -> list[str]:
    """Each option in plain words, then why the recommended one."""
    from mission_planner.levers.advise import OPTIONS

    lines = [_option_line(ctx, name, language) for name in OPTIONS]
    best = ctx.best
    fr = language == "fr"
    if best is None:
        lines.append(
            "Aucune option ne respecte les limites du client (dates limites, nombre de "
            "livraisons, de factures)."
            if fr
            else "No option meets the client's hard limits (deadlines, deliveries, invoices)."
        )
        return lines
    late = f"{best.weighted_lateness:g}"
    if fr:
        lines.append(
            f"Choix : « {best.name} » respecte toutes les limites du client, avec le plus petit "
            f"retard pondéré ({late} urgence x heures), puis la meilleure marge "
            f"({eur(best.margin, 'fr')}), puis la plus faible charge pour "
            f"{lead_name(ctx.scenario)}."
        )
    else:
        lines.append(
            f"Chosen: '{best.name}' meets every limit of the client with the least "
            f"urgency-weighted delay ({late} urgency-hours), then the best margin "
            f"({eur(best.margin, 'en')}), then the lightest load for {lead_name(ctx.scenario)}."
        )
    return lines


def changes(ctx: AdviceContext, language: str) -> list[str]:
    """When declining: the smallest extensions and the partner skills that would be needed."""
    fr = language == "fr"
    sc = ctx.scenario
    out: list[str] = []
    stretch = ctx.stretch
    if stretch is None or not stretch.feasible:
        out.append(
            "même avec tous les leviers, la mission ne tient pas avant le "
            f"{short_day(sc.end, 'fr')} :"
            " libérer du temps dans le carnet de commandes ou allonger l'horizon"
            if fr
            else f"even with every lever the mission does not fit before {short_day(sc.end, 'en')}:"
            " free time in the order book or extend the horizon"
        )
    else:
        working = _working(sc)
        for d in stretch.plan.deliveries.to_dict("records"):
            task = str(d["task"])
            if task not in stretch.beyond_deadline:
                continue
            limit = _deadline(sc, task)
            delivery = pd.Timestamp(d["delivery"])
            n = sum(1 for day in working if limit <= _midnight(day) < delivery)
            if fr:
                out.append(
                    f"obtenir que « {task_label(sc, task)} » soit livrée le "
                    f"{short_when(delivery, 'fr')} ({days_word(n, 'fr')} après la limite du "
                    f"{short_when(limit, 'fr')})"
                )
            else:
                out.append(
                    f"get '{task_label(sc, task)}' accepted on {short_when(delivery, 'en')} "
                    f"({days_word(n, 'en')} after its limit of {short_when(limit, 'en')})"
                )
    coverage = ctx.delegation.coverage
    late = set(stretch.beyond_deadline) if stretch is not None else set()
    for row in coverage.to_dict("records"):
        task = str(row["task"])
        if row["missing_skills"]:
            skills = str(row["missing_skills"]).replace(",", ", ")
            out.append(
                f"un partenaire sachant faire {skills} pour « {task_label(sc, task)} »"
                if fr
                else f"a partner with {skills} for '{task_label(sc, task)}'"
            )
        elif task in late and row["delegable"] and not row["partners"]:
            skills = str(row["skills"]).replace(",", ", ") or ("ce travail" if fr else "this work")
            out.append(
                f"un partenaire disponible sachant faire {skills} pour « {task_label(sc, task)} »"
                if fr
                else f"an available partner with {skills} for '{task_label(sc, task)}'"
            )
    return out


def _working(scenario: Scenario) -> list[dt.date]:
    from mission_planner.levers._common import lead_working_days

    return lead_working_days(scenario)


def _deadline(scenario: Scenario, task_id: str) -> pd.Timestamp:
    from mission_planner.scenario.mission import moment_end

    return pd.Timestamp(moment_end(scenario.task(task_id).latest))


def _midnight(day: dt.date) -> pd.Timestamp:
    return pd.Timestamp(dt.datetime.combine(day, dt.time()))


def _echeancier_lines(scenario: Scenario, result: PlanResult, language: str) -> list[str]:
    """One line per delivery: the date promised, its tasks, and the date asked when it moved.

    A tranche on time is promised for its asked date (the earliest due of its tasks), a late
    one for its delivery date.
    """
    lines = []
    deliveries = result.deliveries
    for t in result.tranches.to_dict("records"):
        members = deliveries[deliveries["tranche"] == t["tranche"]]
        names = []
        for d in members.to_dict("records"):
            label = task_label(scenario, str(d["task"]))
            if pd.Timestamp(d["delivery"]) > pd.Timestamp(d["due"]):
                asked = long_when(d["due"], language)
                label += f" (au lieu du {asked})" if language == "fr" else f" (instead of {asked})"
            names.append(label)
        delivered = pd.Timestamp(t["delivery"])
        promised = delivered if delivered > pd.Timestamp(t["due"]) else pd.Timestamp(t["due"])
        when = long_when(promised, language)
        lines.append(f"  - {when}{colon(language)} {join(names, language)}")
    return lines


def client_message(ctx: AdviceContext, language: str) -> str:
    """The message to the client, by recommendation."""
    sc = ctx.scenario
    fr = language == "fr"
    mission = sc.mission.name or ("la mission" if fr else "the mission")
    lead = lead_name(sc)
    best = ctx.best
    hello = "Bonjour," if fr else "Hello,"
    bye = f"Bien cordialement,\n{lead}" if fr else f"Best regards,\n{lead}"
    if best is None:
        body = [
            (
                f"Merci d'avoir pensé à moi pour « {mission} ». Mon carnet de commandes ne me "
                "permet pas de la mener à bien dans les délais dont vous avez besoin sans "
                "sacrifier la qualité, et je préfère vous le dire tout de suite."
            )
            if fr
            else (
                f"Thank you for thinking of me for '{mission}'. My current commitments do not let "
                "me deliver it on the dates you need without compromising quality, and I would "
                "rather tell you now."
            )
        ]
        stretch = ctx.stretch
        if stretch is not None and stretch.feasible and stretch.beyond_deadline:
            body.append(
                "Je pourrais en revanche m'y engager avec le calendrier suivant :"
                if fr
                else "I could however commit to the following schedule:"
            )
            body += _echeancier_lines(sc, stretch.plan, language)
            body.append(
                "Si ces dates vous conviennent, je serais heureux(se) d'en parler."
                if fr
                else "If these dates could work for you, I would be glad to discuss it."
            )
        return "\n\n".join([hello, *_paragraphs(body), bye])
    body = []
    if ctx.recommendation == "AS_ASKED":
        body.append(
            f"Merci pour votre confiance : je peux prendre en charge « {mission} » aux dates que "
            "vous avez demandées :"
            if fr
            else f"Thank you for your trust: I can take on '{mission}' on the dates you asked for:"
        )
    elif best.dates_moved and ctx.recommendation in ("SPREAD",):
        body.append(
            f"Merci pour votre confiance : je peux prendre en charge « {mission} ». Pour vous "
            f"livrer au plus vite ce qui est le plus urgent, je vous propose de livrer en "
            f"{best.tranches} étape(s) :"
            if fr
            else f"Thank you for your trust: I can take on '{mission}'. To give you the most "
            f"urgent part first, I propose to deliver in {best.tranches} steps:"
        )
    elif best.dates_moved:
        body.append(
            f"Merci pour votre confiance : je peux prendre en charge « {mission} ». Pour le faire "
            "dans de bonnes conditions compte tenu de mes engagements en cours, je vous propose "
            "le calendrier suivant :"
            if fr
            else f"Thank you for your trust: I can take on '{mission}'. To do it properly given my "
            "current commitments, I propose the following schedule:"
        )
    else:
        body.append(
            f"Merci pour votre confiance : je peux prendre en charge « {mission} » et tenir les "
            "dates que vous avez demandées :"
            if fr
            else f"Thank you for your trust: I can take on '{mission}' and keep the dates you "
            "asked for:"
        )
    body += _echeancier_lines(sc, best.plan, language)
    if best.partners:
        body.append(_partners_paragraph(sc, best, language))
    if best.dates_moved:
        body.append(
            "Pouvez-vous me confirmer que ces dates vous conviennent ?"
            if fr
            else "Could you confirm that these dates work for you?"
        )
    return "\n\n".join([hello, *_paragraphs(body), bye])


def _paragraphs(body: list[str]) -> list[str]:
    """Join list lines (``  - ...``) to the paragraph before them."""
    out: list[str] = []
    for line in body:
        if line.startswith("  - ") and out:
            out[-1] += "\n" + line
        else:
            out.append(line)
    return out


def _partners_paragraph(scenario: Scenario, best: Option, language: str) -> str:
    fr = language == "fr"
    deliveries = best.plan.deliveries
    parts = []
    for partner in scenario.partners:
        if partner.id not in best.partners:
            continue
        tasks = [
            task_label(scenario, str(d["task"]))
            for d in deliveries.to_dict("records")
            if partner.id in str(d["resources"]).split(",")
        ]
        who = partner.name or partner.id
        if fr:
            known = (
                "avec qui j'ai l'habitude de travailler"
                if partner.trust is Trust.TRUSTED
                else "qui m'a été recommandé(e)"
            )
            parts.append(f"{who}, {known}, travaillera avec moi sur {join(tasks, 'fr')}")
        else:
            known = (
                "whom I have worked with before"
                if partner.trust is Trust.TRUSTED
                else "who comes recommended"
            )
            parts.append(f"{who}, {known}, will work with me on {join(tasks, 'en')}")
    invoices = 1 + len(best.partners)
    if fr:
        return (
            f"Pour tenir ces délais, {join(parts, 'fr')}. Je reste votre seul interlocuteur : je "
            "coordonne leur travail, je relis tout et je vous présente moi-même chaque livrable. "
            f"Vous recevrez une facture par cabinet, soit {invoices} au total."
        )
    return (
        f"To keep these dates, {join(parts, 'en')}. I remain your single point of contact: I "
        "coordinate their work, review everything and present every deliverable myself. You will "
        f"receive one invoice per firm, {invoices} in all."
    )
