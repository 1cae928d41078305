"""Write a planned site into output/ atomically.

The new tree is written into a sibling folder, then swapped in with one rename
(renameat2 RENAME_EXCHANGE where the kernel has it), so a reader or a killed build
sees either the old output/ or the new one, complete, never a mix (issue 6).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

BUILDING_PREFIX = ".building-"
RETIRED_PREFIX = ".retired-"
DISCARDED_PREFIX = ".discarded-"  # a replaced tree, being deleted by a background process
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class OutputInUse(Exception):
    """Another site-builder process is keeping this output folder up to date."""


class ServeClaim:
    """`site-builder serve` holds this for as long as it runs: its rebuilds write files
    into output/ one by one, so a `build` swapping in a whole tree meanwhile (say with
    another --base-url) would leave a mix of both. A build refuses instead, and so does
    a second server on the same folder. The kernel drops the lock when the process dies."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir.resolve()
        self._handle: int | None = None
        if fcntl is None:
            return
        handle = _open_claim(self.out_dir)
        if handle is None:
            return  # no writable temporary folder: nobody else can claim it either
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            raise OutputInUse(
                f"{self.out_dir} is in use by another site-builder (a running `serve`, or a "
                "build writing it now); stop it, or serve into another folder with --out DIR"
            ) from None
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            os.close(self._handle)
            self._handle = None


def write_tree(
    files: dict[PurePosixPath, bytes], out_dir: Path, claim: ServeClaim | None = None
) -> None:
    """Swap a complete new tree into out_dir; `claim` is the caller's own, if it serves."""
    with staged_tree(out_dir, claim) as staging:
        for relative, data in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


@contextmanager
def staged_tree(out_dir: Path, claim: ServeClaim | None = None):
    """A fresh, empty staging folder beside out_dir, swapped in when the block ends
    without an exception and deleted when it raises: out_dir holds the old tree or the
    new one, complete, never a mix. The build's workers write straight into it."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with _one_writer_at_a_time(out_dir.parent), _not_served(out_dir, claim):
        recover_interrupted(out_dir)
        staging = out_dir.with_name(f"{BUILDING_PREFIX}{out_dir.name}-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            yield staging
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _swap_in(staging, out_dir)


@contextmanager
def _one_writer_at_a_time(folder: Path):
    """Hold an exclusive lock on the output's parent folder while writing.

    Without it a second build (say `serve` rebuilding while `build` runs) took the
    first one's half-written staging folder for a leftover and deleted files from it
    just before it was swapped in: both exited 0 and output/ lacked files (issue 6).
    The kernel drops the lock when its process dies, even by SIGKILL."""
    if fcntl is None:  # not a POSIX system: no concurrent-build protection
        yield
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


@contextmanager
def _not_served(out_dir: Path, claim: ServeClaim | None):
    """Refuse to write a folder that a running `serve` keeps (ServeClaim); while writing,
    hold the claim's lock shared, so no server starts on the folder halfway through."""
    handle = None
    if fcntl is not None and (claim is None or claim.out_dir != out_dir):
        handle = _open_claim(out_dir)
    if handle is None:
        yield
        return
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputInUse(
                f"{out_dir} is kept up to date by a running `site-builder serve`; stop it "
                "first, or build into another folder with --out DIR"
            ) from None
        yield
    finally:
        os.close(handle)


def _open_claim(out_dir: Path) -> int | None:
    try:
        return os.open(_claim_path(out_dir), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None


def _claim_path(out_dir: Path) -> Path:
    """A lock file per output folder and user, outside the site (nothing to commit)."""
    digest = hashlib.sha256(os.fsencode(out_dir)).hexdigest()[:20]
    return Path(tempfile.gettempdir()) / f"site-builder-{os.getuid()}-{digest}.lock"


def _swap_in(staging: Path, out_dir: Path) -> None:
    if out_dir.exists() and _exchange(staging, out_dir):
        discard(staging, out_dir)  # staging now holds the previous output
        return
    retired = out_dir.with_name(f"{RETIRED_PREFIX}{out_dir.name}")
    if out_dir.exists():
        shutil.rmtree(retired, ignore_errors=True)
        out_dir.rename(retired)
    staging.rename(out_dir)
    if retired.exists():
        discard(retired, out_dir)


# Deletes one folder, at low priority, in a process of its own (see discard): it forks
# and exits at once, so the build waits only for it to start (about 15 ms), and the
# deleter is nobody's child to reap, nor stopped by Ctrl-C in the build's terminal.
_DELETER = """
import os, shutil, sys
if os.fork() == 0:
    os.setsid()
    os.nice(10)
    shutil.rmtree(sys.argv[1], ignore_errors=True)
os._exit(0)
"""


def discard(folder: Path, out_dir: Path) -> None:
    """Delete a replaced tree without making the build wait for it: deleting 10,000
    pages' folders took seconds after the new output was already in place (issue 14).

    The tree is renamed aside first (one rename, so out_dir is never touched), then a
    detached process deletes it; where none can be started it is deleted here. A tree
    left by a deleter that was killed is deleted the same way by the next build
    (recover_interrupted)."""
    aside = out_dir.with_name(f"{DISCARDED_PREFIX}{out_dir.name}-{os.getpid()}-{time.time_ns()}")
    try:
        folder.rename(aside)
    except OSError:
        aside = folder
    _delete_in_background(aside)


def _delete_in_background(folder: Path) -> None:
    try:
        if not sys.executable or os.name != "posix":
            raise OSError("no interpreter to run the deleter")
        started = subprocess.run(
            [sys.executable, "-I", "-S", "-c", _DELETER, str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=30,
            check=False,
        )
        if started.returncode != 0:
            raise OSError("the deleter did not start")
    except (OSError, subprocess.SubprocessError):
        shutil.rmtree(folder, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories; False where renameat2 is unavailable."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def tidy(out_dir: Path) -> None:
    """For a build that writes nothing (its output is already current): still clean up
    what a killed build left beside out_dir, under the same lock as a writing build."""
    out_dir = out_dir.resolve()
    if not out_dir.parent.is_dir():
        return
    with _one_writer_at_a_time(out_dir.parent):
        recover_interrupted(out_dir)


def recover_interrupted(out_dir: Path) -> None:
    """Clean up after a build that was killed: restore or drop its leftovers."""
    retired = out_dir.with_name(f"{RETIRED_PREFIX}{out_dir.name}")
    if retired.exists():
        if out_dir.exists():
            shutil.rmtree(retired)
        else:  # killed between the two renames of the fallback swap
            retired.rename(out_dir)
    for leftover in out_dir.parent.glob(f"{BUILDING_PREFIX}{out_dir.name}-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in out_dir.parent.glob(f"{DISCARDED_PREFIX}{out_dir.name}-*"):
        _delete_in_background(leftover)  # its deleter was stopped, or is still at it
