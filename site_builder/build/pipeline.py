"""The orchestrator: load → resolve → plan → render → write (STYLE.md, habit 1)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from site_builder.build.output import write_tree
from site_builder.build.parallel import render_pages
from site_builder.content.library import Library, load_library
from site_builder.diagnostics import BuildError
from site_builder.render.plan import Files, plan_site


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    seconds: float
    out_dir: Path

    def summary(self) -> str:
        return (
            f"Built {self.pages} pages ({self.files} files) into {self.out_dir} "
            f"in {self.seconds:.2f} s"
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


def build(root: Path, out_dir: Path, base_url: str | None = None) -> BuildResult:
    started = time.perf_counter()
    library = load_library(root, base_url)
    files, page_count = render_site(root, library)
    write_tree(files, out_dir)
    return BuildResult(page_count, len(files), time.perf_counter() - started, out_dir)
