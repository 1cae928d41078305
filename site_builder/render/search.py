"""The search index: one small JSON file that themes/default/static/search.js queries.

Issue 7 asks for search on a static host. A briefing holds tens to hundreds of records,
so the whole index (titles, names, aliases, roles, places, quotes and body text) is a few
kilobytes to a few hundred; it is built in milliseconds on every rebuild of the live
preview, is byte-identical for identical input (sorted keys, records in a fixed order),
and needs no binary step. Pagefind would add a separate indexing run to every build,
a WebAssembly runtime and chunk files, for a corpus this small.

Search text is folded at build time (case, accents), so the browser only folds the query.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache

from site_builder.content.library import Library
from site_builder.render.markup import render_markdown
from site_builder.render.urls import Urls
from site_builder.render.wording import date_view

INDEX_VERSION = 1


def build_index(library: Library, urls: Urls, country_names: dict[str, str]) -> bytes:
    items = [_event(library, urls, e) for e in library.events]
    items += [_actor(library, urls, a) for a in library.actors.values()]
    items += [_location(library, urls, loc, country_names) for loc in library.locations.values()]
    data = {"version": INDEX_VERSION, "items": items}
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
