"""Issue 6, deliverable 1: every case of the bad-input corpus through the real CLI.

See tests/bad_input/README.md for the layout of a case.
"""

from __future__ import annotations

import re
import shutil

import pytest

from site_builder.cli import main
from tests.corpus import BASE, load_cases, prepare, run_forked, tree

CASES = load_cases()
# The target is under a second (benchmarks/bad_input.py prints the real numbers, each case
# in a fresh interpreter); 5 s only keeps a loaded machine from failing the suite. Memory
# is the peak of Python's allocations during the build: the 20 MB record must not be read.
MAX_SECONDS = 5
MAX_MEGABYTES = 20
PROBLEM_LINE = re.compile(r"^[^\s:][^:]*:\d+: \S.*$")


@pytest.fixture(scope="session")
def built_base(tmp_path_factory):
    """The base site, built once: every case starts from this output."""
    site = tmp_path_factory.mktemp("bad-input-base") / "site"
    shutil.copytree(BASE, site)
    assert main(["--root", str(site), "build"]) == 0
    return site


def test_corpus_covers_the_issue():
    failing = [c for c in CASES if not c.must_succeed]
    working = [c for c in CASES if c.must_succeed]
    assert len(CASES) >= 40
    assert len(failing) >= 40 and len(working) >= 5


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case, built_base, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_base, site, symlinks=True)
    before = tree(site / "output")
    prepare(case, site)

    outcome = run_forked(site, timeout=60)

    assert "Traceback" not in outcome.stderr + outcome.stdout
    assert outcome.stderr == case.expected
    after = tree(site / "output")
    if case.must_succeed:
        assert outcome.code == 0
        assert outcome.stdout.startswith("Built ")
        if case.options.get("same_output"):
            assert after == before
        for name, text in case.shows:
            assert text in after[name].decode("utf-8"), f"{name} does not show {text!r}"
    else:
        assert outcome.code == 1
        *problems, count = outcome.stderr.splitlines()
        assert problems and all(PROBLEM_LINE.match(line) for line in problems)
        assert count.endswith("found; nothing was written.")
        assert after == before, "a failed build changed output/"
    assert not list(site.glob(".building-*")) and not list(site.glob(".retired-*"))
    assert outcome.seconds < MAX_SECONDS
    assert outcome.max_rss_mb < MAX_MEGABYTES
