"""The timeline page (/timeline/): events by month and day, the time strip, the filters."""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterator
from datetime import date
from itertools import groupby

from site_builder.content.model import Event
from site_builder.diagnostics import Problems
from site_builder.render import timescale
from site_builder.render.page import PlannedPage
from site_builder.render.refs import Refs
from site_builder.render.wording import date_view, day_label, long_date

QUIET_DAYS = 3  # a stretch this long without events is called out in the timeline list


def plan(refs: Refs, data, problems: Problems) -> Iterator[PlannedPage]:
    yield PlannedPage(
        refs.urls.url("timeline"),
        "timeline.html",
        "Timeline",
        lambda: {
            "months": timeline(refs),
            "count": len(refs.library.events),
            "strip": time_strip(refs),
            "filters": timeline_filters(refs),
        },
        "timeline",
    )


def timeline(refs: Refs, events: list[Event] | None = None) -> list[dict]:
    """Events grouped by month, then by day; coarser dates lead their month.

    A day that follows a quiet stretch carries `gap_before` (days without a dated
    event), so the list tells what the time-scale strip shows (issue 7).
    """
    groups = []
    events = refs.library.events if events is None else events
    last_dated: date | None = None
    for (year, month), in_month in groupby(events, key=lambda e: (e.date.year, e.date.month)):
        in_month = list(in_month)
        label = f"{calendar.month_name[month]} {year}" if month else str(year)
        days = []
        for _, on_day in groupby(in_month, key=lambda e: (e.date.day, e.date.precision)):
            on_day = list(on_day)
            first = on_day[0].date
            gap = 0
            if first.precision in ("day", "minute"):
                if last_dated is not None:
                    gap = (first.first_day() - last_dated).days - 1
                ends = [(e.end or e.date).last_day() for e in on_day]
                last_dated = max([*ends, last_dated] if last_dated else ends)
            days.append(
                {
                    "label": day_label(first),
                    "iso": first.iso()[:10],
                    "gap_before": gap if gap >= QUIET_DAYS else 0,
                    "events": [refs.event_summary(e) for e in on_day],
                }
            )
        groups.append({"label": label, "id": f"m-{year}-{month or 0:02d}", "days": days})
    return groups


def time_strip(refs: Refs, events: list[Event] | None = None) -> dict | None:
    """The timeline on a true time scale, with a text equivalent (issue 7)."""
    events = refs.library.events if events is None else events
    upcoming = {e.id for e in events if refs.library.is_upcoming(e)}
    strip = timescale.layout(events, refs.library.as_of, upcoming)
    if strip is None:
        return None
    by_id = {e.id: e for e in events}
    for mark in strip["marks"]:
        refs.checkpoint()
        event = by_id[mark["id"]]
        mark["url"] = refs.urls.url("event", event.id)
        mark["title"] = _mark_title(event, event.id in upcoming)
    strip["summary"] = _strip_summary(events, upcoming)
    return strip


def timeline_filters(refs: Refs) -> dict:
    """Choices for the actor, place and kind filters: only values some event uses."""
    events = refs.library.events
    actor_counts = Counter(a for e in events for a in e.actors)
    location_counts = Counter(loc for e in events for loc in e.locations)
    kind_counts = Counter(e.kind for e in events)
    return {
        "actors": sorted(
            (dict(refs.actor_ref(a), count=n) for a, n in actor_counts.items()),
            key=lambda r: r["name"].casefold(),
        ),
        "locations": sorted(
            (dict(refs.location_ref(loc), count=n) for loc, n in location_counts.items()),
            key=lambda r: r["name"].casefold(),
        ),
        "kinds": [{"id": k, "name": k, "count": n} for k, n in sorted(kind_counts.items())],
    }


def _mark_title(event: Event, upcoming: bool) -> str:
    """Hover text of a mark on the time strip: date, title and how sure the date is."""
    notes = []
    if event.date.precision in ("month", "year"):
        notes.append(f"{event.date.precision} only")
    if event.approximate:
        notes.append("approximate date")
    if upcoming:
        notes.append("scheduled")
    label = date_view(event.date, event.end)["label"]
    return f"{label}: {event.title}" + (f" ({', '.join(notes)})" if notes else "")


def _strip_summary(events: list[Event], upcoming: set[str]) -> str:
    """The strip in words: range, busiest day and longest quiet stretch."""
    first, last = events[0], max(events, key=lambda e: (e.end or e.date).last_day())
    end = last.end or last.date
    text = (
        f"{len(events)} {'event' if len(events) == 1 else 'events'} "
        f"from {first.date.human()} to {end.human()}"
    )
    if upcoming:
        text += f", {len(upcoming)} of them scheduled"
    days = Counter(e.date.first_day() for e in events if e.date.precision in ("day", "minute"))
    if days:
        busiest, count = sorted(days.items(), key=lambda item: (-item[1], item[0]))[0]
        if count > 1:
            text += f". Busiest day: {long_date(busiest)}, {count} events"
    quiet = _longest_quiet(_covered_days(events))
    if quiet:
        start, length = quiet
        text += f". Longest stretch without a dated event: {length} days from {long_date(start)}"
    return text + "."


def _covered_days(events: list[Event]) -> list[date]:
    """Every day some day-precision event (or span) falls on, in order."""
    covered = set()
    for event in events:
        if event.date.precision not in ("day", "minute"):
            continue
        first, last = event.date.first_day(), (event.end or event.date).last_day()
        covered.update(date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1))
    return sorted(covered)


def _longest_quiet(days: list[date]) -> tuple[date, int] | None:
    best = None
    for before, after in zip(days, days[1:], strict=False):
        length = (after - before).days - 1
        if length >= QUIET_DAYS and (best is None or length > best[1]):
            best = (date.fromordinal(before.toordinal() + 1), length)
    return best
