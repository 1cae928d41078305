"""What the words around a place name say of its role: where something happened, or
only a description (issue 13). Plain tests on the text before and after a name: a seat
('the Munich-based company', 'based in Lyon'), a route ('flights from Dublin to Boston'), a
bearing ('northeast of Athens'), a ranking ('one of the deadliest fires in Europe',
'Europe’s largest port'), a ship named like a cape; and the owner of a site ('Durban’s
port'), which is where the site is. The PlaceFinder (places.py) and the entity finder use
them; nothing here looks a name up.
"""

from __future__ import annotations

import re

from site_builder.ingest.names import Piece

# 'Durban's port', 'Bali's I Gusti Ngurah Rai International Airport', 'Kyiv's outskirts':
# the place of a possessive is where the site is.
_SITE_AFTER = re.compile(
    r"^\s+(?:(?:main|old|new|busy|busiest|largest|biggest|inner|outer|northern|southern|"
    r"eastern|western|central)\s+)?(?:ports?|harbou?rs?|airports?|coast|coastline|streets|"
    r"outskirts|suburbs|beaches|waterfront|city centre|downtown|old town|"
    r"(?:[A-Z][\w’'-]*\s+)+(?:Airport|Port|Harbou?r|Spaceport|Station))\b"
)


def site_follows(after: str) -> bool:
    return bool(_SITE_AFTER.match(after))


_RANKED_AFTER = re.compile(
    r"^[’']s\s+(?:[\w-]+-)?(?:largest|biggest|busiest|main|leading|oldest|top)\b"
)


def ranks(before: str, after: str) -> bool:
    """'the Port of Rotterdam, Europe’s largest port', 'one of Germany’s largest
    operators': the place ranks what is named elsewhere; but 'closing Bali’s main
    airport' says where the airport is."""
    if not _RANKED_AFTER.match(after):
        return False
    apposition = re.search(r"(?:,|\bone of)\s*$", before)
    return bool(apposition) or not site_follows(re.sub(r"^[’']s?", "", after))


# 'the container ship Cape Meridian', 'the tanker Umgeni Star': a vessel, not a place
_VESSEL_BEFORE = re.compile(
    r"\b(?:ship|vessel|tanker|freighter|carrier|ferry|yacht|boat|trawler|liner|cruiser|"
    r"submarine|frigate|destroyer|barge|tug|tugboat)\s+$",
    re.IGNORECASE,
)


def vessel(piece: Piece) -> bool:
    return bool(_VESSEL_BEFORE.search(piece.before))


_RANKING_SCOPE = re.compile(
    r"\bone of the (?:[\w-]+est|most [\w-]+|worst|best)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:in|across|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# 'The San Jose, California-based company', 'a company based in Lyon': a seat, not where
# the happening is


def ranking_scope(before: str) -> bool:
    """'one of the deadliest wildfires in ': the place after is the ranking's scope."""
    return bool(_RANKING_SCOPE.search(before))


# 'The San Jose, California-based company', 'a company based in Lyon': a seat, not where
# the happening is
_SEAT_AFTER = re.compile(r"^,\s+(?:[A-Z][\w.’'-]*\s+)*[A-Z][\w.’'-]*-based\b")
_SEAT_BEFORE = re.compile(r"\b(?:based|headquartered|registered|listed)\s+in\s+(?:the\s+)?$")


def seat(piece: Piece) -> bool:
    return bool(_SEAT_AFTER.match(piece.after) or _SEAT_BEFORE.search(piece.before))


# 'flights from Dublin to Boston', 'the route between Lima and Cusco', 'a service to X':
# the ends of a route, not where a happening took place
_ROUTE_NOUNS = (
    r"(?:flights?|routes?|services?|connections?|trains?|ferry|ferries|buses|lines?|"
    r"pipelines?|shipments?|exports?|cargo|journeys?|trips?)"
)
_ROUTE_BEFORE = re.compile(
    rf"\b{_ROUTE_NOUNS}\s+(?:[\w’'-]+\s+){{0,3}}?(?:from|to|between|linking|connecting)\s+"
    r"(?:the\s+)?(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*\s+(?:to|and)\s+(?:the\s+)?)?$"
)


def route(piece: Piece) -> bool:
    return bool(_ROUTE_BEFORE.search(piece.before) or _BEARING_BEFORE.search(piece.before))


# 'northeast of Athens', '35 kilometers (22 miles) from the capital', 'south of X': a
# point the happening is measured from, not where it is
_BEARING_BEFORE = re.compile(
    r"(?:(?<!\bthe\s)(?<!\bfar\s)\b(?:north|south|east|west|north-?east|north-?west|"
    r"south-?east|south-?west)\s+of"
    r"|\b(?:kilomet(?:er|re)s?|km|miles)(?:\s+\([^)]*\))?\s+(?:\w+\s+)?(?:from|of|outside))"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)

# '… present findings next month and that a second rocket was being assembled in X': a
# second thing said, joined to the first, whose places are not the first one's. (', and'
# joins clauses too, but the clause splitter should part those: they often share a place.)
_NEW_PART = re.compile(r"\band that\b|;\s")


def same_part(text: str, a: int, b: int) -> bool:
    """Positions a and b of a sentence lie in one coordinated part of it."""
    return not _NEW_PART.search(text[min(a, b) : max(a, b)])
