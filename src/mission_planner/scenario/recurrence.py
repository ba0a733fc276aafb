"""Recurring fixed blocks: a weekly or monthly commitment written once, with an end and exceptions.

A scenario file may give a fixed block a recurrence instead of a ``date``: either an iCalendar
RRULE (``rrule: "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270131"``) or the short ``every:`` form
(``every: week``, ``on: [mon]``, ``until: 2027-01-31``). ``except`` lists the dates skipped.
python-dateutil's :mod:`~dateutil.rrule` expands the series, and only inside the planning
horizon: the scenario holds one :class:`~mission_planner.scenario.FixedBlock` per occurrence,
with the id ``<series id>.<date>`` and ``series`` naming the entry it comes from.

Expansion is bounded: a series starts at most :data:`MAX_LOOKBACK_DAYS` before the horizon,
an RRULE's ``COUNT`` is at most :data:`MAX_OCCURRENCES`, and all series of a scenario together
expand to at most :data:`MAX_OCCURRENCES` blocks. Rules finer than a day (``FREQ=HOURLY``,
``BYHOUR``, ...) are refused: a block's clock time is its ``time``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from dateutil import rrule as rr
from pydantic import ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from mission_planner.scenario._base import Day, Frozen, Hours, Identifier, to_date
from mission_planner.scenario.calendar import TimeRange, Weekday

MAX_OCCURRENCES = 10_000
"""Most fixed blocks the recurring entries of one scenario expand to, all together."""
MAX_LOOKBACK_DAYS = 1100
"""Earliest first day of a series, in days before the horizon start (bounds the expansion)."""
SERIES_ID_LENGTH = 53
"""Longest series id: ``<id>.<YYYY-MM-DD>`` must stay a 64-character identifier."""
RECURRENCE_KEYS = frozenset({"rrule", "every", "on", "interval", "from", "until", "except"})
"""Keys that make a ``fixed_blocks`` entry recurring (so does a missing ``date``)."""

_FREQUENCIES = {"DAILY": rr.DAILY, "WEEKLY": rr.WEEKLY, "MONTHLY": rr.MONTHLY, "YEARLY": rr.YEARLY}
_RRULE_PARTS = frozenset(
    {
        "FREQ",
        "INTERVAL",
        "COUNT",
        "UNTIL",
        "BYDAY",
        "BYMONTHDAY",
        "BYMONTH",
        "BYSETPOS",
        "BYWEEKNO",
        "BYYEARDAY",
        "WKST",
    }
)
_EVERY: dict[str, Literal[0, 1, 2, 3, 4, 5, 6]] = {
    "day": rr.DAILY,
    "week": rr.WEEKLY,
    "month": rr.MONTHLY,
}
_WEEKDAYS = {day.value: rr.weekday(i) for i, day in enumerate(Weekday)}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_ORDINALS |= {"fourth": 4, "4th": 4, "last": -1}
_ORDINAL_DAY = re.compile(r"^([a-z0-9]+)\s+([a-z]{3})[a-z]*$")


class RecurringBlock(Frozen):
    """A fixed block that comes back: weekly, monthly, with an end and exceptions.

    Give either ``rrule`` (an iCalendar RRULE) or ``every`` (with ``on``, ``interval`` and
    ``until``), not both. The occurrences are fixed blocks with ``time``, ``hours`` and
    ``title`` of the series (neither ``time`` nor ``hours``: the whole working day).
    """

    model_config = ConfigDict(populate_by_name=True)

    id: Identifier
    time: TimeRange | None = None
    hours: Hours | None = None
    title: str = ""
    rrule: str | None = Field(
        default=None,
        description="An iCalendar RRULE of whole days, e.g. 'FREQ=WEEKLY;BYDAY=MO;"
        "UNTIL=20270131' or 'FREQ=MONTHLY;BYDAY=1TU'; UNTIL is read as a date.",
    )
    every: Literal["day", "week", "month"] | None = Field(
        default=None, description="How often: 'day', 'week' or 'month' (instead of rrule)."
    )
    on: tuple[str | int, ...] = Field(
        default=(),
        description="With every: week, weekdays ('mon'..'sun'); with every: month, days of "
        "the month (15, -1 for the last) or weekdays of the month ('first mon', 'last fri').",
    )
    interval: int = Field(
        default=1, ge=1, le=366, description="Every how many days, weeks or months (default 1)."
    )
    first: Day | None = Field(
        default=None,
        alias="from",
        description="First day of the series (default: the horizon start); with interval, "
        "the week or month counted from.",
    )
    until: Day | None = Field(
        default=None, description="Last day of the series, included (default: the horizon end)."
    )
    exceptions: tuple[Day, ...] = Field(
        default=(), alias="except", description="Dates of occurrences that do not take place."
    )

    @field_validator("rrule")
    @classmethod
    def _rrule(cls, value: str | None) -> str | None:
        if value is None:
            return None
        _rrule_parts(value)
        try:
            rr.rrulestr(_rrule_text(value, None), dtstart=dt.datetime(2000, 1, 1))
        except (ValueError, TypeError) as exc:
            raise ValueError(f"not a valid RRULE ({exc})") from None
        return value

    @field_validator("on", mode="before")
    @classmethod
    def _one_or_more(cls, value: Any) -> Any:
        return [value] if isinstance(value, str | int) else value

    @field_validator("on")
    @classmethod
    def _on(cls, value: tuple[str | int, ...]) -> tuple[str | int, ...]:
        return tuple(item.strip().lower() if isinstance(item, str) else item for item in value)

    @model_validator(mode="after")
    def _form(self) -> RecurringBlock:
        owner = f"fixed block {self.id!r}"
        if len(self.id) > SERIES_ID_LENGTH:
            raise ValueError(
                f"{owner}: id={self.id!r} is longer than {SERIES_ID_LENGTH} characters (each "
                "occurrence's id adds '.YYYY-MM-DD')"
            )
        if self.time is not None and self.hours is not None:
            raise ValueError(f"{owner}: give time={self.time} or hours={self.hours}, not both")
        if (self.rrule is None) == (self.every is None):
            raise ValueError(
                f"{owner}: give a date, an rrule or every (with on, interval, until), "
                "and only one of them"
            )
        if self.rrule is not None:
            extra = [k for k in ("on", "interval", "until") if k in self.model_fields_set]
            if extra:
                raise ValueError(
                    f"{owner}: rrule={self.rrule!r} goes without {', '.join(extra)} "
                    "(write them in the rrule: BYDAY, INTERVAL, UNTIL)"
                )
        else:
            _by_day(self)
        if self.first is not None and self.until is not None and self.until < self.first:
            raise ValueError(f"{owner}: until={self.until} is before from={self.first}")
        return self

    def rule(self, first: dt.date, last: dt.date) -> rr.rrule:
        """The dateutil rule of the series from ``first``, cut at ``last`` (no ``COUNT``).

        ``first`` anchors ``interval`` (week or month 0); occurrences fall in
        ``first..last``, both included.
        """
        start = dt.datetime.combine(first, dt.time())
        if self.rrule is not None:
            text = _rrule_text(self.rrule, last)
            return rr.rrulestr(text, dtstart=start)  # type: ignore[return-value]
        assert self.every is not None
        until = dt.datetime.combine(last, dt.time())
        return rr.rrule(
            _EVERY[self.every], dtstart=start, interval=self.interval, until=until, **_by_day(self)
        )

    def count(self) -> int | None:
        """The RRULE's ``COUNT`` (occurrences from the first day on), if it has one."""
        if self.rrule is None:
            return None
        value = _rrule_parts(self.rrule).get("COUNT")
        return None if value is None else int(value)


