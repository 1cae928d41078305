"""Headline grammar: a clause of news English as a short present-tense headline.

'The six soldiers had been seized during a patrol in the canyon in August' →
'Six soldiers are seized during a patrol'. Long because it is one pipeline of small
steps that share the clause being rewritten. The steps, each at a phrase boundary:

1. the reporting frame goes when what was said is a clause of its own ('X said on
   Wednesday that it had rejected the offer' → 'X rejects the offer'); a bare saying
   keeps its speaker ('X told reporters in Y' → 'X speaks to reporters');
2. the finite verb group is found (auxiliaries, or a past or -s form that lemminflect
   knows as a verb) and put in the present, agreeing with its subject: past and perfect
   become the simple present, passive stays passive ('are seized'), 'would' becomes
   'will';
3. time adjuncts go, then trailing clauses and prepositional phrases, rightmost first,
   until the headline has at most MAX_WORDS words; it never ends on a function word.

No part-of-speech tagger runs offline here, so the verb is the first word after a
subject that lemminflect's dictionary lists as a verb form (and not as a noun after a
determiner). A clause without a subject and a verb is no headline: `noun_headline`
builds one from the event's kind and actors ('Strike by Solera Air pilots').
"""

from __future__ import annotations

import re
from functools import lru_cache

import lemminflect

from site_builder.ingest.lexicon import words

MAX_WORDS = 12

FUNCTION_WORDS = words("""a an the of to and or but nor with that for on in as at by from
    into onto over
    under its their his her our my your this these those than then while after before
    because since until amid despite during about against between among through toward
    towards via per who whom whose which where when if so yet also not no very such
    said""")
DISCOURSE = words(
    "and but well so also meanwhile however still yet now then indeed instead moreover "
    "separately elsewhere earlier later again further furthermore plus or"
)
ARTICLES = words("the a an")
DETERMINERS = words(
    "the a an its their his her our my your this that these those some any no every "
    "another other such of to for with from in on at by"
)
PREPOSITIONS = words("""in on at to from by for with over under into onto across near
    during after before
    since through between among against about without outside inside around toward towards
    via amid despite following until throughout within beyond behind off per below above""")
