"""Issue 7 in Chromium: filters, search, provenance jump, pages without JavaScript, no
request to another host, and the timeline's page weight."""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import sync_playwright

from site_builder.cli import main
from site_builder.content.library import load_library
from site_builder.render import search
from tests.browser import launch, static_server
from tests.conftest import REPO, copy_repo_site
from tests.test_visual_layout import search_files

WEIGHT_BUDGET = 200_000  # bytes of HTML + CSS + JS for the timeline (issue 7)


@pytest.fixture(scope="module")
def library():
    return load_library(REPO)


@pytest.fixture(scope="module")
def site(repo_build):
    with static_server(repo_build) as base, sync_playwright() as p:
        browser = launch(p)
        yield base, browser
        browser.close()


def visible_event_ids(page) -> set[str]:
    ids = page.eval_on_selector_all(
        ".timeline-list .event-item", "items => items.filter(i => !i.hidden).map(i => i.id)"
    )
    return {i.removeprefix("ev-") for i in ids}


def busiest_actor_and_kind(library) -> tuple[str, str, set[str]]:
    """A combination of filters that keeps some but not all of an actor's events."""
    actor = max(library.actors, key=lambda a: (len(library.events_by_actor[a]), a))
    events = library.events_by_actor[actor]
    kind = Counter(e.kind for e in events).most_common(1)[0][0]
    expected = {e.id for e in events if e.kind == kind}
    assert 0 < len(expected) < len(events)
    return actor, kind, expected


# --- timeline filters -------------------------------------------------------------------


def test_filters_from_the_url_combine(site, library):
    base, browser = site
    actor, kind, expected = busiest_actor_and_kind(library)
    page = browser.new_page()
    page.goto(f"{base}/timeline/?actor={actor}&kind={kind}")
    assert visible_event_ids(page) == expected
    assert page.locator("#filter-actor").input_value() == actor
    assert page.locator("#filter-kind").input_value() == kind
    status = page.locator("#filter-status").inner_text()
    assert f"Showing {len(expected)} of {len(library.events)} events" in status
    dimmed = page.eval_on_selector_all(".timestrip .is-dimmed", "m => m.map(x => x.dataset.event)")
    assert set(dimmed) == {e.id for e in library.events} - expected
    page.close()


def test_choosing_filters_updates_the_list_and_the_shareable_url(site, library):
    base, browser = site
    location = max(library.locations, key=lambda loc: (len(library.events_by_location[loc]), loc))
    page = browser.new_page()
    page.goto(f"{base}/timeline/")
    assert page.locator("#timeline-filters").is_visible()
    assert len(visible_event_ids(page)) == len(library.events)
    page.select_option("#filter-location", location)
    expected = {e.id for e in library.events_by_location[location]}
    assert visible_event_ids(page) == expected
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"location": [location]}
    hidden_days = page.eval_on_selector_all(
        ".timeline-list .day", "d => d.filter(x => x.hidden).length"
    )
    assert hidden_days > 0  # days left empty by the filter are hidden too
    page.click(".filter-clear")
    assert len(visible_event_ids(page)) == len(library.events)
    assert urlsplit(page.url).query == ""
    page.close()


def test_unknown_filter_value_is_reported_not_hidden(site, library):
    base, browser = site
    page = browser.new_page()
    page.goto(f"{base}/timeline/?actor=nobody-at-all")
    assert "No actor “nobody-at-all”" in page.locator("#filter-status").inner_text()
    assert len(visible_event_ids(page)) == len(library.events)
    page.close()


