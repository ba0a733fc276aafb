"""Shared pydantic configuration and small value types for scenario models."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from mission_planner.scenario.durations import to_hours

FIRST_DAY = dt.date(1900, 1, 1)
"""Earliest date a scenario may hold."""
LAST_DAY = dt.date(2200, 12, 31)
"""Latest date a scenario may hold."""
MAX_HOURS = 100_000.0
"""Largest number of hours in one duration field (about 50 years of full-time work)."""
MAX_AMOUNT = 1_000_000.0
"""Largest day rate or price per day, in EUR."""
MAX_CHUNKS = 1000
"""Most chunks a task or an engagement may be cut into (also bounded by its effort)."""


class FrozenDict(dict):  # type: ignore[type-arg]
    """A read-only, hashable dict for the mapping fields of frozen models."""

    def _read_only(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError(f"{type(self).__name__} is read-only")

    __setitem__ = __delitem__ = __ior__ = _read_only  # type: ignore[assignment]
    clear = pop = popitem = setdefault = update = _read_only  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))


class Frozen(BaseModel):
    """Base of every scenario model: immutable, and unknown fields are errors."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, allow_inf_nan=False
    )


Hours = Annotated[
    float,
    Field(
        gt=0,
        le=MAX_HOURS,
        description="A positive number of hours, or a duration such as '2d', '3h', '1h30', "
        "'45min' (a day is the scenario's hours_per_day).",
    ),
    BeforeValidator(to_hours),
]
Amount = Annotated[
    float, Field(ge=0, le=MAX_AMOUNT, description="An amount in EUR (0 to 1,000,000).")
]
Identifier = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9_.\-]+$",
        description="Letters, digits, '_', '-' and '.'; unique within its list.",
    ),
]

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


def parse_clock(value: Any) -> int:
    """Return minutes after midnight for ``"HH:MM"`` (``"24:00"`` allowed) or a ``time``."""
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute
    if isinstance(value, int) and not isinstance(value, bool):
        minutes = value
    else:
        match = _CLOCK.match(str(value).strip())
        if not match:
            raise ValueError(f"{value!r} is not a clock time of the form 'HH:MM'")
        minutes = int(match.group(1)) * 60 + int(match.group(2))
        if int(match.group(2)) >= 60:
            raise ValueError(f"{value!r} has more than 59 minutes")
    if not 0 <= minutes <= 24 * 60:
        raise ValueError(f"{value!r} is not between 00:00 and 24:00")
    return minutes


def format_clock(minutes: int) -> str:
    """Return ``"HH:MM"`` for minutes after midnight."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$")


def _in_range(day: dt.date, text: object) -> None:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(
            f"{text} is outside the dates a scenario may hold ({FIRST_DAY}..{LAST_DAY})"
        )


def to_date(value: Any) -> dt.date:
    """A date from ``date`` or ``"YYYY-MM-DD"``, within ``FIRST_DAY..LAST_DAY``."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"{value.isoformat()} is a date and time; give a date (YYYY-MM-DD)")
    if isinstance(value, dt.date):
        _in_range(value, value)
        return value
    if not isinstance(value, str) or not _DATE.match(value.strip()):
        raise ValueError(f"{value!r} is not a date of the form YYYY-MM-DD (e.g. 2026-12-08)")
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValueError(f"{exc} (a date is YYYY-MM-DD)") from None
    _in_range(day, day)
    return day


def _to_moment(value: Any) -> Any:
    """Accept ``date`` or ``datetime`` (or their ISO strings) and keep which one it was."""
    if isinstance(value, str):
        text = value.strip()
        if _DATETIME.match(text):
            try:
                value = dt.datetime.fromisoformat(text)
            except ValueError as exc:
                raise ValueError(f"{exc} (a date and time is YYYY-MM-DDTHH:MM)") from None
        elif _DATE.match(text):
            return to_date(text)
        else:
            raise ValueError(
                f"{text!r} is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)"
            )
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            raise ValueError(f"{value.isoformat()} has a UTC offset; give local time without one")
        _in_range(value.date(), value.isoformat())
        return value
    if isinstance(value, dt.date):
        return to_date(value)
    raise ValueError(f"{value!r} is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)")


Day = Annotated[
    dt.date,
    BeforeValidator(to_date),
    Field(description="A date, YYYY-MM-DD, between 1900-01-01 and 2200-12-31."),
]
Moment = Annotated[
    dt.datetime | dt.date,
    BeforeValidator(_to_moment),
    Field(
        description="A date (the whole day), YYYY-MM-DD, or a local date and time, "
        "YYYY-MM-DDTHH:MM; between 1900 and 2200."
    ),
]
