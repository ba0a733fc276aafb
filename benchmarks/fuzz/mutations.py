"""Seeded mutations of scenario files, each labelled valid or invalid by the fuzzer itself.

A mutation starts from a seed file the loader accepts (the bundled examples, the valid test
files) and changes it in one of the ways hostile or careless files do (the kinds of issue 16).
Its label comes from the kind of change, never from the loader: ``"invalid"`` kinds break a
documented rule for sure (a non-finite effort, a duplicate key, a date in year 1...);
``"valid"`` kinds keep the file valid by construction (the same scenario in the other format,
a duration respelled on the grid, a YAML 1.1 boolean word where a string is expected).
"""

from __future__ import annotations

import copy
import io
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [
    *sorted((ROOT / "src" / "mission_planner" / "examples").glob("*.yaml")),
    *sorted((ROOT / "tests" / "data").glob("tiny*.*")),
    *(
        ROOT / "tests" / "cli" / "data" / name
        for name in ("short_mission.yaml", "needs_partner.yaml", "no_partner.yaml")
    ),
]
"""Seed files: valid scenarios of every shape the repository holds."""


@dataclass(frozen=True)
class Mutant:
    """One mutated file: its text, suffix, kind of change and the fuzzer's label."""

    name: str
    suffix: str
    text: str
    kind: str
    valid: bool


Data = dict[str, Any]
Mutation = Callable[[random.Random, Data], tuple[Any, str] | None]
"""Change ``data`` in place, return ``(text_or_data, suffix or "")``; None when not applicable."""


def dump(data: Any, suffix: str) -> str:
    """Data as YAML or JSON text."""
    if suffix == ".json":
        return json.dumps(data, ensure_ascii=False, indent=1, allow_nan=True)
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def load_seed(path: Path) -> Data:
    """A seed file's data (read by the loader's own reader: seeds are valid files)."""
    from mission_planner.scenario.source import read_source

    data: Data = read_source(path).data
    return data


# ---------------------------------------------------------------------- places in the data
def places(data: Any, keys: set[str]) -> list[tuple[Any, Any]]:
    """``(container, key)`` of every mapping entry whose key is in ``keys``."""
    found: list[tuple[Any, Any]] = []
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in keys:
                    found.append((node, key))
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return found  # in traversal order: the same for the same data


def _pick(rng: random.Random, data: Data, keys: set[str]) -> tuple[Any, Any] | None:
    found = places(data, keys)
    return rng.choice(found) if found else None


NUMBERS = {"effort_hours", "day_rate", "max_hours", "sale_day_rate", "min_session_hours"}
WEIGHTS = {"lateness", "partner_cost", "coordination", "fragmentation", "overtime"}
DATES = {"start", "end", "due", "release", "deadline", "date", "earliest_start"}


def _set(rng: random.Random, data: Data, keys: set[str], value: Any) -> tuple[Any, str] | None:
    where = _pick(rng, data, keys)
    if where is None:
        return None
    where[0][where[1]] = value
    return data, ""


def _date_places(rng: random.Random, data: Data) -> tuple[Any, Any] | None:
    found = [
        (c, k)
        for c, k in places(data, DATES)
        if isinstance(c[k], str) and len(c[k]) >= 10 and c[k][4] == "-"
    ]
    return rng.choice(found) if found else None


