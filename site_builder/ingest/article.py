"""Read an article to ingest: a seed .md with front matter, plain .txt with --published,
or a saved web page (.html/.htm, see webpage.py).

Bad input is reported as problems (path:line: message) and yields no article. Front-matter
keys a seed does not know (`author`, `via`) are not an error: the copied seed keeps them
under `meta:` and ingest names them in one warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from site_builder.content.frontmatter import parse_document, read_text
from site_builder.content.model import DateFormatError, PartialDate
from site_builder.content.records import SEED_ID_RE, SEED_KEYS, FieldReader
from site_builder.diagnostics import Problems, SourcePos
from site_builder.ingest.sentences import is_heading, paragraphs
from site_builder.ingest.text import word_count
from site_builder.ingest.webpage import MAX_PAGE_BYTES, read_webpage

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
WEB_PAGE_SUFFIXES = (".html", ".htm")


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
    # Front matter no seed field holds, kept under `meta:` in the copied seed, and how
    # each non-text scalar was written (dotted paths inside it: `1.10` is not 1.1).
    meta: dict = field(default_factory=dict)
    meta_raw: dict = field(default_factory=dict)
    kept: tuple[str, ...] = ()  # its keys that were top-level keys of the article
    kept_line: int = 1


def read_article(path: Path, display: str, published: str | None, problems: Problems):
    pos = SourcePos(display, 1)
    if not path.is_file():
        problems.add(SourcePos(display), "no such file" if not path.exists() else "not a file")
        return None
    if path.suffix.lower() in WEB_PAGE_SUFFIXES:
        return _read_webpage(path, display, published, problems)
    text = read_text(path, display, problems, limit=MAX_ARTICLE_BYTES)
    if text is None:
        return None
    if not text.strip():
        problems.add(pos, "the article is empty")
        return None
    fields, body, has_fm, extra = _split(path, display, text, problems)
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
    return Article(path, display, seed_id, title, when, text, fields, has_fm, bool(given), **extra)


def _read_webpage(path: Path, display: str, published: str | None, problems: Problems):
    """A saved page: text and metadata from trafilatura; --published overrides its date,
    which pages often get wrong (a "last updated" shown as the date)."""
    pos = SourcePos(display, 1)
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        problems.add(pos, f"file is {size / 2**20:.1f} MB; web pages are limited to 20 MB")
        return None
    page = read_webpage(path.read_bytes(), display, problems)
    if page is None:
        return None
    if published:
        when = _parse_date(published, pos, "--published", problems)
    elif page.published:
        when = _parse_date(page.published, pos, "the page's publication date", problems)
    else:
        problems.add(
            pos,
            "no publication date in this web page's metadata: pass --published YYYY-MM-DD "
            "(relative dates such as 'yesterday' are read against it)",
        )
        return None
    if when is None:
        return None
    seed_id = _seed_id(path.stem)
    title = page.title or _title(page.text, seed_id)
    fields = {key: value for key, value in (("source", page.site), ("url", page.url)) if value}
    return Article(path, display, seed_id, title, when, page.text, fields, False, bool(page.title))


_FIELDS = tuple(k for k in SEED_KEYS if k not in ("published", "meta"))


def _split(path: Path, display: str, text: str, problems: Problems):
    """(seed fields, body, has front matter, Article keywords for the kept keys)."""
    if not text.startswith("---"):
        return {}, text, False, {}
    before = len(problems)
    doc = parse_document(text, path, display, problems)
    if doc is None:
        return None, "", True, {}
    reader = FieldReader(doc, problems, tuple(doc.meta))  # unknown keys are kept, not refused
    fields = {k: reader.text(k) for k in _FIELDS if reader.present(k)}
    if "published" in doc.meta:
        fields["published"] = (doc.meta["published"], doc.pos("published"))
    extra = _kept(doc, reader)
    if len(problems) > before:
        return None, "", True, {}
    return fields, doc.body, True, extra


def _kept(doc, reader: FieldReader) -> dict:
    """The article's own `meta:` mapping, then every key no seed field holds."""
    meta, raw = {}, {}
    given = doc.meta.get("meta")
    if isinstance(given, dict):
        meta.update(given)
        raw.update({p[5:]: v for p, v in doc.raw.items() if p.startswith("meta.")})
    elif given is not None:
        reader.error("meta", "'meta' must be a set of 'key: value' fields")
    kept = [k for k in doc.meta if k not in SEED_KEYS]
    for key in kept:
        if key in meta:
            reader.error(key, f"'{key}' is given both here and under 'meta:'; keep one")
        meta[key] = doc.meta[key]
        raw.update({p: v for p, v in doc.raw.items() if p == key or p.startswith(f"{key}.")})
    line = min((doc.lines.get(k, 1) for k in kept), default=1)
    return {"meta": meta, "meta_raw": raw, "kept": tuple(kept), "kept_line": line}


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
