"""Names that are no actors: market indices, products, occasions, venues, currencies and
time zones ('the Dow Jones Industrial Average', 'the MacBook Air laptops', 'at the Moscone
Center', 'USD', '0800 UTC'), learned in the finder's first pass so that later mentions
('the Dow', 'the DJIA') are not actors either (issue 13).

ThingMentions is a mixin of EntityFinder (entities.py): it keeps the finder's `things`
and uses its states and places, and learns no person or organisation.
"""

from __future__ import annotations

import re

from site_builder.ingest.gazetteer import Gazetteer, Place
from site_builder.ingest.lexicon import PRODUCT_NOUNS
from site_builder.ingest.mentions import Mention, mention_of
from site_builder.ingest.name_shapes import looks_like_person, surely_product, thing_kind
from site_builder.ingest.names import Piece
from site_builder.ingest.text import normal


class ThingMentions:
    """Names of things that do not act: a mixin of EntityFinder."""

    # Set by EntityFinder.__init__ (entities.py); uses StateMentions' _state, _place_entity.
    gaz: Gazetteer
    things: dict[str, str]
    person_names: dict[str, str]

    def _learn_thing(self, piece: Piece) -> bool:
        """A name that is no actor (a market index, a product, an occasion, a venue, a
        currency, a time zone): remembered, so that later mentions are not actors either.
        A state's adjective before it is kept apart ('the Japanese Nikkei 225 index')."""
        key = normal(piece.text)
        if key in self.person_names or self._state(piece.text):
            return False
        kind = self._thing(piece)
        if not kind:
            return False
        self.things[key] = kind
        words = piece.text.split()
        for n in range(1, len(words)):  # 'the United States Dow Jones Industrial Average'
            if self._state(" ".join(words[:n])):
                self.things[normal(" ".join(words[n:]))] = kind
        return True

    def _thing(self, piece: Piece) -> str | None:
        kind = thing_kind(piece)
        if (
            kind == "product"
            and looks_like_person(piece.text)
            and piece.text not in self.things
            and not surely_product(piece)
        ):
            # 'released John Smith': a hostage, not a product; only a noun after tells
            following = re.match(r"^\s+([a-z][\w-]*)", piece.after)
            kind = kind if following and following[1] in PRODUCT_NOUNS else None
        if kind:
            return kind
        if piece.text in self.gaz.currencies:
            return "currency"  # 'USD', 'the Euro'
        return None

    def _known_thing(self, piece: Piece) -> str | None:
        """A name learned as no actor, or the short form of a market index ('the Dow' and
        'the Dow Jones' after 'the Dow Jones Industrial Average')."""
        key = normal(piece.text)
        if key in self.things:
            return self.things[key]
        for name, kind in self.things.items():
            if kind == "index" and name.startswith(key + " "):
                return kind
        return None

    def _thing_mentions(self, index: int, piece: Piece, thing: str) -> list[Mention]:
        """A venue is where things happen ('at the Moscone Center'); a state's adjective
        before an index says where the market is ('the Japanese Nikkei')."""
        if thing == "venue":
            entity = self._place_entity(Place(piece.text, "venue", None, None, 0), piece.text)
            return [mention_of(index, piece, entity.key, "location")]
        words = piece.text.split()
        prefixes = (" ".join(words[:n]) for n in range(len(words) - 1, 0, -1))
        first = next((w for w in prefixes if self._state(w)), "")
        state = self._state(first) if first else None
        if state and state.form in ("adjective", "name"):
            place = self.gaz.country_place(state.code)
            entity = self._place_entity(place, first)
            return [Mention(index, piece.start, piece.start + len(first), first, entity.key,
                            "location")]  # fmt: skip
        return []

    def _namesake(self, piece: Piece, state) -> bool:
        """A state's name that here names another place: 'Georgia' among US places, 'Paris,
        Texas', a small capital's namesake that the article's context or size prefers."""
        if self.places.us_reading(piece):
            return True
        if state.form != "capital":
            return False
        best = self.places.best(self.gaz.places(piece.text), piece)
        return bool(best) and best.capital_of != state.code
