"""Plans as JSON files: :func:`save_plan` and :func:`load_plan`, a lossless round trip.

The file holds every field of :class:`~mission_planner.result.PlanResult`; each table is
stored with its column dtypes and its rows (datetimes as ISO text, missing values as
``null``), so a loaded plan has the same values and dtypes as the saved one and passes
``mission_planner.check`` exactly as the original does.

Format (``"format": "mission-planner plan"``, ``"version": 1``)::

    {"format": ..., "version": 1, "scenario": {"name": ..., "digest": ...} | null,
     "result": {"status": "optimal", "objective": ..., ...,
                "schedule": {"dtypes": {"kind": "string", ...}, "rows": [[...], ...]}, ...}}
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import ValidationError

from mission_planner.io.errors import InputProblem, PlanFileError
from mission_planner.policy import Policy
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.status import Status

FORMAT = "mission-planner plan"
VERSION = 1


def scenario_digest(scenario: Scenario) -> str:
    """A short fingerprint of a scenario, to tell whether a plan was made for it."""
    text = scenario.model_dump_json()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def plan_to_dict(result: PlanResult, scenario: Scenario | None = None) -> dict[str, Any]:
    """The JSON-ready content of a plan file (see the module docstring)."""
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(result):
        value = getattr(result, f.name)
        if isinstance(value, pd.DataFrame):
            fields[f.name] = _frame_to_dict(value)
        elif isinstance(value, Status):
            fields[f.name] = value.value
        elif isinstance(value, Policy):
            fields[f.name] = value.model_dump(mode="json", exclude_defaults=True)
        else:
            fields[f.name] = _plain(value, f.name)
    about = (
        None if scenario is None else {"name": scenario.name, "digest": scenario_digest(scenario)}
    )
    return {"format": FORMAT, "version": VERSION, "scenario": about, "result": fields}


def plan_from_dict(data: Any, source: str = "<data>") -> PlanResult:
    """Rebuild a :class:`PlanResult` from :func:`plan_to_dict` content.

    Raises
    ------
    PlanFileError
        When the content is not a plan file of a known version.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PlanFileError(
            source, f'not a plan file (no "format": {FORMAT!r}); save one with --out PLAN.json'
        )
    if data.get("version") != VERSION:
        raise PlanFileError(
            source,
            [
                InputProblem(
                    "version",
                    f"unknown plan file version (expected {VERSION})",
                    data.get("version"),
                )
            ],
        )
    content = data.get("result")
    if not isinstance(content, dict):
        raise PlanFileError(source, [InputProblem("result", "missing or not an object")])
    values: dict[str, Any] = {}
    problems: list[InputProblem] = []
    for f in dataclasses.fields(PlanResult):
        if f.name not in content:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                problems.append(InputProblem(f"result.{f.name}", "required field is missing"))
            continue
        raw = content[f.name]
        try:
            if f.name == "status":
                values[f.name] = Status(raw)
            elif f.name == "policy":
                values[f.name] = None if raw is None else Policy.model_validate(raw)
            elif isinstance(raw, dict) and "dtypes" in raw and "rows" in raw:
                values[f.name] = _frame_from_dict(raw)
            else:
                values[f.name] = _restore(raw, f.name)
        except (ValueError, TypeError, KeyError, ValidationError) as exc:
            problems.append(InputProblem(f"result.{f.name}", str(exc) or type(exc).__name__))
    if problems:
        raise PlanFileError(source, problems)
    return PlanResult(**values)


