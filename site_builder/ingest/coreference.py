"""Definite descriptions that name an actor named before: 'the prime minister' after
"Portugal's prime minister, Tomas Ferreira"; 'the company' and 'the airline' after
'Avantis Air'; 'the agency' after 'the European Space Agency' (issue 13).

DefiniteMentions is a mixin of EntityFinder (entities.py): it reads the finder's entities
and keeps how often, and where last, each organisation has been named so far in article
order, so that 'the company' is the organisation the article is about, not merely the
last one named ('a round led by the fund Polaris Ventures. ESA awarded the company …').
"""

from __future__ import annotations

import re

from site_builder.ingest.gazetteer import Gazetteer
from site_builder.ingest.lexicon import (
    FUNCTION_WORDS,
    LOCATIVE,
    PUBLIC_BODY_WORDS,
    TITLE_PHRASES,
    words,
)
from site_builder.ingest.mentions import ACTOR, Entity, Mention, mention_of
from site_builder.ingest.names import Piece
from site_builder.ingest.text import normal

_TITLE_RE = re.compile(
    r"\b[Tt]he ("
    + "|".join(re.escape(t) for t in TITLE_PHRASES if not t.endswith("."))
    + r")\b(?!-|\s+(?:of|for|at)\b|\s+[A-Z])"
)
# Nouns that may name any company, and nouns that name a body with that word in its name.
_BUSINESS = (
    "company|firm|group|carmaker|automaker|airline|carrier|lender|insurer|operator|retailer|"
    "startup|start-up|manufacturer|drugmaker|chipmaker|conglomerate|miner|gang"
)
_BODY = (
    "agency|ministry|court|commission|committee|union|party|council|authority|bank|board|"
    "department|tribunal|alliance|organi[sz]ation|fund|club|service|administration|office"
)
_ORG_RE = re.compile(rf"\b[Tt]he ({_BUSINESS}|{_BODY})\b(?!-|\s+(?:of|for)\b|\s+[A-Z])")
# "Germany's economy ministry", "the National Assembly's science and ICT committee"
_BODY_RE = re.compile(
    r"(?P<owner>[A-Z][\w.&-]*(?:\s+(?:(?:of|the|and)\s+)*[A-Z][\w.&-]*)*)[’']s?\s+"
    r"(?P<words>(?:(?:[a-z][a-z-]+|[A-Z]{2,5})\s+){1,4}?)"
    r"(?P<noun>committee|subcommittee|ministry|department|commission|panel)\b"
)
_SUBORDINATORS = words("after before when because since while until once unless")
_BUSINESS_RE = re.compile(rf"^(?:{_BUSINESS})$")


