"""The build's record reader: each file read and parsed once, on every core, or not at all.

A record file is parsed, and its Markdown body rendered, from its bytes; the result is
kept in the build cache by the digest of exactly those bytes (cache.py), so an
unchanged file costs a stat (or a read and a hash, while its stat is not yet settled),
never a parse. The bodies' HTML is handed to render/markup.py, so pages and the search
index look it up instead of rendering it again (in another process: a worker's lru_cache
is not the parent's).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from site_builder.build.cache import Digests, digest
from site_builder.build.parallel import fork_map, worker_count
from site_builder.content.loader import FileRecord, Kind, Reader, read_record
from site_builder.render.markup import remember, render_markdown

PARALLEL_MIN_FILES = 400  # fewer misses than this parse faster than workers start
FILES_PER_TASK = 200

_job: tuple[list[tuple[str, str]], Kind] | None = None  # inherited by forked workers

Parsed = tuple[bytes, FileRecord, str | None]  # digest, record, body HTML


class BuildReader(Reader):
    """Path → FileRecord through the cache; misses are parsed on every core."""

    def __init__(self, digests: Digests | None = None, known: dict | None = None):
        self.digests = digests
        self.known: dict[tuple, tuple[FileRecord, str | None]] = known or {}
        self.kept: dict[tuple, tuple[FileRecord, str | None]] = {}  # what the cache keeps
        self.parsed = 0

    def load_all(self, files: list[tuple[str, str]], kind: Kind) -> list[FileRecord]:
        results: list[FileRecord | None] = [None] * len(files)
        misses: list[int] = []
        for index, (display, path) in enumerate(files):
            try:
                st = os.stat(path)
            except OSError:
                st = None
            if st is None or not stat.S_ISREG(st.st_mode) or st.st_size > kind.limit:
                results[index] = super().load(path, display, kind)  # reports the problem
                continue
            if self.digests is not None:
                try:
                    value = self.digests.of(path, st)
                except OSError:
                    value = None
                hit = self.known.get((kind.name, display, value))
                if hit is not None:
                    results[index] = self._take(kind, display, value, *hit)
                    continue
            misses.append(index)
        if misses:
            for index, (value, record, html) in zip(
                misses, _parse(files, misses, kind), strict=True
            ):
                results[index] = self._take(kind, files[index][0], value, record, html)
        return results

    def _take(self, kind: Kind, display: str, value, result: FileRecord, html) -> FileRecord:
        if html is not None:
            remember(result.record.body, html)
        if value is not None:
            self.kept[(kind.name, display, value)] = (result, html)
        return result


def _parse(files: list[tuple[str, str]], indexes: list[int], kind: Kind) -> list[Parsed]:
    global _job
    _job = (files, kind)
    try:
        if len(indexes) < PARALLEL_MIN_FILES or worker_count() < 2:
            return _parse_run(indexes)
        runs = [indexes[i : i + FILES_PER_TASK] for i in range(0, len(indexes), FILES_PER_TASK)]
        return [parsed for run in fork_map(_parse_run, runs) for parsed in run]
    finally:
        _job = None


def _parse_run(indexes: list[int]) -> list[Parsed]:
    files, kind = _job
    return [_parse_one(*files[index], kind) for index in indexes]


def _parse_one(display: str, path: str, kind: Kind) -> Parsed:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None, read_record(Path(path), display, kind), None  # reports the problem
    result = read_record(Path(path), display, kind, data)
    body = getattr(result.record, "body", None)
    html = render_markdown(body) if isinstance(body, str) else None
    return digest(data), result, html


__all__ = ["BuildReader"]
