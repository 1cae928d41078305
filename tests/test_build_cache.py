"""The build cache (issue 14): `build` with its cache writes exactly what `build --no-cache`
writes, on one core or many, after any sequence of edits; a damaged cache is ignored.

The property test drives the random edits of test_incremental.py (records edited, added,
deleted, renamed, broken; template overrides added and dropped) and after each one
compares a cached build of the site with an uncached one, files and problem reports.
"""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.build import cache, parallel, reading
from site_builder.build.pipeline import INPUTS_FILE, OUTPUT_FILE, RECORDS_FILE, build
from site_builder.diagnostics import BuildError
from tests.conftest import run
from tests.test_incremental import FAR_FUTURE_NS, TICK, Site, step, tree

STEPS = 12
EXAMPLES = 8


@pytest.fixture
def settled(monkeypatch):
    """Every file looks older than the racy window, as in a long-lived checkout: the
    cache then trusts stat signatures (steps are a timestamp tick apart)."""
    monkeypatch.setattr(cache, "clock", lambda: time.time_ns() + FAR_FUTURE_NS)


def outcome(root: Path, out: Path, use_cache: bool):
    try:
        result = build(root, out, use_cache=use_cache)
    except BuildError as err:
        return err.problems.report(), None
    return tree(out), result


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_cached_builds_equal_uncached_ones_after_every_edit(
    tmp_path_factory, monkeypatch, settled, data
):
    root = tmp_path_factory.mktemp("site")
    site = Site(root)
    for number in range(STEPS):
        time.sleep(TICK)
        done = step(site, data) if number else "first build"
        many = data.draw(st.booleans(), label="many cores")
        monkeypatch.setattr(parallel, "PARALLEL_MIN_PAGES", 1 if many else 10**9)
        monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1 if many else 10**9)
        expected, _ = outcome(root, root.parent / f"{root.name}-clean", use_cache=False)
        got, _ = outcome(root, root / "output", use_cache=True)
        assert got == expected, f"step {number}: {done}"
        again, result = outcome(root, root / "output", use_cache=True)
        assert again == expected, f"step {number} (built twice): {done}"
        if result is not None:
            assert result.unchanged == result.pages, "nothing changed, yet pages were rendered"


def test_nothing_changed_renders_nothing_and_one_edit_renders_only_its_pages(tmp_path, settled):
    site = Site(tmp_path / "site")
    out = site.root / "output"
    first = build(site.root, out)
    assert first.unchanged == 0
    second = build(site.root, out)
    assert (second.pages, second.unchanged) == (first.pages, first.pages)
    assert "unchanged)" in second.summary()
    time.sleep(TICK)
    site.put("events", "event-1", dict(site.events["event-1"], title="A new title"))
    third = build(site.root, out)
    # The event, its neighbours, its actor, place and source, the timeline, the overview.
    assert third.pages - third.unchanged == 8
    assert b"A new title" in (out / "events/event-1/index.html").read_bytes()
    assert tree(out) == outcome(site.root, tmp_path / "clean", use_cache=False)[0]


def test_a_build_with_nothing_to_write_still_cleans_up_after_a_killed_one(tmp_path, settled):
    site = Site(tmp_path / "site")
    out = site.root / "output"
    build(site.root, out)
    left = site.root / ".building-output-99999"  # what a build killed while writing leaves
    (left / "events").mkdir(parents=True)
    (left / "events/index.html").write_text("half a page", encoding="utf-8")
    second = build(site.root, out)
    assert second.unchanged == second.pages
    assert not left.exists()


def test_an_output_file_changed_by_hand_is_rendered_again(tmp_path, settled):
    site = Site(tmp_path / "site")
    out = site.root / "output"
    build(site.root, out)
    page = out / "events/event-2/index.html"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"Event number 2", b"Event number X"))
    assert build(site.root, out).unchanged < build(site.root, tmp_path / "x").pages
    assert page.read_bytes() == good
    (out / "stray.html").write_text("not ours", encoding="utf-8")
    build(site.root, out)
    assert not (out / "stray.html").exists()


DAMAGES = ["truncated", "flipped", "foreign", "garbage", "empty"]


def damaged(data: bytes, damage: str) -> bytes:
    """A cache file's bytes as a crash, a bad disk, another version or a stray file leave it."""
    if damage == "truncated":
        return data[: len(data) // 2]
    if damage == "flipped":
        return data[:-10] + bytes([data[-10] ^ 1]) + data[-9:]
    if damage == "foreign":  # another version of the tool wrote it
        return data.replace(cache.tool_stamp(), bytes(20))
    if damage == "garbage":
        return b"\x00not a cache\xff" * 100
    return b""


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_cache_is_ignored(tmp_path, settled, damage):
    site = Site(tmp_path / "site")
    out = site.root / "output"
    build(site.root, out)
    time.sleep(TICK)
    site.put("events", "event-0", dict(site.events["event-0"], title="Edited after caching"))
    for name in (INPUTS_FILE, RECORDS_FILE, OUTPUT_FILE):
        path = site.root / cache.CACHE_DIR / name
        path.write_bytes(damaged(path.read_bytes(), damage))
    result = build(site.root, out)
    assert result.unchanged == 0
    assert tree(out) == outcome(site.root, tmp_path / "clean", use_cache=False)[0]
    assert b"Edited after caching" in (out / "events/event-0/index.html").read_bytes()


def test_a_planted_cache_cannot_run_code(tmp_path, settled):
    """A cache file is a pickle; one committed to a repository must not run anything."""
    site = Site(tmp_path / "site")
    out = site.root / "output"
    build(site.root, out)
    witness = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (Path.touch, (witness,))

    payload = pickle.dumps({"x": Evil()}, protocol=5)
    for name in (INPUTS_FILE, RECORDS_FILE, OUTPUT_FILE):
        path = site.root / cache.CACHE_DIR / name
        path.write_bytes(cache.FORMAT + cache.tool_stamp() + cache.digest(payload) + payload)
    build(site.root, out)
    assert not witness.exists()
    assert tree(out) == outcome(site.root, tmp_path / "clean", use_cache=False)[0]


def test_no_cache_neither_reads_nor_writes_the_cache(tmp_path, scratch_site, capsys):
    root = scratch_site()
    code, out, _ = run(root, "build", "--no-cache", capsys=capsys)
    assert code == 0 and "unchanged" not in out
    assert not (root / cache.CACHE_DIR).exists()
    assert run(root, "build", capsys=capsys)[0] == 0
    assert (root / cache.CACHE_DIR / OUTPUT_FILE).is_file()


def test_bad_input_after_a_cached_build_leaves_output_untouched(scratch_site, capsys, settled):
    root = scratch_site()
    assert run(root, "build", capsys=capsys)[0] == 0
    before = tree(root / "output")
    time.sleep(TICK)
    (root / "content/events/2025-02-10-geneva-talks.md").write_text(
        "---\ntitle: [unclosed\n---\n", encoding="utf-8"
    )
    code, _, err = run(root, "build", capsys=capsys)
    assert code == 1 and "content/events/2025-02-10-geneva-talks.md:" in err
    assert "Traceback" not in err
    assert tree(root / "output") == before
