"""What a capitalised name looks like it names, from its own shape and the words around it.

Plain predicates and patterns over text and name pieces: a person ('Budi Santoso'), an
organisation ('Statistics Norway', 'OPEC', 'Acme said'), a natural feature ('Lake Chad'),
an acronym a sentence defines ('the National Transportation Safety Board (NTSB)'). They
keep no state and look nothing up: whether a name is already known, or is a state or a
place in the gazetteer, is for the finder (entities.py) to ask first.
"""

from __future__ import annotations

import re

from site_builder.ingest.lexicon import (
    BUSINESS_NOUNS,
    BUSINESS_TITLES,
    FUNCTION_WORDS,
    INDEX_WORDS,
    MONTH_AND_DAY_NAMES,
    NOT_ORG_ACRONYMS,
    NOT_PERSON_WORDS,
    OCCASION_WORDS,
    ORG_AFTER,
    ORG_DESCRIPTORS,
    ORG_WORDS,
    PRODUCT_NOUNS,
    PRODUCT_VERBS,
    RELATIONS,
    REPORTING_FORMS,
    TIME_ZONES,
    TITLE_PHRASES,
    VENUE_WORDS,
    VERB_FORMS,
)
from site_builder.ingest.names import Piece

# Letters of any script: 'Atlético', 'Łukasz', 'Müller'.
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-Þ][^\W\d_]+(?:[’'-][^\W\d_]+)*|[A-Z]\.|Mc[A-Z][a-z]+)$")
NAME_RUN = re.compile(r"^[A-ZÀ-Þ][^\W\d_’'-]*(?:[ -][A-ZÀ-Þ][^\W\d_’'-]*)*$")
_ACRONYM = re.compile(r"^[A-Z]{2,6}s?$")
# 'Mount Lewotobi Laki-laki', 'Lake Chad': natural features the gazetteer of towns lacks.
FEATURE = re.compile(
    r"^(?:(?P<word>Mount|Mt\.?|Lake|River|Cape|Volcano|Gulf of|Strait of|Sea of|Bay of) [A-Z]"
    r"|[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)* (?P<suffix>Canyon|Valley|Sea|Ocean|River|Lake|Bay|"
    r"Strait|Peninsula|Desert|Delta|Mountains|Hills|Gorge|Basin|Plateau|Glacier)$)"
)
FEATURE_KINDS = {"Mount": "mountain", "Mt": "mountain", "Mt.": "mountain", "Lake": "lake"}
_VERBISH = re.compile(r"^\s+(?:has|have|had|is|was|were|will|would|said|says|also\s+\w+)\b")
_WHEN_WORDS = {"today", "yesterday", "also", "now", "recently", "then", "later", "again"}
_CHANNEL = re.compile(r"\b(?:on|via)\s*$")


_CONNECTORS = {"of", "for", "and", "the", "on", "in", "de", "del", "la", "&"}


def defined_acronyms(text: str):
    """(full name, acronym) for each 'Full Name (ACR)' in text: the capitalised words
    (with 'of', 'for', 'and' … between them) right before an all-capitals parenthesis."""
    for match in re.finditer(r"\(([A-Z][A-Z&]{1,7})\)", text):
        words = text[: match.start()].split()
        name: list[str] = []
        while words and (words[-1][:1].isupper() or words[-1] in _CONNECTORS):
            word = words.pop()
            if word.endswith(("’s", "'s", ",")) or word.isupper() and len(word) > 1:
                break  # 'Germany’s Federal Office …', 'BOGOTA (Reuters) —'
            name.insert(0, word)
        if not words and len(name) > 2 and name[1] in _CONNECTORS:
            rest = name[1:]  # 'Fighters of the United Pacific Front (FUP)' opening a sentence
            while rest and rest[0].lower() in _CONNECTORS:
                rest.pop(0)
            name = rest if sum(w[:1].isupper() for w in rest) >= 2 else name
        while name and name[0].lower() in _CONNECTORS:
            name.pop(0)  # 'the', and 'The' opening a sentence
        if sum(w[:1].isupper() for w in name) >= 2:
            yield " ".join(name), match[1]


def title_role(title: str) -> str:
    """The role a title gives a person ('Governor'); none for a relation ('son-in-law')."""
    title = _ROLE_OPENING.sub("", title)
    if not title or title.lower() in RELATIONS or title.lower().rstrip(".") in _COURTESY:
        return ""  # 'Mr. Smith' has no role
    return title[:1].upper() + title[1:]


_COURTESY = {"mr", "mrs", "ms", "miss", "mx"}
# 'until now the director', 'currently a senior adviser': the title without its lead-in
_ROLE_OPENING = re.compile(
    r"^(?:(?:until now|until recently|now|then|currently|formerly|also|once|still)\s+)?"
    r"(?:(?:the|a|an)\s+)?"
)


def initials(name: str) -> str:
    """'EU' of 'European Union'."""
    return "".join(w[0] for w in name.split() if w[0].isupper())


def business_title(title: str) -> bool:
    """A title held in a business ('Vice Chairman', 'chief executive')."""
    return any(word in BUSINESS_TITLES for word in title.lower().split())


def looks_like_org(text: str) -> bool:
    words = text.split()
    if any(w.rstrip(".,") in ORG_WORDS for w in words):
        return True
    return len(words) == 1 and bool(_ACRONYM.match(text)) and text not in NOT_ORG_ACRONYMS


def looks_like_person(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 4:
        return False
    if any(
        w in MONTH_AND_DAY_NAMES
        or w in NOT_PERSON_WORDS
        or w in NOT_ORG_ACRONYMS  # 'Ridgeline SUVs'
        or w.lower() in FUNCTION_WORDS
        for w in words
    ):
        return False
    return all(_NAME_TOKEN.match(w) or w in ("de", "van", "von", "bin", "al") for w in words)


def acts_like_org(piece: Piece, proper: bool = False) -> bool:
    """A lone unknown name that acts ('Acme said', 'Nvidia has') is an organisation; at
    the start of a sentence only if it is known to be a name (proper: written with its
    capital inside a sentence elsewhere in the article: 'Acme today unveiled …')."""
    if piece.kind != "name" or _CHANNEL.search(piece.before):
        return False
    if piece.text in MONTH_AND_DAY_NAMES or len(piece.text) < 2:
        return False
    if _ACRONYM.match(piece.text):  # 'OPEC agreed …', even at the start of a sentence
        return piece.text not in NOT_ORG_ACRONYMS  # but not the IT of 'its IT staff'
    if piece.initial and not proper:
        return False
    if introduced_as_org(piece):
        return True  # 'chip designer X', 'Analysts at X', 'the X union'  (issue 3)
    following = piece.after.split()
    if following and following[0] in _WHEN_WORDS:
        following = following[1:]  # 'Acme today unveiled'
    verb = following[0].strip(",.") if following else ""
    return bool(_VERBISH.match(piece.after)) or verb in VERB_FORMS or verb in REPORTING_FORMS


# 'a gang calling itself X', 'a group known as X'
_CALLED_BEFORE = re.compile(
    rf"\b(?:{ORG_DESCRIPTORS}|gang|militia|faction|movement|network|organi[sz]ation|owner|"
    r"parent|contractor|buyer|bidder)s?,?\s+(?:(?:calling itself|called|named|known as)\s+)?$"
)
# 'X, one of Germany's largest hospital operators,', 'X, a Singapore-based company'
_ORG_APPOSITION = re.compile(
    r"^,\s+(?:one of\s+(?:the\s+)?|(?:the|a|an)\s+)"
    r"(?:(?!(?:of|for|at|with|to|in|on|by|from|the)\s)[\w’'-]+\s+){0,5}?"
    rf"(?:{ORG_DESCRIPTORS}|owner|parent|contractor)s?(?=[,.;)]|\s+(?:that|which|with|in|based|"
    r"of|and|to|from|for|whose)\b)"
)


def introduced_as_org(piece: Piece) -> bool:
    """The words around a name say it is an organisation: 'chipmaker X', 'the X union',
    'a gang calling itself X', "the ship's owner, X,", 'X, one of the largest operators'."""
    return bool(
        BUSINESS_NOUNS.search(piece.before)
        or ORG_AFTER.match(piece.after)
        or _CALLED_BEFORE.search(piece.before)
        or _ORG_APPOSITION.match(piece.after)
    )


def person_role(piece: Piece) -> str:
    """'Trump’s son-in-law Jared Kushner': a possessive person only describes another."""
    follows = piece.after.lstrip()
    if piece.possessive and follows.split(" ", 1)[0].lower() in RELATIONS | set(TITLE_PHRASES):
        return "descriptor"
    return "actor"


# ---------------------------------------------------------------- things, not actors
# 'fell 340 points', 'lost almost a thousand points', 'closed at 8,512.30'
_MARKET_VERB = (
    r"(?:fell|rose|dropped|lost|gained|added|shed|climbed|slipped|slid|jumped|surged|plunged|"
    r"tumbled|sank|soared|rallied|declined|advanced|retreated|was (?:up|down)|ended|closed|"
    r"finished|opened|losing|gaining|dropping|falling|rising|closing)"
)
_POINTS_AFTER = re.compile(
    rf"^\W*(?:[\w’'()-]+[,\s]+){{0,3}}?{_MARKET_VERB}\s+(?:[\w.,]+\s+){{0,3}}?points\b"
    rf"|^\s+(?:[\w’'-]+\s+){{0,2}}?(?:closed|ended|finished|opened|stood)\s+(?:\w+\s+)?"
    r"(?:at|down|up)\s+\d{1,3}(?:,\d{3})+(?:\.\d+)?\b"
)
# 'the FTSE 100', 'the CAC 40 fell', 'the Nikkei 225 stock average'
_INDEX_NUMBER_AFTER = re.compile(
    rf"^\s+(?!(?:19|20)\d\d\b)\d{{2,4}}(?:\s+(?:stock\s+|share\s+)?(?:index|average)\b"
    rf"|\s+{_MARKET_VERB}\b|\s*[,.;)]|\s+(?:was|is|has|had|and)\b)"
)
_INDEX_AFTER = re.compile(
    r"^\s+(?:\d{2,4}\s+)?(?:(?:stock|share|stock market|benchmark|composite|industrial)\s+)?"
    r"(?:index|indices|indexes|average)\b"
)
# 'The Nikkei dropped 9.62%', 'The Kalder, was up 3.1%', 'currently has a value of 900 points'
_THE_BEFORE = re.compile(r"(?:^|\s)[Tt]he\s+$")
_MOVE_AFTER = re.compile(
    rf"^,?\s+(?:\w+\s+){{0,2}}?{_MARKET_VERB}\s+(?:by\s+)?(?:almost\s+|nearly\s+|about\s+)?"
    r"\d+(?:\.\d+)?\s*(?:%|percent\b|per cent\b)"
    r"|^,?\s+(?:\w+\s+){1,6}?\d[\d,]*(?:\.\d+)?\s+points\b"
)
# 'iPhone Developer Program', 'iTunes Music Store': a product line's lowercase-first name
# before a name makes the name a product too
_BRAND_BEFORE = re.compile(r"(?:^|\s)[a-z]+[A-Z][a-z]+[’'\"“]?\s+[“\"]?$")
# 'the Nova was introduced in January', 'Nova Software 1.1.1'
_PRODUCT_AFTER = re.compile(
    r"^\s+(?:was|were|is|are|will be|has been|had been)\s+(?:first\s+)?(?:introduced|released|"
    r"launched|unveiled|shipped|discontinued|recalled)\b|^\s+(?:v\d+(?:\.\d+)*|\d+\.\d+\.\d+)\b"
)


def surely_product(piece: Piece) -> bool:
    """A product by the words right around it, whatever its name looks like."""
    return bool(_BRAND_BEFORE.search(piece.before) or _PRODUCT_AFTER.match(piece.after))


# 'the index, the Kalder 100', 'the Kalder industrial average (KIA)'
_INDEX_APPOSITION_BEFORE = re.compile(
    r"\b(?:index|indices|indexes|average)(?:,\s+(?:the\s+)?|\s+\()$"
)
# 'A330s', 'B737', 'MQ-9', 'Falcon-9': a model; not 'G7' or 'G-20', groups of states
_MODEL = re.compile(r"^(?:[A-Z]\d{3,4}|[A-Z]{2,3}-?\d{1,4}|[A-Z][a-z]+-\d{1,4})[a-z]{0,2}$")
_PRODUCT_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(PRODUCT_VERBS)) + r")\s+(?:(?:the|a|an|its|their|his|her)\s+)?"
    r"(?:(?:new|latest|next|first|upcoming|updated|redesigned)\s+)?$"
)
_VESSEL_BEFORE = re.compile(
    r"\b(?:ship|tanker|vessel|freighter|ferry|yacht|trawler|frigate|destroyer|submarine|"
    r"warship|boat|liner|barge|tug|icebreaker)\s+(?:the\s+)?$"
)
_NEW_BEFORE = re.compile(r"\b(?:the|a|its|their)\s+(?:new|latest|next-generation)\s+$")


def thing_kind(piece: Piece) -> str | None:
    """What a capitalised name that is no actor names, from its shape and the words around
    it: a market 'index' ('the Dow Jones Industrial Average fell 300 points'), a 'product'
    ('unveiled the MacBook Air', 'its A330s'), a 'vessel' ('the tanker X'), an 'occasion'
    ('the Developers Conference'), a 'venue' ('at the Moscone Center'), a 'zone' ('0800
    UTC'); or None."""
    text, words = piece.text, piece.text.split()
    last = words[-1]
    if text in TIME_ZONES:
        return "zone"
    if (
        (len(words) > 1 and last.lower() in INDEX_WORDS)
        or _INDEX_AFTER.match(piece.after)
        or _POINTS_AFTER.match(piece.after)
        or _INDEX_APPOSITION_BEFORE.search(piece.before)
        or (len(words) <= 2 and _INDEX_NUMBER_AFTER.match(piece.after))
        or (_THE_BEFORE.search(piece.before) and _MOVE_AFTER.match(piece.after))
    ):
        return "index"  # and 'The Nikkei dropped 9.6%', 'the Kalder has a value of 900 points'
    if any(_MODEL.match(w) for w in words) or (len(words) > 1 and last in NOT_ORG_ACRONYMS):
        return "product"  # 'its A330s', 'the Ridgeline SUVs'
    if surely_product(piece):
        return "product"  # 'the iTunes Music Store', 'the Nova was introduced', 'Nova 1.1'
    if _VESSEL_BEFORE.search(piece.before):
        return "vessel"  # 'the tanker Sea Star'
    org = looks_like_org(text)
    if (
        len(words) > 1
        and last in VENUE_WORDS
        and (last not in ORG_WORDS or _AT.search(piece.before))
    ):
        return "venue"
    if (
        len(words) > 1
        and last in OCCASION_WORDS
        and (last not in ORG_WORDS or _AT.search(piece.before))
    ):
        return "occasion"
    following = re.match(r"^\s+([a-z][\w-]*)", piece.after)
    if not org and following and following[1] in PRODUCT_NOUNS:
        return "product"  # 'the MacBook Air laptops'
    if not org and (_PRODUCT_BEFORE.search(piece.before) or _NEW_BEFORE.search(piece.before)):
        return "product"  # 'unveiled the MacBook Air', 'the new Model Q'
    return None


_AT = re.compile(
    r"\b(?:at|in|inside|outside|during|the annual|this year’s|this year's)\s+(?:the\s+)?$"
)


# 'Dermot Mannion, chief executive of Aer Lingus,': the organisation of an apposition
APPOSITION_OF = re.compile(
    r"^,\s+(?:the |a |an |its |his |her |their )?(?:[a-z][\w-]* ){0,3}?[a-z][\w.-]*"
    r" (?:of|at|for) (?:the )?(?P<name>[A-Z][\w&.’'-]*(?: (?:of |for |and |the |& )*"
    r"[A-Z][\w&.’'-]*)*)"
)
