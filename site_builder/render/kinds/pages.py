"""The site's own small pages (search, 404) and free pages such as content/about.md."""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.diagnostics import Problems
from site_builder.render.markup import render_markdown
from site_builder.render.page import PlannedPage
from site_builder.render.refs import Refs

# Sections of the site a free page must not take over (content/<id>.md → /<id>/).
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


def plan_search(refs: Refs, data, problems: Problems) -> Iterator[PlannedPage]:
    urls = refs.urls
    yield PlannedPage(
        urls.url("search"),
        "search.html",
        "Search",
        lambda: {"index_url": urls.url("search_index")},
        "search",
    )


def plan_not_found(refs: Refs, data, problems: Problems) -> Iterator[PlannedPage]:
    yield PlannedPage(refs.urls.url("file", "404.html"), "404.html", "Page not found", dict, "404")


def plan(refs: Refs, data, problems: Problems) -> Iterator[PlannedPage]:
    for page in refs.library.pages.values():
        if page.id == "index":
            continue  # the overview's summary, not a page of its own
        if page.id in RESERVED_PAGE_IDS:
            problems.add(
                page.pos,
                f"a page named '{page.id}' would replace the site's own "
                f"/{page.id}/ section; rename the file",
            )
            continue
        yield PlannedPage(
            refs.urls.url("page", page.id),
            "page.html",
            page.title,
            lambda page=page: {"page_body_html": render_markdown(page.body)},
            "page",
        )
