"""Durations written as text in scenario files: ``"2d"``, ``"3h"``, ``"30min"``, ``"1h30"``.

The scenario models take hours as numbers. This pre-processing step, run on the raw file
content before validation, turns duration strings into hours so files can say what people
say. A day is the scenario's ``hours_per_day`` (a billed day, 8 hours by default), not 24
hours. Numbers are left as they are (hours).
"""

from __future__ import annotations

import math
import re
from typing import Any

DURATION_KEYS = frozenset(
    {"effort_hours", "min_session_hours", "hours", "max_hours", "overtime_hours_per_day"}
)
"""Keys whose values may be duration strings, wherever they appear in a scenario file."""

_UNITS = {
    "d": "d", "day": "d", "days": "d", "j": "d", "jour": "d", "jours": "d",
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h", "heure": "h", "heures": "h",
    "m": "m", "min": "m", "mins": "m", "minute": "m", "minutes": "m",
}  # fmt: skip
_TERM = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-zA-Z]+)?\s*")
_PATTERN = r"^\s*(\d+(?:[.,]\d+)?\s*[a-zA-Z]*\s*)+$"
"""JSON Schema pattern of a duration string (checked in full by :func:`parse_duration`)."""


def parse_duration(text: str, hours_per_day: float = 8.0) -> float:
    """Hours in a duration such as ``"2d"``, ``"1.5 days"``, ``"3h"``, ``"1h30"``, ``"45min"``.

    Parameters
    ----------
    text
        Terms of a number and a unit (``d``/``day(s)``/``j``, ``h``/``hour(s)``,
        ``min``/``m``/``minute(s)``), e.g. ``"1d 4h"``. A bare number counts as hours, and a
        bare number right after hours counts as minutes (``"1h30"``).
    hours_per_day
        Hours in one day (the scenario's ``hours_per_day``).

    Returns
    -------
    float
        The duration in hours.

    Raises
    ------
    ValueError
        When the text is not a duration.
    """
    raw = text.strip()
    if not raw:
        raise ValueError("an empty string is not a duration")
    total = 0.0
    pos = 0
    previous = ""
    for match in _TERM.finditer(raw):
        if match.start() != pos:
            break
        pos = match.end()
        number = float(match.group(1).replace(",", "."))
        unit_text = (match.group(2) or "").lower()
        if unit_text and unit_text not in _UNITS:
            raise ValueError(f"{text!r}: unknown unit {unit_text!r} (use d, h or min)")
        unit = _UNITS.get(unit_text) or ("m" if previous == "h" else "h")
        total += {"d": number * hours_per_day, "h": number, "m": number / 60}[unit]
        previous = unit
    if pos != len(raw):
        raise ValueError(f"{text!r} is not a duration such as '2d', '3h', '1h30' or '45min'")
    if not math.isfinite(total):
        raise ValueError(f"{text!r} is not a finite duration")
    return round(total, 9)


def expand_durations(
    data: Any, hours_per_day: float | None = None
) -> tuple[Any, list[tuple[str, str, str]]]:
    """Copy of a raw scenario mapping with duration strings turned into hours.

    Parameters
    ----------
    data
        The parsed file (mappings, lists and scalars).
    hours_per_day
        Hours in a day; default: ``data["hours_per_day"]`` when it is a number, else 8.

    Returns
    -------
    tuple
        The converted data, and the strings that are not durations as
        ``(location, value, message)`` (left unconverted for the validator to reject).
    """
    if hours_per_day is None:
        given = data.get("hours_per_day") if isinstance(data, dict) else None
        hours_per_day = 8.0
        if isinstance(given, int | float) and not isinstance(given, bool) and given > 0:
            hours_per_day = float(given)
    problems: list[tuple[str, str, str]] = []

    def walk(node: Any, where: str) -> Any:
        if isinstance(node, dict):
            out: dict[Any, Any] = {}
            for key, value in node.items():
                here = f"{where}.{key}" if where else str(key)
                if key in DURATION_KEYS and isinstance(value, str):
                    try:
                        out[key] = parse_duration(value, hours_per_day)
                    except ValueError as exc:
                        problems.append((here, value, str(exc).removeprefix(f"{value!r}: ")))
                        out[key] = value
                else:
                    out[key] = walk(value, here)
            return out
        if isinstance(node, list):
            return [walk(item, f"{where}[{i}]") for i, item in enumerate(node)]
        return node

    return walk(data, ""), problems


__all__ = ["DURATION_KEYS", "expand_durations", "parse_duration"]
