"""``replan``: plan the work left at ``now``, keeping history and promises, changing little."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mission_planner.baseline import Stability
from mission_planner.explore.diff import PlanDiff, diff
from mission_planner.heuristics import improve, order_of
from mission_planner.plan_hint import Hint, solution_of, verified
from mission_planner.planner import plan, plan_of
from mission_planner.policy import Policy
from mission_planner.problem import Problem, compile_problem
from mission_planner.progress import ProgressCallback
from mission_planner.replanning.history import Done, WorkDone
from mission_planner.replanning.inputs import replan_inputs
from mission_planner.replanning.remaining import Promises
from mission_planner.replanning.tables import baseline_of, whole_plan
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.settings import Clock, SolveSettings, settings_of
from mission_planner.solution import Solution

MOVED_COLUMNS = {"task": "string", "promised": "datetime64[ns]", "delivery": "datetime64[ns]"}
"""Columns of :attr:`Replan.moved`: promised dates that the re-plan does not hold."""
REPAIR_SHARE = 0.3
"""Share of the budget the repair of the previous plan may use before the plan's own search."""
REPAIR_EVALUATIONS = 300
"""Decodes of the repair's local search (the work budget that makes it repeatable)."""
DEFAULT_STABILITY = Stability()
"""The price of changes when nothing is said (see :class:`~mission_planner.baseline.Stability`)."""


@dataclass(frozen=True)
class Replan:
    """A re-plan: the new plan, its history and what changed.

    Attributes
    ----------
    plan
        The whole plan: the history before ``now`` (never changed) then the plan of the work
        left. Save it and pass it as ``previous`` to the next re-plan. Its ``objective``
        includes the change terms; ``objective_terms`` lists them (``hours_moved``,
        ``people_changed``, ``dates_changed``, ``change_cost``). ``load`` and ``costs``
        cover the work left.
    left
        The plan of the work left alone, a plan of :attr:`scenario_left` under
        :attr:`policy` (check it with ``check(replan.scenario_left, replan.left,
        replan.policy)``).
    scenario_left, policy
        The scenario of the work left (from ``now``'s day) and how it was read: the promised
        dates as hard limits (or as the dates lateness counts from when they may move) and
        the previous plan as the baseline of change.
    history
        The previous plan's schedule rows before ``now``, less the planned work not done
        (each task's rows kept in time order up to its hours done).
    done
        Hours done per task (and engagement) and person.
    now
        The instant the re-plan starts from.
    kept
        True when the previous plan was still valid and kept as it is (no search).
    diff
        What moved from the previous plan to :attr:`plan`, in words (``diff.summary()``).
    promised
        The instant promised for each task left (hard unless ``promises_may_move``).
    moved
        Promised dates the new plan does not hold, with the new delivery (columns
        :data:`MOVED_COLUMNS`): promises that may move and move, and deliveries the previous
        plan made before ``now`` of tasks that still have work left.
    """

    plan: PlanResult
    left: PlanResult
    scenario_left: Scenario
    policy: Policy
    history: pd.DataFrame
    done: WorkDone
    now: dt.datetime
    kept: bool
    diff: PlanDiff | None
    promised: dict[str, dt.datetime]
    moved: pd.DataFrame

    @property
    def has_plan(self) -> bool:
        """True when the re-plan found a plan."""
        return self.left.has_plan

    @property
    def objective(self) -> float | None:
        """The plan's own objective without the change terms (``None`` without a plan)."""
        if self.left.objective is None:
            return None
        return self.left.objective - self.left.objective_terms.get("change_cost", 0.0)

    def client_message(self) -> list[str]:
        """What to tell the client: one sentence per promised date that moves."""
        lines = []
        for row in self.moved.to_dict("records"):
            promised, new = row["promised"], row["delivery"]
            days = (new.normalize() - promised.normalize()).days
            when = f"{days} day{'s' if days != 1 else ''} later" if days else "later that day"
            lines.append(
                f"'{row['task']}' was promised for {promised:%a %d %b %H:%M}; "
                f"it will now be delivered {new:%a %d %b %H:%M} ({when})."
            )
        return lines

    def summary(self) -> str:
        """A few readable lines: status, what changed, what to tell the client."""
        head = "kept the previous plan" if self.kept else f"re-planned: {self.left.status.value}"
        lines = [f"{head} from {self.now:%a %d %b %Y}"]
        if not self.has_plan:
            return "\n".join([*lines, *(f"  - {why}" for why in self.left.explanation)])
        terms = self.left.objective_terms
        lines.append(
            f"objective {self.objective:g} (change terms {terms.get('change_cost', 0.0):g}: "
            f"{terms.get('hours_moved', 0.0):g} h moved, "
            f"{terms.get('people_changed', 0.0):g} people changed, "
            f"{terms.get('dates_changed', 0.0):g} delivery dates changed)"
        )
        if self.diff is not None:
            lines += [f"  {line}" for line in self.diff.lines]
        told = self.client_message()
        if told:
            lines.append("to tell the client:")
            lines += [f"  {line}" for line in told]
        return "\n".join(lines)


