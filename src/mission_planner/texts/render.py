"""The template environment: filters for dates, money and lists in each language."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import pandas as pd
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent
from jinja2 import Environment, PackageLoader, StrictUndefined

LANGUAGES = ("fr", "en")
"""Languages with a catalogue of templates."""

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def check_language(language: str) -> None:
    """Raise ``ValueError`` naming the value when ``language`` has no catalogue."""
    if language not in LANGUAGES:
        raise ValueError(f"language={language!r} must be one of {list(LANGUAGES)}")


def _as_date(value: Any) -> dt.date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


def long_day(day: dt.date, language: str) -> str:
    """A long day, e.g. "vendredi 8 janvier 2027" (French writes the first "1er")."""
    text = format_date(day, "EEEE d MMMM y", locale=_LOCALES[language])
    if language == "fr" and day.day == 1:
        text = text.replace(" 1 ", " 1er ", 1)
    return text


@cache
def _environment(language: str) -> Environment:
    locale = _LOCALES[language]
    env = Environment(
        loader=PackageLoader("mission_planner.texts", f"templates/{language}"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,
    )
    env.filters["day"] = lambda v: long_day(_as_date(v), language)
    env.filters["short_day"] = lambda v: format_date(_as_date(v), "EEE d MMM y", locale=locale)
    env.filters["money"] = lambda v: (
        format_currency(
            round(float(v)), "EUR", locale=locale, currency_digits=False, format="#,##0\u00a0¤"
        )
        if language == "fr"
        else format_currency(
            round(float(v)), "EUR", locale=locale, currency_digits=False, format="¤#,##0"
        )
    )
    env.filters["number"] = lambda v: format_decimal(float(v), locale=locale)
    env.filters["percent"] = lambda v: format_percent(float(v), locale=locale)
    env.filters["format_quoted"] = (
        (lambda v: f"« {v} »") if language == "fr" else (lambda v: f"\u201c{v}\u201d")
    )
    env.filters["extract_name"] = lambda key, names: names.get(key, key)
    env.filters["listing"] = lambda items: format_list([str(i) for i in items], locale=locale)
    return env


def render(name: str, language: str, **context: Any) -> str:
    """Render template ``name`` of ``language``'s catalogue with ``context``.

    Blank lines in the output are folded to one, and the text is stripped.
    """
    check_language(language)
    text = _environment(language).get_template(name).render(**context)
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out)


__all__ = ["LANGUAGES", "check_language", "long_day", "render"]
