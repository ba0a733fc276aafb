"""Progress reports sent while planning (for live displays)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ProgressEvent:
    """One step of a solve: a better plan was found (or a phase ended).

    ``phase`` is ``"heuristic"`` (dispatch and local search) or ``"cp-sat"``; ``objective``
    and ``bound`` are in reported units (``None`` when not known yet).
    """

    phase: str
    elapsed: float
    objective: float | None
    bound: float | None

    @property
    def gap(self) -> float | None:
        """Relative gap ``(objective - bound) / objective``, when both are known."""
        if self.objective is None or self.bound is None:
            return None
        if self.objective == self.bound:
            return 0.0
        return (self.objective - self.bound) / max(abs(self.objective), 1e-9)


ProgressCallback = Callable[[ProgressEvent], None]
