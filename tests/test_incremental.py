"""Incremental rebuilds (issue 4): after every edit the tree equals a clean build, byte for byte.

The property test drives random sequences of edits, additions, deletions and renames of
events, actors and locations, and template edits, through one IncrementalBuilder, and
after each step compares output/ with a fresh build of the same files.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.build.incremental import IncrementalBuilder
from site_builder.build.pipeline import render_site
from site_builder.content.library import load_library
from site_builder.diagnostics import BuildError, Superseded
from site_builder.render.templates import BUNDLED_THEMES

SENTENCES = [f"Delegation {n} met in the capital and signed note {n}." for n in range(8)]
TEMPLATES = ["event.html", "actor.html", "location.html", "timeline.html", "base.html"]
STEPS_PER_EXAMPLE = 22
EXAMPLES = 10  # 220 random steps in all
SETTLED_EXAMPLES = 5  # 110 more, through the caches that trust settled stat signatures
TICK = 0.02  # seconds; longer than the kernel's timestamp granularity (a jiffy, <= 10 ms)
FAR_FUTURE_NS = 10**12  # 1,000 s: every file on disk looks older than the racy window


class Site:
    """A small briefing kept as plain data and written to disk one changed file at a time."""

    def __init__(self, root: Path):
        self.root = root
        self.events: dict[str, dict] = {}
        self.actors: dict[str, dict] = {}
        self.locations: dict[str, dict] = {}
        self.counter = 0
        _write(root / "site.yaml", "title: Property briefing\nbase_url: /briefing/\n")
        _write(
            root / "seeds/article.md",
            "---\ntitle: An article\npublished: 2025-03-01\n---\n" + "\n".join(SENTENCES) + "\n",
        )
        for n in range(3):
            self.put("actors", f"actor-{n}", {"name": f"Actor {n}", "role": "Envoy"})
            self.put("locations", f"place-{n}", {"name": f"Place {n}", "country": "FR"})
        for n in range(4):
            self.put("events", f"event-{n}", self.new_event(n))

    def new_event(self, n: int, actors=("actor-0",), places=("place-0",)) -> dict:
        return {
            "title": f"Event number {n}",
            "date": f"2025-02-{1 + n % 27:02d}",
            "actors": list(actors),
            "locations": list(places),
            "quote": SENTENCES[n % len(SENTENCES)],
            "body": f"Body of event {n}.",
        }

    def fresh_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}-new-{self.counter}"

    def put(self, kind: str, record_id: str, fields: dict) -> None:
        getattr(self, kind)[record_id] = fields
        _write(self.path(kind, record_id), self.text(kind, fields))

    def remove(self, kind: str, record_id: str) -> dict:
        self.path(kind, record_id).unlink()
        return getattr(self, kind).pop(record_id)

    def rename(self, kind: str, old: str, new: str) -> None:
        os.rename(self.path(kind, old), self.path(kind, new))
        getattr(self, kind)[new] = getattr(self, kind).pop(old)

    def path(self, kind: str, record_id: str) -> Path:
        return self.root / "content" / kind / f"{record_id}.md"

    @staticmethod
    def text(kind: str, f: dict) -> str:
        if kind == "actors":
            return f"---\nname: {f['name']}\nkind: person\nrole: {f['role']}\n---\nProfile.\n"
        if kind == "locations":
            return f"---\nname: {f['name']}\nkind: city\ncountry: {f['country']}\n---\n"
        return (
            f"---\ntitle: {f['title']}\ndate: {f['date']}\nkind: talks\n"
            f"actors: [{', '.join(f['actors'])}]\nlocations: [{', '.join(f['locations'])}]\n"
            f'sources:\n  - seed: article\n    quote: "{f["quote"]}"\n---\n{f["body"]}\n'
        )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def tree(folder: Path) -> dict[str, bytes]:
    files = {}
    for path in folder.rglob("*"):
        if path.is_file():
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
        elif path.is_dir():
            assert any(path.iterdir()), f"empty folder left behind: {path}"
    return files


def clean_build(root: Path) -> dict[str, bytes] | str:
    """What `site-builder build` would write, or its problem report."""
    try:
        files, _ = render_site(root, load_library(root))
    except BuildError as err:
        return err.problems.report()
    return {path.as_posix(): data for path, data in files.items()}


def incremental(builder: IncrementalBuilder) -> str | None:
    try:
        builder.rebuild()
    except BuildError as err:
        return err.problems.report()
    return None


# --- one random step ------------------------------------------------------------------


def step(site: Site, data) -> str:
    kind = data.draw(st.sampled_from(["events", "events", "actors", "locations", "template"]))
    if kind == "template":
        return edit_template(site, data)
    records = getattr(site, kind)
    action = data.draw(st.sampled_from(["edit", "edit", "add", "delete", "rename", "break"]))
    if action == "add" or not records:
        return add(site, kind, data)
    record_id = data.draw(st.sampled_from(sorted(records)))
    if action == "edit":
        fields = dict(records[record_id])
        key = "title" if kind == "events" else "name"
        fields[key] = data.draw(st.sampled_from(["Alpha", "Beta talks", "Gamma & co", "Ωmega"]))
        if kind == "events":
            fields["actors"] = data.draw(
                st.lists(st.sampled_from(sorted(site.actors) or ["actor-0"]), unique=True)
            )
            fields["date"] = data.draw(st.sampled_from(["2025-01-05", "2025-02", "2025-03-07"]))
        site.put(kind, record_id, fields)
    elif action == "delete":
        site.remove(kind, record_id)
    elif action == "rename":
        site.rename(kind, record_id, site.fresh_id(kind[:-1]))
    else:  # a typo that a clean build refuses; a later edit of the file repairs it
        site.path(kind, record_id).write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    return f"{action} {kind} {record_id}"


def add(site: Site, kind: str, data) -> str:
    record_id = site.fresh_id(kind[:-1])
    if kind == "events":
        actors = data.draw(
            st.lists(st.sampled_from(sorted(site.actors) or ["actor-0"]), max_size=2, unique=True)
        )
        site.put(kind, record_id, site.new_event(site.counter, actors, sorted(site.locations)[:1]))
    elif kind == "actors":
        site.put(kind, record_id, {"name": f"New actor {site.counter}", "role": "Aide"})
    else:
        site.put(kind, record_id, {"name": f"New place {site.counter}", "country": "DE"})
    return f"add {kind} {record_id}"


def edit_template(site: Site, data) -> str:
    """Override a theme template in the site's templates/ folder, or drop the override."""
    name = data.draw(st.sampled_from(TEMPLATES))
    target = site.root / "templates" / name
    if target.exists() and data.draw(st.booleans()):
        target.unlink()
        return f"drop override {name}"
    text = (BUNDLED_THEMES / "default/templates" / name).read_text(encoding="utf-8")
    marker = data.draw(st.sampled_from(["<!-- one -->", "<!-- two -->", "{# silent #}"]))
    _write(target, text.replace("</h1>", f"</h1>{marker}", 1) if "</h1>" in text else marker + text)
    return f"override {name}"


