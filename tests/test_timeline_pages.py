"""Issue 14: pages a reader can open at any size.

A generated briefing of a few hundred events over three years: a quiet 2023, a busy 2024
(split into months) and a short 2025. The timeline is split by period at stable URLs,
/timeline/ keeps a constant size, filters find an actor's events across periods, busy
actors get period pages, and every page is valid, accessible and linked.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from site_builder.build.check import check_site
from site_builder.render import density, periods
from tests.browser import launch, static_server
from tests.conftest import run, write_site
from tests.test_html_valid import validate

BASE = "https://o.github.io/r/"
SENTENCE = "Delegates met in Geneva on Monday and agreed a ceasefire."
KINDS = ["talks", "statement", "strike", "meeting"]


def _event(eid: str, day: str, actors: list[str], kind: str, extra: str = "") -> str:
    return (
        f"---\ntitle: Event {eid}\ndate: {day}\n{extra}kind: {kind}\n"
        f"actors: [{', '.join(actors)}]\nlocations: [geneva]\n"
        f'sources:\n  - seed: article-one\n    quote: "{SENTENCE}"\nstatus: reviewed\n---\n'
    )


def corpus(extra_events: dict[str, str] | None = None) -> dict[str, str]:
    """40 events in 2023, 360 in 2024 (over PERIOD_LIMIT), 20 in 2025; jane-doe is in
    every other event (over ONE_PAGE_LIMIT), plus month-, year-precision and a span."""
    files = {"site.yaml": f"title: Test briefing\nbase_url: {BASE}\nas_of: 2025-02-01\n"}
    days = [date(2023, 1, 3) + timedelta(days=9 * i) for i in range(40)]
    days += [date(2024, 1, 1) + timedelta(days=i % 366) for i in range(360)]
    days += [date(2025, 1, 2) + timedelta(days=3 * i) for i in range(20)]
    for i, day in enumerate(days):
        actors = ["jane-doe", "freedonia"] if i % 2 == 0 else ["freedonia"]
        eid = f"e{i:04d}"
        files[f"content/events/{eid}.md"] = _event(eid, day.isoformat(), actors, KINDS[i % 4])
    files["content/events/month-only.md"] = _event("month-only", "2024-05", ["jane-doe"], "talks")
    files["content/events/year-only.md"] = _event("year-only", "2024", ["jane-doe"], "report")
    files["content/events/span.md"] = _event(
        "span", "2023-06-01", ["freedonia"], "talks", "end: 2023-06-09\n"
    )
    files["content/events/2025-02-10-geneva-talks.md"] = None
    files.update(extra_events or {})
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_site(tmp_path_factory.mktemp("medium") / "site", corpus())
    assert run(root, "build", "--base-url", BASE)[0] == 0
    return root / "output"


def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _period_dirs(site: Path) -> list[str]:
    return sorted(p.name for p in (site / "timeline").iterdir() if (p / "index.html").exists())


def test_timeline_is_split_by_year_and_busy_years_by_month(site):
    pages = _period_dirs(site)
    months_2024 = [f"2024-{m:02d}" for m in range(1, 13)]
    assert pages == ["2023", "2024", *months_2024, "2025"]
    # the busy year's hub lists the events known only to the year and links its months
    hub = _html(site, "timeline/2024")
    assert "ev-year-only" in hub and "ev-e0040" not in hub
    assert all(f'href="/r/timeline/{m}/"' in hub for m in months_2024)
    assert "ev-month-only" in _html(site, "timeline/2024-05")


def test_every_event_is_listed_on_exactly_one_period_page(site):
    seen: dict[str, str] = {}
    for name in _period_dirs(site):
        for eid in re.findall(r'<li id="ev-([a-z0-9-]+)"', _html(site, f"timeline/{name}")):
            assert eid not in seen, f"{eid} on {seen[eid]} and {name}"
            seen[eid] = name
    events = {p.stem for p in (site.parent / "content" / "events").glob("*.md")}
    assert set(seen) == events
    assert seen["span"] == "2023" and seen["e0040"] == "2024-01" and seen["e0400"] == "2025"


def test_period_pages_link_previous_and_next_in_reading_order(site):
    order = ["2023", "2024", *[f"2024-{m:02d}" for m in range(1, 13)], "2025"]
    for i, name in enumerate(order):
        html = _html(site, f"timeline/{name}")
        prev = re.search(r'rel="prev" href="/r/timeline/([0-9-]+)/"', html)
        nxt = re.search(r'rel="next" href="/r/timeline/([0-9-]+)/"', html)
        assert (prev and prev[1]) == (order[i - 1] if i else None)
        assert (nxt and nxt[1]) == (order[i + 1] if i + 1 < len(order) else None)


def test_timeline_overview_has_a_fixed_number_of_bars_and_no_event_list(site):
    html = _html(site, "timeline")
    assert 'class="event-item' not in html
    bars = re.findall(r'<rect class="db-bar', html)
    assert 0 < len(bars) <= density.DENSITY_BINS
    # counts are in words too, for every period
    assert re.search(r'href="/r/timeline/2024-05/"[^>]*>May</a> <span class="pi-count">', html)
    assert 'aria-describedby="density-caption"' in html and "counted by the week" in html


def test_split_rule_is_stable_when_an_event_is_added(tmp_path):
    """One more event in 2025 changes no page of another year, nor any page's URL."""
    first = write_site(tmp_path / "a", corpus())
    extra = _event("late", "2025-03-01", ["freedonia"], "talks")
    second = write_site(tmp_path / "b", corpus({"content/events/late.md": extra}))
    for root in (first, second):
        assert run(root, "build", "--base-url", BASE)[0] == 0
    a, b = first / "output", second / "output"
    assert _period_dirs(a) == _period_dirs(b)

    def own_part(html: str) -> str:  # the page less the index of all periods (its counts)
        html = re.sub(r'<details class="all-periods">.*?</details>', "", html, flags=re.S)
        return re.sub(r'data-from="\d+" data-to="\d+"', "", html)

    for name in ["2023", "2024-03"]:
        strip_a = own_part(_html(a, f"timeline/{name}"))
        strip_b = own_part(_html(b, f"timeline/{name}"))
        assert strip_a == strip_b


