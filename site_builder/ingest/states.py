"""States, their demonyms and governments, and places, as the entity finder meets them.

A state is an actor ('Ukraine said'), a place ('in Ukraine'), or only a descriptor ('US
President X', 'Germany’s Federal Office …'); its adjective is an actor only before an agent
noun ('Ukrainian officials') and names a person in 'the French president'. 'The government'
is the home state's, the country the report was filed from. Places (gazetteer entries,
facilities, natural features) become place entities named as the article writes them.

StateMentions is a mixin of EntityFinder (entities.py): it reads and adds to the finder's
entities and uses its _add_org, and must not learn person names or resolve other names.
"""

from __future__ import annotations

import re

from site_builder.ingest.gazetteer import Gazetteer, Place, StateName
from site_builder.ingest.lexicon import (
    AGENT_MODIFIERS,
    AGENT_NOUNS,
    ECONOMY_NOUNS,
    FUNCTION_WORDS,
    LOCATIVE,
    ORG_WORDS,
    RELATIONS,
    REPORTING_FORMS,
    TITLE_PHRASES,
    VERB_FORMS,
)
from site_builder.ingest.mentions import ACTOR, PLACE, Entity, Known, Mention, mention_of
from site_builder.ingest.name_shapes import NAME_RUN
from site_builder.ingest.names import Piece
from site_builder.ingest.place_words import route, seat
from site_builder.ingest.places import LIST_GOES_ON, PlaceFinder, locative
from site_builder.ingest.sentences import Sentence, dateline_place
from site_builder.ingest.text import normal

# 'A Jakarta court', 'a Nairobi hospital': a city naming a venue is where things happen.
_VENUE_AFTER = re.compile(r"^\s+(?:court|hospital|clinic|prison|stadium|airport|port)\b")
# Nouns after 'economy' or 'market' that make the phrase an actor ('economy ministry').
_ACTING_NOUNS = (
    {w.lower() for w in ORG_WORDS}
    | {w.split()[-1] for w in TITLE_PHRASES}
    | {
        "regulator",
        "regulators",
        "watchdog",
        "authorities",
        "minister",
        "ministers",
        "chief",
    }
)
# 'the government' alone ('the government of Peru', 'the government in exile' name others)
_THE_GOVERNMENT = re.compile(r"\b[Tt]he government\b(?![’']s? (?:of|in)\b| (?:of|in)\b)")


