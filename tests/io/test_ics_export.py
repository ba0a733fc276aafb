"""A plan as an .ics calendar, and the round trip back into commitments."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import icalendar
import pandas as pd

from mission_planner import PlanResult, Scenario
from mission_planner.io import import_calendar, plan_to_ics, read_events, save_ics
from mission_planner.io.ics import block_uid


def vevents(cal: icalendar.Calendar) -> list[icalendar.Event]:
    return list(cal.walk("VEVENT"))


def test_one_event_per_work_block_and_per_delivery(planned: tuple[Scenario, PlanResult]) -> None:
    """Every mission and engagement block is an event, plus one all-day event per tranche."""
    scenario, result = planned
    work = result.schedule[result.schedule["kind"] != "fixed"]
    events = vevents(plan_to_ics(result, scenario))
    timed = [e for e in events if isinstance(e["DTSTART"].dt, dt.datetime)]
    all_day = [e for e in events if not isinstance(e["DTSTART"].dt, dt.datetime)]
    assert len(timed) == len(work) and len(all_day) == len(result.tranches)
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_summaries_name_mission_task_and_person(planned: tuple[Scenario, PlanResult]) -> None:
    """SUMMARY reads 'mission — task — who', with names from the scenario."""
    scenario, result = planned
    summaries = {str(e["SUMMARY"]) for e in vevents(plan_to_ics(result, scenario))}
    assert "Data audit — Kick-off — Claire Martin" in summaries
    assert "Data audit — Data inventory — Hugo Bernard" in summaries
    assert "BNP — bnp — Claire Martin" in summaries
    assert any(s.startswith("Data audit — delivery of tranche 1: kickoff") for s in summaries)


def test_partner_blocks_and_deliveries_are_free(planned: tuple[Scenario, PlanResult]) -> None:
    """The lead's blocks are busy; partners' blocks and deliveries are transparent."""
    scenario, result = planned
    for event in vevents(plan_to_ics(result, scenario)):
        lead_block = str(event["SUMMARY"]).endswith("Claire Martin")
        assert str(event["TRANSP"]) == ("OPAQUE" if lead_block else "TRANSPARENT")


def test_delivery_at_midnight_is_on_the_day_before(planned: tuple[Scenario, PlanResult]) -> None:
    """A tranche delivered at 24:00 shows on that day, not the next one."""
    scenario, result = planned
    tranches = result.tranches.copy()
    tranches.loc[0, "delivery"] = pd.Timestamp("2026-12-08 00:00")
    shifted = PlanResult(**{**result.__dict__, "tranches": tranches})
    (first, *_) = [
        e for e in vevents(plan_to_ics(shifted, scenario)) if "tranche 1" in str(e["SUMMARY"])
    ]
    assert first["DTSTART"].dt == dt.date(2026, 12, 7)


def test_exported_times_carry_the_time_zone(
    planned: tuple[Scenario, PlanResult], tmp_path: Path
) -> None:
    """Times are written with TZID and the matching VTIMEZONE, so other zones read them right."""
    scenario, result = planned
    path = save_ics(result, tmp_path / "plan.ics", scenario, timezone="Europe/Paris")
    text = path.read_text(encoding="utf-8")
    assert "BEGIN:VTIMEZONE" in text and "DTSTART;TZID=Europe/Paris:20261207T090000" in text
    read = read_events(
        [path], start=dt.date(2026, 12, 7), end=dt.date(2026, 12, 7), timezone="Europe/London"
    )
    (kickoff, *_) = [e for e in read if not e.all_day]
    assert (kickoff.start, kickoff.end) == (
        dt.datetime(2026, 12, 7, 8),
        dt.datetime(2026, 12, 7, 12),
    )


def test_round_trip_reads_back_every_block(
    planned: tuple[Scenario, PlanResult], tmp_path: Path
) -> None:
    """Read back, the file gives every work block's person, start and end, and every delivery."""
    scenario, result = planned
    path = save_ics(result, tmp_path / "plan.ics", scenario)
    events = read_events([path], start=scenario.start, end=scenario.end)
    timed = sorted((e.start, e.end, e.summary) for e in events if not e.all_day)
    work = result.schedule[result.schedule["kind"] != "fixed"]
    names = {"claire": "Claire Martin", "hugo": "Hugo Bernard"}
    expected = sorted(
        (r["start"].to_pydatetime(), r["end"].to_pydatetime(), names[r["resource"]])
        for r in work.to_dict("records")
    )
    assert [(s, e) for s, e, _ in timed] == [(s, e) for s, e, _ in expected]
    assert sorted(t.rsplit(" — ", 1)[1] for _, _, t in timed) == sorted(n for _, _, n in expected)
    assert sum(e.all_day for e in events) == len(result.tranches)