# ---------------------------------------------------------------------- invalid kinds
def non_finite(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    return _set(rng, data, NUMBERS, rng.choice([float("inf"), float("-inf"), float("nan")]))


def huge_number(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    return _set(rng, data, NUMBERS, rng.choice([1e308, 1e30, 10**40]))


def huge_weight(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    data.setdefault("weights", {})[rng.choice(sorted(WEIGHTS))] = rng.choice([10**12, 10**30])
    return data, ""


def negative_effort(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    return _set(rng, data, {"effort_hours"}, rng.choice([0, -1, -8.5]))


def far_date(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    where = _date_places(rng, data)
    if where is None:
        return None
    year = rng.choice(["0001", "1800", "1899", "2201", "9999"])
    where[0][where[1]] = year + where[0][where[1]][4:]
    return data, ""


def integer_date(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    where = _date_places(rng, data)
    if where is None:
        return None
    where[0][where[1]] = int(where[0][where[1]][:10].replace("-", ""))
    return data, ""


def other_date_form(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    where = _date_places(rng, data)
    if where is None:
        return None
    y, m, d = where[0][where[1]][:10].split("-")
    where[0][where[1]] = rng.choice([f"{d}/{m}/{y}", f"{y}-W49-2", f"{y}{m}{d}", f"{y}-{m}"])
    return data, ""


def impossible_day(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    where = _date_places(rng, data)
    if where is None:
        return None
    where[0][where[1]] = where[0][where[1]][:8] + rng.choice(["32", "00", "99"])
    return data, ""


def bad_duration(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    return _set(rng, data, {"effort_hours"}, rng.choice(["1d2d", "30min 1h", "2 weeks", "h3"]))


def missing_field(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    tasks = data["mission"]["tasks"]
    task = rng.choice(tasks)
    del task[rng.choice(["id", "effort_hours", "due"])]
    return data, ""


def unknown_field(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    target = rng.choice([data, data["mission"], rng.choice(data["mission"]["tasks"])])
    target[rng.choice(["colour", "efort", "granularity", "prio"])] = 1
    return data, ""


def wrong_type(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    task = rng.choice(data["mission"]["tasks"])
    field, value = rng.choice(
        [("urgency", "high"), ("delegable", "maybe"), ("predecessors", 3), ("skills", {"a": 1})]
    )
    task[field] = value
    return data, ""


def too_many_chunks(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    task = rng.choice(data["mission"]["tasks"])
    task["splittable"] = True
    task["max_chunks"] = rng.choice([10**6, 10**9])
    return data, ""


def endless_horizon(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    data["end"] = rng.choice(["2199-12-31", "2100-01-01", "2150-06-30"])
    return data, ""


def off_grid_clock(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    if data.get("granularity_minutes", 60) != 60:
        return None
    blocks = data.setdefault("fixed_blocks", [])
    blocks.append({"id": "fuzz-lunch", "date": data["start"], "time": "12:30-13:00"})
    return data, ""


def duplicate_key(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    suffix = rng.choice([".yaml", ".json"])
    text = dump(data, suffix)
    # every scenario has an 'end': a second one is a duplicate key
    if suffix == ".json":
        return text.replace("{", '{\n "end": "2026-12-31",', 1), suffix
    return f"end: 2026-12-31\n{text}", suffix


def deep_nesting(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    depth = rng.choice([100, 1000, 20000])
    if rng.random() < 0.5:
        return '{"start": ' + "[" * depth + "1" + "]" * depth + "}", ".json"
    return "start: " + "[" * depth + "1" + "]" * depth + "\n", ".yaml"


def alias_bomb(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    width = rng.choice([9, 10])
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, 10)]
    return dump(data, ".yaml") + "\n".join(lines) + "\n", ".yaml"


def truncated(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    text = dump(data, ".json").rstrip()
    return text[: rng.randrange(1, len(text) - 1)], ".json"


def oversized(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    return dump(data, ".yaml") + "# " + "x" * 2_100_000 + "\n", ".yaml"


def json_nan(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    where = _pick(rng, data, {"effort_hours"})
    if where is None:
        return None
    where[0][where[1]] = 12345.678
    text = dump(data, ".json").replace("12345.678", rng.choice(["NaN", "Infinity"]), 1)
    return text, ".json"


# ---------------------------------------------------------------------- valid kinds
def other_format(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    return data, rng.choice([".yaml", ".json"])


def respelled_duration(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    found = [(c, k) for c, k in places(data, {"effort_hours"}) if isinstance(c[k], int | float)]
    if not found:
        return None
    container, key = rng.choice(found)
    minutes = Fraction(container[key]).limit_denominator(60) * 60
    if minutes.denominator != 1:
        return None
    hours, rest = divmod(int(minutes), 60)
    container[key] = rng.choice(
        [
            f"{hours}h{rest:02d}",
            f"{int(minutes)}min",
            f"{hours} h {rest} min" if rest else f"{hours}h",
        ]
    )
    return data, ""


def long_chain(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    """Many one-hour tasks, each after the previous one, all due at the horizon's end."""
    count = rng.choice([100, 400])
    data["mission"]["tasks"] = [
        {"id": f"chain{i}", "effort_hours": 1, "due": data["end"], "delegable": False}
        | ({"predecessors": [f"chain{i - 1}"]} if i else {})
        for i in range(count)
    ]
    data["mission"]["max_tranches"] = 1
    return data, ""


def yaml11_words(rng: random.Random, data: Data) -> tuple[Any, str] | None:
    if "lead" not in data:
        data["lead"] = {}
    lead = data["lead"]
    lead.setdefault("calendar", {})["country"] = "NO"
    lead["id"] = rng.choice(["yes", "no", "on", "off"])
    text = dump(data, ".yaml").replace("'NO'", "NO").replace(f"'{lead['id']}'", lead["id"])
    return text, ".yaml"


INVALID: dict[str, Mutation] = {
    f.__name__: f
    for f in (
        non_finite,
        huge_number,
        huge_weight,
        negative_effort,
        far_date,
        integer_date,
        other_date_form,
        impossible_day,
        bad_duration,
        missing_field,
        unknown_field,
        wrong_type,
        too_many_chunks,
        endless_horizon,
        off_grid_clock,
        duplicate_key,
        deep_nesting,
        alias_bomb,
        truncated,
        oversized,
        json_nan,
    )
}
VALID: dict[str, Mutation] = {
    f.__name__: f for f in (other_format, respelled_duration, yaml11_words, long_chain)
}


def mutants(count: int, seed: int = 0) -> Iterator[Mutant]:
    """``count`` mutants, drawn with ``random.Random(seed)``: a quarter valid kinds."""
    rng = random.Random(seed)
    seeds = [(path, load_seed(path)) for path in SEEDS]
    made = 0
    attempts = 0
    while made < count and attempts < 20 * count:
        attempts += 1
        path, original = rng.choice(seeds)
        valid = rng.random() < 0.25
        table = VALID if valid else INVALID
        kind = rng.choice(sorted(table))
        data = copy.deepcopy(original)
        out = table[kind](rng, data)
        if out is None:
            continue
        body, suffix = out
        suffix = suffix or path.suffix
        text = body if isinstance(body, str) else dump(body, suffix)
        yield Mutant(f"{made:05d}-{kind}-{path.stem}{suffix}", suffix, text, kind, valid)
        made += 1


__all__ = ["INVALID", "SEEDS", "VALID", "Mutant", "dump", "mutants"]
