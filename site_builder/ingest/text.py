"""Small text helpers shared by the ingest stages: tokens, quotations, normal forms."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Words, with inner apostrophes, hyphens and dots (U.S., son-in-law, Trump’s), numbers,
# or single punctuation marks.
_TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S., U.K.
    r"|[^\W_]+(?:[’'\-.][^\W_]+)*"
    r"|\S",
    re.UNICODE,
)
OPEN_QUOTES = "“‘«"
CLOSE_QUOTES = "”’»"


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def strip_possessive(word: str) -> str:
    return re.sub(r"[’']s?$", "", word)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations (curly or straight double quotes), marks included.

    An unclosed quotation runs to the end of the text, as it does in news copy where a
    quotation continues into the next paragraph.
    """
    spans, start = [], None
    for i, ch in enumerate(text):
        if start is None and (ch == "“" or (ch == '"' and _opens(text, i))):
            start = i
        elif start is not None and (ch == "”" or ch == '"'):
            spans.append((start, i + 1))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def _opens(text: str, i: int) -> bool:
    return i == 0 or not text[i - 1].isalnum()


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def word_count(text: str) -> int:
    return len(re.findall(r"[^\W_]+", text))


def normal(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form used to compare names."""
    text = re.sub(r"(?<=\b[A-Za-z])\.", "", text)  # U.S. and US are one name
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"'s\b", "", text.replace("’", "'"))
    text = re.sub(r"^the\s+", "", text)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def squash(text: str) -> str:
    """Whitespace-normalised text, the form in which quotes are compared with seeds."""
    return " ".join(text.split())
