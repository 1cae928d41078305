"""A saved web page (.html/.htm) → the article's text, headline, date, address and site.

Telling the story from the menus, ads, comments and "related stories" around it is
trafilatura's job (with htmldate for the date), not ours: it is well kept and tuned on
real news sites. We only decode the bytes strictly and turn its output into a seed's
text. It is imported on first use, since importing it takes most of a second and plain
articles do not need it. It is given the page as a string and no URL, so it never
fetches anything.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from site_builder.diagnostics import Problems, SourcePos

MAX_PAGE_BYTES = 20 * 1024 * 1024  # trafilatura's own limit; saved pages carry scripts and CSS
# The charset a page declares, as a browser finds it in the first bytes (<meta charset>,
# or <meta http-equiv="Content-Type" content="text/html; charset=...">).
_DECLARED = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
# HTML reads these labels as windows-1252 (WHATWG Encoding): pages labelled latin-1 use
# its extra characters (curly quotes, dashes) all the time.
_AS_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "ascii", "us-ascii"}
# Control characters other than tab and newline: invisible on a page, refused in a seed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Dates are read as found; the publication year is checked by the article reader.
_DATE_PARAMS = {
    "original_date": True,  # published, not last updated
    "extensive_search": False,  # only markup (meta, JSON-LD, <time>, URL), no guessing from text
    "min_date": "1800-01-01",
    "max_date": "2200-12-31",  # not "today": the same page must give the same date every day
}
NO_TEXT = (
    "no article text found in this web page (only menus, links or other page furniture); "
    "save the article's own page, or paste its text into a .txt file"
)


@dataclass(frozen=True)
class WebPage:
    title: str
    published: str  # YYYY-MM-DD, or "" when the page does not say
    site: str
    url: str  # an http(s) address, or ""
    text: str  # the article's paragraphs, separated by blank lines


def read_webpage(data: bytes, display: str, problems: Problems) -> WebPage | None:
    html = _decode(data, display, problems)
    if html is None:
        return None
    if not html.strip():
        problems.add(SourcePos(display, 1), "the web page is empty")
        return None
    doc = _extract(html, display, problems)
    if doc is None:
        return None
    text = _paragraphs(doc.text or "")
    if not text:
        problems.add(
            SourcePos(display, 1),
            NO_TEXT,
        )
        return None
    return WebPage(
        title=_one_line(doc.title),
        published=doc.date or "",
        site=_one_line(doc.sitename),
        url=_web_address(doc.url),
        text=text,
    )


def _decode(data: bytes, display: str, problems: Problems) -> str | None:
    """Bytes → text in the page's own encoding, strictly: a wrong guess would put
    garbled words into quotes that must match their seed."""
    pos = SourcePos(display, 1)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\0" in data:
        problems.add(pos, "this is a binary file, not a saved web page")
        return None
    else:
        encoding = _declared(data[:4096]) or "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError:
        problems.add(pos, f"the page declares the unknown character set '{encoding}'")
        return None
    try:
        text = data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problems.add(
            SourcePos(display, line),
            f"not {encoding} text (byte 0x{data[err.start]:02x}); save the page again, or as UTF-8",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _declared(head: bytes) -> str | None:
    found = _DECLARED.search(head)
    if not found:
        return None
    label = found.group(1).decode("ascii").lower()
    if label in _AS_WINDOWS_1252:
        return "windows-1252"
    return "utf-8" if label in ("utf8", "utf-8") else label


def _extract(html: str, display: str, problems: Problems):
    """trafilatura's Document, or None when it finds no article (after a problem)."""
    import trafilatura  # lazily: see the module's docstring

    for name in ("trafilatura", "htmldate"):
        # They log "discarding data" warnings; unhandled, Python would print them to stderr.
        logging.getLogger(name).addHandler(logging.NullHandler())
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=True,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as err:  # noqa: BLE001 — a third-party parser on arbitrary input: report, never a traceback
        problems.add(SourcePos(display, 1), f"could not read this web page ({err})")
        return None
    if doc is None or not (doc.text or "").strip():
        problems.add(
            SourcePos(display, 1),
            NO_TEXT,
        )
        return None
    return doc


def _paragraphs(text: str) -> str:
    """One paragraph per line from trafilatura → Markdown paragraphs, one blank line apart."""
    lines = (" ".join(_CONTROL.sub(" ", line).split()) for line in text.split("\n"))
    kept = [line for line in lines if line]
    return "\n\n".join(kept) + "\n" if kept else ""


def _one_line(value: str | None) -> str:
    return " ".join(_CONTROL.sub(" ", value or "").split())


def _web_address(value: str | None) -> str:
    """Only an absolute http(s) address is kept: a saved page's canonical link may be
    relative or point at the disk, and the seed reader refuses anything else."""
    value = (value or "").strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    return value if parts.scheme in ("http", "https") and parts.netloc else ""
