"""Who said it, and whether a saying is news of its own: the reported-speech tests of
events.py's sentence reading ('“…,” Macron said', 'said on December 3 that …',
'told reporters at the mine', 'said the deal would create …')."""

from __future__ import annotations

import re

from site_builder.ingest.clauses import quoted_at
from site_builder.ingest.mentions import ACTOR, Mention
from site_builder.ingest.text import quote_spans
from site_builder.ingest.verbs import CHANNEL_RE, Trigger

_SAY = r"(?:said|says|added|continued|wrote|told|insisted|stressed|noted|warned|posted)"
_NAME = r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*|he|she|they"
_INVERTED_RE = re.compile(rf"[”\"],?\s+(?:(?P<who>{_NAME})\s+{_SAY}\b|{_SAY}\s+(?P<who2>{_NAME}))")
PRONOUNS = {"he", "she", "they"}


def dated_saying(text: str, reporting: Trigger, position: int, time_text: str) -> bool:
    """'said on December 3 that …' and 'released on December 5 said' date the saying;
    'saying it shot down … overnight' and '… in October, people said' do not."""
    if position < 0:
        return False
    if position < reporting.start:  # '… released on December 5 said', not '… and said'
        between = text[position + len(time_text) : reporting.start].split()
        return len(between) <= 1 and not set(between) & {"and", "but", "or", ","}
    between = text[reporting.start + len(reporting.word) : position]
    if re.search(r"\bthat\b|[“\"]", between):
        return False  # the date is inside what was said
    return len(between.split()) <= 3 or bool(CHANNEL_RE.match(between))


def told(text: str, reporting: Trigger, time_at: int) -> bool:
    """'“…,” the minister told reporters at the mine': a quotation told to an audience with
    no time of its own outside the quotes comments on the news rather than being news."""
    told = reporting.word in ("told", "tells") and bool(quote_spans(text))
    return told and (time_at < 0 or quoted_at(text, time_at))


def modal_report(text: str, reporting: Trigger) -> bool:
    """'X said the deal would create …': what is said is a claim or plan, not a happening."""
    after = text[reporting.start + len(reporting.word) :]
    return bool(
        re.match(
            r"^\s+(?:that\s+)?(?:[\w’'-]+\s+){1,4}?(?:would|could|will|may|might|"
            r"should|plans? to|intends? to|hopes? to|(?:is|are|was|were) (?:expected|due) to)\b",
            after,
        )
    )


def inverted_speaker(text: str, mentions: list[Mention], reading) -> None:
    """'“…,” Macron said' / '“…,” he said': a quotation's speaker, noted on the
    sentence's events.Reading."""
    match = _INVERTED_RE.search(text)
    if not match:
        return
    reading.reports = True
    group = "who" if match["who"] else "who2"
    if match[group].lower() in PRONOUNS:
        reading.speaker_is_pronoun = True
        return
    hit = [m for m in mentions if m.start == match.start(group) and m.key[0] == ACTOR]
    if hit:
        reading.speaker = hit[0].key


def note_speaker(text, clause, reporting, mentions, reading, entities) -> None:
    """Who says it: 'X said', or a pronoun standing for the last speaker."""
    if reading.speaker or reading.speaker_is_pronoun:
        return
    before = [
        m
        for m in mentions
        if m.end <= reporting.start and m.role == "actor" and not m.quoted and m.key[0] == ACTOR
    ]
    words_before = text[: reporting.start].split()
    if words_before and words_before[-1].lower() in PRONOUNS:
        reading.speaker_is_pronoun = True
    elif before:
        reading.speaker = before[-1].key
