"""Commands find their site as git finds its repository (issue 12, part 3): the nearest
folder with a site.yaml, here or above; outside any site they say so and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.content.site_root import find_site_root
from site_builder.scaffold import new_site

ARTICLE = """\
---
title: Fishing talks resume in Reykjavik
published: 2024-03-14
---
Negotiators from Norway and Iceland met in Reykjavik on Tuesday to resume talks on quotas.
"""


def cli(*args: str, capsys) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def site(tmp_path) -> Path:
    new_site(tmp_path / "brief", "Found")
    return tmp_path / "brief"


def test_the_nearest_folder_with_site_yaml_is_the_site(tmp_path):
    outer = tmp_path / "outer"
    inner = outer / "projects" / "inner"
    (inner / "content" / "events").mkdir(parents=True)
    (outer / "site.yaml").write_text("title: Outer\n")
    (inner / "site.yaml").write_text("title: Inner\n")
    assert find_site_root(inner / "content" / "events") == inner
    assert find_site_root(outer / "projects") == outer
    assert find_site_root(tmp_path) is None


def test_build_and_check_from_a_subfolder_use_the_site_root(site, monkeypatch, capsys):
    monkeypatch.chdir(site / "content" / "events")
    code, out, _ = cli("build", capsys=capsys)
    assert code == 0 and out.startswith("Built 6 pages")
    assert (site / "output" / "index.html").is_file()
    assert not (site / "content" / "events" / "output").exists()
    assert cli("check", capsys=capsys)[0] == 0


def test_ingest_from_a_subfolder_drafts_into_the_site(site, tmp_path, monkeypatch, capsys):
    article = tmp_path / "story.md"
    article.write_text(ARTICLE)
    monkeypatch.chdir(site / "seeds")
    code, out, err = cli("ingest", str(article), capsys=capsys)
    assert code == 0, err
    assert (site / "seeds" / "story.md").is_file()
    assert list((site / "content" / "events").glob("*.md"))
    assert "  copy seeds/story.md" in out  # named from the site root, as problems are


@pytest.mark.parametrize("command", [["build"], ["check"], ["serve"], ["ingest", "a.md"]])
def test_outside_any_site_a_command_says_so_and_exits_2(tmp_path, monkeypatch, capsys, command):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(*command, capsys=capsys)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"error: {tmp_path} is not in a briefing site: no site.yaml here or in any folder above.",
        "Start one with: site-builder new DIR (then cd DIR), or name a site with --root.",
    ]
    assert list(tmp_path.iterdir()) == []  # nothing written, no output/ made


def test_an_explicit_root_without_site_yaml_is_refused(tmp_path, capsys):
    (tmp_path / "content").mkdir()
    code, _, err = cli("--root", str(tmp_path), "build", capsys=capsys)
    assert code == 2
    assert err.startswith(f"error: --root {tmp_path} is not a briefing site: it has no site.yaml.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_an_explicit_root_wins_over_the_folder_around_it(site, tmp_path, monkeypatch, capsys):
    other = tmp_path / "other"
    new_site(other, "Other")
    monkeypatch.chdir(site)
    assert cli("--root", str(other), "build", capsys=capsys)[0] == 0
    assert (other / "output").is_dir() and not (site / "output").exists()
