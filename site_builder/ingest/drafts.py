"""Extracted events → draft records, matched against what content/ already holds.

- An actor or location already on record (by name or alias) is reused, never drafted again.
- An event already on record is recognised when it cites one of the same sentences, or has
  the same date and overlapping actors and places (two articles about one happening).
  It is then left alone, unless it is ingest's own untouched draft: that one gains the new
  article's sentences as sources.
- Records a person deleted after ingest drafted them stay deleted: such an event is not
  drafted again, and new events do not refer to such an actor or location.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from slugify import slugify

from site_builder.content.loader import country_codes
from site_builder.ingest.article import Article
from site_builder.ingest.extract import Extraction
from site_builder.ingest.happenings import Event, overlapping, same_time, similar
from site_builder.ingest.mentions import PLACE, Entity, Known
from site_builder.ingest.text import normal, squash
from site_builder.ingest.timex import When
from site_builder.ingest.titles import event_body, event_title

FOLDERS = ("events", "actors", "locations")
MAX_SLUG = 60


@dataclass
class Rec:
    """What matching needs to know about a record, on disk or planned in this run."""

    folder: str
    id: str
    status: str = "draft"
    names: tuple[str, ...] = ()
    kind: str = ""
    when: When | None = None
    actors: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    pristine: bool = False  # ingest wrote it and nobody has edited it since
    meta: dict = field(default_factory=dict)
    body: str = ""


@dataclass
class Draft:
    folder: str
    id: str
    meta: dict
    body: str
    action: str  # create | update


@dataclass
class Plan:
    article: Article
    drafts: list[Draft] = field(default_factory=list)
    on_record: list[tuple[str, str]] = field(default_factory=list)  # (record path, why)
    events_found: int = 0


class Catalogue:
    """The records on disk plus those planned so far in this run."""

    def __init__(self, records: list[Rec], deleted: set[tuple[str, str]], deleted_quotes: set[str]):
        self.records = {(r.folder, r.id): r for r in records}
        self.deleted = deleted
        self.deleted_quotes = deleted_quotes
        self.codes = country_codes()

    def of(self, folder: str) -> list[Rec]:
        return [r for (f, _), r in self.records.items() if f == folder]

    def by_name(self, folder: str, names: list[str]) -> Rec | None:
        wanted = [normal(n) for n in names if n]
        for name in wanted:  # the record's own name first, then its aliases
            for rec in self.of(folder):
                if rec.names and normal(rec.names[0]) == name:
                    return rec
        for name in wanted:
            for rec in self.of(folder):
                if name in {normal(n) for n in rec.names}:
                    return rec
        return None

    def new_id(self, folder: str, base: str) -> str:
        base = slug(base) or folder[:-1]
        candidate, n = base, 2
        while (folder, candidate) in self.records or (folder, candidate) in self.deleted:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def add(self, rec: Rec) -> None:
        self.records[(rec.folder, rec.id)] = rec

    def known(self) -> list[Known]:
        result = []
        for rec in self.of("actors") + self.of("locations"):
            category = PLACE if rec.folder == "locations" else "actor"
            result.append(Known(rec.id, category, rec.names[0], tuple(rec.names[1:]), rec.kind))
        return result


class Planner:
    def __init__(self, article: Article, extraction: Extraction, catalogue: Catalogue):
        self.article = article
        self.x = extraction
        self.cat = catalogue
        self.plan = Plan(article, events_found=len(extraction.events))
        self.entity_ids: dict[tuple[str, str], str | None] = {}
        self.planned_here: set[str] = set()

    def run(self) -> Plan:
        for event in self.x.events:
            self._event(event)
        return self.plan

    # ------------------------------------------------------------------ events
    def _event(self, event: Event) -> None:
        quotes = [self._quote(i) for i in event.sentences]
        if {squash(q) for q in quotes} & self.cat.deleted_quotes:
            self.plan.on_record.append(("(deleted)", _deleted_note(quotes[0])))
            return
        actors = self._ids(event.actors, "actors", dry=True)
        places = self._ids(event.locations, "locations", dry=True)
        match = self._recognise(event, quotes, actors, places)
        if match:
            rec, why = match
            self._update(rec, event, quotes, why)
            return
        self._create(event, quotes)

    def _recognise(self, event: Event, quotes, actors, places):
        squashed = {squash(q) for q in quotes}
        events = [r for r in self.cat.of("events") if r.id not in self.planned_here]
        citing = [r for r in events if squashed & set(r.quotes)]
        if citing:  # the record sharing most sentences, then the one that opens with ours

            def shared(rec: Rec) -> tuple[int, bool]:
                return len(squashed & set(rec.quotes)), rec.quotes[0] in squashed

            best = max(citing, key=shared)
            return best, "cites the same sentence"
        for rec in events:
            if (
                rec.when
                and same_time(rec.when, event.when)
                and similar(rec.kind, event.kind)
                and overlapping(
                    (rec.kind, rec.actors, rec.locations),
                    (event.kind, actors, places),
                    self._is_state_id,
                )
            ):
                return rec, "same date, actors and places"
        return None

    def _update(self, rec: Rec, event: Event, quotes: list[str], why: str) -> None:
        path = f"{rec.folder}/{rec.id}.md"
        new = [q for q in quotes if squash(q) not in set(rec.quotes)]
        if not new or not rec.pristine or rec.status != "draft":
            state = (
                "reviewed"
                if rec.status == "reviewed"
                else ("edited by a person" if not rec.pristine else "up to date")
            )
            self.plan.on_record.append((path, f"{why}; {state}"))
            return
        meta = dict(rec.meta)
        meta["sources"] = list(meta.get("sources", [])) + [
            {"seed": self.article.seed_id, "quote": q} for q in new
        ]
        meta["actors"] = _merge(meta.get("actors", []), self._ids(event.actors, "actors"))
        meta["locations"] = _merge(
            meta.get("locations", []), self._ids(event.locations, "locations")
        )
        body = rec.body.rstrip("\n") + "\n\n" + " ".join(new) + "\n"
        rec.quotes = rec.quotes + tuple(squash(q) for q in new)
        rec.meta, rec.body = meta, body
        self.plan.drafts.append(Draft("events", rec.id, meta, body, "update"))

    def _create(self, event: Event, quotes: list[str]) -> None:
        sentence_index, clause = event.title_source
        subject = self._subject(event)
        names = [self.x.entities.get(k).name for k in event.actors if self.x.entities.get(k)]
        places = [self.x.entities.get(k).name for k in event.locations if self.x.entities.get(k)]
        title = event_title(self._quote(sentence_index), clause, subject, event.kind, names, places)
        record_id = self.cat.new_id("events", f"{event.when.iso()}-{title}")
        meta = {"title": title, "date": event.when.iso()}
        if event.when.end_iso():
            meta["end"] = event.when.end_iso()
        meta.update(
            approximate=event.when.approximate,
            kind=event.kind,
            actors=self._ids(event.actors, "actors"),
            locations=self._ids(event.locations, "locations"),
            sources=[{"seed": self.article.seed_id, "quote": q} for q in quotes],
            status="draft",
        )
        note = f"{'; '.join(event.notes)} (article of {_human(self.article.published)})"
        body = event_body(quotes, note)
        self.cat.add(
            Rec(
                "events",
                record_id,
                "draft",
                (title,),
                event.kind,
                event.when,
                tuple(meta["actors"]),
                tuple(meta["locations"]),
                tuple(squash(q) for q in quotes),
                True,
                meta,
                body,
            )
        )
        self.planned_here.add(record_id)
        self.plan.drafts.append(Draft("events", record_id, meta, body, "create"))

    def _subject(self, event: Event) -> str | None:
        people = [k for k in event.actors if self.x.entities.get(k).kind == "person"]
        return self.x.entities.get(people[0]).name.split()[-1] if people else None

    def _quote(self, index: int) -> str:
        return self.x.sentences[index].text

    # ------------------------------------------------------------------ entities
    def _ids(self, keys, folder: str, dry: bool = False) -> list[str]:
        ids = []
        for key in keys:
            record_id = self._entity_id(key, folder, dry)
            if record_id and record_id not in ids:
                ids.append(record_id)
        return ids

    def _entity_id(self, key, folder: str, dry: bool) -> str | None:
        if key not in self.x.entities.entities:
            return None  # a name the finder kept no entity for: no record to link
        entity = self.x.entities.get(key)
        found = self.cat.by_name(folder, [entity.name, *entity.aliases])
        if found:
            return found.id
        if dry:
            return "new:" + entity.name
        if key in self.entity_ids:
            return self.entity_ids[key]
        if (folder, slug(entity.name)) in self.cat.deleted:
            self.entity_ids[key] = None  # a person deleted it: leave it out
            return None
        record_id = self.cat.new_id(folder, entity.name)
        self.entity_ids[key] = record_id
        meta = self._entity_meta(entity)
        self.cat.add(
            Rec(
                folder,
                record_id,
                "draft",
                (entity.name, *meta.get("aliases", [])),
                entity.kind,
                pristine=True,
                meta=meta,
            )
        )
        self.plan.drafts.append(Draft(folder, record_id, meta, self._entity_body(entity), "create"))
        return record_id

    def _entity_meta(self, entity: Entity) -> dict:
        aliases = _aliases(entity)
        if entity.category == PLACE:
            meta = {"name": entity.name, "aliases": aliases, "kind": entity.kind}
            if entity.code and entity.code in self.cat.codes:
                meta["country"] = entity.code
            if entity.place and entity.place.coordinates:
                meta["coordinates"] = list(entity.place.coordinates)
            meta["status"] = "draft"
            return meta
        meta = {"name": entity.name, "aliases": aliases, "kind": entity.kind}
        if entity.role:
            meta["role"] = entity.role
        if entity.affiliation:
            affiliation = self._entity_id(("actor", entity.affiliation), "actors", dry=False)
            if affiliation:
                meta["affiliation"] = affiliation
        meta["status"] = "draft"
        return meta

    def _entity_body(self, entity: Entity) -> str:
        return f"Drafted from seed {self.article.seed_id}.\n"

    def _is_state_id(self, record_id: str) -> bool:
        rec = self.cat.records.get(("actors", record_id))
        if rec is not None:
            return rec.kind == "state"
        if record_id.startswith("new:"):
            entity = self.x.entities.entities.get(("actor", record_id[4:]))
            return entity is None or entity.kind == "state"
        return True


def slug(text: str) -> str:
    """A lowercase id, cut at a word boundary (python-slugify's own cut skips words)."""
    full = slugify(text)
    if len(full) <= MAX_SLUG:
        return full
    return full[: MAX_SLUG + 1].rsplit("-", 1)[0]


def plan_article(article: Article, extraction: Extraction, catalogue: Catalogue) -> Plan:
    return Planner(article, extraction, catalogue).run()


def _aliases(entity: Entity) -> list[str]:
    seen, result = {normal(entity.name)}, []
    for alias in entity.aliases:
        if normal(alias) not in seen and alias[:1].isalpha():
            seen.add(normal(alias))
            result.append(alias)
    return result


def _merge(old: list, new: list) -> list:
    return list(dict.fromkeys([*old, *new]))


def _human(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _deleted_note(quote: str) -> str:
    return f"was drafted before and deleted by a person: “{quote[:60]}…”"
