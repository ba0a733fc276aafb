"""Causes in words: one plain sentence per cause, reason then remedy, in English or French.

The sentences come from one catalogue per language
(:mod:`~mission_planner.diagnosis.catalogue_en`, :mod:`~mission_planner.diagnosis.catalogue_fr`);
this module only fills their placeholders from a :class:`Cause`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from types import ModuleType

from mission_planner.diagnosis import catalogue_en, catalogue_fr
from mission_planner.diagnosis.causes import Cause

CATALOGUES: dict[str, ModuleType] = {"en": catalogue_en, "fr": catalogue_fr}
"""Catalogue module per language code."""


def sentence(cause: Cause, language: str = "en", *, lead: str = "lead") -> str:
    """One sentence for ``cause``: why, then what would fix it.

    Parameters
    ----------
    cause
        The cause to put in words.
    language
        ``"en"`` or ``"fr"``.
    lead
        The lead's id, named as "the lead" (``"le consultant"``) rather than by id.
    """
    if language not in CATALOGUES:
        raise ValueError(f"language={language!r}: expected one of {sorted(CATALOGUES)}")
    words = CATALOGUES[language]
    fields = _fields(cause, words, lead)
    reason = words.REASONS[cause.kind.value].format(**fields)
    remedy = words.REMEDIES[cause.remedy.value].format(**fields)
    return f"{reason[:1].upper()}{reason[1:]}: {remedy}."


def sentences(causes: Iterable[Cause], language: str = "en", *, lead: str = "lead") -> list[str]:
    """:func:`sentence` for each cause, in order."""
    return [sentence(c, language, lead=lead) for c in causes]


def _fields(cause: Cause, words: ModuleType, lead: str) -> dict[str, str]:
    def names(ids: Iterable[str]) -> str:
        shown = [words.LEAD if i == lead else repr(i) for i in ids]
        return ", ".join(shown[:-1]) + words.AND + shown[-1] if len(shown) > 1 else "".join(shown)

    def hours(value: float | None) -> str:
        return "" if value is None else words.HOURS.format(hours=_number(value, words))

    engagements = names(cause.engagements)
    missing = None
    if cause.needed_hours is not None and cause.free_hours is not None:
        missing = cause.needed_hours - cause.free_hours
    date = "" if cause.earliest_date is None else _date(cause.earliest_date, words)
    raise_by = ""
    if cause.raise_by is not None:
        raise_by = (
            hours(cause.raise_by)
            if cause.remedy.value == "raise_partner_cap"
            else (_number(cause.raise_by, words))
        )
    limit = cause.time_limit
    return {
        "tasks": names(cause.tasks),
        "engagements": engagements,
        "engagements_named": words.ENGAGEMENTS_NAMED.format(engagements=engagements),
        "with_engagements": words.WITH_ENGAGEMENTS.format(engagements=engagements)
        if cause.engagements
        else "",
        "people": names(cause.people),
        "skills": ", ".join(cause.skills),
        "count": str(len(cause.people)),
        "allowed": _number(len(cause.people) - (cause.raise_by or 0), words),
        "needed": hours(cause.needed_hours),
        "free": hours(cause.free_hours),
        "missing": hours(missing),
        "start": _instant(cause.window_start, words, end=False),
        "end": _instant(cause.window_end, words, end=True),
        "date": date,
        "by_date": words.BY_DATE.format(date=date) if date else "",
        "days": "" if cause.extension_days is None else str(cause.extension_days),
        "raise_by": raise_by,
        "time_limit": "" if limit is None else words.SECONDS.format(seconds=_number(limit, words)),
    }


def _number(value: float, words: ModuleType) -> str:
    return f"{value:g}".replace(".", str(words.DECIMAL))


def _date(day: dt.date, words: ModuleType) -> str:
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
