"""The JSON Schema of scenario files, as they are written (what ``mission-planner schema`` prints).

The models' own schema describes validated values (a time range as minutes, a duration as a
number); files say ``"09:00-12:30"`` and ``"2d"``. :func:`scenario_schema` rewrites the
models' schema to the file syntax the loader reads, so that an editor's YAML plugin accepts
every file the loader accepts and flags structurally wrong ones (wrong types, unknown or
missing fields, malformed times, dates and durations). Rules across objects (unknown ids,
cycles, the time grid, dates against each other and the horizon) stay in the loader. Every
field carries a description.
"""

from __future__ import annotations

import copy
from typing import Any

from mission_planner.scenario import Scenario
from mission_planner.scenario.durations import DURATION_KEYS, PATTERN
from mission_planner.scenario.recurrence import SERIES_ID_LENGTH, RecurringBlock

_CLOCK = r"(([01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)"
CLOCK = rf"^\s*{_CLOCK}\s*$"
"""A clock time ``HH:MM`` (``24:00`` allowed), as a JSON Schema pattern."""
DATE = r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$"
"""A date ``YYYY-MM-DD``."""
DATETIME = r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?\s*$"
"""A local date and time ``YYYY-MM-DDTHH:MM`` (no UTC offset)."""
RRULE = r"^\s*(RRULE:)?[A-Za-z]+=[^;=]+(;[A-Za-z]+=[^;=]+)*\s*$"
"""An iCalendar RRULE: ``KEY=VALUE`` parts separated by ``;`` (the loader reads the rest)."""
GRIDS = [5, 6, 10, 12, 15, 20, 30, 60]
"""Time steps that divide 60 minutes (``granularity_minutes``)."""

