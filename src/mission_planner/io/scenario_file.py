"""Scenario files (YAML or JSON): the one loader, and the JSON Schema of the files.

:func:`load_scenario` is :meth:`Scenario.from_file <mission_planner.scenario.Scenario.from_file>`:
both read the file within the limits of :mod:`mission_planner.scenario.source` (size,
nesting, aliases, duplicate keys, YAML 1.2), let the models read durations such as ``"2d"``,
and raise :class:`~mission_planner.io.errors.ScenarioFileError` listing each problem with its
path inside the file (``mission.tasks[3].due``), its line, the value and the rule.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mission_planner.scenario import Scenario
from mission_planner.scenario.durations import DURATION_KEYS, PATTERN
from mission_planner.scenario.located import validate_source
from mission_planner.scenario.source import SUFFIXES, Source, format_location, parse_yaml


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file (the same as :meth:`Scenario.from_file`).

    Parameters
    ----------
    path
        A ``.yaml``, ``.yml`` or ``.json`` file. Durations may be numbers of hours or strings
        such as ``"2d"`` (a day is ``hours_per_day``), ``"3h"``, ``"1h30"`` or ``"45min"``.

    Returns
    -------
    Scenario
        The validated scenario.

    Raises
    ------
    ScenarioFileError
        When the file is missing, unreadable, not YAML/JSON, breaks a reading limit, or is not
        a valid scenario; the error lists every problem found with where it is in the file.
    """
    return Scenario.from_file(path)


def scenario_from_data(data: Any, *, source: str = "<data>", text: str | None = None) -> Scenario:
    """Validate parsed scenario data, with the readable errors of :func:`load_scenario`.

    Parameters
    ----------
    data
        The mapping read from a file.
    source
        Name of the file, for messages.
    text
        The YAML text it came from, to report line numbers.

    Returns
    -------
    Scenario
        The validated scenario.
    """
    located = Source(source, data)
    if text is not None:
        try:
            lines = parse_yaml(text, source)
        except ValueError:
            pass
        else:
            located.lines, located.key_lines = lines.lines, lines.key_lines
    return validate_source(Scenario, located)


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of scenario files (what ``mission-planner schema`` prints).

    It is the models' schema, with duration fields also accepting strings such as ``"2d"``.
    """
    schema = Scenario.json_schema()

    def widen(node: Any) -> None:
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                for key, sub in props.items():
                    if key in DURATION_KEYS and isinstance(sub, dict):
                        props[key] = _with_duration_string(sub)
            for value in node.values():
                widen(value)
        elif isinstance(node, list):
            for value in node:
                widen(value)

    widen(schema)
    schema.setdefault("$schema", "https://json-schema.org/draft/2020-12/schema")
    schema.setdefault("title", "mission_planner scenario")
    return schema


def _with_duration_string(sub: dict[str, Any]) -> dict[str, Any]:
    text = {
        "type": "string",
        "pattern": PATTERN,
        "description": "A duration such as '2d', '3h', '1h30' or '45min'.",
    }
    if "anyOf" in sub:
        return {**sub, "anyOf": [*sub["anyOf"], text]}
    keep = {k: v for k, v in sub.items() if k in ("title", "description", "default")}
    number = {k: v for k, v in sub.items() if k not in keep}
    return {**keep, "anyOf": [number, text]}


__all__ = ["SUFFIXES", "format_location", "load_scenario", "scenario_from_data", "scenario_schema"]
