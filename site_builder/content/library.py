"""Resolve the graph: references, provenance, reverse indexes and timeline order.

Input is the loader's Content; output is a Library that every page is rendered from.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from operator import itemgetter
from pathlib import Path

from slugify import slugify

from site_builder.content.config import SiteConfig
from site_builder.content.loader import Content, Reader, load_site
from site_builder.content.model import Actor, Event, Location, Page, Seed
from site_builder.diagnostics import BuildError, Problems, SourcePos, did_you_mean


@dataclass
class Library:
    config: SiteConfig
    events: list[Event]  # timeline order: date, then time, then id
    actors: dict[str, Actor]
    locations: dict[str, Location]
    seeds: dict[str, Seed]
    pages: dict[str, Page]
    as_of: date | None
    events_by_actor: dict[str, list[Event]] = field(default_factory=dict)
    events_by_location: dict[str, list[Event]] = field(default_factory=dict)
    events_by_seed: dict[str, list[Event]] = field(default_factory=dict)

    @cached_property
    def co_actors(self) -> dict[str, list[tuple[str, int]]]:
        """Actor → the actors it shares events with, most shared first.

        Worked out on first use: the page a dev-server user just saved rarely needs it."""
        together: dict[str, dict[str, int]] = defaultdict(dict)
        for event in self.events:
            if len(event.actors) > 1:
                _count_pairs(event.actors, together)
        return {a: _by_count_then_id(together.get(a, {})) for a in self.actors}

    def is_upcoming(self, event: Event) -> bool:
        """Scheduled: starts after the briefing's as-of date."""
        return self.as_of is not None and event.date.first_day() > self.as_of


def load_library(
    root: Path,
    base_url: str | None = None,
    reader: Reader | None = None,
    links: LinkMemo | None = None,
) -> Library:
    """Read and resolve every record; raise BuildError listing all problems.

    The dev server passes a caching reader (cached_reader.py) and a link memo."""
    problems = Problems()
    content = load_site(root, problems, reader=reader)
    content.config = content.config.with_base_url(base_url)
    library = resolve(content, problems, links)
    if problems:
        raise BuildError(problems)
    return library


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def quote_anchor(quote: str) -> str:
    """A stable fragment id for a cited sentence: the same quote always gets the same id."""
    digest = hashlib.sha1(normalise_space(quote).encode("utf-8")).hexdigest()
    return "q-" + digest[:10]


class LinkMemo:
    """Events whose links were all found, kept while what they link to is unchanged.

    The dev server resolves the whole library on every save (issue 4); an event record
    that is the very same object as last time (its file's bytes did not change), checked
    against the same actor, location and seed records, cannot have a new problem.
    Events with problems are never kept, so their messages are always made afresh."""

    def __init__(self) -> None:
        self._world: tuple = ()
        self._clean: dict[int, Event] = {}

    def begin(self, world: tuple) -> dict[int, Event]:
        """The events found clean last time, if the records they were checked against are
        the same; start a fresh set for this time."""
        clean = self._clean if world == self._world else {}
        self._world, self._clean = world, {}
        return clean

    def keep(self, event: Event) -> None:
        self._clean[id(event)] = event  # the reference keeps id() from being reused


def resolve(content: Content, problems: Problems, memo: LinkMemo | None = None) -> Library:
    actors = {a.id: a for a in content.actors}
    locations = {loc.id: loc for loc in content.locations}
    seeds = {s.id: s for s in content.seeds}
    # Records that exist but could not be read count as known here: their own file
    # already has a message, and a second one at every reference would be noise.
    unreadable = content.unreadable
    hints = _Hints(actors, locations)
    _check_affiliations(actors, unreadable.get("actors", set()), hints, problems)
    memo = memo or LinkMemo()
    world = (tuple(actors), tuple(locations), tuple(seeds.values()), _frozen(unreadable))
    clean = memo.begin(world)
    for event in content.events:
        if clean.get(id(event)) is not event:
            before = len(problems.items)
            _check_event_links(event, actors, locations, seeds, hints, unreadable, problems)
            if len(problems.items) != before:
                continue
        memo.keep(event)
    events = sorted(content.events, key=Event.sort_key)
    library = Library(
        config=content.config,
        events=events,
        actors=dict(sorted(actors.items())),
        locations=dict(sorted(locations.items())),
        seeds=dict(sorted(seeds.items())),
        pages={p.id: p for p in content.pages},
        as_of=_as_of(content),
    )
    _index(library)
    return library


def _frozen(unreadable: dict[str, set[str]]) -> tuple:
    return tuple(sorted((kind, frozenset(ids)) for kind, ids in unreadable.items()))


def _as_of(content: Content) -> date | None:
    if content.config.as_of:
        return content.config.as_of.last_day()
    published = [s.published.last_day() for s in content.seeds]
    return max(published) if published else None


def _check_affiliations(actors: dict[str, Actor], unreadable: set[str], hints, problems) -> None:
    for actor in actors.values():
        if actor.affiliation in unreadable:
            continue
        if actor.affiliation and actor.affiliation not in actors:
            pos = SourcePos(actor.pos.path, actor.field_lines.get("affiliation", 1))
            problems.add(
                pos,
                f"unknown actor '{actor.affiliation}' in affiliation"
                f"{_suggest(actor.affiliation, hints.table('actors'))}",
            )
        elif actor.affiliation == actor.id:
            pos = SourcePos(actor.pos.path, actor.field_lines.get("affiliation", 1))
            problems.add(pos, "an actor cannot be affiliated with itself")


