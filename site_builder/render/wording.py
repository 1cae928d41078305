"""How dates and lists of names read on a page: '6 December 2025', '4–6 December', 'A and B'."""

from __future__ import annotations

import calendar
from datetime import date

from site_builder.content.model import PartialDate


def date_view(start: PartialDate, end: PartialDate | None) -> dict:
    """Everything a template needs to show an event's time at its true precision."""
    label = start.human()
    if end and end.iso() != start.iso():
        label = span_label(start, end)
    return {
        "iso": start.iso(),
        "end_iso": end.iso() if end else "",
        "label": label,
        "precision": start.precision,
        "datetime": start.iso() if start.precision != "minute" else start.iso(),
    }


def span_label(start: PartialDate, end: PartialDate) -> str:
    if (
        start.precision == end.precision == "day"
        and start.year == end.year
        and start.month == end.month
    ):
        return f"{start.day}–{end.day} {calendar.month_name[start.month]} {start.year}"
    return f"{start.human()} – {end.human()}"


def day_label(when: PartialDate) -> str:
    if when.precision == "year":
        return f"During {when.year}"
    if when.precision == "month":
        return f"During {calendar.month_name[when.month]}"
    weekday = calendar.day_name[when.first_day().weekday()]
    return f"{weekday} {when.day} {calendar.month_name[when.month]}"


def long_date(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
