"""The dev server's background renderers: the pages nobody asked for, on every core.

The build thread renders the pages a browser asks for. Once a rebuild has more than
MIN_JOBS files left that nobody waits for, it hands them all to forked processes (one
per core), which render and write them into output/ and report each file's digest and
render key back through a pipe. Until a file is reported it stays pending: a request
for it is rendered by the build thread at once, as before (issue 14: "the rest in the
background on all cores").

A newer change stops the renderers at once (SIGKILL: a page of 10,000 events must not
delay an edit). What they had not reported is then unknown, so the builder forgets it
(IncrementalBuilder.unsure) and the next rebuild writes it again; a half-written file is
in the renderer's own folder beside output/, which is deleted. A renderer that dies
hands its jobs back to the build thread.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import shutil
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.build.incremental import Epoch
from site_builder.build.parallel import die_with_parent, worker_count
from site_builder.diagnostics import Problem, internal_problem

MIN_JOBS = 100  # fewer files than this are done sooner in the build thread than forked
REPORT_EVERY = 0.05  # seconds between a renderer's reports: pages show up as they are done
PARTIAL_PREFIX = ".site-builder-rendering-"


@dataclass
class _Renderer:
    pid: int
    reader: int  # the pipe's read end
    jobs: list
    partial_dir: Path
    thread: threading.Thread | None = None
    reported: set = field(default_factory=set)


class Renderers:
    """The renderers of one rebuild at a time; every method but start's reports runs in
    the build thread, with `lock` (the preview's condition) not held."""

    def __init__(self, lock: threading.Condition):
        self._lock = lock
        self._running: list[_Renderer] = []
        self._epoch: Epoch | None = None
        self.handed_out = 0  # jobs given to renderers so far, for tests and the benchmark
        self.reported = 0  # jobs they reported done

    def worth_it(self, epoch: Epoch) -> bool:
        """Whether the jobs nobody asked for should go to other processes now."""
        return epoch is not self._epoch and len(epoch.jobs) >= MIN_JOBS and worker_count() > 1

    def start(self, epoch: Epoch) -> None:
        """Fork one renderer per core for the epoch's remaining jobs (call with the lock
        held: the jobs move to epoch.elsewhere at once)."""
        self._epoch = epoch
        jobs = epoch.hand_out()
        keys = list(jobs)
        count = min(worker_count(), len(keys))
        self.handed_out += len(keys)
        out_dir = epoch.builder.out_dir
        for i in range(count):
            share = keys[i::count]
            renderer = _fork(epoch, jobs, share, out_dir)
            if renderer is None:  # could not fork: the build thread does them
                epoch.jobs.update({key: epoch.elsewhere.pop(key) for key in share})
                continue
            renderer.thread = threading.Thread(
                target=self._collect, args=(epoch, renderer), daemon=True
            )
            renderer.thread.start()
            self._running.append(renderer)

    def stop(self) -> None:
        """Stop every renderer now; forget what they had not reported."""
        with self._lock:  # from now on a renderer's end is a stop, not a death
            running, self._running, self._epoch = self._running, [], None
        for renderer in running:
            with contextlib.suppress(ProcessLookupError):
                os.kill(renderer.pid, signal.SIGKILL)
        for renderer in running:
            if renderer.thread is not None:
                renderer.thread.join()

    def _collect(self, epoch: Epoch, renderer: _Renderer) -> None:
        """Apply a renderer's reports as they come; hand back what it did not report."""
        with os.fdopen(renderer.reader, "rb") as pipe:
            while True:
                try:
                    reports = pickle.load(pipe)
                except (EOFError, pickle.UnpicklingError, OSError):
                    break
                with self._lock:
                    self.reported += len(reports)
                    for report in reports:
                        renderer.reported.add(report[0])
                        epoch.settle(*report)
                    self._lock.notify_all()
        os.waitpid(renderer.pid, 0)
        shutil.rmtree(renderer.partial_dir, ignore_errors=True)
        with self._lock:
            left = [key for key in renderer.jobs if key not in renderer.reported]
            if epoch is self._epoch:  # it died: the build thread renders the rest
                epoch.jobs.update({k: epoch.elsewhere.pop(k) for k in left if k in epoch.elsewhere})
            else:  # stopped for a newer change: whether it wrote them is unknown
                epoch.builder.unsure(left)
            self._lock.notify_all()


def _fork(epoch: Epoch, jobs: dict, share: list, out_dir: Path) -> _Renderer | None:
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None
    partial_dir = out_dir.with_name(f"{PARTIAL_PREFIX}{out_dir.name}-{pid if pid else os.getpid()}")
    if pid == 0:  # the renderer: it never returns
        os.close(reader)
        _render(epoch, jobs, share, writer, partial_dir)
    os.close(writer)
    return _Renderer(pid, reader, share, partial_dir)


def _render(epoch: Epoch, jobs: dict, share: list, writer: int, partial_dir: Path) -> None:
    """In the forked renderer: run each job, report it, exit without running atexit
    handlers or flushing the server's buffers (they belong to the parent)."""
    code = 0
    try:
        die_with_parent()
        # The server's sockets: a browser's connection stays open while a copy lives.
        os.closerange(3, writer)
        os.closerange(writer + 1, os.sysconf("SC_OPEN_MAX"))
        gc.freeze()  # the parent's objects: never walked, never copied by the collector
        partial_dir.mkdir(exist_ok=True)
        builder = epoch.builder
        builder.partial_dir = partial_dir
        with os.fdopen(writer, "wb") as pipe:
            reports: list[tuple] = []
            sent = time.monotonic()
            for key in share:
                reports.append(_run(epoch, jobs[key], key))
                if time.monotonic() - sent >= REPORT_EVERY:
                    pickle.dump(reports, pipe, protocol=5)
                    pipe.flush()
                    reports, sent = [], time.monotonic()
            pickle.dump(reports, pipe, protocol=5)
    except BaseException:  # the parent renders what was not reported
        code = 1
    finally:
        os._exit(code)


def _run(epoch: Epoch, job: Callable[[], None], key) -> tuple:
    builder, stats = epoch.builder, epoch.stats
    known, rendered = len(epoch.problems.items), stats.rendered
    try:
        job()
    except Exception as err:  # one page's bug is a problem to show, not a dead renderer
        epoch.problems.items.append(internal_problem(err))
    problems: list[Problem] = epoch.problems.items[known:]
    return (
        key,
        builder.on_disk.get(key),
        builder.keys.get(key),
        stats.rendered > rendered,
        problems,
    )