def run_steps(root: Path, site: Site, builder: IncrementalBuilder, data, pause: float = 0) -> None:
    assert incremental(builder) is None
    for number in range(STEPS_PER_EXAMPLE):
        time.sleep(pause)
        done = step(site, data)
        expected = clean_build(root)
        problems = incremental(builder)
        if isinstance(expected, str):
            assert problems == expected, f"step {number}: {done}"
        else:
            assert problems is None, f"step {number}: {done}: {problems}"
            assert tree(root / "output") == expected, f"step {number}: {done}"


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_incremental_tree_equals_clean_build_after_every_step(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("site")
    run_steps(root, Site(root), IncrementalBuilder(root, root / "output"), data)


@settings(
    max_examples=SETTLED_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_trusting_settled_signatures_still_equals_a_clean_build(tmp_path_factory, data):
    """Files and folders here are seconds old at most, so the steps above re-read them
    all (the racy rule). With the reader's clock moved forward, files and folder listings
    are taken from the cache whenever their stat signature is unchanged: the path a
    long-running preview takes. Steps are a timestamp tick apart, as edits by hand are."""
    root = tmp_path_factory.mktemp("site")
    builder = IncrementalBuilder(root, root / "output")
    builder.reader.clock = lambda: time.time_ns() + FAR_FUTURE_NS
    run_steps(root, Site(root), builder, data, pause=TICK)


# --- what is skipped, and what is not ---------------------------------------------------


@pytest.fixture
def built(tmp_path):
    site = Site(tmp_path / "site")
    builder = IncrementalBuilder(site.root, site.root / "output")
    builder.rebuild()
    return site, builder


def test_an_event_edit_rereads_one_file_and_rerenders_only_pages_that_show_it(built):
    site, builder = built
    parses = builder.reader.parses
    fields = dict(site.events["event-1"], title="A new title")
    site.put("events", "event-1", fields)
    epoch = builder.rebuild()
    assert builder.reader.parses == parses + 1
    shown_in = {
        "events/event-0/index.html",  # previous and next event link to it
        "events/event-1/index.html",
        "events/event-2/index.html",
        "actors/actor-0/index.html",
        "locations/place-0/index.html",
        "sources/article/index.html",
        "timeline/index.html",
        "index.html",
    }
    assert {p.as_posix() for p in epoch.stats.rendered_paths} == shown_in
    assert b"A new title" in (site.root / "output/events/event-1/index.html").read_bytes()


def test_unchanged_files_are_not_rewritten(built):
    site, builder = built
    untouched = site.root / "output/locations/place-2/index.html"
    before = untouched.stat().st_mtime_ns
    site.put("events", "event-1", dict(site.events["event-1"], body="Another body."))
    builder.rebuild()
    assert untouched.stat().st_mtime_ns == before


def test_nothing_changed_renders_nothing(built):
    _, builder = built
    epoch = builder.rebuild()
    assert epoch.stats.rendered == 0 and epoch.stats.written == 0


def test_same_size_edit_right_after_a_build_is_seen(built):
    """Timestamps are coarse: a same-size rewrite in the same tick must still be read."""
    site, builder = built
    fields = dict(site.events["event-2"], title="Event number X")  # same length as before
    site.put("events", "event-2", fields)
    builder.rebuild()
    assert b"Event number X" in (site.root / "output/events/event-2/index.html").read_bytes()


def test_a_template_edit_rerenders_the_pages_using_it(built):
    site, builder = built
    theme = BUNDLED_THEMES / "default/templates/event.html"
    override = site.root / "templates/event.html"
    override.parent.mkdir()
    shutil.copy(theme, override)
    override.write_text(override.read_text().replace("</h1>", "</h1><p>OVERRIDE</p>", 1))
    builder.rebuild()
    assert b"OVERRIDE" in (site.root / "output/events/event-0/index.html").read_bytes()


def test_a_failed_rebuild_keeps_the_last_good_output(built):
    site, builder = built
    before = tree(site.root / "output")
    site.path("events", "event-0").write_text("---\ntitle: [broken\n---\n")
    with pytest.raises(BuildError, match=r"content/events/event-0.md:2"):
        builder.rebuild()
    assert tree(site.root / "output") == before


def test_settled_folders_are_not_listed_again_until_a_file_comes_or_goes(built):
    site, builder = built
    builder.reader.clock = lambda: time.time_ns() + FAR_FUTURE_NS
    builder.rebuild()  # signatures recorded as settled
    listed, parses = builder.reader.listed, builder.reader.parses
    builder.rebuild()
    assert (builder.reader.listed, builder.reader.parses) == (listed, parses)
    time.sleep(TICK)
    site.put("events", "event-9", site.new_event(9))
    builder.rebuild()
    assert builder.reader.listed > listed
    assert (site.root / "output/events/event-9/index.html").is_file()
    time.sleep(TICK)
    site.remove("events", "event-9")
    builder.rebuild()
    assert not (site.root / "output/events/event-9").exists()


def test_a_superseded_render_writes_nothing_and_the_next_rebuild_catches_up(built):
    site, builder = built
    timeline = site.root / "output/timeline/index.html"
    before = timeline.read_bytes()
    site.put("events", "event-1", dict(site.events["event-1"], title="Renamed talks"))
    epoch = builder.start()
    epoch.superseded = lambda: True  # a newer save arrived
    path = next(p for p in epoch.jobs if str(p) == "timeline/index.html")
    with pytest.raises(Superseded):
        epoch.take(path)()
    assert timeline.read_bytes() == before
    builder.rebuild()
    assert b"Renamed talks" in timeline.read_bytes()
    assert tree(site.root / "output") == clean_build(site.root)


def test_an_unchanged_event_is_checked_again_when_what_it_links_to_goes(built):
    site, builder = built
    site.remove("actors", "actor-0")  # event-0..3 all name actor-0; none of them changed
    with pytest.raises(BuildError, match="unknown actor 'actor-0'") as failure:
        builder.rebuild()
    assert str(failure.value.problems.report()) == clean_build(site.root)
