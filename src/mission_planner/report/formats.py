"""Dates, amounts and hours as a reader of one locale writes them (Babel).

``vendredi 8 janvier 2027`` / ``Friday, 8 January 2027``, ``1 250 €`` / ``€1,250``. A due
date or a deadline is a day; an instant at 00:00 that closes a day (a delivery at 24:00)
shows as that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal

CURRENCY = "EUR"
"""Amounts of scenarios are in euros."""


@dataclass(frozen=True)
class Formats:
    """Formatters for one Babel locale (``"fr_FR"``, ``"en_GB"``)."""

    locale: str

    def day(self, value: dt.date | dt.datetime | pd.Timestamp) -> str:
        """The day in full: ``vendredi 8 janvier 2027``."""
        return format_date(_date(value), "full", locale=self.locale)

    def short_day(self, value: dt.date | dt.datetime | pd.Timestamp) -> str:
        """A short day for axes: ``ven. 8 janv.``."""
        return format_date(_date(value), "EEE d MMM", locale=self.locale)

    def moment(self, value: dt.datetime | pd.Timestamp) -> str:
        """Day and time: ``ven. 8 janv. 14:30``."""
        return format_datetime(
            pd.Timestamp(value).to_pydatetime(), "EEE d MMM HH:mm", locale=self.locale
        )

    def money(self, amount: float) -> str:
        """Whole euros: ``1 250 €``."""
        pattern = Locale.parse(self.locale).currency_formats["standard"].pattern
        whole = pattern.split(";")[0].replace(".00", "")
        return format_currency(
            round(float(amount)), CURRENCY, format=whole, locale=self.locale, currency_digits=False
        )

    def hours(self, value: float) -> str:
        """Hours with at most one decimal: ``12,5``."""
        return format_decimal(round(float(value), 1), format="#,##0.#", locale=self.locale)


def closing_day(value: dt.datetime | pd.Timestamp) -> dt.date:
    """The day an instant closes: 00:00 belongs to the day before (24:00)."""
    moment = pd.Timestamp(value)
    if moment == moment.normalize():
        moment -= pd.Timedelta(days=1)
    return moment.date()


def _date(value: dt.date | dt.datetime | pd.Timestamp) -> dt.date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value
