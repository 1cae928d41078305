"""Where each drafted event happened, from the sentences the timeline gave it (issue 13).

The sentences of an event often name no place but point back, with 'the', to a site the
article placed before: 'reopened the port entrance' after 'Durban's port', 'at the mine'
after 'the Santa Rosa mine in the Arequipa region'. An event without a location takes the
place of such a site. (Places named in its supporting sentences are not taken: there they
mostly describe someone, 'a firm that owns clubs in Portugal', or a seat, 'the General
Court in Luxembourg'.)

Run once over the timeline's events (extract.py); it reads mentions and changes only the
locations of events that have none.
"""

from __future__ import annotations

import re

from site_builder.ingest.happenings import Event, union
from site_builder.ingest.lexicon import AGENT_NOUNS
from site_builder.ingest.mentions import PLACE, Entities
from site_builder.ingest.sentences import Sentence

# A site noun and the class of sites it names: a harbour is the port.
SITE_CLASSES = {
    "port": "port",
    "harbour": "port",
    "harbor": "port",
    "airport": "airport",
    "spaceport": "spaceport",
    "mine": "mine",
    "plant": "plant",
    "factory": "factory",
    "refinery": "refinery",
}
_SITE = "|".join(SITE_CLASSES)
# 'Durban's port', 'the Port of Durban', 'the Durban port', 'Andoya Spaceport'
_OWNED_SITE = re.compile(rf"^[’']s?\s+(?:[a-z]+\s+){{0,2}}?(?P<noun>{_SITE})s?\b", re.I)
_SITE_OF = re.compile(rf"\b(?P<noun>{_SITE}) of\s+$", re.I)
_NAMED_SITE = re.compile(rf"^\s+(?P<noun>{_SITE})\b", re.I)
_SITE_NAME = re.compile(rf"\s(?P<noun>{_SITE})$", re.I)  # 'Andoya Spaceport'

# 'the Santa Rosa mine in the Arequipa region', 'a refinery in Rotterdam'
_SITE_IN = re.compile(
    rf"\b(?P<noun>{_SITE})s?\s+(?:in|at|near|outside)\s+(?:the\s+)?(?:[a-z]+\s+)?$", re.I
)
# 'officials in', 'police in the city of': the place says whose they are
_WHOSE_PLACE = re.compile(
    r"\b(?:" + "|".join(sorted(AGENT_NOUNS)) + r"|people|sources|residents)\s+(?:in|from|of)\s+"
    r"(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$",
    re.I,
)
# 'the port', 'the harbour mouth', 'the mine entrance' (not 'a port', 'ports')
_DEFINITE_SITE = re.compile(rf"\bthe\s+(?:[a-z]+\s+)?(?P<noun>{_SITE})\b", re.I)


def locate_events(events: list[Event], sentences: list[Sentence], entities: Entities) -> None:
    texts = {s.index: s.text for s in sentences}
    sites = _sites_by_sentence(sentences, entities)
    own = {event.title_source[0] for event in events}
    for event in events:
        if event.locations:
            _refine(event, entities, own, texts)
            continue
        found = []
        for index in sorted(event.sentences):
            for match in _DEFINITE_SITE.finditer(texts.get(index, "")):
                key = sites.get(index, {}).get(SITE_CLASSES[match["noun"].lower()])
                found += [key] if key else []
        event.locations = union([], found)


def _refine(event: Event, entities: Entities, own: set[int], texts: dict[int, str]) -> None:
    """'freed 14 hostages in the province of Cauca' and then, in a sentence of its own,
    '… handed over near the town of Argelia': a town in a supporting sentence says more
    precisely where an event placed only in a region or country happened (a sentence that
    is another event's own is not supporting; 'officials in X' say whose, not where)."""
    kinds = {entities.entities[k].kind for k in event.locations if k in entities.entities}
    if not kinds or kinds - {"region", "country", "continent"}:
        return
    for index in event.sentences:
        if index in own:
            continue
        for m in entities.mentions.get(index, []):
            entity = entities.entities.get(m.key)
            town = entity is not None and entity.kind == "city"
            who = _WHOSE_PLACE.search(texts[index][: m.start])  # 'officials in Lima said'
            if town and m.role == "location" and not m.quoted and not who:
                event.locations = union(event.locations, [m.key])


def _sites_by_sentence(sentences: list[Sentence], entities: Entities) -> dict[int, dict]:
    """For each sentence, the place of each class of site as the article has placed it so
    far (up to and including that sentence): {'port': ('place', 'Durban')}."""
    known: dict[str, tuple[str, str]] = {}
    result: dict[int, dict] = {}
    for sentence in sentences:
        text = sentence.text
        for m in entities.mentions.get(sentence.index, []):
            if m.key[0] != PLACE or m.quoted:
                continue
            match = (
                _SITE_NAME.search(m.text)
                or _OWNED_SITE.match(text[m.end :])
                or _NAMED_SITE.match(text[m.end :])
                or _SITE_OF.search(text[: m.start])
                or _SITE_IN.search(text[: m.start])
            )
            if match:
                known[SITE_CLASSES[match["noun"].lower()]] = m.key
        result[sentence.index] = dict(known)
    return result
