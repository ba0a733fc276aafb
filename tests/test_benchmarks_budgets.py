"""The budgets benchmark's scenarios: the bundled examples, the generated sizes, 1,000 tasks."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `benchmarks` is a top-level package of the repository
    sys.path.insert(0, str(ROOT))

from benchmarks.budgets import EXAMPLES, THOUSAND, scenarios_named, thousand_tasks  # noqa: E402
from benchmarks.generators import SIZES  # noqa: E402


def test_scenarios_are_named_by_example_and_by_size() -> None:
    """'examples' gives each bundled file by its stem; a size gives that generated scenario."""
    chosen = scenarios_named(["examples", "S"])
    stems = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))
    assert {"bundled", "partners", "story"} <= set(stems)
    assert list(chosen) == [*stems, "S"]
    assert len(chosen["S"].mission.tasks) == SIZES["S"].tasks


def test_thousand_tasks_is_the_xl_world_with_a_thousand_small_tasks() -> None:
    """T1000: 1,000 tasks, XL's partners and horizon, about XL's total effort, same each time."""
    scenario = thousand_tasks()
    assert len(scenario.mission.tasks) == THOUSAND.tasks == 1000
    assert len(scenario.partners) == SIZES["XL"].partners
    assert (scenario.end - scenario.start).days + 1 == 7 * SIZES["XL"].weeks
    effort = sum(t.effort_hours for t in scenario.mission.tasks)
    assert 2500 <= effort <= 4000
    assert thousand_tasks() == scenario
