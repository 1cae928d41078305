"""Readers and scorers for the public corpora that benchmarks/ingest_eval.py scores against.

Stdlib only, and nothing here imports site_builder: the readers turn MEANTIME (CAT XML) and
TempEval-3 (TimeML .tml) files into plain records, the scorers compare plain records. What
the ingest predicts is worked out by the adapters in ingest_eval.py.

Timex scoring (TempEval-3 measures, UzZaman et al. 2013). Spans are half-open intervals in
one unit per corpus: token indices for MEANTIME, character offsets for TempEval-3. Gold and
predicted expressions are paired one to one, gold in text order, each with the first unused
prediction of the same span, else the first unused overlapping one.
  strict:  a pair with exactly the same span; P = strict pairs / predicted, R = / gold
  relaxed: any pair (the spans overlap); P = pairs / predicted, R = pairs / gold
  value accuracy: pairs whose values agree / pairs
  value F1: P = pairs whose values agree / predicted, R = the same / gold
Values agree when equal after stripping and upper-casing (a prediction without a value
never agrees). With a type filter, gold expressions of other types are left out, and so
are predictions that overlap only such expressions (the ingest does not type its times).

Entity scoring (MEANTIME). A gold entity is an ENTITY of the scored types (actors: PER and
ORG, places: LOC) with at least one NAM mention in the annotated sentences. Names are
compared after case-folding, straight apostrophes, collapsed whitespace and no spaces
around hyphens (tokens do not say 'Wal-Mart' from 'Wal - Mart'); a predicted
name matches a mention when it equals the mention's text or its head, or when one of the
two contains the other at word boundaries ('Apple' ~ 'Apple Inc.', 'Dow Jones' ~ 'the Dow
Jones Industrial Average'). A gold entity is found when any name or alias of any predicted
entity of the set matches one of its NAM mentions (recall); a predicted entity is correct
when any of its names matches a NAM or PRE.NAM mention ('Apple' in 'Apple CEO') of any gold
entity of its set (precision).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ACTOR_TYPES = ("PER", "ORG")
PLACE_TYPES = ("LOC",)
CREATION_TIME = "CREATION_TIME"


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class Timex:
    start: int  # first unit (token index or character offset)
    end: int  # one past the last unit
    value: str | None
    type: str = ""
    text: str = ""


@dataclass
class GoldEntity:
    ent_type: str
    descriptor: str
    names: list[tuple[str, str]] = field(default_factory=list)  # (NAM text, head)
    premodifiers: list[tuple[str, str]] = field(default_factory=list)  # PRE.NAM


@dataclass
class MeantimeDoc:
    name: str
    topic: str
    published: date
    sentences: list[list[str]]  # the tokens of each sentence, sentence 0 the headline
    annotated: int  # sentences 0 .. annotated-1 are annotated
    entities: list[GoldEntity]
    timexes: list[Timex]  # in global token indices, the CREATION_TIME one excluded
    creation: Timex | None  # the CREATION_TIME mention when it is in the text


@dataclass
class TmlDoc:
    name: str
    published: date
    text: str  # the TEXT element's text, tags removed
    timexes: list[Timex]  # character offsets into text, the CREATION_TIME one excluded


# ---------------------------------------------------------------- MEANTIME

_NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", "...", "%", ")", "]", "}", "”", "’", "'", "/"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "£", "€", "#", "“", "‘", "/"}
_CLITIC = re.compile(r"^(?:'(?:s|re|ve|ll|d|m)|n't)$", re.IGNORECASE)
_PTB_QUOTES = {"``": "“", "''": "”", "`": "‘"}


def detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence as running text and each token's (start, end) in it.

    No space before closing punctuation, clitics ('s, n't) or '%', none after opening
    brackets, currency signs or opening quotes; PTB quotes (`` '') become curly ones and a
    straight double quote alternates between opening and closing."""
    text, spans, open_quote, glue = "", [], False, True
    for raw in tokens:
        token = _PTB_QUOTES.get(raw, raw)
        attach = token in _NO_SPACE_BEFORE or bool(_CLITIC.match(token))
        if token == '"':
            attach, open_quote = open_quote, not open_quote
        if text and not glue and not attach:
            text += " "
        spans.append((len(text), len(text) + len(token)))
        text += token
        glue = token in _NO_SPACE_AFTER or (token == '"' and open_quote)
    return text, spans


