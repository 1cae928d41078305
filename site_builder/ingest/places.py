"""Places named in an article: which gazetteer entry a name denotes, and whether a
name is used as a place at all ('in Moscow', 'the city of X', 'Pakistan's Punjab
province') or stands for something else ('pushed Moscow to agree').

The article's own words decide between namesakes (the countries it names, its big cities,
'Paris, Texas', 'Savannah, Georgia') and add places the gazetteer lacks: 'the village of
Varnavas', the dateline's city, 'Lewotobi Laki-laki' after 'Mount Lewotobi Laki-laki'.
Whether a place named is where something happened or only describes is in place_words."""

from __future__ import annotations

import math
import re
import unicodedata

from site_builder.ingest.gazetteer import Gazetteer, Place
from site_builder.ingest.lexicon import LOCATIVE, MONTH_AND_DAY_NAMES, MOVEMENT, PLACE_NOUNS
from site_builder.ingest.name_shapes import FEATURE
from site_builder.ingest.names import Piece
from site_builder.ingest.place_words import ranking_scope, ranks, site_follows
from site_builder.ingest.sentences import dateline_place
from site_builder.ingest.text import normal

MIN_BARE_CITY = 100_000  # a city named without "in"/"city of" must be this large


class PlaceFinder:
    def __init__(self, gazetteer: Gazetteer, known_places: dict, sentences) -> None:
        self.gaz = gazetteer
        self.known_places = known_places  # normal form → Known record
        self.context_countries: set[str] = set()
        self.nearby_countries: set[str] = set()  # of the article's big cities and US states
        # Places the article itself says are places, whether or not the gazetteer has
        # them: 'the village of Varnavas', the dateline 'MARATHON, Greece', and 'Lewotobi
        # Laki-laki' after 'Mount Lewotobi Laki-laki'.
        self.article_places: dict[str, Place] = {}
        self.dateline_city: str | None = None
        self.dateline_country: str | None = None
        self._read_context(sentences)
        self._read_article_places(sentences)

    def is_place(self, text: str) -> bool:
        return (
            bool(self.gaz.places(text))
            or normal(text) in self.known_places
            or text in self.article_places
        )

    def place(self, piece: Piece) -> Place | None:
        if piece.text in MONTH_AND_DAY_NAMES:
            return None  # 'in March 2024' (March is also a town in England)
        if piece.text.isupper():
            return None  # 'the science and ICT committee': an abbreviation, not a town
        candidates = self.gaz.places(piece.text)
        known = self.known_places.get(normal(piece.text))
        if known and not candidates:
            return Place(known.name, known.kind, None, None, 0)
        named = self.article_places.get(piece.text)
        if named and not self._fits(candidates):
            return named
        us_state = self.us_reading(piece)
        if us_state:
            return us_state  # 'Savannah, Georgia'
        place = self.best(candidates, piece)
        if place is None or self._far_alias(place, piece.text):
            return named  # 'Marathon' is also a name of a small French town
        strong = (
            locative(piece.before, piece.after)
            or re.search(r"\b(?:city|town) of\s*$", piece.before)
            or piece.kind == "place-modifier"  # 'Munich-based', even opening a sentence
            or self._qualified(piece, place)  # 'Paris, Texas'
            or (piece.possessive and site_follows(piece.after))  # 'Durban's port'
        )
        known = known or piece.text == self.dateline_city
        bare = place.kind == "city" and not strong and not known and len(piece.text.split()) == 1
        alias = not _spelled_as(place.name, piece.text) and self._foreign(place)
        if bare and (place.population < MIN_BARE_CITY or piece.initial or alias):
            return None  # 'the No. 1 seller': Ho, Ghana is also called 'No'
        return place

    def facility(self, piece: Piece) -> Place | None:
        """'Dockworkers at the Port of Rotterdam', 'lifted off from Andoya Spaceport': the
        place is the city (issue 3); None when the name says no place we know."""
        city = facility_city(piece.text)
        if not city:
            return None
        candidates = self.gaz.places(city)
        named = self.article_places.get(city)
        if named and not self._fits(candidates):
            return named
        return self.best(candidates, piece)

    def _fits(self, candidates: list[Place]) -> bool:
        """Whether the gazetteer has a place of this name the article can mean: a country
        or region, or a city in a country the article is about."""
        around = self.context_countries | self.nearby_countries
        return any(c.kind != "city" or not around or c.country in around for c in candidates)

    def _foreign(self, place: Place) -> bool:
        """In a country the article does not come near."""
        around = self.context_countries | self.nearby_countries
        return bool(around) and place.country not in around

    def _far_alias(self, place: Place, text: str) -> bool:
        """A small city that has the name only as an alternate name, in a country the
        article never comes near: not what an article about other countries means."""
        around = self.context_countries | self.nearby_countries
        return (
            place.kind == "city"
            and not _spelled_as(place.name, text)
            and place.population < MIN_BARE_CITY
            and bool(around)
            and place.country not in around
        )

    def region(self, piece: Piece) -> Place | None:
        """'Pakistan's Punjab province', 'the Donetsk region': a region the gazetteer may
        lack; it lies in the state named before it, or in its namesake city's country."""
        if not _REGION_RE.match(piece.after) or self.gaz.state(piece.text):
            return None
        owner = re.search(r"([A-Z][\w.-]*(?: [A-Z][\w.-]*)*)[’']s\s+$", piece.before)
        state = self.gaz.state(owner[1]) if owner else None
        city = self.best(self.gaz.places(piece.text), piece)
        code = state.code if state else (city.country if city else None)
        if code and code.startswith("@"):
            code = None
        coordinates = city.coordinates if city and city.country == code else None
        return Place(piece.text, "region", code, coordinates, 0)

    def best(self, candidates: list[Place], piece: Piece) -> Place | None:
        hinted = country_hint(piece.before, self.gaz)
        qualifier = re.match(r"^,\s+([A-Z][\w.-]*(?: [A-Z][\w.-]*)*)", piece.after)
        region = self.gaz.us_state(qualifier[1]) if qualifier else None
        named = self.gaz.state(qualifier[1]) if qualifier and not region else None
        if named and named.form == "name" and not named.code.startswith("@"):
            hinted = named.code  # 'Paris, France'

        def score(place: Place) -> float:
            value = math.log10(place.population + 10)
            value += {"country": 2, "city": 0.5, "continent": 9}.get(place.kind, 0)
            value += 1 if place.capital_of else 0
            value += 3 if place.country in self.context_countries else 0
            value += 1.5 if place.country in self.nearby_countries else 0
            value += 5 if hinted and place.country == hinted else 0
            value += 8 if region and place.admin1 == region and place.kind == "city" else 0
            # 'Frankfurt' is Frankfurt am Main, not Frankfort: the name as written beats
            # an alternate spelling the gazetteer also knows; and an alternate name that
            # is no spelling of the place's own ('Victoria' for Hong Kong) counts least.
            value += 2 if f"{place.name} ".startswith(f"{piece.text} ") else 0
            value -= 1.5 if not _spelled_as(place.name, piece.text) else 0
            return value

        return max(candidates, key=score) if candidates else None

    def _read_context(self, sentences) -> None:
        """Countries the article names outright decide between namesake places; so, less,
        do the countries of its big cities, and a US state makes it about the US (Georgia
        the state, not the country). A name that is both a state and a US state says
        nothing by itself."""
        for sentence in sentences:
            for word in re.findall(r"[A-Z][\w.]+(?: [A-Z][\w.]+)?", sentence.text):
                state = self.gaz.state(word)
                if self.gaz.us_state(word):
                    if not state:
                        self.context_countries.add("US")
                elif state and state.form in ("name", "adjective", "people"):
                    self.context_countries.add(state.code)
                elif not state:
                    cities = [p for p in self.gaz.places(word) if p.kind == "city"]
                    if (
                        cities
                        and cities[0].population >= 200_000
                        and (len(cities) == 1 or cities[0].population > 2 * cities[1].population)
                    ):
                        self.nearby_countries.add(cities[0].country)

    def _read_article_places(self, sentences) -> None:
        """Names the article introduces as places: 'the village of Grammatiko', 'the
        province of Cauca', the dateline's city, the short form of 'Mount X'."""
        around = self.context_countries | self.nearby_countries
        single = next(iter(around)) if len(around) == 1 else None
        for sentence in sentences:
            text = sentence.text
            if sentence is sentences[0]:
                self._read_dateline(text)
            for match in _NAMED_BY_NOUN.finditer(text):
                name = match["name"]
                if self.gaz.state(name) or name in MONTH_AND_DAY_NAMES or name.isupper():
                    continue
                kind = _NOUN_KINDS.get(match["noun"].lower(), "region")
                hint = country_hint(text[: match.end("noun") + 4], self.gaz)
                code = hint or self.dateline_country or single  # filed from, likely in
                self.article_places.setdefault(name, Place(name, kind, code, None, 0))
            for run in re.finditer(r"[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)+", text):
                feature = FEATURE.match(run[0])
                if feature and feature["word"] in ("Mount", "Mt", "Mt.", "Volcano"):
                    short = run[0].split(" ", 1)[1]
                    kind = "mountain" if feature["word"] != "Volcano" else "volcano"
                    self.article_places.setdefault(short, Place(run[0], kind, None, None, 0))

    def _read_dateline(self, text: str) -> None:
        where = dateline_place(text)
        if not where:
            return
        city, country = where
        state = self.gaz.state(country) if country else None
        code = state.code if state and not state.code.startswith("@") else None
        self.dateline_city = city
        cities = [p for p in self.gaz.places(city) if p.kind == "city"]
        if code and not any(p.country == code for p in cities):
            self.article_places.setdefault(city, Place(city, "city", code, None, 0))
        biggest = max(cities, key=lambda p: p.population, default=None)
        self.dateline_country = code or (biggest.country if biggest else None)

    def _qualified(self, piece: Piece, place: Place) -> bool:
        """'Paris, Texas', 'Victoria, Canada': the region or country after the city."""
        match = re.match(r"^,\s+([A-Z][\w.-]*(?: [A-Z][\w.-]*)*)", piece.after)
        if not match:
            return False
        if place.admin1 and place.admin1 == self.gaz.us_state(match[1]):
            return True
        state = self.gaz.state(match[1])
        return bool(state) and state.form == "name" and state.code == place.country

    def us_reading(self, piece: Piece) -> Place | None:
        """'Georgia' among US places, or after one of its cities ('Savannah, Georgia'),
        is the US state; elsewhere the country."""
        code = self.gaz.us_state(piece.text)
        if not code:
            return None
        candidates = self.gaz.places(piece.text)
        city = re.search(r"\b([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*)*),\s+$", piece.before)
        if city and any(p.admin1 == code for p in self.gaz.places(city[1])):
            return next((p for p in candidates if p.kind == "region"), None)
        place = self.best(candidates, piece)
        return place if place and place.kind == "region" else None


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _spelled_as(name: str, text: str) -> bool:
    """'Néa Mákri' is spelled 'Nea Makri', 'Frankfurt am Main' 'Frankfurt'; Hong Kong is
    not spelled 'Victoria'."""
    name, text = _fold(name), _fold(text)
    return name.startswith(text) or text.startswith(name)