def test_filter_data_lists_each_actors_events_in_timeline_order(site):
    choices = json.loads((site / "timeline/data/filters.json").read_text())
    assert ["jane-doe", "Jane Doe", 212] in choices["actors"]
    deltas = json.loads((site / "timeline/data/actor/jane-doe.json").read_text())["deltas"]
    positions = [sum(deltas[: i + 1]) for i in range(len(deltas))]
    assert len(positions) == 212 == len(set(positions)) and positions == sorted(positions)
    # position p is the p-th event of the timeline: the years' ranges tile 0..423 in order,
    # and jane-doe's positions fall on pages listing jane-doe's events
    html = _html(site, "timeline")
    years = re.findall(
        r'<li class="pi-year"><a href="[^"]+" data-from="(\d+)" data-to="(\d+)"', html
    )
    bounds = [(int(a), int(b)) for a, b in years]
    assert bounds[0][0] == 0 and bounds[-1][1] == 423
    assert all(x[1] == y[0] for x, y in zip(bounds, bounds[1:], strict=False))
    in_2023 = [p for p in positions if p < bounds[0][1]]
    listed = re.findall(r'data-actors="([^"]*)"', _html(site, "timeline/2023"))
    assert len(in_2023) == sum("jane-doe" in a.split() for a in listed) == 20


def test_busy_actor_has_period_pages_and_quiet_one_lists_everything(site):
    page = _html(site, "actors/jane-doe")
    assert page.count('class="event-item') == 20  # the latest; the rest by period
    for name in ["2023", "2024", "2025"]:  # 182 events in 2024: one page for the year
        assert f'href="/r/actors/jane-doe/{name}/"' in page
        assert (site / f"actors/jane-doe/{name}/index.html").exists()
    listed = sum(
        _html(site, f"actors/jane-doe/{p.name}").count('class="event-item')
        for p in (site / "actors/jane-doe").iterdir()
        if p.is_dir()
    )
    assert listed == 212
    assert _html(site, "locations/geneva").count('class="event-item') == 20
    # freedonia is in all 360 events of 2024: its year is split by month, like the timeline
    assert 'href="/r/actors/freedonia/2024-05/"' in _html(site, "actors/freedonia/2024")
    assert _html(site, "actors/freedonia/2024-05").count('class="event-item') == 31


