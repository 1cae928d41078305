"""`site-builder new DIR` (issue 12, part 2): a ready briefing that builds at once, into a
valid, accessible site whose empty pages say what to do next; and a site's own look
(part 5): one template and one stylesheet of its own, the rest from the bundled theme."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder import __version__
from site_builder.cli import main
from site_builder.content.config import load_config
from site_builder.diagnostics import Problems
from site_builder.scaffold import LAYOUT, new_site
from tests.test_publish import actionlint

EMPTY_PAGES = {
    "index.html": "This briefing has no records yet",
    "timeline/index.html": "No events on record yet.",
    "actors/index.html": "No actors on record yet.",
    "locations/index.html": "No places on record yet.",
}


def new(tmp_path: Path, *args: str, capsys=None) -> tuple[int, str, str]:
    code = main(["new", *args])
    if capsys is None:
        return code, "", ""
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def files_in(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_new_writes_a_complete_briefing(tmp_path, capsys):
    site = tmp_path / "brief"
    code, out, _ = new(tmp_path, str(site), capsys=capsys)
    assert code == 0
    assert files_in(site) == set(LAYOUT)
    assert "site-builder ingest" in out and "site-builder serve" in out
    for folder in ("content/events", "content/actors", "content/locations", "seeds"):
        assert (site / folder / ".gitkeep").read_bytes() == b""
    ignored = (site / ".gitignore").read_text().split()
    assert {"/output/", "/.site-builder-cache/", "/.venv/"} <= set(ignored)
    problems = Problems()
    config = load_config(site, problems)
    assert not problems
    assert (config.title, config.base_url, config.language, config.theme) == (
        "Brief",
        "/",
        "en",
        "default",
    )
    assert "@" not in (site / "README.md").read_text().replace("@v", "")


@pytest.mark.parametrize(
    "title",
    [
        "Round #2: talks",
        'The "Geneva" talks',
        "It's: a # test 'quoted'",
        "Back\\slash and — dashes, 中文",
        "no: yes",
        "- starts like a list",
    ],
)
def test_title_round_trips_through_site_yaml(tmp_path, title):
    site = tmp_path / "s"
    assert new(tmp_path, str(site), "--title", title)[0] == 0
    problems = Problems()
    assert load_config(site, problems).title == title
    assert not problems
    assert (site / "README.md").read_text().startswith(f"# {title}\n")


@pytest.mark.parametrize("title", ["", "   ", "two\nlines", "tab\there"])
def test_a_title_that_is_not_one_line_of_text_is_refused(tmp_path, title, capsys):
    site = tmp_path / "s"
    code, _, err = new(tmp_path, str(site), "--title", title, capsys=capsys)
    assert code == 2 and err.startswith("error: --title")
    assert not site.exists()


def test_a_folder_with_files_is_refused_and_left_as_it_was(tmp_path, capsys):
    site = tmp_path / "mine"
    site.mkdir()
    (site / "site.yaml").write_text("title: Mine\n")
    (site / "notes.txt").write_text("keep me")
    code, out, err = new(tmp_path, str(site), capsys=capsys)
    assert code == 1 and out == ""
    assert err.startswith(f"error: {site} is not empty (it holds notes.txt, site.yaml)")
    assert files_in(site) == {"site.yaml", "notes.txt"}
    assert (site / "site.yaml").read_text() == "title: Mine\n"


def test_a_file_in_the_way_is_refused(tmp_path, capsys):
    (tmp_path / "taken").write_text("x")
    code, _, err = new(tmp_path, str(tmp_path / "taken"), capsys=capsys)
    assert code == 1 and "exists and is not a folder" in err
    assert (tmp_path / "taken").read_text() == "x"


def test_an_empty_folder_or_a_fresh_clone_is_fine(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert new(tmp_path, str(empty))[0] == 0
    clone = tmp_path / "clone"
    (clone / ".git").mkdir(parents=True)
    (clone / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    assert new(tmp_path, str(clone))[0] == 0
    assert (clone / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"


def test_new_never_replaces_a_file_that_appears_meanwhile(tmp_path, monkeypatch):
    """The check and the writes are not atomic; exclusive creation closes the gap."""
    site = tmp_path / "s"
    import site_builder.scaffold as scaffold

    def racing(dest):  # someone writes README.md right after the check
        dest.mkdir()
        (dest / "README.md").write_text("theirs")

    monkeypatch.setattr(scaffold, "check_destination", racing)
    with pytest.raises(FileExistsError):
        new_site(site, "T")
    assert (site / "README.md").read_text() == "theirs"
    assert files_in(site) == {"README.md"}  # what new wrote before the clash is gone


def test_the_workflow_installs_this_version_caches_and_passes_actionlint(tmp_path):
    new_site(tmp_path / "s", "T")
    workflow = tmp_path / "s/.github/workflows/pages.yml"
    text = workflow.read_text()
    assert re.search(rf"^  SITE_BUILDER: site-builder=={re.escape(__version__)}$", text, re.M)
    assert 'pip install "$SITE_BUILDER"' in text
    assert "path: .site-builder-cache" in text and "${{ env.SITE_BUILDER }}" in text
    assert 'site-builder build --base-url "${BASE_URL%/}/"' in text
    assert "site-builder check --base-url" in text
    assert (code := actionlint(workflow)) == (0, []), code


@pytest.fixture(scope="module")
def empty_build(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("new") / "brief"
    new_site(site, "An empty briefing")
    assert main(["--root", str(site), "build"]) == 0
    assert main(["--root", str(site), "check"]) == 0
    return site / "output"


def test_an_empty_briefing_says_what_to_do_next(empty_build):
    pages = sorted(p.relative_to(empty_build).as_posix() for p in empty_build.rglob("*.html"))
    assert len(pages) == 6
    for name, text in EMPTY_PAGES.items():
        html = (empty_build / name).read_text()
        assert text in html, name
        assert "site-builder ingest" in html, name
        assert not re.search(r'href="(https?:)?//', html), f"{name} links outside the site"


def test_a_briefing_with_records_shows_no_empty_state(repo_build):
    for name in EMPTY_PAGES:
        html = (repo_build / name).read_text()
        assert "empty-state" not in html and "site-builder ingest" not in html, name


def test_the_empty_pages_are_valid_html(empty_build):
    from tests.test_html_valid import validate

    assert validate(empty_build) == []


def test_the_empty_pages_are_accessible_in_both_schemes(empty_build):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    from tests.browser import launch, static_server

    with static_server(empty_build) as base, sync_playwright() as p:
        browser = launch(p)
        for scheme in ("light", "dark"):
            for name in EMPTY_PAGES:
                page = browser.new_page(color_scheme=scheme)
                errors = []
                page.on("console", lambda m, e=errors: m.type == "error" and e.append(m.text))
                assert page.goto(f"{base}/{name.removesuffix('index.html')}").ok
                assert page.locator("h1").count() == 1
                results = Axe().run(page)
                assert results.violations_count == 0, results.generate_report()
                assert errors == [], (name, errors)
                page.close()
        browser.close()


OWN_404 = """\
{% extends "base.html" %}
{% block content %}
<h1>Not in this briefing</h1>
<p class="own-404">Try the <a href="{{ site.home_url }}">overview</a>.</p>
{% endblock %}
"""


def test_a_site_overrides_one_template_and_adds_its_own_stylesheet(tmp_path):
    site = tmp_path / "brief"
    new_site(site, "Own look")
    (site / "templates").mkdir()
    (site / "templates/404.html").write_text(OWN_404)
    (site / "static").mkdir()
    (site / "static/site.css").write_text(":root { --accent: #7a1f5c; }\n")
    assert main(["--root", str(site), "build"]) == 0
    out = site / "output"
    page = (out / "404.html").read_text()
    assert '<p class="own-404">' in page and "Skip to content" in page  # theme's base.html
    assert (out / "static/site.css").read_text() == ":root { --accent: #7a1f5c; }\n"
    theme_css = Path(__file__).resolve().parents[1] / "themes/default/static/style.css"
    assert (out / "static/style.css").read_bytes() == theme_css.read_bytes()
    for html in out.rglob("*.html"):
        text = html.read_text()
        theme, own = text.find("/static/style.css?v="), text.find("/static/site.css?v=")
        assert 0 < theme < own, f"{html}: site.css must load after the theme's style.css"
    assert "This briefing has no records yet" in (out / "index.html").read_text()
    assert main(["--root", str(site), "check"]) == 0


def test_without_its_own_stylesheet_a_site_links_none(empty_build):
    assert "site.css" not in (empty_build / "index.html").read_text()
