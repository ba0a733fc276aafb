"""Scenario files (YAML or JSON) with errors that point into the file.

:func:`load_scenario` reads a file, turns duration strings into hours
(:mod:`mission_planner.io.durations`), validates it with the pydantic models and, when that
fails, raises :class:`~mission_planner.io.errors.ScenarioFileError` listing each problem with
its path inside the file (``mission.tasks[3].due``), its line in YAML files, the value and the
rule, plus a "did you mean" hint for unknown keys.
"""

from __future__ import annotations

import difflib
import json
import re
import types
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from mission_planner.io.durations import _PATTERN, DURATION_KEYS, expand_durations
from mission_planner.io.errors import Problem, ScenarioFileError
from mission_planner.scenario import Scenario

SUFFIXES = (".yaml", ".yml", ".json")

Loc = tuple[str | int, ...]


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file.

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
        When the file is missing, unreadable, not YAML/JSON, or not a valid scenario; the
        error lists every problem found with where it is in the file.
    """
    path = Path(path)
    text = _read_text(path)
    data = _parse(path, text)
    return scenario_from_data(data, source=str(path), text=text if _is_yaml(path) else None)


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
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise ScenarioFileError(
            source, [Problem("", f"the file is {kind}, not a mapping of scenario fields")]
        )
    data, bad_durations = expand_durations(data)
    lines = _LineFinder(text)
    problems = [
        Problem(where, message, value, lines.line(_parse_location(where)))
        for where, value, message in bad_durations
    ]
    failed = {p.location for p in problems}
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        for problem in _problems(exc, data, lines):
            if problem.location not in failed:
                problems.append(problem)
    else:
        if not problems:
            return scenario
    raise ScenarioFileError(source, problems)


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


# ---------------------------------------------------------------------- reading
class _Loader(yaml.SafeLoader):
    """Safe YAML loader that keeps dates as text, so bad dates get located errors."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in (".yaml", ".yml")


