"""What a saying reports: the happening behind 'X said on Monday it had opened …', split
from verbs.py (which finds a clause's trigger words and kind) to keep both short."""

from __future__ import annotations

import re

from site_builder.ingest.text import quote_spans
from site_builder.ingest.verbs import LIGHT_REACH, LIGHT_VERBS, Trigger, _reach, main_trigger

# 'said on Monday it had opened …', 'said last week that they would …': the speaker is the
# subject of what is said (its own deed); the auxiliary tells a deed done from one to come.
_OWN_SUBJECT_RE = re.compile(
    r"^\s*,?\s*(?:that\s+)?(?:it|they|he|she|we)\s+(?P<aux>had|has|have|would|will|was|were|"
    r"is|are)?\b(?:\s+(?P<next>\w+))?",
    re.IGNORECASE,
)
_TO_COME = {"would", "will"}
_TO_COME_RE = re.compile(r"\b(?:would|will)\b")


def said_happening(text, found, trigger, reporting, saying, time) -> tuple[Trigger, str] | None:
    """(trigger, kind) of the happening a saying reports, or None for a statement:
    '…, the company said on Thursday' after what it did; a deed of the speaker's own that a
    dated saying reports ('said on Monday it had opened an investigation'), and one to
    come, which the saying announces ('said on Tuesday it would cut 1,800 jobs'); an
    undated saying of something to come on a day of its own ('said the cabinet would
    meet on Monday'); a decision to come that a dated saying makes public is announced
    ('said on Tuesday that tourists would be able to extend their visas'). saying:
    (dated, occasion, modal) of the saying; time: (offset, words) of the clause's time."""
    (dated, occasion, modal), (time_at, time_text) = saying, time
    if trigger.start < reporting.start:
        light = any(
            t.word in LIGHT_VERBS and 0 < trigger.start - t.start < LIGHT_REACH for t in found
        )
        if dated and trigger.kind != "statement" and (trigger.verb or light):
            return trigger, trigger.kind
        return None
    happening = reported_happening(text, found, reporting)
    if happening is None:
        return None
    if dated:
        deed = own_deed(text, reporting, time_text)
        if deed:
            return (reporting, "announcement") if deed == "to come" else (happening, happening.kind)
        between = text[reporting.start : happening.start]
        if happening.kind == "decision" and _TO_COME_RE.search(between):
            return reporting, "announcement"
        return None
    if time_at > reporting.start and modal and not occasion:
        return happening, happening.kind
    return None


def reported_happening(text: str, found: list[Trigger], reporting: Trigger) -> Trigger | None:
    """What a saying reports: the first event word after the verb of saying that is no
    saying itself ('urged', 'would call'), not quoted (what is quoted is words) and not a
    known event ('it was studying the ruling')."""
    quotes = quote_spans(text)
    after = [
        t
        for t in found
        if t.start > reporting.start
        and not t.reporting
        and t.kind != "statement"
        and not any(a <= t.start < b for a, b in quotes)
    ]
    known = [t for t in after if known_event(text, t) and not _governed(text, t, after)]
    return main_trigger([t for t in after if t not in known], text)


def _governed(text: str, noun: Trigger, found: list[Trigger]) -> bool:
    """'extended their strike': a light verb's noun is no reference to a known event."""
    return any(
        t.word in LIGHT_VERBS and 0 < _reach(text, t.start, noun.start) < LIGHT_REACH for t in found
    )


def own_deed(text: str, reporting: Trigger, time_text: str = "") -> str:
    """'X said on Monday it had opened an investigation' → 'done'; 'X said on Tuesday it
    would cut 1,800 jobs', 'it was releasing $5 million' → 'to come' (X makes its plan
    public); '' when the subject of what is said is someone else ('said the court …')."""
    rest = text[reporting.start + len(reporting.word) :]
    stripped = rest.lstrip()
    if time_text and stripped.startswith(time_text):
        rest = stripped[len(time_text) :]
    match = _OWN_SUBJECT_RE.match(rest)
    if not match:
        return ""
    aux, following = (match["aux"] or "").lower(), (match["next"] or "").lower()
    progressive = aux in ("is", "are", "was", "were") and following.endswith("ing")
    return "to come" if aux in _TO_COME or progressive else "done"


def known_event(text: str, trigger: Trigger) -> bool:
    """'the ruling', 'the court's decision': an event noun that points back to one known."""
    before = text[: trigger.start]
    return not trigger.verb and bool(_KNOWN_RE.search(before))


_KNOWN_RE = re.compile(r"(?:\b(?:the|its|their|his|her)|['’]s)\s+$", re.IGNORECASE)
