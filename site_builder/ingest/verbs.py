"""What a clause says happened: its trigger words and kind, tense, negation, speaker.

No part-of-speech tagger is available offline, so a word from the event lexicon counts
as a verb unless a determiner or adjective-like word shows it is a noun ('the talks').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from site_builder.ingest.kinds import EVENT_VERB_KINDS, LIGHT_KINDS, OBJECT_KINDS
from site_builder.ingest.lexicon import (
    DESCRIPTOR_WORD,
    IRREGULAR,
    MONTH_AND_DAY_NAMES,
    NOUN_FORMS,
    PHRASAL_KINDS,
    REPORTING_FORMS,
    STANCE_FORMS,
    TRANSITIVE_FORMS,
    VEHICLES,
    VERB_FORMS,
    inflections,
    words,
)

# Irregular past forms that differ from the base ('began', 'took'): verbs in any clause.
IRREGULAR_PAST = frozenset(
    form
    for lemma, forms in IRREGULAR.items()
    for form in forms.split()
    if form != lemma and not form.endswith(("s", "ing"))
)

DETERMINERS = words(
    "the a an its his her their our this that these those any no some "
    "new further fresh several two three first second recent latest"
)
AUXILIARIES = words(
    "is are was were be been being has have had will would shall should "
    "can could may might must did does do"
)
_FUTURE_RE = re.compile(
    r"\b(?:will|'ll|shall|(?:is|are) (?:set|due|scheduled|expected|poised|slated|going) to|"
    r"plans? to|prepares? to|(?:is|are) to|to be held|would next|"
    r"is preparing to|are preparing to|would(?! have)|"
    r"must(?! have)|(?:has|have) to|needs? to|(?:has|have) until)\b",
    re.IGNORECASE,
)
_DETERMINERS = words("the a an of its their his her our this that these those newly")
_PAST_WORDS = words("was were had did has have been said told ended began")
_NEGATION_RE = re.compile(r"\b(?:not|n't|never)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
CHANNEL_RE = re.compile(
    r"^\s*(?:on|in|via|during|at)\s+(?:a |an |his |her |their |its |the )?"
    r"(?:[A-Z][\w.]*|post|posts|statement|interview|video|speech|letter|tweet|message|address|"
    r"briefing|press conference|news conference|televised|social media|broadcast)",
)
_CHANNEL_VERBS = {"wrote", "posted", "tweeted", "told"}


@dataclass(frozen=True)
class Trigger:
    word: str
    start: int  # offset in the clause text
    kind: str
    verb: bool  # used as a verb (else a noun)
    reporting: bool


def triggers(text: str) -> list[Trigger]:
    found = []
    words = list(re.finditer(r"[A-Za-z][\w’'-]*", text))
    for i, match in enumerate(words):
        if i and match.group()[0].isupper() and not _opens_body(text, match):
            continue  # a capitalised word inside a clause is a name ('March', 'Hope')
        word = match.group().lower()
        previous = words[i - 1].group().lower() if i else ""
        noun_kind = NOUN_FORMS.get(word)
        verb = VERB_FORMS.get(word)
        is_noun = previous in DETERMINERS or (previous.endswith(("’s", "'s")) and i > 0)
        if verb and not noun_kind and previous in ARTICLES and _not_verb(word, verb[0], previous):
            continue  # 'a collapsed mine', 'its leak site': an adjective or a noun, no verb
        if verb and not noun_kind and previous in ("no", "any"):
            continue  # 'gave no sign of softening': a noun, no signing
        if (
            verb
            and verb[0] == "send"
            and _MESSAGES & {w.group().lower() for w in words[i + 1 : i + 5]}
        ):
            continue  # 'sent text messages ordering residents to leave': no deployment
        if word in REPORTING_FORMS and not noun_kind and previous in _BEFORE_NOUN:
            continue  # 'over claims of hearing loss', 'a note': a noun, no saying
        particle = words[i + 1].group().lower() if i + 1 < len(words) else ""
        if _modifier(text, words, i, word):
            continue  # 'investment firm', 'launch startup', 'a round of stoppages'
        phrasal = PHRASAL_FORMS.get((word, particle))
        if phrasal and not is_noun:  # 'walked out' though 'walk' alone is no event
            found.append(Trigger(word, match.start(), phrasal, True, False))
        elif word in TRANSITIVE_FORMS and particle in OBJECT_OPENERS and not is_noun:
            found.append(Trigger(word, match.start(), TRANSITIVE_FORMS[word], True, False))
        elif verb and not (is_noun and noun_kind) and not _noun_compound(words, i):
            found.append(Trigger(word, match.start(), verb[1], True, word in REPORTING_FORMS))
        elif noun_kind:
            found.append(Trigger(word, match.start(), noun_kind, False, False))
        elif word in REPORTING_FORMS:
            found.append(Trigger(word, match.start(), "statement", True, True))
        elif word in OBJECT_KINDS and _after_light_verb(found, match.start()):
            found.append(Trigger(word, match.start(), OBJECT_KINDS[word], False, False))
    return found


ARTICLES = words("the a an its his her their our")
_MESSAGES = words("message messages letter letters email emails notice notices alert alerts")
_BEFORE_NOUN = words("a an no any over amid despite about of")  # not "the": see _not_verb
POSSESSIVES = words("its his her their our")
OBJECT_OPENERS = ARTICLES | words("all both each every several some most many two three four")


def _not_verb(form: str, lemma: str, previous: str) -> bool:
    """After an article a participle is an adjective ('the damaged tanker'), and after a
    possessive any form is a noun ('its leak site'). A base form after 'the' is left a
    verb for now: read as a noun ('the state agency') it adds events whose actor is only
    'the company', which the entity finder does not resolve yet."""
    return previous in POSSESSIVES or (form != lemma and form.endswith(("ed", "en", "wn")))


def _opens_body(text: str, match: re.Match) -> bool:
    """'LIMA (Reuters) — Rescuers pulled …': the first word after a dateline's dash opens
    the sentence, so its capital is no name's."""
    before = text[: match.start()]
    return match.group() not in MONTH_AND_DAY_NAMES and bool(_DATELINE_RE.match(before))


