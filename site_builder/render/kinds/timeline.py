"""The timeline: events by month and day, the time strip, the filters (issue 7).

A short timeline is one page (/timeline/). A longer one (issue 14) is split by period
(periods.py): /timeline/ becomes an overview of constant size — a density strip of the
whole story and the list of periods with their counts — and each year or month has its
own page with the full list and a strip of that period. Filters work across periods with
small data files that timeline.js fetches on demand (exports.timeline_data_makers).
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import groupby

from site_builder.content.model import Event
from site_builder.diagnostics import Problems
from site_builder.render import density, periods, timescale
from site_builder.render.page import PlannedPage
from site_builder.render.refs import Refs
from site_builder.render.wording import date_view, day_label, long_date

QUIET_DAYS = 3  # a stretch this long without events is called out in the timeline list


def plan(refs: Refs, data, problems: Problems) -> Iterator[PlannedPage]:
    years = refs.timeline_years()
    if years is None:
        yield PlannedPage(
            refs.urls.url("timeline"),
            "timeline.html",
            "Timeline",
            lambda: {
                "months": timeline(refs),
                "count": len(refs.library.events),
                "strip": time_strip(refs),
                "filters": timeline_filters(refs),
                "split": None,
            },
            "timeline",
        )
        return
    yield PlannedPage(
        refs.urls.url("timeline"),
        "timeline.html",
        "Timeline",
        lambda: {
            "months": [],
            "count": len(refs.library.events),
            "strip": None,
            "filters": None,
            "split": timeline_overview(refs, years),
        },
        "timeline",
    )
    for period in periods.pages(years):
        yield PlannedPage(
            refs.urls.url("timeline_period", period.id),
            "timeline_period.html",
            f"Timeline: {period.label}",
            lambda period=period: timeline_period(refs, years, period),
            "timeline",
        )


def timeline_overview(refs: Refs, years: list[periods.Period]) -> dict:
    """/timeline/ of a split timeline: its size depends on the number of periods only."""
    events = refs.library.events
    return {
        "density": density_strip(refs, events),
        "index": period_index(refs, years),
        "data": filter_data_urls(refs),
    }


def timeline_period(refs: Refs, years: list[periods.Period], period: periods.Period) -> dict:
    """One year or month of a split timeline."""
    sequence = periods.pages(years)
    at = sequence.index(period)
    own = period.own_events
    parent = next((y for y in years if period in y.months), None)
    view = {
        "period": {
            "id": period.id,
            "label": period.label,
            "level": period.level,
            "count": len(period.events),
            "own_count": len(own),
            "split": period.split,
            "parent": _period_link(refs, parent) if parent else None,
            "prev": _period_link(refs, sequence[at - 1]) if at > 0 else None,
            "next": _period_link(refs, sequence[at + 1]) if at + 1 < len(sequence) else None,
        },
        "months": timeline(refs, own),
        "strip": None,
        "density": None,
        "index": period_index(refs, years, current=period.id),
        "data": filter_data_urls(refs),
        "overview_url": refs.urls.url("timeline"),
    }
    if period.split:  # a busy year: its weeks at a glance, then its months
        view["density"] = density_strip(refs, period.events, (period.start, period.end))
    elif own:
        view["strip"] = time_strip(refs, own, (period.start, period.end))
    return view


def _period_link(refs: Refs, period: periods.Period) -> dict:
    return periods.link(period, refs.urls.url("timeline_period", period.id))


def period_index(refs: Refs, years: list[periods.Period], current: str = "") -> list[dict]:
    """Years (and the months of split years) with counts and their range of positions in
    the timeline, which timeline.js uses to count the events a filter matches."""

    def entry(period: periods.Period) -> dict:
        first = refs.position[period.events[0].id]
        return dict(
            _period_link(refs, period),
            current=period.id == current,
            start=first,
            end=first + len(period.events),
        )

    return [dict(entry(y), months=[entry(m) for m in y.months]) for y in years]


def filter_data_urls(refs: Refs) -> dict:
    """Where timeline.js finds the filter choices and the events of each choice."""
    return {
        "choices": refs.urls.url("timeline_data", "filters.json"),
        "base": refs.urls.url("timeline_data", ""),
    }


def density_strip(
    refs: Refs, events: list[Event], bounds: tuple[date, date] | None = None
) -> dict | None:
    """Counts per calendar bin (a fixed number of them); the axis links to the periods."""
    if not events:
        return None
    library = refs.library
    upcoming = {e.id for e in events if library.is_upcoming(e)}
    if bounds is None:
        bins = density.story_bins(events, library.as_of)
    else:
        bins = density.make_bins(bounds[0], bounds[1] - timedelta(days=1))
    strip = density.strip(
        events, [refs.position[e.id] for e in events], bins, library.as_of, upcoming
    )
    years = refs.timeline_years()
    pages = {p.id: p for p in periods.pages(years)} if years else {}
    for label in strip["labels"]:
        key = label["key"]
        label["url"] = ""
        if key in pages:
            label["url"] = refs.urls.url("timeline_period", key)
        elif key[:4] in pages:  # a month of a year that is one page
            label["url"] = refs.urls.url("timeline_period", key[:4]) + f"#m-{key}"
    noun = bins.unit
    for bar in strip["bars"]:
        start = bar.pop("start")
        bar["title"] = f"{_bin_label(start, bins.unit)}: {bar['count']} " + (
            "event" if bar["count"] == 1 else "events"
        )
    strip["summary"] = _density_summary(events, bins, strip, upcoming, noun)
    return strip


def _bin_label(start: date, unit: str) -> str:
    if unit == "day":
        return long_date(start)
    if unit == "week":
        return f"Week of {long_date(start)}"
    if unit == "month":
        return f"{calendar.month_name[start.month]} {start.year}"
    if unit == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    return str(start.year)


def _density_summary(
    events: list[Event], bins: density.Bins, strip: dict, upcoming: set[str], noun: str
) -> str:
    first, last = events[0], events[-1]
    text = (
        f"{len(events)} {'event' if len(events) == 1 else 'events'} from "
        f"{first.date.human()} to {last.date.human()}, counted by the {noun} they start in"
    )
    if upcoming:
        text += f"; {len(upcoming)} of them scheduled"
    busiest = max(strip["bars"], key=lambda b: b["count"])
    index = strip["bars"].index(busiest)
    label = _bin_label(bins.starts[index], bins.unit)
    if bins.unit == "week":
        label = "the w" + label[1:]
    text += f". Busiest {noun}: {label} ({busiest['count']} "
    text += ("event" if busiest["count"] == 1 else "events") + ")"
    empty = sum(1 for b in strip["bars"] if not b["count"])
    if empty:
        text += f"; {empty} of {len(strip['bars'])} {noun}s without events"
    return text + "."


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


def time_strip(
    refs: Refs, events: list[Event] | None = None, bounds: tuple[date, date] | None = None
) -> dict | None:
    """The timeline on a true time scale, with a text equivalent (issue 7); `bounds` makes
    it the strip of one period."""
    events = refs.library.events if events is None else events
    upcoming = {e.id for e in events if refs.library.is_upcoming(e)}
    strip = timescale.layout(events, refs.library.as_of, upcoming, bounds)
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