def test_clicking_a_mark_on_the_strip_jumps_to_the_event(site, library):
    base, browser = site
    event = library.events[len(library.events) // 2]
    page = browser.new_page()
    page.goto(f"{base}/timeline/")
    page.click(f'.timestrip [data-event="{event.id}"]')
    assert page.evaluate("location.hash") == f"#ev-{event.id}"
    item = page.locator(f"#ev-{event.id}")
    assert item.evaluate("el => el.matches(':target')")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused.endswith(f"/events/{event.id}/")
    page.close()


# --- without JavaScript ------------------------------------------------------------------


def test_timeline_and_maps_render_without_javascript(site, library):
    base, browser = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/timeline/")
    assert page.locator(".timestrip-svg").is_visible()
    assert page.locator(".timestrip [data-event]").count() == len(library.events)
    assert page.locator(".timeline-list .event-item").count() == len(library.events)
    assert all(
        page.locator(".timeline-list .event-item").evaluate_all("i => i.map(x => !x.hidden)")
    )
    assert not page.locator("#timeline-filters").is_visible()  # needs JS: not offered
    box = page.locator(".timestrip-svg").bounding_box()
    assert box["width"] > 600 and box["height"] > 80

    placed = [loc for loc in library.locations.values() if loc.coordinates]
    page.goto(f"{base}/locations/")
    assert page.locator("#places-map .map-svg").is_visible()
    assert page.locator("#places-map .map-place").count() == len(placed)
    assert page.locator("#places-map path.land").count() >= 1

    for loc in placed[:2]:
        page.goto(f"{base}/locations/{loc.id}/")
        assert page.locator(".map-svg").is_visible()
        assert page.locator(".map-place-focus").count() == 1

    page.goto(f"{base}/")
    assert page.locator("#when-strip .timestrip-svg").is_visible()
    assert page.locator("#where-map .map-svg").is_visible()
    page.goto(f"{base}/actors/")
    assert page.locator(".network-svg .net-node").count() >= 2
    context.close()


# --- search --------------------------------------------------------------------------------


def test_search_finds_records_by_name_and_alias_and_works_by_keyboard(site, library):
    base, browser = site
    actor = next(a for a in library.actors.values() if a.aliases)
    page = browser.new_page()
    page.goto(f"{base}/search/")
    assert page.evaluate("document.activeElement.id") == "search-q"
    page.keyboard.type(actor.aliases[0].upper())
    page.wait_for_function("document.querySelectorAll('#search-results a').length > 0")
    links = page.eval_on_selector_all("#search-results a", "a => a.map(x => x.pathname)")
    assert f"/actors/{actor.id}/" in links
    assert "result" in page.locator("#search-status").inner_text()
    assert parse_qs(urlsplit(page.url).query)["q"] == [actor.aliases[0].upper()]
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.pathname") == links[0]
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}{links[0]}")
    page.close()


def test_search_from_a_shared_address_and_with_no_match(site, library):
    base, browser = site
    place = next(iter(library.locations.values()))
    page = browser.new_page()
    page.goto(f"{base}/search/?q={place.name.lower()}")
    page.wait_for_function("document.querySelectorAll('#search-results a').length > 0")
    first = page.eval_on_selector_all("#search-results a", "a => a.map(x => x.pathname)")
    assert f"/locations/{place.id}/" in first
    page.fill("#search-q", "qqqxqqq")
    page.press("#search-q", "Enter")
    page.wait_for_function(
        "document.getElementById('search-status').textContent.startsWith('Nothing')"
    )
    assert page.locator("#search-results li").count() == 0
    page.close()


# --- provenance ----------------------------------------------------------------------------


# The highlighted sentence a fragment lands on: the mark itself, or for a quote nested in
# a longer cited one, the mark right after the quote's empty anchor.
LANDED = """hash => {
    let el = document.getElementById(hash.slice(1));
    while (el && el.tagName !== "MARK") el = el.nextElementSibling;
    if (!el) return null;
    const style = getComputedStyle(el);
    return {text: el.textContent, top: el.getBoundingClientRect().top,
            background: style.backgroundColor, outline: style.outlineStyle};
}"""


def test_every_event_source_lands_on_its_highlighted_sentence(site, library):
    base, browser = site
    page = browser.new_page()
    for event in library.events:
        page.goto(f"{base}/events/{event.id}/")
        links = page.locator(".source-list .source-cite a")
        assert links.count() == len(event.sources)
        links.first.click()
        page.wait_for_url("**/sources/**#q-*")
        page.wait_for_load_state()
        hash_ = page.evaluate("location.hash")
        # Scrolling may be smooth: wait (briefly) until the sentence has come into view.
        page.wait_for_function(
            f"h => {{ const r = ({LANDED})(h); return r && r.top >= 0 && r.top < innerHeight; }}",
            arg=hash_,
            timeout=3000,
        )
        landed = page.evaluate(LANDED, hash_)
        assert landed, f"{event.id}: the source page has no such anchor"
        quote = " ".join(event.sources[0].quote.split())
        assert quote in " ".join(landed["text"].split())
        assert landed["background"] != "rgba(0, 0, 0, 0)"
        assert landed["outline"] == "solid", f"{event.id}: the landing sentence is not outlined"
        assert 0 <= landed["top"] < page.viewport_size["height"], f"{event.id}: not in view"
    page.close()


# --- requests: only the serving host, and the timeline's weight ------------------------


