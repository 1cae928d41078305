"""Read an article to ingest: a seed .md with front matter, or plain .txt with --published.

Bad input is reported as problems (path:line: message) and yields no article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from site_builder.content.frontmatter import parse_document, read_text
from site_builder.content.model import DateFormatError, PartialDate
from site_builder.content.records import SEED_ID_RE, SEED_KEYS, FieldReader
from site_builder.diagnostics import Problems, SourcePos
from site_builder.ingest.sentences import is_heading, paragraphs
from site_builder.ingest.text import word_count

MAX_ARTICLE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Article:
    path: Path
    display: str
    seed_id: str
    title: str
    published: date
    text: str
    fields: dict  # front matter to keep when the seed is copied (source, url, license)
    has_front_matter: bool
    titled: bool = False  # the title is the article's own, not made from its first words


def read_article(path: Path, display: str, published: str | None, problems: Problems):
    pos = SourcePos(display, 1)
    if not path.is_file():
        problems.add(SourcePos(display), "no such file" if not path.exists() else "not a file")
        return None
    text = read_text(path, display, problems, limit=MAX_ARTICLE_BYTES)
    if text is None:
        return None
    if not text.strip():
        problems.add(pos, "the article is empty")
        return None
    fields, body, has_fm = _split(path, display, text, problems)
    if fields is None:
        return None
    when = _published(fields.pop("published", None), published, display, problems)
    if not body.strip():
        problems.add(pos, "the article has front matter but no text")
        return None
    if when is None:
        return None
    seed_id = _seed_id(path.stem)
    given = str(fields.pop("title", "") or "").strip()
    title = given or _title(body, seed_id)
    text = body.strip("\n") + "\n"
    return Article(path, display, seed_id, title, when, text, fields, has_fm, bool(given))


def _split(path: Path, display: str, text: str, problems: Problems):
    if not text.startswith("---"):
        return {}, text, False
    before = len(problems)
    doc = parse_document(text, path, display, problems)
    if doc is None:
        return None, "", True
    reader = FieldReader(doc, problems, SEED_KEYS)
    fields = {k: reader.text(k) for k in SEED_KEYS if k != "published" and reader.present(k)}
    if "published" in doc.meta:
        fields["published"] = (doc.meta["published"], doc.pos("published"))
    if len(problems) > before:
        return None, "", True
    return fields, doc.body, True


def _published(value, flag: str | None, display: str, problems: Problems) -> date | None:
    if value is not None:
        raw, pos = value
        return _parse_date(str(raw), pos, "published", problems)
    if flag:
        return _parse_date(flag, SourcePos(display, 1), "--published", problems)
    problems.add(
        SourcePos(display, 1),
        "no publication date: add 'published: YYYY-MM-DD' to the front matter or pass "
        "--published YYYY-MM-DD (relative dates such as 'yesterday' are read against it)",
    )
    return None


def _parse_date(text: str, pos: SourcePos, name: str, problems: Problems) -> date | None:
    try:
        value = PartialDate.parse(text)
    except DateFormatError as err:
        problems.add(pos, f"{name}: {err}")
        return None
    if value.precision not in ("day", "minute"):
        problems.add(pos, f"{name} must be a full date YYYY-MM-DD, not '{text}'")
        return None
    if not 1800 <= value.year <= 2200:  # dates in the text are read relative to it
        problems.add(pos, f"{name}: {value.year} is not a plausible publication year")
        return None
    return value.first_day()


def _seed_id(stem: str) -> str:
    if SEED_ID_RE.match(stem):
        return stem
    slug = re.sub(r"[^a-z0-9_]+", "-", stem.lower()).strip("-_")
    return slug or "article"


def _title(body: str, fallback: str) -> str:
    """A plain-text article has no title: its first heading line, else its first words."""
    blocks = paragraphs(body)
    for block in blocks[:3]:
        if is_heading(block) and word_count(block) >= 3:
            return block
    words = blocks[0].split() if blocks else [fallback]
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")
