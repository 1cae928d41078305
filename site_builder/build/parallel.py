"""Render a site's pages and exports on every core (`site-builder build` only).

Pages are independent: each one's bytes come from its template and its own context. So
the build process and children forked after the site is planned (forking.py) each take
a run of pages (or one export file), write the files straight into the staging folder
(output.py swaps it in whole), and keep only digests, render keys and problems; results
stay in plan order, so the problem report is exactly that of rendering one page after
another.

A page whose render key (template sources + complete context, hashed) is the one the
last build rendered it with, and whose file in the previous output still holds the bytes
recorded then, is hard-linked into the new tree instead (cache.py).

Only the command-line build forks: it has no other threads (forking a process that
runs threads, like the dev server, can copy a lock held mid-use). Small sites, and
systems without fork, render in the one process.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from site_builder.build.cache import digest, holds
from site_builder.build.forking import die_with_parent, forked_map
from site_builder.diagnostics import Problem, Problems

PARALLEL_MIN_PAGES = 150  # below this, starting workers costs more than it saves
PAGES_PER_TASK = 250
MAX_WORKERS = 8

_plan = None  # the plan being rendered (render_pages), inherited by forked workers
_job: RenderJob | None = None  # the same for render_into


def worker_count() -> int:
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return min(cores, MAX_WORKERS)


def fork_map(function: Callable, tasks: list, done: Callable[[int], None] | None = None) -> list:
    """[function(task) for task in tasks] on every core, in order; `function` and what
    it reads must be module-level (forked children inherit them). `done(i)` is called in
    the parent as each task finishes (the progress bar)."""
    workers = min(worker_count(), len(tasks))
    if workers < 2:
        return _in_order(function, tasks, done)
    return forked_map(function, tasks, workers - 1, done)


def _in_order(function: Callable, tasks: list, done) -> list:
    results = []
    for index, task in enumerate(tasks):
        results.append(function(task))
        if done is not None:
            done(index)
    return results


# --- the command-line build: straight into the staging folder -------------------------


@dataclass
class RenderJob:
    plan: object  # SitePlan
    staging: Path
    templates: bytes  # digest of every template's bytes
    previous: object | None = None  # cache.Manifest of the output being replaced
    exports: list[tuple[PurePosixPath, Callable[[], bytes]]] = field(default_factory=list)


@dataclass
class Rendered:
    digests: dict[str, bytes]  # output path → digest of its bytes
    keys: dict[str, bytes]  # page path → render key
    unchanged: int  # pages linked from the previous output instead of rendered


def render_into(
    job: RenderJob, problems: Problems, progress: Callable[[int], None] | None = None
) -> Rendered:
    """Write every page and export of job.plan into job.staging; report problems."""
    plan = job.plan
    total = len(plan.outputs)
    size = max(10, min(PAGES_PER_TASK, total // (worker_count() * 6) or 1))
    # The exports first, so they do not end the build alone on one core; all in one task,
    # so only one process holds what they share (the search index, made once for all its
    # files) while the others render pages.
    tasks: list[tuple] = [("exports",)] if job.exports else []
    tasks += [("pages", start, min(start + size, total)) for start in range(0, total, size)]

    def done(index: int) -> None:
        if progress is not None and tasks[index][0] == "pages":
            progress(tasks[index][2] - tasks[index][1])

    global _job
    _job = job
    try:
        if total < PARALLEL_MIN_PAGES:
            results = _in_order(_run_task, tasks, done)
        else:
            _compile_templates(plan)
            results = fork_map(_run_task, tasks, done)
    finally:
        _job = None
    rendered = Rendered({}, {}, 0)
    for result in results:
        for relative, key, value, reused, found in result:
            problems.extend(found)
            if value is not None:
                rendered.digests[relative] = value
            if key is not None:
                rendered.keys[relative] = key
            rendered.unchanged += reused
    return rendered


def _compile_templates(plan) -> None:
    """Compile the pages' templates before forking, once, not again in every process."""
    for name in sorted({page.template for page, _ in plan.outputs}):
        try:
            plan.env.get_template(name)
        except Exception:  # noqa: BLE001, S112 — reported where the page is rendered
            continue


def _run_task(task: tuple) -> list[tuple]:
    job = _job
    if task[0] == "exports":
        return _exports(job)
    return [_page(job, index) for index in range(task[1], task[2])]


def _exports(job: RenderJob) -> list[tuple]:
    written = []
    for path, make in job.exports:
        data = make()
        if data is not None:
            written.append((str(path), None, _write(job.staging, str(path), data), False, []))
    # Made once per build: what the makers keep (the dev server's memos, the search
    # index's files) is memory the pages can use. The job's other copies keep theirs.
    job.exports = []
    job.plan.forget_export_memos()
    return written


def _page(job: RenderJob, index: int) -> tuple:
    plan = job.plan
    page, path = plan.outputs[index]
    relative = str(path)
    found = Problems()
    try:
        key = _render_key(job, page)
        previous = job.previous
        if (
            key is not None
            and previous is not None
            and previous.keys.get(relative) == key
            and holds(previous, relative)
            and _link(previous.out_dir, job.staging, relative)
        ):
            return (relative, key, previous.files[relative][0], True, [])
        html = plan.render_page(page, found)
        if html is None:
            return (relative, None, None, False, found.items)
        _write(job.staging, relative, html)
        return (relative, key, digest(html), False, found.items)
    finally:
        # Contexts are big (a 10,000-event timeline) and used once.
        page.__dict__.pop("context", None)


def _render_key(job: RenderJob, page) -> bytes | None:
    """Hash of everything a page's bytes depend on; None if the context is not picklable."""
    if job.previous is None and job.templates is None:
        return None
    try:
        context = job.plan.page_context(page)
        blob = pickle.dumps((job.templates, page.template, context), protocol=5)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None
    return digest(blob)


def _write(staging: Path, relative: str, data: bytes) -> bytes:
    target = f"{staging}/{relative}"
    folder = os.path.dirname(target)
    try:  # most pages have a folder of their own, in a folder that exists: one mkdir
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(data)
    return digest(data)


def _link(out_dir: str, staging: Path, relative: str) -> bool:
    source, target = f"{out_dir}/{relative}", f"{staging}/{relative}"
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        try:
            shutil.copyfile(source, target)
        except OSError:
            return False
    return True


# --- render_site (tests, tools): pages as bytes -------------------------------------


def render_pages(plan, problems: Problems) -> dict[PurePosixPath, bytes]:
    """Every page of the plan as bytes (pages whose template failed are left out)."""
    global _plan
    _plan = plan
    try:
        total = len(plan.outputs)
        runs = [(s, min(s + PAGES_PER_TASK, total)) for s in range(0, total, PAGES_PER_TASK)]
        if total < PARALLEL_MIN_PAGES:
            rendered = _render_run((0, total))
        else:
            rendered = [page for run in fork_map(_render_run, runs) for page in run]
    finally:
        _plan = None
    files = {}
    for index, html, found in rendered:
        problems.extend(found)
        if html is not None:
            files[plan.outputs[index][1]] = html
    return files


def _render_run(run: tuple[int, int]) -> list[tuple[int, bytes | None, list[Problem]]]:
    rendered = []
    for index in range(*run):
        found = Problems()
        html = _plan.render_page(_plan.outputs[index][0], found)
        rendered.append((index, html, found.items))
    return rendered


__all__ = [
    "RenderJob",
    "Rendered",
    "die_with_parent",
    "fork_map",
    "render_into",
    "render_pages",
    "worker_count",
]