# 'the village of Varnavas', 'the southwestern province of Cauca': the noun says what the
# name is, whether or not the gazetteer knows it.
_NAMED_BY_NOUN = re.compile(
    r"\b(?P<noun>town|village|city|hamlet|province|region|district|county|municipality|"
    r"prefecture|island) of (?P<name>[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)"
)
_NOUN_KINDS = {"town": "city", "village": "city", "city": "city", "hamlet": "city"}
_NOUN_KINDS["island"] = "island"
# 'the Port of Rotterdam', 'Narita Airport of Tokyo': a facility of a city is at that city.
FACILITY_RE = re.compile(r"^(?:(?:The )?(?:Port|Airport|Harbour|Harbor) of )(?P<city>[A-Z].*)$")
# 'Andoya Spaceport', 'Frankfurt Airport': so is one named after its place
_NAMED_FACILITY = re.compile(
    r"^(?P<city>[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*?) (?:International )?"
    r"(?:Airport|Spaceport|Port|Harbou?r)$"
)


def facility_city(text: str) -> str | None:
    """The place a facility's name says it is at: 'Port of Rotterdam' → 'Rotterdam'."""
    match = FACILITY_RE.match(text) or _NAMED_FACILITY.match(text)
    return match["city"] if match else None


# 'approval in Europe, the United States and China': jurisdictions, not where anything
# happened, nor states acting (issue 3).
JURISDICTION_RE = re.compile(
    r"\b(?:approvals?|clearance|review|authorities|regulators|watchdogs|courts)\s+"
    r"(?:in|from|by)\s+(?:the\s+)?$"
)