def test_round_trip_as_commitments_blocks_exactly_the_leads_work(
    planned: tuple[Scenario, PlanResult], tmp_path: Path
) -> None:
    """Imported back, the plan blocks exactly the lead's planned working time, nothing else."""
    scenario, result = planned
    path = save_ics(result, tmp_path / "plan.ics", scenario)
    found = import_calendar(scenario, [path])
    assert found.scenario.lead.calendar.time_off == scenario.lead.calendar.time_off
    lead = scenario.lead
    work = result.schedule[
        (result.schedule["kind"] != "fixed") & (result.schedule["resource"] == lead.id)
    ]
    planned_minutes: dict[dt.date, set[int]] = defaultdict(set)
    for row in work.to_dict("records"):
        day = row["date"].date()
        start = row["start"].hour * 60 + row["start"].minute
        planned_minutes[day] |= set(range(start, start + round(row["hours"] * 60)))
    blocked: dict[dt.date, set[int]] = defaultdict(set)
    for block in found.fixed_blocks:
        ranges = lead.calendar.ranges_on(block.date)
        if block.time is None:
            blocked[block.date] |= {m for r in ranges for m in range(r.start, r.end)}
        else:
            blocked[block.date] |= set(range(block.time.start, block.time.end))
    assert dict(blocked) == dict(planned_minutes)
    assert {e.summary for e, why in found.skipped if why == "shown as free"} >= {
        "Data audit — Data inventory — Hugo Bernard"
    }


# ---------------------------------------------------------------- updates between re-plans
def with_schedule(result: PlanResult, schedule: pd.DataFrame) -> PlanResult:
    """``result`` with another schedule (tables are otherwise kept)."""
    return PlanResult(**{**result.__dict__, "schedule": schedule.reset_index(drop=True)})


def uids(cal: icalendar.Calendar, status: str | None = None) -> set[str]:
    return {str(e["UID"]) for e in vevents(cal) if status is None or str(e.get("STATUS")) == status}


def test_uids_do_not_depend_on_times(planned: tuple[Scenario, PlanResult]) -> None:
    """A re-plan that moves every block a day later keeps every UID (events get updated)."""
    scenario, result = planned
    moved = result.schedule.copy()
    for column in ("date", "start", "end"):
        moved[column] = moved[column] + pd.Timedelta(days=1)
    later = with_schedule(result, moved)
    before, after = plan_to_ics(result, scenario), plan_to_ics(later, scenario)
    assert uids(before) == uids(after)
    starts = {str(e["UID"]): e["DTSTART"].dt for e in vevents(after)}
    for event in vevents(before):
        if isinstance(event["DTSTART"].dt, dt.datetime):
            assert starts[str(event["UID"])] - event["DTSTART"].dt == dt.timedelta(days=1)


def test_uid_names_the_task_and_the_chunk(planned: tuple[Scenario, PlanResult]) -> None:
    """The UID of a work block is mission.task.chunk.part, chunk and part counted from 1."""
    scenario, result = planned
    found = uids(plan_to_ics(result, scenario))
    assert "data-audit-acme.kickoff.1.1@mission-planner" in found
    assert "data-audit-acme.tranche-1@mission-planner" in found
    assert block_uid(scenario, "kickoff", 1, 1) == "data-audit-acme.kickoff.1.1@mission-planner"


def test_previous_plan_cancels_vanished_chunks(planned: tuple[Scenario, PlanResult]) -> None:
    """Given the previous plan, chunks gone from the new one come back as STATUS:CANCELLED."""
    scenario, result = planned
    schedule = result.schedule
    inventory = schedule[(schedule["task"] == "inventory") & (schedule["kind"] == "mission")]
    last_chunk = int(inventory["chunk"].max())
    gone = (schedule["task"] == "inventory") & (schedule["chunk"] == last_chunk)
    assert gone.any()
    replanned = with_schedule(result, schedule[~gone])
    cal = plan_to_ics(replanned, scenario, previous=result)
    cancelled = uids(cal, "CANCELLED")
    expected = {
        u for u in uids(plan_to_ics(result, scenario)) if f".inventory.{last_chunk + 1}." in u
    }
    assert cancelled == expected and cancelled
    assert uids(cal, "CONFIRMED") == uids(plan_to_ics(replanned, scenario))
    for event in vevents(cal):
        if str(event["STATUS"]) == "CANCELLED":
            assert str(event["TRANSP"]) == "TRANSPARENT"