_DATELINE_RE = re.compile(r"^[^—–\n]{2,60}[—–]\s*$")


def _modifier(text: str, words: list, i: int, word: str) -> bool:
    """An event noun that only qualifies the noun after it: a company described by its
    trade ('investment firm', 'launch startup'), or 'round' before 'of' (what the round is
    of names the event)."""
    if i + 1 >= len(words) or text[words[i].end() : words[i + 1].start()] != " ":
        return False
    following = words[i + 1].group()
    if word == "round":
        return following == "of"
    if word == "breach" and following == "of":  # 'a breach of the settlement', no hack
        return not re.match(
            r"(?:\s+\w+){0,2}?\s+(?:data|systems?|networks?|security)\b", text[words[i + 1].end() :]
        )
    if word == "primary":  # 'the primary UK index': an adjective before its noun
        return following.lower() not in _AFTER_PRIMARY
    return word in NOUN_FORMS and following.islower() and bool(DESCRIPTOR_WORD.match(following))


_AFTER_PRIMARY = words("in on of for to and or is was will would race election vote contest")
_AUDIENCE_RE = re.compile(r"\b(?:told|tells|tell|telling)\s+(?:(?:a|an|the|its)\s+)?(?:\w+\s+)?$")
_ALTERNATIVE_RE = re.compile(r"\b(?:rather than|instead of)\s+$", re.IGNORECASE)


def _collision(text: str, trigger: Trigger) -> bool:
    """'The container ship Cape Meridian struck the tanker': a vehicle that strikes or hits
    something collides with it."""
    if not trigger.verb or VERB_FORMS.get(trigger.word, ("",))[0] not in ("strike", "hit"):
        return False
    before = re.findall(r"[a-z][\w-]*", text[: trigger.start].lower())[-6:]
    return bool(set(before) & VEHICLES)


def _reach(text: str, start: int, end: int) -> int:
    """Characters from a light verb to its noun, leaving out asides in brackets ('raised 90
    million euros ($104 million) in a funding round')."""
    between = text[start:end] if text else ""
    return end - start - sum(len(m) for m in re.findall(r"\([^()]*\)", between))


def _after_light_verb(found: list[Trigger], position: int) -> bool:
    """'cut about 1,800 jobs': an object noun right after a light verb names the event."""
    last = found[-1] if found else None
    return bool(last) and last.word in LIGHT_VERBS and position - last.start < LIGHT_REACH


