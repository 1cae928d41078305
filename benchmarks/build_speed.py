"""Build speed of `site-builder build` (and `serve`) against Hugo, on the same briefing.

For each size, `/work/shared/bench/gen_corpus.py` writes one briefing as a site-builder site
and as a Hugo site; then this script measures, in fresh processes:

- cold build: no output folder and no build cache (`.site-builder-cache/`, `.cache` at the
  site root; Hugo's `resources/_gen`), alternating site-builder and Hugo (A B A B ...),
  because this machine is shared and noisy and a ratio of neighbours is steadier;
- warm build: the same build again, output folder (and any cache) kept;
- one-edit build: a sentence appended to one event's body, then a build;
- serve: from starting `serve` / `hugo server` until an event page is answered with 200.

Wall time, CPU time (user + sys of the whole process tree, from `os.wait4`) and peak memory
(the largest sum of VmRSS over the process and all its descendants, sampled every 20 ms)
are reported as medians of --runs, with output size, the largest page and ratios vs Hugo.

    python benchmarks/build_speed.py                          # 1,000, 10,000, 100,000 events
    python benchmarks/build_speed.py --sizes 1000 --runs 3
    python benchmarks/build_speed.py --sizes 10000 --runs 1 --no-serve --keep /tmp/bench

Stdlib only. Run with PYTHONPATH pointing at the checkout to measure.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
GEN_CORPUS = Path("/work/shared/bench/gen_corpus.py")
SAMPLE_SECONDS = 0.02
BIG_PAGE_BYTES = 500 * 1024
OUR_CACHES = (".site-builder-cache", ".cache")
SUMMARY_LINE = re.compile(r"Built (\d+) pages")

_live_groups: dict[int, subprocess.Popen] = {}  # process groups to kill if interrupted


class BenchError(Exception):
    """A failure that ends the benchmark with a message instead of a traceback."""


@dataclass
class Run:
    """One measured process: what it cost and what it printed."""

    wall: float
    cpu: float
    peak_mib: float
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Sample:
    """One build of one tool, with what it wrote."""

    run: Run
    pages: int
    out_bytes: int


@dataclass
class ToolResult:
    """All builds of one tool at one size, by phase ("cold", "warm", "edit")."""

    phases: dict[str, list[Sample]] = field(default_factory=dict)
    serve_seconds: float | None = None

    def add(self, phase: str, sample: Sample) -> None:
        self.phases.setdefault(phase, []).append(sample)

    def median(self, phase: str, attr: str) -> float | None:
        samples = self.phases.get(phase)
        return statistics.median(getattr(s.run, attr) for s in samples) if samples else None

    def walls(self, phase: str) -> list[float]:
        return [s.run.wall for s in self.phases.get(phase, [])]


# ---------------------------------------------------------------- process tree measurement


def _children(pid: int) -> list[int]:
    """Direct children of pid, from every thread's `children` file (a worker may be forked
    by any thread); falls back to scanning /proc for the parent pid where that file is
    missing (kernels without CONFIG_PROC_CHILDREN)."""
    tasks = Path(f"/proc/{pid}/task")
    try:
        files = list(tasks.glob("*/children"))
    except OSError:
        return []
    if not files and tasks.exists():
        return _children_by_scan(pid)
    found: list[int] = []
    for path in files:
        with contextlib.suppress(OSError):
            found.extend(int(p) for p in path.read_text().split())
    return found


def _children_by_scan(pid: int) -> list[int]:
    """Children of pid by reading the PPid of every process (slow; the fallback)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                status = (entry / "status").read_text()
                if re.search(rf"^PPid:\s+{pid}$", status, re.M):
                    found.append(int(entry.name))
    return found


def _rss_kib(pid: int) -> int:
    """Resident memory of one process; 0 if it has just exited."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
    return int(match.group(1)) if match else 0


def tree_rss_kib(root: int) -> int:
    """Summed RSS of root and all its descendants: forked render workers count too."""
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _rss_kib(pid)
        todo.extend(_children(pid))
    return total


class MemorySampler(threading.Thread):
    """Samples the tree's RSS until stopped, keeping the maximum of the sum."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak_kib = max(self.peak_kib, tree_rss_kib(self.pid))
            self.done.wait(SAMPLE_SECONDS)


