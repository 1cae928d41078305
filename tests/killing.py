"""Kill builds at random moments and look at what they leave behind (issue 6).

Shared by tests/test_failure_safety.py and benchmarks/kill_builds.py. Two variants of a
large generated site (tests/sitegen.py) differ in every page, so any mix of the two
trees, a stale file or a missing one is seen.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from site_builder.build import output
from site_builder.build.output import BUILDING_PREFIX, RETIRED_PREFIX, write_tree
from site_builder.build.pipeline import render_site
from site_builder.content.library import load_library

REPO = Path(__file__).resolve().parent.parent
Tree = dict[str, bytes]


def expected_tree(root: Path) -> Tree:
    """What a complete build of the site at root writes, rendered in memory."""
    files, _ = render_site(root, load_library(root))
    return {path.as_posix(): data for path, data in files.items()}


def tree(folder: Path) -> Tree:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(out_dir: Path) -> list[str]:
    return sorted(
        p.name
        for p in out_dir.parent.iterdir()
        if p.name.startswith((f"{BUILDING_PREFIX}{out_dir.name}-", f"{RETIRED_PREFIX}"))
    )


@dataclass
class KillLog:
    """What each kill left: 'old', 'new', 'recoverable' (fallback swap) or a problem."""

    seed: int
    outcomes: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    moments: Counter = field(default_factory=Counter)

    def record(self, what: str, where: str) -> None:
        self.outcomes[what.split(":")[0]] += 1
        self.moments[f"{where.split()[0]}: {what.split(':')[0]}"] += 1
        if what not in ("old", "new", "recoverable"):
            self.problems.append(f"killed {where}: {what} (seed {self.seed})")


def classify(out_dir: Path, old: Tree, new: Tree) -> str:
    """Is output/ exactly the previous tree or the new one?"""
    if not out_dir.exists():
        retired = out_dir.with_name(f"{RETIRED_PREFIX}{out_dir.name}")
        if retired.exists() and tree(retired) == old:
            return "recoverable"  # the fallback swap was cut between its two renames
        return "broken: output/ is missing"
    found = tree(out_dir)
    if found == old:
        return "old"
    if found == new:
        return "new"
    from_old = sum(1 for k, v in found.items() if old.get(k) == v)
    from_new = sum(1 for k, v in found.items() if new.get(k) == v)
    return f"mixed: {len(found)} files, {from_old} from the old tree, {from_new} from the new"


def forked_write(files: dict[PurePosixPath, bytes], out_dir: Path, exchange: bool) -> int:
    """Start write_tree in a child process (the build's write phase); return its pid."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            if not exchange:  # the portable two-rename swap used without renameat2
                output._exchange = lambda a, b: False
            write_tree(files, out_dir)
            code = 0
        finally:
            os._exit(code)
    return pid


class Forked:
    """A forked child with the poll()/kill() of subprocess.Popen."""

    def __init__(self, pid: int):
        self.pid = pid
        self.done = False

    def poll(self) -> bool | None:
        if not self.done:
            self.done = os.waitpid(self.pid, os.WNOHANG)[0] != 0
        return True if self.done else None

    def kill(self) -> None:
        if not self.done:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.done = True


MOMENTS = ("anywhere", "writing", "swapping")


def kill_at(child, moment: str, out_dir: Path, last: str, spans: dict, rng) -> str:
    """SIGKILL child at a random point of `moment`; return where it was killed.

    anywhere: within the whole run; writing: once its staging folder exists; swapping:
    once the last file (writes go in sorted order) is in staging, that is during the
    swap and the removal of the previous tree. `spans` holds each phase's seconds."""
    staging = out_dir.with_name(f"{BUILDING_PREFIX}{out_dir.name}-{child.pid}")
    reached = {
        "anywhere": lambda: True,
        "writing": staging.exists,
        "swapping": (staging / last).exists,
    }[moment]
    _run_for(child, spans["run"] * 5, until=reached)
    delay = rng.uniform(0, spans[moment])
    _run_for(child, delay)
    finished = child.poll() is not None
    child.kill()
    return f"{moment} +{delay:.3f} s{' (had finished)' if finished else ''}"


def measure_write(files: dict[PurePosixPath, bytes], out_dir: Path) -> float:
    """Seconds one complete write phase takes (and it leaves that tree in place)."""
    started = time.perf_counter()
    os.waitpid(forked_write(files, out_dir, exchange=True), 0)
    return time.perf_counter() - started


def kill_writes(
    trees: dict[str, Tree], out_dir: Path, points: int, rng: random.Random, log: KillLog
) -> None:
    """Kill `points` write phases (forked writers), cycling through MOMENTS and through
    both swap strategies, alternating the target tree."""
    files = {name: {PurePosixPath(k): v for k, v in t.items()} for name, t in trees.items()}
    measure_write(files["a"], out_dir)
    full = measure_write(files["b"], out_dir)  # replacing a tree costs more than a first one
    measure_write(files["a"], out_dir)
    spans = {"run": full, "anywhere": full * 1.5, "writing": full, "swapping": full / 2}
    last = max(trees["a"].keys() & trees["b"].keys())
    current = "a"
    for point in range(points):
        target = "b" if current == "a" else "a"
        child = Forked(forked_write(files[target], out_dir, exchange=point % 4 != 3))
        where = kill_at(child, MOMENTS[point % 3], out_dir, last, spans, rng)
        what = classify(out_dir, trees[current], trees[target])
        log.record(what, where)
        current = target if what == "new" else current


def cli_build(site: Path, out_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "site_builder", "--root", str(site), "build", "--out", str(out_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def kill_cli_builds(
    sites: dict[str, Path],
    trees: dict[str, Tree],
    out_dir: Path,
    points: int,
    rng: random.Random,
    log: KillLog,
    duration: float,
    write_seconds: float,
) -> None:
    """Kill whole `site-builder build` runs, cycling through MOMENTS."""
    spans = {
        "run": duration,
        "anywhere": duration * 1.1,
        "writing": write_seconds * 1.5,
        "swapping": write_seconds / 2,
    }
    last = max(trees["a"].keys() & trees["b"].keys())
    current = next(name for name, t in trees.items() if tree(out_dir) == t)
    for point in range(points):
        target = "b" if current == "a" else "a"
        child = cli_build(sites[target], out_dir)
        where = kill_at(child, MOMENTS[point % 3], out_dir, last, spans, rng)
        child.wait()
        child.stderr.close()
        what = classify(out_dir, trees[current], trees[target])
        log.record(what, where)
        current = target if what == "new" else current


def _run_for(child: subprocess.Popen, seconds: float, until=lambda: False) -> None:
    """Let child run for `seconds`, or until it exits or `until()` holds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and child.poll() is None and not until():
        time.sleep(0.001)
