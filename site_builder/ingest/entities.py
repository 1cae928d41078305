"""People, organisations, states and places named in an article, and where each is named.

Two passes over the sentences: the first learns full names (from titles, roles and
capitalised name sequences) so that the second can resolve short forms anywhere in the
article ('Zelenskyy' after 'Volodymyr Zelenskyy', 'the French president' after 'French
President Emmanuel Macron'). Names already in content/ are known from the start, so a
reviewed record is reused instead of drafted again.

EntityFinder owns the two passes and the person and organisation names it learns. What it
returns (Entity, Mention, Known, Entities) is in mentions.py; what a name looks like it
names, in name_shapes.py; states, demonyms, 'the government' and place entities, in the
StateMentions mixin of states.py.
"""

from __future__ import annotations

import re

from site_builder.ingest.coreference import DefiniteMentions
from site_builder.ingest.gazetteer import Gazetteer, Place
from site_builder.ingest.lexicon import (
    FUNCTION_WORDS,
    ORG_WORDS,
    TITLE_PHRASES,
)
from site_builder.ingest.mentions import (
    ACTOR,
    PLACE,
    Entities,
    Entity,
    Known,
    Mention,
    lowercase_aliases,
    mention_of,
    quoted,
    settle_affiliations,
    without_overlaps,
)
from site_builder.ingest.name_shapes import (
    APPOSITION_OF,
    FEATURE,
    FEATURE_KINDS,
    acts_like_org,
    business_title,
    defined_acronyms,
    initials,
    introduced_as_org,
    looks_like_org,
    looks_like_person,
    person_role,
    title_role,
)
from site_builder.ingest.names import Piece, pieces
from site_builder.ingest.place_words import route, seat, site_follows, vessel
from site_builder.ingest.places import (
    FACILITY_RE,
    LIST_GOES_ON,
    PlaceFinder,
    facility_city,
    only_describes,
)
from site_builder.ingest.sentences import Sentence, dateline_length
from site_builder.ingest.states import StateMentions
from site_builder.ingest.text import normal, quote_spans, word_count
from site_builder.ingest.things import ThingMentions


