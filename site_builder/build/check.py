"""`site-builder check`: find broken internal links in a built site (issue 5).

Every href/src in every HTML page that points inside the site must name a file that
was written; a `#fragment` on an HTML page must name an element id on that page.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from site_builder.content.config import SiteConfig, load_config
from site_builder.diagnostics import BuildError, Problems

REFERENCE_ATTRIBUTES = {"href", "src", "poster", "data"}
IGNORED_SCHEMES = {"mailto", "tel", "data", "javascript"}


@dataclass
class PageRefs:
    refs: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _RefParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = PageRefs()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and tag != "meta":
                self.page.ids.add(value)
            elif name in REFERENCE_ATTRIBUTES and not (tag == "link" and _is_meta_link(attrs)):
                self.page.refs.append(value)
            elif name == "srcset":
                self.page.refs.extend(part.split()[0] for part in value.split(",") if part.strip())


def _is_meta_link(attrs) -> bool:
    """<link rel=canonical> and friends name the page itself by its public address."""
    rel = dict(attrs).get("rel", "")
    return rel in ("canonical", "alternate") and "type" not in dict(attrs)


def parse_page(html: str) -> PageRefs:
    parser = _RefParser()
    parser.feed(html)
    parser.close()
    return parser.page


def url_to_file(path: str, base_path: str) -> str | None:
    """The output-relative file a site URL path is served from, or None if outside."""
    if not path.startswith(base_path):
        return None
    relative = unquote(path[len(base_path) :])
    return relative + "index.html" if relative == "" or relative.endswith("/") else relative


def page_url(relative_file: str, base_path: str) -> str:
    if relative_file.endswith("index.html"):
        return base_path + relative_file[: -len("index.html")]
    return base_path + relative_file


def check_site(out_dir: Path, base_url: str) -> Problems:
    """Every broken internal reference of a built site, as problems at the referring page."""
    config = SiteConfig(base_url=base_url)
    base_path, origin = config.base_path, config.origin
    files = {p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file()}
    pages = {
        f: parse_page((out_dir / f).read_text("utf-8", errors="replace"))
        for f in sorted(files)
        if f.endswith(".html")
    }
    problems = Problems()
    for name, page in pages.items():
        here = page_url(name, base_path)
        for ref in page.refs:
            message = _broken(ref, here, base_path, origin, files, pages)
            if message:
                problems.add_at(f"{out_dir.name}/{name}", message)
    return problems


def _broken(ref, here, base_path, origin, files, pages) -> str | None:
    parts = urlsplit(urljoin(here, ref))
    if parts.scheme in IGNORED_SCHEMES:
        return None
    external = parts.scheme or parts.netloc
    if external and (not origin or f"{parts.scheme}://{parts.netloc}" != origin):
        return None  # another site: not ours to check (and never fetched)
    target = url_to_file(parts.path, base_path)
    if target is None:
        return f"link '{ref}' leaves the site's base path {base_path}"
    if target not in files:
        if target + "/index.html" in files:
            return None  # /x redirects to /x/ on static hosts
        return f"broken link '{ref}': no file {target}"
    if parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].ids:
        return f"broken link '{ref}': no element with id '{parts.fragment}' on {target}"
    return None


def run_check(args: argparse.Namespace) -> int:
    out_dir = args.out or args.root / "output"
    if not out_dir.is_dir():
        print(f"error: no built site at {out_dir}; run `site-builder build` first", file=sys.stderr)
        return 1
    problems = Problems()
    base_url = args.base_url or load_config(args.root, problems).base_url
    if problems:
        raise BuildError(problems)
    found = check_site(out_dir, base_url)
    if found:
        print(
            found.report().replace("nothing was written", "the site has broken links"),
            file=sys.stderr,
        )
        return 1
    print(f"No broken links in {out_dir}.")
    return 0