def save_plan(result: PlanResult, path: str | Path, scenario: Scenario | None = None) -> Path:
    """Write a plan to a JSON file.

    Parameters
    ----------
    result
        The plan (or a result without a plan: its status and explanation are kept).
    path
        The file to write.
    scenario
        The scenario it was made for; its name and fingerprint are stored so that
        ``mission-planner check`` can warn when a plan is checked against another scenario.

    Returns
    -------
    Path
        The path written.
    """
    path = Path(path)
    text = json.dumps(plan_to_dict(result, scenario), ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def load_plan(path: str | Path) -> PlanResult:
    """Read a plan written by :func:`save_plan`.

    Raises
    ------
    PlanFileError
        When the file is missing, not JSON, or not a plan file.
    """
    data = read_plan_file(path)
    try:
        return plan_from_dict(data, source=str(path))
    except PlanFileError:
        raise
    except (KeyError, TypeError, ValueError, OverflowError, AttributeError) as exc:
        raise PlanFileError(path, f"not a plan file: {type(exc).__name__}: {exc}") from None


MAX_PLAN_BYTES = 100_000_000
"""Largest plan file read (100 MB)."""


def read_plan_file(path: str | Path) -> dict[str, Any]:
    """The raw content of a plan file (to read its ``scenario`` fingerprint)."""
    path = Path(path)
    try:
        if path.is_file() and path.stat().st_size > MAX_PLAN_BYTES:
            raise PlanFileError(path, f"is larger than {MAX_PLAN_BYTES:,} bytes")
        if path.exists() and not path.is_file():
            raise PlanFileError(path, "is not a regular file")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanFileError(path, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanFileError(path, f"cannot be read: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanFileError(
            path, [InputProblem("", f"not valid JSON: {exc.msg}", line=exc.lineno)]
        ) from None
    except (ValueError, RecursionError) as exc:  # huge integers, deep nesting
        raise PlanFileError(path, f"not valid JSON: {type(exc).__name__}") from None
    if not isinstance(data, dict):
        raise PlanFileError(path, "not a plan file (not a JSON object)")
    return data


# ---------------------------------------------------------------------- values
def _plain(value: Any, name: str) -> Any:
    """A JSON value for a scalar, list or dict field (non-finite floats as text)."""
    if isinstance(value, float) and not math.isfinite(value):
        return {"float": repr(value)}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v, name) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v, name) for k, v in value.items()}
    raise TypeError(f"plan field {name!r}: cannot store a {type(value).__name__} in a plan file")


def _restore(raw: Any, name: str) -> Any:
    if isinstance(raw, dict) and set(raw) == {"float"}:
        return float(raw["float"])
    if isinstance(raw, list):
        return [_restore(v, name) for v in raw]
    if isinstance(raw, dict):
        return {k: _restore(v, name) for k, v in raw.items()}
    return raw


def _frame_to_dict(frame: pd.DataFrame) -> dict[str, Any]:
    dtypes = {str(c): str(t) for c, t in frame.dtypes.items()}
    columns: list[list[Any]] = []
    for name in frame.columns:
        series = frame[name]
        if pd.api.types.is_datetime64_any_dtype(series.dtype):
            columns.append([None if pd.isna(v) else pd.Timestamp(v).isoformat() for v in series])
        elif pd.api.types.is_float_dtype(series.dtype):
            columns.append([None if pd.isna(v) else _plain(float(v), str(name)) for v in series])
        elif pd.api.types.is_bool_dtype(series.dtype):
            columns.append([None if pd.isna(v) else bool(v) for v in series])
        elif pd.api.types.is_integer_dtype(series.dtype):
            columns.append([None if pd.isna(v) else int(v) for v in series])
        else:
            columns.append([None if pd.isna(v) else str(v) for v in series])
    rows = [list(row) for row in zip(*columns, strict=True)] if columns else []
    return {"dtypes": dtypes, "rows": rows}


def _frame_from_dict(raw: dict[str, Any]) -> pd.DataFrame:
    dtypes: dict[str, str] = raw["dtypes"]
    rows = raw["rows"]
    names = list(dtypes)
    if any(len(row) != len(names) for row in rows):
        raise ValueError(f"every row must have {len(names)} values ({', '.join(names)})")
    data: dict[str, Any] = {}
    for i, name in enumerate(names):
        values = [row[i] for row in rows]
        dtype = dtypes[name]
        if dtype.startswith("datetime64"):
            series = pd.Series(pd.to_datetime(values, format="ISO8601"), dtype=dtype)
        elif dtype.startswith("float"):
            restored = [float("nan") if v is None else _restore(v, name) for v in values]
            series = pd.Series(restored, dtype=dtype)
        else:
            series = pd.Series(values, dtype=object).astype(dtype)  # type: ignore[call-overload]
        data[name] = series
    return pd.DataFrame(data, columns=names)


__all__ = [
    "FORMAT",
    "VERSION",
    "load_plan",
    "plan_from_dict",
    "plan_to_dict",
    "read_plan_file",
    "save_plan",
    "scenario_digest",
]