def only_describes(before: str, after: str, city: bool) -> bool:
    """A place named as where a deal needs approval ('approval in Europe'), one ranking a
    site named elsewhere ('the Port of Rotterdam, Europe’s largest port'), or a region a
    ranking spans ('one of the deadliest fires in Europe'; but 'one of the largest rallies
    in Lima' was in Lima)."""
    scope = ranking_scope(before) and not city
    return jurisdiction(before) or ranks(before, after) or scope


def jurisdiction(before: str) -> bool:
    """'approval in Europe, the United States and China': where a deal needs approval."""
    head = list_head(before)
    while (comma := _LIST_COMMA.search(head)) and (
        item := _LIST_ITEM.search(head[: comma.start()])
    ):
        head = head[: item.start()]  # 'in Europe, the ' → 'in '
    return bool(JURISDICTION_RE.search(head))


_REGION_RE = re.compile(
    r"^\s+(?:province|region|oblast|district|county|prefecture|governorate|state)\b"
)
_LIST_AND = re.compile(r",?\s+(?:and|or)\s+(?:the\s+)?$")
_LIST_COMMA = re.compile(r",\s*(?:the\s+)?$")
_LIST_ITEM = re.compile(r"(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*$")


def list_head(before: str) -> str:
    """'in the United States, the European Union and ' → 'in ': a list shares its
    preposition."""
    tail = _LIST_AND.search(before)
    while tail:
        item = _LIST_ITEM.search(before[: tail.start()])
        if not item:
            break
        before = before[: item.start()]
        tail = _LIST_COMMA.search(before)
    return before


