"""The built site served over HTTP, at a domain root and under a sub-path, has no broken
reference; 404.html works from any depth (issue 5)."""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import sync_playwright

from site_builder.build.check import parse_page
from site_builder.cli import main
from tests.browser import launch
from tests.conftest import copy_repo_site


class _PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """A plain static server that, like GitHub Pages, answers misses with /404.html."""

    not_found_page: Path | None = None

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code == 404 and self.not_found_page and self.not_found_page.exists():
            body = self.not_found_page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@contextmanager
def serve(folder: Path, not_found: Path | None = None):
    handler = functools.partial(
        type("Handler", (_PagesLikeHandler,), {"not_found_page": not_found}), directory=str(folder)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()


def crawl(start: str) -> tuple[set[str], list[str]]:
    """Fetch every page reachable from start and every resource they reference."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(start))
    seen, broken, queue = set(), [], [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                kind = response.headers.get("Content-Type", "")
                body = response.read()
        except urllib.error.HTTPError as err:
            broken.append(f"{url}: HTTP {err.code}")
            continue
        if "text/html" not in kind:
            continue
        for ref in parse_page(body.decode("utf-8")).refs:
            target = urljoin(url, ref).split("#")[0]
            if target.startswith(origin):
                queue.append(target)
    return seen, broken


@pytest.fixture(scope="module")
def served_sites(tmp_path_factory):
    """The repo briefing built for a sub-path and for a domain root, each being served."""
    root = tmp_path_factory.mktemp("crawl")
    site = copy_repo_site(root / "site")
    with (
        serve(root / "sub", root / "sub/briefing/404.html") as sub_port,
        serve(root / "top", root / "top/404.html") as top_port,
    ):
        sub_base = f"http://127.0.0.1:{sub_port}/briefing/"
        top_base = f"http://127.0.0.1:{top_port}/"
        assert (
            main(
                [
                    "--root",
                    str(site),
                    "build",
                    "--out",
                    str(root / "sub/briefing"),
                    "--base-url",
                    sub_base,
                ]
            )
            == 0
        )
        assert (
            main(["--root", str(site), "build", "--out", str(root / "top"), "--base-url", top_base])
            == 0
        )
        yield {"sub": sub_base, "top": top_base}


@pytest.mark.parametrize("where", ["sub", "top"])
def test_crawl_finds_no_broken_reference(served_sites, where):
    pages, broken = crawl(served_sites[where])
    assert broken == []
    assert len(pages) > 50  # pages, stylesheets, icons and data files were all fetched
    assert any(p.endswith("/static/style.css") or "/static/style.css?" in p for p in pages)


def test_crawler_notices_a_broken_link(tmp_path):
    (tmp_path / "index.html").write_text('<a href="/missing/">x</a>', encoding="utf-8")
    with serve(tmp_path) as port:
        _, broken = crawl(f"http://127.0.0.1:{port}/")
    assert broken == [f"http://127.0.0.1:{port}/missing/: HTTP 404"]


def test_not_found_page_works_at_any_depth_under_the_sub_path(served_sites):
    base = served_sites["sub"]
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        response = page.goto(base + "events/no/such/page/here/")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        # The stylesheet loaded: the skip link is moved off-screen by the theme.
        assert (
            page.locator(".skip-link").evaluate("e => getComputedStyle(e).position") == "absolute"
        )
        page.get_by_role("link", name="Timeline").first.click()
        assert page.url == base + "timeline/"
        assert page.locator("h1").inner_text() == "Timeline"
        browser.close()
