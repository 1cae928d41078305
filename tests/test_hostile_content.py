"""Issue 6, deliverable 2: titles, names, quotes and bodies are data, never code.

A site whose every text field carries a script-injection payload (tests/hostile.py) is
built and every page opened in headless Chromium. No dialog may open, no `__xss` global
may be set, no request may leave 127.0.0.1, no page may hold more scripts, frames, forms
or event handlers than the same page built from plain text, and every payload must read
exactly as written.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import quote, urlsplit

import icalendar
import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from site_builder.cli import main
from tests.browser import launch, static_server
from tests.hostile import BODY_PAYLOADS, TEXT_PAYLOADS, write_hostile_site

# What a payload could add to a page, counted in the DOM the browser built.
STRUCTURE_JS = """() => {
  const count = {};
  const add = (key) => { count[key] = (count[key] || 0) + 1; };
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'iframe', 'frame', 'object', 'embed', 'base', 'form', 'style',
         'link', 'meta', 'img', 'svg', 'math', 'noscript'].includes(tag)) {
      add(tag + (tag === 'script' ? ':' + (el.type || 'js') : ''));
    }
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) add('handler ' + attr.name);
      if (['autofocus', 'srcdoc', 'formaction', 'http-equiv'].includes(attr.name)) {
        add('attribute ' + attr.name);
      }
    }
  }
  return count;
}"""

# Every URL a page can follow or load, resolved by the browser.
URLS_JS = """() => Array.from(document.querySelectorAll('[href], [src], [action], [data]'))
  .flatMap(el => ['href', 'src', 'action', 'data']
    .filter(name => el.hasAttribute(name))
    .map(name => el.tagName.toLowerCase() + ' ' + name + ' ' + el[name]))"""

JSON_LD_JS = """() => Array.from(document.querySelectorAll('script[type="application/ld+json"]'))
  .map(el => el.textContent)"""

SAFE_SCHEMES = ("http:", "https:", "mailto:")


def normal(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """(hostile output, control output, what each hostile page must show)."""
    root = tmp_path_factory.mktemp("hostile")
    expect = write_hostile_site(root / "hostile")
    write_hostile_site(root / "control", benign=True)
    for name in ("hostile", "control"):
        assert main(["--root", str(root / name), "build"]) == 0
    return root / "hostile" / "output", root / "control" / "output", expect


def page_kind(relative: str) -> str:
    """Pages of one kind share a template, so they share a structure."""
    parts = relative.split("/")
    return parts[0] if len(parts) == 3 else relative


def test_payload_corpus_is_large_enough():
    assert len(TEXT_PAYLOADS) + len(BODY_PAYLOADS) >= 40


def test_hostile_site_keeps_every_payload_inert(sites):
    hostile, control, expect = sites
    pages = sorted(p.relative_to(hostile).as_posix() for p in hostile.rglob("*.html"))
    assert set(expect) <= set(pages)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            structure = _control_structures(browser, control, pages)
            problems = _open_every_page(browser, hostile, pages, expect, structure)
        finally:
            browser.close()
    assert problems == [], "\n".join(problems)


def _control_structures(browser, control: Path, pages: list[str]) -> dict[str, dict]:
    """The structure of one plain-text page of each kind."""
    structure = {}
    with static_server(control) as base:
        page = browser.new_page()
        for relative in pages:
            kind = page_kind(relative)
            if kind not in structure:
                page.goto(f"{base}/{relative}")
                structure[kind] = page.evaluate(STRUCTURE_JS)
        page.close()
    return structure


def _open_every_page(browser, hostile, pages, expect, structure) -> list[str]:
    problems: list[str] = []
    with static_server(hostile) as base:
        origin = urlsplit(base).netloc
        context = browser.new_context()
        requests: list[str] = []
        context.on("request", lambda r: _record_foreign(r.url, origin, requests))
        context.route(
            lambda url: urlsplit(url).netloc not in ("", origin),
            lambda route: route.abort(),
        )
        dialogs: list[str] = []
        context.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page = context.new_page()
        for relative in pages:
            url = f"{base}/{relative}"
            try:
                page.goto(url, wait_until="load")
                page.wait_for_timeout(20)  # let onerror/onload handlers of broken images fire
                found = _inspect(page, relative, expect, structure)
                if page.url != url:
                    found.append(f"page navigated to {page.url}")
            except PlaywrightError as err:  # e.g. an injected <meta refresh> navigated away
                found = [f"page could not be inspected: {err.message.splitlines()[0]}"]
                page.close()
                page = context.new_page()
            problems += [f"{relative}: {p}" for p in found]
        problems += [f"dialog opened: {message}" for message in dialogs]
        problems += [f"request to another host: {url}" for url in requests]
        context.close()
    return problems


def _record_foreign(url: str, origin: str, requests: list[str]) -> None:
    if not url.startswith("data:") and urlsplit(url).netloc != origin:
        requests.append(url)


def _inspect(page, relative: str, expect, structure) -> list[str]:
    problems = []
    injected = page.evaluate("Object.keys(window).filter(k => k.startsWith('__xss'))")
    if injected:
        problems.append(f"script ran and set {injected}")
    found = page.evaluate(STRUCTURE_JS)
    wanted = structure[page_kind(relative)]
    if found != wanted:
        extra = {k: v for k, v in found.items() if v != wanted.get(k)}
        problems.append(f"structure differs from the plain-text page: {extra} vs {wanted}")
    for entry in page.evaluate(URLS_JS):
        url = entry.rsplit(" ", 1)[-1]
        if not url.startswith(SAFE_SCHEMES) and not url.startswith("data:image/png"):
            problems.append(f"unsafe address {entry}")
    for block in page.evaluate(JSON_LD_JS):
        try:
            json.loads(block)
        except ValueError:
            problems.append(f"JSON-LD block broken: {block[:80]}")
    if relative in expect:
        problems += _check_text(page, *expect[relative])
    return problems


def _check_text(page, heading: str, texts: list[str]) -> list[str]:
    problems = []
    h1 = page.locator("h1").inner_text()
    if normal(h1) != normal(heading):
        problems.append(f"h1 shows {h1!r}, not {heading!r}")
    if normal(heading) not in normal(page.title()):
        problems.append(f"<title> {page.title()!r} lacks {heading!r}")
    body = normal(page.locator("body").inner_text())
    problems += [f"text not shown as written: {t!r}" for t in texts if normal(t) not in body]
    return problems


def test_reflected_queries_and_filters_stay_inert(sites):
    """Values read from the address (search ?q=, timeline ?actor=) and search results
    built from the index are text too. Skipped where the theme has no such page."""
    hostile, _, _ = sites
    if not (hostile / "search" / "index.html").exists():
        pytest.skip("no search page in this theme")
    visits = [(f"search/?q={quote(p)}", "search/", p) for p in TEXT_PAYLOADS]
    visits += [
        (f"search/?q={quote(word)}", "search/", None)
        for word in ("script", "img", "onerror", "7*7", "evil.example", "noscript")
    ]
    visits += [
        (f"timeline/?actor={quote(p)}&location={quote(p)}&kind={quote(p)}", "timeline/", None)
        for p in TEXT_PAYLOADS[:12]
    ]
    problems: list[str] = []
    with sync_playwright() as playwright, static_server(hostile) as base:
        browser = launch(playwright)
        context = browser.new_context()
        dialogs: list[str] = []
        context.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page = context.new_page()
        plain = {}
        for path in ("search/", "timeline/"):
            page.goto(f"{base}/{path}")
            plain[path] = page.evaluate(STRUCTURE_JS)
        for address, path, typed in visits:
            try:
                page.goto(f"{base}/{address}")
                if path == "search/":
                    page.wait_for_function("document.getElementById('search-status').textContent")
                problems += _reflected(page, address, plain[path], typed)
            except PlaywrightError as err:  # e.g. an injected <meta refresh> navigated away
                problems.append(f"{address}: page broke: {err.message.splitlines()[0]}")
                page.close()
                page = context.new_page()
        problems += [f"dialog opened: {message}" for message in dialogs]
        browser.close()
    assert problems == [], "\n".join(problems)


def _reflected(page, address: str, plain: dict, typed: str | None) -> list[str]:
    problems = _injected(page, address, plain)
    # A search box drops line breaks and HTML shows them as spaces: compare the rest.
    if typed is not None and page.input_value("#search-q") != re.sub(r"[\r\n]", "", typed):
        problems.append(f"{address}: search box shows {page.input_value('#search-q')!r}")
    if address.startswith("search/"):
        shown = page.locator("#search-results a").all_inner_texts()
        titles = {normal(title) for title in TEXT_PAYLOADS}
        wrong = [text for text in shown if normal(text) not in titles]
        problems += [f"{address}: result {text!r} is not a title as written" for text in wrong]
    return problems


def _injected(page, where: str, plain: dict) -> list[str]:
    """Scripts that ran, or scripts and handlers the plain page does not have."""
    found = page.evaluate("Object.keys(window).filter(k => k.startsWith('__xss'))")
    problems = [f"{where}: script ran ({found})"] if found else []
    now = page.evaluate(STRUCTURE_JS)
    for key in set(now) | set(plain):
        if key.startswith(("handler", "script", "iframe", "object", "embed", "base")) and (
            now.get(key, 0) > plain.get(key, 0)
        ):
            problems.append(f"{where}: {key} added")
    return problems


def test_feeds_calendar_and_exports_carry_payloads_as_text(sites):
    """Every XML and JSON file still parses, and the feed, the calendar and the data
    exports give each title back exactly (CSV cells defused against formulas): no payload
    adds an entry, a row or a calendar property."""
    hostile, _, _ = sites
    for path in hostile.rglob("*"):
        if path.suffix in (".xml", ".atom", ".rss"):
            ElementTree.parse(path)
        elif path.suffix in (".json", ".geojson"):
            json.loads(path.read_text(encoding="utf-8"))
    titles = sorted(TEXT_PAYLOADS)
    exports = {
        "events.json": lambda text: [e["title"] for e in json.loads(text)["events"]],
        "locations.geojson": lambda text: [
            f["properties"]["name"] for f in json.loads(text)["features"]
        ],
        # iCalendar text has line breaks but no CR (RFC 5545, 3.3.11): compare the words.
        "events.ics": lambda text: [
            str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")
        ],
        "events.csv": lambda text: [
            re.sub(r"^'(?=[=+\-@])", "", row["title"]) for row in csv.DictReader(io.StringIO(text))
        ],
    }
    for name, titles_in in exports.items():
        if (hostile / name).exists():
            found = titles_in((hostile / name).read_bytes().decode("utf-8"))  # CRs as written
            if name == "events.ics":
                found, wanted = sorted(map(normal, found)), sorted(map(normal, titles))
            else:
                found, wanted = sorted(found), titles
            assert found == wanted, name
    if (hostile / "events.csv").exists():
        text = (hostile / "events.csv").read_bytes().decode("utf-8")
        cells = [row["title"] for row in csv.DictReader(io.StringIO(text))]
        assert not [cell for cell in cells if cell[:1] in "=+-@"], "a cell runs as a formula"
    if (hostile / "feed.xml").exists():
        atom = "{http://www.w3.org/2005/Atom}"
        feed = ElementTree.parse(hostile / "feed.xml").getroot()
        entries = [e.findtext(f"{atom}title") for e in feed.iter(f"{atom}entry")]
        assert entries and set(entries) <= set(TEXT_PAYLOADS)


# For a site whose pages have no plain twin: what a page may never hold at all.
FORBIDDEN_JS = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) bad.push(`${tag} ${attr.name}`);
    }
    if (['iframe', 'frame', 'object', 'embed', 'base'].includes(tag)) bad.push(tag);
    if (tag === 'meta' && el.httpEquiv) bad.push('meta http-equiv');
    if (tag === 'script' && el.type !== 'application/ld+json'
        && !(el.src && new URL(el.src).origin === location.origin)) bad.push('inline script');
  }
  return bad;
}"""