def read_meantime(path: Path) -> MeantimeDoc:
    """One CAT XML article: tokens by sentence, gold entities and timexes."""
    root = ET.parse(path).getroot()
    tokens = root.findall("token")
    index = {t.get("t_id"): i for i, t in enumerate(tokens)}
    sentence_of = [int(t.get("sentence")) for t in tokens]
    sentences: list[list[str]] = [[] for _ in range(max(sentence_of) + 1)]
    for token, number in zip(tokens, sentence_of, strict=True):
        sentences[number].append(token.text or "")
    markables = root.find("Markables")
    anchors = {m.get("m_id"): _anchors(m, index) for m in markables}
    used = [sentence_of[i] for ids in anchors.values() for i in ids]
    annotated = max(used) + 1 if used else 0
    timexes, creation = _meantime_timexes(markables, anchors, tokens)
    entities = _meantime_entities(root, markables, anchors, tokens, sentence_of, annotated)
    published = date.fromisoformat(creation.value[:10]) if creation else _dct(markables)
    return MeantimeDoc(
        path.stem,
        path.parent.name,
        published,
        sentences,
        annotated,
        entities,
        timexes,
        creation if creation and creation.end > creation.start else None,
    )


def _anchors(markable: ET.Element, index: dict[str, int]) -> list[int]:
    return sorted(index[a.get("t_id")] for a in markable.findall("token_anchor"))


def _dct(markables: ET.Element) -> date:
    for m in markables.iter("TIMEX3"):
        if m.get("functionInDocument") == CREATION_TIME:
            return date.fromisoformat(m.get("value")[:10])
    raise ValueError("no CREATION_TIME timex")


def _meantime_timexes(markables, anchors, tokens) -> tuple[list[Timex], Timex | None]:
    found, creation = [], None
    for m in markables.iter("TIMEX3"):
        ids = anchors[m.get("m_id")]
        words = " ".join(tokens[i].text or "" for i in ids)
        span = (ids[0], ids[-1] + 1) if ids else (0, 0)
        timex = Timex(*span, m.get("value"), m.get("type", ""), words)
        if m.get("functionInDocument") == CREATION_TIME:
            creation = timex
        elif ids:  # an empty TIMEX3 is an implicit time, not an expression in the text
            found.append(timex)
    return sorted(found, key=lambda t: t.start), creation


def _meantime_entities(root, markables, anchors, tokens, sentence_of, annotated):
    """ENTITY elements of every type with the NAM / PRE.NAM mentions that refer to them
    inside the annotated sentences; entities without such a NAM mention are dropped."""
    mentions = {m.get("m_id"): m for m in markables.iter("ENTITY_MENTION")}
    entities = {
        m.get("m_id"): GoldEntity(m.get("ent_type"), m.get("TAG_DESCRIPTOR", ""))
        for m in markables.iter("ENTITY")
    }
    for link in root.iter("REFERS_TO"):
        entity = entities.get(link.find("target").get("m_id"))
        for source in link.findall("source") if entity else ():
            mention, ids = mentions.get(source.get("m_id")), anchors.get(source.get("m_id"))
            if mention is None or not ids or sentence_of[ids[0]] >= annotated:
                continue
            words, _ = detokenise([tokens[i].text or "" for i in ids])
            kind = mention.get("syntactic_type")
            target = {"NAM": entity.names, "PRE.NAM": entity.premodifiers}.get(kind)
            if target is not None:
                target.append((words, mention.get("head") or ""))
    return [e for e in entities.values() if e.names]


# ---------------------------------------------------------------- TempEval-3


def read_tml(path: Path) -> TmlDoc:
    """One TimeML file: the TEXT with its inline TIMEX3 tags, and the DCT."""
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    if dct is None:
        raise ValueError(f"{path}: no <DCT><TIMEX3>")
    body = root.find("TEXT")
    parts: list[str] = []
    timexes: list[Timex] = []
    _walk(body, parts, timexes)
    text = "".join(parts)
    return TmlDoc(path.stem, date.fromisoformat(dct.get("value")[:10]), text, timexes)


def _walk(element: ET.Element, parts: list[str], timexes: list[Timex]) -> None:
    """Append element's text to parts, noting where each TIMEX3 starts and ends."""
    start = sum(map(len, parts))
    parts.append(element.text or "")
    for child in element:
        _walk(child, parts, timexes)
        parts.append(child.tail or "")
    if element.tag == "TIMEX3" and element.get("functionInDocument") != CREATION_TIME:
        end = start + len("".join(element.itertext()))
        text = "".join(element.itertext())
        timexes.append(Timex(start, end, element.get("value"), element.get("type", ""), text))


