"""The dev server and `build` share the build cache's parsed records (issue 14).

A server's first read takes a file's record from `.site-builder-cache/` only for the
exact bytes it reads now; it writes the cache back when it parsed files itself; a
damaged or foreign cache is ignored. In every case output/ equals a clean build.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder.build import cache, reading
from site_builder.build.incremental import IncrementalBuilder
from site_builder.build.pipeline import RECORDS_FILE, build, render_site
from site_builder.content import cached_reader
from site_builder.content.library import load_library
from tests.serving import eventually, preview_server
from tests.test_build_cache import DAMAGES, damaged
from tests.test_serve import EVENT, EVENT_URL, TITLE, body_of, edit, tree

RECORD_FILES = 5  # the scratch site's events, actors, locations, seeds and pages


def clean(root: Path) -> dict[str, bytes]:
    files, _ = render_site(root, load_library(root))
    return {p.as_posix(): data for p, data in files.items()}


def first_build(root: Path) -> IncrementalBuilder:
    builder = IncrementalBuilder(root, root / "output")
    builder.rebuild()
    return builder


def records_file(root: Path) -> Path:
    return root / cache.CACHE_DIR / RECORDS_FILE


@pytest.fixture
def counted_parses(monkeypatch):
    """How many files `build` parsed (the scratch site is small: no worker processes)."""
    count = []
    parse = reading.read_record

    def counting(*args, **kwargs):
        count.append(args[1])
        return parse(*args, **kwargs)

    monkeypatch.setattr(reading, "read_record", counting)
    return count


def test_after_a_build_the_server_parses_nothing(scratch_site):
    root = scratch_site()
    build(root, root / "output")
    builder = first_build(root)
    assert builder.reader.parses == 0
    assert builder.records.hits == RECORD_FILES
    assert tree(root / "output") == clean(root)


def test_a_file_with_other_bytes_is_parsed_not_taken_from_the_cache(scratch_site):
    root = scratch_site()
    build(root, root / "output")
    edit(root, EVENT, TITLE, "Talks resume in Geneva")
    builder = first_build(root)
    assert builder.reader.parses == 1
    page = (root / "output/events/2025-02-10-geneva-talks/index.html").read_bytes()
    assert b"Talks resume in Geneva" in page and TITLE.encode() not in page
    assert tree(root / "output") == clean(root)


def test_same_size_and_mtime_but_other_bytes_is_still_parsed(scratch_site):
    """The cache is keyed by the bytes read now, never by a stat signature."""
    root = scratch_site()
    build(root, root / "output")
    path = root / EVENT
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    swapped = text.replace(TITLE, TITLE[:-1] + "b")
    assert len(swapped) == len(text) and swapped != text
    path.write_text(swapped, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    builder = first_build(root)
    assert builder.reader.parses == 1
    assert (TITLE[:-1] + "b").encode() in (
        root / "output/events/2025-02-10-geneva-talks/index.html"
    ).read_bytes()
    assert tree(root / "output") == clean(root)


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_or_foreign_cache_is_ignored(scratch_site, damage):
    root = scratch_site()
    build(root, root / "output")
    edit(root, EVENT, TITLE, "Edited after caching")
    path = records_file(root)
    path.write_bytes(damaged(path.read_bytes(), damage))
    builder = first_build(root)
    assert builder.reader.parses == RECORD_FILES  # every file parsed as usual
    assert builder.records.hits == 0
    assert (
        b"Edited after caching"
        in (root / "output/events/2025-02-10-geneva-talks/index.html").read_bytes()
    )
    assert tree(root / "output") == clean(root)


def test_a_cache_of_the_wrong_shape_is_ignored(scratch_site):
    """A well-formed cache file whose entries are not records (a bug, an old layout)."""
    root = scratch_site()
    build(root, root / "output")
    known = cache.load(records_file(root))
    cache.save(records_file(root), {key: ("not a record", None) for key in known})
    builder = first_build(root)
    assert builder.records.hits == 0 and builder.reader.parses == RECORD_FILES
    assert tree(root / "output") == clean(root)


def test_serve_writes_the_cache_that_the_next_server_and_build_use(
    scratch_site, counted_parses, tmp_path
):
    root = scratch_site()
    assert not records_file(root).exists()
    with preview_server(root) as (server, _):
        assert server.preview.builder.reader.parses == RECORD_FILES
        assert records_file(root).exists()  # written before the server counts as idle
    second = first_build(root)
    assert second.reader.parses == 0
    build(root, tmp_path / "out")
    assert counted_parses == []  # build parsed nothing either
    assert tree(tmp_path / "out") == clean(root)


def test_a_server_that_parsed_nothing_leaves_the_cache_alone(scratch_site):
    root = scratch_site()
    build(root, root / "output")
    before = records_file(root).stat().st_mtime_ns
    builder = first_build(root)
    assert builder.keep_records(first=True) is False
    assert records_file(root).stat().st_mtime_ns == before


def test_an_edit_while_serving_from_the_cache_is_served(scratch_site):
    root = scratch_site()
    build(root, root / "output")
    with preview_server(root) as (server, _):
        assert server.preview.builder.reader.parses == 0
        edit(root, EVENT, TITLE, "Edited while serving")
        server.preview.changed({root / EVENT})
        server.preview.wait_idle()
        assert b"Edited while serving" in body_of(server, EVENT_URL)
    assert tree(root / "output") == clean(root)


def test_the_reader_without_a_store_parses_as_before(scratch_site):
    root = scratch_site()
    build(root, root / "output")
    reader = cached_reader.CachedReader()
    load_library(root, None, reader)
    assert reader.parses == RECORD_FILES


def test_the_cache_is_written_before_the_rest_of_a_first_build(scratch_site, slow_pages):
    """A server stopped right after its first pages still leaves the cache; once every
    page is written, the cache holds every body's HTML too."""
    root = scratch_site()
    with preview_server(root, wait=False) as (server, _):
        assert TITLE.encode() in body_of(server, EVENT_URL)
        eventually(records_file(root).exists)
        assert server.preview.rebuilds == 0  # pages are still being rendered
        early = cache.load(records_file(root))
        assert len(early) == RECORD_FILES
        server.wait_ready()
    done = cache.load(records_file(root))
    assert done.keys() == early.keys()
    bodies = [
        (r, html) for r, html in done.values() if isinstance(getattr(r.record, "body", None), str)
    ]
    assert bodies and all(isinstance(html, str) for _, html in bodies)


def test_a_build_from_a_cache_without_html_equals_a_clean_build(scratch_site, tmp_path):
    root = scratch_site()
    builder = first_build(root)
    assert builder.keep_records(first=True, complete=False)
    assert all(html is None for _, html in cache.load(records_file(root)).values())
    build(root, tmp_path / "out")
    assert tree(tmp_path / "out") == clean(root)