def _rrule_parts(text: str) -> dict[str, str]:
    """``KEY=VALUE`` parts of an RRULE, refusing what is not a rule of whole days."""
    body = text.strip().removeprefix("RRULE:")
    parts: dict[str, str] = {}
    for part in body.split(";"):
        key, sep, value = part.partition("=")
        key = key.strip().upper()
        if not sep or not value.strip():
            raise ValueError(f"{part!r} is not KEY=VALUE (e.g. FREQ=WEEKLY;BYDAY=MO)")
        if key not in _RRULE_PARTS:
            raise ValueError(
                f"{key} is not allowed (a block's clock time is its time; "
                f"use {', '.join(sorted(_RRULE_PARTS))})"
            )
        if key in parts:
            raise ValueError(f"{key} is given twice")
        parts[key] = value.strip().upper()
    if parts.get("FREQ") not in _FREQUENCIES:
        raise ValueError(f"FREQ must be one of {', '.join(_FREQUENCIES)} (got {parts.get('FREQ')})")
    if "COUNT" in parts:
        if "UNTIL" in parts:
            raise ValueError("give COUNT or UNTIL, not both")
        if not parts["COUNT"].isdigit() or not 1 <= int(parts["COUNT"]) <= MAX_OCCURRENCES:
            raise ValueError(f"COUNT must be a whole number, 1 to {MAX_OCCURRENCES}")
    if "UNTIL" in parts:
        day = parts["UNTIL"][:8]
        if not (day.isdigit() and len(day) == 8):
            raise ValueError("UNTIL must start with a date YYYYMMDD")
        to_date(f"{day[:4]}-{day[4:6]}-{day[6:]}")
        parts["UNTIL"] = day
    return parts


