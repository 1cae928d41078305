"""What a capitalised name looks like it names, from its own shape and the words around it.

Plain predicates and patterns over text and name pieces: a person ('Budi Santoso'), an
organisation ('Statistics Norway', 'OPEC', 'Acme said'), a natural feature ('Lake Chad'),
an acronym a sentence defines ('the National Transportation Safety Board (NTSB)'). They
keep no state and look nothing up: whether a name is already known, or is a state or a
place in the gazetteer, is for the finder (entities.py) to ask first.
"""

from __future__ import annotations

import re

from site_builder.ingest.lexicon import (
    BUSINESS_NOUNS,
    BUSINESS_TITLES,
    FUNCTION_WORDS,
    MONTH_AND_DAY_NAMES,
    NOT_ORG_ACRONYMS,
    NOT_PERSON_WORDS,
    ORG_AFTER,
    ORG_WORDS,
    RELATIONS,
    REPORTING_FORMS,
    TITLE_PHRASES,
    VERB_FORMS,
)
from site_builder.ingest.names import Piece

# Letters of any script: 'Atlético', 'Łukasz', 'Müller'.
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-Þ][^\W\d_]+(?:[’'-][^\W\d_]+)*|[A-Z]\.|Mc[A-Z][a-z]+)$")
NAME_RUN = re.compile(r"^[A-ZÀ-Þ][^\W\d_’'-]*(?:[ -][A-ZÀ-Þ][^\W\d_’'-]*)*$")
_ACRONYM = re.compile(r"^[A-Z]{2,6}s?$")
# 'Mount Lewotobi Laki-laki', 'Lake Chad': natural features the gazetteer of towns lacks.
FEATURE = re.compile(
    r"^(?:(?P<word>Mount|Mt\.?|Lake|River|Cape|Volcano|Gulf of|Strait of|Sea of|Bay of) [A-Z]"
    r"|[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)* (?P<suffix>Canyon|Valley|Sea|Ocean|River|Lake|Bay|"
    r"Strait|Peninsula|Desert|Delta|Mountains|Hills|Gorge|Basin|Plateau|Glacier)$)"
)
FEATURE_KINDS = {"Mount": "mountain", "Mt": "mountain", "Mt.": "mountain", "Lake": "lake"}
_VERBISH = re.compile(r"^\s+(?:has|have|had|is|was|were|will|would|said|says|also\s+\w+)\b")
_CHANNEL = re.compile(r"\b(?:on|via)\s*$")


_CONNECTORS = {"of", "for", "and", "the", "on", "in", "de", "del", "la", "&"}


def defined_acronyms(text: str):
    """(full name, acronym) for each 'Full Name (ACR)' in text: the capitalised words
    (with 'of', 'for', 'and' … between them) right before an all-capitals parenthesis."""
    for match in re.finditer(r"\(([A-Z][A-Z&]{1,7})\)", text):
        words = text[: match.start()].split()
        name: list[str] = []
        while words and (words[-1][:1].isupper() or words[-1] in _CONNECTORS):
            word = words.pop()
            if word.endswith(("’s", "'s", ",")) or word.isupper() and len(word) > 1:
                break  # 'Germany’s Federal Office …', 'BOGOTA (Reuters) —'
            name.insert(0, word)
        if not words and len(name) > 2 and name[1] in _CONNECTORS:
            rest = name[1:]  # 'Fighters of the United Pacific Front (FUP)' opening a sentence
            while rest and rest[0].lower() in _CONNECTORS:
                rest.pop(0)
            name = rest if sum(w[:1].isupper() for w in rest) >= 2 else name
        while name and name[0].lower() in _CONNECTORS:
            name.pop(0)  # 'the', and 'The' opening a sentence
        if sum(w[:1].isupper() for w in name) >= 2:
            yield " ".join(name), match[1]


def title_role(title: str) -> str:
    """The role a title gives a person ('Governor'); none for a relation ('son-in-law')."""
    if not title or title.lower() in RELATIONS:
        return ""
    return title[:1].upper() + title[1:]


def initials(name: str) -> str:
    """'EU' of 'European Union'."""
    return "".join(w[0] for w in name.split() if w[0].isupper())


def business_title(title: str) -> bool:
    """A title held in a business ('Vice Chairman', 'chief executive')."""
    return any(word in BUSINESS_TITLES for word in title.lower().split())


def looks_like_org(text: str) -> bool:
    words = text.split()
    if any(w.rstrip(".,") in ORG_WORDS for w in words):
        return True
    return len(words) == 1 and bool(_ACRONYM.match(text)) and text not in NOT_ORG_ACRONYMS


def looks_like_person(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 4:
        return False
    if any(
        w in MONTH_AND_DAY_NAMES or w in NOT_PERSON_WORDS or w.lower() in FUNCTION_WORDS
        for w in words
    ):
        return False
    return all(_NAME_TOKEN.match(w) or w in ("de", "van", "von", "bin", "al") for w in words)


def acts_like_org(piece: Piece) -> bool:
    """A lone unknown name that acts ('Acme said', 'Nvidia has') is an organisation."""
    if piece.kind != "name" or _CHANNEL.search(piece.before):
        return False
    if piece.text in MONTH_AND_DAY_NAMES or len(piece.text) < 2:
        return False
    if _ACRONYM.match(piece.text):  # 'OPEC agreed …', even at the start of a sentence
        return piece.text not in NOT_ORG_ACRONYMS  # but not the IT of 'its IT staff'
    if piece.initial:
        return False
    if BUSINESS_NOUNS.search(piece.before) or ORG_AFTER.match(piece.after):
        return True  # 'chip designer X', 'Analysts at X', 'the X union'  (issue 3)
    following = piece.after.split()
    verb = following[0].strip(",.") if following else ""
    return bool(_VERBISH.match(piece.after)) or verb in VERB_FORMS or verb in REPORTING_FORMS


def person_role(piece: Piece) -> str:
    """'Trump’s son-in-law Jared Kushner': a possessive person only describes another."""
    follows = piece.after.lstrip()
    if piece.possessive and follows.split(" ", 1)[0].lower() in RELATIONS | set(TITLE_PHRASES):
        return "descriptor"
    return "actor"
