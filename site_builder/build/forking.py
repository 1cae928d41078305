"""[function(task) for task in tasks] on every core: the build process and forked children.

The build process works through the tasks too, beside one child per other core, instead
of waiting for a pool of workers: every forked process holds its own count of the site
it inherited (the library, the plan), so one process fewer is a site's worth of memory
less at 100,000 events, and no pool, queue or feeder thread is started (issue 14).

Tasks are claimed one at a time from a shared counter, so a slow task never holds up
the others. A child reports each finished task's index on a pipe (the progress bar)
and writes all its results to a file of its own when done; the parent reads them after
the child has exited. A child that dies, or fails, leaves its tasks to the parent,
which runs them again itself (they only write files, so a second run is harmless).
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import pickle
import select
import signal
import struct
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

_PR_SET_PDEATHSIG = 1
_INDEX = struct.Struct("<q")
_MISSING = object()


@dataclass
class _Child:
    pid: int
    progress: int  # read end of the child's progress pipe
    results: object  # the file the child writes its results to
    exited: bool = False


@dataclass
class _Progress:
    done: Callable | None
    reported: set[int]

    def __call__(self, index: int) -> None:
        if self.done is not None and index not in self.reported:
            self.reported.add(index)
            self.done(index)


def forked_map(function: Callable, tasks: list, children: int, done: Callable | None) -> list:
    """Results in task order; `done(i)` is called in this process as task i finishes."""
    counter = multiprocessing.get_context("fork").Value("q", 0)
    results: list = [_MISSING] * len(tasks)
    done = _Progress(done, set())  # each task once, even one run again here
    # Objects made so far live as long as the build: the collector need not walk them,
    # in the parent or in a child (whose walk would also copy every page it touches).
    gc.collect()
    gc.freeze()
    started: list[_Child] = []
    try:
        for _ in range(children):
            started.append(_fork(function, tasks, counter))
        for index in _claims(counter, len(tasks)):
            results[index] = function(tasks[index])
            done(index)
            _drain(started, done, block=False)
        while _drain(started, done, block=True):
            pass
        for child in started:
            _collect(child, results)
    finally:
        for child in started:
            _stop(child)
        gc.unfreeze()
    return _complete(function, tasks, results, done)


def _claims(counter, total: int):
    """The next task nobody has taken, until none is left."""
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value = index + 1
        if index >= total:
            return
        yield index


def _fork(function: Callable, tasks: list, counter) -> _Child:
    results = tempfile.TemporaryFile()  # noqa: SIM115 — closed by _stop
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(function, tasks, counter, write_end, results)
    os.close(write_end)
    return _Child(pid, read_end, results)


def _child(function: Callable, tasks: list, counter, progress: int, results) -> None:
    code = 1
    try:
        die_with_parent()
        found = []
        for index in _claims(counter, len(tasks)):
            found.append((index, function(tasks[index])))
            os.write(progress, _INDEX.pack(index))
        pickle.dump(found, results, protocol=pickle.HIGHEST_PROTOCOL)
        results.flush()
        code = 0
    except BaseException:  # noqa: BLE001 — the parent runs what is missing, and reports it
        pass
    finally:
        os._exit(code)


def _drain(children: list[_Child], done: _Progress, block: bool) -> bool:
    """Report the tasks children finished; False once every child has closed its pipe."""
    open_pipes = [c.progress for c in children if not c.exited]
    if not open_pipes:
        return False
    ready, _, _ = select.select(open_pipes, [], [], None if block else 0)
    for child in children:
        if child.progress not in ready:
            continue
        data = os.read(child.progress, _INDEX.size * 1024)
        if not data:
            child.exited = True
            continue
        for (index,) in _INDEX.iter_unpack(data):  # 8-byte writes to a pipe are atomic
            done(index)
    return True


def _collect(child: _Child, results: list) -> None:
    _, status = os.waitpid(child.pid, 0)
    child.pid = 0
    if os.waitstatus_to_exitcode(status) != 0:
        return  # its tasks are run again by the parent
    child.results.seek(0)
    try:
        found = pickle.load(child.results)
    except Exception:  # noqa: BLE001 — an unreadable file: the parent runs its tasks
        return
    for index, value in found:
        results[index] = value


def _stop(child: _Child) -> None:
    if child.pid:
        try:
            os.kill(child.pid, signal.SIGKILL)
            os.waitpid(child.pid, 0)
        except OSError:
            pass
    os.close(child.progress)
    child.results.close()


def _complete(function: Callable, tasks: list, results: list, done: _Progress) -> list:
    """Run here whatever a child did not deliver (it died, or its task raised: then the
    same exception is raised here, as if the task had run in this process)."""
    for index, value in enumerate(results):
        if value is _MISSING:
            results[index] = function(tasks[index])
            done(index)
    return results


def die_with_parent() -> None:
    """A child stops when the build does, even if it is killed (Linux's prctl)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


__all__ = ["die_with_parent", "forked_map"]
