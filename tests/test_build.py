"""End-to-end builds: the repo's own briefing, determinism and failure safety (issue 2)."""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

from site_builder.content.library import load_library
from tests.conftest import REPO, run


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"#?]+)', html))


def test_repo_briefing_has_a_page_for_every_record(repo_build):
    library = load_library(REPO)
    expected = {
        "index.html",
        "timeline/index.html",
        "actors/index.html",
        "locations/index.html",
        "404.html",
        "about/index.html",
        ".nojekyll",
    }
    expected |= {f"events/{e.id}/index.html" for e in library.events}
    expected |= {f"actors/{a}/index.html" for a in library.actors}
    expected |= {f"locations/{loc}/index.html" for loc in library.locations}
    expected |= {f"sources/{s}/index.html" for s in library.seeds}
    written = set(tree(repo_build))
    assert expected <= written, sorted(expected - written)
    assert len(library.events) >= 13 and len(library.actors) >= 10
    assert "sources/000_4e45645a1e9bd8c8/index.html" in written


def test_event_actor_and_location_pages_link_to_each_other(repo_build):
    library = load_library(REPO)
    for event in library.events:
        page = (repo_build / "events" / event.id / "index.html").read_text()
        for actor in event.actors:
            assert f"/actors/{actor}/" in links(page)
            actor_page = (repo_build / "actors" / actor / "index.html").read_text()
            assert f"/events/{event.id}/" in links(actor_page)
        for location in event.locations:
            assert f"/locations/{location}/" in links(page)
            location_page = (repo_build / "locations" / location / "index.html").read_text()
            assert f"/events/{event.id}/" in links(location_page)
        for source in event.sources:
            assert f"/sources/{source.seed}/" in links(page)


def test_every_internal_link_resolves_to_a_written_file(repo_build):
    files = set(tree(repo_build))
    for name in files:
        if not name.endswith(".html"):
            continue
        for href in links((repo_build / name).read_text()):
            if href.startswith("/"):
                target = href.lstrip("/")
                target = target + "index.html" if target == "" or target.endswith("/") else target
                assert target in files, f"{name} links to missing {href}"


def test_source_page_anchors_every_cited_quote(repo_build):
    library = load_library(REPO)
    for event in library.events:
        page = (repo_build / "events" / event.id / "index.html").read_text()
        for anchor in re.findall(r'href="/sources/[^"#]+/#(q-[0-9a-f]+)"', page):
            seed_page = next((repo_build / "sources").glob("*/index.html")).read_text()
            assert f'id="{anchor}"' in seed_page


def test_timeline_lists_events_in_date_order(repo_build):
    library = load_library(REPO)
    page = (repo_build / "timeline" / "index.html").read_text()
    positions = [page.index(f'href="/events/{e.id}/"') for e in library.events]
    assert positions == sorted(positions)


def test_two_builds_are_byte_identical(scratch_site, capsys):
    root = scratch_site()
    assert run(root, "build", "--out", str(root / "a"))[0] == 0
    assert run(root, "build", "--out", str(root / "b"))[0] == 0
    assert tree(root / "a") == tree(root / "b")


def test_broken_reference_exits_1_and_leaves_output_unchanged(scratch_site, capsys):
    root = scratch_site()
    assert run(root, "build")[0] == 0
    before = tree(root / "output")
    event = root / "content/events/2025-02-10-geneva-talks.md"
    event.write_text(event.read_text().replace("actors: [jane-doe", "actors: [jane-do"))
    code, out, err = run(root, "build", capsys=capsys)
    assert code == 1
    assert re.search(r"^content/events/2025-02-10-geneva-talks\.md:\d+: unknown actor", err, re.M)
    assert tree(root / "output") == before


def test_stale_files_disappear_on_rebuild(scratch_site, capsys):
    root = scratch_site()
    assert run(root, "build")[0] == 0
    (root / "output" / "leftover.html").write_text("old")
    assert run(root, "build")[0] == 0
    assert not (root / "output" / "leftover.html").exists()
    assert not list(root.glob(".building-*")) and not list(root.glob(".retired-*"))


def test_site_template_overrides_theme_template(scratch_site, capsys):
    root = scratch_site(
        {
            "templates/page.html": "<p>custom {{ page.title }}</p>\n",
            "content/about.md": "---\ntitle: About us\n---\nHello\n",
        }
    )
    assert run(root, "build")[0] == 0
    assert (root / "output/about/index.html").read_text() == "<p>custom About us</p>\n"


