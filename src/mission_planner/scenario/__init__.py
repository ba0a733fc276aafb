"""Validated input: the scenario and everything it is made of."""

from mission_planner.scenario.calendar import Calendar, TimeOff, TimeRange, Weekday
from mission_planner.scenario.commitments import Engagement, FixedBlock
from mission_planner.scenario.mission import DEFAULT_MAX_CHUNKS, Lag, Mission, Task
from mission_planner.scenario.opportunities import Opportunity
from mission_planner.scenario.people import BusyBlock, Lead, Partner, Trust
from mission_planner.scenario.pins import Pin
from mission_planner.scenario.recurrence import RecurringBlock
from mission_planner.scenario.scenario import Scenario, read_mapping
from mission_planner.scenario.weights import Weights

__all__ = [
    "DEFAULT_MAX_CHUNKS",
    "BusyBlock",
    "Calendar",
    "Engagement",
    "FixedBlock",
    "Lag",
    "Lead",
    "Mission",
    "Opportunity",
    "Partner",
    "Pin",
    "RecurringBlock",
    "Scenario",
    "Task",
    "TimeOff",
    "TimeRange",
    "Trust",
    "Weekday",
    "Weights",
    "read_mapping",
]
