"""The search index that themes/default/static/search.js queries, cut into small files.

Issue 7 asks for search on a static host; issue 14 that no file a reader opens grows with
the whole briefing. A single index of a 10,000-event briefing was 17.6 MB, so the index is
an inverted one, in the manner of Pagefind's but with no binary step:

- `search/index.json`, the manifest: the first word of each term chunk, the number of
  records per document chunk, and a stamp of the content (appended to chunk URLs, so a
  browser never mixes chunks of two builds);
- `search/terms/N.json`: for a run of the sorted words, each word's records (record
  number × 2, + 1 where the word is in the record's title, for ranking);
- `search/docs/N.json`: kind, title, URL and meta line of DOCS_PER_CHUNK records.

A query loads the manifest, the term chunks its words' prefixes fall in, and the
document chunks of the first results shown: a few tens of kilobytes at any size. The
number of chunks is fixed by the number of records, so the output paths are known when
the site is planned. Every file is byte-identical for identical input.

Search text is folded at build time (case, accents), so the browser only folds the query;
words are runs of letters and digits, and a query word matches every word it begins.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import PurePosixPath

from site_builder.content.library import Library
from site_builder.render.markup import render_markdown
from site_builder.render.urls import Urls
from site_builder.render.wording import date_view

INDEX_VERSION = 2
DOCS_PER_CHUNK = 25  # records per document chunk: about 4 KB; a page of results reads a few
RECORDS_PER_TERM_CHUNK = 40  # one term chunk per this many records: about 20-30 KB each
WORD = re.compile(r"[^\W_]+")  # letters and digits; search.js splits the query alike


def search_makers(
    library: Library, urls: Urls, country_names: dict[str, str]
) -> dict[PurePosixPath, Callable[[], bytes]]:
    """Every file of the index, path → maker; the index is built once per process, on
    the first file asked for."""
    count = len(library.events) + len(library.actors) + len(library.locations)
    term_chunks = max(1, math.ceil(count / RECORDS_PER_TERM_CHUNK))
    doc_chunks = max(1, math.ceil(count / DOCS_PER_CHUNK))
    manifest_path = urls.output_path(urls.url("search_index"))
    folder = manifest_path.parent

    @cache
    def files() -> dict[PurePosixPath, bytes]:
        items = index_items(library, urls, country_names)
        return _files(folder, manifest_path, items, term_chunks, doc_chunks)

    paths = [manifest_path]
    paths += [folder / "terms" / f"{n}.json" for n in range(term_chunks)]
    paths += [folder / "docs" / f"{n}.json" for n in range(doc_chunks)]
    return {path: (lambda path=path: files()[path]) for path in paths}


def index_items(library: Library, urls: Urls, country_names: dict[str, str]) -> list[dict]:
    """Every record in search order: events in timeline order, then actors, then places."""
    items = [_event(library, urls, e) for e in library.events]
    items += [_actor(library, urls, a) for a in library.actors.values()]
    items += [_location(library, urls, loc, country_names) for loc in library.locations.values()]
    return items


def _files(folder, manifest_path, items, term_chunks: int, doc_chunks: int) -> dict:
    postings: dict[str, list[int]] = defaultdict(list)
    for number, item in enumerate(items):
        in_title = set(WORD.findall(fold(item["t"])))
        for word in sorted(set(WORD.findall(item["s"])) | in_title):
            postings[word].append(number * 2 + (word in in_title))
    chunks = _cut(sorted(postings), postings, term_chunks)
    files = {
        folder / "terms" / f"{n}.json": _json({w: postings[w] for w in chunk})
        for n, chunk in enumerate(chunks)
    }
    for n in range(doc_chunks):
        part = items[n * DOCS_PER_CHUNK : (n + 1) * DOCS_PER_CHUNK]
        rows = [[i["k"], i["t"], i["u"], i["m"]] for i in part]
        files[folder / "docs" / f"{n}.json"] = _json(rows)
    stamp = hashlib.blake2b(digest_size=8)
    for path in sorted(files):
        stamp.update(files[path])
    files[manifest_path] = _json(
        {
            "version": INDEX_VERSION,
            "stamp": stamp.hexdigest(),
            "records": len(items),
            "docs": DOCS_PER_CHUNK,
            # The first word of each term chunk; an empty chunk starts where the next does.
            "terms": [chunk[0] if chunk else None for chunk in chunks],
        }
    )
    return files


def _cut(words: list[str], postings: dict[str, list[int]], count: int) -> list[list[str]]:
    """Sorted words in `count` runs of about equal postings; trailing runs may be empty."""
    total = sum(len(postings[w]) for w in words) or 1
    chunks: list[list[str]] = [[] for _ in range(count)]
    seen = 0
    for word in words:
        chunks[min(count - 1, seen * count // total)].append(word)
        seen += len(postings[word])
    filled = [c for c in chunks if c]
    return filled + [[] for _ in range(count - len(filled))]


def _json(data) -> bytes:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def fold(text: str) -> str:
    """Lowercase, without accents, one space between words: what the query is matched on.

    Must agree with fold() in search.js.
    """
    if text.isascii():  # nothing to decompose (most text; the loop below is slow)
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def _event(library: Library, urls: Urls, event) -> dict:
    names = tuple(library.actors[a].name for a in event.actors)
    places = tuple(library.locations[loc].name for loc in event.locations)
    return _event_item(
        event, urls.url("event", event.id), names, places, library.is_upcoming(event)
    )


# Keyed by every value the entry depends on, so a hit is right by construction; the dev
# server rebuilds the index of a 10,000-event briefing after every save (issue 4).
# Callers only serialise the dict, never change it.
@lru_cache(maxsize=1 << 15)
def _event_item(event, url: str, names: tuple, places: tuple, upcoming: bool) -> dict:
    when = date_view(event.date, event.end)["label"]
    scheduled = " · scheduled" if upcoming else ""
    words = [event.title, event.kind, when, *names, *places, _plain(event.body)]
    words += [s.quote for s in event.sources]
    return _item("Event", event.title, url, f"{when} · {event.kind}{scheduled}", words)


def _actor(library: Library, urls: Urls, actor) -> dict:
    count = len(library.events_by_actor[actor.id])
    meta = actor.role or actor.kind
    words = [actor.name, *actor.aliases, actor.role, actor.kind, _plain(actor.body)]
    return _item(
        "Actor", actor.name, urls.url("actor", actor.id), f"{meta} · {_events(count)}", words
    )


def _location(library: Library, urls: Urls, loc, country_names: dict[str, str]) -> dict:
    count = len(library.events_by_location[loc.id])
    country = country_names.get(loc.country or "", "")
    meta = loc.kind + (f", {country}" if country and loc.kind != "country" else "")
    words = [loc.name, *loc.aliases, loc.kind, country, _plain(loc.body)]
    return _item(
        "Place", loc.name, urls.url("location", loc.id), f"{meta} · {_events(count)}", words
    )


def forget_memos() -> None:
    _event_item.cache_clear()
    _plain.cache_clear()


def _item(kind: str, title: str, url: str, meta: str, words: list[str]) -> dict:
    return {"k": kind, "t": title, "u": url, "m": meta, "s": fold(" ".join(w for w in words if w))}


def _events(count: int) -> str:
    return f"{count} event" if count == 1 else f"{count} events"


@lru_cache(maxsize=1 << 12)
def _plain(markdown: str) -> str:
    """Body text without markup: render, then drop tags and decode the few entities."""
    html = render_markdown(markdown)
    text = re.sub(r"<[^>]+>", " ", html)
    for entity, char in (("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"')):
        text = text.replace(entity, char)
    return text