PHRASAL_FORMS = {
    (form, particle): kind
    for (lemma, particle), kind in PHRASAL_KINDS.items()
    for form in inflections(lemma)
}
NOUN_MODIFIERS = words(
    "peace air phone video trade rate budget drone missile election merger "
    "takeover border security summit bilateral ceasefire missile rocket "
    "artillery military ground naval"
)


def _noun_compound(words, i: int) -> bool:
    """'peace talks', 'air strikes', 'phone call': a noun used as a modifier before it."""
    previous = words[i - 1].group().lower() if i else ""
    return words[i].group().lower() in NOUN_FORMS and previous in NOUN_MODIFIERS


def has_verb(text: str) -> bool:
    """A finite verb of any kind: lexicon verbs, auxiliaries or a past tense in -ed."""
    for trigger in triggers(text):
        if trigger.verb:
            return True
    words = set(re.findall(r"[a-z’']+", text.lower()))
    if words & AUXILIARIES or words & IRREGULAR_PAST:  # 'The strike began on …'
        return True
    return bool(re.search(r"\b[a-z]{3,}ed\b", text))


def main_trigger(found: list[Trigger], text: str = "") -> Trigger | None:
    """What happened: the first event word that is not a verb of saying, else the saying.

    The first one, because news English puts the happening first and its circumstances
    after ('Russia continued its strikes … as temperatures continue to fall'); but a verb
    that acts on an event decides over the event noun before it ('The launch was
    postponed'). text: the clause's sentence, to measure a light verb's reach."""
    ordered = sorted(found, key=lambda t: t.start)
    for i, trigger in enumerate(ordered):
        channel = not trigger.verb and (
            trigger.kind == "statement" or bool(_AUDIENCE_RE.search(text[: trigger.start]))
        )  # 'said in a statement', 'told a news conference': the saying's occasion
        if trigger.reporting or (channel and any(t.reporting for t in ordered[:i])):
            continue  # 'said in an emailed statement': the saying, not its channel
        if _ALTERNATIVE_RE.search(text[: trigger.start]):
            continue  # 'Rather than recall the devices, …': what did not happen
        following = ordered[i + 1] if i + 1 < len(ordered) else None
        light = (
            trigger.word in LIGHT_VERBS
            and following
            and (following.word in NOUN_FORMS or following.word in OBJECT_KINDS)
            and following.kind not in _NOT_LIGHT
        )
        if light and _reach(text, trigger.start, following.start) < LIGHT_REACH:
            # 'held talks', 'extended their strike', 'staged a walkout'
            kind = LIGHT_KINDS.get((LIGHT_LEMMAS[trigger.word], following.kind))
            return replace(following, kind=kind) if kind else following
        acting = [t for t in ordered[i + 1 :] if t.verb and t.kind in EVENT_VERB_KINDS]
        if acting and not trigger.verb:
            return acting[0]
        if _collision(text, trigger):
            return replace(trigger, kind="accident")
        return replace(trigger, kind=by_doer(text, trigger))
    saying = [t for t in ordered if t.reporting]
    return saying[0] if saying else (ordered[0] if ordered else None)


PEOPLE = words(
    "people soldiers civilians hostages tourists journalists workers children villagers "
    "policemen officers passengers students women men crew sailors"
)
LAWS = words("law laws bill bills decree decrees legislation budget")
ILLNESSES = words("cancer illness disease infection leukemia tumour tumor addiction")
_TO_LEAVE_RE = re.compile(r"[^.;]{0,60}?\bto (?:leave|evacuate|flee)\b")
COURTS = words("court courts judge judges tribunal justices")
LEGISLATURES = words(
    "committee parliament senate congress assembly lawmakers legislators legislature "
    "deputies mps senators"
)


def by_doer(text: str, trigger: Trigger) -> str:
    """A kind that the doer or the one done to tells: people seized are kidnapped ('six
    soldiers had been seized', 'gunmen seized two aid workers'); a court that rejects a
    request rules on it; a legislature or its committee that approves a bill votes."""
    lemma = VERB_FORMS.get(trigger.word, ("",))[0] if trigger.verb else ""
    before = re.findall(r"[a-z][\w-]*", text[: trigger.start].lower())[-8:]
    rest = text[trigger.start + len(trigger.word) :]
    after = re.findall(r"[a-z][\w-]*", rest.lower())[:4]
    passive = bool(before) and before[-1] in ("was", "were", "been", "being")
    if lemma in ("seize", "capture") and set(before if passive else after) & PEOPLE:
        return "kidnapping"
    if lemma in ("order", "urge", "force", "ask", "warn") and _TO_LEAVE_RE.match(rest):
        return "evacuation"  # 'ordering residents of two towns to leave their homes'
    if lemma == "sign" and set(before[-3:] + after) & LAWS:
        return "decision"  # 'the finance law was signed', 'signed the bill into law'
    if lemma == "fire" and "tear" in after:
        return "protest"  # 'police fired tear gas at demonstrators'
    if lemma in ("fight", "battle") and set(after) & ILLNESSES:
        return "event"  # 'has been fighting cancer since 2004': no armed fighting
    if lemma in ("reject", "dismiss", "deny", "grant") and set(before) & COURTS:
        return "ruling"
    if lemma in ("approve", "adopt", "reject", "back") and set(before) & LEGISLATURES:
        return "vote"
    return trigger.kind


