"""The page kinds: one module per kind of page, each with its views and its planner.

A planner takes the shared references (refs.py), the structured data maker and the
problems, and yields the PlannedPages of its kind. PAGE_KINDS is the registry, in the
order pages are planned (the dev server renders in this order when nobody is waiting);
a new page kind is a new module here plus one entry below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from site_builder.diagnostics import Problems
from site_builder.render.kinds import actors, events, locations, overview, pages, sources, timeline
from site_builder.render.page import PlannedPage
from site_builder.render.refs import Refs
from site_builder.render.structured import StructuredData

Planner = Callable[[Refs, StructuredData, Problems], Iterable[PlannedPage]]

PAGE_KINDS: tuple[Planner, ...] = (
    overview.plan,
    timeline.plan,
    actors.plan_index,
    locations.plan_index,
    pages.plan_search,
    pages.plan_not_found,
    events.plan,
    actors.plan,
    locations.plan,
    sources.plan,
    pages.plan,
)


def plan_pages(refs: Refs, problems: Problems) -> list[PlannedPage]:
    data = StructuredData(refs.library, refs.urls)
    return [page for planner in PAGE_KINDS for page in planner(refs, data, problems)]
