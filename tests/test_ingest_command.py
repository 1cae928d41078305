"""`site-builder ingest` end to end: valid drafts, idempotence, never overwriting a person's
work, recognising what is already on record, and bad input (issue 3)."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO, run

from site_builder.content.library import load_library

ARTICLE_A = """---
title: Bianchi visits Lisbon
published: 2026-03-17
---
Prime Minister Marco Bianchi visited Lisbon on Monday to discuss trade with President Ana Souza.
The Bank of Portugal raised its key rate on Tuesday.
"""
ARTICLE_B = """---
title: Trade talks in Lisbon
published: 2026-03-18
---
Italian Prime Minister Marco Bianchi held talks in Lisbon on Monday with President Ana Souza.
"""


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def snapshot(root: Path) -> dict[str, bytes]:
    """The site's own files: not output/ nor the build cache, which builds may rewrite."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not {"output", ".site-builder-cache"} & set(p.parts)
    }


def event_files(root: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted((root / "content" / "events").glob("*.md"))}


@pytest.fixture
def site(scratch_site):
    return scratch_site()


def test_drafts_pass_the_build_validation(site, tmp_path, capsys):
    article = write(tmp_path / "in" / "bianchi.md", ARTICLE_A)
    code, out, err = run(site, "ingest", str(article), capsys=capsys)
    assert (code, err) == (0, "")
    library = load_library(site)
    drafted = [e for e in library.events if e.status == "draft"]
    assert {e.kind for e in drafted} == {"visit", "decision"}
    visit = next(e for e in drafted if e.kind == "visit")
    assert (visit.date.iso(), visit.locations) == ("2026-03-16", ("lisbon",))
    assert set(visit.actors) == {"marco-bianchi", "ana-souza"}
    assert visit.sources[0].quote.startswith("Prime Minister Marco Bianchi visited Lisbon")
    lisbon = library.locations["lisbon"]
    assert (lisbon.country, lisbon.status) == ("PT", "draft") and lisbon.coordinates
    assert (site / "seeds" / "bianchi.md").is_file()
    assert "create content/events/2026-03-16-" in out


def test_running_twice_changes_nothing(site, tmp_path, capsys):
    article = write(tmp_path / "bianchi.md", ARTICLE_A)
    run(site, "ingest", str(article))
    before = snapshot(site)
    code, out, _ = run(site, "ingest", str(article), capsys=capsys)
    assert code == 0
    assert snapshot(site) == before
    assert "Created 0 records, updated 0; 2 events already on record." in out


def test_a_second_article_about_the_same_event_extends_an_untouched_draft(site, tmp_path, capsys):
    run(site, "ingest", str(write(tmp_path / "a.md", ARTICLE_A)))
    code, out, _ = run(site, "ingest", str(write(tmp_path / "b.md", ARTICLE_B)), capsys=capsys)
    assert code == 0 and "update content/events/2026-03-16-" in out
    (visit,) = [e for e in load_library(site).events if e.kind == "visit"]
    assert [s.seed for s in visit.sources] == ["a", "b"]
    assert len(list((site / "content" / "events").glob("2026-03-16-*.md"))) == 1


def test_an_edited_draft_is_never_overwritten(site, tmp_path, capsys):
    run(site, "ingest", str(write(tmp_path / "a.md", ARTICLE_A)))
    (path,) = (site / "content" / "events").glob("2026-03-16-*.md")
    edited = path.read_text().replace("status: draft", "status: draft\n", 1) + "Checked.\n"
    path.write_text(edited)
    code, out, _ = run(site, "ingest", str(write(tmp_path / "b.md", ARTICLE_B)), capsys=capsys)
    assert code == 0
    assert path.read_text() == edited
    assert "edited by a person" in out


