"""The overview page (/): summary, latest and upcoming events, key actors and places."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from site_builder.content.model import Event
from site_builder.diagnostics import Problems
from site_builder.render import density, periods, timescale
from site_builder.render.kinds.locations import location_list, places_map
from site_builder.render.kinds.timeline import density_strip, time_strip
from site_builder.render.markup import render_markdown
from site_builder.render.page import PlannedPage
from site_builder.render.refs import Refs

SPARK_WIDTH = 120  # width of the activity sparklines on the overview, in CSS px
SPARK_BINS = 40  # bars in a sparkline of a long story (one tick per event in a short one)


def plan(refs: Refs, data, problems: Problems) -> Iterator[PlannedPage]:
    yield PlannedPage(
        refs.urls.url("home"),
        "index.html",
        refs.library.config.title,
        lambda: {"overview": overview(refs)},
        "home",
    )


def overview(refs: Refs, latest_count: int = 6) -> dict:
    """The briefing at a glance (issue 7): summary, latest, next, who, when and where."""
    library = refs.library
    events = library.events
    past = [e for e in events if not library.is_upcoming(e)]
    upcoming = [e for e in events if library.is_upcoming(e)]
    actors = sorted(
        library.actors.values(),
        key=lambda a: (-len(library.events_by_actor[a.id]), a.name),
    )
    scale = timescale.make_scale(events, library.as_of)
    upcoming_ids = {e.id for e in upcoming}
    # A long story is drawn as counts per period (issue 14), so the page keeps its size.
    binned = len(events) > periods.ONE_PAGE_LIMIT
    bins = density.story_bins(events, library.as_of, SPARK_BINS) if binned else None

    def sparkline(evs: list[Event]) -> list[dict]:
        if scale is None:
            return []
        if bins is not None:
            return density.binned_activity(evs, bins, SPARK_WIDTH)
        return timescale.activity(evs, scale, SPARK_WIDTH, upcoming_ids)

    spark_as_of = None
    if bins is not None and library.as_of:
        spark_as_of = round(bins.fraction(library.as_of + timedelta(days=1)) * SPARK_WIDTH, 1)
    elif scale and library.as_of:
        spark_as_of = round(scale.x(library.as_of, 1.0) * SPARK_WIDTH / timescale.WIDTH, 1)

    intro = library.pages.get("index")
    return {
        "summary_html": render_markdown(intro.body) if intro else "",
        "title": intro.title if intro else library.config.title,
        "latest": [refs.event_summary(e) for e in reversed(past[-latest_count:])],
        # The soonest few: a briefing that schedules hundreds keeps the rest on the timeline.
        "upcoming": [refs.event_summary(e) for e in upcoming[:latest_count]],
        "upcoming_more": max(0, len(upcoming) - latest_count),
        "key_actors": [
            dict(
                refs.actor_ref(a.id),
                role=a.role,
                count=len(library.events_by_actor[a.id]),
                activity=sparkline(library.events_by_actor[a.id]),
            )
            for a in actors[:8]
            if library.events_by_actor[a.id]
        ],
        "key_places": [
            dict(place, activity=sparkline(library.events_by_location[place["id"]]))
            for place in location_list(refs)[:6]
            if place["count"]
        ],
        "spark": {
            "width": SPARK_WIDTH,
            "as_of": spark_as_of,
            "note": f"Each line shows how many events they appear in per {bins.unit}."
            if bins is not None
            else "Each line shows when they appear, on the timeline’s scale.",
        },
        "strip": None if binned else time_strip(refs),
        "density": density_strip(refs, events) if binned else None,
        "map": places_map(refs),
        "counts": {
            "events": len(events),
            "actors": len(library.actors),
            "locations": len(library.locations),
            "sources": len(library.seeds),
        },
    }
