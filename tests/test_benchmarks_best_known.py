"""The store of best-known values: only better valid plans replace a value, with provenance."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `benchmarks` is a top-level package of the repository
    sys.path.insert(0, str(ROOT))

from benchmarks import best_known  # noqa: E402

FIELDS = ["suite", "size", "instance", "contender", "objective", "bound", "violations"]
FIELDS += ["time_limit", "workers", "seed"]


def _results(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    "suite": "consultant",
                    "size": "M",
                    "time_limit": "120",
                    "workers": "2",
                    "seed": "0",
                    **row,
                }
            )
    return path


def test_only_better_valid_plans_replace_the_stored_value(tmp_path: Path):
    """A lower valid objective replaces the value (with its run); an invalid plan never does."""
    store = tmp_path / "best.json"
    day = dt.date(2026, 12, 8)
    first = _results(
        tmp_path / "a.csv",
        [
            {
                "instance": "4",
                "contender": "ours",
                "objective": "1500",
                "bound": "900",
                "violations": "0",
            },
        ],
    )
    assert best_known.remember(first, "run a", path=store, commit="abc", today=day) == [
        "consultant/M/4"
    ]
    second = _results(
        tmp_path / "b.csv",
        [
            {
                "instance": "4",
                "contender": "naive",
                "objective": "1000",
                "bound": "",
                "violations": "2",
            },
            {
                "instance": "4",
                "contender": "cpsat-cold",
                "objective": "1400",
                "bound": "1200",
                "violations": "0",
            },
        ],
    )
    best_known.remember(second, "run b", path=store, commit="def", today=day)
    (record,) = best_known.load("consultant", "M", store).values()
    assert record.objective == 1400 and record.contender == "cpsat-cold"
    assert record.command == "run b" and record.commit == "def" and record.found == "2026-12-08"
    assert record.bound == 1200 and not record.proven


def test_report_states_the_gap_to_the_stored_value(tmp_path: Path):
    """A 10 s plan 2.5 times the stored value reads a 150 % gap, not "at best known"."""
    stored = {4: best_known.BestKnown(1000.0, "ours", 120, 2, 0, "abc", "2026-12-08", "run", 990.0)}
    rows = [{"instance": "4", "contender": "ours", "objective": "2500", "bound": ""}]
    text = "\n".join(best_known.report_lines(rows, stored, ["ours"]))
    assert "| ours | 1 | 150.00 | 150.00 | 0 |" in text
    assert "| 4 | ours | 2,500.00 | 1,000.00 | 150.00 | 990.00 | 60.40 |" in text
