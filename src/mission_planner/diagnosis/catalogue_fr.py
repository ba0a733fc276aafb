"""Phrases françaises des causes : une raison par classe, un remède par type de remède.

Mêmes champs (``str.format``) que :mod:`mission_planner.diagnosis.catalogue_en`.
"""

from __future__ import annotations

REASONS = {
    "skill": "la tâche {tasks} demande {skills}, que le consultant n'a pas",
    "max_partners": (
        "les tâches {tasks}, que le consultant ne peut pas faire, demandent au moins {count} "
        "partenaires ({people}) et la mission en autorise {allowed}"
    ),
    "partner_cap": (
        "entre {start} et {end}, les tâches {tasks} demandent {needed} de travail que seuls "
        "{people} peuvent faire, et leurs plafonds d'heures n'en laissent que {free}"
    ),
    "session": (
        "la tâche {tasks} doit être faite d'un seul tenant ({needed}), mais entre {start} et "
        "{end} personne d'autorisé n'a plus de {free} libres d'affilée"
    ),
    "coordination": (
        "entre {start} et {end}, le consultant a besoin de {needed} pour son propre travail et "
        "pour le lancement et le suivi des partenaires sur les tâches {tasks}, pour {free} "
        "libres"
    ),
    "tranches": (
        "livrées en une seule tranche, les tâches {tasks} sont toutes dues pour {end} : {needed} "
        "de travail à partir de {start} pour {free} libres"
    ),
    "chain": (
        "les tâches {tasks} s'enchaînent : de {start} à {end}, elles demandent {needed} de "
        "travail{with_engagements}, et {people} ont {free} libres"
    ),
    "engagement": (
        "{engagements_named} à rendre pour {end} prennent le temps dont les tâches {tasks} "
        "ont besoin : de {start} à {end}, {needed} de travail pour {free} libres"
    ),
    "capacity": (
        "entre {start} et {end}, les tâches {tasks}{with_engagements} demandent {needed} de "
        "travail à {people}, qui ont {free} libres compte tenu des engagements déjà pris"
    ),
    "deadlines": "les dates limites des tâches {tasks} ne peuvent pas toutes être tenues",
    "unisolated": (
        "aucun planning ne respecte toutes les limites ; la cause n'a pas été isolée dans le "
        "temps imparti de {time_limit}"
    ),
    "undecided": (
        "aucun planning n'a été trouvé dans le temps imparti de {time_limit}, sans qu'il soit "
        "prouvé qu'il n'en existe pas"
    ),
}

REMEDIES = {
    "find_partner": "personne dans le réseau ne l'a : ajouter un partenaire qui a {skills}",
    "allow_partners": (
        "{people} dans le réseau l'a : autoriser au moins {raise_by} partenaire(s) sur la mission"
    ),
    "raise_max_partners": "relever de {raise_by} le nombre de partenaires autorisés",
    "raise_partner_cap": "relever le plafond d'heures de {people} d'au moins {raise_by}",
    "allow_splitting": "autoriser à la découper en séances",
    "extend_deadline": (
        "la date la plus proche possible est le {date} ({days} jour(s) ouvré(s) plus tard) : "
        "la demander au client, ou libérer du temps dans le carnet de commandes"
    ),
    "renegotiate": (
        "demander au client plus de temps pour l'une d'elles, ou libérer du temps dans le "
        "carnet de commandes"
    ),
    "free_time": (
        "aucune date dans l'horizon ne suffit : libérer au moins {missing} du temps de {people} "
        "sur cette période, ou allonger l'horizon"
    ),
    "more_tranches": "autoriser plus de tranches{by_date}",
    "more_time": "laisser plus de temps au planificateur",
}

WITH_ENGAGEMENTS = " (avec {engagements})"
ENGAGEMENTS_NAMED = "les engagements {engagements}"
BY_DATE = ", ou demander le {date} comme date unique de livraison"
LEAD = "le consultant"
AND = " et "
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
DATE = "{weekday} {day} {month} {year}"
INSTANT = "{date} à {hour} h {minute:02d}"
END_OF_DAY = "la fin du {date}"
HOURS = "{hours} h"
SECONDS = "{seconds} s"
DECIMAL = ","
