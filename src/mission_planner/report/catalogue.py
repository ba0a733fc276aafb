"""The report's words, one YAML catalogue per language (``catalogues/fr.yaml``, ``en.yaml``).

Adding a language is adding a catalogue with the same keys and the Babel ``locale`` that
formats its dates and amounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from mission_planner.scenario.source import parse_yaml

SECTIONS = ("options_names", "columns", "roles", "kinds", "calendar", "sheets", "headers")
"""Keys of the catalogue that hold a table of words rather than one text."""


@dataclass(frozen=True)
class Catalogue:
    """The words of one language.

    Attributes
    ----------
    language
        Its code (``"fr"``, ``"en"``): the catalogue's file name.
    locale
        The Babel locale for dates and money (``"fr_FR"``).
    texts
        Every other key of the file.
    """

    language: str
    locale: str
    texts: dict[str, Any]

    def __call__(self, key: str, **values: object) -> str:
        """The text ``key``, with ``{name}`` fields filled from ``values``."""
        return str(self.texts[key]).format(**values)

    def phrase(self, section: str, key: str, **values: object) -> str:
        """The text ``key`` of a table, with ``{name}`` fields filled from ``values``."""
        return self.word(section, key).format(**values)

    def word(self, section: str, key: str) -> str:
        """A word of a table (``section`` one of :data:`SECTIONS`); ``key`` itself if absent."""
        table: dict[str, str] = self.texts.get(section, {})
        return str(table.get(key, key))


def languages() -> list[str]:
    """Codes of the languages that have a catalogue."""
    folder = resources.files("mission_planner.report") / "catalogues"
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


@cache
def catalogue(language: str) -> Catalogue:
    """The catalogue of ``language``.

    Raises
    ------
    ValueError
        When no catalogue has that name (the message lists those that exist).
    """
    known = languages()
    if language not in known:
        raise ValueError(
            f"language={language!r} has no report catalogue (known: {', '.join(known)})"
        )
    path = resources.files("mission_planner.report") / "catalogues" / f"{language}.yaml"
    data = parse_yaml(path.read_text(encoding="utf-8"), str(path)).data
    locale = str(data.pop("locale"))
    return Catalogue(language, locale, data)
