"""Validation errors located in the file: path, line, value, rule and a "did you mean" hint.

:func:`load_model` reads a file (:mod:`mission_planner.scenario.source`), validates it as a
model (the :class:`~mission_planner.scenario.Scenario`) and, when that fails, raises
:class:`~mission_planner.errors.ScenarioFileError` listing each problem with its path inside
the file (``mission.tasks[3].due``), its line, the value and the rule.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from mission_planner.errors import InputProblem, ScenarioFileError
from mission_planner.scenario.source import Loc, Source, format_location, read_source

M = TypeVar("M", bound=BaseModel)


def load_model(model: type[M], path: str | Path) -> M:
    """Read ``path`` and validate it as ``model``, with located errors.

    Raises
    ------
    ScenarioFileError
        When the file cannot be read or does not validate; lists every problem found.
    """
    return validate_source(model, read_source(path))


def validate_source(model: type[M], source: Source) -> M:
    """Validate parsed data as ``model``; problems are located with the source's lines."""
    data = source.data
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise ScenarioFileError(
            source.name, [InputProblem("", f"the file is {kind}, not a mapping of scenario fields")]
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = problems_of(exc, data, source, model)
    except (OverflowError, RecursionError, TypeError, ArithmeticError) as exc:
        problems = [InputProblem("", f"cannot be validated: {type(exc).__name__}: {exc}")]
    raise ScenarioFileError(source.name, problems)


def _parse_location(text: str) -> Loc:
    parts: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", text):
        parts.append(int(index) if index else name)
    return tuple(parts)


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


def _walk(loc: Loc, root: type[BaseModel]) -> tuple[Loc, Any]:
    """Keep the parts of a pydantic ``loc`` that are places in the file.

    Union tags (``'datetime'``, ``'function-after[...]'``) and ``'[key]'`` are dropped.
    Returns the cleaned location and the state at its end: a model class, a container spec
    ``("item"|"value", annotation)`` or ``None`` (a plain value, or an unknown field).
    """
    state: Any = root
    clean: list[str | int] = []
    for part in loc:
        if part == "[key]":
            continue
        if state is None and isinstance(part, int) and clean:
            clean.append(part)  # an item of a list the model does not describe
        elif isinstance(state, tuple):
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


def _model_at(loc: Loc, root: type[BaseModel]) -> type[BaseModel] | None:
    _, state = _walk(loc, root)
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
    r"^(task|engagement|opportunity|fixed block|partner|lead) '([^']*)'( calendar)?: (.*)$", re.S
)
_FIELD = re.compile(r"^([A-Za-z_]+(?:\[\d+\])?(?:\.[A-Za-z_]+)*)=")


def problems_of(
    exc: ValidationError, data: Any, lines: Source, root: type[BaseModel]
) -> list[InputProblem]:
    """Problems of a failed validation of ``data`` as ``root``, located in the file."""
    problems: list[InputProblem] = []
    seen: dict[tuple[str, str], int] = {}
    for err in exc.errors():
        loc, _ = _walk(tuple(err["loc"]), root)
        message = str(err["msg"]).removeprefix("Value error, ")
        value: object = err.get("input")
        if err["type"] == "extra_forbidden":
            parent = _model_at(loc[:-1], root)
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
            problems.append(InputProblem(format_location(where), text, shown, line))
    return _merge_union_messages(problems)


def _merge_union_messages(problems: list[InputProblem]) -> list[InputProblem]:
    merged: dict[str, InputProblem] = {}
    out: list[InputProblem] = []
    for p in problems:
        first = merged.get(p.location)
        if first is not None and p.value == first.value and p.value is not None:
            index = out.index(first)
            joined = InputProblem(
                p.location, f"{first.message}, or {p.message}", first.value, first.line
            )
            out[index] = merged[p.location] = joined
            continue
        merged.setdefault(p.location, p)
        out.append(p)
    return out


def _located(
    loc: Loc, message: str, data: Any, lines: Source
) -> tuple[Loc, str, object, int | None]:
    """Place a model validator's message ("task 'x': due=... ...") at the field it names."""
    where: Loc = loc
    match = _OWNER.match(message)
    if match and not loc:
        kind, ident, calendar, _rest = match.groups()
        twice = "is used twice" in message
        where = _owner_location(kind, ident, bool(calendar), data, last=twice)
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


def _owner_location(
    kind: str, ident: str, calendar: bool, data: dict[str, Any], *, last: bool = False
) -> Loc:
    """Where the object named in a message is (the last of that id with ``last``)."""

    def index_in(items: Any) -> int | None:
        found = None
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, dict) and str(item.get("id")) == ident:
                    found = i
                    if not last:
                        break
        return found

    if kind == "lead":
        return ("lead", "calendar") if calendar else ("lead",)
    container: Loc = {
        "task": ("mission", "tasks"),
        "engagement": ("engagements",),
        "opportunity": ("opportunities",),
        "fixed block": ("fixed_blocks",),
        "partner": ("partners",),
    }[kind]
    i = index_in(_get(data, container))
    series, dot, day = ident.rpartition(".")
    if i is None and dot and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return _owner_location(kind, series, calendar, data)  # an occurrence of a series
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


__all__ = ["load_model", "problems_of", "validate_source"]
