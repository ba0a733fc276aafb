"""Shared pydantic configuration and small value types for scenario models."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


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

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


Hours = Annotated[float, Field(gt=0, description="A positive number of hours.")]
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


def _to_moment(value: Any) -> Any:
    """Accept ``date`` or ``datetime`` (or their ISO strings) and keep which one it was."""
    if isinstance(value, str):
        text = value.strip()
        is_datetime = "T" in text or " " in text
        value = dt.datetime.fromisoformat(text) if is_datetime else dt.date.fromisoformat(text)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        raise ValueError(f"{value.isoformat()} has a UTC offset; give local time without one")
    return value


Moment = Annotated[
    dt.datetime | dt.date,
    BeforeValidator(_to_moment),
    Field(description="A date (the whole day) or a date and time, ISO format."),
]
