"""English sentences for the causes: one reason per class and one remedy per remedy kind.

Placeholders (``str.format``), each already worded: ``{tasks}`` ("task 'a'", "tasks 'a' and
'b'"), ``{engagements}``, ``{jobs}`` (tasks and engagements), ``{people}``, ``{holders}``,
``{skills}``, ``{count}``, ``{allowed}``, ``{needed}``, ``{free}``, ``{missing}``,
``{start}``, ``{end}``, ``{date}``, ``{days}``, ``{raise_by}``, ``{time_limit}``,
``{by_date}``. Kept in one module so that issue 12 can move them to templates as they are.
"""

from __future__ import annotations

REASONS = {
    "skill": "{tasks} needs {skills}, which the lead does not have{holders}",
    "max_partners": (
        "{tasks}, which the lead cannot do, need at least {count} partners ({people}); the "
        "mission allows {allowed}"
    ),
    "partner_cap": (
        "between {start} and {end}, {needed} of work ({jobs}) only {people} can do, and the "
        "hour caps leave {free}"
    ),
    "session": (
        "{jobs} must be done in one session of {needed}, but between {start} and {end} nobody "
        "allowed to do it has more than {free} free"
    ),
    "coordination": (
        "between {start} and {end} the lead needs {needed} for their own work and for the "
        "kick-off and follow-up of the partners on {tasks}, and has {free} free"
    ),
    "tranches": (
        "with a single tranche everything is delivered by the earliest deadline, {end}: "
        "{needed} of work ({jobs}) from {start} for {free} free ({people})"
    ),
    "chain": (
        "{tasks} follow one another: from {start} to {end}, {needed} of work ({jobs}) for "
        "{free} free ({people})"
    ),
    "engagement": (
        "with {engagements} due within that period, from {start} to {end} there are {needed} "
        "of work ({jobs}) for {free} free ({people})"
    ),
    "capacity": (
        "between {start} and {end}, {needed} of work ({jobs}) for {free} free ({people}), "
        "given what is already booked"
    ),
    "deadlines": "the deadlines of {tasks} cannot all be met together",
    "horizon": (
        "even with every task due at the end of the horizon, no plan meets the other limits "
        "(engagements, splitting rules, partner caps, coordination)"
    ),
    "unisolated": (
        "no plan meets every hard limit; the cause was not isolated within the time limit "
        "of {time_limit}"
    ),
    "undecided": (
        "no plan was found within the time limit of {time_limit}, and none was proven "
        "impossible either"
    ),
}

REMEDIES = {
    "find_partner": "nobody in the roster has it: add a partner with {skills}",
    "allow_partners": "let {people} work on the mission",
    "raise_max_partners": "raise the mission's partner limit by {raise_by}",
    "raise_partner_cap": "raise the hour cap of {people} by at least {raise_by}",
    "allow_splitting": "allow it to be split into sessions",
    "extend_deadline": (
        "the earliest date that can work is {date}, {days} later: ask the client for it, or "
        "free time in the order book"
    ),
    "renegotiate": "ask the client for more time on one of them, or free time in the order book",
    "extend_horizon": "plan over a longer horizon, or free time in the order book",
    "free_time": (
        "moving only these tasks is not enough: free at least {missing} in that window, or "
        "move other dates too"
    ),
    "more_tranches": "allow more tranches{by_date}",
    "more_time": "give the planner more time",
}

SEPARATOR = ": "
TASK, TASKS = "task {names}", "tasks {names}"
ENGAGEMENT, ENGAGEMENTS = "engagement {names}", "engagements {names}"
HOLDERS = " (in the roster: {people})"
BY_DATE = ", or ask for {date} as the single delivery date"
QUOTE = "“{}”"
LEAD = "the lead"
AND = " and "
WORKING_DAY, WORKING_DAYS = "{n} working day", "{n} working days"
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DATE = "{weekday} {day} {month} {year}"
INSTANT = "{date} {hour:02d}:{minute:02d}"
END_OF_DAY = "the end of {date}"
HOURS = "{hours} h"
SECONDS = "{seconds} s"
DECIMAL = "."
