"""Shared fixtures: a small valid site to break on purpose, and the repo's own build."""

from __future__ import annotations

import shutil
import textwrap
import time
from pathlib import Path

import pytest

from site_builder.cli import main

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

SEED_TEXT = (
    "Delegates met in Geneva on Monday and agreed a ceasefire. "
    "The minister said the deal “would hold”.\n"
    "A second round of talks is planned for March.\n"
)

BASE_FILES = {
    "site.yaml": "title: Test briefing\nbase_url: /\n",
    "seeds/article-one.md": "---\ntitle: Talks in Geneva\npublished: 2025-02-10\n---\n" + SEED_TEXT,
    "content/actors/jane-doe.md": """\
        ---
        name: Jane Doe
        aliases: [Doe, the minister]
        kind: person
        role: Foreign minister
        affiliation: freedonia
        status: reviewed
        ---
        Foreign minister of Freedonia.
        """,
    "content/actors/freedonia.md": """\
        ---
        name: Freedonia
        kind: state
        status: reviewed
        ---
        """,
    "content/locations/geneva.md": """\
        ---
        name: Geneva
        kind: city
        country: CH
        coordinates: [46.2044, 6.1432]
        status: reviewed
        ---
        """,
    "content/events/2025-02-10-geneva-talks.md": """\
        ---
        title: Delegates agree a ceasefire in Geneva
        date: 2025-02-10
        kind: talks
        actors: [jane-doe, freedonia]
        locations: [geneva]
        sources:
          - seed: article-one
            quote: "Delegates met in Geneva on Monday and agreed a ceasefire."
        status: reviewed
        ---
        The minister said the deal “would hold”.
        """,
}


def write_site(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write BASE_FILES overlaid with files (None deletes a base file)."""
    merged = {**BASE_FILES, **files}
    for name, text in merged.items():
        if text is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def scratch_site(tmp_path):
    """scratch_site({"content/events/x.md": "..."}) → a site folder with those files."""

    def make(files: dict[str, str | bytes | None] | None = None) -> Path:
        return write_site(tmp_path / "site", files or {})

    return make


def run(root: Path, *args: str, capsys=None) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    code = main(["--root", str(root), *args])
    if capsys is None:
        return code, "", ""
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def copy_repo_site(dest: Path) -> Path:
    """A copy of the repository's briefing (content, seeds, theme, settings) to build."""
    shutil.copytree(
        REPO,
        dest,
        ignore=shutil.ignore_patterns(
            "output", ".venv", "node_modules", ".git", "tests", "__pycache__", "screenshots"
        ),
    )
    return dest


@pytest.fixture(scope="session")
def repo_build(tmp_path_factory) -> Path:
    """The repository's own briefing, built once into a temporary output folder."""
    site = copy_repo_site(tmp_path_factory.mktemp("repo") / "site")
    assert main(["--root", str(site), "build"]) == 0
    return site / "output"


@pytest.fixture
def slow_pages(monkeypatch):
    """Every page takes 50 ms to render: the first build lasts seconds, not milliseconds."""
    from site_builder.render.plan import SitePlan

    render = SitePlan.render_page

    def slowly(self, page, problems, checkpoint=None):
        time.sleep(0.05)
        return render(self, page, problems, checkpoint)

    monkeypatch.setattr(SitePlan, "render_page", slowly)
