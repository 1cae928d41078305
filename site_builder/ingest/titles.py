"""Short factual titles and plain Markdown bodies for drafted events."""

from __future__ import annotations

import re

from site_builder.ingest.clauses import Clause
from site_builder.ingest.lexicon import words
from site_builder.ingest.sentences import dateline_length
from site_builder.ingest.text import OPEN_QUOTES
from site_builder.ingest.verbs import has_verb

MAX_TITLE_WORDS = 14
_TRAILING = words(
    "of the a an to and with that for on in as at by from its their his her "
    "but or after before while"
)
_LEADING_RE = re.compile(
    r"^(?:(?:hours|minutes|days|weeks|shortly|just) (?:after|before)\s+|"
    r"(?:earlier|later|meanwhile|also),?\s+|(?:as|when|while|with|after|before|even as)\s+)",
    re.IGNORECASE,
)


def event_title(sentence: str, clause: Clause, subject: str | None) -> str:
    text = clause.text(sentence)
    if clause.start == 0:
        text = text[dateline_length(text) :]  # a dateline such as OSLO, March 20 —
    text = re.sub(r"\s[—–][^—–]*[—–](?=\s)", "", text)  # dash parentheticals
    text = re.sub(r"\s*\([^)]*\)", "", text)
    text = _drop_leading_quote(text)
    text = _LEADING_RE.sub("", text.strip())
    opening = re.match(r"^([^,]{3,60}),\s+(?=\S)", text)
    if opening and len(opening[1].split()) <= 8 and not has_verb(opening[1]):
        text = text[opening.end() :]  # "In a separate statement on Tuesday, ..."
    if subject:
        text = re.sub(r"^(?:he|she|they|it)\b", subject, text, flags=re.IGNORECASE)
    words = text.split()
    comma = next((i for i, w in enumerate(words) if w.endswith(",") and i >= 5), None)
    if comma is not None:
        words = words[: comma + 1]
    words = words[:MAX_TITLE_WORDS]
    while words and (words[-1].strip(",;:").lower() in _TRAILING or _open_quote(words[-1])):
        words.pop()
    title = " ".join(words).strip(" ,;:.")
    title = _balance_quotes(title)
    return title[:1].upper() + title[1:] if title else "Untitled event"


def _drop_leading_quote(text: str) -> str:
    """'“…,” Macron said on X' → 'Macron said on X'."""
    match = re.match(r"^\s*[“\"].*?[”\"],?\s+(?=\S)", text)
    return text[match.end() :] if match and len(text) - match.end() > 10 else text


def _open_quote(word: str) -> bool:
    return word[:1] in OPEN_QUOTES + '"' and not re.search(r"[”\"]", word[1:])


def _balance_quotes(title: str) -> str:
    if title.count("“") > title.count("”"):
        title += "”"
    return title


def event_body(quotes: list[str], date_note: str) -> str:
    """The cited sentences, quotations kept as written, then how the date was found."""
    text = " ".join(quotes)
    return f"{text}\n\n_Date: {date_note}._\n"