class StateMentions:
    """State, demonym, government and place mentions: a mixin of EntityFinder."""

    # Set by EntityFinder.__init__ (entities.py); also uses EntityFinder._add_org.
    sentences: list[Sentence]
    gaz: Gazetteer
    entities: dict[tuple[str, str], Entity]
    known_places: dict[str, Known]
    things: dict[str, str]
    places: PlaceFinder
    home: str | None

    # ------------------------------------------------------------------ states
    def _state(self, text: str) -> StateName | None:
        return self.gaz.state(text)

    def _state_entity(self, code: str) -> Entity:
        if code.startswith("@"):
            entity = self._add_org(self.gaz.country_name(code))
            return entity
        name = self.gaz.country_name(code)
        key = (ACTOR, name)
        if key not in self.entities:
            self.entities[key] = Entity(ACTOR, name, "state", code=code)
        return self.entities[key]

    def _state_mentions(self, index: int, piece: Piece, state: StateName) -> list[Mention]:
        if piece.kind == "prefix":
            entity = self._state_entity(state.code)
            return [mention_of(index, piece, entity.key, "descriptor")]
        if state.form == "adjective":
            return self._adjective_mentions(index, piece, state)
        in_place = locative(piece.before, piece.after) or bool(_VENUE_AFTER.match(piece.after))
        in_place = in_place or route(piece)
        if state.form == "capital" and (in_place or piece.kind == "place-modifier"):
            place = self.places.best(self.gaz.places(piece.text), piece)
            if place:
                entity = self._place_entity(place, piece.text)
                where = piece.kind != "place-modifier" and not route(piece) and not seat(piece)
                return [mention_of(index, piece, entity.key, "location" if where else "descriptor")]
        if state.form == "name" and (in_place or piece.kind == "place-modifier"):
            place = self.gaz.country_place(state.code)
            entity = self._place_entity(place, piece.text)
            seated = piece.kind == "place-modifier" or route(piece) or seat(piece)
            role = "descriptor" if seated else "location"
            return [mention_of(index, piece, entity.key, role)]
        if state.form == "name" and self._qualifies_city(piece, state):
            entity = self._place_entity(self.gaz.country_place(state.code), piece.text)
            return [mention_of(index, piece, entity.key, "descriptor")]  # 'Victoria, Canada'
        if state.form in ("name", "capital") and self._economy_follows(piece.after):
            return [self._economy_mention(index, piece, state)]  # 'US stocks', 'Japan’s Nikkei'
        entity = self._state_entity(state.code)
        entity.seen_as(piece.text)
        describes = (
            piece.possessive and (_describes(piece.after) or _name_follows(piece.after))
        ) or _labels(piece.after)
        return [mention_of(index, piece, entity.key, "descriptor" if describes else "actor")]

    def _adjective_mentions(self, index: int, piece: Piece, state: StateName) -> list[Mention]:
        """'Ukrainian officials' act; 'the French president' is a person; 'the Ukrainian
        city of X' only says where X is."""
        person = self._demonym_title(piece, state)
        if person:
            start = piece.start - 4  # 'the ' (checked by _demonym_title)
            text = piece.before[-4:] + piece.text + person[1]
            return [
                Mention(index, start, piece.end + len(person[1]), text, (ACTOR, person[0]), "actor")
            ]
        if self._economy_follows(piece.after):
            return [self._economy_mention(index, piece, state)]  # 'the Japanese economy'
        if _agent_follows(piece.after):
            entity = self._state_entity(state.code)
            entity.seen_as(piece.text)
            return [mention_of(index, piece, entity.key, "actor")]
        return []

    def _demonym_title(self, piece: Piece, state: StateName):
        match = re.match(r"^ ([a-z][a-z -]*?)\b(?=[ ,.;:’']|$)", piece.after)
        if not match or not piece.before.lower().endswith("the "):
            return None
        for title in TITLE_PHRASES:
            if match[1].startswith(title) and match[1][: len(title)] == title:
                affiliation = self._state_entity(state.code).name
                people = [
                    e
                    for e in self.entities.values()
                    if e.kind == "person"
                    and e.affiliation == affiliation
                    and e.role.lower() == title
                ]
                if len(people) == 1:
                    people[0].seen_as(f"the {piece.text} {title}")
                    return people[0].name, " " + title
        return None

    def _qualifies_city(self, piece: Piece, state: StateName) -> bool:
        """'Victoria, Canada': the country after a city of its own says which city."""
        match = re.search(r"\b([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*)*),\s+$", piece.before)
        if not match or LIST_GOES_ON.match(piece.after):
            return False
        return any(p.country == state.code for p in self.gaz.places(match[1]) if p.kind == "city")

    def _economy_follows(self, after: str) -> bool:
        """'US stock markets', 'the Japanese economy', 'Japan’s Nikkei index', and a market
        index learned as one ('Britain’s FTSE'); not 'the Dutch economy ministry', which
        acts."""
        words = re.findall(r"[\w’'-]+", after[:60])
        lowered = [w.lower() for w in words[:3]]
        for i in (0, 1):
            if i >= len(lowered) or lowered[i] not in ECONOMY_NOUNS:
                continue
            if i == 1 and (lowered[0] in FUNCTION_WORDS or not words[0][:1].islower()):
                break
            if not words[i][:1].islower():
                break
            rest = [w.lower() for w in words[i + 1 : i + 4]]
            following = next((w for w in rest if w not in ECONOMY_NOUNS), "")
            return following not in _ACTING_NOUNS and following not in AGENT_NOUNS
        name = re.match(r"^\s+([A-Z][\w&.-]*(?: [A-Z][\w&.-]*)*)", after)
        return bool(name) and self.things.get(normal(name[1])) == "index"

    def _economy_mention(self, index: int, piece: Piece, state: StateName) -> Mention:
        if state.form == "capital":  # 'London’s FTSE': the city's market
            place = self.places.best(self.gaz.places(piece.text), piece)
        else:
            place = self.gaz.country_place(state.code)
        entity = self._place_entity(place, piece.text)
        return mention_of(index, piece, entity.key, "location")

    # ------------------------------------------------------------------ places
    def _place_entity(self, place: Place, surface: str) -> Entity:
        known = self.known_places.get(normal(place.name)) or self.known_places.get(normal(surface))
        same = self._same_place(place)
        if same and not known:
            same.seen_as(surface)
            return same
        # A city is named as the article writes it ('Frankfurt'); the gazetteer's official
        # name ('Frankfurt am Main') is kept as an alias (issue 3).
        written = place.kind == "city" and NAME_RUN.match(surface)
        name = known.name if known else (surface if written else place.name)
        key = (PLACE, name)
        if key not in self.entities:
            self.entities[key] = Entity(PLACE, name, place.kind, place=place, code=place.country)
        self.entities[key].seen_as(surface)
        self.entities[key].seen_as(place.name)
        return self.entities[key]

    def _same_place(self, place: Place) -> Entity | None:
        for entity in self.entities.values():
            if entity.place and entity.place.coordinates and entity.place == place:
                return entity
        return None

    def _facility(self, piece: Piece) -> Place | None:
        """'Dockworkers at the Port of Rotterdam': the place is the city (issue 3)."""
        return self.places.facility(piece)

    # ------------------------------------------------------------------ government
    def _home_state(self) -> str | None:
        """The country a report was filed from ('BOGOTA (Reuters) —'): whose government
        'the government' is, when the article names no other."""
        where = dateline_place(self.sentences[0].text) if self.sentences else None
        if not where:
            return None
        city, country = where
        state = self._state(country) if country else None
        if state:
            return None if state.code.startswith("@") else state.code
        cities = [p for p in self.gaz.places(city) if p.kind == "city" and p.country]
        biggest = max(cities, key=lambda p: p.population, default=None)
        return biggest.country if biggest else None

    def _government_mentions(self, index: int, text: str) -> list[Mention]:
        if self.home is None:
            return []
        found = []
        for match in _THE_GOVERNMENT.finditer(text):
            entity = self._state_entity(self.home)
            found.append(Mention(index, match.start(), match.end(), match[0], entity.key, "actor"))
        return found


