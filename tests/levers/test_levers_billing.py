"""Billing: co-contracting vs subcontracting invoices, the margin, and invoicing milestones."""

from __future__ import annotations

import pytest
from lever_helpers import FAST, load

from mission_planner import Scenario, advise, delegate, negotiate
from mission_planner.billing import MILESTONE_COLUMNS, milestone_table, revenue_of


def billed(model: str, vat: float = 0.0) -> Scenario:
    data = load("overlap").model_dump()  # Pat keeps the date: 24 h at 500 EUR/day
    data["mission"]["billing"] = model
    data["mission"]["vat_rate"] = vat
    return Scenario.model_validate(data)


@pytest.mark.parametrize(
    ("model", "invoices", "sentences"),
    [
        (
            "co-contracting",
            [("lead", 1500.0), ("pat", 1500.0)],
            (
                "Vous recevrez une facture de chaque cabinet, soit deux factures au total.",
                "one invoice from each firm, two invoices in all",
            ),
        ),
        (
            "subcontracting",
            [("lead", 3000.0)],
            (
                "Vous ne recevrez qu'une facture, la mienne, pour l'ensemble de la mission.",
                "a single invoice, mine",
            ),
        ),
    ],
)
def test_billing_models(
    model: str, invoices: list[tuple[str, float]], sentences: tuple[str, str]
) -> None:
    """Each model gives its invoices and message sentence; the margin is the same."""
    scenario = billed(model)
    staffed = delegate(scenario, **FAST)
    assert [(r["firm"], r["amount"]) for r in staffed.invoices.to_dict("records")] == invoices
    assert staffed.margin == pytest.approx(3000 - 1500)
    advice = advise(scenario, **FAST)
    assert advice.best == "delegate"
    assert sentences[0] in advice.messages["fr"]
    assert sentences[1] in advice.messages["en"]
    assert int(advice.comparison.set_index("option").loc["delegate", "invoices"]) == len(invoices)


def test_milestones_add_up_to_the_price_with_vat() -> None:
    """Each delivery day is invoiced its tasks' effort at the sale rate; VAT is added on top."""
    scenario = billed("subcontracting", vat=0.2)
    advice = advise(scenario, **FAST)
    table = advice.milestones
    assert {c: str(t) for c, t in table.dtypes.items()} == MILESTONE_COLUMNS
    assert table["amount"].sum() == pytest.approx(revenue_of(scenario)) == pytest.approx(3000)
    assert table["amount_with_vat"].sum() == pytest.approx(3600)
    assert "3 000 € HT (3 600 € TTC)" in advice.messages["fr"].replace("\u202f", " ").replace(
        "\xa0", " "
    )


def test_milestones_group_the_tasks_of_one_day() -> None:
    """Two tasks delivered the same day are one milestone."""
    scenario = load("two_tasks")
    deliveries = negotiate(scenario, **FAST, earliest=False).plan.deliveries
    same_day = deliveries.assign(delivery=deliveries["delivery"].max())
    table = milestone_table(scenario, same_day)
    assert len(table) == 1 and table["tasks"].iloc[0] == "x,y"
    assert table["amount"].iloc[0] == pytest.approx(revenue_of(scenario))