def test_no_page_requests_another_host(site, repo_build):
    base, browser = site
    host = urlsplit(base).netloc
    pages = sorted(p.relative_to(repo_build).as_posix() for p in repo_build.rglob("*.html"))
    paths = ["/" + p.removesuffix("index.html") for p in pages] + ["/search/?q=talks"]
    foreign: list[str] = []
    page = browser.new_page()
    page.on("request", lambda r: urlsplit(r.url).netloc not in (host, "") and foreign.append(r.url))
    for path in paths:
        page.goto(base + path)
    page.wait_for_function("document.querySelectorAll('#search-results a').length > 0")
    page.close()
    assert len(paths) > 30
    assert foreign == []


def test_a_request_to_another_host_would_be_noticed(site):
    """Guard for the test above: the listener does see a third-party request."""
    base, browser = site
    seen: list[str] = []
    page = browser.new_page()
    page.on("request", lambda r: seen.append(urlsplit(r.url).netloc))
    page.route("http://example.invalid/**", lambda route: route.abort())
    page.set_content('<img src="http://example.invalid/x.png" alt="">')
    page.wait_for_timeout(200)
    assert "example.invalid" in seen
    page.close()


def test_timeline_page_weight_stays_under_budget(site):
    base, browser = site
    sizes: dict[str, int] = {}
    page = browser.new_page()

    def record(response):
        kind = response.request.resource_type
        if kind in ("document", "stylesheet", "script", "fetch", "xhr"):
            sizes[response.url] = len(response.body())

    page.on("response", record)
    page.goto(f"{base}/timeline/", wait_until="networkidle")
    page.close()
    total = sum(sizes.values())
    report = ", ".join(f"{urlsplit(u).path}: {n}" for u, n in sorted(sizes.items()))
    print(f"\ntimeline page weight without images: {total} bytes ({report})")
    assert any(u.endswith(".js") or ".js?" in u for u in sizes)
    assert total < WEIGHT_BUDGET, report


# --- under a sub-path ----------------------------------------------------------------------


def test_filters_and_search_work_under_a_sub_path(tmp_path_factory, site, library):
    _, browser = site
    root = tmp_path_factory.mktemp("subpath")
    copy_repo_site(root / "site")
    assert (
        main(
            [
                "--root",
                str(root / "site"),
                "build",
                "--out",
                str(root / "www/brief"),
                "--base-url",
                "/brief/",
            ]
        )
        == 0
    )
    actor, kind, expected = busiest_actor_and_kind(library)
    with static_server(root / "www") as base:
        page = browser.new_page()
        page.goto(f"{base}/brief/timeline/?kind={kind}")
        page.select_option("#filter-actor", actor)
        assert visible_event_ids(page) == expected
        assert urlsplit(page.url).path == "/brief/timeline/"
        page.goto(f"{base}/brief/search/?q={kind}")
        page.wait_for_function("document.querySelectorAll('#search-results a').length > 0")
        links = page.eval_on_selector_all("#search-results a", "a => a.map(x => x.pathname)")
        assert links and all(link.startswith("/brief/") for link in links)
        page.close()


def test_search_over_many_small_chunks_finds_every_match(site, tmp_path, monkeypatch):
    """With a chunk per record or two, every query must read several term and document
    chunks: search.js finds exactly the records whose words begin with each query word."""
    monkeypatch.setattr(search, "RECORDS_PER_TERM_CHUNK", 1)
    monkeypatch.setattr(search, "DOCS_PER_CHUNK", 2)
    root = copy_repo_site(tmp_path / "site")
    assert main(["--root", str(root), "build"]) == 0
    out = root / "output"
    manifest, records, terms = search_files(out)
    assert len(manifest["terms"]) > 20 and len(records) > 2 * manifest["docs"]

    def expected(query: str) -> set[str]:
        found = None
        for word in search.WORD.findall(search.fold(query)):
            hits = {p >> 1 for term, ps in terms.items() if term.startswith(word) for p in ps}
            found = hits if found is None else found & hits
        return {records[n][2] for n in found or ()}

    library = load_library(root)
    actor = next(a for a in library.actors.values() if a.aliases)
    event = library.events[len(library.events) // 2]
    place = next(iter(library.locations.values()))
    # One letter: its words run over several term chunks.
    queries = [
        actor.aliases[0].upper(),
        place.name[:1],
        place.name[:3],
        " ".join(event.title.split()[:2]),
        "qqzx",
    ]
    browser = site[1]
    with static_server(out) as base:
        page = browser.new_page()
        for query in queries:
            page.goto(f"{base}/search/?q={quote(query)}")
            page.wait_for_function("document.getElementById('search-status').textContent")
            shown = set(
                page.eval_on_selector_all("#search-results a", "a => a.map(x => x.pathname)")
            )
            want = expected(query)
            assert shown <= want and len(shown) == min(len(want), 50), query
            assert bool(want) == (query != "qqzx")
        page.close()
