"""One sentence → the happenings it reports (candidates), before context is applied.

A clause yields a candidate when it has an event word (lexicon verb or event noun with a
verb), is not negated, is not a standing position ('Ukraine maintains …'), and names an
actor, a place or a time of its own. Reported speech is the event it reports ('X said he
had a call' is a call) unless the saying has its own occasion ('said on Telegram', 'told
reporters'), in which case it is a statement. A saying dated on its own ('said on December
3') reports what the speaker did as that deed ('it had opened an investigation'), what
the speaker will do as an announcement ('it would cut 1,800 jobs'), and is a statement
otherwise (reported.said_happening).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from site_builder.ingest.clauses import Clause, blank_quotes, quoted_at, split_clauses
from site_builder.ingest.happenings import any_verb, describes, own_clause, subjectless
from site_builder.ingest.lexicon import NOUN_FORMS, REPORTING_FORMS
from site_builder.ingest.mentions import ACTOR, Entities, Mention
from site_builder.ingest.place_words import same_part
from site_builder.ingest.reported import said_happening
from site_builder.ingest.sayings import (
    dated_saying,
    inverted_speaker,
    modal_report,
    note_speaker,
    told,
)
from site_builder.ingest.sentences import Sentence, dateline_length
from site_builder.ingest.text import quote_spans
from site_builder.ingest.timex import NUMBERS, When, find_times
from site_builder.ingest.verbs import (
    Trigger,
    clause_tense,
    has_verb,
    main_trigger,
    negated,
    own_channel,
    stance,
    tense_at,
    triggers,
)

_SPAN_RE = re.compile(
    r"\b(?P<num>two|three|four|five|six|seven|eight|nine|ten|\d+)[- ](?P<unit>day|week)s?\b",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(r"\b(?:recent|recently|lately)\b", re.IGNORECASE)
_SPAN_END_RE = re.compile(r"\b(?:ended|concluded|wrapped up|closed|finished|wound up)\b")
# 'raged for a third day on Friday', 'for the fifth straight day': the day a span reached
_NTH_DAY_RE = re.compile(
    r"\bfor (?:a|the) (?P<nth>second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
    r"(?: straight| consecutive| successive)? day\b",
    re.IGNORECASE,
)
_ORDINALS = {
    w: n
    for n, w in enumerate(
        ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"],
        start=2,
    )
}


@dataclass
class Candidate:
    sentence: int
    paragraph: int
    clause: Clause
    kind: str
    trigger: Trigger
    when: When | None  # the clause's own time, if it has one
    time_text: str = ""
    actors: list[tuple[str, str]] = field(default_factory=list)
    locations: list[tuple[str, str]] = field(default_factory=list)
    speaker: tuple[str, str] | None = None
    occasion: bool = False  # a statement with its own occasion (channel or date)
    span_days: int = 0  # 'three days of talks … ended': the span's length
    reported: bool = False  # reported speech without an occasion of its own

    def trigger_end(self, sentence: str) -> int:
        """Offset in clause.text() just after the trigger word."""
        return _local(self.clause, self.trigger.start) + len(self.trigger.word)

    tense: str = "past"


@dataclass(frozen=True)
class Anchor:
    """'Following the talks in Florida': a reference to another happening."""

    marker: str
    text: str
    kind: str | None
    keys: tuple[tuple[str, str], ...]


@dataclass
class Reading:
    sentence: Sentence
    candidates: list[Candidate]
    anchors: list[Anchor]
    extra_actors: list[tuple[str, str]]  # named in the sentence outside any candidate
    speaker: tuple[str, str] | None  # who is reported as saying something
    speaker_is_pronoun: bool = False
    reports: bool = False  # the sentence reports speech without an occasion of its own
    skip: int = 0  # length of a dateline that opens the sentence
    main_text: str = ""  # the main clause, for what subordinate clauses are relative to
    continues: bool = False  # it goes on about the previous event ('That proposal …')
    refers: str = ""  # its main clause is about an event already drafted ('The ruling …')


def read_sentence(
    sentence: Sentence, entities: Entities, published: date, lede: bool = False
) -> Reading:
    """lede: the article's first sentence, which reports a happening even when its verb is
    not in the lexicon ('Firefighters battled a wildfire …')."""
    text = sentence.text
    skip = dateline_length(text, first=sentence.index == 0)
    mentions = [m for m in entities.mentions.get(sentence.index, []) if m.start >= skip]
    reading = Reading(sentence, [], [], [], None, skip=skip)
    inverted_speaker(text, mentions, reading)
    clauses = split_clauses(text)
    # 'Groups held a protest outside the court during the hearing': dated by what it names.
    # 'after a review on Wednesday': no happening named, but the time is the main clause's.
    anchored = any(
        c.role == "anchor" and (_anchor(text, c, []).kind or _has_time(text, c, published))
        for c in clauses
    )
    for clause in clauses:
        inside = [m for m in mentions if clause.contains(m.start, m.end)]
        if clause.role == "main":
            reading.main_text = clause.text(text)
        if clause.role == "anchor":
            reading.anchors.append(_anchor(text, clause, inside))
        elif clause.role != "relative" or _has_time(text, clause, published):
            # ', which went public on the Nasdaq in 2019,': an aside with a time of its own
            # is background news about what it describes
            if clause.role == "relative":
                inside = _antecedent(mentions, clause) + inside
            candidate = _candidate(
                sentence, clause, inside, published, reading, entities, lede, anchored
            )
            if candidate:
                reading.candidates.append(candidate)
            else:
                reading.extra_actors.extend(_actors(inside, entities))
    return reading


def _candidate(
    sentence, clause, mentions, published, reading, entities, lede=False, anchored=False
):
    text = sentence.text
    found = _clause_triggers(text, clause)
    trigger = main_trigger(found, text)
    if trigger is None and lede and clause.role == "main":
        trigger = any_verb(text, clause)
    elif trigger is None and own_clause(clause) and _has_time(text, clause, published):
        trigger = any_verb(text, clause)  # 'Quillon eliminated 600 positions in February'
    if subjectless(clause, clause.text(text), [c.clause.role for c in reading.candidates]):
        return None  # 'before asking X to …', '…, but began to tumble': the main clause's
    reporting = next((t for t in found if t.reporting), None)
    if reporting:
        note_speaker(text, clause, reporting, mentions, reading, entities)
    if trigger is None:
        return None
    body = clause.text(text)
    local = replace(trigger, start=_local(clause, trigger.start))
    if negated(body, local) or (stance(body, local) and not _has_time(text, clause, published)):
        return None
    if not trigger.verb and not (has_verb(body) or clause.marker in ("preceded", "followed")):
        return None
    if _anaphoric(body):
        reading.continues = True  # 'That original proposal …' is about the last event
        return None
    if (
        clause.role == "main"
        and _DEFINITE_RE.match(body)
        and not _has_time(text, clause, published)
    ):
        reading.refers = body  # 'The ruling is a blow to …', 'The decision was taken at …'
        return None
    if not lede and describes(body, trigger, _has_time(text, clause, published)):
        return None  # 'Quillon sells software …', 'A spokesman declined to comment.'
    when, time_text, time_at = _clause_time(text, clause, published, reading.skip)
    actors = _actors(mentions, entities, text)
    anchor = time_at if time_at >= 0 else trigger.start  # the part the event is dated in
    locations = [
        m.key
        for m in mentions
        if m.role == "location" and not m.quoted and same_part(text, anchor, m.start)
    ]
    occasion, said = False, None
    if reporting:
        dated = dated_saying(text, reporting, time_at, time_text)
        # '“…,” X told reporters': words on the story's news, unless dated or a channel
        occasion = dated or (own_channel(text, reporting) and not told(text, reporting, time_at))
        if quoted_at(text, time_at):  # '“Today Peru has shown …,” X said': the speaker's
            unquoted = blank_quotes(text)
            when, time_text, time_at = _clause_time(unquoted, clause, published, reading.skip)
        if occasion and not dated and time_at > reporting.start:
            when, time_text = None, ""  # 'told supporters he would start talks this week'
        modal = modal_report(text, reporting)
        said = said_happening(
            text, found, trigger, reporting, (dated, occasion, modal), (time_at, time_text)
        )
        if said:
            trigger = said[0]  # 'X said on Monday it had opened an investigation'
        elif modal and trigger.start > reporting.start:
            trigger = reporting  # 'said the merger would cut costs': words, not deeds
        elif _pluperfect(text, trigger) and trigger.start > reporting.start:
            trigger = reporting  # 'said the law had been passed …': background
        elif _definite(text, trigger) and trigger.start > reporting.start:
            trigger = reporting  # 'said it was studying the ruling': a known event
        if occasion and not said and trigger.kind not in ("report", "announcement"):
            trigger = reporting
        elif not occasion:
            reading.reports = True
    if not (actors or locations or when or (anchored and clause.role == "main")):
        return None
    return Candidate(
        sentence.index,
        sentence.paragraph,
        clause,
        said[1] if said else _kind(trigger, found, occasion),
        trigger,
        when,
        time_text,
        actors,
        _unique(locations),
        reading.speaker,
        occasion,
        _span_days(text, clause),
        reported=bool(reporting) and not occasion,
        tense=clause_tense(body),
    )


def _antecedent(mentions: list[Mention], clause: Clause) -> list[Mention]:
    """'President Rosa Villanueva, who is expected to sign …': the actor named just before."""
    before = [m for m in mentions if m.end <= clause.start and m.role == "actor"]
    return before[-1:] if before and clause.start - before[-1].end <= len(", whose ") else []


def _kind(trigger: Trigger, found: list[Trigger], occasion: bool) -> str:
    if occasion and trigger.kind not in ("report", "announcement"):
        return "statement"
    return trigger.kind


_DEFINITE_RE = re.compile(
    r"^\W*the (?:decision|ruling|verdict|deal|move|agreement|announcement|results?|vote|"
    r"merger|acquisition|takeover|attack|strikes?)\b(?! (?:of|to|by|on|in|at|for) )",
    re.IGNORECASE,
)


def _definite(text: str, trigger: Trigger) -> bool:
    return not trigger.verb and bool(re.search(r"\bthe\s+$", text[: trigger.start], re.I))


def _pluperfect(text: str, trigger: Trigger) -> bool:
    return bool(re.search(r"\bhad(?: not)?(?: been)?\s+$", text[: trigger.start]))


def _anaphoric(body: str) -> bool:
    match = re.match(
        r"^\W*(?:that|this|these|those|the same|such)\s+((?:[\w-]+\s+){0,3})", body, re.IGNORECASE
    )
    return bool(match) and any(w.lower() in NOUN_FORMS for w in match[1].split())


def _clause_triggers(text: str, clause: Clause) -> list[Trigger]:
    """Event words of the clause outside quotations: what is quoted is what was said
    ('"X damaged public trust," the judge said' is a statement, not a strike)."""
    quotes = [(a, b) for a, b in quote_spans(text) if b - a > 20]
    found = []
    for a, b in clause.spans:
        found.extend(replace(t, start=t.start + a) for t in triggers(text[a:b]))
    outside = [t for t in found if not any(qa <= t.start < qb for qa, qb in quotes)]
    return outside if outside else found


def _local(clause: Clause, position: int) -> int:
    """A sentence offset → the offset in clause.text()."""
    offset = 0
    for a, b in clause.spans:
        if a <= position <= b:
            return offset + position - a
        offset += b - a + 1
    return offset


def _clause_time(text: str, clause: Clause, published: date, skip: int = 0):
    """The clause's own time: (When, its words, its offset in the sentence), or Nones.

    Times in comparisons ('up from 52% at the last election in 2024') date something
    else, and a dateline ('OSLO, March 20 —') dates the report, not what it reports."""
    found = []
    for a, b in clause.spans:
        part = text[a:b]
        for expr in find_times(part, published, lambda pos, part=part: tense_at(part, pos)):
            outer, end = expr.phrase  # with its preposition: 'in February', 'on Monday'
            start = a + outer
            if expr.when is None or start < skip or _COMPARISON_RE.search(text[a:start]):
                continue
            found.append((expr.when, part[outer:end], start))
    if not found:
        return None, "", -1
    # 'its second heat wave of the summer last week': 'of' makes a time part of a noun
    found = [f for f in found if not f[1].lower().startswith("of ")] or found
    # 'postponed twice, most recently on June 9': 'recently' gives way to a day named
    days = [f for f in found if f[0].precision == "day" and not f[0].approximate]
    if _VAGUE_RE.search(found[0][1]) and days:
        return days[0]
    return found[0]


def _has_time(text: str, clause: Clause, published: date) -> bool:
    return _clause_time(text, clause, published)[0] is not None


_COMPARISON_RE = re.compile(
    r"\b(?:up from|down from|compared with|compared to|than|since|from a year|the last|"
    r"the previous|a year earlier)\b[^,;]*$",
    re.IGNORECASE,
)


def _actors(mentions: list[Mention], entities: Entities, text: str = "") -> list:
    """Who acts: named actors outside quotations, not the audience ('told state TV ERT')."""
    keys = [
        m.key
        for m in mentions
        if m.role == "actor"
        and not m.quoted
        and m.key[0] == ACTOR
        and not _AUDIENCE_RE.search(text[: m.start])
    ]
    return _unique(keys)


_AUDIENCE_RE = re.compile(r"\b(?:told|telling|tells)\s+(?:[a-z][\w-]*\s+){0,3}$")


def _unique(keys):
    return list(dict.fromkeys(keys))


def _span_days(text: str, clause: Clause) -> int:
    body = clause.text(text)
    nth = _NTH_DAY_RE.search(body)
    if nth:
        return _ORDINALS[nth["nth"].lower()]
    match = _SPAN_RE.search(body)
    if not match or not _SPAN_END_RE.search(body):
        return 0
    count = NUMBERS.get(match["num"].lower()) or int(match["num"])
    return count * (7 if match["unit"].lower() == "week" else 1)


def _anchor(text: str, clause: Clause, mentions: list[Mention]) -> Anchor:
    body = clause.text(text)
    kind = None
    for word in re.findall(r"[a-z-]+", body.lower()):
        if word in NOUN_FORMS and word not in REPORTING_FORMS:
            kind = NOUN_FORMS[word]
    keys = tuple(dict.fromkeys(m.key for m in mentions))
    return Anchor(clause.marker, body, kind, keys)
