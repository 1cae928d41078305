"""Documents → typed records. Each bad field becomes a Problem at its own line.

The schemas here are the content model of BRIEF.md; unknown keys are errors with a
"did you mean" hint so that a typo never silently drops data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from slugify import slugify

from site_builder.content.frontmatter import Document
from site_builder.content.model import (
    Actor,
    DateFormatError,
    Event,
    Location,
    Page,
    PartialDate,
    Seed,
    SourceRef,
)
from site_builder.diagnostics import Problems, SourcePos, did_you_mean

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SEED_ID_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
WORD_RE = re.compile(r"^[a-z][a-z0-9-]*$")
STATUSES = ("draft", "reviewed")
ACTOR_KINDS = ("person", "organization", "state")

EVENT_KEYS = (
    "title",
    "date",
    "end",
    "approximate",
    "kind",
    "actors",
    "locations",
    "sources",
    "status",
)
ACTOR_KEYS = ("name", "aliases", "kind", "role", "affiliation", "status")
LOCATION_KEYS = ("name", "aliases", "kind", "country", "coordinates", "status")
# `meta` holds whatever else an article came with (author, via, ...): kept, never shown,
# so that ingest can copy an article whole while a typo in a seed field is still caught.
SEED_KEYS = ("title", "published", "source", "url", "license", "meta")
PAGE_KEYS = ("title",)
SOURCE_KEYS = ("seed", "quote")
_SOURCES_HINT = "quotes go under 'sources:' as '- seed: <id>' with 'quote: ...'"
# Fields people reach for that the model spells differently: (field it belongs to,
# hint). difflib alone would answer 'title' for 'time'.
FIELD_HINTS = {
    "time": ("date", "a time goes into 'date', e.g. 'date: 2025-12-06T14:30'"),
    "start": ("date", "did you mean 'date'?"),
    "quote": ("sources", _SOURCES_HINT),
    "seed": ("sources", _SOURCES_HINT),
}


class FieldReader:
    """Reads typed fields from one document, recording problems at each field's line."""

    def __init__(
        self, doc: Document, problems: Problems, allowed: tuple[str, ...], elsewhere: str = ""
    ):
        """`elsewhere` says where a key that is no typo belongs, if the record has a place."""
        self.doc = doc
        self.problems = problems
        self.failed = False
        for key in doc.meta:
            if key not in allowed:
                hint = _field_hint(key, allowed) or elsewhere
                self.error(key, f"unknown field '{key}'{hint}")

    def error(self, key: str, message: str) -> None:
        self.failed = True
        self.problems.add(self.doc.pos(key), message)

    def present(self, key: str) -> bool:
        return self.doc.meta.get(key) is not None

    def text(self, key: str, required: bool = False, default: str = "") -> str:
        value = self.doc.meta.get(key)
        if value is None:
            if required and key in self.doc.meta:
                self.error(key, _empty_message(key, self.doc.raw.get(key, "")))
            elif required:
                self.missing(key)
            return default
        if isinstance(value, dict | list):
            self.error(key, f"'{key}' must be text, not {_describe(value)}")
            return default
        value = self.written(key, value).strip()
        if required and not value:
            self.error(key, f"'{key}' is empty")
        return value

    def written(self, key: str, value: Any) -> str:
        """A scalar as the author typed it: a title `1.10` is not the number 1.1."""
        return value if isinstance(value, str) else self.doc.raw.get(key, str(value))

    def missing(self, key: str) -> None:
        self.failed = True
        self.problems.add(self.doc.pos(), f"missing required field '{key}'")

    def flag(self, key: str) -> bool:
        value = self.doc.meta.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(key, f"'{key}' must be true or false, not '{value}'")
            return False
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        value = self.text(key, required=default is None)
        if not value:
            return default or ""
        if value not in choices:
            options = ", ".join(choices)
            self.error(
                key,
                f"'{key}' must be one of {options}, not '{value}'{did_you_mean(value, choices)}",
            )
        return value

    def word(self, key: str, required: bool = True) -> str:
        value = self.text(key, required=required)
        if value and not WORD_RE.match(value):
            self.error(key, f"'{key}' must be one lowercase word such as 'talks', not '{value}'")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.doc.meta.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]  # a single name is a list of one
        if not isinstance(value, list):
            self.error(key, f"'{key}' must be a list such as [a, b], not {_describe(value)}")
            return ()
        result = []
        for index, item in enumerate(value):
            if item is None or isinstance(item, dict | list):
                self.error(f"{key}.{index}", f"'{key}' items must be text, not {_describe(item)}")
            else:
                result.append(self.written(f"{key}.{index}", item).strip())
        return tuple(result)

    def date(self, key: str, required: bool = False) -> PartialDate | None:
        value = self.doc.meta.get(key)
        if value is None:
            if required:
                self.missing(key)
            return None
        if isinstance(value, dict | list):
            self.error(key, f"'{key}' must be a date such as 2025-12-06, not {_describe(value)}")
            return None
        try:
            return PartialDate.parse(self.written(key, value))
        except DateFormatError as err:
            self.error(key, str(err))
            return None


