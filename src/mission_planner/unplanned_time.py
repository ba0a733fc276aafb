"""Time a person cannot give the mission that no schedule row shows: busy blocks, days off.

The schedule holds the lead's fixed blocks and everyone's planned work; a partner's busy
time and the days off (public holidays, time off) are in the scenario. Charts of every kind
(matplotlib, the HTML report) draw them from here.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from mission_planner.scenario import Calendar, Scenario
from mission_planner.timeline import Timeline

Span = tuple[pd.Timestamp, pd.Timestamp]
"""``[start, end)`` in naive local time."""


def calendar_of(scenario: Scenario, person: str) -> Calendar:
    """The calendar of the lead or of a partner.

    Raises
    ------
    ValueError
        When ``person`` is nobody of ``scenario``.
    """
    if person == scenario.lead.id:
        return scenario.lead.calendar
    for partner in scenario.partners:
        if partner.id == person:
            return partner.calendar
    raise ValueError(f"person {person!r} is not the lead nor a partner of scenario")


def busy_spans(scenario: Scenario, person: str) -> list[Span]:
    """A partner's busy time: timed blocks as given, whole days as their working hours."""
    partner = next((p for p in scenario.partners if p.id == person), None)
    if partner is None:
        return []
    spans: list[Span] = []
    for block in partner.busy:
        day = pd.Timestamp(block.date)
        ranges = (
            [block.time] if block.time is not None else list(partner.calendar.ranges_on(block.date))
        )
        spans += [
            (day + pd.Timedelta(minutes=r.start), day + pd.Timedelta(minutes=r.end)) for r in ranges
        ]
    return spans


def days_off(scenario: Scenario, timeline: Timeline, person: str) -> list[Span]:
    """Runs of days normally worked whose capacity is 0 (public holidays, time off)."""
    calendar = calendar_of(scenario, person)
    working = timeline.person(person).working
    spans: list[Span] = []
    for index, slots in enumerate(working):
        day = scenario.start + dt.timedelta(days=index)
        if slots or not calendar.ranges_on(day):
            continue
        begin = pd.Timestamp(day)
        if spans and spans[-1][1] == begin:
            spans[-1] = (spans[-1][0], begin + pd.Timedelta(days=1))
        else:
            spans.append((begin, begin + pd.Timedelta(days=1)))
    return spans
