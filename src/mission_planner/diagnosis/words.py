"""Causes in words: one plain sentence per cause, reason then remedy, in English or French.

The sentences come from one catalogue per language
(:mod:`~mission_planner.diagnosis.catalogue_en`, :mod:`~mission_planner.diagnosis.catalogue_fr`);
this module only fills their placeholders from a :class:`Cause`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import ModuleType

from mission_planner.diagnosis import catalogue_en, catalogue_fr
from mission_planner.diagnosis.causes import Cause, CauseKind, Remedy
from mission_planner.texts.render import long_day

CATALOGUES: dict[str, ModuleType] = {"en": catalogue_en, "fr": catalogue_fr}
"""Catalogue module per language code."""


def sentence(
    cause: Cause,
    language: str = "en",
    *,
    lead: str = "lead",
    names: Mapping[str, str] | None = None,
) -> str:
    """One sentence for ``cause``: why, then what would fix it.

    Parameters
    ----------
    cause
        The cause to put in words.
    language
        ``"en"`` or ``"fr"``.
    lead
        The lead's id, named as "the lead" (``"le consultant"``) rather than by id when
        ``names`` does not name it.
    names
        The name to show for an id (tasks, people, engagements), for example
        :meth:`Scenario.display_names <mission_planner.scenario.Scenario.display_names>`;
        an id it does not name is shown as it is. Quoted as the language quotes.
    """
    if language not in CATALOGUES:
        raise ValueError(f"language={language!r}: expected one of {sorted(CATALOGUES)}")
    words = CATALOGUES[language]
    fields = _fields(cause, words, lead, names or {})
    reason = words.REASONS[cause.kind.value].format(**fields)
    remedy = words.REMEDIES[cause.remedy.value].format(**fields)
    return f"{reason[:1].upper()}{reason[1:]}{words.SEPARATOR}{remedy}."


def sentences(
    causes: Iterable[Cause],
    language: str = "en",
    *,
    lead: str = "lead",
    names: Mapping[str, str] | None = None,
) -> list[str]:
    """:func:`sentence` for each cause, in order."""
    return [sentence(c, language, lead=lead, names=names) for c in causes]


def _fields(cause: Cause, words: ModuleType, lead: str, named: Mapping[str, str]) -> dict[str, str]:
    def shown_as(i: str, quoted: bool) -> str:
        if i == lead and i not in named:
            return str(words.LEAD)
        if not quoted and i in named:  # a person by their name, as one writes it
            return named[i]
        return str(words.QUOTE).format(named.get(i, i))

    def names(ids: Iterable[str], quoted: bool = True) -> str:
        shown = [shown_as(i, quoted) for i in ids]
        if len(shown) > 1:
            return ", ".join(shown[:-1]) + str(words.AND) + shown[-1]
        return "".join(shown)

    def labelled(ids: tuple[str, ...], one: str, many: str) -> str:
        if not ids:
            return ""
        return (one if len(ids) == 1 else many).format(names=names(ids))

    def hours(value: float | None) -> str:
        return "" if value is None else str(words.HOURS).format(hours=_number(value, words))

    tasks = labelled(cause.tasks, words.TASK, words.TASKS)
    engagements = labelled(cause.engagements, words.ENGAGEMENT, words.ENGAGEMENTS)
    missing = None
    if cause.needed_hours is not None and cause.free_hours is not None:
        missing = cause.needed_hours - cause.free_hours
    date = "" if cause.earliest_date is None else _date(cause.earliest_date, words)
    raise_by = ""
    if cause.raise_by is not None:
        raise_by = (
            hours(cause.raise_by)
            if cause.remedy is Remedy.RAISE_PARTNER_CAP
            else _number(cause.raise_by, words)
        )
    days = ""
    if cause.extension_days is not None:
        days = (words.WORKING_DAY if cause.extension_days == 1 else words.WORKING_DAYS).format(
            n=cause.extension_days
        )
    limit = cause.time_limit
    holders = ""
    if cause.kind is CauseKind.SKILL and cause.people:
        holders = str(words.HOLDERS).format(people=names(cause.people, quoted=False))
    return {
        "tasks": tasks,
        "engagements": engagements,
        "jobs": ", ".join(x for x in (tasks, engagements) if x),
        "people": names(cause.people, quoted=False),
        "holders": holders,
        "skills": ", ".join(cause.skills),
        "count": str(len(cause.people)),
        "allowed": _number(len(cause.people) - (cause.raise_by or 0), words),
        "needed": hours(cause.needed_hours),
        "free": hours(cause.free_hours),
        "missing": hours(missing),
        "start": _instant(cause.window_start, words, end=False),
        "end": _instant(cause.window_end, words, end=True),
        "date": date,
        "by_date": str(words.BY_DATE).format(date=date) if date else "",
        "days": days,
        "raise_by": raise_by,
        "time_limit": ""
        if limit is None
        else str(words.SECONDS).format(seconds=_number(limit, words)),
    }


def _number(value: float, words: ModuleType) -> str:
    return f"{value:g}".replace(".", str(words.DECIMAL))


def _date(day: dt.date, words: ModuleType) -> str:
    if words.__name__.endswith("_fr"):
        return long_day(day, "fr")  # "mardi 1er décembre 2026", as in every French text
    return str(words.DATE).format(
        weekday=words.DAYS[day.weekday()],
        day=day.day,
        month=words.MONTHS[day.month - 1],
        year=day.year,
    )


def _instant(moment: dt.datetime | None, words: ModuleType, *, end: bool) -> str:
    """A window bound: midnight as a day (an end at midnight closes the day before)."""
    if moment is None:
        return ""
    if moment.time() == dt.time():
        if end:
            return str(words.END_OF_DAY).format(
                date=_date(moment.date() - dt.timedelta(days=1), words)
            )
        return _date(moment.date(), words)
    return str(words.INSTANT).format(
        date=_date(moment.date(), words), hour=moment.hour, minute=moment.minute
    )