def kill_group(process: subprocess.Popen, grace: float = 10.0) -> None:
    """SIGINT the process's group (servers shut down cleanly on it), wait up to grace for
    the leader to exit, then SIGKILL whatever of the group is left (workers, strays)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
        os.killpg(process.pid, signal.SIGKILL)
    _live_groups.pop(process.pid, None)


def _kill_on_timeout(pgid: int) -> None:
    """The watchdog: SIGKILL only, as the main thread is blocked reaping the leader."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def _start(cmd: list[str], logs: Path, env: dict | None = None) -> subprocess.Popen:
    """Start cmd in its own session (so the whole tree can be killed), output to files
    (a pipe nobody reads could block a chatty child while we wait)."""
    out = open(logs.with_suffix(".out"), "w")  # noqa: SIM115 - closed by the child's exit
    err = open(logs.with_suffix(".err"), "w")  # noqa: SIM115
    with out, err:
        process = subprocess.Popen(
            cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, start_new_session=True
        )
    _live_groups[process.pid] = process
    return process


def run_measured(cmd: list[str], timeout: float, logs: Path, env: dict | None = None) -> Run:
    """Run cmd to completion: wall clock, the tree's CPU from wait4 (it includes the
    descendants the child reaped) and the sampled peak of the tree's RSS."""
    started = time.perf_counter()
    process = _start(cmd, logs, env)
    sampler = MemorySampler(process.pid)
    sampler.start()
    timer = threading.Timer(timeout, _kill_on_timeout, args=(process.pid,))
    timer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
        sampler.done.set()
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    sampler.join()
    kill_group(process, grace=0)  # stray grandchildren, if any
    if wall >= timeout:
        raise BenchError(f"timed out after {timeout:.0f} s: {' '.join(cmd)}")
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_mib=sampler.peak_kib / 1024,
        returncode=process.returncode,
        stdout=logs.with_suffix(".out").read_text(errors="replace"),
        stderr=logs.with_suffix(".err").read_text(errors="replace"),
    )


def checked(run: Run, what: str) -> Run:
    """Stop the benchmark if a build failed: timing a failure would mislead."""
    if run.returncode != 0:
        tail = "\n".join((run.stderr or run.stdout).splitlines()[-20:])
        raise BenchError(f"{what} failed (exit {run.returncode}):\n{tail}")
    return run


# ---------------------------------------------------------------- corpus and outputs


@dataclass
class Corpus:
    """One generated briefing in both layouts, and where outputs and logs go."""

    root: Path
    size: int
    sample_event: str

    ours = property(lambda self: self.root / "ours")
    hugo = property(lambda self: self.root / "hugo")
    logs = property(lambda self: self.root / "logs")

    def event_file(self, tool: str) -> Path:
        site = self.ours if tool == "ours" else self.hugo
        return site / "content" / "events" / f"{self.sample_event}.md"


def generate(size: int, folder: Path) -> Corpus:
    """Write the corpus once per size; the generator is deterministic, so both tools and
    every run see the same bytes."""
    if folder.exists():
        if not (folder / "expected.json").exists():
            raise BenchError(f"{folder} exists and is not a generated corpus; not replacing it")
        shutil.rmtree(folder)
    cmd = [sys.executable, str(GEN_CORPUS), str(size), str(folder)]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120 + size * 0.01)
    if result.returncode != 0:
        raise BenchError(f"corpus generation failed:\n{result.stderr}")
    expected = json.loads((folder / "expected.json").read_text())
    (folder / "logs").mkdir()
    return Corpus(folder, size, expected["sample_event"])


def tree_files(folder: Path) -> list[tuple[Path, int]]:
    """Every file under folder with its size."""
    found = []
    for dirpath, _, names in os.walk(folder):
        for name in names:
            path = Path(dirpath, name)
            found.append((path, path.lstat().st_size))
    return found


def out_bytes(folder: Path) -> int:
    return sum(size for _, size in tree_files(folder))


def html_pages(folder: Path) -> list[tuple[Path, int]]:
    return [(p, s) for p, s in tree_files(folder) if p.suffix == ".html"]


def clear_ours(corpus: Corpus, out: Path) -> None:
    """Cold means cold: no output and no on-disk cache, should one appear in the future."""
    shutil.rmtree(out, ignore_errors=True)
    for name in OUR_CACHES:
        shutil.rmtree(corpus.ours / name, ignore_errors=True)


