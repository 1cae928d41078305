"""`site-builder ingest` of saved web pages and of articles with extra front-matter keys
(issue 12, part 4): text and metadata from the page, never its boilerplate; bad pages
refused with one clear line; unknown keys kept in the seed under `meta:` and built."""

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run
from test_ingest_command import snapshot, write

from site_builder.content.frontmatter import parse_document
from site_builder.content.library import load_library
from site_builder.diagnostics import Problems

PAGES = Path(__file__).parent / "ingest_html"
# Words that occur only in the furniture of the saved pages: menus, cookie banners,
# newsletter boxes, ads, related and most-read lists, comments, sidebars and footers.
# Each of their event-like lines names a place the article does not.
BOILERPLATE = [
    "cookies", "Subscribe", "Sign up", "Advertisement", "Related stories", "Ankara",
    "Cairo", "Mosul", "Oslo", "harbourwatcher", "All rights reserved", "Privacy policy",
    "Bucharest", "Warsaw", "Madrid", "Rome", "Share on", "Most read", "Riga", "Blogroll",
    "Archive", "Responses", "Powered by", "Log in",
]  # fmt: skip

EXTRA_KEYS_ARTICLE = """---
title: Observers deployed
published: 2026-03-26
author: Jane Smith
via: [newsletter, "tip line"]
version: 1.10
---
Foreign Minister Jane Doe visited Tallinn on Wednesday to meet the ceasefire observers.
"""


@pytest.fixture
def site(scratch_site):
    return scratch_site()


def page(tmp_path: Path, name: str, replace: tuple[str, str] | None = None) -> Path:
    """A copy of a saved page (optionally edited), named as the analyst saved it."""
    text = (PAGES / name).read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    return write(tmp_path / "saved" / name, text)


def seed_of(site: Path, seed_id: str):
    path = site / "seeds" / f"{seed_id}.md"
    doc = parse_document(path.read_text(encoding="utf-8"), path, path.name, Problems())
    assert doc is not None
    return doc


def drafted(site: Path, seed_id: str):
    return [e for e in load_library(site).events if any(s.seed == seed_id for s in e.sources)]


# ---------------------------------------------------------------------- saved pages
@pytest.mark.parametrize(
    ("name", "meta", "first_words"),
    [
        (  # JSON-LD NewsArticle, og:site_name, <link rel=canonical>
            "herald-port-talks.html",
            {
                "title": "Freedonian and Sylvanian envoys meet in Lisbon",
                "published": "2026-03-17",
                "source": "The Harbour Herald",
                "url": "https://www.harbourherald.example/world/2026/03/17/envoys-meet-in-lisbon",
            },
            "Freedonian Foreign Minister Jane Doe met",
        ),
        (  # div soup; the date only in <meta property="article:published_time">, og:url
            "wire-ceasefire.html",
            {
                "title": "Ceasefire agreed in Geneva",
                "published": "2026-03-20",
                "source": "Continental Wire",
                "url": "https://continentalwire.example/news/ceasefire-agreed-in-geneva-4411",
            },
            "GENEVA — Delegates from Freedonia",
        ),
        (  # a blog post: the date only in <time datetime>, no site name, no address
            "blog-observers.htm",
            {"title": "Observers arrive in Tallinn", "published": "2026-03-25"},
            "Observers arrive in Tallinn",
        ),
    ],
)
def test_a_saved_page_becomes_a_seed_with_its_metadata(
    site, tmp_path, capsys, name, meta, first_words
):
    code, out, err = run(site, "ingest", str(page(tmp_path, name)), capsys=capsys)
    assert (code, err) == (0, "")
    seed_id = Path(name).stem
    doc = seed_of(site, seed_id)
    assert doc.meta == meta
    assert doc.body.startswith(first_words)
    assert "<" not in doc.body and "\n\n" in doc.body  # text, one paragraph per block
    for word in BOILERPLATE:
        assert word not in doc.body, word
    events = drafted(site, seed_id)
    assert events, out
    text = " ".join(doc.body.split())
    for event in events:
        for source in event.sources:
            assert " ".join(source.quote.split()) in text  # what the build checks, too
        for word in BOILERPLATE:
            assert word not in event.title and word not in event.body, (word, event.id)
    assert run(site, "build")[0] == 0


