"""Issue 6, deliverable 3: a build killed at any moment leaves the old site or the new one.

A generated site (600 events, about 660 pages; benchmarks/kill_builds.py runs the same
checks on 3000 events with many more kill points) is built again and again and killed
with SIGKILL at random moments (anywhere, while writing, during the swap): the write
phase in forked writer processes (both the renameat2 swap and the portable two-rename
fallback), and whole `site-builder build` runs. After every kill output/ must be exactly
the previous tree or the new one; the next build must succeed and clear the leftovers.
Set KILL_SEED to replay a run.
"""

from __future__ import annotations

import os
import random
import time
from datetime import UTC, datetime
from pathlib import PurePosixPath

import pytest

from tests import killing
from tests.conftest import run
from tests.sitegen import generate_site

EVENTS = 600
WRITE_KILLS = 20
CLI_KILLS = 4


@pytest.fixture(scope="module")
def large_sites(tmp_path_factory):
    """Two variants of a large site and the exact tree a complete build of each writes."""
    root = tmp_path_factory.mktemp("large")
    sites = {v: generate_site(root / v, EVENTS, variant=v) for v in ("a", "b")}
    started = time.perf_counter()
    trees = {v: killing.expected_tree(site) for v, site in sites.items()}
    render_seconds = (time.perf_counter() - started) / 2
    assert len(trees["a"]) > EVENTS and trees["a"].keys() != trees["b"].keys()
    return sites, trees, root / "shared" / "output", render_seconds


@pytest.fixture
def kill_log():
    seed = int(os.environ.get("KILL_SEED", time.time_ns() % 2**32))
    return random.Random(seed), killing.KillLog(seed)


def test_killed_writes_leave_the_old_or_the_new_tree(large_sites, kill_log):
    sites, trees, out_dir, _ = large_sites
    rng, log = kill_log
    killing.kill_writes(trees, out_dir, WRITE_KILLS, rng, log)
    assert log.problems == [], log.problems
    assert sum(log.outcomes.values()) == WRITE_KILLS
    print(f"write kills (seed {log.seed}): {dict(log.moments)}")


def test_killed_builds_leave_the_old_or_the_new_tree_and_the_next_build_cleans_up(
    large_sites, kill_log, capsys
):
    sites, trees, out_dir, render_seconds = large_sites
    rng, log = kill_log
    files = {PurePosixPath(k): b for k, b in trees["a"].items()}
    write_seconds = killing.measure_write(files, out_dir)
    # A build is its interpreter start, the render and the write: kill anywhere in it.
    duration = 0.5 + render_seconds + write_seconds

    killing.kill_cli_builds(
        sites, trees, out_dir, CLI_KILLS, rng, log, duration * 1.2, write_seconds
    )
    assert log.problems == [], log.problems
    print(f"build kills (seed {log.seed}): {dict(log.moments)}")

    assert run(sites["b"], "build", "--out", str(out_dir))[0] == 0
    assert killing.tree(out_dir) == trees["b"]  # stale pages of variant a are gone
    assert killing.leftovers(out_dir) == []


def test_concurrent_builds_publish_one_complete_tree(large_sites):
    """Pinned bug: a second build took the first one's half-written staging folder for a
    leftover and deleted files from it; the first then swapped in what remained. Both
    exited 0 and output/ lacked pages. A small second build shows it every time: it
    finishes first, so the damaged first tree is what stays published."""
    sites, trees, out_dir, _ = large_sites
    large = {PurePosixPath(k): b for k, b in trees["a"].items()}
    small = {PurePosixPath("index.html"): b"small", PurePosixPath("about/index.html"): b"x"}
    write_seconds = killing.measure_write(large, out_dir)
    for fraction in (0.2, 0.5):
        first = killing.forked_write(large, out_dir, exchange=True)
        time.sleep(write_seconds * fraction)
        second = killing.forked_write(small, out_dir, exchange=True)
        codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in (first, second)]
        assert codes == [0, 0]
        found = killing.tree(out_dir)
        assert found == {k.as_posix(): v for k, v in small.items()}, (
            f"second build started {fraction:.0%} into the first: output/ has {len(found)} files"
        )
        assert killing.leftovers(out_dir) == []


def test_no_clock_time_reaches_the_output(scratch_site, capsys, monkeypatch):
    """Two builds a second apart are identical and never show today's date: a build time,
    if one is ever shown, must come from SOURCE_DATE_EPOCH, not the clock (issue 6)."""
    root = scratch_site()
    today = datetime.now(UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    outputs = []
    for name in ("first", "second"):
        assert run(root, "build", "--out", str(root / name))[0] == 0
        outputs.append(killing.tree(root / name))
        time.sleep(1.1)
    assert outputs[0] == outputs[1]
    shown = b"".join(outputs[0].values())
    for form in (f"{today:%Y-%m-%d}", f"{today.day} {today:%B %Y}", f"{today:%d %b %Y}"):
        assert form.encode() not in shown, f"the build date {form} is in the output"


def test_classify_sees_a_mixed_tree(tmp_path):
    """The kill check can fail: a tree with pages from both builds is a mix."""
    old, new = {"a.html": b"1", "b.html": b"1"}, {"a.html": b"2", "b.html": b"2"}
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "a.html").write_bytes(b"1")
    (tmp_path / "output" / "b.html").write_bytes(b"2")
    assert killing.classify(tmp_path / "output", old, new).startswith("mixed")
    assert killing.classify(tmp_path / "missing", old, new).startswith("broken")