def test_a_reviewed_record_is_never_overwritten(site, tmp_path):
    run(site, "ingest", str(write(tmp_path / "a.md", ARTICLE_A)))
    (path,) = (site / "content" / "events").glob("2026-03-16-*.md")
    reviewed = path.read_text().replace("status: draft", "status: reviewed")
    path.write_text(reviewed)
    state = json.loads((site / "content" / ".ingest-state.json").read_text())
    rel = f"events/{path.name}"
    state["records"][rel]["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (site / "content" / ".ingest-state.json").write_text(json.dumps(state))  # as if ingest wrote it
    run(site, "ingest", str(write(tmp_path / "b.md", ARTICLE_B)))
    assert path.read_text() == reviewed


def test_a_deleted_draft_is_not_drafted_again(site, tmp_path, capsys):
    article = write(tmp_path / "a.md", ARTICLE_A)
    run(site, "ingest", str(article))
    (path,) = (site / "content" / "events").glob("2026-03-16-*.md")
    path.unlink()
    code, out, _ = run(site, "ingest", str(article), capsys=capsys)
    assert code == 0 and not path.exists()
    assert "deleted by a person" in out


def test_a_deleted_actor_is_left_out_of_new_drafts(site, tmp_path):
    run(site, "ingest", str(write(tmp_path / "a.md", ARTICLE_A)))
    for path in (site / "content" / "events").glob("2026-03-16-*.md"):
        path.unlink()
    state = json.loads((site / "content" / ".ingest-state.json").read_text())
    state["records"] = {k: v for k, v in state["records"].items() if not k.startswith("events/")}
    (site / "content" / ".ingest-state.json").write_text(json.dumps(state))
    (site / "content" / "actors" / "ana-souza.md").unlink()
    run(site, "ingest", str(write(tmp_path / "b.md", ARTICLE_B)))
    (visit,) = [e for e in load_library(site).events if e.date.iso() == "2026-03-16"]
    assert "ana-souza" not in visit.actors


def test_two_articles_in_one_run_draft_the_shared_event_once(site, tmp_path):
    a, b = write(tmp_path / "a.md", ARTICLE_A), write(tmp_path / "b.md", ARTICLE_B)
    assert run(site, "ingest", str(a), str(b))[0] == 0
    assert len(list((site / "content" / "events").glob("2026-03-16-*.md"))) == 1
    load_library(site)


def test_dry_run_prints_the_plan_and_writes_nothing(site, tmp_path, capsys):
    before = snapshot(site)
    article = write(tmp_path / "a.md", ARTICLE_A)
    code, out, _ = run(site, "ingest", str(article), "--dry-run", capsys=capsys)
    assert code == 0
    assert "would copy seeds/a.md" in out and "would create content/events/" in out
    assert "Dry run: nothing was written." in out
    assert snapshot(site) == before


def test_a_plain_text_article_needs_a_publication_date(site, tmp_path, capsys):
    article = write(tmp_path / "story.txt", "Rebels seized the town of Goma on Monday.\n")
    code, _, err = run(site, "ingest", str(article), capsys=capsys)
    assert code == 1
    assert "story.txt:1: no publication date" in err and "Traceback" not in err
    code, _, _ = run(site, "ingest", str(article), "--published", "2026-01-28", capsys=capsys)
    assert code == 0
    seed = (site / "seeds" / "story.md").read_text()
    assert seed.startswith("---\ntitle: ") and "published: 2026-01-28" in seed
    load_library(site)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the article is empty"),
        ("  \n\n", "the article is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        (b"caf\xe9 au lait", "not UTF-8 text"),
        ("---\ntitle: X\n---\nText.\n", "no publication date"),
        ("---\ntitle: X\npublished: 2026-13-01\n---\nText.\n", "no month 13"),
        ("---\ntitle: X\npublished: 2026\n---\nText.\n", "must be a full date"),
        ("---\ntitle: X\npublished: 0001-01-01\n---\nText.\n", "not a plausible publication"),
        ("---\ntitle: X\npublished: 2026-01-01\nmeta: red\n---\nText.\n", "'meta' must be"),
    ],
)
def test_bad_input_is_reported_without_writing(site, tmp_path, capsys, content, message):
    before = snapshot(site)
    article = write(tmp_path / "bad.md", content)
    code, out, err = run(site, "ingest", str(article), capsys=capsys)
    assert code == 1
    assert message in err and "bad.md:" in err and "Traceback" not in err
    assert snapshot(site) == before