def test_nothing_on_the_page_around_the_article_becomes_a_record(site, tmp_path):
    for name in ("herald-port-talks.html", "wire-ceasefire.html", "blog-observers.htm"):
        assert run(site, "ingest", str(page(tmp_path, name)))[0] == 0
    names = {p.stem for p in (site / "content").rglob("*.md")}
    for place in ("ankara", "cairo", "mosul", "oslo", "bucharest", "warsaw", "madrid", "riga"):
        assert not any(place in n for n in names), place
    assert {"lisbon", "tallinn", "geneva"} <= set(load_library(site).locations)


def test_published_overrides_the_page_date_and_fills_a_missing_one(site, tmp_path, capsys):
    dated = page(tmp_path, "herald-port-talks.html")
    code, out, _ = run(site, "ingest", str(dated), "--published", "2026-03-18", capsys=capsys)
    assert code == 0 and "(published 2026-03-18)" in out
    assert seed_of(site, "herald-port-talks").meta["published"] == "2026-03-18"
    undated = page(tmp_path, "blog-observers.htm", ('<time datetime="2026-03-25">', "<time>"))
    code, _, err = run(site, "ingest", str(undated), capsys=capsys)
    assert code == 1 and "no publication date" in err and "--published" in err
    assert run(site, "ingest", str(undated), "--published", "2026-03-25")[0] == 0
    assert seed_of(site, "blog-observers").meta["published"] == "2026-03-25"


def test_ingesting_a_page_twice_changes_nothing(site, tmp_path, capsys):
    saved = page(tmp_path, "wire-ceasefire.html")
    assert run(site, "ingest", str(saved))[0] == 0
    before = snapshot(site)
    code, out, _ = run(site, "ingest", str(saved), capsys=capsys)
    assert code == 0 and "Created 0 records, updated 0" in out
    assert snapshot(site) == before


def test_a_page_in_a_declared_legacy_encoding_is_read_in_it(site, tmp_path):
    html = (PAGES / "wire-ceasefire.html").read_text(encoding="utf-8")
    html = html.replace("charset=utf-8", "charset=iso-8859-1").replace("—", "-")
    saved = write(tmp_path / "legacy.html", html.encode("windows-1252"))  # curly quotes: 0x93/0x94
    assert run(site, "ingest", str(saved))[0] == 0
    assert "“a first step and not the last”" in seed_of(site, "legacy").body


def test_a_page_is_read_without_any_network_access(site, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("ingest tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert run(site, "ingest", str(page(tmp_path, "herald-port-talks.html")))[0] == 0


def test_trafilatura_is_imported_only_for_web_pages(site, tmp_path):
    article = write(tmp_path / "plain.md", EXTRA_KEYS_ARTICLE)
    script = (
        "import sys; from site_builder.cli import main; "
        f"code = main(['--root', {str(site)!r}, 'ingest', '--dry-run', {str(article)!r}]); "
        "print(code, 'trafilatura' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO)},
        check=False,
    )
    assert done.stdout.split()[-2:] == ["0", "False"], done.stderr


# ---------------------------------------------------------------------- bad pages
NAV_ONLY = (PAGES / "nav-only.html").read_text(encoding="utf-8")
HERALD = (PAGES / "herald-port-talks.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (NAV_ONLY, "no article text found in this web page"),
        ("<html><head><title>T</title></head><body></body></html>", "no article text"),
        ("", "the web page is empty"),
        ("   \n", "the web page is empty"),
        (HERALD.replace("Portugal", "Portugal\udcff"), "not utf-8 text (byte 0xff)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (HERALD.replace('<meta charset="utf-8">', '<meta charset="x-klingon">'),
         "unknown character set 'x-klingon'"),
    ],
)  # fmt: skip
def test_a_bad_page_is_reported_without_writing(site, tmp_path, capsys, content, message):
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogateescape")
    before = snapshot(site)
    saved = write(tmp_path / "bad.html", content)
    code, out, err = run(site, "ingest", str(saved), capsys=capsys)
    assert code == 1, out
    assert message in err and f"{saved.as_posix()}:" in err and "Traceback" not in err
    assert err.count("\n") == 2  # the problem and the count: one line each
    assert snapshot(site) == before


def test_a_bad_page_stops_the_good_articles_beside_it(site, tmp_path, capsys):
    before = snapshot(site)
    good = page(tmp_path, "herald-port-talks.html")
    bad = write(tmp_path / "menu.htm", NAV_ONLY)
    code, _, err = run(site, "ingest", str(good), str(bad), capsys=capsys)
    assert code == 1 and "menu.htm:1: no article text" in err
    assert snapshot(site) == before


# ---------------------------------------------------------------------- extra front matter
def test_extra_front_matter_keys_are_kept_in_the_seed_with_one_warning(site, tmp_path, capsys):
    article = write(tmp_path / "story.md", EXTRA_KEYS_ARTICLE)
    code, out, err = run(site, "ingest", str(article), capsys=capsys)
    assert code == 0
    assert err == (
        f"{article.as_posix()}:4: warning: kept front-matter keys not used by ingest: "
        "author, via, version\n"
    )
    doc = seed_of(site, "story")
    assert doc.meta["meta"] == {
        "author": "Jane Smith",
        "via": ["newsletter", "tip line"],
        "version": 1.1,
    }
    assert "version: 1.10" in (site / "seeds" / "story.md").read_text()  # as written
    assert (doc.meta["title"], doc.meta["published"]) == ("Observers deployed", "2026-03-26")
    assert drafted(site, "story") and run(site, "build")[0] == 0


def test_an_article_already_in_seeds_is_told_where_extra_keys_go(site, capsys):
    """A file in seeds/ is a seed already, and a seed holds other keys under `meta:`."""
    article = write(site / "seeds" / "story.md", EXTRA_KEYS_ARTICLE)
    before = snapshot(site)
    refused = "seeds/story.md:4: unknown field 'author'; a seed keeps other keys under 'meta:'"
    for args in (("ingest", str(article)), ("build",)):
        code, _, err = run(site, *args, capsys=capsys)
        assert code == 1 and refused in err, args
    assert snapshot(site) == before


def test_a_seed_keeps_any_values_under_meta_and_builds(site, capsys):
    write(
        site / "seeds" / "kept.md",
        "---\ntitle: Kept\npublished: 2026-01-02\nmeta:\n  author: A. Writer\n"
        "  tags: [a, b]\n  nested: {on: NO, n: 1.10}\n---\nSome text.\n",
    )
    code, _, err = run(site, "build", capsys=capsys)
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("meta: red\n", "seeds/x.md:4: 'meta' must be a set of 'key: value' fields"),
        ("metta: {a: 1}\n", "seeds/x.md:4: unknown field 'metta' (did you mean 'meta'?)"),
        ("licence: CC-BY\n", "seeds/x.md:4: unknown field 'licence' (did you mean 'license'?)"),
    ],
)
def test_a_seed_still_refuses_a_bad_meta_or_a_misspelt_field(site, capsys, front, message):
    write(site / "seeds" / "x.md", f"---\ntitle: X\npublished: 2026-01-02\n{front}---\nText.\n")
    code, _, err = run(site, "build", capsys=capsys)
    assert code == 1 and message in err


