"""Every YAML example of docs/schedules.md loads, validates and plans into a valid plan."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mission_planner import Scenario, check, plan

DOC = Path(__file__).resolve().parents[2] / "docs" / "schedules.md"
EXAMPLES = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_the_doc_has_examples() -> None:
    """The page shows at least one scenario."""
    assert EXAMPLES


@pytest.mark.parametrize("text", EXAMPLES, ids=[f"example{i}" for i in range(len(EXAMPLES))])
def test_example_loads_and_plans(text: str, tmp_path: Path) -> None:
    """The example loads through Scenario.from_file and its plan passes the checker."""
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    scenario = Scenario.from_file(path)
    result = plan(scenario, time_limit=5, seed=0, workers=1)
    assert result.has_plan
    assert check(scenario, result) == []
