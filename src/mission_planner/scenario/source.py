"""Reading a scenario file safely: size, nesting and alias limits, YAML 1.2, no duplicate keys.

:func:`read_source` turns a ``.yaml``/``.yml``/``.json`` file into plain Python data (dicts,
lists, strings, numbers, booleans, ``None``) and remembers the line of every place in it, so
that validation errors can point into the file. Everything a hostile file could use to hang or
exhaust memory is bounded *before* the data is built:

* files larger than :data:`MAX_FILE_BYTES`, and anything that is not a regular file, are refused;
* nesting deeper than :data:`MAX_DEPTH` is refused (checked on the text, then on the events);
* more than :data:`MAX_NODES` values once YAML aliases are expanded (a "billion laughs") are
  refused while parsing, before anything is expanded;
* duplicate keys are refused in YAML and JSON, with their line;
* YAML is read by YAML 1.2 rules (``NO`` and ``yes`` stay strings), dates stay text (the models
  read them), and tags other than the standard scalar ones are refused (no object is ever
  built from a tag); JSON's non-standard ``NaN``/``Infinity`` are refused.
"""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    ScalarEvent,
)
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mission_planner.errors import InputProblem, ScenarioFileError

SUFFIXES = (".yaml", ".yml", ".json")
"""File types of scenario files."""
MAX_FILE_BYTES = 2_000_000
"""Largest scenario file read (2 MB: about 10,000 tasks)."""
MAX_DEPTH = 32
"""Deepest nesting of mappings and lists (a scenario needs 6)."""
MAX_NODES = 500_000
"""Most values in a file once YAML aliases are expanded."""

Loc = tuple[str | int, ...]
_YAML_SCALARS = "tag:yaml.org,2002:"
_QUOTED = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\n]|'')*'|(?:^|(?<=\s))#[^\n]*", re.M)


@dataclass
class Source:
    """A parsed scenario file: its data and the line of each place in it.

    Attributes
    ----------
    name
        The file, for messages.
    data
        Plain Python data.
    lines
        1-based line of the value at each location (``("mission", "tasks", 0)``).
    key_lines
        1-based line of the key of each mapping entry.
    """

    name: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    key_lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Loc, key: bool = False) -> int | None:
        """Line of ``loc`` (of its key with ``key=True``), else of its nearest known parent."""
        if key and loc in self.key_lines:
            return self.key_lines[loc]
        for end in range(len(loc), -1, -1):
            found = self.lines.get(loc[:end])
            if found is not None:
                return found
        return None


def read_source(path: str | Path) -> Source:
    """Read a scenario file within the limits above.

    Parameters
    ----------
    path
        A ``.yaml``, ``.yml`` or ``.json`` file.

    Returns
    -------
    Source
        The data and its line numbers.

    Raises
    ------
    ScenarioFileError
        When the file is missing, not a regular file, too large, not UTF-8, not valid YAML or
        JSON, or breaks a limit.
    """
    path = Path(path)
    text = _read_text(path)
    if path.suffix.lower() == ".json":
        return parse_json(text, str(path))
    return parse_yaml(text, str(path))


def parse_yaml(text: str, name: str = "<yaml>") -> Source:
    """Parse YAML text (one document) into a :class:`Source`; see the module's rules."""
    _check_text_depth(text, name, yaml=True)
    yaml = YAML(typ="rt", pure=True)
    yaml.version = (1, 2)
    try:
        _check_events(yaml.parse(text), name)
        root = yaml.compose(text)
    except YAMLError as exc:
        raise _yaml_error(exc, name) from None
    source = Source(name, None)
    if root is not None:
        source.data = _Builder(source).build(root, ())
    return source


def parse_json(text: str, name: str = "<json>") -> Source:
    """Parse JSON text into a :class:`Source` (lines found only when there is an error)."""
    _check_text_depth(text, name, yaml=False)

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise _DuplicateKeyError(key)
            out[key] = value
        return out

    def constant(word: str) -> Any:
        raise ValueError(f"{word} is not a JSON number; give a finite number")

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except _DuplicateKeyError as exc:
        try:  # JSON is YAML 1.2: the YAML reader finds the line of the duplicate
            parse_yaml(text, name)
        except ScenarioFileError as located:
            raise located from None
        raise ScenarioFileError(name, f"duplicate key {exc.args[0]!r}") from None
    except json.JSONDecodeError as exc:
        problem = InputProblem("", f"not valid JSON: {exc.msg}", line=exc.lineno)
        raise ScenarioFileError(name, [problem]) from None
    except (ValueError, RecursionError) as exc:
        raise ScenarioFileError(name, f"not valid JSON: {exc}") from None
    return _JsonSource(name, data, text)


class _JsonSource(Source):
    """A JSON source whose line numbers are read only when a message needs them."""

    def __init__(self, name: str, data: Any, text: str) -> None:
        super().__init__(name, data)
        self._text: str | None = text

    def line(self, loc: Loc, key: bool = False) -> int | None:
        if self._text is not None:
            text, self._text = self._text, None
            try:
                located = parse_yaml(text, self.name)
            except ScenarioFileError:
                pass
            else:
                self.lines, self.key_lines = located.lines, located.key_lines
        return super().line(loc, key)


class _DuplicateKeyError(Exception):
    pass


