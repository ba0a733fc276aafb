"""The clock of a model build: large problems stop building once the call's time is over."""

from __future__ import annotations

import time


class BuildTimeoutError(Exception):
    """The deadline given to a model build passed before the model was complete."""


def check_deadline(deadline: float | None) -> None:
    """Raise :class:`BuildTimeoutError` once ``deadline`` (``time.perf_counter()``) passed."""
    if deadline is not None and time.perf_counter() > deadline:
        raise BuildTimeoutError("the time limit ended while building the model")
