"""The registry of suites and their contenders.

A *suite* is a family of instances addressed by ``(size, index)`` — ``orlib`` (OR-Library
weighted tardiness, index 1..125 in a file), ``consultant`` (generated scenarios, index =
generator seed) and ``consultant-nosplit`` (the generator's non-splitting variant) — with the
contenders that can run on it. Everything is named by import path
(``"module:function"``) so that a fresh child process can load the instance and the solver
on its own.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def resolve(target: str) -> Callable[..., Any]:
    """The function named ``"package.module:function"`` (``"package.module"`` means its
    ``solve``)."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name or "solve")  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Contender:
    """A solver to compare: ``target(instance, time_limit, workers, seed) -> Outcome``."""

    name: str
    target: str
    description: str

    @property
    def module(self) -> str:
        """The module holding the solver."""
        return self.target.partition(":")[0]

    def available(self) -> tuple[bool, str]:
        """Whether it can run here, and why not."""
        try:
            mod = importlib.import_module(self.module)
        except ImportError as exc:
            return False, f"cannot import {self.module}: {exc}"
        if hasattr(mod, "available") and not mod.available():
            return False, f"{self.module}.available() is False (mission_planner.plan missing?)"
        if getattr(mod, "AVAILABLE", True) is False:
            return False, f"{self.module}: optional dependency not installed"
        return True, ""


@dataclass(frozen=True)
class Suite:
    """Instances ``loader(size, index, reference=...)`` and the contenders that run on them.

    An instance has ``name``, ``size``, ``index``, ``reference`` (a value to compare with, or
    ``None``), ``optimal`` (the reference is the optimum) and ``gap_reference`` (gaps are
    measured to the reference: ``True`` for optima and best known values, ``False`` when the
    reference is merely a feasible plan).
    """

    name: str
    description: str
    loader: str
    sizes: tuple[str, ...]
    default_size: str
    default_indices: tuple[int, ...]
    first_index: int
    last_index: int | None
    contenders: dict[str, Contender]
    not_offered: dict[str, str]
    """Contenders of other suites that cannot run here, with the reason."""

    def load(self, size: str, index: int, reference: bool = True) -> Any:
        """Instance ``index`` of ``size``."""
        return resolve(self.loader)(size, index, reference=reference)

    def check_index(self, index: int) -> None:
        """Raise ``ValueError`` if ``index`` is not an instance of this suite."""
        if index < self.first_index or (self.last_index is not None and index > self.last_index):
            upper = "" if self.last_index is None else f" and {self.last_index}"
            raise ValueError(
                f"{self.name}: instance {index} is not between {self.first_index}{upper}"
            )


def _contenders(*items: Contender) -> dict[str, Contender]:
    return {c.name: c for c in items}


ORLIB = Suite(
    name="orlib",
    description="OR-Library single-machine total weighted tardiness (wt40, wt50, wt100)",
    loader="benchmarks.orlib:load_instance",
    sizes=("40", "50", "100"),
    default_size="40",
    default_indices=tuple(range(1, 126)),
    first_index=1,
    last_index=125,
    contenders=_contenders(
        Contender("ours", "benchmarks.ours:solve", "mission_planner.plan on the scenario"),
        Contender(
            "dispatch", "benchmarks.baselines.dispatch:solve", "best of EDD and ATC list scheduling"
        ),
        Contender("naive", "benchmarks.baselines.naive_cpsat:solve", "afternoon CP-SAT model"),
        Contender("pyjobshop", "benchmarks.baselines.pyjobshop:solve", "PyJobShop, one machine"),
    ),
    not_offered={"cpsat-cold": "the OR-Library runs compare with the naive model instead"},
)

_CONSULTANT_CONTENDERS = (
    Contender("ours", "benchmarks.consultant:solve_ours", "mission_planner.plan, default settings"),
    Contender(
        "dispatch",
        "benchmarks.consultant:solve_dispatch",
        "the library's list scheduling (EDD/ATC rules, no local search, no CP-SAT)",
    ),
    Contender(
        "cpsat-cold",
        "benchmarks.consultant:solve_cold",
        "mission_planner.plan(warm_start=False): our CP-SAT model alone",
    ),
    Contender(
        "naive",
        "benchmarks.baselines.consultant_naive:solve",
        "afternoon CP-SAT model on real time (chunk intervals, Element, naive tranches)",
    ),
)

CONSULTANT = Suite(
    name="consultant",
    description="generated consultant scenarios (instance = generator seed)",
    loader="benchmarks.consultant:load_instance",
    sizes=("S", "M", "L", "XL"),
    default_size="S",
    default_indices=tuple(range(5)),
    first_index=0,
    last_index=None,
    contenders=_contenders(*_CONSULTANT_CONTENDERS),
    not_offered={
        "pyjobshop": (
            "no generated consultant scenario is in PyJobShop's reach: every one has splittable "
            "tasks and engagements (sessions), fewer tranches than tasks and priced "
            "delegation; run the consultant-nosplit suite"
        ),
    },
)

CONSULTANT_NOSPLIT = Suite(
    name="consultant-nosplit",
    description=(
        "the generator's non-splitting variant: every task and engagement in one chunk, each "
        "task delivered on its own, only lateness weighted"
    ),
    loader="benchmarks.consultant:load_nosplit_instance",
    sizes=("S", "M", "L", "XL"),
    default_size="S",
    default_indices=tuple(range(5)),
    first_index=0,
    last_index=None,
    contenders=_contenders(
        *_CONSULTANT_CONTENDERS,
        Contender(
            "pyjobshop",
            "benchmarks.baselines.consultant_pyjobshop:solve",
            "PyJobShop: machines = people, calendar gaps as breaks, weighted tardiness",
        ),
    ),
    not_offered={},
)

SUITES: dict[str, Suite] = {s.name: s for s in (ORLIB, CONSULTANT, CONSULTANT_NOSPLIT)}
