"""Phrases françaises des causes : une raison par classe, un remède par type de remède.

Mêmes champs (``str.format``) que :mod:`mission_planner.diagnosis.catalogue_en`.
"""

from __future__ import annotations

REASONS = {
    "skill": "{tasks} demande {skills}, que le consultant n'a pas{holders}",
    "max_partners": (
        "{tasks}, que le consultant ne peut pas faire, demandent au moins {count} partenaires "
        "({people}) ; la mission en autorise {allowed}"
    ),
    "partner_cap": (
        "entre le {start} et {end}, {needed} de travail ({jobs}) que seuls {people} peuvent "
        "faire, et les plafonds d'heures en laissent {free}"
    ),
    "session": (
        "{jobs} : une seule séance de {needed}, mais entre le {start} et {end} personne "
        "d'autorisé n'a plus de {free} libres"
    ),
    "coordination": (
        "entre le {start} et {end}, le consultant a besoin de {needed} pour son propre travail et "
        "pour lancer et suivre les partenaires sur {tasks}, et n'a que {free} libres"
    ),
    "tranches": (
        "en une seule tranche, tout est livré à la première date limite, {end} : {needed} de "
        "travail ({jobs}) à partir du {start} pour {free} libres ({people})"
    ),
    "chain": (
        "{tasks} s'enchaînent : du {start} à {end}, {needed} de travail ({jobs}) pour {free} "
        "libres ({people})"
    ),
    "engagement": (
        "avec {engagements} à rendre dans cette période, il y a du {start} à {end} {needed} de "
        "travail ({jobs}) pour {free} libres ({people})"
    ),
    "capacity": (
        "entre le {start} et {end}, {needed} de travail ({jobs}) pour {free} libres ({people}), "
        "compte tenu de ce qui est déjà réservé"
    ),
    "deadlines": "les dates limites de {tasks} ne peuvent pas toutes être tenues",
    "horizon": (
        "même avec toutes les tâches dues à la fin de l'horizon, aucun planning ne respecte les "
        "autres limites (engagements, découpage, plafonds des partenaires, coordination)"
    ),
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
    "allow_partners": "faire travailler {people} sur la mission",
    "raise_max_partners": "relever de {raise_by} le nombre de partenaires autorisés",
    "raise_partner_cap": "relever le plafond d'heures de {people} d'au moins {raise_by}",
    "allow_splitting": "autoriser un découpage en plusieurs séances",
    "extend_deadline": (
        "la date la plus proche possible est le {date}, {days} plus tard : la demander au "
        "client, ou libérer du temps dans le carnet de commandes"
    ),
    "renegotiate": (
        "demander au client plus de temps pour l'une d'elles, ou libérer du temps dans le "
        "carnet de commandes"
    ),
    "extend_horizon": "allonger l'horizon, ou libérer du temps dans le carnet de commandes",
    "free_time": (
        "repousser seulement ces tâches ne suffit pas : libérer au moins {missing} sur cette "
        "période, ou repousser aussi d'autres dates"
    ),
    "more_tranches": "autoriser plus de tranches{by_date}",
    "more_time": "laisser plus de temps au planificateur",
}

SEPARATOR = " : "
TASK, TASKS = "la tâche {names}", "les tâches {names}"
ENGAGEMENT, ENGAGEMENTS = "l'engagement {names}", "les engagements {names}"
HOLDERS = " (dans le réseau : {people})"
BY_DATE = ", ou demander le {date} comme date unique de livraison"
QUOTE = "« {} »"
LEAD = "le consultant"
AND = " et "
WORKING_DAY, WORKING_DAYS = "{n} jour ouvré", "{n} jours ouvrés"
# dates: Babel's long French form ("mardi 1er décembre 2026"), as in every French text
INSTANT = "{date} à {hour} h {minute:02d}"
END_OF_DAY = "la fin du {date}"
HOURS = "{hours} h"
SECONDS = "{seconds} s"
DECIMAL = ","
