"""Input limits are rules of the model: finite, bounded numbers and dates, horizon, chunks."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from mission_planner import Scenario


def data(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "start": "2026-12-07",
        "end": "2026-12-11",
        "partners": [{"id": "p", "day_rate": 500, "max_hours": 10}],
        "mission": {
            "client": "x",
            "tasks": [{"id": "a", "effort_hours": 4, "due": "2026-12-10"}],
        },
    }
    for path, value in changes.items():
        node = base
        *parents, last = path.split("__")
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[last] = value
    return base


@pytest.mark.parametrize(
    ("path", "value", "fragment"),
    [
        ("mission__tasks__0__effort_hours", float("inf"), "finite number"),
        ("mission__tasks__0__effort_hours", float("nan"), "finite number"),
        ("mission__tasks__0__effort_hours", 1e308, "less than or equal to 100000"),
        ("partners__0__day_rate", float("inf"), "finite number"),
        ("partners__0__day_rate", 1e30, "less than or equal to 1000000"),
        ("partners__0__max_hours", 1e300, "less than or equal to 100000"),
        ("mission__sale_day_rate", float("nan"), "finite number"),
        ("hours_per_day", float("nan"), "finite number"),
        ("coordination_share", float("inf"), "finite number"),
        ("weights", {"lateness": 10**30}, "less than or equal to 1000000"),
        ("mission__tasks__0__max_chunks", 1_000_000, "less than or equal to 1000"),
        ("mission__max_tranches", 10**9, "less than or equal to 1000"),
        ("end", "2036-12-11", "the limit is 1100 days"),
        ("start", "0001-01-01", "1900-01-01..2200-12-31"),
        ("mission__tasks__0__due", "9999-12-31", "1900-01-01..2200-12-31"),
        ("mission__tasks__0__due", 20261210, "not a date"),
        ("mission__tasks__0__due", "2026-W50-4", "YYYY-MM-DD"),
        ("mission__tasks__0__release", "1800-01-01T09:00", "1900-01-01..2200-12-31"),
    ],
)
def test_out_of_range_input_is_refused(path: str, value: Any, fragment: str) -> None:
    """Each value past its documented limit is a validation error naming the rule."""
    with pytest.raises(ValidationError, match=fragment.replace(".", r"\.")):
        Scenario.model_validate(data(**{path: value}))


def test_values_at_the_limits_load() -> None:
    """Values at the documented limits are accepted."""
    scenario = Scenario.model_validate(
        data(
            mission__tasks__0__max_chunks=4,
            partners__0__day_rate=1_000_000,
            weights={"lateness": 1_000_000},
        )
    )
    assert scenario.mission.tasks[0].max_chunks == 4