def test_previous_identical_plan_cancels_nothing(planned: tuple[Scenario, PlanResult]) -> None:
    """Re-exporting the same plan with itself as previous cancels no event."""
    scenario, result = planned
    assert uids(plan_to_ics(result, scenario, previous=result), "CANCELLED") == set()


def test_lead_only_export_has_no_partner_event(planned: tuple[Scenario, PlanResult]) -> None:
    """only_lead=True drops every partner block and keeps all of the lead's and the deliveries."""
    scenario, result = planned
    assert (result.schedule["resource"] == "hugo").any()
    events = vevents(plan_to_ics(result, scenario, only_lead=True))
    assert not any("Hugo Bernard" in str(e["SUMMARY"]).rsplit(" — ", 1)[-1] for e in events)
    lead_work = result.schedule[
        (result.schedule["kind"] != "fixed") & (result.schedule["resource"] == "claire")
    ]
    timed = [e for e in events if isinstance(e["DTSTART"].dt, dt.datetime)]
    assert len(timed) == len(lead_work)
    assert sum(not isinstance(e["DTSTART"].dt, dt.datetime) for e in events) == len(result.tranches)


def test_descriptions_show_the_day_asked(planned: tuple[Scenario, PlanResult]) -> None:
    """A task due Wed 9 Dec reads 'Wednesday, 9 December 2026' in the .ics, never the 10th."""
    scenario, result = planned
    texts = [str(e["DESCRIPTION"]) for e in vevents(plan_to_ics(result, scenario))]
    inventory = [t for t in texts if t.startswith("Task inventory ")]
    assert inventory and all("Asked for Wednesday, 9 December 2026." in t for t in inventory)
    assert not any("10 December" in t or "2026-12-10" in t for t in inventory)
    first_tranche = result.tranches.iloc[0]
    dues = {"kickoff": "Monday, 7", "inventory": "Wednesday, 9", "report": "Friday, 11"}
    order = ["kickoff", "inventory", "report"]
    earliest = min(str(first_tranche["tasks"]).split(","), key=order.index)
    delivery = [t for t in texts if t.startswith("Tranche 1 ")]
    assert delivery and f"Asked for {dues[earliest]} December 2026." in delivery[0]


def test_every_task_block_shows_its_due_day(planned: tuple[Scenario, PlanResult]) -> None:
    """Each mission block's description gives its task's due date as the scenario states it."""
    scenario, result = planned
    texts = [str(e["DESCRIPTION"]) for e in vevents(plan_to_ics(result, scenario))]
    for task in scenario.mission.tasks:
        mine = [t for t in texts if t.startswith(f"Task {task.id} ")]
        assert mine, task.id
        day = f"{task.due:%A}, {task.due.day} {task.due:%B %Y}"
        assert all(f"Asked for {day}." in t for t in mine)


def test_french_calendar(planned: tuple[Scenario, PlanResult]) -> None:
    """language='fr' writes French titles and descriptions with the days in French words."""
    scenario, result = planned
    cal = plan_to_ics(result, scenario, language="fr")
    summaries = {str(e["SUMMARY"]) for e in vevents(cal)}
    texts = [str(e["DESCRIPTION"]) for e in vevents(cal)]
    assert any(s.startswith("Data audit — livraison de la tranche 1 : kickoff") for s in summaries)
    assert any("lancement avec Hugo Bernard" in s for s in summaries)
    inventory = [t for t in texts if t.startswith("Tâche inventory (Data inventory), séance ")]
    assert inventory
    assert all("Date demandée : mercredi 9 décembre 2026." in t for t in inventory)
    assert str(cal["X-WR-CALNAME"]) == "Plan — Data audit (ACME)"


def test_cancelled_events_are_not_read_back_as_commitments(
    planned: tuple[Scenario, PlanResult], tmp_path: Path
) -> None:
    """Imported back, the events an export cancels block nothing: they are skipped as cancelled."""
    scenario, result = planned
    schedule = result.schedule
    lead_work = schedule[(schedule["resource"] == "claire") & (schedule["kind"] == "mission")]
    task, chunk = lead_work.iloc[-1][["task", "chunk"]]
    gone = (schedule["task"] == task) & (schedule["chunk"] == chunk)
    replanned = with_schedule(result, schedule[~gone])
    path = save_ics(replanned, tmp_path / "plan.ics", scenario, previous=result)
    found = import_calendar(scenario, [path])
    cancelled = [e for e, why in found.skipped if why == "cancelled"]
    assert len(cancelled) == int(gone.sum())
    assert all(e.start < e.end for e in cancelled)
