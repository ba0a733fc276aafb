"""The HTML report of a plan or of an advice: one self-contained page, in fr or en.

``plan_report(result, scenario, language="fr")`` and ``advice_report(advice)`` return the
page as text; :func:`save_report` writes it. The interactive Gantt needs plotly
(``pip install "mission-planner[report]"``); without it the chart is a static SVG
(matplotlib, the ``plot`` extra), and without matplotlib the report has tables only.
"""

from mission_planner.report.catalogue import languages
from mission_planner.report.page import advice_report, plan_report, save_report

__all__ = ["advice_report", "languages", "plan_report", "save_report"]
