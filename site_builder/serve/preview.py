"""The dev server's build loop: rebuild after each batch of changes, never serve stale pages.

One thread owns the IncrementalBuilder. After a change it reads and plans the site, writes
the static files, tells the browsers to reload, then renders the rest page by page; the
first build too, so the server answers as soon as the site is planned (issue 14). A
request for a page that this rebuild may still change waits for it, and moves it to the
front of the queue: the page a browser asks for is rendered first, and no request ever
gets a page older than the last change the watcher reported (issue 4).
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from site_builder.build.incremental import Epoch, IncrementalBuilder
from site_builder.diagnostics import BuildError, Problem, Superseded, internal_problem
from site_builder.serve.renderers import Renderers

# Files that came and went with such names are editors' temporary files (vim's "4913",
# sed's "sedAbc123", "x.md.tmp"): alone, they are no reason to rebuild and reload.
TEMPORARY_SUFFIXES = {"", ".tmp", ".swp", ".swx", ".bak"}
WAIT_LIMIT = 60.0
# Background rendering holds the GIL; after a page a browser waits for, step aside briefly.
ANSWER_PAUSE = 0.003  # seconds a request waits for a rebuild before the current file is served
# After a rebuild is planned, pages nobody asked for wait this long: the browser reloads
# and asks for its page, stylesheet and scripts first, and each is rendered on demand.
BACKGROUND_DELAY = 0.25
_SAVE_RECORDS = object()  # the build thread's job: parsed records into the build cache


class Preview:
    def __init__(
        self,
        root: Path,
        out_dir: Path,
        reload: Callable[[list[str]], None] = lambda paths: None,
        log: Callable[[str], None] = print,
    ):
        self.root = root
        self.builder = IncrementalBuilder(root, out_dir)
        self.reload = reload
        self.log = log
        self.problems: list[Problem] = []  # what the browser overlay and terminal show
        self.rebuilds = 0  # finished rebuilds, for tests and the benchmark
        self.base_path: str | None = None  # of the last good plan: where the site is served
        self._theme_dirs: list[Path] = []
        self._epoch: Epoch | None = None
        self._changes: set[Path] | None = set()  # not yet planned; set() = first build
        self._planning = False
        self._saving = False  # writing parsed records to the build cache (idle waits)
        self._records_due = False  # write them before the first unrequested page
        self._background_at = 0.0  # monotonic time after which unrequested pages render
        self._wanted: list[object] = []
        self._shown: list[Problem] = []
        self._stopping = False
        self._cond = threading.Condition()
        self.renderers = Renderers(self._cond)  # pages nobody asked for, on every core
        self._thread = threading.Thread(target=self._run, name="site-builder-build", daemon=True)

    # --- called by the server and the watcher ---------------------------------------

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self.renderers.stop()

    def changed(self, paths: set[Path]) -> None:
        paths = {p for p in paths if p.exists() or p.suffix not in TEMPORARY_SUFFIXES}
        if not paths:
            return
        with self._cond:
            self._changes = (self._changes or set()) | paths
            self._cond.notify_all()

    def wait_fresh(self, path: PurePosixPath, limit: float = WAIT_LIMIT) -> bool:
        """Block until path is as new as the last reported change; False if it is gone."""
        deadline = time.monotonic() + limit
        with self._cond:
            while not self._stopping:
                epoch = self._epoch
                busy = self._changes is not None or self._planning
                if not busy and (epoch is None or not epoch.is_pending(path)):
                    return epoch is None or epoch.done or path in epoch.expected
                if epoch is not None and not busy:
                    key = epoch.job_for(path)
                    if key not in self._wanted:
                        self._wanted.append(key)
                        self._cond.notify_all()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return True
                self._cond.wait(remaining)
        return True

    def theme_dirs(self) -> list[Path]:
        return list(self._theme_dirs)

    def wait_idle(self, limit: float | None = WAIT_LIMIT) -> None:
        """Block until every change so far is built; no limit when limit is None."""
        deadline = None if limit is None else time.monotonic() + limit
        with self._cond:
            while not self._idle() and not self._stopping:
                remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
                if not self._cond.wait(remaining):
                    raise TimeoutError("the rebuild did not finish")

    # --- the build thread ---------------------------------------------------------------

    def _idle(self) -> bool:
        busy = self._changes is not None or self._planning or self._saving
        return not busy and (self._epoch is None or self._epoch.done)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._stopping and self._idle():
                    gc.enable()  # paused while planning; a failed plan leaves no jobs
                    self._cond.wait()
                if self._stopping:
                    return
                if self._changes is not None:
                    changes, self._changes = self._changes, None
                    self._planning, self._wanted = True, []
                    self._epoch = None  # free the old rebuild before reading the new one
                    job = None
                else:
                    epoch = self._epoch
                    wanted = self._wanted.pop(0) if self._wanted else None
                    wait = self._background_at - time.monotonic()
                    if wanted is None and wait > 0:
                        self._cond.wait(wait)  # a request or a change may come first
                        continue
                    if wanted is None and self._records_due:
                        self._records_due = False
                        job = _SAVE_RECORDS  # before pages nobody asked for
                    elif wanted is None and self.renderers.worth_it(epoch):
                        self.renderers.start(epoch)
                        continue
                    elif wanted is None and not epoch.jobs and epoch.elsewhere:
                        self._cond.wait()  # for the renderers, a request or a change
                        continue
                    else:
                        job = epoch.take(wanted)
            if job is _SAVE_RECORDS:
                self._keep_records(epoch, complete=False)
            elif job is None:
                # The cyclic GC would walk every new record and page plan mid-save; it runs
                # again once only pages nobody is waiting for are left.
                gc.disable()
                self._plan(changes)
            else:
                if wanted is None:
                    gc.enable()
                self._run_job(epoch, job)
                if wanted is not None:
                    time.sleep(ANSWER_PAUSE)  # let the waiting request answer before we go on

    def _plan(self, changes: set[Path]) -> None:
        self.renderers.stop()  # what they render now is out of date
        try:
            epoch = self.builder.start()
        except BuildError as err:
            self._failed(list(err.problems.sorted()))
            return
        except Exception as err:  # a bug must not take the server down with it
            self._failed([internal_problem(err)])
            return
        theme = epoch.plan.theme
        epoch.superseded = self._superseded  # a later save makes unwritten pages moot
        with self._cond:
            self._epoch, self._planning = epoch, False
            self.base_path = epoch.plan.urls.base_path
            self._theme_dirs = [*theme.template_dirs, *theme.static_dirs]
            self.problems = epoch.problems.sorted()
            self._cond.notify_all()
        for key in epoch.static:  # stylesheets first, so a CSS reload fetches the new one
            self._run_job(epoch, epoch.take(key))
        with self._cond:  # then the pages of the records just saved: likely on screen
            self._records_due = epoch.first
            self._wanted = [*_own_pages(changes, epoch), *self._wanted]
            self._background_at = time.monotonic() + BACKGROUND_DELAY
        if changes:
            self.log(f"{_names(changes, self.root)} changed; rebuilding")
            self._notify(_reload_paths(changes, epoch))

    def _superseded(self) -> bool:
        # Read without the lock: a stale answer is harmless. Stopping ends the page too:
        # Ctrl-C during a 10,000-event first build must not wait for the timeline.
        return self._changes is not None or self._stopping

    def _run_job(self, epoch: Epoch, job: Callable[[], None]) -> None:
        try:
            job()
        except Superseded:  # nothing was written; the next rebuild starts at once
            with self._cond:
                epoch.running = None
                self._cond.notify_all()
            return
        except Exception as err:
            epoch.problems.add(*_unpack(internal_problem(err)))
        finished = False
        with self._cond:  # report before anyone waiting sees the rebuild as finished
            epoch.complete()
            if epoch is self._epoch:
                self.problems = epoch.problems.sorted()
                if epoch.done:
                    self._finished(epoch)
                    finished = self._saving = True
            self._cond.notify_all()
        if finished:  # outside the lock: requests are answered meanwhile
            self._keep_records(epoch)

    def _keep_records(self, epoch: Epoch, complete: bool = True) -> None:
        """Parsed records into the build cache: the next start (or build) parses none."""
        try:
            self.builder.keep_records(epoch.first, complete)
        except Exception as err:  # a cache that cannot be written is no error
            self.log(f"warning: the build cache was not written ({err})")
        finally:
            with self._cond:
                self._saving = False
                self._cond.notify_all()

    def _finished(self, epoch: Epoch) -> None:
        self.rebuilds += 1
        stats = epoch.stats
        if self.problems:
            self._report()
        elif epoch.first:
            self.log(f"Built {len(epoch.plan.pages)} pages in {stats.seconds:.2f} s")
            # The parsed records and compiled templates live as long as the server: keep
            # the cyclic GC from walking them on every rebuild (~0.25 s at 10,000 events).
            gc.freeze()
        else:
            self.log(
                f"Rebuilt in {stats.seconds * 1000:.0f} ms: {stats.rendered} pages rendered, "
                f"{stats.written} files written, {stats.deleted} removed"
            )
        if epoch.first or self.problems != self._shown:
            self._notify(["*"])

    def _failed(self, problems: list[Problem]) -> None:
        with self._cond:
            self._epoch, self._planning = None, False
            self.problems = problems
            self.rebuilds += 1
            self._report()
            self._notify(["*"])
            self._cond.notify_all()

    def _notify(self, paths: list[str]) -> None:
        self._shown = list(self.problems)
        self.reload(paths)

    def _report(self) -> None:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(
            f"{count} problem{'s' if count != 1 else ''} found; the browser shows "
            f"{'them' if count != 1 else 'it'} over the last good site. Fix and save to rebuild."
        )
        self.log("\n".join(lines))


def _reload_paths(changes: set[Path], epoch: Epoch) -> list[str]:
    """Stylesheet URLs when only stylesheets changed (swapped in place), else a full reload."""
    urls = []
    for path in changes:
        url = _static_url(path, epoch) if path.suffix == ".css" and path.is_file() else None
        if url is None:
            return ["*"]
        urls.append(url)
    return sorted(urls) or ["*"]


def _own_pages(changes: set[Path], epoch: Epoch) -> list[PurePosixPath]:
    """Output paths of the event, actor and location pages whose record files changed."""
    urls = epoch.plan.urls
    kinds = {"events": "event", "actors": "actor", "locations": "location"}
    return [
        urls.output_path(urls.url(kinds[path.parent.name], path.stem))
        for path in sorted(changes)
        if path.suffix == ".md" and path.parent.name in kinds
    ]


def _static_url(path: Path, epoch: Epoch) -> str | None:
    plan = epoch.plan
    for folder in plan.theme.static_dirs:
        if path.resolve().is_relative_to(folder.resolve()):
            return plan.urls.url("static", path.resolve().relative_to(folder.resolve()).as_posix())
    return None


def _names(changes: set[Path], root: Path) -> str:
    names = sorted(_display(p, root) for p in changes)
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _unpack(problem: Problem) -> tuple:
    return problem.pos, problem.message
