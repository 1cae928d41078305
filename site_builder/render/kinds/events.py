"""Event pages (/events/<id>/): the event, its sources, the events before and after."""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.content.library import quote_anchor
from site_builder.content.model import Event
from site_builder.diagnostics import Problems
from site_builder.render.markup import render_markdown
from site_builder.render.page import PlannedPage
from site_builder.render.refs import Refs
from site_builder.render.structured import StructuredData


def plan(refs: Refs, data: StructuredData, problems: Problems) -> Iterator[PlannedPage]:
    for event in refs.library.events:
        yield PlannedPage(
            refs.urls.url("event", event.id),
            "event.html",
            event.title,
            lambda event=event: {"event": event_detail(refs, event), "jsonld": data.event(event)},
            "event",
        )


def event_detail(refs: Refs, event: Event) -> dict:
    view = refs.event_summary(event)
    view["body_html"] = render_markdown(event.body)
    view["sources"] = [
        {
            "quote": source.quote,
            "seed": refs.seed_ref(refs.library.seeds[source.seed]),
            "url": refs.urls.url("source", source.seed) + "#" + quote_anchor(source.quote),
        }
        for source in event.sources
    ]
    index = refs.position[event.id]
    neighbours = refs.library.events
    view["previous"] = refs.event_summary(neighbours[index - 1]) if index > 0 else None
    view["next"] = (
        refs.event_summary(neighbours[index + 1]) if index + 1 < len(neighbours) else None
    )
    return view