def locative(before: str, after: str = "") -> bool:
    """'in X', 'in the X', 'visited X', 'the city of X'; and each item of a list that
    shares one of them ('in India, China, Britain and France')."""
    head = list_head(before)
    if after and LIST_GOES_ON.match(after):
        while (comma := _LIST_COMMA.search(head)) and (
            item := _LIST_ITEM.search(head[: comma.start()])
        ):
            head = head[: item.start()]  # 'in India, ' → 'in '
    head = _PART_OF.sub("", head)  # 'in southern Peru', 'in central Lima'
    head = re.sub(r"\bthe\s+$", "", head, flags=re.IGNORECASE)  # 'in the Netherlands'
    head = _FROM_ORIGIN.sub(" to ", head)  # 'flew from Kyiv to X': to X
    words = re.findall(r"[\w’'-]+", head.lower())[-3:]
    if not words:
        return False
    if words[-1] in LOCATIVE or words[-1] in MOVEMENT or words[-1] in _STRUCK:
        return True  # in X, visited X, an earthquake struck X
    if words[-1] == "of" and len(words) > 1 and words[-2] in PLACE_NOUNS | _DWELLERS | _PARTS:
        return True  # the city of X, residents of X, the north of X
    return words[-1] == "to" and len(words) > 1 and words[-2] in MOVEMENT


# Which part of a place: 'in southern Peru', 'across north-eastern Syria', 'in central
# Lima', 'in the far north of X' is left to PLACE_NOUNS.
_PART_OF = re.compile(
    r"\b(?:(?:the\s+)?(?:far|deep|remote|rural|coastal|downtown|central|mainland|"
    r"(?:north|south)(?:-?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?)\s+)+$",
    re.IGNORECASE,
)
# 'floods hit Pakistan', 'a quake struck the Indian city of X': where it struck
_STRUCK = frozenset(
    {"hit", "hits", "struck", "strikes", "battered", "lashed", "pounded", "ravaged"}
)
_PARTS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
    | {"north-east", "north-west", "south-east", "south-west", "centre", "center", "heart"}
    | {"outskirts", "suburbs"}
)
_DWELLERS = frozenset({"residents", "inhabitants", "villagers", "townspeople", "citizens"})
_FROM_ORIGIN = re.compile(r"\s+from\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*,?\s+to\s+$")
# the rest of a list after one of its items: ', China, Britain and France'
LIST_GOES_ON = re.compile(
    r"^(?:,\s*(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)*,?\s+(?:and|or)\s+(?:the\s+)?[A-Z]"
)


def country_hint(before: str, gaz: Gazetteer) -> str | None:
    """'the central Ukrainian city of X' → UA."""
    match = re.search(r"([A-Z][\w-]+) (?:" + "|".join(PLACE_NOUNS) + r") of\s*$", before)
    state = gaz.state(match[1]) if match else None
    return state.code if state and not state.code.startswith("@") else None
