"""The dev server renders the pages nobody asked for in forked processes (issue 14).

Whatever the renderers do — finish, get stopped by a newer change, die — output/ ends up
equal to a clean build of the site as it is now, and nothing they wrote half is left.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from site_builder.render.plan import SitePlan
from site_builder.serve import renderers
from site_builder.serve.preview import Preview
from tests.serving import eventually
from tests.test_incremental import Site, clean_build, tree

pytestmark = pytest.mark.skipif(
    renderers.worker_count() < 2, reason="one core: the server renders everything itself"
)


@pytest.fixture
def eager(monkeypatch):
    """Hand out even a small site's pages, in reports of one page each."""
    monkeypatch.setattr(renderers, "MIN_JOBS", 1)
    monkeypatch.setattr(renderers, "REPORT_EVERY", 0.0)


def started(root: Path) -> Preview:
    preview = Preview(root, root / "output", log=lambda line: None)
    preview.start()
    return preview


def leftovers(root: Path) -> list[str]:
    return [p.name for p in root.iterdir() if p.name.startswith(renderers.PARTIAL_PREFIX)]


def test_pages_nobody_asked_for_are_rendered_elsewhere_and_equal_a_clean_build(tmp_path, eager):
    site = Site(tmp_path / "site")
    preview = started(site.root)
    try:
        preview.wait_idle()
        assert preview.renderers.reported > 0  # the renderers did the work
        assert preview.problems == []
    finally:
        preview.stop()
    assert tree(site.root / "output") == clean_build(site.root)
    assert leftovers(site.root) == []


def test_a_change_stops_the_renderers_and_a_reverted_page_is_written_again(
    tmp_path, eager, monkeypatch
):
    """A renderer stopped before it reported a page may have written it: the server must
    not trust what it last wrote there (here the edit is reverted, so the bytes it would
    write again equal the ones it wrote before the edit)."""
    monkeypatch.setattr(renderers, "REPORT_EVERY", 3600.0)  # report only at the end
    site = Site(tmp_path / "site")
    hold = tmp_path / "hold"  # while it exists, the actor page's renderer stops after it
    render = SitePlan.render_page
    actor_url = "/briefing/actors/actor-0/"
    rendered_actor = []  # in the renderer that rendered the actor page

    def held(self, page, problems, checkpoint=None):
        while hold.exists() and rendered_actor and os.getpid() != parent:
            time.sleep(0.01)
        html = render(self, page, problems, checkpoint)
        if page.url == actor_url and hold.exists():
            rendered_actor.append(page.url)
        return html

    parent = os.getpid()
    monkeypatch.setattr(SitePlan, "render_page", held)
    original = dict(site.events["event-1"])
    actor_page = site.root / "output/actors/actor-0/index.html"
    preview = started(site.root)
    try:
        preview.wait_idle()
        hold.touch()
        site.put("events", "event-1", dict(original, title="An edited title"))
        preview.changed({site.path("events", "event-1")})
        eventually(lambda: b"An edited title" in actor_page.read_bytes())
        assert preview.rebuilds == 1  # the renderers are held: nothing reported yet
        site.put("events", "event-1", original)
        preview.changed({site.path("events", "event-1")})
        hold.unlink()
        preview.wait_idle()
    finally:
        preview.stop()
    assert b"An edited title" not in actor_page.read_bytes()
    assert tree(site.root / "output") == clean_build(site.root)
    assert leftovers(site.root) == []


def test_a_renderer_that_dies_hands_its_pages_back(tmp_path, eager, monkeypatch):
    run = renderers._run
    done = []

    def dying(epoch, job, key):
        done.append(key)
        if len(done) > 2:
            os._exit(3)  # in the renderer: as if it ran out of memory
        return run(epoch, job, key)

    monkeypatch.setattr(renderers, "_run", dying)
    site = Site(tmp_path / "site")
    preview = started(site.root)
    try:
        preview.wait_idle()
        assert 0 < preview.renderers.reported < preview.renderers.handed_out
    finally:
        preview.stop()
    assert tree(site.root / "output") == clean_build(site.root)
    assert leftovers(site.root) == []
