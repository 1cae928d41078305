"""Capitalised name sequences in a sentence, split into the parts news English packs into
them: 'US President Donald Trump’s' is a state (US), a title (President), a person
(Donald Trump) and a possessive; 'US-led' is a state used as a modifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.ingest.lexicon import (
    CONNECTORS,
    DESCRIPTOR_WORD,
    FUNCTION_WORDS,
    ORG_WORDS,
    RELATIONS,
    TITLE_PHRASES,
)
from site_builder.ingest.text import OPEN_QUOTES, Token, strip_possessive, tokenize

_SUFFIX_RE = re.compile(
    r"^(?P<name>.+?)-(?P<suffix>led|backed|brokered|owned|run|controlled|"
    r"based|born|made|style|linked|allied|funded|held)$"
)
_TITLE_TOKENS = [tuple(t.split()) for t in TITLE_PHRASES]
_APPOSITION_RE = re.compile(
    r"^,\s+(?:the |a |an |its |his |her |their )?(?P<title>(?:[a-z][\w-]* ){0,3}?[a-z][\w.-]*)"
    r"(?: (?:of|at|for|to) |,)"
)


@dataclass(frozen=True)
class Piece:
    """One name inside a run. kind: person | name | prefix | modifier | place-modifier."""

    text: str
    start: int
    end: int
    kind: str
    title: str = ""
    possessive: bool = False
    initial: bool = False  # opens the sentence, so its capital letter proves nothing
    before: str = ""  # the sentence text before the piece (for context rules)
    after: str = ""  # the sentence text after it


def pieces(text: str) -> list[Piece]:
    tokens = tokenize(text)
    found: list[Piece] = []
    for run, initial in _runs(text, tokens):
        found.extend(_split_run(text, tokens, run, initial))
    return _honorifics(text, found)


def _honorifics(text: str, found: list[Piece]) -> list[Piece]:
    """'Dr. Pedro Antunes': the abbreviation's full stop ends its run, but it is a title
    of the person after it, not a name of its own."""
    result: list[Piece] = []
    for piece in found:
        previous = result[-1] if result else None
        if (
            previous is not None
            and previous.kind == "name"
            and (previous.text + ".").lower() in TITLE_PHRASES
            and text[previous.end : piece.start] == ". "
            and piece.kind in ("name", "person")
        ):
            result[-1] = _as(piece, "person", piece.title or previous.text + ".")
            continue
        result.append(piece)
    return result


def _is_cap(token: Token) -> bool:
    return token.is_capitalised and token.text[0].isalpha()


def _runs(text: str, tokens: list[Token]):
    """Maximal sequences of capitalised tokens, with connectors ('Bank of England')."""
    i = 0
    while i < len(tokens):
        if not _is_cap(tokens[i]):
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            if _possessive(tokens[j - 1]):
                break
            if _is_cap(tokens[j]) and _adjacent(text, tokens[j - 1], tokens[j]):
                j += 1
                continue
            listed = _listed_subjects(text, tokens, i, j)
            if listed:
                j = listed
                continue
            k = j
            while k < len(tokens) and tokens[k].lower in CONNECTORS and not _is_cap(tokens[k]):
                k += 1
            if k > j and k < len(tokens) and _is_cap(tokens[k]) and k - j <= 2:
                j = k + 1
                continue
            break
        yield tokens[i:j], _sentence_initial(text, tokens, i)
        i = j


def _listed_subjects(text: str, tokens: list[Token], i: int, j: int) -> int:
    """'the Department of Forestry, Fisheries and the Environment', 'the Centre for
    Volcanology and Geological Hazard Mitigation': after 'Ministry of' or 'Centre for' a
    list of subjects belongs to the name. The end of the name, or 0."""
    run = [t.text for t in tokens[i:j]]
    subjects = any(
        a in ORG_WORDS and b in ("of", "for") for a, b in zip(run, run[1:], strict=False)
    )
    if not subjects or run[-1] in ("of", "for"):
        return 0
    k = j
    while k + 1 < len(tokens) and tokens[k].text == "," and _subject(tokens[k + 1]):
        k += 2
        while k < len(tokens) and _subject(tokens[k]) and _adjacent(text, tokens[k - 1], tokens[k]):
            k += 1
    if k < len(tokens) and tokens[k].text == "," and k > j:
        k += 1  # the serial comma: 'Health, Labour, and Welfare'
    if k < len(tokens) and tokens[k].lower == "and" and (k > j or tokens[j].lower == "and"):
        k += 1
        if k < len(tokens) and tokens[k].lower == "the":
            k += 1
        if k < len(tokens) and _subject(tokens[k]):
            k += 1
            while (
                k < len(tokens) and _is_cap(tokens[k]) and _adjacent(text, tokens[k - 1], tokens[k])
            ):
                k += 1
            return k
    return 0


def _subject(token: Token) -> bool:
    """A capitalised word that can be a subject in a name's list: not 'Bank', not 'ECB'."""
    return _is_cap(token) and token.text not in ORG_WORDS and not token.text.isupper()