def test_no_page_is_heavy_and_the_site_checks_clean(site):
    heavy = [p for p in site.rglob("*.html") if p.stat().st_size > 500 * 1024]
    assert heavy == []
    assert list(check_site(site, BASE)) == []
    sitemap = (site / "sitemap.xml").read_text()
    for url in ["timeline/2024-05/", "timeline/2023/", "actors/freedonia/2024-05/"]:
        assert f"<loc>{BASE}{url}</loc>" in sitemap


def test_split_pages_are_valid_html(site, tmp_path):
    sample = tmp_path / "sample"
    for path in [
        "timeline",
        "timeline/2024",
        "timeline/2024-05",
        "timeline/2023",
        "",
        "actors/jane-doe",
        "actors/jane-doe/2024",
        "actors/freedonia/2024",
        "actors/freedonia/2024-05",
    ]:
        dest = sample / (path.replace("/", "_") or "home") / "index.html"
        dest.parent.mkdir(parents=True)
        dest.write_text(_html(site, path) if path else (site / "index.html").read_text())
    errors = validate(sample)
    assert errors == [], "\n".join(
        f"{e['url']}:{e.get('lastLine')}: {e['message']}" for e in errors
    )


def test_period_pages_in_the_browser_filter_across_periods(site, tmp_path):
    """Served under /r/ as on GitHub Pages: axe finds nothing, and an actor filter counts
    that actor's events in every period, carrying the filter to the period links."""
    root = tmp_path / "served"
    root.mkdir()
    (root / "r").symlink_to(site)
    with static_server(root) as origin, sync_playwright() as p:
        browser = launch(p)
        for path in [
            "/r/timeline/",
            "/r/timeline/2024/",
            "/r/timeline/2024-05/",
            "/r/actors/jane-doe/",
            "/r/actors/freedonia/2024/",
            "/r/actors/freedonia/2024-05/",
            "/r/",
        ]:
            page = browser.new_page()
            errors = []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.on("console", lambda m, errors=errors: m.type == "error" and errors.append(m.text))
            assert page.goto(origin + path).ok
            results = Axe().run(page)
            assert results.violations_count == 0, (path, results.generate_report())
            assert errors == []
            page.close()
        page = browser.new_page()
        page.goto(origin + "/r/timeline/?actor=jane-doe&kind=talks")
        status = page.locator("#filter-status")
        status.filter(has_text="whole timeline").wait_for()
        expected = 1 + sum(1 for i in range(0, 420, 2) if i % 4 == 0)  # + month-only
        assert f"{expected} events in the whole timeline match" in status.inner_text()
        may = page.locator('.period-index a[href^="/r/timeline/2024-05/"]')
        assert may.get_attribute("href") == "/r/timeline/2024-05/?actor=jane-doe&kind=talks"
        assert page.locator(".density .db-match").count() > 0
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        may.click()
        page.wait_for_url("**/2024-05/?actor=jane-doe&kind=talks")
        page.locator("#filter-status").filter(has_text="whole timeline").wait_for()
        shown = page.locator(".timeline-list .event-item:not([hidden])").count()
        assert shown > 0 and all(
            "jane-doe" in (item.get_attribute("data-actors") or "")
            and item.get_attribute("data-kind") == "talks"
            for item in page.locator(".timeline-list .event-item:not([hidden])").all()
        )
        assert "?actor=jane-doe&kind=talks" in page.locator(
            ".pager a[rel=next]"
        ).first.get_attribute("href")
        browser.close()


def test_split_rule_in_the_abstract():
    """periods.split: by year, a crowded year by month; ids are calendar names."""
    from site_builder.content.model import Event, PartialDate
    from site_builder.diagnostics import SourcePos

    def ev(i: int, text: str) -> Event:
        return Event(
            f"e{i:04d}",
            "t",
            PartialDate.parse(text),
            None,
            False,
            "talks",
            (),
            (),
            (),
            "reviewed",
            "",
            SourcePos("x", 1),
        )

    quiet = [ev(i, "2023-03-0" + str(1 + i % 9)) for i in range(5)]
    busy = [ev(100 + i, f"2024-{1 + i % 12:02d}-01") for i in range(periods.PERIOD_LIMIT + 1)]
    busy.sort(key=lambda e: e.timeline_key)
    years = periods.split(quiet + busy)
    assert [y.id for y in years] == ["2023", "2024"]
    assert not years[0].split and len(years[1].months) == 12
    assert [p.id for p in periods.pages(years)][:3] == ["2023", "2024", "2024-01"]
    assert periods.find(years, busy[0]).id == "2024-01"
