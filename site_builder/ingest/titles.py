"""Headlines and plain Markdown bodies for drafted events."""

from __future__ import annotations

import re
from collections.abc import Sequence

from site_builder.ingest.clauses import Clause
from site_builder.ingest.headlines import headline, noun_headline
from site_builder.ingest.sentences import dateline_length
from site_builder.ingest.verbs import has_verb

__all__ = ["event_body", "event_title", "headline"]

_LEADING_RE = re.compile(
    r"^(?:(?:hours|minutes|days|weeks|shortly|just) (?:after|before)\s+|"
    r"(?:earlier|later|meanwhile|also),?\s+|(?:as|when|while|with|after|before|even as)\s+)",
    re.IGNORECASE,
)


def event_title(
    sentence: str,
    clause: Clause,
    subject: str | None,
    kind: str = "",
    actors: Sequence[str] = (),
    places: Sequence[str] = (),
) -> str:
    """The clause as a present-tense headline (headlines.py); when it has no subject and
    finite verb, a headline of the event's kind and actors ('Strike by X')."""
    text = clause.text(sentence)
    if clause.role == "relative":  # ', who is expected to sign it': who is named before
        who = _antecedent(sentence[: clause.start], actors)
        if not who:
            return noun_headline(kind, list(actors), list(places))
        text = f"{who} {text}"
    if clause.start == 0:
        text = text[dateline_length(text) :]  # a dateline such as OSLO, March 20 —
    text = _drop_leading_quote(text)
    text = _LEADING_RE.sub("", text.strip())
    opening = re.match(r"^([^,]{3,60}),\s+(?=\S)", text)
    if opening and len(opening[1].split()) <= 8 and not has_verb(opening[1]):
        text = text[opening.end() :]  # "In a separate statement on Tuesday, ..."
    # 'It filed notices with X': whom the event is about, not one named in the clause
    owner = next((a for a in actors if a not in text), None)
    return headline(text, subject, owner=owner) or noun_headline(kind, list(actors), list(places))


def _antecedent(before: str, actors: Sequence[str]) -> str:
    """What a relative clause describes: an actor named just before it ('President Rosa
    Villanueva, who …'), or a short noun phrase ('The company, which …')."""
    before = re.sub(r"[,\s]*(?:who|which|whose)?\s*$", "", before)
    for name in actors:
        if before.endswith(name):
            return name
    phrase = re.search(r"\b((?:the|a|an)\s+(?:[\w’'-]+\s+){0,2}[\w’'-]+)$", before, re.I)
    phrase = phrase or re.search(r"((?:[A-Z][\w’'-]+\s+){1,3}[A-Z][\w’'-]+)$", before)
    return phrase[1] if phrase else ""


def _drop_leading_quote(text: str) -> str:
    """'“…,” Macron said on X' → 'Macron said on X'."""
    match = re.match(r"^\s*[“\"].*?[”\"],?\s+(?=\S)", text)
    return text[match.end() :] if match and len(text) - match.end() > 10 else text


def event_body(quotes: list[str], date_note: str) -> str:
    """The cited sentences, quotations kept as written, then how the date was found."""
    text = " ".join(quotes)
    return f"{text}\n\n_Date: {date_note}._\n"
