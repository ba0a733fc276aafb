"""The HTML report: a sound, self-contained page with the plan's and the advice's contents."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from html_tree import Element, parse

from mission_planner import PlanResult, Scenario
from mission_planner.levers import Advice
from mission_planner.report import advice_report, languages, plan_report, save_report
from mission_planner.report.formats import Formats

MAX_BYTES = 6 * 1024 * 1024


def rows(page: Element, table_id: str) -> list[list[str]]:
    body = page.by_id(table_id).find_all("tbody")[0]
    return [[td.all_text().strip() for td in tr.find_all("td")] for tr in body.find_all("tr")]


def external_references(html: str) -> list[str]:
    """src= and href= values of the markup (scripts' own text aside) that need another file."""
    markup = re.sub(r"<script[^>]*>.*?</script>", "", html, flags=re.S)
    found = re.findall(r"""(?:src|href)\s*=\s*["']([^"'#][^"']*)["']""", markup)
    return [u for u in found if not u.startswith(("data:", "javascript:"))]


def test_babel_writes_days_and_money_as_readers_do() -> None:
    """fr: 'vendredi 8 janvier 2027' and '1 250 €'; en: 'Friday, 8 January 2027' and '€1,250'."""
    fr, en = Formats("fr_FR"), Formats("en_GB")
    assert fr.day(dt.date(2027, 1, 8)) == "vendredi 8 janvier 2027"
    assert fr.money(1250) == "1\u202f250\xa0€"
    assert en.day(dt.date(2027, 1, 8)) == "Friday, 8 January 2027"
    assert en.money(1250.4) == "€1,250"


def test_plan_report_is_a_sound_complete_page(scenario: Scenario, result: PlanResult) -> None:
    """Every tag closes in order; title, échéancier, Gantt, load and figures are there."""
    page, problems = parse(plan_report(result, scenario, charts="svg"))
    assert problems == []
    assert page.find_all("title")[0].all_text() == "Plan de la mission Diagnosis"
    for section in ("echeancier", "gantt", "load", "figures"):
        assert page.by_id(section).tag == "section"
    assert page.find_all("html")[0].attrs["lang"] == "fr"


def test_echeancier_has_a_row_per_tranche_with_the_days_asked(
    scenario: Scenario, result: PlanResult
) -> None:
    """One row per tranche; each task with its own day asked, in words, not the next day."""
    page, _ = parse(plan_report(result, scenario, charts="none"))
    found = rows(page, "echeancier-table")
    assert [r[0] for r in found] == [str(t) for t in result.tranches["tranche"]]
    dues = {
        "kickoff": "mardi 15 décembre 2026",
        "data": "jeudi 17 décembre 2026",
        "report": "vendredi 18 décembre 2026",
    }
    for row, tasks in zip(found, result.tranches["tasks"], strict=True):
        for task in str(tasks).split(","):
            assert f"« {task} » (demandé le {dues[task]})" in row[2]
    by_task = {r[0]: r for r in rows(page, "deliveries-table")}
    assert by_task["kickoff (kickoff)"][5] == "mardi 15 décembre 2026"


def test_english_report_uses_the_english_catalogue(scenario: Scenario, result: PlanResult) -> None:
    """language='en' gives English headers and dates; every language has a catalogue file."""
    page, _ = parse(plan_report(result, scenario, language="en", charts="none"))
    assert page.find_all("title")[0].all_text() == "Plan of the mission Diagnosis"
    headers = [th.all_text() for th in page.by_id("echeancier-table").find_all("th")]
    assert headers[:3] == ["Tranche", "Delivery", "Tasks"]
    assert "Tuesday, 15 December 2026" in page.by_id("deliveries-table").all_text()
    assert languages() == ["en", "fr"]


def test_unknown_language_is_named(scenario: Scenario, result: PlanResult) -> None:
    """A language without a catalogue is refused with its name and the known ones."""
    with pytest.raises(
        ValueError, match=r"language='de' has no report catalogue \(known: en, fr\)"
    ):
        plan_report(result, scenario, language="de")


def test_unknown_chart_engine_is_named(scenario: Scenario, result: PlanResult) -> None:
    """charts= must be auto, plotly, svg or none."""
    with pytest.raises(ValueError, match="charts='png'"):
        plan_report(result, scenario, charts="png")  # type: ignore[arg-type]


def test_interactive_gantt_is_inline_and_self_contained(
    scenario: Scenario, result: PlanResult
) -> None:
    """With plotly the Gantt and plotly.js are inline: nothing to fetch, under 6 MB."""
    pytest.importorskip("plotly")
    html = plan_report(result, scenario, charts="plotly")
    assert len(html.encode("utf-8")) < MAX_BYTES
    assert external_references(html) == []
    page, problems = parse(html)
    assert problems == []
    assert page.by_id("gantt-chart").tag == "div"
    assert all("src" not in s.attrs for s in page.find_all("script"))
    assert "Plotly.newPlot" in html
    for task in scenario.mission.tasks:
        assert f'"{task.name or task.id}"' in html  # bar labels in the figure's data


def test_static_gantt_is_inline_svg(scenario: Scenario, result: PlanResult) -> None:
    """charts="svg" puts the matplotlib Gantt inline as SVG: no script, nothing to fetch."""
    html = plan_report(result, scenario, charts="svg")
    page, _ = parse(html)
    assert page.by_id("gantt").find_all("svg")
    assert page.find_all("script") == [] and external_references(html) == []


def test_tables_only_without_charts(scenario: Scenario, result: PlanResult) -> None:
    """charts='none' says the charts are missing and keeps every table."""
    page, _ = parse(plan_report(result, scenario, charts="none"))
    assert "Graphiques indisponibles" in page.by_id("gantt").all_text()
    assert not page.by_id("gantt").find_all("svg")
    assert rows(page, "load-table") and rows(page, "figures-table")


def test_names_are_escaped(scenario: Scenario, result: PlanResult) -> None:
    """A task named like markup is shown as text, never run as a script."""
    tasks = tuple(
        t.model_copy(update={"name": "<script>alert(1)</script>"}) if t.id == "kickoff" else t
        for t in scenario.mission.tasks
    )
    odd = scenario.model_copy(
        update={"mission": scenario.mission.model_copy(update={"tasks": tasks})}
    )
    html = plan_report(result, odd, charts="svg")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_result_without_plan_says_why(scenario: Scenario, result: PlanResult) -> None:
    """A result with no plan gives a page naming its status and no plan tables."""
    from mission_planner import Status

    empty = PlanResult(**{**result.__dict__, "status": Status.INFEASIBLE})
    page, problems = parse(plan_report(empty, scenario))
    assert problems == []
    assert page.by_id("no-plan").all_text() == "Aucun plan : infeasible."


def test_advice_report_holds_recommendation_options_and_message(advice: Advice) -> None:
    """The headline, each reason, every option (the best marked) and the message are there."""
    html = advice_report(advice, charts="none")
    page, problems = parse(html)
    assert problems == []
    recommendation = page.by_id("recommendation").all_text()
    assert advice.headline in recommendation
    assert all(reason in recommendation for reason in advice.reasons)
    options = page.by_id("options-table")
    assert len(rows(page, "options-table")) == len(advice.comparison)
    marked = [tr for tr in options.find_all("tr") if tr.attrs.get("class") == "marked"]
    recommended = advice.comparison.loc[advice.comparison["recommended"], "option"].tolist()
    names = {"as_asked": "Telle quelle", "negotiate": "Négocier les dates", "delegate": "Déléguer",
             "spread": "Étaler en tranches", "mix": "Combiner les leviers"}  # fmt: skip
    assert [tr.find_all("td")[0].all_text() for tr in marked] == [names[o] for o in recommended]
    assert page.by_id("message-text").all_text() == advice.message
    assert page.by_id("copy-message").tag == "button"


def test_advice_report_in_another_language_takes_that_message(advice: Advice) -> None:
    """advice_report(advice, 'en') shows the English message and English labels."""
    page, _ = parse(advice_report(advice, "en", charts="none"))
    assert page.by_id("message-text").all_text() == advice.messages["en"]
    assert "Proposal for the mission" in page.find_all("title")[0].all_text()


def test_save_report_writes_utf8(scenario: Scenario, result: PlanResult, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """save_report writes the page as UTF-8 and returns the path."""
    html = plan_report(result, scenario, charts="none")
    path = save_report(html, tmp_path / "plan.html")
    assert path.read_text(encoding="utf-8") == html


def test_catalogues_have_the_same_words() -> None:
    """Every catalogue has the keys of the English one, tables included (no missing label)."""
    from mission_planner.report.catalogue import SECTIONS, catalogue

    english = catalogue("en").texts
    for language in languages():
        texts = catalogue(language).texts
        assert set(texts) == set(english), language
        for section in SECTIONS:
            assert set(texts[section]) == set(english[section]), (language, section)


def test_auto_charts_fall_back_to_svg_then_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """charts='auto' takes plotly, else matplotlib's SVG, else no chart; forcing a missing one
    names the extra to install."""
    from mission_planner.report import figures

    monkeypatch.setattr(figures, "PLOTLY", False)
    assert figures.engine_for("auto") == "svg"
    with pytest.raises(ValueError, match=r"mission-planner\[report\]"):
        figures.engine_for("plotly")
    monkeypatch.setattr(figures, "MATPLOTLIB", False)
    assert figures.engine_for("auto") == "none"
    with pytest.raises(ValueError, match=r"mission-planner\[plot\]"):
        figures.engine_for("svg")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_task_shows_the_day_the_scenario_states(
    scenario: Scenario, result: PlanResult, language: str
) -> None:
    """In the deliveries table every task's date asked is its scenario due date, in words."""
    from mission_planner.report.catalogue import catalogue

    formats = Formats(catalogue(language).locale)
    page, _ = parse(plan_report(result, scenario, language=language, charts="none"))
    shown = {r[0]: r[5] for r in rows(page, "deliveries-table")}
    for task in scenario.mission.tasks:
        assert shown[f"{task.name or task.id} ({task.id})"] == formats.day(task.due)


def test_a_declining_advice_shows_the_reasons_and_no_plan(advice: Advice) -> None:
    """When declining (no option chosen), the page has the headline, reasons and message only."""
    declined = dataclasses.replace(advice, best=None, headline="Recommandation : décliner.")
    page, problems = parse(advice_report(declined))
    assert problems == []
    assert "Recommandation : décliner." in page.by_id("recommendation").all_text()
    assert page.by_id("message-text").all_text() == advice.message
    ids = {e.attrs.get("id") for e in page.walk()}
    assert not ids & {"echeancier", "gantt", "load", "figures", "no-plan"}


def test_advice_report_shows_the_invoicing_milestones(advice: Advice) -> None:
    """One row per milestone of the advice, its amounts in euros as Babel writes them."""
    page, _ = parse(advice_report(advice, charts="none"))
    found = rows(page, "milestones-table")
    assert len(found) == len(advice.milestones) > 0
    formats = Formats("fr_FR")
    for row, milestone in zip(found, advice.milestones.to_dict("records"), strict=True):
        assert row[1] == formats.day(milestone["delivery_day"])
        assert row[4] == formats.money(milestone["amount"])
        assert row[6] == formats.money(milestone["amount_with_vat"])
