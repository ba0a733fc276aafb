"""What :func:`mission_planner.plan` returns."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from mission_planner.contract import empty_tables
from mission_planner.diagnosis.causes import causes_frame
from mission_planner.policy import Policy
from mission_planner.status import Status
from mission_planner.texts import check_language, render


@dataclass(frozen=True)
class PlanResult:
    """A plan and the figures that qualify it.

    Attributes
    ----------
    status
        See :class:`Status`. ``has_plan`` tells whether the tables hold a plan.
    objective, objective_terms
        The minimised value and its terms: ``lateness`` (urgency x hours late),
        ``partner_fees`` (EUR), ``coordination_hours`` (lead's time managing partners),
        ``chunks`` and ``overtime_hours``.
    bound, gap
        Best proven lower bound on the objective and ``(objective - bound) / objective``
        (0 when proven optimal); :meth:`quality` says it in words.
    bound_source
        Where the bound comes from: ``"relaxation"`` (the relaxed model of
        :mod:`mission_planner.cpsat.relaxation`, who does how much without the calendar,
        solved before the search), ``"search"`` (CP-SAT's search and linear relaxation, with
        the model's redundant capacity and lateness cuts), ``"optimal"`` (the search proved
        the plan optimal) or ``None`` (no bound).
    runtime, seed, workers
        Wall time in seconds and the solver settings used.
    schedule, deliveries, tranches, load, costs
        Tables with fixed columns (see ``docs/concepts.md``); empty when there is no plan.
        ``tranches`` is the échéancier.
    revenue, partner_fees, margin
        Mission price (sale day rate x effort days), partner invoices, and their difference.
    explanation, infeasible_tasks, causes
        When infeasible (or unknown): why, in English sentences, the tasks concerned, and the
        causes as a table (one row per cause, columns of
        :data:`~mission_planner.diagnosis.CAUSE_COLUMNS`: class, remedy and figures; empty
        when there is a plan).
    policy
        How the client's scenario was read for this plan (``None``: as written); check the
        plan with ``check(scenario, result, result.policy)``.
    first_solution_time, best_solution_time
        Seconds from the start of the call until the first plan was known (the heuristic's, or
        CP-SAT's when there is no warm start) and until the returned plan's objective was first
        reached.
    """

    status: Status
    objective: float | None
    objective_terms: dict[str, float]
    bound: float | None
    gap: float | None
    runtime: float
    seed: int
    workers: int
    schedule: pd.DataFrame
    deliveries: pd.DataFrame
    tranches: pd.DataFrame
    load: pd.DataFrame
    costs: pd.DataFrame
    revenue: float = 0.0
    partner_fees: float = 0.0
    margin: float = 0.0
    explanation: list[str] = field(default_factory=list)
    infeasible_tasks: list[str] = field(default_factory=list)
    causes: pd.DataFrame = field(default_factory=lambda: causes_frame([]))
    first_solution_time: float | None = None
    best_solution_time: float | None = None
    policy: Policy | None = None
    bound_source: str | None = None

    @classmethod
    def without_plan(
        cls,
        status: Status,
        explanation: Sequence[str] = (),
        *,
        infeasible_tasks: Sequence[str] = (),
        causes: pd.DataFrame | None = None,
        bound: float | None = None,
        runtime: float = 0.0,
        seed: int = 0,
        workers: int = 0,
        policy: Policy | None = None,
        bound_source: str | None = None,
    ) -> PlanResult:
        """A result with no plan: the contract's tables, empty; why in ``explanation``."""
        tables = empty_tables()
        return cls(
            status=status,
            objective=None,
            objective_terms={},
            bound=bound,
            gap=None,
            runtime=runtime,
            seed=seed,
            workers=workers,
            schedule=tables["schedule"],
            deliveries=tables["deliveries"],
            tranches=tables["tranches"],
            load=tables["load"],
            costs=tables["costs"],
            explanation=list(explanation),
            infeasible_tasks=list(infeasible_tasks),
            causes=causes_frame([]) if causes is None else causes,
            policy=policy,
            bound_source=bound_source,
        )

    @property
    def has_plan(self) -> bool:
        """True when the tables hold a plan."""
        return self.status.has_plan

    @property
    def echeancier(self) -> pd.DataFrame:
        """The delivery schedule proposed to the client (same as ``tranches``)."""
        return self.tranches

    def quality(self, language: str = "en") -> str:
        """How good the plan is, in plain words: "proven best" or "at most X % from the best".

        The percentage is the gap to the proven bound, rounded up to a tenth of a percent (so
        "at most" holds). ``language`` is ``"en"`` or ``"fr"``.
        """
        check_language(language)
        gap = None if self.gap is None else math.ceil(round(1000 * self.gap, 6)) / 10
        bound = None if self.bound is None else round(self.bound, 1)
        return render(
            "plan_quality.txt",
            language,
            status=self.status.value,
            gap_percent=gap,
            bound=bound,
            bound_source=self.bound_source,
        )

    def summary(self) -> str:
        """A few readable lines: status, how good the plan is, figures, échéancier."""
        lines = [f"status: {self.status.value}", f"quality: {self.quality()}"]
        if not self.has_plan:
            lines += [f"  - {why}" for why in self.explanation]
            return "\n".join(lines)
        gap = f"{100 * self.gap:.2f}%" if self.gap is not None else "n/a"
        lines.append(
            f"objective: {self.objective:g}  "
            f"(bound {self.bound if self.bound is not None else 'n/a'}, "
            f"gap {gap}, {self.runtime:.2f} s)"
        )
        terms = ", ".join(f"{k} {v:g}" for k, v in self.objective_terms.items())
        lines.append(f"terms: {terms}")
        lines.append(
            f"revenue {self.revenue:,.0f} EUR, partner fees {self.partner_fees:,.0f} EUR, "
            f"margin {self.margin:,.0f} EUR"
        )
        lines.append("échéancier:")
        for t in self.tranches.to_dict("records"):
            days = t["lateness_working_days"]
            late = f", {days} working day(s) late" if days else ""
            lines.append(
                f"  tranche {t['tranche']}: {t['tasks']} delivered "
                f"{t['delivery']:%a %d %b %Y %H:%M} "
                f"(asked {t['due']:%a %d %b %Y}){late}"
            )
        for d in self.deliveries[~self.deliveries["on_time"]].to_dict("records"):
            lines.append(
                f"  late: {d['task']} by {d['lateness_hours']:g} h "
                f"({d['lateness_working_days']} working day(s))"
            )
        if self.explanation:
            lines.append("why the dates asked do not all hold:")
            lines += [f"  - {why}" for why in self.explanation]
        return "\n".join(lines)
