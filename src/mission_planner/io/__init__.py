"""Files in and out: scenario files, calendars (.ics), plans as JSON, CSV, Excel and .ics.

* :func:`load_scenario` (the same as ``Scenario.from_file``) reads a YAML/JSON scenario with
  errors that point into the file; :func:`scenario_schema` is its JSON Schema. Limits and
  rules: ``docs/inputs.md``.
* :func:`with_calendar` / :func:`import_calendar` add the lead's commitments from .ics files
  (timed events -> fixed blocks, all-day events -> time off) in the lead's ``timezone``, and
  report every event skipped or transformed.
* :func:`save_plan` / :func:`load_plan` store a plan as JSON, losslessly.
* :func:`save_csv`, :func:`save_excel` and :func:`save_ics` export a plan; :func:`save_result`
  picks one by the file's suffix (a folder gets every table as CSV); :func:`check_outputs` and
  :func:`write_outputs` check every target first, then write them all atomically.
* :func:`echeancier_table`, :func:`week_tables` and :func:`kpi_table` show a plan in a terminal.
"""

from mission_planner.io.calendar_import import (
    CalendarImport,
    import_calendar,
    skip_reason,
    with_calendar,
)
from mission_planner.io.durations import parse_duration
from mission_planner.io.errors import (
    CalendarFileError,
    InputError,
    InputProblem,
    PlanFileError,
    ScenarioFileError,
)
from mission_planner.io.ics import (
    DEFAULT_TIMEZONE,
    CalendarEvent,
    plan_to_ics,
    read_events,
    save_ics,
)
from mission_planner.io.outputs import (
    OUTPUT_SUFFIXES,
    Output,
    check_outputs,
    save_result,
    write_outputs,
)
from mission_planner.io.plan_file import load_plan, save_plan
from mission_planner.io.report import echeancier_table, kpi_table, week_tables
from mission_planner.io.scenario_file import load_scenario, scenario_schema
from mission_planner.io.tables import kpi_frame, plan_tables, save_csv, save_excel

__all__ = [
    "DEFAULT_TIMEZONE",
    "OUTPUT_SUFFIXES",
    "CalendarEvent",
    "CalendarFileError",
    "CalendarImport",
    "InputError",
    "InputProblem",
    "Output",
    "PlanFileError",
    "ScenarioFileError",
    "check_outputs",
    "echeancier_table",
    "import_calendar",
    "kpi_frame",
    "kpi_table",
    "load_plan",
    "load_scenario",
    "parse_duration",
    "plan_tables",
    "plan_to_ics",
    "read_events",
    "save_csv",
    "save_excel",
    "save_ics",
    "save_plan",
    "save_result",
    "scenario_schema",
    "skip_reason",
    "week_tables",
    "with_calendar",
    "write_outputs",
]
