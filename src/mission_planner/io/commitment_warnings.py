"""Commitments the plan would not see as written: fixed blocks on days off or after hours.

A fixed block takes the lead's *working* time only. One that falls on a public holiday, on
time off, on a day without working hours, or partly outside the working ranges of its day
takes less (or nothing) of the plan, which is right, but the user meant something by it:
:func:`commitment_warnings` names each one, so nothing vanishes silently. An occurrence of a
recurring block on a day off says how to skip it (its series' ``except`` list).
"""

from __future__ import annotations

import datetime as dt

from mission_planner.scenario import FixedBlock, Scenario


def commitment_warnings(scenario: Scenario) -> list[str]:
    """One sentence per fixed block that takes less working time than it says.

    Returns
    -------
    list of str
        ``"fixed block 'x' (title) on 2026-12-25 falls on a public holiday (Noël): it takes
        none of the lead's time"``, in date order.
    """
    calendar = scenario.lead.calendar
    holidays = calendar.public_holidays(scenario.start, scenario.end)
    off: dict[dt.date, str] = {}
    for period in calendar.time_off:
        day = max(period.start, scenario.start)
        while day <= min(period.end, scenario.end):
            off.setdefault(day, period.reason or "time off")
            day += dt.timedelta(days=1)
    found: list[str] = []
    for block in sorted(scenario.fixed_blocks, key=lambda b: (b.date, b.id)):
        name = _name(block)
        ranges = calendar.ranges_on(block.date)
        if block.date in holidays:
            found.append(
                f"{name} on {block.date} falls on a public holiday ({holidays[block.date]}): "
                f"it takes none of the lead's time{_skip_hint(block)}"
            )
        elif block.date in off:
            found.append(
                f"{name} on {block.date} falls on the lead's time off ({off[block.date]}): "
                f"it takes none of the lead's time{_skip_hint(block)}"
            )
        elif not ranges:
            found.append(
                f"{name} on {block.date} falls on a {block.date:%A}, not a working day: "
                f"it takes none of the lead's time{_skip_hint(block)}"
            )
        elif block.time is not None:
            inside = sum(
                max(0, min(r.end, block.time.end) - max(r.start, block.time.start)) for r in ranges
            )
            if inside < block.time.minutes:
                outside = (block.time.minutes - inside) / 60
                found.append(
                    f"{name} on {block.date} at {block.time} is {outside:g} h outside the "
                    f"lead's working hours ({', '.join(str(r) for r in ranges)}): only "
                    f"{inside / 60:g} h of it takes working time"
                )
    return found


def _skip_hint(block: FixedBlock) -> str:
    """For an occurrence of a recurring block: how to say it does not take place."""
    if block.series is None:
        return ""
    return f" (if it does not take place, add {block.date} to the except list of {block.series!r})"


def _name(block: FixedBlock) -> str:
    title = f" ({block.title})" if block.title else ""
    return f"fixed block {block.id!r}{title}"


__all__ = ["commitment_warnings"]