# Verbs that take their meaning from the event noun they govern (issue 3: 'extended their
# strike' is a strike, not a decision).
LIGHT_LEMMAS = {
    form: lemma
    for lemma in (
        "hold",
        "have",
        "take",
        "stage",
        "extend",
        "prolong",
        "begin",
        "continue",
        "end",
        "open",
        "launch",
        "raise",
        "award",
        "win",
        "file",
        "cut",
        "eliminate",  # 'eliminated about 600 positions'
        "conduct",
        "carry",
        "set",  # 'set up an investigation board' (alone, 'set' is no event word)
    )
    for form in inflections(lemma)
}
LIGHT_VERBS = frozenset(LIGHT_LEMMAS)
_NOT_LIGHT = {"deadline"}  # 'extended the deadline' is a decision
LIGHT_REACH = 40  # characters from the light verb to its noun: 'extended their two-week strike'


def tense_at(text: str, position: int) -> str:
    """The tense governing a word: the nearest tense marker before it (past|present|future)."""
    best, best_pos = None, -1
    future = [m.span() for m in _FUTURE_RE.finditer(text[:position])]
    if future:
        best, best_pos = "future", future[-1][1]
    previous, previous_end = "", -1
    for match in re.finditer(r"\b[a-z]+\b", text[:position]):
        tense = _word_tense(match.group())
        inside = any(a <= match.start() < b for a, b in future)  # 'is expected to'
        before = previous if text[previous_end : match.start()].isspace() else ""
        passive = before == "be"  # 'will be notified': the auxiliary's tense, not '-ed'
        adjective = before in _DETERMINERS  # 'the list of capped prices', 'the proposed law'
        if tense and not inside and not passive and not adjective and match.start() > best_pos:
            best, best_pos = tense, match.start()
        previous, previous_end = match.group(), match.end()
    if best:
        return best
    for match in re.finditer(r"\b[a-z]+\b", text[position:]):  # 'On Tuesday, X said'
        tense = _word_tense(match.group())
        if tense:
            return tense
    return clause_tense(text)


def clause_tense(text: str) -> str:
    if _FUTURE_RE.search(text):
        return "future"
    for word in re.findall(r"\b[a-z]+\b", text):
        if _word_tense(word) == "past":
            return "past"
    return "present"


def _word_tense(word: str) -> str | None:
    if word in _PAST_WORDS or (word.endswith("ed") and len(word) > 4):
        return "past"
    entry = VERB_FORMS.get(word)
    if entry and word != entry[0] and not word.endswith(("s", "ing")):
        return "past"  # irregular past forms: met, held, shot
    if word in ("is", "are") or (entry and word.endswith("s") and word != entry[0]):
        return "present"
    return None


def negated(text: str, trigger: Trigger) -> bool:
    if re.match(r"^\W*(?:no|none|nobody|neither)\b", text, re.IGNORECASE):
        return True
    return bool(_NEGATION_RE.search(text[: trigger.start]))


def stance(text: str, trigger: Trigger | None) -> bool:
    """'Ukraine maintains that …': a position held, not a happening."""
    words = re.findall(r"[a-z]+", text.lower())
    return (
        any(w in STANCE_FORMS and w.endswith("s") for w in words[:8])
        and clause_tense(text) == "present"
    )


def own_channel(text: str, trigger: Trigger) -> bool:
    """'said on Telegram', 'told reporters', 'wrote in a post': its own occasion."""
    if trigger.word in _CHANNEL_VERBS:
        return True
    after = text[trigger.start + len(trigger.word) :]
    return bool(CHANNEL_RE.match(after))
