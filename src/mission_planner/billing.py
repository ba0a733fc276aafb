"""What the client pays, when, and to whom: the price, invoices and invoicing milestones.

The mission's price is its effort in days (``effort_hours / hours_per_day``) at the mission's
``sale_day_rate``. Each delivery of the échéancier is an invoicing milestone: the share of the
price of the tasks it delivers, plus VAT at ``mission.vat_rate``. ``mission.billing`` says who
invoices: ``co-contracting`` — each partner invoices the client its own fee, the lead the rest
(one invoice per firm); ``subcontracting`` — the lead invoices the whole price and pays the
partners (one invoice). The margin is the price less the partner fees in both.
"""

from __future__ import annotations

import pandas as pd

from mission_planner.scenario import Scenario
from mission_planner.workdays import day_of, midnight

MILESTONE_COLUMNS = {
    "delivery": "int64",
    "delivery_day": "datetime64[ns]",
    "tasks": "string",
    "effort_hours": "float64",
    "amount": "float64",
    "vat": "float64",
    "amount_with_vat": "float64",
}
"""Columns of :func:`milestone_table`: one row per delivery day, amounts excluding VAT,
the VAT and the total; the amounts add up to the price."""


def revenue_of(scenario: Scenario) -> float:
    """The mission's price: effort days x the sale day rate (excluding VAT)."""
    days = sum(t.effort_hours for t in scenario.mission.tasks) / scenario.hours_per_day
    return days * scenario.mission.sale_day_rate


def invoices_count(scenario: Scenario, partners: int) -> int:
    """How many invoices the client receives when ``partners`` partners work."""
    return 1 if scenario.mission.billing == "subcontracting" else 1 + partners


def milestone_table(scenario: Scenario, deliveries: pd.DataFrame) -> pd.DataFrame:
    """The échéancier as invoicing milestones, from a plan's ``deliveries`` table.

    Tasks delivered the same day form one milestone; each is invoiced its tasks' effort at the
    sale day rate, with VAT at the mission's rate.
    """
    rate = scenario.mission.sale_day_rate / scenario.hours_per_day
    vat_rate = scenario.mission.vat_rate
    rows: list[dict[str, object]] = []
    if len(deliveries):
        days = deliveries["delivery"].map(lambda t: midnight(day_of(t)))
        for number, (day, group) in enumerate(deliveries.groupby(days, sort=True), start=1):
            hours = float(group["hours"].sum())
            amount = hours * rate
            rows.append(
                {
                    "delivery": number,
                    "delivery_day": day,
                    "tasks": ",".join(group["task"].astype(str)),
                    "effort_hours": hours,
                    "amount": amount,
                    "vat": amount * vat_rate,
                    "amount_with_vat": amount * (1 + vat_rate),
                }
            )
    return pd.DataFrame(rows, columns=list(MILESTONE_COLUMNS)).astype(MILESTONE_COLUMNS)


__all__ = ["MILESTONE_COLUMNS", "invoices_count", "milestone_table", "revenue_of"]