class DefiniteMentions:
    """'The prime minister', 'the company': a mixin of EntityFinder."""

    # Set by EntityFinder.__init__ (entities.py); uses its _add_org and StateMentions'
    # _state and _state_entity.
    gaz: Gazetteer
    entities: dict[tuple[str, str], Entity]
    org_names: dict[str, str]
    named: dict[tuple[str, str], tuple[int, int]]  # organisation → (times named, last at)

    def _definite_mentions(self, index: int, text: str, found: list[Mention]) -> list[Mention]:
        """Only beside an actor named outright: a sentence whose only actor is 'the
        company' goes on about the last happening ('The airline estimates the walkout will
        cost it …'), it is no happening of its own."""
        result = self._body_mentions(index, text)
        if not any(m.key[0] == ACTOR for m in found + result):
            return []
        for match in _TITLE_RE.finditer(text):
            person = self._titled_person(match[1])
            if person is not None:
                role = _role(text, match)
                result.append(Mention(index, match.start(), match.end(), match[0], person, role))
        for match in _ORG_RE.finditer(text):
            before = text[: match.start()].split()
            last = before[-1].lower() if before else ""
            business_at = last == "at" and _BUSINESS_RE.match(match[1].lower())
            if last in LOCATIVE | _SUBORDINATORS and not business_at:
                continue  # 'outside the court' is where, not who; 'after the union
                # rejected the offer' is background; but 'a strike at the airline' is its
            org = self._salient_org(match[1].lower(), index, match.start(), found)
            if org is not None:
                role = _role(text, match)
                result.append(Mention(index, match.start(), match.end(), match[0], org, role))
        return result

    def _body_mentions(self, index: int, text: str) -> list[Mention]:
        """ "Germany's economy ministry" is the German Economy Ministry; "Congress's health
        committee" a committee of Congress: a body of a state or of an organisation that
        the article names only in lowercase words."""
        result = []
        for match in _BODY_RE.finditer(text):
            words = match["words"].split()
            if any(w.lower() in FUNCTION_WORDS and w != "and" for w in words):
                continue
            owner, noun = match["owner"], match["noun"]
            state = self._state(owner)
            adjective = state and self._adjective(state.code)
            if adjective:
                titled = [w if w.isupper() or w == "and" else w.title() for w in words]
                name = " ".join([adjective, *titled, noun.title()])
                whose = self._state_entity(state.code).name
            elif normal(owner) in self.org_names:
                whose = self.org_names[normal(owner)]
                name = " ".join([whose, *words, noun])
            else:
                continue
            entity = self._add_org(self.org_names.get(normal(name), name))
            entity.affiliation = entity.affiliation or whose
            entity.seen_as(match[0])
            role = _role(text, match)
            result.append(Mention(index, match.start(), match.end(), match[0], entity.key, role))
        return result

    def _owned_alias(self, piece: Piece, entity: Entity) -> None:
        """ "Peru's Congress": the state's possessive says which Congress; the whole is
        another name of the organisation."""
        owner = re.search(r"([A-Z][\w.-]*(?: [A-Z][\w.-]*)*)[’']s? $", piece.before)
        if owner and self._state(owner[1]) and " " not in entity.name:
            entity.seen_as(owner[0] + piece.text)

    def _adjective(self, code: str) -> str | None:
        names = self.gaz.state_names.items()
        return next((n for n, s in names if s.code == code and s.form == "adjective"), None)

    def _title_coreference(self, index: int, piece: Piece) -> list[Mention]:
        title = piece.title.lower()
        people = [
            e for e in self.entities.values() if e.kind == "person" and e.role.lower() == title
        ]
        if len(people) == 1:
            people[0].seen_as(piece.text)
            return [mention_of(index, piece, people[0].key, "actor")]
        return []

    def _titled_person(self, title: str) -> tuple[str, str] | None:
        """The one person with that role ('Prime minister'), or whose role ends with it
        ('Health Minister' for 'the minister')."""
        people = [e for e in self.entities.values() if e.kind == "person" and e.role]
        exact = [e for e in people if e.role.lower() == title]
        if not exact:
            exact = [e for e in people if e.role.lower().endswith(" " + title)]
        return exact[0].key if len(exact) == 1 else None

    def _salient_org(self, noun: str, index: int, start: int, found: list[Mention]):
        """The organisation named most often so far (the latest on a tie) that the noun
        can name: one with the word in its name, or any business for 'the company'."""
        counts = dict(self.named)
        for m in found:
            if m.start < start and m.key[0] == ACTOR and m.key in self.entities:
                times, _ = counts.get(m.key, (0, -1))
                counts[m.key] = (times + 1, index * 10_000 + m.start)
        stem = noun.replace("organization", "organi").replace("organisation", "organi")
        fits = []
        for key, (times, last) in counts.items():
            entity = self.entities.get(key)
            if entity is None or entity.kind != "organization":
                continue
            words = [w.lower() for w in entity.name.split()]
            if any(w.startswith(stem) for w in words):
                fits.append((True, times, last, key))
            elif _BUSINESS_RE.match(noun) and not any(
                w in PUBLIC_BODY_WORDS for w in entity.name.split()
            ):
                fits.append((False, times, last, key))
        return max(fits)[-1] if fits else None

    def _count_named(self, index: int, mentions: list[Mention]) -> None:
        for m in mentions:
            if m.key[0] == ACTOR:
                times, _ = self.named.get(m.key, (0, -1))
                self.named[m.key] = (times + 1, index * 10_000 + m.start)


def _role(text: str, match: re.Match) -> str:
    """'the company’s chief executive', 'the court’s decision': a possessive description
    only says whose; it is not who acts."""
    return "descriptor" if re.match(r"^[’']s?\b", text[match.end() :]) else "actor"
