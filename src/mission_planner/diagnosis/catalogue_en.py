"""English sentences for the causes: one reason per class and one remedy per remedy kind.

Placeholders (``str.format``): ``{tasks}``, ``{engagements}``, ``{people}``, ``{skills}``,
``{needed}``, ``{free}``, ``{missing}``, ``{start}``, ``{end}``, ``{date}``, ``{days}``,
``{raise_by}``, ``{time_limit}``, ``{with_engagements}``. Kept in one module so that issue 12 can
move them to templates as they are.
"""

from __future__ import annotations

REASONS = {
    "skill": "task {tasks} needs {skills}, which the lead does not have",
    "max_partners": (
        "tasks {tasks}, which the lead cannot do, need at least {count} partners ({people}) "
        "and the mission allows {allowed}"
    ),
    "partner_cap": (
        "between {start} and {end}, tasks {tasks} need {needed} of work that only {people} "
        "can do, and their hour caps leave {free}"
    ),
    "session": (
        "task {tasks} must be done in one piece of {needed}, but between {start} and {end} "
        "nobody allowed to do it has more than {free} free in a row"
    ),
    "coordination": (
        "between {start} and {end} the lead needs {needed} for their own work and for the "
        "kick-off and follow-up of the partners on tasks {tasks}, with only {free} free"
    ),
    "tranches": (
        "delivered in a single tranche, tasks {tasks} are all due by {end}: {needed} of work "
        "from {start} for {free} free"
    ),
    "chain": (
        "tasks {tasks} follow one another: from {start} to {end} they need {needed} of work"
        "{with_engagements}, and {people} have {free} free"
    ),
    "engagement": (
        "{engagements_named} due by {end} take the time tasks {tasks} need: from {start} to "
        "{end}, {needed} of work for {free} free"
    ),
    "capacity": (
        "between {start} and {end}, tasks {tasks}{with_engagements} need {needed} of work "
        "from {people}, who have {free} free given what is already booked"
    ),
    "deadlines": "the deadlines of tasks {tasks} cannot all be met together",
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
    "allow_partners": (
        "{people} in the roster has it: allow at least {raise_by} partner(s) on the mission"
    ),
    "raise_max_partners": "raise the mission's partner limit by {raise_by}",
    "raise_partner_cap": "raise the hour cap of {people} by at least {raise_by}",
    "allow_splitting": "allow it to be split into sessions",
    "extend_deadline": (
        "the earliest date that can work is {date} ({days} working day(s) later): ask the "
        "client for it, or free time in the order book"
    ),
    "renegotiate": "ask the client for more time on one of them, or free time in the order book",
    "free_time": (
        "no date within the horizon is enough: free at least {missing} of {people}'s time "
        "there, or extend the horizon"
    ),
    "more_tranches": "allow more tranches{by_date}",
    "more_time": "give the planner more time",
}

WITH_ENGAGEMENTS = " (with {engagements})"
ENGAGEMENTS_NAMED = "engagement(s) {engagements}"
BY_DATE = ", or ask for {date} as the single delivery date"
LEAD = "the lead"
AND = " and "
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DATE = "{weekday} {day} {month} {year}"
INSTANT = "{date} {hour:02d}:{minute:02d}"
END_OF_DAY = "the end of {date}"
HOURS = "{hours} h"
SECONDS = "{seconds} s"
DECIMAL = "."