def test_an_article_meta_mapping_is_merged_with_its_extra_keys(site, tmp_path, capsys):
    text = EXTRA_KEYS_ARTICLE.replace("author: Jane Smith\n", "meta:\n  desk: foreign\n")
    assert run(site, "ingest", str(write(tmp_path / "m.md", text)), capsys=capsys)[0] == 0
    assert seed_of(site, "m").meta["meta"] == {
        "desk": "foreign",
        "via": ["newsletter", "tip line"],
        "version": 1.1,
    }
    clash = text.replace("version: 1.10", "desk: home")
    code, _, err = run(site, "ingest", str(write(tmp_path / "c.md", clash)), capsys=capsys)
    assert code == 1 and "c.md:7: 'desk' is given both here and under 'meta:'" in err


# ---------------------------------------------------------------------- end to end
def test_a_page_and_an_article_with_extra_keys_build_into_one_site(site, tmp_path, capsys):
    saved = page(tmp_path, "herald-port-talks.html")
    article = write(tmp_path / "story.md", EXTRA_KEYS_ARTICLE)
    code, _, err = run(site, "ingest", str(saved), str(article), capsys=capsys)
    assert code == 0 and err.count("warning:") == 1
    code, out, err = run(site, "build", capsys=capsys)
    assert (code, err) == (0, "")
    library = load_library(site)  # every quote was verified against its seed
    output = site / "output"
    for seed_id in ("herald-port-talks", "story"):
        events = [e for e in library.events if any(s.seed == seed_id for s in e.sources)]
        assert events, seed_id
        for event in events:
            assert (output / "events" / event.id / "index.html").is_file()
            for actor in event.actors:
                assert (output / "actors" / actor / "index.html").is_file()
            for location in event.locations:
                assert (output / "locations" / location / "index.html").is_file()
        assert (output / "sources" / seed_id / "index.html").is_file()
    placed = {loc for e in library.events for loc in e.locations}
    assert {"lisbon", "tallinn"} <= placed
    exported = {e["id"] for e in json.loads((output / "events.json").read_text())["events"]}
    assert {e.id for e in library.events} == exported