def _describes(after: str) -> bool:
    word = after.lstrip().split(" ", 1)[0].lower() if after.strip() else ""
    return word in RELATIONS or word in TITLE_PHRASES


def _name_follows(after: str) -> bool:
    """'Germany’s Federal Office for Information Security': the state only says whose."""
    return bool(re.match(r"^\s+[A-Z][a-z]", after))


def _labels(after: str) -> bool:
    """'US rival Lumetric', 'Dutch chipmaker X': the state only labels the name after it."""
    match = re.match(r"^\s+([a-z][\w-]*)(?:\s+([a-z][\w-]*))?\s+[A-Z]", after)
    if not match:
        return False
    nouns = [w for w in match.groups() if w]
    return not any(
        w in VERB_FORMS
        or w in REPORTING_FORMS
        or w in FUNCTION_WORDS
        or w in LOCATIVE
        or w in AGENT_NOUNS
        or w.endswith("ed")
        for w in nouns
    )


def _agent_follows(after: str) -> bool:
    """A demonym's noun (skipping coordinated demonyms): 'Ukrainian and US officials'."""
    rest = re.sub(r"^(?:\s*(?:,|and|or)\s+(?:the\s+)?[A-Z][\w.-]*)+", "", after)
    words = re.findall(r"[a-z][\w-]*", rest.lower()[:60])
    if not words:
        return False
    if words[0] in AGENT_NOUNS:
        return True
    return len(words) > 1 and words[0] in AGENT_MODIFIERS and words[1] in AGENT_NOUNS
