"""Key pages load in headless Chromium with no console errors and no axe violations."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tests.browser import launch, static_server

PAGES = [
    "/",
    "/timeline/",
    "/events/2025-12-04-miami-talks/",
    "/actors/volodymyr-zelenskyy/",
    "/locations/kremenchuk/",
    "/actors/",
    "/locations/",
    "/sources/000_4e45645a1e9bd8c8/",
    "/about/",
    "/404.html",
    "/search/?q=talks",
    "/timeline/?actor=volodymyr-zelenskyy",
]


@pytest.fixture(scope="module")
def browser_session(repo_build):
    with static_server(repo_build) as base, sync_playwright() as p:
        browser = launch(p)
        yield base, browser
        browser.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_clean_and_accessible(browser_session, path, scheme):
    base, browser = browser_session
    page = browser.new_page(color_scheme=scheme)
    console_errors, failed = [], []
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    page.on("requestfailed", lambda r: failed.append(r.url))
    response = page.goto(base + path)
    assert response.ok
    assert page.locator("h1").count() == 1
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert console_errors == [] and failed == []
    page.close()


def test_axe_reports_a_violation_when_there_is_one(browser_session):
    """The accessibility check can fail: an unlabeled image is a violation."""
    _, browser = browser_session
    page = browser.new_page()
    page.set_content(
        '<!DOCTYPE html><html lang="en"><title>t</title><main>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></html>'
    )
    assert Axe().run(page).violations_count > 0
    page.close()


def test_cited_quote_link_lands_on_highlighted_sentence(browser_session):
    base, browser = browser_session
    page = browser.new_page()
    page.goto(base + "/events/2025-12-04-miami-talks/")
    page.locator(".source-list a").first.click()
    target = page.evaluate("location.hash")
    assert target.startswith("#q-")
    mark = page.locator(f"mark{target}")
    assert mark.count() == 1
    assert "Three days of negotiations" in mark.inner_text()
    assert mark.evaluate("m => getComputedStyle(m).outlineStyle") == "solid"
    page.close()


def test_phone_width_has_no_horizontal_scroll(browser_session):
    base, browser = browser_session
    page = browser.new_page(viewport={"width": 360, "height": 740})
    for path in PAGES:
        page.goto(base + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    page.close()
