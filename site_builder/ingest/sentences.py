"""Article text → paragraphs → sentences; headings and link lines are not sentences.

Why not a library: the splitter must keep every sentence verbatim (quotes are checked
against the seed), never split inside a quotation (“… support. That is …,” he said), and
know news abbreviations (U.S., Dr., Gen.); a few rules here do that predictably.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.ingest.text import CLOSE_QUOTES, quote_spans, word_count

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "adm",
    "gov",
    "sen",
    "rep",
    "st",
    "jr",
    "sr",
    "inc",
    "corp",
    "co",
    "ltd",
    "plc",
    "no",
    "vs",
    "etc",
    "jan",
    "feb",
    "mar",
    "apr",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "approx",
    "est",
    "dept",
    "univ",
    "mt",
    "ft",
    "pres",
    "hon",
    "rev",
    "fig",
    "al",
}
# Words that start a new sentence after an ambiguous abbreviation such as "U.S."
SENTENCE_STARTERS = {
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "but",
    "and",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "in",
    "on",
    "at",
    "after",
    "before",
}
_END_RE = re.compile(r"[.!?…]+[" + CLOSE_QUOTES + r"\"')\]]*(?=\s+)")
_LINK_RE = re.compile(r"^(?:!?\[.*\]\(.*\)|https?://\S+|#+\s.*|[-*_]{3,})$")
# Page furniture that ends like a sentence but is not one: captions, credits, bylines.
_FURNITURE_RE = re.compile(
    r"^(?:image|photo|picture|video|caption|credit|file photo|read more|related|see also|"
    r"reporting by|editing by|additional reporting|writing by|by [A-Z]|advertisement|"
    r"sign up|subscribe|updated|published|share this)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    text: str  # verbatim from the article
    heading: bool = False  # a heading, link or caption line: never an event


_DATELINE_RE = re.compile(
    r"^[A-Z][A-Z.'’ -]*[A-Z](?P<country>,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)*)?"
    r"(?P<date>,?\s*[A-Z][a-z]{2,8}\.? \d{1,2})?(?P<agency>\s*\([^)]{1,40}\))?\s*[—–-]+\s*"
)


def dateline_place(text: str) -> tuple[str, str | None] | None:
    """('Bogota', None) for 'BOGOTA (Reuters) — ', ('Marathon', 'Greece') for
    'MARATHON, Greece (AP) — ': where the report was filed, in title case."""
    match = _DATELINE_RE.match(text)
    if not match:
        return None
    city = match.group(0)[: match.start("country") if match["country"] else None]
    city = re.split(r"[,(—–]", city)[0].strip()
    country = match["country"].lstrip(", ").strip() if match["country"] else None
    return city.title(), country


def dateline_length(text: str, first: bool = True) -> int:
    """'OSLO, March 20 — ' or 'KYIV, Ukraine (AP) — ': where and when the report was filed,
    not what it reports; the length of that prefix, or 0. Past the article's first
    sentence a bare 'NATO — ' is no dateline: a date, country or agency must follow."""
    match = _DATELINE_RE.match(text)
    if not match or not (first or match["country"] or match["date"] or match["agency"]):
        return 0
    return match.end()


def paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; without any, every line is one (as in pasted copy)."""
    text = text.replace("\r\n", "\n").strip()
    if re.search(r"\n\s*\n", text):
        blocks = re.split(r"\n\s*\n", text)
        return [" ".join(b.split()) for b in blocks if b.strip()]
    return [line.strip() for line in text.split("\n") if line.strip()]


# 'Peru caps prices of essential medicines in landmark vote.' above a story titled 'Peru
# caps prices of essential medicines as Congress passes landmark law': the headline,
# pasted with the story, full stop and all.
_STANDFIRST_WORDS = 15
_STANDFIRST_OVERLAP = 0.6


def _standfirst(paras: list[str], title: str) -> bool:
    first = paras[0] if paras else ""
    if not title or len(paras) < 2 or word_count(first) > _STANDFIRST_WORDS:
        return False
    if len(_split_paragraph(first)) != 1:
        return False
    words = set(re.findall(r"\w{3,}", first.lower()))
    shared = words & set(re.findall(r"\w{3,}", title.lower()))
    return bool(words) and len(shared) >= _STANDFIRST_OVERLAP * len(words)


def split_sentences(text: str, title: str = "") -> list[Sentence]:
    """title: the article's own, to recognise its headline repeated above the story."""
    result: list[Sentence] = []
    paras = paragraphs(text)
    for number, para in enumerate(paras):
        if is_heading(para) or (number == 0 and _standfirst(paras, title)):
            result.append(Sentence(len(result), number, para, heading=True))
            continue
        for piece in _split_paragraph(para):
            result.append(Sentence(len(result), number, piece, heading=is_heading(piece)))
    return result


def is_heading(text: str) -> bool:
    """Headlines, related-article links and captions: no final punctuation."""
    text = text.strip()
    if _LINK_RE.match(text) or _FURNITURE_RE.match(text):
        return True
    if re.search(r"[.!?…:;" + CLOSE_QUOTES + r"\"')]$", text):
        return False
    return word_count(text) < 25


def _split_paragraph(para: str) -> list[str]:
    quotes = quote_spans(para)
    closed = [(a, b) for a, b in quotes if b < len(para) or para[-1] in '”"']
    cuts, start = [], 0
    for match in _END_RE.finditer(para):
        end = match.end()
        if _inside_quote(closed, match.start(), end) or not _ends_sentence(para, match):
            continue
        cuts.append(para[start:end].strip())
        start = end
    cuts.append(para[start:].strip())
    return [c for c in cuts if c]


def _inside_quote(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    # A stop followed by the closing mark ('done.” Then') may end the sentence too.
    return any(a < start and end < b for a, b in spans)


def _ends_sentence(para: str, match: re.Match) -> bool:
    rest = para[match.end() :].lstrip()
    if not rest:
        return True
    first = rest[0]
    if not (first.isupper() or first.isdigit() or first in "“\"‘('["):
        return False
    if match.group()[0] != ".":
        return True
    word = re.search(r"([\w.]+)\.$", para[: match.start() + 1])
    token = word.group(1) if word else ""
    if token.lower() in ABBREVIATIONS or re.fullmatch(r"[A-Z]", token):
        return False  # Dr. Smith, John F. Kennedy
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):  # U.S. ends a sentence only
        next_word = re.match(r"[\w’']+", rest)  # before a typical sentence opener
        return bool(next_word) and next_word.group().lower() in SENTENCE_STARTERS
    return True
