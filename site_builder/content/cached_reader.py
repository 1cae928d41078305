"""A reader that remembers what each record file gave, for the dev server's rebuilds.

Issue 4: a file is parsed again only when its bytes differ from the bytes it was parsed
from (the cache key is the bytes themselves), and it is not even read while its stat
signature is unchanged and older than the clock's resolution; a folder is listed again
only when the signature of one of its folders changed. Nothing here tracks dependencies.

A file read for the first time (or with new bytes) may be answered by a `RecordStore`:
the build cache's parsed records, keyed by the digest of exactly the bytes read now
(issue 14), so a server's first load parses only what no build has parsed before.

It lives with the content stage because it is the loader's reader: a build walks down
the stages once, and the loader never calls back up into the preview's code (issue 15).
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from site_builder.content.loader import (
    FileRecord,
    Kind,
    Reader,
    RecordFiles,
    find_record_files,
    read_record,
)
from site_builder.diagnostics import Problems

# A file whose status changed this recently is read again even if its stat is the same:
# timestamps are coarse, so a second write in the same tick could keep size and times
# (git's "racy clean" problem). Older files may be trusted by their stat signature.
RACY_SECONDS = 2.0


@dataclass
class _Cached:
    signature: tuple
    settled: bool  # old enough that any later write changes the signature
    data: bytes
    display: str
    kind: str
    result: FileRecord


class RecordStore:
    """What other runs parsed, by kind, display path and the exact bytes (build/ keeps it)."""

    def get(self, kind: str, display: str, data: bytes) -> FileRecord | None:
        return None

    def parsed(self, kind: str, display: str, data: bytes, result: FileRecord) -> None:
        """A file this run parsed itself."""


class CachedReader(Reader):
    """The loader's reader, remembering what each file gave by path and exact bytes."""

    def __init__(self, store: RecordStore | None = None) -> None:
        self.store = store or RecordStore()
        self.files: dict[str, _Cached] = {}
        self.listings: dict[tuple, tuple[tuple, RecordFiles]] = {}
        self.clock = time.time_ns  # tests move it forward to make every file look settled
        self.listed = 0  # how many folders were actually listed (tests check incrementality)
        self.parses = 0  # how many files were actually parsed (tests check incrementality)

    def record_files(
        self, root: Path, folder: Path, problems: Problems, recursive: bool
    ) -> list[tuple[str, str]]:
        """The folder's record files, listed again only when one of its folders changed.

        A folder's stat signature changes whenever a file in it is added, removed or
        renamed; as with files, only a signature older than RACY_SECONDS is trusted."""
        key = (str(root), str(folder), recursive)
        known = self.listings.get(key)
        if known is not None and known[0] == _signatures(known[1].folders):
            return known[1].files
        found = Problems()
        now = self.clock()
        self.listed += 1
        before = _signatures(_folders_of(folder, known))
        listing = find_record_files(root, folder, found, recursive)
        problems.extend(found.items)
        signatures = _signatures(listing.folders)
        settled = all(sig and now - sig[-1] > RACY_SECONDS * 1e9 for sig in signatures)
        if settled and not found and not listing.linked and signatures == before:
            self.listings[key] = (signatures, listing)
        else:
            self.listings.pop(key, None)
        return listing.files

    def load_all(self, files: list[tuple[str, str]], kind: Kind) -> list[FileRecord]:
        # The common case inline: at 10,000 records, every function call here shows.
        known_files, name, results = self.files, kind.name, []
        for display, path in files:
            try:
                st = os.stat(path)
            except OSError:
                results.append(super().load(path, display, kind))  # reports the problem
                continue
            known = known_files.get(path)
            if (
                known is not None
                and known.settled
                and known.display == display
                and known.kind == name
                and known.signature == _file_signature(st)
            ):
                results.append(known.result)
            else:
                results.append(self._read(path, display, kind, st))
        return results

    def _read(self, path: str, display: str, kind: Kind, st: os.stat_result) -> FileRecord:
        """A file whose stat signature is new or not settled: parse it unless its bytes
        are the ones it was last parsed from."""
        if not stat.S_ISREG(st.st_mode) or st.st_size > kind.limit:
            return super().load(path, display, kind)  # a FIFO would block; reports size
        try:
            data = Path(path).read_bytes()
        except OSError:
            return super().load(path, display, kind)
        known = self.files.get(path)
        if known is not None and (known.display, known.kind, known.data) == (
            display,
            kind.name,
            data,
        ):
            result = known.result
        else:
            result = self.store.get(kind.name, display, data)
            if result is None:
                self.parses += 1
                result = read_record(Path(path), display, kind, data)
                self.store.parsed(kind.name, display, data, result)
        settled = self.clock() - st.st_ctime_ns > RACY_SECONDS * 1e9
        signature = _file_signature(st)
        self.files[path] = _Cached(signature, settled, data, display, kind.name, result)
        return result


def _file_signature(st: os.stat_result) -> tuple:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _signatures(folders) -> tuple:
    signatures = []
    for folder in folders:
        try:
            st = os.stat(folder)
        except OSError:
            signatures.append(None)
            continue
        signatures.append((st.st_dev, st.st_ino, st.st_mtime_ns, st.st_ctime_ns))
    return tuple(signatures)


def _folders_of(folder: Path, known) -> tuple[str, ...]:
    return known[1].folders if known is not None else (str(folder),)


__all__ = ["RACY_SECONDS", "CachedReader", "RecordStore"]