def clear_hugo(corpus: Corpus, out: Path) -> None:
    """Hugo's counterpart: fresh output and no resources/_gen (its processed-asset cache)."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(corpus.hugo / "resources" / "_gen", ignore_errors=True)


# ---------------------------------------------------------------- the two tools


def build_timeout(size: int) -> float:
    return 120 + size * 0.03


def our_env() -> dict:
    """Import site_builder from this checkout, not whatever the venv has installed."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": str(REPO) + (os.pathsep + path if path else "")}


def build_ours(corpus: Corpus, out: Path, label: str) -> Sample:
    cmd = [sys.executable, "-m", "site_builder", "--root", str(corpus.ours), "build"]
    cmd += ["--out", str(out)]
    logs = corpus.logs / f"ours-{label}"
    run = checked(run_measured(cmd, build_timeout(corpus.size), logs, our_env()), "our build")
    match = SUMMARY_LINE.search(run.stdout)
    if not match:
        raise BenchError(f"no 'Built N pages' line in our build's output:\n{run.stdout}")
    return Sample(run, int(match.group(1)), out_bytes(out))


def build_hugo(corpus: Corpus, out: Path, label: str) -> Sample:
    cmd = ["hugo", "--quiet", "-s", str(corpus.hugo), "-d", str(out)]
    logs = corpus.logs / f"hugo-{label}"
    run = checked(run_measured(cmd, build_timeout(corpus.size), logs), "hugo build")
    return Sample(run, len(html_pages(out)), out_bytes(out))


def append_sentence(path: Path, marker: str) -> None:
    """One real change to one event's body, different every run."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f" {marker}\n", encoding="utf-8")


def event_page(out: Path, event_id: str) -> Path:
    return out / "events" / event_id / "index.html"


def our_base_path(corpus: Corpus) -> str:
    """Where our server puts the site: the path of site.yaml's base_url (e.g. /briefing/)."""
    text = (corpus.ours / "site.yaml").read_text(encoding="utf-8")
    match = re.search(r"^base_url:\s*(\S+)", text, re.M)
    path = urlparse(match.group(1).strip("'\"")).path if match else "/"
    return path if path.endswith("/") else path + "/"


# ---------------------------------------------------------------- phases


def cold_builds(corpus: Corpus, runs: int, hugo: bool, ours: ToolResult, peer: ToolResult):
    """A B A B ...: each tool's runs see the same machine load, on average."""
    for n in range(runs):
        clear_ours(corpus, corpus.root / "out-ours")
        ours.add("cold", build_ours(corpus, corpus.root / "out-ours", f"cold{n}"))
        if hugo:
            clear_hugo(corpus, corpus.root / "out-hugo")
            peer.add("cold", build_hugo(corpus, corpus.root / "out-hugo", f"cold{n}"))


def warm_builds(corpus: Corpus, runs: int, hugo: bool, ours: ToolResult, peer: ToolResult):
    """Nothing changed, output (and cache) kept: what a no-op rebuild costs."""
    for n in range(runs):
        ours.add("warm", build_ours(corpus, corpus.root / "out-ours", f"warm{n}"))
        if hugo:
            peer.add("warm", build_hugo(corpus, corpus.root / "out-hugo", f"warm{n}"))


