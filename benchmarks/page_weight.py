"""Page weight of each page type: HTML + CSS + JS bytes, images left out (issue 7).

Usage: python benchmarks/page_weight.py [OUTPUT_DIR]   (build the site first)
The timeline of the seed briefing must stay under 200 KB; the Chromium test
tests/test_visual_in_browser.py measures the same over HTTP.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PAGES = {
    "overview": "index.html",
    "timeline": "timeline/index.html",
    "actors": "actors/index.html",
    "locations": "locations/index.html",
    "search": "search/index.html",
}
ASSET = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"?]+)')


def weight(site: Path, page: str) -> tuple[int, dict[str, int]]:
    html = (site / page).read_text(encoding="utf-8")
    parts = {page: len(html.encode("utf-8"))}
    for url in ASSET.findall(html):
        path = site / url.lstrip("/")
        parts[url] = path.stat().st_size if path.exists() else 0
    return sum(parts.values()), parts


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "output")
    for name, page in PAGES.items():
        if (site / page).exists():
            total, parts = weight(site, page)
            detail = ", ".join(f"{k} {v}" for k, v in parts.items())
            print(f"{name:10} {total:8d} bytes  ({detail})")


if __name__ == "__main__":
    main()