SUBORDINATORS = words(
    "that which who whose whom where when while as because although though if unless whereas so"
)
PRONOUNS = {"he": False, "she": False, "it": False, "they": True, "we": True, "i": False}
SAYING = words("say tell add state write post tweet note claim report announce")
# Auxiliaries and modals: their tense, and what they become in the present.
PAST_BE = {"was": "is", "were": "are"}
PRESENT_BE = {"is", "are", "am"}
HAVE = {"has", "have", "had"}
MODALS = {"will", "would", "can", "could", "may", "might", "must", "shall", "should"}
DO = {"did", "does", "do"}
AUXILIARIES = {*PAST_BE, *PRESENT_BE, *HAVE, *MODALS, *DO, "been", "be", "being"}
ADVERBS = words(
    "not never also already still just now first again reportedly allegedly briefly "
    "formally officially jointly partially partly quickly finally recently later since"
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_UNIT = rf"(?:week|month|year|weekend|summer|winter|spring|autumn|{_DAYS}|{_MONTHS})"
_TIME_RE = re.compile(  # case-sensitive: 'May' the month, 'may' the verb
    rf"\s+(?:(?:on|late|early|late on|early on|by|as of|from|since|until|through|in|at|"
    rf"earlier|later)\s+)?"
    rf"(?:{_DAYS}(?:\s+(?:night|morning|evening|afternoon))?(?:,?\s+{_MONTHS}\s+\d{{1,2}})?|"
    rf"{_MONTHS}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|{_MONTHS}\s+\d{{4}}|(?:19|20)\d\d|"
    rf"(?:earlier |later )?(?:this|last|next)\s+{_UNIT}|yesterday|today|tonight|overnight|"
    rf"\d{{1,2}}:\d\d(?:\s*[ap]\.?m\.?)?(?:\s+local time)?)(?=[\s,.;]|$)"
    rf"|\s+(?:in|by|until|since|from|early|late)\s+{_MONTHS}(?=[\s,.;]|$)"
)


# ---------------------------------------------------------------------- lexicon
@lru_cache(maxsize=4096)
def verb_lemma(word: str) -> str | None:
    """The verb a word is a form of, if lemminflect knows it as one."""
    lemmas = lemminflect.getAllLemmas(word.lower(), upos="VERB").get("VERB")
    return lemmas[0] if lemmas else None


@lru_cache(maxsize=4096)
def _forms(lemma: str) -> dict[str, tuple[str, ...]]:
    return lemminflect.getAllInflections(lemma, upos="VERB")


def is_form(word: str, tags: tuple[str, ...]) -> bool:
    lemma = verb_lemma(word)
    if not lemma:
        return False
    forms = _forms(lemma)
    if "VBN" in tags:  # lemminflect lists a regular participle under VBD only
        tags = (*tags, "VBD")
    return any(word.lower() in forms.get(tag, ()) for tag in tags)


def present(lemma: str, plural: bool) -> str:
    if lemma == "be":
        return "are" if plural else "is"
    if lemma == "have":
        return "have" if plural else "has"
    forms = lemminflect.getInflection(lemma, tag="VBP" if plural else "VBZ")
    return forms[0] if forms else lemma


@lru_cache(maxsize=4096)
def is_plural_noun(word: str) -> bool:
    lower = word.lower().strip(",;:")
    if lower in PRONOUNS:
        return PRONOUNS[lower]
    if not lower.endswith("s") or lower.endswith(("ss", "us", "is")):
        return lower in ("people", "police", "staff", "crew", "children", "men", "women")
    nouns = lemminflect.getAllLemmas(lower, upos="NOUN").get("NOUN")
    if word[:1].isupper() and not nouns:
        return False  # a name: 'Reis', 'Texas'
    if not nouns and not verb_lemma(lower):  # 'automakers': not in the dictionary
        nouns = lemminflect.getAllLemmasOOV(lower, upos="NOUN").get("NOUN")
    return bool(nouns) and nouns[0] != lower


def plural_subject(subject: list[str], person: str | None = None) -> bool:
    words = [w.strip(",") for w in subject]
    if not words:
        return False
    while len(words) > 1 and (words[-1].lower() in ADVERBS or words[-1].endswith("ly")):
        words = words[:-1]  # 'Jobs briefly'
    if person and words[-1] == person.split()[-1]:
        return False  # 'Energy and Mines Minister Rosa Quispe', 'Jobs': one person
    lowered = [w.lower() for w in words]
    first_prep = next((k for k, w in enumerate(lowered) if w in PREPOSITIONS | {"of"}), len(words))
    if "and" in lowered[1:first_prep]:
        return True  # 'Italy and Croatia', not 'Centre for Volcanology and Geology'
    head = _head(words)
    k = words.index(head)
    if head[:1].isupper() and k and words[k - 1][:1].isupper():
        return False  # a name: 'Altavia Motors', 'United Airlines'
    if k == 0 and len(words) > 1 and head[1:].islower():  # 'Dockworkers at …': sentence case
        return is_plural_noun(head.lower())
    return is_plural_noun(head)


def _head(words: list[str]) -> str:
    """The head noun of a subject: the last word before 'of', 'from', 'in' ... ."""
    while len(words) > 1 and (words[-1].lower() in ADVERBS or words[-1].endswith("ly")):
        words = words[:-1]  # 'automakers usually'
    for i, w in enumerate(words):
        if i and w.lower() in PREPOSITIONS | {"of", "who", "which", "that"}:
            return words[i - 1]
        gerund = w.islower() and w.endswith("ing") and is_form(w, ("VBG",))
        if i and gerund and words[i - 1].isalpha() and words[i - 1].lower() not in PRONOUNS:
            return words[i - 1]  # 'An attacker using the credentials'
    return words[-1]


# ---------------------------------------------------------------------- verbs
def find_verb(words: list[str]) -> int | None:
    """Index of the first word of the finite verb group, or None."""
    for i, word in enumerate(words):
        lower = word.lower().strip(",;:")
        if i == 0 and lower not in PRONOUNS:
            continue
        previous = words[i - 1].lower().strip(",") if i else ""
        if previous in ("to",) or previous in PREPOSITIONS - {"since", "until"}:
            continue  # 'to meet', 'below ground': no finite verb after a preposition
        if lower in AUXILIARIES and lower not in DO | {"be", "being"}:
            return i
        if lower in DO and i + 1 < len(words) and words[i + 1].lower() in ("not", "n't"):
            return i
        if not word[:1].islower() or not word.isalpha() and "-" not in word:
            continue
        if previous in DETERMINERS or previous.endswith(("’s", "'s")):
            continue
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+\.\d+", previous):
            continue  # '100,000 won': a currency after a number
        if is_form(lower, ("VBD",)) or (
            is_form(lower, ("VBZ",)) and not is_plural_noun(lower) and previous not in ("and",)
        ):
            if _participle_modifier(words, i):
                continue
            return i
        before = words[i - 2].lower() if previous in ADVERBS or previous.endswith("ly") else ""
        if is_form(lower, ("VBP",)) and (is_plural_noun(previous) or is_plural_noun(before)):
            return i  # 'automakers usually award'
    return None


def _participle_modifier(words: list[str], i: int) -> bool:
    """'A lawsuit filed by customers': a past participle with 'by' after it and a finite
    verb later on describes the noun before it."""
    if not is_form(words[i].lower(), ("VBN",)) or i + 1 >= len(words):
        return False
    if words[i - 1].endswith(","):  # 'Talks, mediated by X, broke down'
        return any(w.endswith(",") for w in words[i:-1])
    if words[i + 1].lower() not in PREPOSITIONS or words[i + 1].lower() == "to":
        return False  # 'failed to revoke' is a verb and its object
    later = " ".join(words[i + 2 :]).split(",")[0].split()  # within the clause
    cut = next((k for k, w in enumerate(later) if w.lower() in SUBORDINATORS), len(later))
    later = later[:cut]  # 'said on X that Y is': the verb of another clause
    return any(
        w.lower() in AUXILIARIES
        or (w.islower() and is_form(w, ("VBD",)) and later[k - 1].lower() not in DETERMINERS)
        for k, w in enumerate(later)
        if k
    )


def verb_group(words: list[str], i: int) -> tuple[int, list[str]]:
    """The verb group starting at i ('had been seized', 'will meet'): its end, its words."""
    if words[i].lower() not in AUXILIARIES:
        return i + 1, [words[i]]
    j, group = i + 1, [words[i]]
    while j < len(words):
        lower = words[j].lower().strip(",")
        if lower in ADVERBS or lower in AUXILIARIES:
            group.append(words[j])
            j += 1
            continue
        if verb_lemma(lower) and is_form(lower, ("VBN", "VBG", "VB")):
            group.append(words[j])
            j += 1
        break
    return j, group


def to_present(group: list[str], plural: bool) -> list[str]:
    """A finite verb group in the present, agreeing with the subject."""
    lowered = [w.lower().strip(",") for w in group]
    adverbs = [w for w in group if w.lower() in ADVERBS]
    core = [w for w, lw in zip(group, lowered, strict=True) if lw not in ADVERBS]
    lw = [w.lower() for w in core]
    if not core:
        return group
    negative = [a for a in adverbs if a.lower() in ("not", "never")]
    rest_adverbs = [a for a in adverbs if a.lower() not in ("not", "never", "since")]
    be = "are" if plural else "is"
    head = lw[0]
    main = core[-1]
    if head in MODALS:
        modal = "will" if head == "would" else head
        return [modal, *negative, *rest_adverbs, *core[1:]]
    if head in DO:
        return [("do" if plural else "does"), *negative, *core[1:]]
    if head in HAVE:
        if len(core) >= 3 and lw[1] == "been":  # had been seized / has been spewing
            return [be, *negative, *rest_adverbs, *core[2:]]
        if len(core) >= 2 and lw[1] == "been":
            return [be, *negative, *rest_adverbs]
        if len(core) >= 2:  # had rejected → rejects
            lemma = verb_lemma(lw[1]) or lw[1]
            if negative:
                return [("do" if plural else "does"), *negative, lemma]
            return [*rest_adverbs, present(lemma, plural)]
        return [present("have", plural), *negative]
    if head in PAST_BE or head in PRESENT_BE:
        return [be, *negative, *rest_adverbs, *core[1:]]
    if head == "been":
        return [be, *negative, *rest_adverbs, *core[1:]]
    lemma = verb_lemma(main.lower()) or main.lower()
    if negative:
        return [("do" if plural else "does"), *negative, lemma]
    return [*rest_adverbs, present(lemma, plural)]


# ---------------------------------------------------------------------- headline
_FRAME_RE = re.compile(
    r"^(?P<who>.{2,90}?)\s+(?:said|says|announced|confirmed|added|told (?:\w+ ){0,2}?\w+|"
    r"wrote|posted|warned)(?P<where>(?:\s+(?:on|in|at|late|early|last|this|earlier|during|"
    r"via)\s+(?:\S+\s+){0,2}?\S+)*)(?:,)?\s+that\s+(?P<what>.+)$"
)
_BARE_FRAME_RE = re.compile(
    r"^(?P<who>.{2,90}?)\s+(?:said|says|announced|confirmed|added|told (?:\w+ ){0,2}?\w+|"
    r"wrote|posted|warned)(?P<where>(?:\s+(?:on|in|at|late|early|last|this|earlier|during|"
    r"via)\s+(?:\w+\s+){0,3}?\w+)?)\s+(?=[A-Z]|(?:it|they|he|she|the|a)\b)(?P<what>.+)$"
)
_TRAILING_FRAME_RE = re.compile(
    r",\s+(?:[A-Z][^,]{0,60}?|the \w+(?: \w+)?|[a-z][a-z ]{0,40}?|(?:he|she|they|it))\s+"
    r"(?:said|says|added|told [^,]+|according to [^,]+)(?:\s+[^,]{0,40})?$"
)
FINAL = "\x00"  # marks a headline already made from a reported clause
_TOLD_RE = re.compile(r"^(?P<who>.+?)\s+told\s+(?P<whom>.+)$")
_SAID_RE = re.compile(r"^(?P<who>.+?)\s+(?:said|says|wrote|posted|added)\s*(?P<rest>.*)$")


def headline(
    text: str, subject: str | None = None, max_words: int = MAX_WORDS, owner: str | None = None
) -> str:
    """A clause as a present-tense headline of at most MAX_WORDS words ('' when the
    clause has no subject and finite verb)."""
    text = _clean(text)
    text = _drop_frame(text, subject)
    if text.startswith(FINAL):
        text = text[len(FINAL) :]
        return text[:1].upper() + text[1:]
    words = text.split()
    while words and words[0].lower().strip(",") in DISCOURSE:
        words = words[1:]
    while words and words[0].lower() in ARTICLES and len(words) > 2:
        words = words[1:]
    if not words or words[0].lower() in ("said", "says"):
        return ""  # 'Said X, a retiree': an inverted attribution
    if subject and words[0].lower() in PRONOUNS and words[0].lower() != "they":
        words = [*subject.split(), *words[1:]]
    elif owner and len(words) > 1 and words[0].lower() == "it" and not _auxiliary(words[1]):
        words = [*owner.split(), *words[1:]]  # 'It filed notices', not 'It is the second'
        subject = owner
    if words and words[0].lower() in POSSESSIVES and len(words) > 2:  # 'Their funerals …'
        person = subject and words[0].lower() in ("his", "her")
        words = [f"{subject}’s", *words[1:]] if person else words[1:]
    verb = find_verb(words)
    if verb is None or verb == 0 and words[0].lower() not in PRONOUNS:
        return ""
    subject_words = _short_subject(words[:verb])
    if not subject_words or not _opens_subject(subject_words):
        return ""  # 'In a post copied …', 'Born in …', 'Has recently …': no subject
    end, group = verb_group(words, verb)
    plural = plural_subject(subject_words, subject)
    new_group = to_present(group, plural)
    if _passive_by(group, words, end):  # 'A lawsuit filed by customers' → 'is filed by'
        new_group = ["are" if plural else "is", group[0]]
    budget = max_words - len(subject_words) - len(new_group)
    rest = _shorten(words[end:], verb_lemma(group[-1].lower()) or "", budget)
    title = [*subject_words, *new_group, *_drop_dangling(rest, verb_lemma(group[-1]) or "")]
    title = _trim(title)
    bare_saying = bool(title) and title[-1] in new_group and verb_lemma(title[-1]) in SAYING
    if len(title) > max_words + 2 or len(title) < 2 or title[-1].lower() in AUXILIARIES:
        return ""
    if bare_saying:  # 'X says' and nothing said: a noun headline is better
        return ""
    result = " ".join(title).strip(" ,;:.")
    result = re.sub(r"[.,;:]+(?=[”\"’]$)", "", result)  # 'will “remain flexible.”'
    return result[:1].upper() + result[1:]


POSSESSIVES = words("his her its their")
NUMBER_WORDS = words("hundred thousand million billion trillion")
_PRONOUN_HEADS = words("one ones few many those first last only")  # 'one that fared badly'
AMOUNT_WORDS = words("""one two three four five six seven eight nine ten eleven twelve fifteen
    twenty thirty forty fifty hundred half a quarter""")
AMOUNT_UNITS = words("percent per points point cents pence basis %")
# Words a headline cannot end on after its verb: they need what was cut after them.
DANGLING = words("""shortly soon just due according along including starting beginning
    following relating seeking saying adding using ending leaving causing forcing as well
    even only nearly almost about around some more less than such both either""")
# Nouns that need their 'of …' ('by the end', 'the cancellation of thousands')
NEEDS_OF = words("""end start beginning middle rest part number thousands hundreds millions
    dozens one some most lot half majority series range""")


def _auxiliary(word: str) -> bool:
    return word.lower() in AUXILIARIES


def _opens_subject(subject: list[str]) -> bool:
    """A subject starts with a noun phrase, not a preposition, an auxiliary or a participle
    ('Born in San Francisco', 'Filed, …', 'Has recently …', 'Particularly those …')."""
    first = subject[0].lower().strip(",")
    if first in PREPOSITIONS or first in AUXILIARIES or first in ("along", "particularly"):
        return False
    after = subject[1] if len(subject) > 1 else ""
    named = after[:1].isupper() and not after.startswith(("“", '"'))
    participle = subject[0][:1].isupper() and is_form(first, ("VBN",)) and not named
    return not (participle and not is_plural_noun(first) and not _noun(first))


def _noun(word: str) -> bool:
    return bool(lemminflect.getAllLemmas(word, upos="NOUN").get("NOUN"))


def participle(word: str) -> bool:
    """A past participle proper: 'hosted', 'led', 'shown', but not 'fell' or 'showed'."""
    lemma = verb_lemma(word.lower())
    if not lemma:
        return False
    forms = _forms(lemma)
    return word.lower() in forms.get("VBN", forms.get("VBD", ()))


def _passive_by(group: list[str], words: list[str], end: int) -> bool:
    """A bare past participle with 'by' and an agent after it ('talks hosted by Cuba') is
    passive; 'rose by 3%' and 'responded by offering' are not."""
    if len(group) != 1 or end + 1 >= len(words) or words[end].lower() != "by":
        return False
    after = [w.lower().strip(",;:.") for w in words[end + 1 : end + 4]]
    if after[0] in ("about", "nearly", "almost", "around", "some", "more", "up", "less"):
        after = after[1:]
    if not after or after[0].endswith("ing"):
        return False  # 'responded by offering'
    number = after[0][:1].isdigit() or after[0] in AMOUNT_WORDS or after[0][:1] in "$€£"
    unit = after[0].endswith("%") or len(after) < 2 or after[1] in AMOUNT_UNITS
    return participle(group[0]) and not (number and unit)  # 'rose by 3%', 'by four points'


def _drop_dangling(rest: list[str], lemma: str = "") -> list[str]:
    """The words after the verb without what needs a cut complement: 'a funding round
    led', 'crashed shortly', 'by the end', 'a strike that forced …'."""
    rest = list(rest)
    for k, word in enumerate(rest):
        lower = word.lower()
        relative = k >= 2 and lower in ("that", "which", "who") and k + 1 < len(rest)
        relative = relative and rest[k - 1].lower() not in _PRONOUN_HEADS
        if relative and find_verb(["X", rest[k + 1]]) == 1:
            rest = rest[:k]  # a relative clause only describes
            break
        gerund = k >= 2 and lower in ("before", "after", "while") and k + 1 < len(rest)
        if gerund and rest[k + 1].endswith("ing") and is_form(rest[k + 1], ("VBG",)):
            rest = rest[:k]  # 'to meet party leaders before asking X to …': how, not what
            break
        contact = k >= 2 and lower in PRONOUNS and k + 1 < len(rest)
        if contact and rest[k + 1].lower() in AUXILIARIES:
            rest = rest[:k]  # 'the 30 people it is still believed to hold'
            break
    clause = lemma in SAYING or any(w.lower() == "that" for w in rest)
    while rest:
        last = rest[-1].lower().strip(",;:.")
        previous = rest[-2].lower() if len(rest) > 1 else ""
        if last in DANGLING or last in FUNCTION_WORDS or last in PREPOSITIONS:
            rest.pop()
        elif previous in PREPOSITIONS and last.endswith("ing") and is_form(last, ("VBG",)):
            rest = rest[:-2]  # 'shortly after lifting'
        elif last in NEEDS_OF and previous in DETERMINERS | {"of"}:
            cut = next(
                (
                    i
                    for i in range(len(rest) - 2, -1, -1)
                    if rest[i].lower() in PREPOSITIONS | {"of"}
                ),
                0,
            )
            rest = rest[:cut]
        elif (
            len(rest) > 1
            and not clause  # 'says satellite images showed': the verb of what was said
            and rest[-1].islower()
            and participle(last)
            and rest[-2].isalpha()
            and rest[-2].islower()  # 'the White House signaled': a subject and its verb
            and previous not in NUMBER_WORDS
            and previous not in AUXILIARIES
            and not is_form(previous, ("VBN",))
            and not _noun(last)
        ):
            rest.pop()  # 'a funding round led'
        else:
            break
    return rest


def _clean(text: str) -> str:
    text = re.sub(r"<[^>]*>", " ", text)  # markup read as words
    text = re.sub(r"\s[—–][^—–]*[—–](?=\s)", "", text)  # dash parentheticals
    text = re.sub(r"\s*\([^)]*\)", "", text)
    text = _TRAILING_FRAME_RE.sub("", text.strip())
    text = _TIME_RE.sub("", " " + text)  # the date is the record's, not the headline's
    return " ".join(text.split()).strip(" ,;:.")


def _drop_frame(text: str, subject: str | None) -> str:
    """'X said on Wednesday that it had rejected …' → 'X had rejected …'; a saying with no
    clause after it keeps its speaker ('X told reporters in Y' → 'X spoke to reporters')."""
    frame = _FRAME_RE.match(text) or _BARE_FRAME_RE.match(text)
    if frame and not re.search(r"[“\"]", frame["who"]):
        what = frame["what"].strip()
        what_words = what.split()
        first_aux = what_words[0].lower() in AUXILIARIES
        if len(what_words) >= 3 and not first_aux and find_verb(what_words) not in (None, 0):
            who = re.sub(r"^(?:the|a|an)\s+", "", frame["who"], flags=re.IGNORECASE)
            if re.match(r"^(?:it|they|he|she)\b", what, re.IGNORECASE):
                return re.sub(r"^(?:it|they|he|she)\b", who, what, flags=re.IGNORECASE)
            if what[:1].isupper():  # a named subject: 'that Acme had agreed to …'
                return what
            said = headline(what)
            if said:  # 'X said the government would review permits': X says …
                first, *others = said.split()
                original = next((w for w in what_words if w.lower() == first.lower()), first)
                who_words = frame["who"].split()
                if len(who_words) + len(said.split()) < MAX_WORDS:
                    return FINAL + " ".join([*who_words, "says", original, *others])
                return FINAL + said
    told = _TOLD_RE.match(text)
    if told and not re.search(r"\bthat\b", told["whom"]):
        whom = re.sub(r"\s+(?:in|at|outside|on)\s+.*$", "", told["whom"])
        return f"{told['who']} spoke to {whom}"
    said = _SAID_RE.match(text)
    bare = said and (not said["rest"] or re.match(r"^(?:in|on|at|during)\b", said["rest"]))
    if bare and find_verb(["X", *said["rest"].split()]) is None:
        if "statement" in said["rest"]:
            return f"{said['who']} issued a statement"
        if said["rest"]:
            return f"{said['who']} spoke {said['rest']}"
    return text


def _short_subject(words: list[str]) -> list[str]:
    """'Three days of talks between X and Y in Miami' → without 'in Miami' when long;
    'Talks, mediated by X, broke down': the apposition goes."""
    text = re.sub(r",\s+[a-z\d][^,]*,(?=\s|$)", "", " ".join(words)).rstrip(",")
    words = text.split()
    while len(words) > MAX_WORDS // 2 + 2:
        cut = next(
            (i for i in range(len(words) - 1, 2, -1) if words[i].lower() in _SUBJECT_CUTS), None
        )
        if cut is None:
            break
        words = words[:cut]
    return words


_SUBJECT_CUTS = {"in", "at", "on", "from", "near", "outside", "inside"}


def _shorten(rest: list[str], lemma: str, budget: int) -> list[str]:
    """The words after the verb, trailing adjuncts dropped at phrase boundaries."""
    text = " ".join(rest)
    # a second clause after a comma or 'and' + verb: the first clause is the headline
    comma = re.search(r",\s", text)
    if comma and len(text[: comma.start()].split()) >= 1:
        text = text[: comma.start()]
    for coordinated in re.finditer(r"\s(?:and|but)\s+(\w+)", text):
        if find_verb(["X", coordinated[1]]) == 1:  # '… and would be completed'
            text = text[: coordinated.start()]
            break
    text = _TIME_RE.sub("", " " + text).strip()
    words = text.split()
    while len(words) > max(budget, 1):
        cut = _last_boundary(words, lemma)
        if cut is None or cut < 2 and len(words) <= budget + 2:
            break  # 'took part in a virtual meeting': keep a short complement
        words = words[:cut]
    return words


def _last_boundary(words: list[str], lemma: str) -> int | None:
    """Where the rightmost droppable phrase starts: a prepositional phrase, a relative or
    'that' clause; never the verb's own object ('said that …' keeps its clause)."""
    for i in range(len(words) - 1, -1, -1):
        word = words[i].lower()
        if _quoted(words, i):
            continue
        if word in PREPOSITIONS or word in SUBORDINATORS or word == "of" and i >= 3:
            if word == "that" and lemma in SAYING and i <= 1 or i == 0 and word == "to":
                continue
            if word == "to" and i + 1 < len(words) and verb_lemma(words[i + 1]) and i <= 2:
                continue  # 'agreed to buy': the infinitive is the object
            return i
    return None


def _quoted(words: list[str], i: int) -> bool:
    before = " ".join(words[:i])
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _trim(words: list[str]) -> list[str]:
    words = [w for w in words if w]
    words = _balance(words)
    while words and (
        words[-1].lower().strip(",;:.") in FUNCTION_WORDS
        or words[-1].lower().strip(",;:.") in PREPOSITIONS
        or _dangling_quote(words[-1])
    ):
        words.pop()
    return [w.rstrip(",;:") if i == len(words) - 1 else w for i, w in enumerate(words)]


def _balance(words: list[str]) -> list[str]:
    """Quotation marks in pairs: an opened quote that does not close is cut off."""
    text = " ".join(words)
    for opening, closing in (("“", "”"), ("‘", "’")):
        if text.count(opening) > text.count(closing):
            text = text[: text.rfind(opening)].rstrip()
    if text.count('"') % 2:
        text = text[: text.rfind('"')].rstrip()
    return text.split()


def _dangling_quote(word: str) -> bool:
    return word in ('"', "“", "”", "‘", "’", "'")


def noun_headline(kind: str, actors: list[str], places: list[str]) -> str:
    """'Strike by Solera Air', 'Accident in Durban': a headline of the event's kind."""
    label = (kind or "event").replace("-", " ").capitalize()
    if actors:
        who = " and ".join(actors[:2])
        return (
            f"{label} by {who}"
            if kind not in _PLACE_KINDS or not places
            else (f"{label} in {places[0]}")
        )
    if places:
        return f"{label} in {places[0]}"
    return label


_PLACE_KINDS = {"disaster", "accident", "evacuation", "rescue", "death", "closure", "protest"}