class _Hints:
    """Hint tables per kind, built once and only when a reference is unknown.

    Building them for every event made resolving quadratic (minutes for a few
    thousand events)."""

    def __init__(self, actors: dict[str, Actor], locations: dict[str, Location]):
        self._records = {"actors": actors, "locations": locations}
        self._tables: dict[str, dict[str, str]] = {}

    def table(self, key: str) -> dict[str, str]:
        if key not in self._tables:
            self._tables[key] = _hint_table(self._records[key].values())
        return self._tables[key]


def _check_event_links(
    event: Event, actors, locations, seeds, hints: _Hints, unreadable, problems: Problems
) -> None:
    # The common case, every reference known and every quote found, allocates nothing:
    # the dev server checks all 10,000 events of a big briefing on every save (issue 4).
    for key, refs, known, noun in (
        ("actors", event.actors, actors, "actor"),
        ("locations", event.locations, locations, "location"),
    ):
        if known.keys() >= set(refs) and len(set(refs)) == len(refs):
            continue
        seen = set()
        for index, ref in enumerate(refs):
            pos = SourcePos(event.pos.path, event.field_lines.get(f"{key}.{index}", 1))
            if ref in seen:
                problems.add(pos, f"{noun} '{ref}' is listed twice")
            elif ref not in known and ref not in unreadable.get(key, ()):
                problems.add(pos, f"unknown {noun} '{ref}'{_suggest(ref, hints.table(key))}")
            seen.add(ref)
    for source in event.sources:
        seed = seeds.get(source.seed)
        if seed is not None and source.plain_quote in seed.plain_text:
            continue
        if seed is None and source.seed in unreadable.get("seeds", ()):
            continue
        if seed is None:
            line = event.field_lines.get("sources", source.pos.line)
            problems.add(
                SourcePos(source.pos.path, line),
                f"unknown seed '{source.seed}'{did_you_mean(source.seed, seeds)}"
                f" (seeds live in seeds/<id>.md)",
            )
        else:
            problems.add(source.pos, _quote_mismatch(source.quote, seed))


def _quote_mismatch(quote: str, seed: Seed) -> str:
    """Say where a quote stops matching its seed, so the typo is easy to find."""
    wanted, text = normalise_space(quote), seed.plain_text
    low, high = 0, len(wanted)
    while low < high:  # longest prefix of the quote that occurs in the seed
        middle = (low + high + 1) // 2
        if wanted[:middle] in text:
            low = middle
        else:
            high = middle - 1
    if low < 12:
        return f"quote does not appear in seed '{seed.id}'; copy the sentence verbatim"
    return (
        f"quote does not appear verbatim in seed '{seed.id}': it matches up to "
        f"'…{wanted[max(0, low - 30) : low]}' and differs from "
        f"'{wanted[low : low + 30]}…'"
    )


def _hint_table(records) -> dict[str, str]:
    """Spellings an author might type (ids, names, aliases, their parts) → the right id."""
    table: dict[str, str] = {}
    for record in records:
        for spelling in (record.id, record.name, *record.aliases):
            slug = slugify(spelling)
            table.setdefault(slug, record.id)
            for part in slug.split("-"):
                if len(part) > 3:
                    table.setdefault(part, record.id)
    return table


def _suggest(ref: str, hints: dict[str, str]) -> str:
    key = slugify(ref)
    if key in hints:
        return f" (did you mean '{hints[key]}'?)"
    for candidate in (key, *key.split("-")):
        hint = did_you_mean(candidate, hints)
        if hint:
            matched = re.search(r"'(.*)'", hint).group(1)
            return f" (did you mean '{hints[matched]}'?)"
    return ""


def _index(library: Library) -> None:
    by_actor, by_location, by_seed = defaultdict(list), defaultdict(list), defaultdict(list)
    for event in library.events:
        for actor in event.actors:
            by_actor[actor].append(event)
        for location in event.locations:
            by_location[location].append(event)
        sources = event.sources
        if len(sources) == 1:
            by_seed[sources[0].seed].append(event)
        else:
            for seed in {s.seed: None for s in sources}:
                by_seed[seed].append(event)
    library.events_by_actor = {a: by_actor.get(a, []) for a in library.actors}
    library.events_by_location = {loc: by_location.get(loc, []) for loc in library.locations}
    library.events_by_seed = {s: by_seed.get(s, []) for s in library.seeds}


def _count_pairs(actors: tuple[str, ...], together: dict[str, dict[str, int]]) -> None:
    """How often each pair of actors appears in one event (the actor network's ties)."""
    for actor in actors:
        counts = together[actor]
        for other in actors:
            if other != actor:
                counts[other] = counts.get(other, 0) + 1


def _by_count_then_id(counts: dict[str, int]) -> list[tuple[str, int]]:
    # Two C-level sorts (the second is stable) instead of one with a Python key function.
    return sorted(sorted(counts.items()), key=itemgetter(1), reverse=True)