_TIME_RANGE = {
    "description": "A range of clock time within one day: '09:00-12:30', or "
    "{start: '09:00', end: '12:30'}; end after start, 24:00 allowed.",
    "anyOf": [
        {"type": "string", "pattern": rf"^\s*{_CLOCK}\s*-\s*{_CLOCK}\s*$"},
        {
            "type": "object",
            "properties": {
                "start": {"type": "string", "pattern": CLOCK, "description": "HH:MM"},
                "end": {"type": "string", "pattern": CLOCK, "description": "HH:MM"},
            },
            "required": ["start", "end"],
            "additionalProperties": False,
        },
    ],
}

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "Scenario": {
        "name": "A name for this scenario, shown in outputs.",
        "pins": "What every plan keeps: a task's start, a task's person, a partner's first day.",
        "granularity_minutes": "The time step in minutes (divides 60): every clock time, "
        "effort and duration is a multiple of it. Default 60; 30 for half hours.",
        "hours_per_day": "Hours in a billed day: turns day rates into hourly rates, and a "
        "duration in days ('2d') into hours. Default 8.",
        "coordination_share": "Hours the lead spends following up each delegated hour "
        "(0.1 = 6 minutes an hour).",
        "kickoff_hours": "The lead's kick-off with each partner who works on the mission, "
        "before that partner starts (0: none).",
        "lead": "The consultant who owns the client relationship.",
        "partners": "The roster: colleagues the lead may delegate to.",
        "fixed_blocks": "The lead's commitments that never move (meetings, on-site days).",
        "engagements": "Other missions' remaining effort, re-planned inside their window.",
        "opportunities": "Missions not yet won: the lead's work each would bring, inside its "
        "window, and its win probability; the plan ignores them or reserves their expected "
        "load or all of it, by its policy (--opportunities).",
        "mission": "The new mission the client offers.",
        "weights": "Weights of the objective's terms.",
    },
    "Lead": {
        "name": "The lead's name.",
        "calendar": "When the lead works.",
        "skills": "The lead's skills; leave out to let the lead do every task.",
    },
    "Partner": {
        "name": "The partner's name.",
        "skills": "Skills the partner has (a task needs all of its skills).",
        "calendar": "When the partner works.",
        "busy": "Days or hours the partner is not available.",
        "trust": "'trusted' (worked together before) or 'new'.",
    },
    "BusyBlock": {
        "date": "The day the partner is not available.",
        "time": "The time range that day; leave out for the whole day.",
        "reason": "Why (free text).",
    },
    "Calendar": {
        "working_hours": "Weekly working hours: weekday (mon..sun) -> time ranges such as "
        "'09:00-12:30'. Weekdays left out are not worked.",
        "country": "Public holidays of this country (ISO code such as 'FR'); null for none.",
        "subdivision": "A region of the country with its own holidays (e.g. '57').",
        "extra_holidays": "Further days not worked (YYYY-MM-DD).",
        "time_off": "Personal days off, as date ranges.",
        "overtime_hours_per_day": "Hours that may be worked after the last working range of a "
        "day, priced by the overtime weight.",
    },
    "TimeOff": {
        "start": "First day off (YYYY-MM-DD).",
        "end": "Last day off, included (YYYY-MM-DD).",
        "reason": "Why (free text).",
    },
    "FixedBlock": {
        "time": "The time range on that date; or give hours; neither: the whole day.",
        "hours": "Hours taken that day (the first free working hours), instead of a time.",
        "title": "What it is (free text).",
    },
    "RecurringBlock": {
        "id": "The series' id; each occurrence is the fixed block '<id>.<YYYY-MM-DD>'.",
        "time": "The time range on each day of the series; or give hours; neither: the whole day.",
        "hours": "Hours taken on each day (the first free working hours), instead of a time.",
        "title": "What it is (free text), given to every occurrence.",
    },
    "Engagement": {
        "client": "The other mission's client.",
        "earliest_start": "First day its work may be planned (YYYY-MM-DD).",
        "deadline": "Its deadline, end of that day (YYYY-MM-DD); always kept.",
        "max_chunks": "Most sessions its work may be cut into.",
    },
    "Pin": {
        "task": "The task pinned (with at, or with person).",
        "at": "The instant the task starts, on the grid (YYYY-MM-DDTHH:MM).",
        "person": "The lead or partner who does the task alone.",
        "partner": "The partner pinned (with start).",
        "start": "The first day the partner works on the mission (YYYY-MM-DD).",
    },
    "Opportunity": {
        "client": "The prospect's name.",
        "probability": "The chance of winning it, from 0 to 1 (0.5: one in two).",
        "effort_hours": "The lead's work it would bring.",
        "earliest_start": "First day its work could be planned (YYYY-MM-DD).",
        "deadline": "The last day its work would be due, end of that day (YYYY-MM-DD).",
        "min_session_hours": "Shortest session of its work.",
        "max_chunks": "Most sessions its work may be cut into.",
    },
    "Mission": {
        "client": "The client's name.",
        "name": "The mission's name.",
        "max_tranches": "Most deliveries (tranches) the client will accept.",
        "max_partners": "Most partners (other invoices) the client will accept; null: any.",
        "tasks": "The work packages (at least one).",
    },
    "Task": {
        "name": "The task's name, shown to the client.",
        "urgency": "Weight of each hour the task is delivered past its due date (0-1000).",
        "release": "Earliest start: a date (00:00 that day) or a date and time.",
        "due": "What the client asks for: a date (end of that day) or a date and time.",
        "deadline": "The latest delivery the client would accept; default: due.",
        "skills": "Skills the person doing the task must all have.",
        "delegable": "false keeps the task with the lead (client-facing work).",
        "splittable": "false makes the task one session.",
        "max_chunks": "Most sessions the task may be cut into (at most its slots of effort).",
        "predecessors": "Ids of tasks that must be finished before this one starts.",
    },
    "TimeRange": {},
    "Weights": {
        "lateness": "Weight of urgency-weighted hours late.",
        "partner_cost": "Weight of partner fees in EUR.",
        "coordination": "Weight of the lead's coordination hours.",
        "fragmentation": "Weight of each session (chunk) of work.",
        "overtime": "Weight of each overtime hour.",
    },
}
"""Descriptions of the fields whose model gives none (the models' own win)."""


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of scenario files as written (see the module's description)."""
    schema = copy.deepcopy(Scenario.json_schema())
    defs = schema.setdefault("$defs", {})
    _add_recurring_blocks(schema)
    defs["TimeRange"] = copy.deepcopy(_TIME_RANGE)
    _describe("Scenario", schema)
    for name, node in defs.items():
        _describe(name, node)
    schema["properties"]["granularity_minutes"]["enum"] = GRIDS
    _rewrite(schema)
    schema.setdefault("$schema", "https://json-schema.org/draft/2020-12/schema")
    schema.setdefault("title", "mission_planner scenario")
    return schema


def _add_recurring_blocks(schema: dict[str, Any]) -> None:
    """A ``fixed_blocks`` entry is a fixed block (with a date) or a series (rrule or every)."""
    recurring = RecurringBlock.model_json_schema(ref_template="#/$defs/{model}")
    defs = schema["$defs"]
    for name, node in recurring.pop("$defs", {}).items():
        defs.setdefault(name, node)
    recurring["oneOf"] = [{"required": ["rrule"]}, {"required": ["every"]}]
    props = recurring["properties"]
    props["id"]["maxLength"] = SERIES_ID_LENGTH
    props["rrule"]["anyOf"][0]["pattern"] = RRULE
    on = props["on"]
    one = on.pop("items")
    del on["type"]
    on["anyOf"] = [{"type": "array", "items": one}, *one["anyOf"]]
    defs["RecurringBlock"] = recurring
    field = schema["properties"]["fixed_blocks"]
    field["items"] = {"anyOf": [field["items"], {"$ref": "#/$defs/RecurringBlock"}]}
    field["description"] = (
        "The lead's commitments that never move (meetings, on-site days): each on a date, "
        "or recurring (rrule, or every with on, until, except)."
    )


def _describe(model: str, node: dict[str, Any]) -> None:
    known = DESCRIPTIONS.get(model, {})
    for field, sub in node.get("properties", {}).items():
        if isinstance(sub, dict) and "description" not in sub and field in known:
            sub["description"] = known[field]


def _rewrite(root: dict[str, Any]) -> None:
    """Dates get patterns and duration fields accept text, everywhere (an explicit stack)."""
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        if node.get("type") == "string" and node.get("format") in ("date", "date-time"):
            node["pattern"] = DATE if node.pop("format") == "date" else DATETIME
        props = node.get("properties")
        if isinstance(props, dict):
            for key, sub in props.items():
                if key in DURATION_KEYS and isinstance(sub, dict):
                    props[key] = _with_duration_string(sub)
        stack.extend(node.values())


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


__all__ = ["CLOCK", "DATE", "DATETIME", "DESCRIPTIONS", "GRIDS", "RRULE", "scenario_schema"]