def _rrule_text(text: str, last: dt.date | None) -> str:
    """The RRULE as dateutil reads it: UNTIL a date, ``COUNT`` dropped, cut at ``last``."""
    parts = _rrule_parts(text)
    parts.pop("COUNT", None)
    if last is not None:
        until = parts.get("UNTIL")
        cut = last.strftime("%Y%m%d")
        parts["UNTIL"] = cut if until is None else min(until, cut)
    return ";".join(f"{k}={v}" for k, v in parts.items())


def _by_day(block: RecurringBlock) -> dict[str, Any]:
    """The ``byweekday``/``bymonthday`` for the ``every`` form's ``on``."""
    owner = f"fixed block {block.id!r}"
    weekdays: list[rr.weekday] = []
    monthdays: list[int] = []
    for i, item in enumerate(block.on):
        where = f"{owner}: on[{i}]={item!r}"
        if isinstance(item, int):
            if block.every != "month" or not (1 <= abs(item) <= 31):
                raise ValueError(
                    f"{where} is a day of the month: give it with every: month, 1 to 31 "
                    "(or -1 for the last day)"
                )
            monthdays.append(item)
        elif item[:3] in _WEEKDAYS and item in (item[:3], _full_name(item[:3])):
            if block.every == "day":
                raise ValueError(f"{where}: every: day takes no on (use every: week)")
            weekdays.append(_WEEKDAYS[item[:3]])
        else:
            match = _ORDINAL_DAY.match(item)
            nth = _ORDINALS.get(match.group(1)) if match else None
            if match is None or nth is None or match.group(2) not in _WEEKDAYS:
                raise ValueError(
                    f"{where} is not a weekday ('mon'), a weekday of the month ('first mon', "
                    "'last fri') or a day of the month (15)"
                )
            if block.every != "month":
                raise ValueError(f"{where}: a weekday of the month goes with every: month")
            weekdays.append(_WEEKDAYS[match.group(2)](nth))
    if block.every in ("week", "month") and not block.on:
        example = "[mon]" if block.every == "week" else "[15] or ['first mon']"
        raise ValueError(f"{owner}: on is required with every={block.every} (e.g. on: {example})")
    out: dict[str, Any] = {}
    if weekdays:
        out["byweekday"] = weekdays
    if monthdays:
        out["bymonthday"] = monthdays
    return out


def _full_name(short: str) -> str:
    return {
        "mon": "monday",
        "tue": "tuesday",
        "wed": "wednesday",
        "thu": "thursday",
        "fri": "friday",
        "sat": "saturday",
        "sun": "sunday",
    }[short]


# ---------------------------------------------------------------------- expansion
def is_recurring(entry: Any) -> bool:
    """Whether a ``fixed_blocks`` entry is a series (a recurrence key, or no ``date``)."""
    if isinstance(entry, RecurringBlock):
        return True
    return isinstance(entry, Mapping) and (
        "date" not in entry or any(key in entry for key in RECURRENCE_KEYS)
    )


def occurrences(block: RecurringBlock, start: dt.date, end: dt.date) -> list[dt.date]:
    """Days of the series inside the horizon ``start..end``, exceptions left out.

    Raises
    ------
    ValueError
        When the series starts more than :data:`MAX_LOOKBACK_DAYS` before ``start``, or an
        exception inside the horizon is not one of its days.
    """
    owner = f"fixed block {block.id!r}"
    first = block.first or start
    if (start - first).days > MAX_LOOKBACK_DAYS:
        raise ValueError(
            f"{owner}: from={first} is more than {MAX_LOOKBACK_DAYS} days before the horizon "
            f"start {start}"
        )
    last = min(block.until or end, end)
    days = [when.date() for when in block.rule(first, last)] if first <= last else []
    count = block.count()
    if count is not None:
        days = days[:count]
    days = [day for day in days if day >= start]
    skipped = set(block.exceptions)
    for i, day in enumerate(block.exceptions):
        if start <= day <= end and day not in days:
            raise ValueError(
                f"{owner}: except[{i}]={day} is not a day of the series (a {day:%A}, "
                "or outside from..until)"
            )
    return [day for day in days if day not in skipped]


