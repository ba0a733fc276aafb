"""Errors about input files, with the file, the place inside it, the value and the rule.

The library raises :class:`InputError` (a ``ValueError``) for every input it cannot use: a
scenario file, a calendar, a plan file, or a scenario whose numbers do not fit the solver.
This module imports nothing from the package, so every layer can raise these errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class InputProblem:
    """One thing wrong in an input file.

    Attributes
    ----------
    location
        Where inside the file, as a path such as ``mission.tasks[3].due`` (``""`` for the
        whole file).
    message
        The rule that is broken, in words.
    value
        The offending value as written (``None`` when there is none to show).
    line
        1-based line number in the file, when known.
    """

    location: str
    message: str
    value: object = None
    line: int | None = None

    def format(self, source: str = "") -> str:
        """One readable line: ``file:line: location = value: message``."""
        where = source
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        parts = [p for p in (where, self.location) if p]
        head = " ".join(parts)
        shown = "" if self.value is None else f" = {_show(self.value)}"
        return f"{head}{shown}: {self.message}" if head or shown else self.message


class InputError(ValueError):
    """A file given by the user cannot be used; carries every :class:`InputProblem` found.

    The command line prints :meth:`report` and exits with code 2, without a traceback.
    """

    kind = "input file"

    def __init__(self, source: str | Path, problems: list[InputProblem] | str) -> None:
        self.source = str(source)
        self.problems = (
            [InputProblem("", problems)] if isinstance(problems, str) else list(problems)
        )
        super().__init__(self.report())

    def report(self) -> str:
        """The problems, one per line, headed by the file."""
        if len(self.problems) == 1:
            return f"{self.kind} {self.problems[0].format(self.source)}"
        lines = [f"{self.kind} {self.source}: {len(self.problems)} problems"]
        lines += [f"  {p.format(self.source)}" for p in self.problems]
        return "\n".join(lines)


class ScenarioFileError(InputError):
    """A scenario file that cannot be read or does not validate."""

    kind = "scenario"


class CalendarFileError(InputError):
    """An iCalendar file that cannot be read, or commitments that do not fit the scenario."""

    kind = "calendar"


class ScenarioLimitError(InputError):
    """A valid scenario whose numbers do not fit the solver's integer range."""

    kind = "scenario"


class PlanFileError(InputError):
    """A plan file that cannot be read back."""

    kind = "plan"


def _show(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


__all__ = [
    "CalendarFileError",
    "InputError",
    "InputProblem",
    "PlanFileError",
    "ScenarioFileError",
    "ScenarioLimitError",
]
