"""Splitting a long list of events into pages by period (issue 14): a year per page, or a
month per page when a year is crowded.

The rule is local and stable: a year with at most PERIOD_LIMIT events is one page
(`2025`); a busier year becomes a hub page (`2025`, holding the events known only to the
year and a list of its months) and one page per month that has events (`2025-03`).
Whether a year is split depends on that year's events alone, so adding an event never
moves or renumbers a page of another year; the ids are calendar names, never counters.

An event belongs to the period its (start) date falls in. Events are in timeline order,
which is also first-day order, so every period is a contiguous run of the list.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from site_builder.content.model import Event

# A year with more events than this is split into months. At about 1 KB of HTML per event
# in a list (and 0.3 KB per mark on a strip) a page of PERIOD_LIMIT events stays far under
# 500 KB; a month is not split further, so a single month needs about 400 events to pass it.
PERIOD_LIMIT = 300
# A whole list this short stays on one page (the timeline, an actor's or a place's events).
ONE_PAGE_LIMIT = 200


@dataclass
class Period:
    id: str  # "2025" or "2025-03": calendar names, stable across builds
    label: str  # "2025" or "March 2025"
    level: str  # "year" or "month"
    start: date
    end: date  # first day after the period
    events: list[Event]  # every event of the period (for a split year, all of its months too)
    months: list[Period] = field(default_factory=list)  # a split year's month pages

    @property
    def split(self) -> bool:
        return bool(self.months)

    @property
    def own_events(self) -> list[Event]:
        """The events listed on this period's own page: for a split year, those known only
        to the year (a month page lists the rest)."""
        if not self.split:
            return self.events
        return [e for e in self.events if e.date.month is None]


def split(events: list[Event], limit: int = PERIOD_LIMIT) -> list[Period]:
    """Years in order, each holding its month pages when it has more than `limit` events."""
    years = []
    for year, in_year in groupby(events, key=lambda e: e.date.year):
        in_year = list(in_year)
        period = Period(
            f"{year:04d}", str(year), "year", date(year, 1, 1), date(year + 1, 1, 1), in_year
        )
        if len(in_year) > limit:
            for month, in_month in groupby(
                (e for e in in_year if e.date.month is not None), key=lambda e: e.date.month
            ):
                period.months.append(
                    Period(
                        f"{year:04d}-{month:02d}",
                        f"{calendar.month_name[month]} {year}",
                        "month",
                        date(year, month, 1),
                        date(year + (month == 12), month % 12 + 1, 1),
                        list(in_month),
                    )
                )
        years.append(period)
    return years


def pages(years: list[Period]) -> list[Period]:
    """Every period with a page of its own, in reading order: a split year's hub first,
    then its months."""
    return [p for year in years for p in (year, *year.months)]


def find(years: list[Period], event: Event) -> Period:
    """The page that lists an event."""
    year = next(y for y in years if y.start.year == event.date.year)
    if year.split and event.date.month is not None:
        return next(m for m in year.months if m.start.month == event.date.month)
    return year


def link(period: Period, url: str) -> dict:
    """A period as pagers and period indexes show it: 'March 2025', or 'March' in its year."""
    short = calendar.month_name[period.start.month] if period.level == "month" else period.label
    return {
        "id": period.id,
        "label": period.label,
        "short": short,
        "url": url,
        "count": len(period.events),
    }