def edit_builds(corpus: Corpus, runs: int, hugo: bool, ours: ToolResult, peer: ToolResult):
    """One event's body gains a new sentence before each build; restored afterwards. The
    edited page is checked for the sentence, so a build that skips the change is caught."""
    tools = [("ours", build_ours, ours)] + ([("hugo", build_hugo, peer)] if hugo else [])
    originals = {tool: corpus.event_file(tool).read_bytes() for tool, _, _ in tools}
    try:
        for n in range(runs):
            for tool, build, result in tools:
                marker = f"Benchmark edit {n} revised this account."
                append_sentence(corpus.event_file(tool), marker)
                out = corpus.root / f"out-{tool}"
                result.add("edit", build(corpus, out, f"edit{n}"))
                page = event_page(out, corpus.sample_event)
                if marker not in page.read_text(encoding="utf-8", errors="replace"):
                    raise BenchError(f"{tool}: the edit did not reach {page}")
    finally:
        for tool, data in originals.items():
            corpus.event_file(tool).write_bytes(data)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(port: int, path: str, timeout: float) -> int | None:
    """HTTP status of one GET, or None while nothing listens yet."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=max(timeout, 0.1))
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    except (ConnectionError, OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


def time_to_page(cmd: list[str], port: int, path: str, timeout: float, logs: Path, env=None):
    """Seconds from starting the server process until path answers 200. Our server holds
    early requests until the page exists, so one request may wait a long time."""
    started = time.perf_counter()
    process = _start(cmd, logs, env)
    try:
        while (elapsed := time.perf_counter() - started) < timeout:
            if _status(port, path, timeout - elapsed) == 200:
                return time.perf_counter() - started
            if process.poll() is not None:
                err = logs.with_suffix(".err").read_text(errors="replace")
                raise BenchError(f"server exited ({process.returncode}): {' '.join(cmd)}\n{err}")
            time.sleep(SAMPLE_SECONDS)
        raise BenchError(f"no 200 from {path} within {timeout:.0f} s: {' '.join(cmd)}")
    finally:
        kill_group(process)


def serve_ours(corpus: Corpus) -> float:
    """A fresh `serve` with a fresh output folder and no cache: a first preview of the day."""
    out, port = corpus.root / "serve-ours", free_port()
    clear_ours(corpus, out)
    cmd = [sys.executable, "-m", "site_builder", "--root", str(corpus.ours), "serve"]
    cmd += ["--port", str(port), "--out", str(out)]
    path = f"{our_base_path(corpus)}events/{corpus.sample_event}/"
    logs = corpus.logs / "ours-serve"
    return time_to_page(cmd, port, path, build_timeout(corpus.size), logs, our_env())


def serve_hugo(corpus: Corpus) -> float:
    """`hugo server` renders into memory; content/events/<id>.md is served at /events/<id>/."""
    port = free_port()
    shutil.rmtree(corpus.hugo / "resources" / "_gen", ignore_errors=True)
    cmd = ["hugo", "server", "--bind", "127.0.0.1", "-p", str(port), "-s", str(corpus.hugo)]
    path = f"/events/{corpus.sample_event}/"
    logs = corpus.logs / "hugo-serve"
    return time_to_page(cmd, port, path, build_timeout(corpus.size), logs)


# ---------------------------------------------------------------- report


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}x" if a is not None and b else "-"


def num(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def _row(label: str, ours: float | None, hugo: float | None, digits: int = 2) -> str:
    return f"  {label:<30}{num(ours, digits):>14}{num(hugo, digits):>14}{ratio(ours, hugo):>12}"


def phase_rows(phase: str, ours: ToolResult, hugo: ToolResult) -> list[str]:
    """Median wall and CPU, the individual walls and the peak memory of one phase."""
    rows = [
        _row(f"{phase} wall s (median)", ours.median(phase, "wall"), hugo.median(phase, "wall")),
        _row(f"{phase} CPU s (median)", ours.median(phase, "cpu"), hugo.median(phase, "cpu")),
    ]
    for name, result in (("site-builder", ours), ("hugo", hugo)):
        if walls := result.walls(phase):
            runs = " ".join(f"{w:.2f}" for w in walls)
            rows.append(f"    {name + ' runs, wall s':<28}{'':>6}{runs}")
    peaks = [
        max((s.run.peak_mib for s in r.phases.get(phase, [])), default=None) for r in (ours, hugo)
    ]
    rows.append(_row(f"{phase} peak RSS MiB (tree)", *peaks, digits=0))
    return rows


def first_sample(result: ToolResult) -> Sample | None:
    samples = result.phases.get("cold")
    return samples[0] if samples else None


def pages_per_second(result: ToolResult) -> float | None:
    sample, wall = first_sample(result), result.median("cold", "wall")
    return sample.pages / wall if sample and wall else None


def size_table(corpus: Corpus, ours: ToolResult, hugo: ToolResult, largest: tuple) -> str:
    """One aligned table for one size: ours, Hugo and ours/Hugo side by side."""
    o, h = first_sample(ours), first_sample(hugo)
    lines = [f"\n== {corpus.size:,} events ({corpus.root}) ==", ""]
    lines.append(f"  {'':<30}{'site-builder':>14}{'hugo':>14}{'ours/hugo':>12}")
    lines.append(_row("pages", o and o.pages, h and h.pages, digits=0))
    for phase in ("cold", "warm", "edit"):
        lines += phase_rows(phase, ours, hugo)
        if phase == "cold":
            lines.append(_row("cold pages/s", pages_per_second(ours), pages_per_second(hugo), 0))
    mib = [s and s.out_bytes / 2**20 for s in (o, h)]
    lines.append(_row("output MiB", *mib, digits=1))
    lines.append(_row("serve → event page s", ours.serve_seconds, hugo.serve_seconds))
    path, size, big = largest
    lines.append(f"  {'largest HTML page (ours)':<30}{size:>14,} B  {path}")
    lines.append(f"  {'pages over 500 KB (ours)':<30}{big:>14}")
    return "\n".join(lines)


def largest_page(out: Path) -> tuple[str, int, int]:
    """The heaviest HTML page and how many pass 500 KB: page weight grows with the corpus."""
    pages = html_pages(out)
    path, size = max(pages, key=lambda item: item[1])
    return str(path.relative_to(out)), size, sum(1 for _, s in pages if s > BIG_PAGE_BYTES)


def summary(results: list[tuple[int, ToolResult, ToolResult]]) -> str:
    """Ratios ours/Hugo per size: above 1 means we are slower (or bigger)."""
    head = ["cold wall", "cold CPU", "peak RSS", "output", "warm wall", "edit wall", "serve"]
    lines = ["\n== summary: ours / Hugo (above 1.00x: site-builder slower or bigger) ==", ""]
    lines.append(f"  {'events':>8}" + "".join(f"{h:>11}" for h in head))
    for size, ours, hugo in results:
        o, h = first_sample(ours), first_sample(hugo)
        peak = [
            max((s.run.peak_mib for s in r.phases.get("cold", [])), default=None)
            for r in (ours, hugo)
        ]
        cells = [
            ratio(ours.median("cold", "wall"), hugo.median("cold", "wall")),
            ratio(ours.median("cold", "cpu"), hugo.median("cold", "cpu")),
            ratio(*peak),
            ratio(o and o.out_bytes, h and h.out_bytes),
            ratio(ours.median("warm", "wall"), hugo.median("warm", "wall")),
            ratio(ours.median("edit", "wall"), hugo.median("edit", "wall")),
            ratio(ours.serve_seconds, hugo.serve_seconds),
        ]
        lines.append(f"  {size:>8,}" + "".join(f"{c:>11}" for c in cells))
    return "\n".join(lines)


# ---------------------------------------------------------------- main


def bench_size(size: int, base: Path, args) -> tuple[ToolResult, ToolResult]:
    """Every phase for one size, printing the table as soon as the size is done."""
    started = time.perf_counter()
    corpus = generate(size, base / f"n{size}")
    print(f"\n{size:,} events: corpus written in {time.perf_counter() - started:.1f} s", flush=True)
    ours, hugo = ToolResult(), ToolResult()
    cold_builds(corpus, args.runs, args.hugo, ours, hugo)
    largest = largest_page(corpus.root / "out-ours")
    warm_builds(corpus, args.runs, args.hugo, ours, hugo)
    edit_builds(corpus, args.runs, args.hugo, ours, hugo)
    if args.serve:
        ours.serve_seconds = serve_ours(corpus)
        if args.hugo:
            hugo.serve_seconds = serve_hugo(corpus)
    print(size_table(corpus, ours, hugo, largest), flush=True)
    return ours, hugo


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="events per corpus")
    parser.add_argument("--runs", type=int, default=3, help="builds per phase and tool")
    parser.add_argument("--keep", type=Path, default=None, help="write corpora here and keep them")
    parser.add_argument("--no-hugo", dest="hugo", action="store_false", help="skip Hugo")
    parser.add_argument("--no-serve", dest="serve", action="store_false", help="skip serve")
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes takes numbers separated by commas, not {args.sizes!r}")
    if args.runs < 1 or not args.sizes or min(args.sizes) < 1:
        parser.error("--runs and every size must be at least 1")
    if args.hugo and not shutil.which("hugo"):
        print("hugo is not on PATH: measuring site-builder only", file=sys.stderr)
        args.hugo = False
    return args


def _raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _raise_interrupt)  # clean up on kill, as on Ctrl-C
    base = args.keep or Path(tempfile.mkdtemp(prefix="build-speed-"))
    base.mkdir(parents=True, exist_ok=True)
    print(f"build speed, {args.runs} run(s) per phase; hugo: {'yes' if args.hugo else 'no'}")
    results = []
    try:
        for size in args.sizes:
            results.append((size, *bench_size(size, base, args)))
        if args.hugo:
            print(summary(results))
        return 0
    except BenchError as err:
        print(f"\nerror: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    finally:
        for process in list(_live_groups.values()):
            kill_group(process, grace=2.0)
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