def _read_text(path: Path) -> str:
    if path.suffix.lower() not in SUFFIXES:
        raise ScenarioFileError(
            path, f"unknown file type {path.suffix!r}: use .yaml, .yml or .json"
        )
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioFileError(path, "no such file") from None
    except IsADirectoryError:
        raise ScenarioFileError(path, "is a directory, not a scenario file") from None
    except UnicodeDecodeError as exc:
        raise ScenarioFileError(
            path, f"is not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    except OSError as exc:
        raise ScenarioFileError(path, f"cannot be read: {exc.strerror}") from None


def _parse(path: Path, text: str) -> Any:
    if _is_yaml(path):
        try:
            return yaml.load(text, Loader=_Loader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc)
            line = None if mark is None else mark.line + 1
            raise ScenarioFileError(
                path, [Problem("", f"not valid YAML: {problem}", line=line)]
            ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioFileError(
            path, [Problem("", f"not valid JSON: {exc.msg}", line=exc.lineno)]
        ) from None


# ---------------------------------------------------------------------- locations
def format_location(loc: Loc) -> str:
    """``("mission", "tasks", 3, "due")`` -> ``"mission.tasks[3].due"``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _parse_location(text: str) -> Loc:
    parts: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", text):
        parts.append(int(index) if index else name)
    return tuple(parts)


class _LineFinder:
    """Line numbers of paths in a YAML text (``None`` when unknown)."""

    def __init__(self, text: str | None) -> None:
        self.root: yaml.Node | None = None
        if text is not None:
            try:
                self.root = yaml.compose(text)
            except yaml.YAMLError:
                self.root = None

    def line(self, loc: Loc, key: bool = False) -> int | None:
        node = self.root
        if node is None:
            return None
        found: int | None = node.start_mark.line + 1
        for part in loc:
            nxt: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if str(k.value) == str(part):
                        nxt = k if key and part == loc[-1] else v
                        break
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                nxt = node.value[part]
            if nxt is None:
                return found
            node = nxt
            found = node.start_mark.line + 1
        return found


def _unwrap(annotation: Any) -> list[Any]:
    """What a value of this annotation may be: models, leaves, or ``("item"|"value", inner)``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for a in typing.get_args(annotation) for t in _unwrap(a)]
    if origin in (tuple, list):
        return [("item", a) for a in typing.get_args(annotation) if a is not Ellipsis]
    if origin is dict:
        return [("value", typing.get_args(annotation)[1])]
    return [annotation]


def _resolve(annotation: Any) -> Any:
    """The state reached through a field: a container spec, a model class, or ``None``."""
    options = _unwrap(annotation)
    for option in options:
        if isinstance(option, tuple):
            return option
    for option in options:
        if isinstance(option, type) and issubclass(option, BaseModel):
            return option
    return None


def _walk(loc: Loc) -> tuple[Loc, Any]:
    """Keep the parts of a pydantic ``loc`` that are places in the file.

    Union tags (``'datetime'``, ``'function-after[...]'``) and ``'[key]'`` are dropped.
    Returns the cleaned location and the state at its end: a model class, a container spec
    ``("item"|"value", annotation)`` or ``None`` (a plain value, or an unknown field).
    """
    state: Any = Scenario
    clean: list[str | int] = []
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(state, tuple):
            kind, inner = state
            if (kind == "item" and isinstance(part, int)) or (
                kind == "value" and isinstance(part, str)
            ):
                clean.append(part)
                state = _resolve(inner)
        elif isinstance(state, type) and issubclass(state, BaseModel) and isinstance(part, str):
            clean.append(part)
            field = state.model_fields.get(part)
            state = None if field is None else _resolve(field.annotation)
    return tuple(clean), state


def _model_at(loc: Loc) -> type[BaseModel] | None:
    _, state = _walk(loc)
    return state if isinstance(state, type) and issubclass(state, BaseModel) else None


def _suggest(model: type[BaseModel] | None, key: str) -> str:
    if model is None:
        return ""
    names = list(model.model_fields)
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    if close:
        return f" (did you mean {close[0]!r}?)"
    return f" (known fields: {', '.join(names)})"


# ---------------------------------------------------------------------- pydantic errors
_OWNER = re.compile(
    r"^(task|engagement|fixed block|partner|lead) '([^']*)'( calendar)?: (.*)$", re.S
)
_FIELD = re.compile(r"^([A-Za-z_]+(?:\[\d+\])?(?:\.[A-Za-z_]+)*)=")


def _problems(exc: ValidationError, data: dict[str, Any], lines: _LineFinder) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    for err in exc.errors():
        loc, _ = _walk(tuple(err["loc"]))
        message = str(err["msg"]).removeprefix("Value error, ")
        value: object = err.get("input")
        if err["type"] == "extra_forbidden":
            parent = _model_at(loc[:-1])
            message = "unknown field" + _suggest(parent, str(loc[-1]))
            if isinstance(value, dict | list):
                value = None
            items = [(loc, message, value, lines.line(loc, key=True))]
        elif err["type"] == "missing":
            value = None
            items = [(loc, "required field is missing", None, lines.line(loc))]
        elif err["type"] == "value_error" and isinstance(value, dict | list):
            items = [_located(loc, part, data, lines) for part in message.split("; ")]
        else:
            if isinstance(value, dict | list):
                value = None
            items = [(loc, message, value, lines.line(loc))]
        for where, text, shown, line in items:
            key = (format_location(where), text)
            if key in seen:  # the same place failing every member of a union
                continue
            seen[key] = len(problems)
            problems.append(Problem(format_location(where), text, shown, line))
    return _merge_union_messages(problems)


def _merge_union_messages(problems: list[Problem]) -> list[Problem]:
    merged: dict[str, Problem] = {}
    out: list[Problem] = []
    for p in problems:
        first = merged.get(p.location)
        if first is not None and p.value == first.value and p.value is not None:
            index = out.index(first)
            joined = Problem(
                p.location, f"{first.message}, or {p.message}", first.value, first.line
            )
            out[index] = merged[p.location] = joined
            continue
        merged.setdefault(p.location, p)
        out.append(p)
    return out


def _located(
    loc: Loc, message: str, data: dict[str, Any], lines: _LineFinder
) -> tuple[Loc, str, object, int | None]:
    """Place a model validator's message ("task 'x': due=... ...") at the field it names."""
    where: Loc = loc
    match = _OWNER.match(message)
    if match and not loc:
        kind, ident, calendar, _rest = match.groups()
        where = _owner_location(kind, ident, bool(calendar), data)
    rest = match.group(4) if match else message
    field = _FIELD.match(rest)
    value: object = None
    if field:
        candidate = where + _parse_location(field.group(1))
        if _exists(data, candidate):
            where = candidate
            value = _get(data, candidate)
            if isinstance(value, dict | list):
                value = None
    return where, message, value, lines.line(where)


def _owner_location(kind: str, ident: str, calendar: bool, data: dict[str, Any]) -> Loc:
    def index_in(items: Any) -> int | None:
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, dict) and str(item.get("id")) == ident:
                    return i
        return None

    if kind == "lead":
        return ("lead", "calendar") if calendar else ("lead",)
    container: Loc = {
        "task": ("mission", "tasks"),
        "engagement": ("engagements",),
        "fixed block": ("fixed_blocks",),
        "partner": ("partners",),
    }[kind]
    i = index_in(_get(data, container))
    if i is None:
        return container
    return (*container, i, "calendar") if calendar else (*container, i)


_MISSING = object()


def _lookup(data: Any, loc: Loc) -> Any:
    """The value at ``loc`` in parsed data, or ``_MISSING``."""
    node = data
    for part in loc:
        if isinstance(node, dict):
            if part not in node:
                return _MISSING
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return _MISSING
    return node


def _get(data: Any, loc: Loc) -> Any:
    found = _lookup(data, loc)
    return None if found is _MISSING else found


def _exists(data: Any, loc: Loc) -> bool:
    return _lookup(data, loc) is not _MISSING


def _with_duration_string(sub: dict[str, Any]) -> dict[str, Any]:
    text = {
        "type": "string",
        "pattern": _PATTERN,
        "description": "A duration such as '2d', '3h', '1h30' or '45min'.",
    }
    if "anyOf" in sub:
        return {**sub, "anyOf": [*sub["anyOf"], text]}
    keep = {k: v for k, v in sub.items() if k in ("title", "description", "default")}
    number = {k: v for k, v in sub.items() if k not in keep}
    return {**keep, "anyOf": [number, text]}


__all__ = ["SUFFIXES", "format_location", "load_scenario", "scenario_from_data", "scenario_schema"]
