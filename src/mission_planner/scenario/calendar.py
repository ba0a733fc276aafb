"""Working calendars: weekly hours, public holidays, time off, overtime."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from itertools import pairwise
from typing import Annotated, Any

import holidays as holidays_lib
from pydantic import BeforeValidator, Field, field_validator, model_validator

from mission_planner.scenario._base import (
    Day,
    Frozen,
    FrozenDict,
    format_clock,
    parse_clock,
)
from mission_planner.scenario.durations import to_hours


class Weekday(StrEnum):
    """Day of the week, as used for weekly working hours."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


class TimeRange(Frozen):
    """A range of clock time within one day, e.g. ``09:00-12:30``.

    Accepts ``{"start": "09:00", "end": "12:30"}`` or the string ``"09:00-12:30"``.
    ``end`` may be ``24:00``.
    """

    start: int = Field(description="Minutes after midnight (input as 'HH:MM').")
    end: int = Field(description="Minutes after midnight (input as 'HH:MM').")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            parts = data.split("-")
            if len(parts) != 2:
                raise ValueError(f"time range {data!r} must look like '09:00-12:30'")
            return {"start": parts[0], "end": parts[1]}
        return data

    @field_validator("start", "end", mode="before")
    @classmethod
    def _clock(cls, value: Any) -> int:
        return parse_clock(value)

    @model_validator(mode="after")
    def _ordered(self) -> TimeRange:
        if self.end <= self.start:
            raise ValueError(f"time range {self}: end must be after start")
        return self

    @property
    def minutes(self) -> int:
        """Length of the range in minutes."""
        return self.end - self.start

    def __str__(self) -> str:
        return f"{format_clock(self.start)}-{format_clock(self.end)}"


class TimeOff(Frozen):
    """Days off (holiday, training, ...), from ``start`` to ``end`` inclusive."""

    start: Day
    end: Day
    reason: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> TimeOff:
        if self.end < self.start:
            raise ValueError(
                f"time off {self.reason or ''} end={self.end} is before start={self.start}"
            )
        return self


def _default_week() -> dict[Weekday, tuple[TimeRange, ...]]:
    day = (TimeRange(start=9 * 60, end=13 * 60), TimeRange(start=14 * 60, end=18 * 60))
    return FrozenDict({d: day for d in list(Weekday)[:5]})


class Calendar(Frozen):
    """When a person works.

    Parameters
    ----------
    working_hours
        Weekly working hours: weekday -> time ranges. Weekdays left out are not worked.
        Default: Monday to Friday, 09:00-13:00 and 14:00-18:00 (8 hours).
    country, subdivision
        Public holidays through the ``holidays`` package (e.g. ``"FR"``; subdivision such as
        ``"57"`` for Moselle). ``None`` means no public holidays.
    extra_holidays
        Further days not worked (company closing days, bridges).
    time_off
        Personal days off, as inclusive date ranges.
    overtime_hours_per_day
        Hours that may be worked right after the last working range of each working day.
        Overtime is priced by the ``overtime`` weight of the objective.
    """

    working_hours: dict[Weekday, tuple[TimeRange, ...]] = Field(default_factory=_default_week)
    country: str | None = "FR"
    subdivision: str | None = None
    extra_holidays: tuple[Day, ...] = ()
    time_off: tuple[TimeOff, ...] = ()
    overtime_hours_per_day: Annotated[float, BeforeValidator(to_hours)] = Field(
        default=0.0, ge=0, le=12
    )

    @field_validator("working_hours")
    @classmethod
    def _no_overlap(
        cls, value: dict[Weekday, tuple[TimeRange, ...]]
    ) -> dict[Weekday, tuple[TimeRange, ...]]:
        for day, ranges in value.items():
            ordered = sorted(ranges, key=lambda r: r.start)
            for a, b in pairwise(ordered):
                if b.start < a.end:
                    raise ValueError(f"working_hours[{day.value}]: ranges {a} and {b} overlap")
        return FrozenDict(
            {day: tuple(sorted(r, key=lambda x: x.start)) for day, r in value.items()}
        )

    @model_validator(mode="after")
    def _known_country(self) -> Calendar:
        if self.country is not None:
            try:
                holidays_lib.country_holidays(self.country, years=2026)
            except NotImplementedError:
                raise ValueError(
                    f"country={self.country!r} is not known to the holidays package"
                ) from None
            if self.subdivision is not None:
                try:
                    holidays_lib.country_holidays(self.country, subdiv=self.subdivision, years=2026)
                except NotImplementedError as exc:
                    raise ValueError(
                        f"subdivision={self.subdivision!r} of country={self.country!r}: {exc}"
                    ) from None
        return self

    def ranges_on(self, day: dt.date) -> tuple[TimeRange, ...]:
        """Weekly working ranges for the weekday of ``day`` (holidays not applied)."""
        return self.working_hours.get(list(Weekday)[day.weekday()], ())

    def public_holidays(self, first: dt.date, last: dt.date) -> dict[dt.date, str]:
        """Public and extra holidays between ``first`` and ``last`` inclusive, with names."""
        found: dict[dt.date, str] = {}
        if self.country is not None:
            years = list(range(first.year, last.year + 1))
            table = holidays_lib.country_holidays(
                self.country, subdiv=self.subdivision, years=years
            )
            found.update({d: str(n) for d, n in table.items() if first <= d <= last})
        for day in self.extra_holidays:
            if first <= day <= last:
                found.setdefault(day, "extra holiday")
        return found