class EntityFinder(StateMentions, ThingMentions, DefiniteMentions):
    def __init__(self, sentences: list[Sentence], gazetteer: Gazetteer, known: list[Known]):
        self.sentences = [s for s in sentences if not s.heading]
        self.gaz = gazetteer
        self.known = known
        self.entities: dict[tuple[str, str], Entity] = {}
        self.person_names: dict[str, str] = {}  # any full form → person name
        self.surnames: dict[str, set[str]] = {}
        self.org_names: dict[str, str] = {}  # normal form → org name
        self.things: dict[str, str] = {}  # normal form → index | product | venue | …
        self.named: dict[tuple[str, str], tuple[int, int]] = {}  # see coreference.py
        self.known_places = {
            normal(n): k for k in known if k.category == PLACE for n in (k.name, *k.aliases)
        }
        self.lower_aliases = lowercase_aliases(known)
        self.places = PlaceFinder(gazetteer, self.known_places, self.sentences)
        self.home = self._home_state()
        self.proper_names = {  # capitalised inside a sentence somewhere: names, surely
            p.text for s in self.sentences for p in _pieces(s) if not p.initial
        }

    # ------------------------------------------------------------------ driver
    def run(self) -> Entities:
        for known in self.known:
            if known.category == ACTOR and known.kind == "person":
                self._add_person(known.name, "", None, aliases=known.aliases)
            elif known.category == ACTOR and known.kind == "organization":
                self._add_org(known.name, aliases=known.aliases)
        for sentence in self.sentences:
            self._learn(sentence)
        mentions = {s.index: self._mentions(s) for s in self.sentences}
        settle_affiliations(self.entities)
        return Entities(self.entities, mentions)

    def _learn(self, sentence: Sentence) -> None:
        for piece in _pieces(sentence):
            if piece.kind == "name" and self._learn_thing(piece):
                continue  # 'the Dow Jones Industrial Average', 'the MacBook Air laptops'
            if piece.kind == "person":
                affiliation = self._affiliation(sentence.text, piece) or self._affiliation_after(
                    piece
                )
                self._add_person(piece.text, piece.title, affiliation)
            elif piece.kind == "name" and (not piece.initial or " " in piece.text):
                self._learn_name(piece)  # 'Northwind Motors reported …' opens a sentence
        for name, acronym in defined_acronyms(sentence.text):
            self._learn_acronym(name, acronym)

    def _learn_acronym(self, name: str, acronym: str) -> None:
        """'the National Transportation Safety Board (NTSB)': one organisation, two names.
        The letters need not match: 'the United Pacific Front (FUP)' is translated."""
        if self._state(name) or self.places.is_place(name) or normal(name) in self.person_names:
            return
        if normal(name) in self.things:  # 'the Dow Jones Industrial Average (DJIA)'
            self.things[normal(acronym)] = self.things[normal(name)]
            learned = self.org_names.pop(normal(acronym), None)  # met as a name before
            if learned == acronym:
                self.entities.pop((ACTOR, learned), None)
            return
        entity = self._add_org(self.org_names.get(normal(name), name))
        entity.seen_as(acronym)
        known = self.org_names.get(normal(acronym))
        if known and known != entity.name:  # met alone first: fold it into the full name
            del self.entities[(ACTOR, known)]
        self.org_names[normal(acronym)] = entity.name

    def _learn_name(self, piece: Piece) -> None:
        text = piece.text
        if self._state(text) or self.places.is_place(text) or normal(text) in self.person_names:
            return
        # 'Mount Merapi', then 'Merapi erupted': places.py makes the bare name the same place.
        if FACILITY_RE.match(text) or (FEATURE.match(text) and not vessel(piece)):
            return  # a port or airport of a city, a mountain or a lake is a place
        if normal(text) in self.org_names or (text in ORG_WORDS and self._org_short_form(text)):
            return  # 'Aer Lingus', learned as the affiliation of the person before it
        if self._known_thing(piece):
            return  # 'the DJIA', 'the Dow' after 'the Dow Jones Industrial Average (DJIA)'
        named_for_state = any(self._state(w) for w in text.split()[1:])
        introduced = introduced_as_org(piece)
        if looks_like_org(text) or named_for_state or introduced:
            self._add_org(text)  # 'Statistics Norway', 'chipmaker Veldhoven Photonics'
        elif looks_like_person(text) and not (self._known_actor(text) or self._place_led(text)):
            self._add_person(text, "", None)

    def _place_led(self, text: str) -> bool:
        """'Barcelona-El Prat': a place's name before a hyphen makes no person's name."""
        return "-" in text and self.places.is_place(text.split("-")[0])

    def _affiliation_after(self, piece: Piece) -> str | None:
        """'Dermot Mannion, chief executive of Aer Lingus,' → Aer Lingus."""
        match = APPOSITION_OF.match(piece.after)
        if not match:
            return None
        name = re.sub(r"[’']s?$", "", match["name"])
        state = self._state(name)
        if state:
            return self._state_entity(state.code).name
        if normal(name) in self.person_names or self.places.is_place(name):
            return None
        return self._add_org(self.org_names.get(normal(name), name)).name

    def _add_person(self, name: str, title: str, affiliation, aliases=()) -> Entity:
        existing = self.person_names.get(normal(name)) or self._by_surname(name)
        if existing:
            entity = self.entities[(ACTOR, existing)]
            entity.role = entity.role or title_role(title)
            entity.affiliation = entity.affiliation or affiliation
            return entity
        entity = Entity(ACTOR, name, "person", role=title_role(title), affiliation=affiliation)
        self.entities[entity.key] = entity
        for form in (name, *aliases):
            self.person_names[normal(form)] = name
        words = name.split()
        for n in range(1, len(words) - 1):  # 'Costa Pereira' after 'Sofia Costa Pereira'
            self.person_names.setdefault(normal(" ".join(words[n:])), name)
            self.surnames.setdefault(normal(words[n]), set()).add(name)  # 'Mamani' too
        for form in (name, *aliases):
            if len(form.split()) == 1 or form == name:
                self.surnames.setdefault(normal(form.split()[-1]), set()).add(name)
        return entity

    def _by_surname(self, name: str) -> str | None:
        """'Santoso, a former director …' after 'Budi Santoso': the one person of that name."""
        names = self.surnames.get(normal(name), set()) if " " not in name else set()
        return next(iter(names)) if len(names) == 1 else None

    def _add_org(self, name: str, aliases=()) -> Entity:
        existing = self.org_names.get(normal(name))
        if existing:
            return self.entities[(ACTOR, existing)]
        entity = Entity(ACTOR, name, "organization")
        self.entities[entity.key] = entity
        for form in (name, *aliases):
            self.org_names[normal(form)] = name
        return entity

    def _affiliation(self, text: str, piece: Piece) -> str | None:
        """'French President X' → France; 'Bank of England Governor X' → Bank of England."""
        before = piece.before.rstrip()
        apposed = before.endswith(",") and before[:-1].lower().endswith(piece.title.lower())
        if piece.title and apposed:  # "Avantis Air's chief executive, Clara Mendes"
            before = re.sub(r"[’']s$", "", before[: -len(piece.title) - 1].rstrip())
        elif piece.title and before.lower().endswith(piece.title.lower()):
            before = before[: -len(piece.title)].rstrip()  # 'Norges Bank Governor X'
        prefix = re.search(r"([A-Z][\w.-]*(?: (?:of |the )*[A-Z][\w.-]*)*)$", before)
        if not prefix:
            return None
        words = prefix[1].split()
        if prefix[1].lower() in TITLE_PHRASES or prefix[1].lower() in FUNCTION_WORDS:
            return None  # 'Dr. Pedro Antunes': an honorific; 'Its chief executive, X'
        if len(words) == 1 and words[0] in ORG_WORDS and not before[: prefix.start()].strip():
            return None  # 'Club President X' opening a sentence: 'the club', not a name
        for n in range(len(words), 0, -1):
            candidate = " ".join(words[:n])
            state = self._state(candidate)
            if state:
                return self._state_entity(state.code).name
            if looks_like_org(candidate) or (n == len(words) and business_title(piece.title)):
                return self._add_org(candidate).name
        return None

    # ------------------------------------------------------------------ pass 2
    def _mentions(self, sentence: Sentence) -> list[Mention]:
        text = sentence.text
        quotes = [(a, b) for a, b in quote_spans(text) if word_count(text[a:b]) > 4]
        found: list[Mention] = []
        for piece in _pieces(sentence):
            found.extend(self._resolve(sentence.index, piece))
        found.extend(self._lowercase_mentions(sentence.index, text))
        found.extend(self._government_mentions(sentence.index, text))
        found.extend(self._definite_mentions(sentence.index, text, found))
        cities = {k for k, e in self.entities.items() if e.kind == "city"}
        found = _qualifiers(without_overlaps(found), text, cities)
        found = [_jurisdiction(m, text, cities) for m in found]
        self._count_named(sentence.index, found)
        return [quoted(m, quotes) for m in sorted(found, key=lambda m: m.start)]

    def _resolve(self, index: int, piece: Piece) -> list[Mention]:
        if piece.kind == "person":
            name = (
                self.person_names.get(normal(piece.text))
                or self._by_surname(piece.text)
                or piece.text
            )
            return [mention_of(index, piece, (ACTOR, name), person_role(piece))]
        if piece.kind == "title":
            return self._title_coreference(index, piece)
        state = self._state(piece.text)
        if state and not (piece.kind == "name" and self._namesake(piece, state)):
            return self._state_mentions(index, piece, state)
        if piece.kind == "prefix":
            name = self.org_names.get(normal(piece.text))
            return [mention_of(index, piece, (ACTOR, name), "descriptor")] if name else []
        return self._name_mentions(index, piece)

    def _name_mentions(self, index: int, piece: Piece) -> list[Mention]:
        thing = self._known_thing(piece)
        if thing is None and normal(piece.text) not in self.org_names:
            thing = self._thing(piece) if normal(piece.text) not in self.person_names else None
        if thing:
            return self._thing_mentions(index, piece, thing)
        facility = self._facility(piece)
        if facility:
            entity = self._place_entity(facility, facility_city(piece.text))
            return [mention_of(index, piece, entity.key, "location")]
        feature = FEATURE.match(piece.text)
        named = normal(piece.text) in self.org_names or normal(piece.text) in self.person_names
        if feature and not named and not vessel(piece):  # not 'the Cape Meridian', a ship
            word = feature["word"] or feature["suffix"]
            kind = FEATURE_KINDS.get(word, word.split()[0].lower())
            entity = self._place_entity(Place(piece.text, kind, None, None, 0), piece.text)
            return [mention_of(index, piece, entity.key, "location")]
        key = normal(piece.text)
        if key in self.person_names:
            name = self.person_names[key]
            self.entities[(ACTOR, name)].seen_as(piece.text)
            return [mention_of(index, piece, (ACTOR, name), person_role(piece))]
        if key in self.org_names:
            self._owned_alias(piece, self.entities[(ACTOR, self.org_names[key])])
            return [mention_of(index, piece, (ACTOR, self.org_names[key]), "actor")]
        place = self.places.region(piece) or self.places.place(piece)
        if place:
            entity = self._place_entity(place, piece.text)
            # 'Europe’s efforts', 'Munich’s mayor': whose, not where; 'the Paris-based
            # company' and 'flights from Dublin to Boston': a seat and a route, not where
            # anything happened
            where = not (piece.possessive or piece.kind == "place-modifier" or route(piece))
            where = where or (piece.possessive and self._economy_follows(piece.after))
            where = (where or (piece.possessive and site_follows(piece.after))) and not seat(piece)
            role = "location" if where else "descriptor"
            return [mention_of(index, piece, entity.key, role)]
        names = self.surnames.get(normal(piece.text.split()[-1]), set())
        if len(piece.text.split()) == 1 and len(names) == 1:
            name = next(iter(names))
            self.entities[(ACTOR, name)].seen_as(piece.text)
            return [mention_of(index, piece, (ACTOR, name), person_role(piece))]
        short = self._org_short_form(piece.text)
        if short:
            self.entities[(ACTOR, short)].seen_as(piece.text)
            return [mention_of(index, piece, (ACTOR, short), "actor")]
        known = self._known_actor(piece.text)
        if known:
            entity = self._add_org(known.name, known.aliases)
            return [mention_of(index, piece, entity.key, "actor")]
        proper = piece.text in self.proper_names
        if acts_like_org(piece, proper) and not self._place_led(piece.text):
            return [mention_of(index, piece, self._add_org(piece.text).key, "actor")]
        return []

    def _org_short_form(self, text: str) -> str | None:
        """'Lumetric' after 'Lumetric Systems', 'the Commission' after 'the European
        Commission': an organisation's first word, or its last if that names a body."""
        if " " in text or text.lower() in FUNCTION_WORDS:
            return None
        at = -1 if text in ORG_WORDS else 0
        names = {n for n in self.org_names.values() if " " in n and n.split()[at] == text}
        if not names and text.endswith("s"):  # 'the Socialists', of the Socialist Party
            names = {n for n in self.org_names.values() if n.startswith(text[:-1] + " Party")}
        if not names and text.isupper():  # 'EU' for 'European Union'
            names = {n for n in self.org_names.values() if initials(n) == text}
        return next(iter(names)) if len(names) == 1 else None

    # ------------------------------------------------------------------ the rest
    def _known_actor(self, text: str) -> Known | None:
        key = normal(text)
        for known in self.known:
            names = {normal(n) for n in (known.name, *known.aliases)}
            if known.category == ACTOR and known.kind != "person" and key in names:
                return known
        return None

    def _lowercase_mentions(self, index: int, text: str) -> list[Mention]:
        found = []
        lowered = text.lower()
        for alias, known in self.lower_aliases:
            # Look the entity up only on a match: looking it up drafts it.
            if _phrase_mentions(alias, index, text, lowered, None, "") and (
                entity := self._known_entity(known)
            ):
                role = "location" if known.category == PLACE else "actor"
                found += _phrase_mentions(alias, index, text, lowered, entity.key, role)
        for name in [e.name for e in self.entities.values() if e.kind == "organization"]:
            if " " in name:
                found += _phrase_mentions(name, index, text, lowered, (ACTOR, name), "actor")
        return found

    def _known_entity(self, known: Known) -> Entity | None:
        if known.category == PLACE:
            key = (PLACE, known.name)
            if key not in self.entities:
                self.entities[key] = Entity(PLACE, known.name, known.kind)
            return self.entities[key]
        if known.kind == "person":
            return self._add_person(known.name, "", None, aliases=known.aliases)
        state = self._state(known.name)
        if known.kind == "state" and state:
            return self._state_entity(state.code)
        return self._add_org(known.name, known.aliases)


