"""Incremental rebuilds for the dev server, skipping work only by keys that cannot go stale.

Issue 4: Hugo, Jekyll, Eleventy and Lektor grew stale-page bugs from hand-tracked
dependency graphs. Nothing here tracks dependencies. Instead:

- a file is parsed again only when its bytes differ from the bytes it was parsed from
  (the cache key is the bytes themselves; see `CachedReader`), and it is not even read
  while its stat signature is unchanged and older than the clock's resolution;
- the library (references, indexes, order) is resolved from scratch every time;
- a page is rendered again only when the hash of its template sources and its complete
  render context differs from the one it was last rendered with;
- a file is written only when its bytes differ from what is on disk.

Pages are rendered one at a time (`Epoch`), so the server can render first the page a
browser is waiting for, the first build included (issue 14: a 10,000-event site used to
be rendered whole before any page was served). `Epoch.run_all()` is the whole rebuild.

The first read of the site takes parsed records from the build cache (`BuildRecords`):
`build` and `serve` share `.site-builder-cache/records.pickle`, keyed by the digest of
the bytes read now, and the server writes it back (atomically) once it parsed files no
build had, so the next start is fast too.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from site_builder.build import cache
from site_builder.build.output import ServeClaim
from site_builder.build.pipeline import RECORDS_FILE
from site_builder.content.cached_reader import CachedReader, RecordStore
from site_builder.content.library import LinkMemo, load_library
from site_builder.content.loader import FileRecord
from site_builder.diagnostics import BuildError, Problems, Superseded
from site_builder.render.markup import remember, render_markdown
from site_builder.render.plan import SitePlan, plan_site
from site_builder.render.templates import templates_digest

TEMP_SUFFIX = ".sb-partial"
# Files parsed since the cache was last written that make writing it again worth it
# (pickling 10,000 records takes a moment; one edited record parses in a millisecond).
SAVE_AFTER_PARSES = 200


class BuildRecords(RecordStore):
    """The build cache's parsed records (build/reading.py writes the same file).

    A hit needs the digest of the bytes read now; a missing, damaged or foreign cache
    file loads as nothing (cache.load), and the file is then parsed as usual."""

    def __init__(self, root: Path):
        self.path = root / cache.CACHE_DIR / RECORDS_FILE
        self.known: dict | None = None  # loaded on first use, in the build thread
        self.unsaved = 0  # files parsed here that the cache file does not hold
        self.missing_html = 0  # bodies written to it without their HTML
        self.hits = 0

    def get(self, kind: str, display: str, data: bytes) -> FileRecord | None:
        if self.known is None:
            known = cache.load(self.path)
            self.known = known if isinstance(known, dict) else {}
        hit = self.known.get((kind, display, cache.digest(data)))
        if not (isinstance(hit, tuple) and len(hit) == 2 and isinstance(hit[0], FileRecord)):
            return None
        result, html = hit
        body = getattr(result.record, "body", None)
        if isinstance(body, str) and isinstance(html, str):
            remember(body, html)
        self.hits += 1
        return result

    def parsed(self, kind: str, display: str, data: bytes, result: FileRecord) -> None:
        self.unsaved += 1

    def save(self, reader: CachedReader, first: bool, complete: bool) -> bool:
        """Write what the reader holds for files that still exist, if worth it.

        Early in a first rebuild (complete=False) a body's HTML is kept only when the
        cache had it; once every page is written, every body is in render_markdown's
        memo and the cache is written again with them (a later build renders none)."""
        due = self.unsaved >= SAVE_AFTER_PARSES or (first and self.unsaved)
        if not (due or (complete and self.missing_html)):
            return False
        known, kept, missing = self.known or {}, {}, 0
        for path, entry in reader.files.items():
            if not os.path.lexists(path):
                continue
            key = (entry.kind, entry.display, cache.digest(entry.data))
            old = known.get(key)
            html = old[1] if isinstance(old, tuple) and len(old) == 2 else None
            body = getattr(entry.result.record, "body", None)
            if isinstance(body, str) and not isinstance(html, str):
                html = render_markdown(body) if complete else None
                missing += html is None
            kept[key] = (entry.result, html)
        cache.save(self.path, kept)
        # What the cache holds is now in the reader: keeping a second index of 10,000
        # records only gives the cyclic GC more to walk on every rebuild.
        self.known, self.unsaved, self.missing_html = {}, 0, missing
        return True


@dataclass
class Stats:
    rendered: int = 0
    written: int = 0
    deleted: int = 0
    seconds: float = 0.0
    rendered_paths: list[PurePosixPath] = field(default_factory=list)


class IncrementalBuilder:
    """Keeps output/ equal to a clean build of the site, doing as little work as it can."""

    def __init__(self, root: Path, out_dir: Path, base_url: str | None = None):
        self.root = root
        self.out_dir = out_dir.resolve()
        self.base_url = base_url
        self.records = BuildRecords(root)
        self.reader = CachedReader(self.records)
        self.links = LinkMemo()
        self.on_disk: dict[PurePosixPath, bytes] = {}  # path → digest of what we wrote
        self.keys: dict[PurePosixPath, bytes] = {}  # page path → render key it was written with
        self.synced = False  # whether on_disk describes out_dir (after the first rebuild)
        self.claim: ServeClaim | None = None  # the server's hold on out_dir (output.py)
        # Set in serve's background renderers (serve/renderers.py): a renderer killed
        # mid-write leaves its partial file there, where the server deletes it.
        self.partial_dir: Path | None = None
        self._env: tuple[tuple, object] | None = None

    def start(self) -> Epoch:
        """Read and plan the site; raise BuildError if it has problems before rendering."""
        library = load_library(self.root, self.base_url, self.reader, self.links)
        plan = plan_site(self.root, library)
        templates = templates_digest(plan.theme)
        # Same template bytes in the same folders: reuse the compiled templates.
        if self._env is not None and self._env[0] == (templates, plan.theme):
            plan.env = self._env[1]
        else:
            self._env = ((templates, plan.theme), plan.env)
        return Epoch(self, plan, templates)

    def keep_records(self, first: bool, complete: bool = True) -> bool:
        """Write the parsed records to the build cache: in a first rebuild if it parsed
        anything, later once enough files were parsed again; True when written."""
        return self.records.save(self.reader, first, complete)

    def rebuild(self) -> Epoch:
        """The whole rebuild at once; raise BuildError on any problem (like `build`)."""
        epoch = self.start()
        epoch.run_all()
        epoch.raise_problems()
        return epoch

    # --- writing ------------------------------------------------------------------

    def write(self, path: PurePosixPath, data: bytes) -> bool:
        """Write one file atomically if its bytes changed; True when written."""
        digest = _digest(data)
        if self.on_disk.get(path) == digest:
            return False
        target = self.out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.partial_dir is None:
            partial = target.with_name(f".{target.name}{TEMP_SUFFIX}")
        else:  # a background renderer: its half-written file is in a folder of its own
            partial = self.partial_dir / f"file{TEMP_SUFFIX}"  # one write at a time
        partial.write_bytes(data)
        os.replace(partial, target)  # readers see the old file or the new one, never half
        self.on_disk[path] = digest
        return True

    def unsure(self, paths) -> None:
        """Forget what we know of these files: a renderer that was stopped may or may not
        have rewritten them, so the next rebuild renders and writes them again."""
        for path in paths:
            self.on_disk.pop(path, None)
            self.keys.pop(path, None)

    def delete(self, path: PurePosixPath) -> None:
        self.on_disk.pop(path, None)
        self.keys.pop(path, None)
        target = self.out_dir / path
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != self.out_dir and folder.is_relative_to(self.out_dir):
            try:
                folder.rmdir()  # only succeeds when empty, as a clean build would have it
            except OSError:
                break
            folder = folder.parent

    def sweep(self, expected: set[PurePosixPath]) -> int:
        """After the first rebuild: remove what an earlier build left that this one lacks."""
        removed = 0
        if not self.out_dir.is_dir():
            return removed
        for file in sorted(self.out_dir.rglob("*")):
            relative = PurePosixPath(file.relative_to(self.out_dir).as_posix())
            if (file.is_file() or file.is_symlink()) and relative not in expected:
                self.delete(relative)
                removed += 1
        return removed


class Epoch:
    """One rebuild: a plan and the jobs (one per output file) still to do."""

    def __init__(self, builder: IncrementalBuilder, plan: SitePlan, templates: bytes):
        self.builder = builder
        self.plan = plan
        self.problems = Problems(list(plan.problems.items))
        self.stats = Stats()
        self.started = time.perf_counter()
        # The first rebuild writes every file (what output/ holds may be any older build)
        # and then removes what it did not write; later ones write only changed bytes.
        self.first = not builder.synced
        self.templates = templates
        self.jobs: dict[object, Callable[[], None]] = {}
        for path, data in plan.static.items():
            self.jobs[path] = lambda path=path, data=data: self._put(path, data)
        for page, path in plan.outputs:
            self.jobs[path] = lambda page=page, path=path: self._page(page, path)
        for path, make in plan.export_makers().items():
            self.jobs[path] = lambda path=path, make=make: self._put(path, make())
        self.expected: set[PurePosixPath] = set(self.jobs)
        self.static = list(plan.static)
        self.running: object | None = None
        # Jobs handed to renderers in other processes (serve's background, on all cores):
        # still pending until settle() reports them.
        self.elsewhere: dict[object, Callable[[], None]] = {}
        self.done = False
        # Asked while a page renders (its context, then its output, chunk by chunk); the
        # dev server says yes once a newer change is known, and the page stops.
        self.superseded: Callable[[], bool] | None = None
        plan.refs.checkpoint = self._checkpoint

    def _checkpoint(self) -> None:
        """One mechanism for every long step: raise Superseded once the work is moot."""
        if self.superseded is not None and self.superseded():
            raise Superseded("a newer change is being built")

    def is_pending(self, path: PurePosixPath) -> bool:
        """Whether serving path now could show something older than this rebuild."""
        return path in self.jobs or path in self.elsewhere or path == self.running

    def job_for(self, path: PurePosixPath) -> object:
        """The job that makes path current."""
        return path

    def take(self, first: object | None = None) -> Callable[[], None]:
        """The job named `first` if it is still to do, else the next one in plan order."""
        if first in self.elsewhere:  # asked for now: do not wait for its renderer
            self.running = first
            return self.elsewhere.pop(first)
        if not self.jobs:
            self.running = None
            return _nothing  # the renderers elsewhere are done: complete() finishes
        key = first if first in self.jobs else next(iter(self.jobs))
        self.running = key
        return self.jobs.pop(key)

    def complete(self) -> None:
        """Call after running the job from take(); the last one finishes the rebuild."""
        self.running = None
        if not self.jobs and not self.elsewhere and not self.done:
            self._finish()
            self.done = True

    def hand_out(self) -> dict[object, Callable[[], None]]:
        """Every job still to do, for renderers in other processes; they stay pending."""
        handed, self.jobs = self.jobs, {}
        self.elsewhere.update(handed)
        return handed

    def settle(self, path, digest: bytes | None, key: bytes | None, rendered: bool, problems):
        """What a renderer elsewhere did with one job: the digest of the file it wrote
        (or left as it was) and the page's render key."""
        if self.elsewhere.pop(path, None) is None:
            return  # rendered here meanwhile, because a browser asked for it
        builder = self.builder
        if digest is not None and builder.on_disk.get(path) != digest:
            self.stats.written += 1
        for known, value in ((builder.on_disk, digest), (builder.keys, key)):
            if value is None:
                known.pop(path, None)
            else:
                known[path] = value
        if rendered:
            self.stats.rendered += 1
            self.stats.rendered_paths.append(path)
        for problem in problems:
            self.problems.add(problem.pos, problem.message)

    def run_next(self, first: object | None = None) -> None:
        self.take(first)()
        self.complete()

    def run_all(self) -> None:
        while self.jobs:
            self.run_next()

    def raise_problems(self) -> None:
        if self.problems:
            raise BuildError(self.problems)

    # --- jobs ---------------------------------------------------------------------

    def _put(self, path: PurePosixPath, data: bytes) -> None:
        if self.builder.write(path, data):
            self.stats.written += 1

    def _page(self, page, path: PurePosixPath) -> None:
        try:
            self._render_if_changed(page, path)
        finally:
            # Contexts are big (a 10,000-event timeline) and used once: keeping all of
            # them made every later rebuild slower (more for the GC to walk).
            page.__dict__.pop("context", None)

    def _render_if_changed(self, page, path: PurePosixPath) -> None:
        key = self._render_key(page)
        keys = self.builder.keys
        if key is not None and keys.get(path) == key:
            return  # same template sources and same context: same bytes as on disk
        html = self.plan.render_page(page, self.problems, self._checkpoint)
        self.stats.rendered += 1
        self.stats.rendered_paths.append(path)
        if html is None:
            keys.pop(path, None)  # render again next time; the last good file stays
            return
        self._put(path, html)
        if key is not None:
            keys[path] = key

    def _render_key(self, page) -> bytes | None:
        """Hash of everything a page's bytes depend on; None if the context is not hashable."""
        try:
            blob = pickle.dumps(
                (self.templates, page.template, self.plan.page_context(page)), protocol=5
            )
        except (pickle.PicklingError, TypeError, AttributeError):
            return None
        return _digest(blob)

    def _finish(self) -> None:
        builder = self.builder
        for path in sorted(set(builder.on_disk) - self.expected):
            builder.delete(path)
            self.stats.deleted += 1
        if not builder.synced:
            self.stats.deleted += builder.sweep(self.expected)
            builder.synced = True
        self.stats.seconds = time.perf_counter() - self.started


def _nothing() -> None:
    pass


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


__all__ = ["CachedReader", "Epoch", "IncrementalBuilder"]
