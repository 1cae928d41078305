"""What the entity finder returns: the entities of an article and where each is named.

An Entity is a person, organisation or state (category 'actor') or a place (category
'place'); a Mention is one naming of an entity in one sentence; Known is a record already
in content/. Plain data: this module finds nothing and imports nothing from the finder.

A mention's role says how an event may use it: 'actor' (someone who acts), 'location'
(where it happens) or 'descriptor' (only describes someone else: the 'US' in 'US President
Donald Trump', the 'Trump' in 'Trump’s son-in-law Jared Kushner').
"""

from __future__ import annotations

from dataclasses import dataclass, field

from site_builder.ingest.gazetteer import Place
from site_builder.ingest.names import Piece

ACTOR, PLACE = "actor", "place"


@dataclass
class Entity:
    category: str  # actor | place
    name: str
    kind: str  # person | organization | state ; city | region | country | continent
    aliases: list[str] = field(default_factory=list)
    role: str = ""
    affiliation: str | None = None  # the name of an actor entity
    place: Place | None = None
    code: str | None = None  # ISO code of a state

    @property
    def key(self) -> tuple[str, str]:
        return (self.category, self.name)

    def seen_as(self, text: str) -> None:
        if text and text != self.name and text not in self.aliases:
            self.aliases.append(text)


@dataclass(frozen=True)
class Mention:
    sentence: int
    start: int
    end: int
    text: str
    key: tuple[str, str]
    role: str  # actor | location | descriptor
    quoted: bool = False


@dataclass(frozen=True)
class Known:
    """A record already in content/; its name and aliases are recognised in the article."""

    id: str
    category: str  # actor | place
    name: str
    aliases: tuple[str, ...]
    kind: str


@dataclass
class Entities:
    entities: dict[tuple[str, str], Entity]
    mentions: dict[int, list[Mention]]  # by sentence index

    def get(self, key: tuple[str, str]) -> Entity:
        return self.entities[key]


def settle_affiliations(entities: dict[tuple[str, str], Entity]) -> None:
    """An affiliation names an actor entity: 'ADAK chief executive X' is of the 'Anti-
    Doping Agency of Kenya (ADAK)' learned earlier; one that names none is dropped."""
    by_alias = {a: e.name for e in entities.values() if e.category == ACTOR for a in e.aliases}
    for entity in entities.values():
        whose = entity.affiliation
        if whose and (ACTOR, whose) not in entities:
            entity.affiliation = by_alias.get(whose)


def mention_of(index: int, piece: Piece, key, role: str) -> Mention:
    """The mention of key by a name piece of sentence index."""
    return Mention(index, piece.start, piece.end, piece.text, key, role)


def without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """The longest of overlapping mentions ('Bank of England' over 'England')."""
    chosen: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if not any(c.start < m.end and m.start < c.end for c in chosen):
            chosen.append(m)
    return chosen


def quoted(mention: Mention, quotes: list[tuple[int, int]]) -> Mention:
    """The mention, marked as quoted when it lies inside one of the quotations."""
    if any(a <= mention.start and mention.end <= b for a, b in quotes):
        return Mention(
            mention.sentence,
            mention.start,
            mention.end,
            mention.text,
            mention.key,
            mention.role,
            quoted=True,
        )
    return mention


def lowercase_aliases(known: list[Known]) -> list[tuple[str, Known]]:
    """Multi-word aliases written in lowercase ('the French president') are searched as
    phrases, since no capitalised sequence would find them."""
    result = []
    for record in known:
        for alias in (record.name, *record.aliases):
            if len(alias.split()) >= 2 and alias[:1].islower():
                result.append((alias, record))
    return sorted(result, key=lambda item: -len(item[0]))