# ---------------------------------------------------------------------- helpers


def _pieces(sentence: Sentence) -> list[Piece]:
    skip = dateline_length(sentence.text, first=sentence.index == 0)
    return [p for p in pieces(sentence.text) if p.start >= skip]


def _qualifiers(mentions: list[Mention], text: str, cities: set) -> list[Mention]:
    """'Paris, Texas' and 'Victoria, Canada': the region or country after a city only
    says which city is meant; it is not a place of its own."""
    ordered = sorted(mentions, key=lambda m: m.start)
    result = list(ordered)
    for i, (city, after) in enumerate(zip(ordered, ordered[1:], strict=False)):
        qualifies = (
            city.key[0] == PLACE
            and after.key[0] == PLACE
            and city.role == "location"
            and city.key in cities
            and text[city.end : after.start] == ", "
            and not LIST_GOES_ON.match(text[city.end :])
        )
        if qualifies:
            result[i + 1] = Mention(after.sentence, after.start, after.end, after.text,
                                    after.key, "descriptor", after.quoted)  # fmt: skip
    return result


def _jurisdiction(mention: Mention, text: str, cities: set) -> Mention:
    """Where a deal needs approval, what a place ranks, a region a ranking spans: only a
    description (places.only_describes)."""
    before, after = text[: mention.start], text[mention.end :]
    if mention.role == "descriptor" or not only_describes(before, after, mention.key in cities):
        return mention
    return Mention(mention.sentence, mention.start, mention.end, mention.text, mention.key,
                   "descriptor", mention.quoted)  # fmt: skip


def _phrase_mentions(phrase: str, index: int, text: str, lowered: str, key, role: str):
    """Every whole-word, case-insensitive occurrence of phrase in a sentence."""
    return [
        Mention(index, m.start(), m.end(), text[m.start() : m.end()], key, role)
        for m in re.finditer(r"\b" + re.escape(phrase.lower()) + r"\b", lowered)
    ]
