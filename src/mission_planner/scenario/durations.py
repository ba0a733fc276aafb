"""Durations written as text: ``"2d"``, ``"3h"``, ``"30min"``, ``"1h30"``, ``"1h05"``.

The models hold hours as numbers; every duration field also accepts such text (the
:data:`Duration` validator). A day is the scenario's ``hours_per_day`` (a billed day, 8 hours
by default), not 24 hours, so a ``d`` needs that context: :class:`~mission_planner.scenario.
Scenario` expands duration strings with its own ``hours_per_day`` before its fields are
validated (:func:`expand_durations`); a model validated on its own reads days only when the
validation context gives ``hours_per_day``. Arithmetic is exact (in minutes), so ``"1h05"`` is
13 five-minute slots and ``"50min"`` 5 ten-minute slots.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from pydantic import ValidationInfo

DURATION_KEYS = frozenset(
    {
        "effort_hours",
        "min_session_hours",
        "hours",
        "max_hours",
        "overtime_hours_per_day",
        "kickoff_hours",
    }
)
"""Keys whose values may be duration strings, wherever they appear in a scenario file."""

_UNITS = {
    "d": "d", "day": "d", "days": "d", "j": "d", "jour": "d", "jours": "d",
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h", "heure": "h", "heures": "h",
    "m": "m", "min": "m", "mins": "m", "minute": "m", "minutes": "m",
}  # fmt: skip
_ORDER = {"d": 0, "h": 1, "m": 2}
_MAX_TEXT = 40
_TERM = re.compile(r"(\d{1,9}(?:[.,]\d{1,9})?)\s*([a-zA-Z]+)?\s*")
PATTERN = (
    r"^\s*(\d+([.,]\d+)?\s*(d|days?|j|jours?)\s*)?"
    r"(\d+([.,]\d+)?\s*(h|hrs?|hours?|heures?)\s*(\d+\s*)?)?"
    r"(\d+([.,]\d+)?\s*(m|mins?|minutes?)?\s*)?$"
)
"""JSON Schema pattern of a duration string (:func:`parse_duration` has the last word)."""
_DAY_CONTEXT = "hours_per_day"


def parse_duration(text: str, hours_per_day: float | None = 8.0) -> float:
    """Hours in a duration such as ``"2d"``, ``"1.5 days"``, ``"3h"``, ``"1h30"``, ``"45min"``.

    Parameters
    ----------
    text
        Terms of a number and a unit, largest unit first, each unit at most once (``d``/
        ``day(s)``/``j``, ``h``/``hour(s)``, ``min``/``m``/``minute(s)``), e.g. ``"1d 4h"``. A
        bare number counts as hours, and a bare number right after hours counts as minutes
        (``"1h30"``).
    hours_per_day
        Hours in one day (the scenario's ``hours_per_day``); ``None`` refuses days.

    Returns
    -------
    float
        The duration in hours.

    Raises
    ------
    ValueError
        When the text is not a duration (``"1d2d"``, ``"30min 1h"``, ``"soon"``).
    """
    raw = text.strip()
    if not raw:
        raise ValueError("an empty string is not a duration")
    if len(raw) > _MAX_TEXT:
        raise ValueError(f"{raw[:_MAX_TEXT]!r}... is too long for a duration")
    terms: list[tuple[Fraction, str]] = []
    pos = 0
    previous = ""
    for match in _TERM.finditer(raw):
        if match.start() != pos:
            break
        pos = match.end()
        unit_text = (match.group(2) or "").lower()
        if unit_text and unit_text not in _UNITS:
            raise ValueError(f"{text!r}: unknown unit {unit_text!r} (use d, h or min)")
        unit = _UNITS.get(unit_text) or ("m" if previous == "h" else "h")
        if previous and _ORDER[unit] <= _ORDER[previous]:
            raise ValueError(
                f"{text!r}: units must come once each, largest first (like '1d 2h 30min')"
            )
        terms.append((Fraction(match.group(1).replace(",", ".")), unit))
        previous = unit
    if pos != len(raw):
        raise ValueError(f"{text!r} is not a duration such as '2d', '3h', '1h30' or '45min'")
    minutes = Fraction(0)
    for number, unit in terms:
        if unit == "d" and hours_per_day is None:
            raise ValueError(
                f"{text!r} counts days: give hours, or validate it inside a Scenario "
                "(whose hours_per_day says how long a day is)"
            )
        per_unit = {"d": Fraction(hours_per_day or 0) * 60, "h": Fraction(60), "m": Fraction(1)}
        minutes += number * per_unit[unit]
    return float(minutes / 60)


def to_hours(value: Any, info: ValidationInfo) -> Any:
    """Pydantic before-validator: duration text -> hours (numbers pass through)."""
    if not isinstance(value, str):
        return value
    context = info.context if isinstance(info.context, dict) else {}
    per_day = context.get(_DAY_CONTEXT)
    return parse_duration(value, per_day if isinstance(per_day, int | float) else None)


def expand_durations(
    data: Any, hours_per_day: float | None = None
) -> tuple[Any, list[tuple[str, str, str]]]:
    """Copy of a raw scenario mapping with duration strings turned into hours.

    Parameters
    ----------
    data
        The parsed file (mappings, lists and scalars).
    hours_per_day
        Hours in a day; default: ``data["hours_per_day"]`` when it is a number in (0, 24],
        else 8.

    Returns
    -------
    tuple
        The converted data, and the strings that are not durations as
        ``(location, value, message)`` (left unconverted for the validator to reject).
    """
    if hours_per_day is None:
        given = data.get("hours_per_day") if isinstance(data, dict) else None
        hours_per_day = 8.0
        if isinstance(given, int | float) and not isinstance(given, bool) and 0 < given <= 24:
            hours_per_day = float(given)
    problems: list[tuple[str, str, str]] = []
    # iterative walk: the depth of the data never turns into recursion depth
    root: dict[str, Any] = {"": data}
    stack: list[tuple[Any, Any, str]] = [(root, "", "")]
    while stack:
        parent, key, where = stack.pop()
        node = parent[key]
        if isinstance(node, dict):
            copy = dict(node)
            parent[key] = copy
            for name, value in copy.items():
                here = f"{where}.{name}" if where else str(name)
                if name in DURATION_KEYS and isinstance(value, str):
                    try:
                        copy[name] = parse_duration(value, hours_per_day)
                    except ValueError as exc:
                        problems.append((here, value, str(exc).removeprefix(f"{value!r}: ")))
                else:
                    stack.append((copy, name, here))
        elif isinstance(node, list):
            items = list(node)
            parent[key] = items
            stack.extend((items, i, f"{where}[{i}]") for i in range(len(items)))
    problems.sort(key=lambda p: p[0])
    return root[""], problems


__all__ = ["DURATION_KEYS", "PATTERN", "expand_durations", "parse_duration", "to_hours"]
