"""Profile one cold `site-builder build` of a site, all work in this one process.

Forked workers are not seen by a profiler, so this makes the build serial (one worker):
the profile then shows the whole CPU cost of a cold build, where it goes by function.

    python benchmarks/profile_build.py SITE [--top 40] [--sort tottime|cumulative]
    python benchmarks/profile_build.py SITE --parallel   # wall-clock phases, real workers

Run with PYTHONPATH pointing at the checkout to measure. The output goes to a temporary
folder, and the site's build cache is not read or written (--no-cache).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--dump", type=Path, help="also write the profile here (pstats)")
    parser.add_argument("--parallel", action="store_true", help="time phases, workers on")
    args = parser.parse_args()

    from site_builder.build import parallel, pipeline

    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        if args.parallel:
            started = time.perf_counter()
            _time_phases(pipeline, started)
            result = pipeline.build(args.site, out, use_cache=False)
            print(result.summary(), f"(wall {time.perf_counter() - started:.2f} s)")
            return 0
        parallel.worker_count = lambda: 1
        profile = cProfile.Profile()
        profile.enable()
        result = pipeline.build(args.site, out, use_cache=False)
        profile.disable()
        print(result.summary())
        if args.dump:
            profile.dump_stats(args.dump)
        pstats.Stats(profile, stream=sys.stdout).sort_stats(args.sort).print_stats(args.top)
    return 0


def _time_phases(pipeline, started: float) -> None:
    """Print when each phase of the build ends, seconds since the start (wall clock)."""

    def timed(name: str, function):
        def wrapper(*args, **kwargs):
            begun = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                now = time.perf_counter()
                print(f"{now - started:7.2f} s  {name} ({now - begun:.2f} s)", file=sys.stderr)

        return wrapper

    pipeline.load_library = timed("load_library", pipeline.load_library)
    pipeline.plan_site = timed("plan_site", pipeline.plan_site)
    pipeline.render_into = timed("render_into", pipeline.render_into)
    pipeline.templates_digest = timed("templates_digest", pipeline.templates_digest)
    pipeline._write_static = timed("a static file", pipeline._write_static)
    reading = sys.modules["site_builder.build.reading"]
    reading._parse = timed("parse records", reading._parse)
    library = sys.modules["site_builder.content.library"]
    library.resolve = timed("resolve links", library.resolve)
    parallel = sys.modules["site_builder.build.parallel"]
    page = parallel._page

    def slow(what: str, function, *args):  # in a worker: log what took long
        begun = time.perf_counter()
        try:
            return function(*args)
        finally:
            now = time.perf_counter()
            if now - begun > 0.25:
                print(f"{now - started:7.2f} s    {what} ({now - begun:.2f} s)", file=sys.stderr)

    parallel._page = lambda job, index: slow(str(job.plan.outputs[index][1]), page, job, index)
    plan = sys.modules["site_builder.render.plan"]
    makers = plan.SitePlan.export_makers

    def timed_makers(self):
        return {
            path: (lambda path=path, make=make: slow(str(path), make))
            for path, make in makers(self).items()
        }

    plan.SitePlan.export_makers = timed_makers
    library.load_site = timed("load_site", library.load_site)
    output = sys.modules["site_builder.build.output"]
    output._swap_in = timed("swap_in", output._swap_in)
    output.recover_interrupted = timed("recover_interrupted", output.recover_interrupted)


if __name__ == "__main__":
    sys.exit(main())