# ---------------------------------------------------------------- timex scoring


@dataclass
class TimexTally:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    values: int = 0  # relaxed pairs whose values agree

    def add(self, other: TimexTally) -> None:
        for name in ("gold", "predicted", "strict", "relaxed", "values"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def filter_types(gold: list[Timex], predicted: list[Timex], types: set[str] | None):
    """Keep gold timexes of the given types (all when None) and the predictions that do not
    overlap only gold timexes of other types."""
    if not types:
        return gold, predicted
    kept = [g for g in gold if g.type in types]
    others = [g for g in gold if g.type not in types]
    predicted = [
        p
        for p in predicted
        if any(_overlap(p, g) for g in kept) or not any(_overlap(p, g) for g in others)
    ]
    return kept, predicted


def pair_timexes(gold: list[Timex], predicted: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping gold and predicted timexes, exact spans first."""
    free = list(predicted)
    pairs = []
    for g in gold:
        same = [p for p in free if (p.start, p.end) == (g.start, g.end)]
        choice = same[0] if same else next((p for p in free if _overlap(p, g)), None)
        if choice is not None:
            free.remove(choice)
            pairs.append((g, choice))
    return pairs


def score_timexes(gold: list[Timex], predicted: list[Timex]) -> TimexTally:
    """The counts behind the TempEval-3 measures (module docstring) for one document."""
    pairs = pair_timexes(gold, predicted)
    return TimexTally(
        gold=len(gold),
        predicted=len(predicted),
        strict=sum((g.start, g.end) == (p.start, p.end) for g, p in pairs),
        relaxed=len(pairs),
        values=sum(same_value(g.value, p.value) for g, p in pairs),
    )


def same_value(gold: str | None, predicted: str | None) -> bool:
    """Equal values after stripping and upper-casing; a missing value never agrees."""
    if not gold or not predicted:
        return False
    return gold.strip().upper() == predicted.strip().upper()


def _overlap(a: Timex, b: Timex) -> bool:
    return a.start < b.end and b.start < a.end


# ---------------------------------------------------------------- entity scoring


@dataclass
class EntityTally:
    gold: int = 0
    found: int = 0  # gold entities matched by a prediction
    predicted: int = 0
    correct: int = 0  # predictions matching a gold entity

    def add(self, other: EntityTally) -> None:
        for name in ("gold", "found", "predicted", "correct"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def normal_name(text: str) -> str:
    """Case-folded, straight apostrophes, one space between words, none around hyphens
    ('Wal - Mart' as rebuilt from tokens ~ 'Wal-Mart')."""
    flat = " ".join(text.replace("’", "'").casefold().split())
    return re.sub(r" ?- ?", "-", flat)


def name_matches(predicted: str, mention: str, head: str = "") -> bool:
    """The matching rule in the module docstring: equal to the mention or its head, or one
    contains the other at word boundaries."""
    p, m, h = normal_name(predicted), normal_name(mention), normal_name(head)
    if not p or not m:
        return False
    if p in (m, h):
        return True
    short, long = (p, m) if len(p) <= len(m) else (m, p)
    return re.search(r"(?<!\w)" + re.escape(short) + r"(?!\w)", long) is not None


def score_entities(
    gold: list[GoldEntity], predicted: list[list[str]]
) -> tuple[EntityTally, list[GoldEntity], list[list[str]]]:
    """gold: the entities of one set; predicted: the names (name first, then aliases) of
    each predicted entity of that set. Returns the tally, the missed gold entities and the
    spurious predictions."""
    missed = [g for g in gold if not any(matches(names, g.names) for names in predicted)]
    spurious = [n for n in predicted if not any(matches(n, g.names + g.premodifiers) for g in gold)]
    tally = EntityTally(
        len(gold), len(gold) - len(missed), len(predicted), len(predicted) - len(spurious)
    )
    return tally, missed, spurious


def matches(names: list[str], mentions: list[tuple[str, str]]) -> bool:
    """Any of names matches any (text, head) mention."""
    return any(name_matches(n, text, head) for n in names for text, head in mentions)


def prf(correct_p: int, predicted: int, correct_r: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0 where undefined)."""
    p = correct_p / predicted if predicted else 0.0
    r = correct_r / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
