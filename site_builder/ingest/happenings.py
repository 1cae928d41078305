"""An Event on the timeline, the plain tests of whether two reports are one happening,
and of whether a clause reports a happening at all (describes, any_verb).

Two reports are about the same happening when they are of the same time (same_time), of a
compatible kind (similar) and share actors or places (overlapping). The timeline merges
candidates with these, and drafts.py matches events already on record with them. Plain
data and functions: nothing here knows about the timeline or the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_builder.ingest.clauses import Clause
from site_builder.ingest.lexicon import NOUN_FORMS, words
from site_builder.ingest.timex import When
from site_builder.ingest.verbs import IRREGULAR_PAST, Trigger, clause_tense

SIMILAR_KINDS = ({"talks", "meeting", "visit"}, {"deal", "agreement"})


@dataclass
class Event:
    when: When
    kind: str
    actors: list[tuple[str, str]]
    locations: list[tuple[str, str]]
    sentences: list[int]
    title_source: tuple[int, Clause]
    speaker: tuple[str, str] | None = None
    statement: bool = False
    notes: list[str] = field(default_factory=list)


def overlapping(a, b, is_state) -> bool:
    """Two reports (kind, actors, places) of one time are about the same happening."""
    kind_a, actors_a, places_a = a[0], set(a[1]), set(a[2])
    kind_b, actors_b, places_b = b[0], set(b[1]), set(b[2])
    if places_a and places_b and not places_a & places_b:
        return False
    shared = actors_a & actors_b
    if any(not is_state(actor) for actor in shared):
        return True  # a person or an organisation in both
    if places_a & places_b:
        return bool(shared) or not (actors_a and actors_b)
    return not places_a and not places_b and bool(shared) and kind_a == kind_b


def same_time(a: When, b: When) -> bool:
    if a.precision != b.precision:
        return False
    if a.precision == "day":
        return a.start <= (b.end or b.start) and b.start <= (a.end or a.start)
    return a.start == b.start


def similar(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in SIMILAR_KINDS)


def union(a: list, b: list) -> list:
    return list(dict.fromkeys([*a, *b]))


# 'A spokesman declined to comment': that nothing was said is no news
_NO_COMMENT_RE = re.compile(
    r"\b(?:declined|declines|refused|refuses|would not|did not)\s+(?:immediately\s+)?"
    r"(?:to\s+)?(?:comment|say|elaborate|discuss|disclose|confirm|specify|give details|"
    r"answer|respond)\b",
    re.IGNORECASE,
)


# 'it remained shut on Tuesday', 'said it was aware of three crashes': a state that goes on
_STATE_RE = re.compile(
    r"\b(?:remain(?:s|ed)|stay(?:s|ed)|(?:is|are|was|were)\s+(?:not\s+)?(?:un)?aware)\b",
    re.IGNORECASE,
)
# 'The layoffs are the second round this year', 'It is the worst day since …': a ranking
_RANKING_RE = re.compile(
    r"\b(?:is|are)\s+(?:the|a|an|its|their)\s+(?:[\w-]+\s+){0,2}?(?:first|second|third|"
    r"fourth|fifth|latest|biggest|largest|worst|best|deepest|highest|lowest)\b",
    re.IGNORECASE,
)
# 'passengers may be entitled to compensation': what can be, not what was; 'Europe has been
# trying to …': an effort that goes on
_POSSIBLE_RE = re.compile(
    r"\b(?:(?:may|might|can|could)\s+(?:not\s+)?be|(?:has|have) been [a-z]+ing)\b",
    re.IGNORECASE,
)


def describes(body: str, trigger: Trigger, timed: bool) -> bool:
    """The clause describes how things are rather than reports a happening: 'Quillon sells
    software that …', 'The ship supplies fuel to vessels …' (the simple present with no
    time of its own, not speech), a state that goes on ('it remained shut on Tuesday'), a
    ranking ('the second round this year'), what may be or goes on, or that nothing was said
    ('declined to comment')."""
    if _NO_COMMENT_RE.search(body) or _STATE_RE.search(body) or _RANKING_RE.search(body):
        return True
    if timed or trigger.reporting:
        return False
    return _simple_present(body) or bool(_POSSIBLE_RE.search(body))


def _simple_present(body: str) -> bool:
    """A finite verb in the present ('is', 'are', 'Quillon sells') and none in the past;
    'strikes also hit …' (a past like its present) and a clause without a verb are not."""
    if clause_tense(body) != "present":
        return False
    tokens = re.findall(r"[A-Za-z][\w’'-]*", body)
    for before, word in zip(tokens, tokens[1:], strict=False):
        lowered = word.lower()
        if lowered in ("is", "are"):
            return True
        after_subject = before[0].isupper() or before.lower() in ("it", "he", "she")
        if (
            after_subject
            and word.islower()
            and lowered.endswith("s")
            and not lowered.endswith("ss")
            and lowered not in NOUN_FORMS
        ):
            return True
    return False


# 'It remained shut', 'revived memories': past forms that say how things were, not what happened
_STATIVE_PAST = words(
    "remained stayed seemed appeared looked revived needed wanted used owned based "
    "expected continued lasted numbered totalled totaled reached"
)


# 'The mine began commercial production in 2017', 'the tunnel gave way on Sunday'
_IRREGULAR = "began|gave|took|went|came|broke|grew|won|lost|left|built|brought|became|ran|spent"
_IRREGULAR_WORDS = frozenset(_IRREGULAR.split("|"))


def own_clause(clause: Clause) -> bool:
    """A clause that says something happened by itself: the main one, one joined by
    ', and' with its own subject, or a relative aside (', which went public in 2019,')."""
    return clause.role in ("main", "relative") or (clause.role == "sub" and clause.marker == "and")


def any_verb(text: str, clause: Clause) -> Trigger | None:
    """A past-tense verb outside the lexicon ('battled'): the happening is of a kind the
    reviewer names ('event')."""
    for a, b in clause.spans:
        match = next(
            (
                m
                for m in re.finditer(rf"(?<![\w-])(?:[a-z]{{3,}}ed|{_IRREGULAR})\b", text[a:b])
                if m.group() not in _STATIVE_PAST
            ),
            None,
        )
        if match:
            return Trigger(match.group(), a + match.start(), "event", True, False)
    return None


def subjectless(clause: Clause, body: str, roles: list[str]) -> bool:
    """A subordinate clause with no subject of its own goes with its main clause: 'before
    asking X to …', and — when the main clause reports a happening (roles: those of the
    sentence's candidates so far) — '…, but began to tumble and broke up' (one happening
    told by two verbs)."""
    if clause.role != "sub":
        return False
    if re.match(r"^\W*[a-z]+ing\b", body):
        return True
    first = re.match(r"^\W*([a-z]+)\b", body)
    if not ("main" in roles and clause.marker in ("but", "and") and first):
        return False
    return first[1] in IRREGULAR_PAST or first[1].endswith("ed") or first[1] in _IRREGULAR_WORDS