def test_template_typo_is_an_error_at_the_template_line(scratch_site, capsys):
    root = scratch_site(
        {
            "templates/page.html": "<p>ok</p>\n<p>{{ page.titel }}</p>\n",
            "content/about.md": "---\ntitle: About us\n---\nHello\n",
        }
    )
    code, _, err = run(root, "build", capsys=capsys)
    assert code == 1
    assert "templates/page.html:2: template error: 'dict object' has no attribute 'titel'" in err


def test_base_url_sub_path_prefixes_every_internal_link(scratch_site, capsys):
    root = scratch_site()
    code, _, _ = run(root, "build", "--base-url", "https://org.github.io/brief/")
    assert code == 0
    page = (root / "output/events/2025-02-10-geneva-talks/index.html").read_text()
    refs = re.findall(r'(?:href|src)="([^"]+)"', page)
    internal = [h for h in refs if not h.startswith(("http", "#"))]
    assert internal and all(h.startswith("/brief/") for h in internal), internal
    assert '<link rel="canonical" href="https://org.github.io/brief/events/' in page


def test_repo_output_matches_a_copy_built_elsewhere(repo_build, tmp_path):
    """Nothing in the output depends on where the site folder is."""
    site = tmp_path / "elsewhere"
    shutil.copytree(repo_build.parent, site, ignore=shutil.ignore_patterns("output"))
    assert run(site, "build")[0] == 0
    comparison = filecmp.dircmp(repo_build, site / "output")
    assert not comparison.diff_files and not comparison.left_only and not comparison.right_only


def test_overview_lists_the_soonest_scheduled_events_and_counts_the_rest(scratch_site, capsys):
    """A briefing with many scheduled events keeps the overview short (and fast to
    render): the soonest six, then a link to the rest on the timeline."""
    events = {
        f"content/events/planned-{n:02d}.md": f"""\
            ---
            title: Planned meeting number {n}
            date: 2025-03-{n + 1:02d}
            kind: talks
            actors: [jane-doe]
            locations: [geneva]
            sources:
              - seed: article-one
                quote: "A second round of talks is planned for March."
            status: reviewed
            ---
            """
        for n in range(9)
    }
    root = scratch_site(events)
    assert run(root, "build", capsys=capsys)[0] == 0
    html = (root / "output/index.html").read_text(encoding="utf-8")
    panel = html[
        html.index('id="next-heading"') : html.index("</section>", html.index("next-heading"))
    ]
    shown = re.findall(r"Planned meeting number (\d)", panel)
    assert shown == ["0", "1", "2", "3", "4", "5"]
    assert "3 more scheduled events on the timeline" in panel
    timeline = (root / "output/timeline/index.html").read_text(encoding="utf-8")
    assert all(f"Planned meeting number {n}" in timeline for n in range(9))


def test_rendering_on_several_cores_gives_the_same_files_and_problems(
    scratch_site, capsys, monkeypatch, tmp_path
):
    """A big site renders in forked workers; small ones are made big here by lowering the
    threshold. Files, and the report of a broken template, match the one-process build."""
    import site_builder.build.parallel as parallel

    root = scratch_site()
    outputs = {}
    for label, threshold in (("one", 10**9), ("many", 1)):
        monkeypatch.setattr(parallel, "PARALLEL_MIN_PAGES", threshold)
        monkeypatch.setattr(parallel, "PAGES_PER_TASK", 2)
        out = tmp_path / label
        assert run(root, "build", "--out", str(out), capsys=capsys)[0] == 0
        outputs[label] = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert outputs["one"] == outputs["many"]
    (root / "templates").mkdir()
    (root / "templates/event.html").write_text("{{ 1 / 0 }}\n", encoding="utf-8")
    reports = []
    for threshold in (10**9, 1):
        monkeypatch.setattr(parallel, "PARALLEL_MIN_PAGES", threshold)
        code, _, err = run(root, "build", "--out", str(tmp_path / "broken"), capsys=capsys)
        reports.append((code, err))
    assert reports[0] == reports[1] and reports[0][0] == 1
    assert "templates/event.html:1" in reports[0][1]
