"""A busy actor's or place's events, split by period (issue 14).

An actor or place with at most periods.ONE_PAGE_LIMIT events lists them all on its page,
as before. A busier one lists its latest RECENT events and a year-by-year index (months
for busy years) linking to pages of their own: /actors/<id>/2025/, /actors/<id>/2025-03/,
split by the same stable rule as the timeline (periods.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.content.model import Event
from site_builder.render import periods
from site_builder.render.page import PlannedPage
from site_builder.render.refs import Refs

RECENT = 20  # latest events shown on a busy actor's or place's own page


def is_busy(events: list[Event]) -> bool:
    return len(events) > periods.ONE_PAGE_LIMIT


def summary(refs: Refs, events: list[Event], url_kind: str, record_id: str) -> dict:
    """What the record's own page shows of its events: all, or the latest and an index."""
    if not is_busy(events):
        return {
            "events": [refs.event_summary(e) for e in events],
            "event_count": len(events),
            "event_periods": None,
        }
    years = periods.split(events)
    return {
        "events": [refs.event_summary(e) for e in events[-RECENT:]],
        "event_count": len(events),
        "event_periods": [
            dict(
                _link(refs, y, url_kind, record_id),
                months=[_link(refs, m, url_kind, record_id) for m in y.months],
            )
            for y in years
        ],
    }


def plan(
    refs: Refs,
    events: list[Event],
    url_kind: str,
    record_id: str,
    name: str,
    owner: dict,
    template: str,
    kind: str,
) -> Iterator[PlannedPage]:
    """The period pages of a busy record (none for one with few events)."""
    if not is_busy(events):
        return
    years = periods.split(events)
    sequence = periods.pages(years)
    for at, period in enumerate(sequence):
        yield PlannedPage(
            refs.urls.url(url_kind, f"{record_id}/{period.id}"),
            template,
            f"{name}: {period.label}",
            lambda at=at, period=period: _context(
                refs, years, sequence, at, period, url_kind, record_id, owner
            ),
            kind,
        )


def _context(refs, years, sequence, at, period, url_kind, record_id, owner) -> dict:
    parent = next((y for y in years if period in y.months), None)
    return {
        "owner": owner,
        "period": dict(
            _link(refs, period, url_kind, record_id),
            level=period.level,
            split=period.split,
            parent=_link(refs, parent, url_kind, record_id) if parent else None,
            prev=_link(refs, sequence[at - 1], url_kind, record_id) if at > 0 else None,
            next=_link(refs, sequence[at + 1], url_kind, record_id)
            if at + 1 < len(sequence)
            else None,
            months=[_link(refs, m, url_kind, record_id) for m in period.months],
            events=[refs.event_summary(e) for e in period.own_events],
        ),
    }


def _link(refs: Refs, period: periods.Period, url_kind: str, record_id: str) -> dict:
    return periods.link(period, refs.urls.url(url_kind, f"{record_id}/{period.id}"))