def test_an_ingested_hostile_article_stays_inert(tmp_path, capsys):
    """Articles come from sites nobody here controls: ingest drafts records from one full
    of payloads (tests/hostile_article.md); the built pages run none of them and show
    every drafted title and name exactly as the records hold it."""
    pytest.importorskip("site_builder.ingest.command")
    from site_builder.content.library import load_library

    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "site.yaml").write_text("title: Ingested briefing\nbase_url: /\n")
    article = Path(__file__).with_name("hostile_article.md")
    assert main(["--root", str(site), "ingest", str(article)]) == 0
    assert main(["--root", str(site), "build"]) == 0
    capsys.readouterr()
    library = load_library(site)
    assert len(library.events) >= 4, "too few drafts for the test to mean anything"
    # headlines drop markup (issue 13), so raw tags reach the pages through the seed's
    # title; the drafted titles still carry the template and script payloads
    assert any("<script>" in s.title for s in library.seeds.values())
    assert any("{{" in e.title or "xss" in e.title for e in library.events)
    expect = {f"events/{e.id}/index.html": (e.title, []) for e in library.events}
    expect |= {f"actors/{a.id}/index.html": (a.name, []) for a in library.actors.values()}
    expect |= {f"locations/{x.id}/index.html": (x.name, []) for x in library.locations.values()}
    expect |= {f"sources/{s.id}/index.html": (s.title, []) for s in library.seeds.values()}
    output = site / "output"
    pages = sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))
    problems: list[str] = []
    with sync_playwright() as playwright, static_server(output) as base:
        browser = launch(playwright)
        context = browser.new_context()
        origin = urlsplit(base).netloc
        requests: list[str] = []
        dialogs: list[str] = []
        context.on("request", lambda r: _record_foreign(r.url, origin, requests))
        context.route(lambda url: urlsplit(url).netloc not in ("", origin), lambda r: r.abort())
        context.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page = context.new_page()
        for relative in pages:
            page.goto(f"{base}/{relative}", wait_until="load")
            page.wait_for_timeout(20)
            found = page.evaluate("Object.keys(window).filter(k => k.startsWith('__xss'))")
            found += page.evaluate(FORBIDDEN_JS)
            if relative in expect:
                found += _check_text(page, *expect[relative])
            problems += [f"{relative}: {p}" for p in found]
        problems += [f"dialog opened: {m}" for m in dialogs]
        problems += [f"request to another host: {u}" for u in requests]
        browser.close()
    assert problems == [], "\n".join(problems)


def test_the_check_catches_a_script_that_runs(tmp_path):
    """The payload check can fail: an unescaped payload sets its global and opens a dialog."""
    (tmp_path / "index.html").write_text(
        "<!DOCTYPE html><title>t</title><h1>x</h1>" + TEXT_PAYLOADS[0], encoding="utf-8"
    )
    with sync_playwright() as playwright, static_server(tmp_path) as base:
        browser = launch(playwright)
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(base + "/index.html")
        assert page.evaluate("Object.keys(window).filter(k => k.startsWith('__xss'))")
        assert dialogs == ["t1"]
        assert page.evaluate(STRUCTURE_JS)["script:js"] == 1
        assert page.evaluate(FORBIDDEN_JS) == ["inline script"]
        browser.close()
