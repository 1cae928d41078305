"""The live preview in headless Chromium (issue 4): saves show up without touching the browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from site_builder.render.templates import BUNDLED_THEMES
from site_builder.serve.livereload_bridge import connected_browsers
from tests.browser import launch
from tests.serving import eventually, preview_server

EVENT = "content/events/2025-02-10-geneva-talks.md"
EVENT_PATH = "events/2025-02-10-geneva-talks/"
TITLE = "Delegates agree a ceasefire in Geneva"
WAIT_MS = 20_000


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()


def open_live(browser, url: str):
    """A page that has finished the LiveReload handshake, so no reload message is missed."""
    page = browser.new_page()
    page.goto(url)
    eventually(lambda: connected_browsers() >= 1)
    return page


def replace(root, name: str, old: str, new: str) -> None:
    path = root / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_new_title_appears_then_an_error_then_the_page_again(scratch_site, browser):
    root = scratch_site()
    with preview_server(root) as (server, _):
        page = open_live(browser, server.url + EVENT_PATH)
        assert page.locator("h1").inner_text() == TITLE

        replace(root, EVENT, TITLE, "Truce signed in Geneva")
        page.wait_for_function(
            "document.querySelector('h1').textContent.includes('Truce signed')", timeout=WAIT_MS
        )

        good = (root / EVENT).read_text(encoding="utf-8")
        (root / EVENT).write_text(good.replace("title:", "title: [broken", 1), encoding="utf-8")
        overlay = page.wait_for_selector("#site-builder-problems", timeout=WAIT_MS)
        assert f"{EVENT}:2: the '[' on this line is never closed" in overlay.inner_text()

        (root / EVENT).write_text(good, encoding="utf-8")
        page.wait_for_selector("#site-builder-problems", state="detached", timeout=WAIT_MS)
        assert page.locator("h1").inner_text() == "Truce signed in Geneva"
        page.close()


def test_a_css_change_applies_without_reloading_the_page(scratch_site, browser):
    css = (BUNDLED_THEMES / "default/static/style.css").read_text(encoding="utf-8")
    root = scratch_site({"static/style.css": css})
    with preview_server(root) as (server, _):
        page = open_live(browser, server.url + EVENT_PATH)
        page.evaluate("window.notReloaded = true")
        before = page.evaluate("getComputedStyle(document.querySelector('h1')).letterSpacing")
        assert before != "7px"

        (root / "static/style.css").write_text(css + "\nh1 { letter-spacing: 7px; }\n")
        page.wait_for_function(
            "getComputedStyle(document.querySelector('h1')).letterSpacing === '7px'",
            timeout=WAIT_MS,
        )
        assert page.evaluate("window.notReloaded === true")
        page.close()


def test_live_reload_under_a_project_base_path(scratch_site, browser):
    root = scratch_site({"site.yaml": "title: T\nbase_url: https://org.github.io/briefing/\n"})
    with preview_server(root) as (server, _):
        assert server.url.endswith("/briefing/")
        page = open_live(browser, server.url + EVENT_PATH)
        assert page.locator("h1").inner_text() == TITLE
        replace(root, EVENT, TITLE, "Renamed under a sub-path")
        page.wait_for_function(
            "document.querySelector('h1').textContent.includes('Renamed under')", timeout=WAIT_MS
        )
        assert page.url.startswith(server.url)
        page.close()
