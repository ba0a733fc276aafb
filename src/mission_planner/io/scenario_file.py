"""Scenario files (YAML or JSON): the one loader (the schema is in :mod:`.schema`).

:func:`load_scenario` is :meth:`Scenario.from_file <mission_planner.scenario.Scenario.from_file>`:
both read the file within the limits of :mod:`mission_planner.scenario.source` (size,
nesting, aliases, duplicate keys, YAML 1.2), let the models read durations such as ``"2d"``,
and raise :class:`~mission_planner.io.errors.ScenarioFileError` listing each problem with its
path inside the file (``mission.tasks[3].due``), its line, the value and the rule.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mission_planner.io.schema import scenario_schema
from mission_planner.scenario import Scenario
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


__all__ = ["SUFFIXES", "format_location", "load_scenario", "scenario_from_data", "scenario_schema"]
