"""The bad-input corpus of issue 6: load a case, lay it over the base site, run the CLI.

Each case is a folder of tests/bad_input/ (see its README.md). The CLI runs in a child
process, so a crash shows as a traceback on stderr, a hang as a timeout, and the child's
own time and peak memory are measured.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent / "bad_input"
BASE = CORPUS / "_base"
REPO = CORPUS.parent.parent
PAD_LINE = "The delegates talked for another hour about the ceasefire.\n"


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    expected: str  # exact stderr; empty means the build must succeed
    shows: list[tuple[str, str]] = field(default_factory=list)  # (output file, text)
    options: dict = field(default_factory=dict)

    @property
    def must_succeed(self) -> bool:
        return not self.expected


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float  # peak resident set of a process, or peak Python allocations (fork)


def load_cases() -> list[Case]:
    cases = []
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir() and p.name != "_base"):
        shows_file = folder / "shows.txt"
        shows = [
            tuple(line.split("\t", 1))
            for line in (shows_file.read_text().splitlines() if shows_file.exists() else [])
        ]
        case_file = folder / "case.yaml"
        options = yaml.safe_load(case_file.read_text()) if case_file.exists() else {}
        cases.append(
            Case(folder.name, folder, (folder / "expected.txt").read_text(), shows, options)
        )
    return cases


def prepare(case: Case, site: Path) -> None:
    """Lay the case's files over a copy of the base site at `site`."""
    overlay = case.folder / "site"
    if overlay.is_dir():
        shutil.copytree(overlay, site, symlinks=True, dirs_exist_ok=True)
    outside = site.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.md").write_text("---\ntitle: not for publication\n---\nsecret\n")
    for link, target in case.options.get("links", {}).items():
        (site / link).symlink_to(target.replace("{outside}", str(outside)))
    for fifo in case.options.get("fifos", []):
        os.mkfifo(site / fifo)
    for name, megabytes in case.options.get("pad", {}).items():
        _pad(site / name, megabytes * 2**20)


def _pad(path: Path, size: int) -> None:
    """Grow a record's body to `size` bytes with ordinary prose."""
    with path.open("a", encoding="utf-8") as handle:
        block = PAD_LINE * 1000
        while handle.tell() < size:
            handle.write(block)


def run_cli(site: Path, *args: str, timeout: float = 60) -> Outcome:
    """`python -m site_builder --root site build` in a new interpreter.

    Memory is the child's peak resident set (os.wait4 reports it per process)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "site_builder", "--root", str(site), "build", *args],
            stdout=out,
            stderr=err,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        try:
            status, usage = _wait(child.pid, timeout)
        finally:
            child.returncode = 0  # reaped by os.wait4 (or killed there)
        return _outcome(status, out, err, time.perf_counter() - started, usage.ru_maxrss / 1024)


def run_forked(site: Path, *args: str, timeout: float = 60) -> Outcome:
    """The CLI's main() in a forked child: the same code path without an interpreter
    start per case (the corpus runs ~90 cases). An uncaught exception prints Python's
    usual traceback; memory is the peak of Python's allocations (tracemalloc)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        handle, peak_path = tempfile.mkstemp()
        os.close(handle)
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            _child_main(["--root", str(site), "build", *args], out, err, peak_path)
        status, _ = _wait(pid, timeout)
        seconds = time.perf_counter() - started
        peak = Path(peak_path).read_text() or "0"
        os.unlink(peak_path)
        return _outcome(status, out, err, seconds, int(peak) / 2**20)


def _child_main(argv: list[str], out, err, peak_path: str) -> None:
    code = 70
    try:
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        from site_builder.cli import main

        tracemalloc.start()
        code = main(argv)
        Path(peak_path).write_text(str(tracemalloc.get_traced_memory()[1]))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _outcome(status: int, out, err, seconds: float, megabytes: float) -> Outcome:
    out.seek(0)
    err.seek(0)
    return Outcome(
        code=os.waitstatus_to_exitcode(status),
        stdout=out.read().decode("utf-8", "replace"),
        stderr=err.read().decode("utf-8", "replace"),
        seconds=seconds,
        max_rss_mb=megabytes,
    )


def _wait(pid: int, timeout: float):
    """Reap one child with its own resource usage; kill it if it outlives the timeout."""
    deadline = time.monotonic() + timeout
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.wait4(pid, 0)
            raise TimeoutError(f"build still running after {timeout} s")
        time.sleep(0.002)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
