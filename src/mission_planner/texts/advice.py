"""The advice's texts: headline, reasons, changes and the message to the client.

They read the plain facts :func:`~mission_planner.levers.advise.advise` gathers (names, each
task's day asked, day accepted and delivery, partners, the options' figures) and render the
templates of the language's catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mission_planner.texts.render import render


@dataclass(frozen=True)
class AdviceTexts:
    """The advice in one language."""

    headline: str
    reasons: list[str]
    changes: list[str]
    message: str


def advice_texts(facts: dict[str, Any], language: str) -> AdviceTexts:
    """Render the advice's texts in ``language`` from ``facts``."""
    return AdviceTexts(
        headline=render("headline.txt", language, **facts),
        reasons=_lines(render("reasons.txt", language, **facts)),
        changes=_lines(render("changes.txt", language, **facts)),
        message=render("advice_message.txt", language, **facts),
    )


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


__all__ = ["AdviceTexts", "advice_texts"]