def test_a_missing_file_is_reported(site, tmp_path, capsys):
    code, _, err = run(site, "ingest", str(tmp_path / "nope.md"), capsys=capsys)
    assert code == 1 and "nope.md: no such file" in err


def test_an_article_in_which_nothing_happens_leaves_no_records(site, tmp_path, capsys):
    before = snapshot(site)
    article = write(
        tmp_path / "essay.md",
        "---\ntitle: On patience\npublished: 2026-02-02\n---\n"
        "Patience is a virtue that many admire.\nGood things come to those who wait.\n",
    )
    code, out, _ = run(site, "ingest", str(article), capsys=capsys)
    assert code == 0
    assert "no events found" in out.lower()
    assert snapshot(site) == before


def test_a_different_article_with_the_id_of_a_seed_is_refused(site, tmp_path, capsys):
    article = write(tmp_path / "article-one.md", ARTICLE_A)
    code, _, err = run(site, "ingest", str(article), capsys=capsys)
    assert code == 1 and "seeds/article-one.md already holds a different article" in err


def test_broken_records_in_content_stop_ingest(site, tmp_path, capsys):
    write(site / "content" / "events" / "broken.md", "---\ntitle: [\n---\n")
    code, _, err = run(site, "ingest", str(write(tmp_path / "a.md", ARTICLE_A)), capsys=capsys)
    assert code == 1 and "content/events/broken.md:2: YAML syntax error" in err


def test_records_can_be_written_to_another_content_folder(site, tmp_path):
    article = write(tmp_path / "a.md", ARTICLE_A)
    other = tmp_path / "drafts"
    assert run(site, "ingest", str(article), "--content", str(other))[0] == 0
    assert list((other / "events").glob("2026-03-16-*.md"))
    assert not list((site / "content" / "events").glob("2026-03-16-*.md"))


def test_ingesting_the_seed_into_the_reviewed_content_changes_nothing(tmp_path, capsys):
    """Acceptance of issue 3: every event of the seed is recognised as already on record,
    every actor and location is matched by name or alias, nothing is duplicated."""
    site = tmp_path / "repo"
    for part in ("content", "seeds"):
        shutil.copytree(REPO / part, site / part)
    shutil.copy(REPO / "site.yaml", site / "site.yaml")
    before = snapshot(site)
    seeds = [str(site / "seeds" / "000_4e45645a1e9bd8c8.md")]
    code, out, _ = run(site, "ingest", *seeds, capsys=capsys)
    assert code == 0 and "Created 0 records, updated 0" in out
    plain = REPO.parent / "shared" / "seeds" / "000_4e45645a1e9bd8c8.txt"
    if plain.is_file():  # the same article as plain text, as the issue ingests it
        code, out, _ = run(site, "ingest", str(plain), "--published", "2025-12-07", capsys=capsys)
        assert code == 0 and "Created 0 records, updated 0" in out
    assert snapshot(site) == before


def test_actors_and_places_on_record_are_reused_not_duplicated(site, tmp_path):
    article = write(
        tmp_path / "doe.md",
        "---\ntitle: Doe in Geneva\npublished: 2025-03-04\n---\n"
        "Doe visited Geneva on Monday to meet Freedonia's trade partners.\n",
    )
    before = {p.name for p in (site / "content").rglob("*.md")}
    assert run(site, "ingest", str(article))[0] == 0
    (event,) = [e for e in load_library(site).events if e.status == "draft"]
    assert (event.actors, event.locations) == (("jane-doe", "freedonia"), ("geneva",))
    created = {p.name for p in (site / "content").rglob("*.md")} - before
    assert created == {f"{event.id}.md"}
