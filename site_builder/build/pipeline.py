"""The orchestrator: load → resolve → plan → render → write (STYLE.md, habit 1).

`build` reads and writes the build cache (cache.py) unless told not to: a build whose
every input is byte for byte the last successful build's, into an output folder that
still holds exactly what that build wrote, does nothing; otherwise unchanged records
are not parsed again and unchanged pages are not rendered again (issue 14).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from site_builder.build import cache
from site_builder.build.output import staged_tree, tidy
from site_builder.build.parallel import RenderJob, render_into, render_pages
from site_builder.build.progress import Progress
from site_builder.build.reading import BuildReader
from site_builder.content.library import Library, load_library
from site_builder.diagnostics import BuildError, Problems
from site_builder.render.plan import Files, SitePlan, plan_site
from site_builder.render.templates import templates_digest

INPUTS_FILE = "inputs.pickle"  # input path → stat signature and digest
RECORDS_FILE = "records.pickle"  # parsed records and their bodies' HTML, by digest
OUTPUT_FILE = "output.pickle"  # the last build's output manifest and page keys


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    seconds: float
    out_dir: Path
    unchanged: int = 0  # pages not rendered: the previous output already held them

    def summary(self) -> str:
        reused = f" ({self.unchanged} unchanged)" if self.unchanged else ""
        return (
            f"Built {self.pages} pages ({self.files} files) into {self.out_dir} "
            f"in {self.seconds:.2f} s{reused}"
        )


def render_site(root: Path, library: Library) -> tuple[Files, int]:
    """Every output file of the site as bytes, and how many of them are pages."""
    plan = plan_site(root, library)
    problems = plan.problems
    files: Files = dict(plan.static)
    files.update(render_pages(plan, problems))  # on every core for a big site
    files.update(plan.export_files())
    if problems:
        raise BuildError(problems)
    return files, len(plan.pages)


def build(
    root: Path,
    out_dir: Path,
    base_url: str | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> BuildResult:
    """Build root into out_dir; with use_cache=False the cache is neither read nor written."""
    started = time.perf_counter()
    progress = progress or Progress(started=started)
    try:
        return _build(root, out_dir.resolve(), base_url, use_cache, progress, started)
    finally:
        progress.close()


def _build(root, out_dir, base_url, use_cache, progress, started) -> BuildResult:
    folder = root / cache.CACHE_DIR
    digests = cache.Digests()
    previous = None
    inputs = key = None
    if use_cache:
        digests.known = cache.load(folder / INPUTS_FILE) or {}
        inputs = cache.input_files(root)
        key = cache.site_key(root, inputs, digests, (base_url,))
        previous = cache.load(folder / OUTPUT_FILE)
        if not isinstance(previous, cache.Manifest) or previous.out_dir != str(out_dir):
            previous = None
        if previous is not None and previous.site_key == key and cache.intact(previous):
            tidy(out_dir)
            cache.save(folder / INPUTS_FILE, digests.now)
            seconds = time.perf_counter() - started
            files = len(previous.files)
            return BuildResult(previous.pages, files, seconds, out_dir, previous.pages)

    progress.stage("Reading", 0)
    reader = BuildReader(digests if use_cache else None, _records(folder) if use_cache else {})
    try:
        library = load_library(root, base_url, reader)
    finally:
        if use_cache:
            cache.save(folder / RECORDS_FILE, reader.kept)
    plan = plan_site(root, library)
    # Templates do not change during a build (_inputs_stable checks): no stat of every
    # template file, and of each one it includes, for every page.
    plan.env.auto_reload = False
    problems = Problems(list(plan.problems.items))
    templates = templates_digest(plan.theme)
    job = RenderJob(plan, Path(), templates if use_cache else None, previous)
    job.exports = list(plan.export_makers().items())
    progress.stage("Rendering", len(plan.outputs))
    with staged_tree(out_dir) as staging:
        job.staging = staging
        digests_out = {
            str(path): _write_static(staging, path, data) for path, data in plan.static.items()
        }
        rendered = render_into(job, problems, progress.advance)
        if problems:
            raise BuildError(problems)
    digests_out.update(rendered.digests)
    if use_cache:
        progress.stage("Caching", 0)
        stable = _inputs_stable(root, inputs, digests, plan)
        manifest = cache.take_manifest(
            out_dir,
            digests_out,
            rendered.keys if stable else {},
            key if stable else None,
            len(plan.pages),
        )
        cache.save(folder / OUTPUT_FILE, manifest)
        cache.save(folder / INPUTS_FILE, digests.now)
    seconds = time.perf_counter() - started
    return BuildResult(len(plan.pages), len(digests_out), seconds, out_dir, rendered.unchanged)


def _records(folder: Path) -> dict:
    known = cache.load(folder / RECORDS_FILE)
    return known if isinstance(known, dict) else {}


def _write_static(staging: Path, path, data: bytes) -> bytes:
    from site_builder.build.parallel import _write

    return _write(staging, str(path), data)


def _inputs_stable(root: Path, inputs: list[str], digests: cache.Digests, plan: SitePlan) -> bool:
    """Whether what the build read is what the site key and page keys were made from:
    no input changed while it ran, and no template was too fresh to trust its stat (the
    template engine reads template files itself, apart from their digest)."""
    if cache.input_files(root) != inputs:
        return False
    before = [digests.now.get(path, (None,))[0] for path in inputs]
    if cache.input_signatures(inputs) != before:
        return False
    folders = tuple(str(folder) + "/" for folder in plan.theme.template_dirs)
    return not any(path.startswith(folders) for path in digests.unsettled)
