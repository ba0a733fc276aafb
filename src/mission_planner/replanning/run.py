"""``replan``: plan the work left at ``now``, keeping history and promises, changing little."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mission_planner.baseline import Stability
from mission_planner.explore.diff import PlanDiff, diff
from mission_planner.plan_hint import solution_of, verified
from mission_planner.planner import plan, plan_of
from mission_planner.policy import Policy
from mission_planner.problem import FOLLOW_UP, KICKOFF, compile_problem
from mission_planner.progress import ProgressCallback
from mission_planner.replanning.history import Done, WorkDone, cut, instant, work_done
from mission_planner.replanning.remaining import Promises, promise_policy, work_left
from mission_planner.replanning.tables import baseline_of, future_part, whole_plan
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.settings import SolveSettings, settings_of

MOVED_COLUMNS = {"task": "string", "promised": "datetime64[ns]", "delivery": "datetime64[ns]"}
"""Columns of :attr:`Replan.moved`: promised dates that the re-plan does not hold."""
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
        The previous plan's schedule rows before ``now``.
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
        Promised dates the new plan does not hold (only when promises may move), with the
        new delivery (columns :data:`MOVED_COLUMNS`).
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
    moment = instant(now)
    if not isinstance(previous, PlanResult):
        raise ValueError(f"replan: previous is a {type(previous).__name__}, not a PlanResult")
    if not previous.has_plan:
        raise ValueError(f"replan: previous.status={previous.status.value!r} holds no plan")
    history = cut(previous.schedule, moment)
    hours = work_done(scenario, history, done)
    work = work_left(scenario, previous, moment, hours, promises)
    future = future_part(previous, moment, {t.id for t in work.scenario.mission.tasks})
    weights = Stability.of(stability)
    rules = promise_policy(work, policy, promises_may_move)
    kicked_off = _kicked_off(history, {p.id for p in scenario.partners})
    rules = rules.model_copy(
        update={
            "baseline": baseline_of(future, weights),
            "kicked_off": kicked_off,
            "coordinated_before": _coordinated_before(history, scenario.lead.id),
            **_partner_cap(scenario, rules, history),
        }
    )
    problem = compile_problem(work.scenario, rules)
    read = solution_of(problem, future)
    kept = not improve and read is not None and read.exact and verified(problem, read.solution)
    if kept and read is not None:
        left = plan_of(problem, read.solution, settings=chosen)
    else:
        left = plan(work.scenario, policy=rules, settings=chosen, hint=future, progress=progress)
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
        moved=_moved(left, work.promised) if left.has_plan else _moved_frame([]),
    )


def _kicked_off(history: pd.DataFrame, partners: set[str]) -> tuple[str, ...]:
    """Partners whose kick-off with the lead is in the history."""
    rows = history[history["kind"] == "coordination"]["task"].astype(str)
    return tuple(sorted({t.partition(":")[2] for t in rows if t.startswith(KICKOFF)} & partners))


def _coordinated_before(history: pd.DataFrame, lead: str) -> dict[str, tuple[float, float]]:
    """Per partner with mission work before now: hours delegated and hours of follow-up."""
    work = history[(history["kind"] == "mission") & (history["resource"] != lead)]
    delegated = work.groupby("resource")["hours"].sum()
    done: dict[str, float] = {}
    for row in history[history["kind"] == "coordination"].to_dict("records"):
        role, _, partner = str(row["task"]).partition(":")
        if role == FOLLOW_UP:
            done[partner] = done.get(partner, 0.0) + float(row["hours"])
    return {str(p): (float(h), float(done.get(str(p), 0.0))) for p, h in delegated.items() if h > 0}


def _partner_cap(scenario: Scenario, rules: Policy, history: pd.DataFrame) -> dict[str, Any]:
    """The roster left when the partners of the history already reach ``max_partners``.

    Those partners may go on working; no other may start. Below the cap the work left may
    take up to the cap again (the whole plan may then count more partners than the cap).
    """
    cap = rules.partners_cap_for(scenario)
    lead = scenario.lead.id
    worked = history[(history["kind"] == "mission") & (history["resource"] != lead)]
    partners = sorted(set(worked["resource"].astype(str)))
    if cap is None or len(partners) < cap:
        return {}
    allowed = tuple(p for p in partners if rules.allows(scenario, p))
    return {"roster": allowed}


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
