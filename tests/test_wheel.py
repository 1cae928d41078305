"""Acceptance test of issue 12: the wheel, installed in a fresh virtual environment far
from this repository, starts, drafts, builds and checks a new briefing by itself.

It needs a package index for the wheel's dependencies (CI has PyPI) and skips only when
none answers. About a minute on a 2-core machine, most of it pip; pip's cache is reused.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from site_builder import __version__
from tests.browser import launch, static_server
from tests.conftest import REPO
from tests.test_html_valid import validate

pytestmark = pytest.mark.network
MAX_SECONDS = 120

ARTICLE = """\
---
title: Fishing talks resume in Reykjavik
published: 2024-03-14
source: Test Wire
author: A. Reporter
via: newsletter
---
Negotiators from Norway and Iceland met in Reykjavik on Tuesday to resume talks on mackerel quotas.

A further round of talks is planned in Bergen next month.
"""
# A saved news page with its furniture (nav, related links, comments): issue 12, part 4.
SAVED_PAGE = REPO / "tests" / "ingest_html" / "herald-port-talks.html"
ARTICLES = {"harbour.md": ARTICLE, "envoys.html": SAVED_PAGE.read_text(encoding="utf-8")}


def sh(*args, cwd: Path, env: dict | None = None, timeout: int = 300) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def clean_copy(dest: Path) -> Path:
    """The repository's files as a fresh clone has them (tracked and new, not ignored).

    Not the checkout itself: a stale site_builder.egg-info there lists files for the sdist
    that the package-data globs may have stopped matching, and hides the mistake."""
    listed = sh("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO)
    for name in filter(None, listed.split("\0")):
        path = REPO / name
        if path.is_file() and not path.is_symlink():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest / name)
    return dest


@pytest.fixture(scope="module")
def index_reachable(tmp_path_factory):
    """Skip, not fail, where pip can reach no package index (an offline laptop)."""
    probe = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d"]
        + [str(tmp_path_factory.mktemp("probe")), "pyyaml>=6,<7"],
        capture_output=True,
        timeout=120,
    )
    if probe.returncode != 0:
        pytest.skip("no package index reachable: the wheel's dependencies cannot be installed")


def test_the_wheel_makes_a_briefing_in_a_fresh_venv(index_reachable):
    started = time.monotonic()
    # Outside the repository (and outside pytest's tmp_path, which may sit inside it).
    with tempfile.TemporaryDirectory(prefix="site-builder-wheel-") as tmp:
        work = Path(tmp)
        source = clean_copy(work / "source")
        # build makes the sdist, then the wheel from the sdist: both must carry the theme.
        sh(sys.executable, "-m", "build", "--outdir", work / "dist", source, cwd=work)
        wheel = next((work / "dist").glob("site_builder-*.whl"))
        assert wheel.name.startswith(f"site_builder-{__version__}-")
        bin_dir = work / "venv" / "bin"
        # Only the venv's tools, no PYTHONPATH back into the repository (pip would take
        # the checkout's site_builder.egg-info for an installed site-builder).
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
        sh(sys.executable, "-m", "venv", work / "venv", cwd=work, env=env)
        sh(bin_dir / "pip", "install", "--quiet", wheel, cwd=work, env=env)
        tool = bin_dir / "site-builder"

        assert sh(tool, "--version", cwd=work, env=env) == f"site-builder {__version__}\n"
        sh(tool, "new", "brief", "--title", "Fishing talks: round #2", cwd=work, env=env)
        brief = work / "brief"
        for name, text in ARTICLES.items():
            (work / name).write_text(text, encoding="utf-8")
            sh(tool, "ingest", f"../{name}", cwd=brief, env=env)
        assert sorted(p.stem for p in (brief / "seeds").glob("*.md")) == ["envoys", "harbour"]
        sh(tool, "build", cwd=brief / "content", env=env)  # found from a subfolder
        sh(tool, "check", cwd=brief, env=env)

        for folder in ("events", "actors", "locations"):
            records = list((brief / "content" / folder).glob("*.md"))
            assert records, f"no {folder} drafted"
            for record in records:
                page = brief / "output" / folder / record.stem / "index.html"
                assert page.is_file(), page
        assert "Fishing talks: round #2" in (brief / "output/index.html").read_text()
        cited = {s.stem for s in (brief / "seeds").glob("*.md")}
        events = (brief / "content" / "events").glob("*.md")
        assert cited == {seed for e in events for seed in cited if f"seed: {seed}" in e.read_text()}
        assert validate(brief / "output") == []
        assert_accessible(brief / "output")

        package = next((work / "venv" / "lib").glob("python3*/site-packages/site_builder"))
        assert (package / "themes/default/templates/base.html").is_file()
        assert not list(package.parent.glob("__editable__*")), "an editable install"
        for path in [*(brief / "output").rglob("*"), *package.rglob("*")]:
            if path.is_file() and path.suffix != ".pyc":
                text = path.read_bytes()
                assert str(REPO).encode() not in text and b"/work/" not in text, path
    elapsed = time.monotonic() - started
    print(f"wheel acceptance: {elapsed:.1f} s")
    assert elapsed < MAX_SECONDS


def assert_accessible(folder: Path) -> None:
    """Every page of the new briefing passes axe in Chromium, as the repo's pages do."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    pages = sorted(folder.rglob("*.html"))
    with static_server(folder) as base, sync_playwright() as p:
        browser = launch(p)
        for path in pages:
            page = browser.new_page()
            page.goto(f"{base}/{path.relative_to(folder).as_posix()}")
            results = Axe().run(page)
            assert results.violations_count == 0, f"{path}: {results.generate_report()}"
            page.close()
        browser.close()