def _descriptor(token: Token) -> bool:
    """A capitalised common noun that only introduces the name after it (not 'Union
    Pacific': words that also name organisations stay)."""
    return bool(DESCRIPTOR_WORD.match(token.text)) and token.text not in ORG_WORDS


def _adjacent(text: str, a: Token, b: Token) -> bool:
    return text[a.end : b.start] == " "


def _possessive(token: Token) -> bool:
    return bool(re.search(r"[’']s?$", token.text)) and len(token.text) > 2


def _sentence_initial(text: str, tokens: list[Token], i: int) -> bool:
    prefix = text[: tokens[i].start].strip()
    return not prefix or prefix[-1] in OPEN_QUOTES + '"(—–-:.!?'


def _split_run(text: str, all_tokens: list[Token], run: list[Token], initial: bool):
    if initial:
        while run and (run[0].lower in FUNCTION_WORDS or run[0].lower in CONNECTORS):
            run = run[1:]
            initial = False
        if len(run) > 1 and _descriptor(run[0]):
            run = run[1:]  # 'Drugmaker Veridian Pharma': the name starts after the noun
            initial = False
    if not run:
        return []
    out: list[Piece] = []
    start = 0
    for i, token in enumerate(run):  # 'US-led' ends a run: it is a modifier
        match = _SUFFIX_RE.match(token.text)
        if match:
            out.extend(_split_titles(text, run[start:i], initial and start == 0))
            kind = "place-modifier" if match["suffix"] in ("based", "born") else "modifier"
            end = token.start + len(match["name"])
            out.append(_piece(text, token.start, end, kind, initial=initial and i == 0))
            start = i + 1
    out.extend(_split_titles(text, run[start:], initial and start == 0))
    return out


def _split_titles(text: str, run: list[Token], initial: bool) -> list[Piece]:
    if not run:
        return []
    lowered = [t.lower.rstrip("’'s") if _possessive(t) else t.lower for t in run]
    for i in range(len(run)):
        for title in _TITLE_TOKENS:
            if tuple(lowered[i : i + len(title)]) != title:
                continue
            rest = run[i + len(title) :]
            if rest and any(t.text.rstrip(".") in ORG_WORDS for t in rest):
                return [_whole(text, run, initial)]  # 'General Motors', 'Justice Department'
            prefix = [_whole(text, run[:i], initial)] if i else []
            prefix = [_as(p, "prefix") for p in prefix]
            title_text = text[run[i].start : run[i + len(title) - 1].end]
            if not rest:
                return prefix + [_as(_whole(text, run[i:], False), "title", title_text)]
            person = _whole(text, rest, False)
            return prefix + [_as(person, "person", title_text)]
    piece = _whole(text, run, initial)
    title = _title_before(text, piece.start) or _title_apposed(text[: piece.start])
    if title:
        return [_as(piece, "person", title)]
    if _APPOSITION_RE.match(piece.after):
        appos = _APPOSITION_RE.match(piece.after)["title"]
        if any(appos.endswith(t) for t in TITLE_PHRASES if t not in ("head", "chief", "leader")):
            return [_as(piece, "person", appos)]
    return [piece]


def _title_before(text: str, start: int) -> str:
    """A lowercase title or relation just before a name: 'special envoy X', 'son-in-law X'."""
    words = text[:start].split()[-4:]
    for n in range(min(4, len(words)), 0, -1):
        phrase = " ".join(words[-n:]).lower()
        titled = phrase in TITLE_PHRASES or (n == 1 and phrase in RELATIONS)
        if titled and words[-n][0].islower():
            return phrase
    return ""


# "Avantis Air's chief executive, Clara Mendes," and "the prime minister, Henrique
# Ferreira,": a title, then a comma, then the person it names.
_TITLE_APPOSED = re.compile(
    r"(?:^|\s)(?:(?:[Tt]he\s+)?[a-z]+[’']s\s+|(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+"
    r"|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*[’']s\s+)"
    r"(?P<title>(?:[a-z][\w-]*\s+){0,3}?[a-z][\w.-]*),\s+$"
)


def _title_apposed(before: str) -> str:
    match = _TITLE_APPOSED.search(before)
    if not match:
        return ""
    title = match["title"]
    return title if title in TITLE_PHRASES or _CHIEF_OFFICER.match(title) else ""


_CHIEF_OFFICER = re.compile(r"^chief (?:[a-z]+ ){1,2}officer$")


def _whole(text: str, run: list[Token], initial: bool) -> Piece:
    return _piece(text, run[0].start, run[-1].end, "name", initial=initial)


def _piece(text: str, start: int, end: int, kind: str, initial: bool = False) -> Piece:
    raw = text[start:end]
    name = strip_possessive(raw)
    possessive = name != raw
    return Piece(
        name,
        start,
        start + len(name),
        kind,
        possessive=possessive,
        initial=initial,
        before=text[:start],
        after=text[start + len(raw) :],
    )


def _as(piece: Piece, kind: str, title: str = "") -> Piece:
    return Piece(
        piece.text,
        piece.start,
        piece.end,
        kind,
        title,
        piece.possessive,
        piece.initial,
        piece.before,
        piece.after,
    )
