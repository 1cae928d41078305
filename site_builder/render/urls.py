"""The only place that maps records to URLs and output paths (Pelican's one-pattern idea).

Every internal URL is root-relative and carries the site's base path, so the same
build works at a domain root and under a GitHub Pages project sub-path.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import PurePosixPath

from site_builder.content.config import SiteConfig

# Page kind → URL pattern relative to the base path. A trailing '/' means a folder
# holding index.html ("pretty" URLs that GitHub Pages serves without a suffix).
PATTERNS = {
    "home": "",
    "timeline": "timeline/",
    "timeline_period": "timeline/{id}/",  # a year (2025) or a month (2025-03), periods.py
    "timeline_data": "timeline/data/{id}",  # filter data for timeline.js (exports.py)
    "event": "events/{id}/",
    "actors": "actors/",
    "actor": "actors/{id}/",
    "actor_period": "actors/{id}/",  # id is "<actor>/<period>": a busy actor's events by period
    "locations": "locations/",
    "location": "locations/{id}/",
    "location_period": "locations/{id}/",  # id is "<location>/<period>"
    "source": "sources/{id}/",
    "search": "search/",
    "search_index": "search/index.json",
    "page": "{id}/",
    "static": "static/{id}",
    "file": "{id}",
}


class Urls:
    def __init__(self, config: SiteConfig):
        self.base_path = config.base_path
        self.origin = config.origin

    def url(self, kind: str, record_id: str = "") -> str:
        """Root-relative URL of a page or file, e.g. '/repo/events/x/'."""
        return self.base_path + PATTERNS[kind].format(id=record_id)

    def absolute(self, url: str) -> str:
        """Full address for feeds, sitemaps and canonical links; root-relative if unknown."""
        return self.origin + url

    def output_path(self, url: str) -> PurePosixPath:
        """Where the file for a URL is written, relative to the output folder."""
        return _output_path(self.base_path, url)


@lru_cache(maxsize=1 << 16)  # the dev server asks for every page's path on every rebuild
def _output_path(base_path: str, url: str) -> PurePosixPath:
    relative = url[len(base_path) :]
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts:
        raise ValueError(f"refusing to write outside the output folder: {url}")
    return path