def expand_fixed_blocks(data: dict[str, Any], model: str = "Scenario") -> dict[str, Any]:
    """Scenario data whose recurring ``fixed_blocks`` entries are replaced by their occurrences.

    Each entry is validated as a :class:`RecurringBlock` first; its problems are raised as a
    validation error located at ``fixed_blocks[i]``. Nothing is expanded when the horizon
    (``start``, ``end``) is itself invalid: its own errors are reported instead.

    Raises
    ------
    pydantic.ValidationError
        For a malformed series, an exception that is not one of its days, or more than
        :data:`MAX_OCCURRENCES` occurrences in all.
    """
    entries = data.get("fixed_blocks")
    if not isinstance(entries, Sequence) or isinstance(entries, str):
        return data
    if not any(is_recurring(entry) for entry in entries):
        return data
    horizon = _horizon(data)
    out: list[Any] = []
    errors: list[InitErrorDetails] = []
    total = 0
    for i, entry in enumerate(entries):
        if not is_recurring(entry):
            out.append(entry)
            continue
        try:
            block = (
                entry if isinstance(entry, RecurringBlock) else RecurringBlock.model_validate(entry)
            )
            days = [] if horizon is None else occurrences(block, *horizon)
        except ValidationError as exc:
            errors.extend(_located(exc, i, entry))
            continue
        except ValueError as exc:
            errors.append(_error(("fixed_blocks", i), str(exc), entry))
            continue
        total += len(days)
        if total > MAX_OCCURRENCES:
            message = (
                f"fixed block {block.id!r}: the recurring fixed blocks expand to more than "
                f"{MAX_OCCURRENCES:,} blocks in the horizon"
            )
            errors.append(_error(("fixed_blocks", i), message, entry))
            break
        out.extend(_occurrence(block, day) for day in days)
    if errors:
        raise ValidationError.from_exception_data(model, errors)
    return {**data, "fixed_blocks": out}


def _occurrence(block: RecurringBlock, day: dt.date) -> dict[str, Any]:
    found: dict[str, Any] = {"id": f"{block.id}.{day.isoformat()}", "date": day}
    found |= {"series": block.id, "title": block.title}
    if block.time is not None:
        found["time"] = block.time
    if block.hours is not None:
        found["hours"] = block.hours
    return found


def _horizon(data: Mapping[str, Any]) -> tuple[dt.date, dt.date] | None:
    try:
        start, end = to_date(data.get("start")), to_date(data.get("end"))
    except ValueError:
        return None
    return (start, end) if start <= end else None


def _located(exc: ValidationError, index: int, entry: Any) -> list[InitErrorDetails]:
    """The errors of one entry, placed at ``fixed_blocks[index]`` of the scenario."""
    names = [field.alias or name for name, field in RecurringBlock.model_fields.items()]
    out: list[InitErrorDetails] = []
    for err in exc.errors():
        loc = ("fixed_blocks", index, *err["loc"])
        if err["type"] == "extra_forbidden":
            key = str(err["loc"][-1])
            close = difflib.get_close_matches(key, [*names, "date"], n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else f"known fields: {', '.join(names)}"
            message = f"unknown field of a recurring fixed block ({hint})"
            if key == "date":
                message = "a recurring fixed block has no date: give from (its first day)"
            out.append(_error(loc, message, err["input"], kind="unknown_field"))
        else:
            message = str(err["msg"]).removeprefix("Value error, ")
            out.append(_error(loc, message, err["input"], kind=err["type"]))
    return out


def _error(
    loc: tuple[str | int, ...], message: str, value: Any, kind: str = "value_error"
) -> InitErrorDetails:
    return InitErrorDetails(
        type=PydanticCustomError(kind, "{message}", {"message": message}), loc=loc, input=value
    )


__all__ = [
    "MAX_LOOKBACK_DAYS",
    "MAX_OCCURRENCES",
    "RECURRENCE_KEYS",
    "SERIES_ID_LENGTH",
    "RecurringBlock",
    "expand_fixed_blocks",
    "is_recurring",
    "occurrences",
]
