"""The HTML report: one self-contained page that opens offline and can be forwarded.

:func:`plan_report` shows a plan (échéancier, deliveries, Gantt, weekly load, figures);
:func:`advice_report` adds the recommendation and its reasons, the options compared and the
message to the client with a copy button. Words come from one catalogue per language
(:mod:`mission_planner.report.catalogue`), dates and amounts from Babel, the page from a
Jinja2 template shipped with the package.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from mission_planner.report import tables
from mission_planner.report.catalogue import catalogue
from mission_planner.report.figures import Engine, gantt_html
from mission_planner.report.formats import Formats
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario

if TYPE_CHECKING:
    from mission_planner.levers import Advice

TEMPLATE = "report.html.j2"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("mission_planner.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def plan_report(
    result: PlanResult,
    scenario: Scenario,
    language: str = "fr",
    *,
    charts: Engine = "auto",
) -> str:
    """The HTML report of a plan.

    Parameters
    ----------
    result
        A plan of ``scenario`` (a result without a plan gives a page that says why).
    scenario
        The scenario planned: names, and the dates asked as it states them.
    language
        A language with a catalogue (``"fr"``, ``"en"``).
    charts
        ``"auto"``: the interactive Gantt when plotly is installed, else a static SVG when
        matplotlib is, else tables only; or force ``"plotly"``, ``"svg"`` or ``"none"``.

    Returns
    -------
    str
        A complete HTML document with everything inline (scripts, styles, charts).

    Raises
    ------
    ValueError
        When ``language`` has no catalogue or ``charts`` names a library not installed.
    """
    _require(result, scenario)
    return _render(result, scenario, language, charts, advice=None)


def advice_report(advice: Advice, language: str | None = None, *, charts: Engine = "auto") -> str:
    """The HTML report of an advice: recommendation, options, the recommended plan, message.

    Parameters
    ----------
    advice
        What :func:`mission_planner.advise` returned.
    language
        The report's language; default the advice's. The message is the advice's message in
        that language when it has one.
    charts
        See :func:`plan_report`.

    Returns
    -------
    str
        A complete, self-contained HTML document.
    """
    language = language or advice.language
    plan = advice.recommended_plan
    return _render(plan, advice.scenario, language, charts, advice=advice)


def save_report(html: str, path: str | Path) -> Path:
    """Write a report to ``path`` (UTF-8) and return the path."""
    path = Path(path)
    path.write_text(html, encoding="utf-8")
    return path


def _require(result: PlanResult, scenario: Scenario) -> None:
    if not isinstance(result, PlanResult):
        raise TypeError(f"result={type(result).__name__} is not a PlanResult")
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario={type(scenario).__name__} is not a Scenario")


def _render(
    result: PlanResult | None,
    scenario: Scenario,
    language: str,
    charts: Engine,
    advice: Advice | None,
) -> str:
    words_of = catalogue(language)
    words = tables.Words(scenario, words_of, Formats(words_of.locale))
    mission = scenario.mission.name or scenario.mission.client
    has_plan = result is not None and result.has_plan
    context: dict[str, Any] = {
        "language": language,
        "t": words_of,
        "title": words_of("advice_title" if advice else "plan_title", mission=mission),
        "generated": words_of("generated", day=words.formats.day(dt.date.today())),
        "headline": advice.headline if advice else "",
        "reasons": list(advice.reasons) if advice else [],
        "changes": list(advice.changes) if advice else [],
        "options": tables.options(advice.comparison, advice.best, words) if advice else None,
        "milestones": _milestones(advice, words),
        "message": advice.messages.get(language, advice.message) if advice else "",
        "has_plan": has_plan,
        "no_plan": words_of("no_plan", status="–" if result is None else result.status.value),
    }
    if result is not None and has_plan:
        context.update(
            echeancier=tables.echeancier(result, words),
            deliveries=tables.deliveries(result, words),
            load=tables.weekly_load(result, words),
            figures=tables.figures(result, words),
            gantt=gantt_html(result, words, charts),
        )
    return _environment().get_template(TEMPLATE).render(**context)


def _milestones(advice: Advice | None, words: tables.Words) -> tables.Table | None:
    """The advice's invoicing milestones, when it has some (``Advice.milestones``)."""
    frame = getattr(advice, "milestones", None)
    if frame is None or frame.empty:
        return None
    return tables.milestones(frame, words)