# ---------------------------------------------------------------------- limits
def _read_text(path: Path) -> str:
    if path.suffix.lower() not in SUFFIXES:
        raise ScenarioFileError(
            path, f"unknown file type {path.suffix!r}: use .yaml, .yml or .json"
        )
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ScenarioFileError(path, "is a directory, not a scenario file")
        if not stat.S_ISREG(info.st_mode):
            raise ScenarioFileError(path, "is not a regular file (a device, pipe or socket)")
        if info.st_size > MAX_FILE_BYTES:
            raise ScenarioFileError(
                path,
                f"is {info.st_size:,} bytes; scenario files are limited to "
                f"{MAX_FILE_BYTES:,} bytes",
            )
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ScenarioFileError(path, "no such file") from None
    except OSError as exc:
        raise ScenarioFileError(path, f"cannot be read: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ScenarioFileError(path, f"is larger than {MAX_FILE_BYTES:,} bytes")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScenarioFileError(
            path, f"is not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None


def _check_text_depth(text: str, name: str, *, yaml: bool) -> None:
    """Refuse bracket nesting deeper than :data:`MAX_DEPTH`, outside quoted strings."""
    if len(text) > MAX_FILE_BYTES:
        raise ScenarioFileError(name, f"is longer than {MAX_FILE_BYTES:,} characters")
    bare = _QUOTED.sub("", text) if yaml else re.sub(r'"(?:[^"\\]|\\.)*"', "", text)
    codes = np.frombuffer(bare.encode("utf-8"), dtype=np.uint8)
    steps = np.isin(codes, (ord("["), ord("{"))).astype(np.int32) - np.isin(
        codes, (ord("]"), ord("}"))
    ).astype(np.int32)
    if len(steps) and int(np.cumsum(steps).max()) > MAX_DEPTH:
        raise ScenarioFileError(name, f"is nested deeper than {MAX_DEPTH} levels")


def _check_events(events: Iterable[Any], name: str) -> None:
    """Refuse deep nesting and alias expansion past :data:`MAX_NODES`, while parsing."""
    depth = nodes = 0
    sizes: dict[str, int] = {}
    open_: list[tuple[str | None, int]] = []
    for event in events:
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise ScenarioFileError(
                    name,
                    [InputProblem("", f"nested deeper than {MAX_DEPTH} levels", line=_line(event))],
                )
            open_.append((event.anchor, nodes))
            nodes += 1
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
            anchor, first = open_.pop()
            if anchor is not None:
                sizes[anchor] = nodes - first
        elif isinstance(event, ScalarEvent):
            nodes += 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
        elif isinstance(event, AliasEvent):
            nodes += sizes.get(event.anchor, 1)
        if nodes > MAX_NODES:
            message = f"holds more than {MAX_NODES:,} values once aliases (*name) are expanded"
            raise ScenarioFileError(name, [InputProblem("", message, line=_line(event))])


def _line(event: Any) -> int | None:
    mark = getattr(event, "start_mark", None)
    return None if mark is None else int(mark.line) + 1


def _yaml_error(exc: YAMLError, name: str) -> ScenarioFileError:
    line = None
    text = str(exc)
    if isinstance(exc, MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = None if mark is None else mark.line + 1
        text = exc.problem or exc.context or text
    text = " ".join(str(text).split())
    return ScenarioFileError(name, [InputProblem("", f"not valid YAML: {text}", line=line)])


# ---------------------------------------------------------------------- building
class _Builder:
    """Plain data from a composed YAML tree, recording lines (depth bounded beforehand)."""

    def __init__(self, source: Source) -> None:
        self.source = source

    def build(self, node: Node, loc: Loc) -> Any:
        self.source.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.scalar(key_node, loc) if isinstance(key_node, ScalarNode) else None
                if not isinstance(key, str | int) or isinstance(key, bool):
                    raise self.error(key_node, loc, "keys must be plain text")
                here = (*loc, key)
                if key in out:
                    first = self.source.key_lines.get(here)
                    raise self.error(
                        key_node, here, f"duplicate key {key!r} (first at line {first})"
                    )
                self.source.key_lines[here] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, here)
            return out
        if isinstance(node, SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self.scalar(node, loc)

    def scalar(self, node: Node, loc: Loc) -> Any:
        tag = str(getattr(node.tag, "value", node.tag))
        value = str(node.value)
        kind = tag.removeprefix(_YAML_SCALARS) if tag.startswith(_YAML_SCALARS) else tag
        try:
            if kind in ("str", "timestamp"):
                return value
            if kind == "null":
                return None
            if kind == "bool":
                return value.lower() == "true"
            if kind == "int":
                return _yaml_int(value)
            if kind == "float":
                return _yaml_float(value)
        except ValueError as exc:
            raise self.error(node, loc, f"{value[:40]!r} is not a number ({exc})") from None
        raise self.error(node, loc, f"the tag {tag!r} is not allowed in scenario files")

    def error(self, node: Node, loc: Loc, message: str) -> ScenarioFileError:
        line = node.start_mark.line + 1
        problem = InputProblem(format_location(loc), message, line=line)
        return ScenarioFileError(self.source.name, [problem])


def format_location(loc: Loc) -> str:
    """``("mission", "tasks", 3, "due")`` -> ``"mission.tasks[3].due"``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _yaml_int(text: str) -> int:
    clean = text.replace("_", "")
    sign = -1 if clean.startswith("-") else 1
    body = clean.lstrip("+-")
    if body[:2].lower() in ("0x", "0o", "0b"):
        return sign * int(body, 0)
    return sign * int(body, 10)


def _yaml_float(text: str) -> float:
    clean = text.replace("_", "").lower()
    if clean.lstrip("+-") in (".inf", ".nan"):
        clean = clean.replace(".", "", 1)
    return float(clean)


__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "SUFFIXES",
    "Loc",
    "Source",
    "format_location",
    "parse_json",
    "parse_yaml",
    "read_source",
]
