"""Plan the site: which page is rendered from which template with which context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from site_builder.diagnostics import Problems
from site_builder.library import Library
from site_builder.markup import render_markdown
from site_builder.structured import StructuredData
from site_builder.urls import Urls
from site_builder.views import Views

RESERVED_PAGE_IDS = {
    "index",
    "timeline",
    "events",
    "actors",
    "locations",
    "sources",
    "static",
    "search",
}


@dataclass(eq=False)  # not frozen: a frozen dataclass is slow to make, and there are 10,000s
class PlannedPage:
    url: str
    template: str
    title: str
    make_context: Callable[[], dict]
    kind: str

    @cached_property
    def context(self) -> dict:
        """Built on first use, so the dev server computes only the pages it renders (issue 4)."""
        return self.make_context()


def plan_pages(library: Library, urls: Urls, views: Views, problems: Problems) -> list[PlannedPage]:
    data = StructuredData(library, urls)
    pages = [
        PlannedPage(
            urls.url("home"),
            "index.html",
            library.config.title,
            lambda: {"overview": views.overview()},
            "home",
        ),
        PlannedPage(
            urls.url("timeline"),
            "timeline.html",
            "Timeline",
            lambda: {
                "months": views.timeline(),
                "count": len(library.events),
                "strip": views.time_strip(),
                "filters": views.timeline_filters(),
            },
            "timeline",
        ),
        PlannedPage(
            urls.url("actors"),
            "actors.html",
            "Actors",
            lambda: {"groups": views.actor_groups(), "network": views.actor_network()},
            "actors",
        ),
        PlannedPage(
            urls.url("locations"),
            "locations.html",
            "Locations",
            lambda: {"locations": views.location_list(), "map": views.places_map()},
            "locations",
        ),
        PlannedPage(
            urls.url("search"),
            "search.html",
            "Search",
            lambda: {"index_url": urls.url("search_index")},
            "search",
        ),
        PlannedPage(urls.url("file", "404.html"), "404.html", "Page not found", dict, "404"),
    ]
    for event in library.events:
        pages.append(
            PlannedPage(
                urls.url("event", event.id),
                "event.html",
                event.title,
                lambda event=event: {
                    "event": views.event_detail(event),
                    "jsonld": data.event(event),
                },
                "event",
            )
        )
    for actor in library.actors.values():
        pages.append(
            PlannedPage(
                urls.url("actor", actor.id),
                "actor.html",
                actor.name,
                lambda actor=actor: {
                    "actor": views.actor_detail(actor),
                    "jsonld": data.actor(actor),
                },
                "actor",
            )
        )
    for location in library.locations.values():
        pages.append(
            PlannedPage(
                urls.url("location", location.id),
                "location.html",
                location.name,
                lambda location=location: {
                    "location": views.location_detail(location),
                    "jsonld": data.location(location),
                },
                "location",
            )
        )
    for seed in library.seeds.values():
        pages.append(
            PlannedPage(
                urls.url("source", seed.id),
                "source.html",
                seed.title,
                lambda seed=seed: {"source": views.source_detail(seed)},
                "source",
            )
        )
    for page in library.pages.values():
        if page.id == "index":
            continue  # the overview's summary, not a page of its own
        if page.id in RESERVED_PAGE_IDS:
            problems.add(
                page.pos,
                f"a page named '{page.id}' would replace the site's own "
                f"/{page.id}/ section; rename the file",
            )
            continue
        pages.append(
            PlannedPage(
                urls.url("page", page.id),
                "page.html",
                page.title,
                lambda page=page: {"page_body_html": render_markdown(page.body)},
                "page",
            )
        )
    return pages
