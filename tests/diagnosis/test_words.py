"""Golden sentences per language: read by a person whenever they change."""

from __future__ import annotations

import datetime as dt

import pytest

from mission_planner.diagnosis import (
    Cause,
    CauseKind,
    Remedy,
    catalogue_en,
    catalogue_fr,
    causes_frame,
    causes_of,
    sentence,
    sentences,
)

CAPACITY = Cause(
    CauseKind.CAPACITY,
    Remedy.EXTEND_DEADLINE,
    tasks=("audit", "report"),
    people=("marie",),
    needed_hours=48.0,
    free_hours=40.5,
    window_start=dt.datetime(2026, 12, 7),
    window_end=dt.datetime(2026, 12, 12),
    earliest_date=dt.date(2026, 12, 15),
    extension_days=2,
)
SKILL = Cause(
    CauseKind.SKILL,
    Remedy.RAISE_MAX_PARTNERS,
    tasks=("flows",),
    people=("hugo",),
    skills=("data",),
    raise_by=1.0,
)
UNDECIDED = Cause(CauseKind.UNDECIDED, Remedy.MORE_TIME, time_limit=2.5)


@pytest.mark.parametrize(
    ("cause", "language", "text"),
    [
        (
            CAPACITY,
            "en",
            "Between Mon 7 Dec 2026 and the end of Fri 11 Dec 2026, 48 h of work (tasks “audit” "
            "and “report”) for 40.5 h free (the lead), given what is already booked: the "
            "earliest date that can work is Tue 15 Dec 2026, 2 working days later: ask the "
            "client for it, or free time in the order book.",
        ),
        (
            CAPACITY,
            "fr",
            "Entre le lundi 7 décembre 2026 et la fin du vendredi 11 décembre 2026, 48 h de travail"
            " (les tâches « audit » et « report ») pour 40,5 h libres (le consultant), "
            "compte tenu de ce qui est déjà réservé : la date la plus proche possible est le "
            "mardi 15 décembre 2026, 2 jours ouvrés plus tard : la demander au client, "
            "ou libérer du temps dans le carnet de commandes.",
        ),
        (
            SKILL,
            "en",
            "Task “flows” needs data, which the lead does not have (in the roster: “hugo”): "
            "raise the mission's partner limit by 1.",
        ),
        (
            SKILL,
            "fr",
            "La tâche « flows » demande data, que le consultant n'a pas "
            "(dans le réseau : « hugo ») "
            ": relever de 1 le nombre de partenaires autorisés.",
        ),
        (
            UNDECIDED,
            "en",
            "No plan was found within the time limit of 2.5 s, and none was proven impossible "
            "either: give the planner more time.",
        ),
        (
            UNDECIDED,
            "fr",
            "Aucun planning n'a été trouvé dans le temps imparti de 2,5 s, sans qu'il soit "
            "prouvé qu'il n'en existe pas : laisser plus de temps au planificateur.",
        ),
    ],
)
def test_golden_sentence(cause: Cause, language: str, text: str) -> None:
    """Each cause reads as one sentence, reason then remedy, in the catalogue's language."""
    assert sentence(cause, language, lead="marie") == text


def test_every_class_and_remedy_has_a_sentence_in_each_language() -> None:
    """The catalogues cover every cause class and every remedy, in English and French."""
    for catalogue in (catalogue_en, catalogue_fr):
        assert set(catalogue.REASONS) == {k.value for k in CauseKind}
        assert set(catalogue.REMEDIES) == {r.value for r in Remedy}


def test_unknown_language_is_named() -> None:
    """An unsupported language is an error naming the value."""
    with pytest.raises(ValueError, match="language='de'"):
        sentence(UNDECIDED, "de")


def test_causes_table_reads_back_into_the_same_causes() -> None:
    """causes_of(causes_frame(c)) gives back the causes, so texts can start from the table."""
    causes = [CAPACITY, SKILL, UNDECIDED]
    assert causes_of(causes_frame(causes)) == causes


def test_a_result_table_reads_in_french() -> None:
    """The causes table of a plan result gives the same sentence in French as its records."""
    frame = causes_frame([CAPACITY])
    assert sentences(causes_of(frame), "fr", lead="marie") == [
        sentence(CAPACITY, "fr", lead="marie")
    ]


def test_names_replace_ids_and_the_lead_is_named_when_the_scenario_names_them() -> None:
    """With ``names``, tasks read by their quoted names, people by their names (the lead too)."""
    names = {"audit": "Audit des stocks", "report": "Rapport", "marie": "Marie Dupont"}
    en = sentence(CAPACITY, "en", lead="marie", names=names)
    fr = sentence(CAPACITY, "fr", lead="marie", names=names)
    assert "(tasks “Audit des stocks” and “Rapport”)" in en and "(the lead)" not in en
    assert "(les tâches « Audit des stocks » et « Rapport »)" in fr
    assert "libres (Marie Dupont)" in fr and "free (Marie Dupont)" in en