def _field_hint(key: str, allowed: tuple[str, ...]) -> str:
    belongs_to, hint = FIELD_HINTS.get(key, ("", ""))
    return f" ({hint})" if belongs_to in allowed else did_you_mean(key, allowed)


def _empty_message(key: str, raw: str) -> str:
    if raw.strip():  # `name: Null` or `name: ~`: YAML's words for "no value"
        return f"'{key}' is empty: YAML reads '{raw}' as no value; write \"{raw}\" in quotes"
    return f"'{key}' is empty; write a value after '{key}:'"


def _describe(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"'{value}'"


def check_id(record_id: str, doc: Document, problems: Problems, pattern=ID_RE) -> bool:
    """Ids come from file names and must be lowercase ASCII slugs."""
    if pattern.match(record_id):
        return True
    suggestion = slugify(record_id)  # transliterates: 'genève' → 'geneve', not 'gen-ve'
    hint = f"; rename the file to '{suggestion}{doc.path.suffix}'" if suggestion else ""
    problems.add(
        doc.pos(),
        f"file name '{doc.path.name}' is not a valid id: use lowercase ASCII letters, digits "
        f"and hyphens{hint}",
    )
    return False


def read_event(record_id: str, doc: Document, problems: Problems) -> Event | None:
    f = FieldReader(doc, problems, EVENT_KEYS)
    title = f.text("title", required=True)
    start = f.date("date", required=True)
    end = f.date("end")
    if start and end and end.last_day() < start.first_day():
        f.error("end", f"'end' ({end}) is before 'date' ({start})")
    # A record with bad fields is still returned (with placeholders) so that its
    # references are checked too and the author sees every problem in one build.
    event = Event(
        id=record_id,
        title=title,
        date=start or PartialDate(1),
        end=end,
        approximate=f.flag("approximate"),
        kind=f.word("kind"),
        actors=f.strings("actors"),
        locations=f.strings("locations"),
        sources=_sources(f),
        status=f.choice("status", STATUSES, default="draft"),
        body=doc.body,
        pos=doc.pos(),
        field_lines=dict(doc.lines),
    )
    return event


def _sources(f: FieldReader) -> tuple[SourceRef, ...]:
    value = f.doc.meta.get("sources")
    if value is None:
        return ()
    if not isinstance(value, list):
        f.error("sources", "'sources' must be a list of '- seed: ... quote: ...' entries")
        return ()
    refs = []
    for index, item in enumerate(value):
        key = f"sources.{index}"
        if not isinstance(item, dict):
            f.error(key, "each source needs 'seed:' and 'quote:' fields")
            continue
        extras = [extra for extra in item if extra not in SOURCE_KEYS]
        for extra in extras:
            f.error(
                f"{key}.{extra}",
                f"unknown source field '{extra}'{did_you_mean(extra, SOURCE_KEYS)}",
            )
        seed, quote = item.get("seed"), item.get("quote")
        if extras and (seed is None or quote is None):
            continue  # 'quot:' for 'quote:' is one mistake: one message
        if not isinstance(seed, str) or not isinstance(quote, str) or not quote.strip():
            f.error(key, "each source needs a 'seed:' id and a non-empty 'quote:' text")
            continue
        line = f.doc.lines.get(f"{key}.quote", f.doc.lines.get(key, 1))
        refs.append(SourceRef(seed.strip(), quote.strip(), SourcePos(f.doc.display, line)))
    return tuple(refs)


def read_actor(record_id: str, doc: Document, problems: Problems) -> Actor | None:
    f = FieldReader(doc, problems, ACTOR_KEYS)
    actor = Actor(
        id=record_id,
        name=f.text("name", required=True),
        aliases=f.strings("aliases"),
        kind=f.choice("kind", ACTOR_KINDS),
        role=f.text("role"),
        affiliation=f.text("affiliation") or None,
        status=f.choice("status", STATUSES, default="draft"),
        body=doc.body,
        pos=doc.pos(),
        field_lines=dict(doc.lines),
    )
    return actor


def read_location(
    record_id: str, doc: Document, problems: Problems, country_codes: Callable[[str], bool]
) -> Location | None:
    f = FieldReader(doc, problems, LOCATION_KEYS)
    country = f.text("country") or None
    if country and not country_codes(country):
        hint = f" (did you mean '{country.upper()}'?)" if country_codes(country.upper()) else ""
        f.error(
            "country",
            f"'country' must be an ISO 3166 two-letter code such as 'UA', not '{country}'{hint}",
        )
    location = Location(
        id=record_id,
        name=f.text("name", required=True),
        aliases=f.strings("aliases"),
        kind=f.word("kind"),
        country=country,
        coordinates=_coordinates(f),
        status=f.choice("status", STATUSES, default="draft"),
        body=doc.body,
        pos=doc.pos(),
        field_lines=dict(doc.lines),
    )
    return location


def _coordinates(f: FieldReader) -> tuple[float, float] | None:
    value = f.doc.meta.get("coordinates")
    if value is None:
        return None
    numbers = (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    )
    if not numbers:
        f.error("coordinates", "'coordinates' must be [latitude, longitude] in decimal degrees")
        return None
    lat, lon = float(value[0]), float(value[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        f.error(
            "coordinates",
            f"coordinates [{f.written('coordinates.0', value[0])}, "
            f"{f.written('coordinates.1', value[1])}] are off the globe: "
            "latitude is -90..90 and longitude -180..180 (is the order "
            "[lat, lon]?)",
        )
        return None
    return (lat, lon)


def read_seed(seed_id: str, doc: Document, problems: Problems) -> Seed | None:
    f = FieldReader(doc, problems, SEED_KEYS, "; a seed keeps other keys under 'meta:'")
    published = f.date("published", required=True)
    seed = Seed(
        id=seed_id,
        title=f.text("title", required=True),
        published=published or PartialDate(1),
        source=f.text("source"),
        url=_web_address(f, "url"),
        license=f.text("license"),
        text=doc.body,
        pos=doc.pos(),
    )
    if doc.meta.get("meta") is not None and not isinstance(doc.meta["meta"], dict):
        f.error("meta", "'meta' must be a set of 'key: value' fields, e.g. 'author: Jane Doe'")
    return seed


def _web_address(f: FieldReader, key: str) -> str:
    """Only http(s) links reach a page: a `javascript:` URL in an article's front matter
    would run in the reader's browser when clicked (SECURITY.md)."""
    value = f.text(key)
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unclosed '[' in the host
        parts = urlsplit("")
    if value and not (parts.scheme in ("http", "https") and parts.netloc):
        f.error(key, f"'{key}' must be a web address starting with https://, not '{value}'")
        return ""
    return value


def read_page(page_id: str, doc: Document, problems: Problems) -> Page | None:
    f = FieldReader(doc, problems, PAGE_KEYS)
    page = Page(page_id, f.text("title", required=True), doc.body, doc.pos())
    return page