def replan(
    scenario: Scenario,
    previous: PlanResult,
    *,
    now: dt.date | dt.datetime | str,
    done: Done | None = None,
    settings: SolveSettings | None = None,
    policy: Policy | None = None,
    promises: Promises = "previous",
    promises_may_move: bool = False,
    stability: float | Stability = DEFAULT_STABILITY,
    improve: bool = False,
    progress: ProgressCallback | None = None,
) -> Replan:
    """Re-plan the mission at ``now`` from the ``previous`` plan.

    Parameters
    ----------
    scenario
        The scenario as it is now (it may differ from the previous plan's: more effort, a
        partner away, a new date asked, a new task).
    previous
        The previous plan (a :class:`~mission_planner.PlanResult`, a loaded plan file, or a
        :class:`Replan`'s ``plan``), made for this mission.
    now
        The day the re-plan starts (00:00). Everything before is history and never changes.
    done
        Work done before ``now`` per task or engagement: hours, ``"40%"`` of its effort, or
        such a value per person (``{"t1": 6, "t2": "50%", "t3": {"lead": 4, "ana": 2}}``).
        What ``done`` does not name was done as planned. Planned work not done is still to do.
    settings
        Time budget for the whole call, seed and workers.
    policy
        How to read the scenario besides the promises (default: as written).
    promises
        Dates announced to the client that must hold: ``"previous"`` (every delivery of the
        previous plan after ``now``), ``"none"``, a list of tasks (their previous delivery)
        or ``{task: date}``.
    promises_may_move
        When True the promises are not hard: lateness is counted from them in the objective
        and :attr:`Replan.moved` lists those that move.
    stability
        Price of a change to the previous plan: a :class:`~mission_planner.baseline.Stability`
        or the price of an hour moved (people and dates scaled alike; 0: no change terms).
    improve
        Search even when the previous plan is still valid (by default it is kept).
    progress
        The plan's progress callback (see :func:`~mission_planner.plan`); unrelated to
        ``done``.

    Returns
    -------
    Replan
        The whole new plan, the plan of the work left, what changed and what to tell the
        client.

    Raises
    ------
    ReplanError
        When ``now``, ``done`` or ``promises`` cannot be read, or work is left on a task past
        its latest date.
    """
    chosen = settings_of(settings)
    clock = Clock(chosen.time_limit)
    given = replan_inputs(
        scenario, previous, now, done, policy, promises, promises_may_move=promises_may_move
    )
    moment, history, hours, work, future = (
        given.now,
        given.history,
        given.done,
        given.work,
        given.future,
    )
    rules = given.rules.model_copy(
        update={"baseline": baseline_of(future, Stability.of(stability))}
    )
    problem = compile_problem(work.scenario, rules)
    read = solution_of(problem, future)
    kept = not improve and read is not None and read.exact and verified(problem, read.solution)
    if kept and read is not None:
        left = plan_of(problem, read.solution, settings=chosen)
    else:
        start = _repaired(problem, read, chosen.seed, clock.share(REPAIR_SHARE))
        left = plan(
            work.scenario,
            policy=rules,
            settings=chosen.with_time(clock.left()),
            hint=future if start is None else plan_of(problem, start, settings=chosen),
            progress=progress,
        )
    whole = whole_plan(previous, history, left, moment) if left.has_plan else left
    return Replan(
        plan=whole,
        left=left,
        scenario_left=work.scenario,
        policy=rules,
        history=history,
        done=hours,
        now=moment,
        kept=kept,
        diff=diff(previous, whole) if left.has_plan else None,
        promised=work.promised,
        moved=_moved(left, {**work.missed, **work.promised}) if left.has_plan else _moved_frame([]),
    )


def _repaired(problem: Problem, read: Hint | None, seed: int, seconds: float) -> Solution | None:
    """A valid plan close to the previous one: the decoder on its order, then local search.

    The local search minimises the objective with its change terms, so it keeps what it can of
    the previous plan's times and people. ``None`` when the previous plan cannot be read or no
    plan decodes from its order.
    """
    if read is None:
        return None
    try:
        return improve(
            problem,
            order_of(problem, read.solution),
            seed=seed,
            max_evaluations=REPAIR_EVALUATIONS,
            time_limit=seconds,
            rules=False,
        )
    except ValueError:
        return None


def _moved(left: PlanResult, promised: dict[str, dt.datetime]) -> pd.DataFrame:
    """Promised tasks delivered after their promise."""
    rows = [
        {"task": task, "promised": pd.Timestamp(promised[task]), "delivery": delivery}
        for task, delivery in zip(left.deliveries["task"], left.deliveries["delivery"], strict=True)
        if task in promised and delivery > pd.Timestamp(promised[task])
    ]
    return _moved_frame(rows)


def _moved_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(MOVED_COLUMNS)).astype(MOVED_COLUMNS)


__all__ = ["MOVED_COLUMNS", "Replan", "replan"]
