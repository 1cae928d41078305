"""Write a planned site into output/ atomically.

The new tree is written into a sibling folder, then swapped in with one rename
(renameat2 RENAME_EXCHANGE where the kernel has it), so a reader or a killed build
sees either the old output/ or the new one, complete, never a mix (issue 6).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

BUILDING_PREFIX = ".building-"
RETIRED_PREFIX = ".retired-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def write_tree(files: dict[PurePosixPath, bytes], out_dir: Path) -> None:
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with _one_writer_at_a_time(out_dir.parent):
        recover_interrupted(out_dir)
        staging = out_dir.with_name(f"{BUILDING_PREFIX}{out_dir.name}-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        for relative, data in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
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


def _swap_in(staging: Path, out_dir: Path) -> None:
    if out_dir.exists() and _exchange(staging, out_dir):
        shutil.rmtree(staging)  # staging now holds the previous output
        return
    retired = out_dir.with_name(f"{RETIRED_PREFIX}{out_dir.name}")
    if out_dir.exists():
        shutil.rmtree(retired, ignore_errors=True)
        out_dir.rename(retired)
    staging.rename(out_dir)
    shutil.rmtree(retired, ignore_errors=True)


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
