"""Render a big site's pages on every core (`site-builder build` only).

Pages are independent: each one's bytes come from its template and its own context. So
worker processes, forked after the site is planned, each render a run of pages and
send back bytes and problems; the parent keeps plan order, so the output and the
problem report are exactly those of rendering one page after another.

Only the command-line build forks: it has no other threads (forking a process that
runs threads, like the dev server, can copy a lock held mid-use). Small sites, and
systems without fork, render in the one process.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import PurePosixPath

from site_builder.diagnostics import Problem, Problems

PARALLEL_MIN_PAGES = 1500  # below this, starting workers costs more than it saves
PAGES_PER_TASK = 250
MAX_WORKERS = 8
_PR_SET_PDEATHSIG = 1

_plan = None  # the plan being rendered, inherited by forked workers


def render_pages(plan, problems: Problems) -> dict[PurePosixPath, bytes]:
    """Every page of the plan as bytes (pages whose template failed are left out)."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    forkable = "fork" in multiprocessing.get_all_start_methods()
    if len(plan.outputs) < PARALLEL_MIN_PAGES or workers < 2 or not forkable:
        return _collect(_render_run(plan, 0, len(plan.outputs)), plan, problems)
    global _plan
    _plan = plan
    try:
        runs = [
            (start, min(start + PAGES_PER_TASK, len(plan.outputs)))
            for start in range(0, len(plan.outputs), PAGES_PER_TASK)
        ]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, context, initializer=_die_with_parent) as pool:
            rendered = [page for run in pool.map(_render_in_worker, runs) for page in run]
    except BrokenProcessPool:  # a worker died (out of memory?): do it here instead
        rendered = _render_run(plan, 0, len(plan.outputs))
    finally:
        _plan = None
    return _collect(rendered, plan, problems)


def _render_in_worker(run: tuple[int, int]):
    return _render_run(_plan, *run)


def _render_run(plan, start: int, stop: int) -> list[tuple[int, bytes | None, list[Problem]]]:
    rendered = []
    for index in range(start, stop):
        found = Problems()
        html = plan.render_page(plan.outputs[index][0], found)
        rendered.append((index, html, found.items))
    return rendered


def _collect(rendered, plan, problems: Problems) -> dict[PurePosixPath, bytes]:
    files = {}
    for index, html, found in sorted(rendered, key=lambda item: item[0]):
        problems.extend(found)
        if html is not None:
            files[plan.outputs[index][1]] = html
    return files


def _die_with_parent() -> None:
    """A worker stops when the build does, even if it is killed (Linux's prctl)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


__all__ = ["render_pages"]
