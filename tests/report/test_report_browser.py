"""The advice report of the story example in headless Chromium: no console error, key texts
rendered, a screenshot with content.

Chromium is Debian's ``chromium`` package (``.ci/run`` installs it). Without it the tests skip,
except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import matplotlib.image
import numpy as np
import pytest
from html_tree import parse

from mission_planner.levers import Advice
from mission_planner.report import advice_report, save_report

MAX_BYTES = 6 * 1024 * 1024
CONSOLE = re.compile(r":CONSOLE(?::\d+)?\]\s*(.*)$", re.M)
"""A console message in Chromium's log: ``[...:INFO:CONSOLE:1] "text", source: ...``."""


def chromium() -> str:
    """The Chromium executable; skips the test when absent outside CI, fails in CI."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but chromium is not installed (see .ci/run)")
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    return found


def run_chromium(page: Path, *action: str) -> subprocess.CompletedProcess[str]:
    """Chromium headless on ``page`` with console messages logged to stderr."""
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=5000",
                *action,
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )


def console_messages(log: str) -> list[str]:
    return CONSOLE.findall(log)


@pytest.fixture(scope="module")
def report_file(advice: Advice, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The French advice report of the story, with the interactive Gantt, written once."""
    pytest.importorskip("plotly")
    html = advice_report(advice, charts="plotly")
    assert len(html.encode("utf-8")) < MAX_BYTES
    return save_report(html, tmp_path_factory.mktemp("report") / "advice.html")


def test_console_messages_are_caught(tmp_path: Path) -> None:
    """The harness sees a page's console error and uncaught exception (so silence means none)."""
    page = tmp_path / "broken.html"
    page.write_text(
        "<html><body><script>console.error('boom'); missing();</script></body></html>",
        encoding="utf-8",
    )
    run = run_chromium(page, "--dump-dom")
    messages = console_messages(run.stderr)
    assert any("boom" in m for m in messages)
    assert any("Uncaught ReferenceError" in m for m in messages)


def test_rendered_report_has_no_console_message_and_the_key_texts(
    report_file: Path, advice: Advice
) -> None:
    """Rendered: no console message; recommendation, échéancier, message and Gantt in the DOM."""
    run = run_chromium(report_file, "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    assert console_messages(run.stderr) == []
    dom, _ = parse(run.stdout)
    assert advice.headline in dom.by_id("recommendation").all_text()
    echeancier = dom.by_id("echeancier")
    assert "Échéancier proposé" in echeancier.all_text()
    plan = advice.recommended_plan
    assert plan is not None
    assert len(dom.by_id("echeancier-table").find_all("tbody")[0].find_all("tr")) == len(
        plan.tranches
    )
    assert dom.by_id("message-text").all_text() == advice.message
    chart = dom.by_id("gantt-chart")
    assert any("main-svg" in e.attrs.get("class", "") for e in chart.walk())  # plotly drew it


def test_screenshot_has_content(report_file: Path, tmp_path: Path) -> None:
    """The screenshot is not blank: many colours, and a fair share of non-white pixels."""
    shot = tmp_path / "shot.png"
    run = run_chromium(report_file, f"--screenshot={shot}", "--window-size=1280,2000")
    assert run.returncode == 0 and shot.exists(), run.stderr[-2000:]
    assert console_messages(run.stderr) == []
    pixels = matplotlib.image.imread(str(shot))[..., :3]
    colours = np.unique((pixels * 255).astype(np.uint8).reshape(-1, 3), axis=0)
    ink = (pixels.sum(axis=2) < 2.9).mean()
    assert len(colours) > 50
    assert ink > 0.03
