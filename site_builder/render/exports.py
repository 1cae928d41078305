"""Feeds, calendar, open data and crawler files, generated from the same records (issue 5).

Each function returns the bytes of one file. All are deterministic: no clock is read,
times come from the records (or SOURCE_DATE_EPOCH-free dates such as the as-of date).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from pathlib import PurePosixPath

from slugify import slugify

from site_builder import __version__
from site_builder.content.library import Library
from site_builder.content.model import Event
from site_builder.render import periods
from site_builder.render.urls import Urls

FEED_ENTRIES = 100  # a feed reader shows the latest; every event is in the data exports

CSV_COLUMNS = (
    "id",
    "date",
    "end",
    "precision",
    "approximate",
    "kind",
    "actors",
    "locations",
    "latitude",
    "longitude",
    "sources",
    "url",
    "title",
)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def _feed_id(library: Library, urls: Urls, path: str) -> str:
    """An absolute, permanent id: the page's address, or a tag URI when it is unknown."""
    if urls.origin:
        return urls.absolute(path)
    year = library.as_of.year if library.as_of else 2000
    return f"tag:{slugify(library.config.title) or 'briefing'},{year}:{path}"


def atom_feed(library: Library, urls: Urls) -> bytes:
    """Atom (RFC 4287) feed of the FEED_ENTRIES newest events, newest first: a reader
    polls it, so it must not grow with the briefing (4.4 MB at 10,000 events); the whole
    record is in events.json, events.csv and events.ics."""
    # Imported here: feedgen and lxml load in a tenth of a second, which only the
    # worker making the feed should pay, not the build before it forks (issue 14).
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed_url = urls.url("file", "feed.xml")
    feed.id(_feed_id(library, urls, feed_url))
    feed.title(library.config.title)
    feed.subtitle(library.config.description or library.config.title)
    feed.link(href=urls.absolute(feed_url), rel="self", type="application/atom+xml")
    feed.link(href=urls.absolute(urls.url("home")), rel="alternate", type="text/html")
    feed.author(name=library.config.author or library.config.title)
    feed.generator("site-builder", version=__version__)
    feed.language(library.config.language)
    newest = sorted(library.events, key=Event.sort_key, reverse=True)[:FEED_ENTRIES]
    updated = _entry_updated(newest[0], library) if newest else _midnight(date(2000, 1, 1))
    feed.updated(updated)
    for event in newest:
        entry = feed.add_entry(order="append")
        url = urls.url("event", event.id)
        entry.id(_feed_id(library, urls, url))
        entry.title(event.title)
        entry.link(href=urls.absolute(url), rel="alternate", type="text/html")
        entry.updated(_entry_updated(event, library))
        entry.summary(_summary(event, library))
        entry.category(term=event.kind)
    return feed.atom_str(pretty=True)


def _entry_updated(event: Event, library: Library) -> datetime:
    """When the entry was last true: its date, but never after the briefing's as-of date."""
    day = event.date.first_day()
    if library.as_of and day > library.as_of:
        day = library.as_of
    return _midnight(day)


def _summary(event: Event, library: Library) -> str:
    when = event.date.human()
    if event.end and event.end.iso() != event.date.iso():
        when += f" to {event.end.human()}"
    if event.approximate:
        when = f"about {when}"
    places = ", ".join(library.locations[loc].name for loc in event.locations)
    who = ", ".join(library.actors[a].name for a in event.actors)
    parts = [f"{when}{f', {places}' if places else ''}.", f"Actors: {who}." if who else ""]
    return " ".join(p for p in parts if p)


def calendar(library: Library, urls: Urls) -> bytes:
    """iCalendar (RFC 5545): all-day events, DTEND the day after, stable UIDs.

    Written here rather than through the icalendar library, which took a third of a
    second per thousand events (issue 14); the bytes are the ones icalendar 7 writes for
    the same properties (tests/test_calendar.py compares them and parses them back)."""
    stamp = _midnight(library.as_of or date(2000, 1, 1))
    host = slugify(library.config.title) or "briefing"
    head = _ical_lines(
        ("BEGIN", "VCALENDAR"),
        ("VERSION", "2.0"),
        ("PRODID", _ical_text(f"-//site-builder//{__version__}//EN")),
        ("X-WR-CALNAME", _calendar_name(library.config.title)),
    )
    events = (
        _calendar_event(
            event,
            host,
            stamp,
            _summary(event, library),
            urls.absolute(urls.url("event", event.id)),
            ", ".join(library.locations[loc].name for loc in event.locations),
            library.is_upcoming(event),
        )
        for event in library.events
    )
    return head + b"".join(events) + b"END:VCALENDAR\r\n"


# Keyed by every value the lines depend on, so a hit is the same bytes by construction;
# the dev server re-exports a 10,000-event calendar after every save (issue 4).
@lru_cache(maxsize=1 << 15)
def _calendar_event(
    event: Event, host: str, stamp: datetime, summary: str, url: str, place: str, upcoming: bool
) -> bytes:
    start = event.date.first_day()
    last = (event.end or event.date).last_day()
    # icalendar's order: its canonical properties first, then the others by name.
    lines = [
        ("BEGIN", "VEVENT"),
        ("SUMMARY", _ical_text(event.title)),
        ("DTSTART;VALUE=DATE", _ical_date(start)),
        ("DTEND;VALUE=DATE", _ical_date(last + timedelta(days=1))),  # DTEND is exclusive
        ("DTSTAMP", _ical_date(stamp) + f"T{stamp:%H%M%S}Z"),
        ("UID", _ical_text(f"{event.id}@{host}.site-builder")),
        ("CATEGORIES", _ical_text(event.kind)),
        ("DESCRIPTION", _ical_text(_calendar_note(event) + summary)),
    ]
    if place:
        lines.append(("LOCATION", _ical_text(place)))
    if upcoming:
        lines.append(("STATUS", "TENTATIVE"))
    lines.append(("URL", url))  # a URI value is written as it is, unescaped
    lines.append(("END", "VEVENT"))
    return _ical_lines(*lines)


def _ical_lines(*properties: tuple[str, str]) -> bytes:
    return "".join(_ical_fold(f"{name}:{value}") + "\r\n" for name, value in properties).encode(
        "utf-8"
    )


def _calendar_name(title: str) -> str:
    """X-WR-CALNAME as icalendar wrote it, unescaped (it is no standard TEXT property);
    a line break, which icalendar refused with an exception, becomes a space."""
    return " ".join(title.splitlines()) if "\n" in title or "\r" in title else title


def _ical_date(day: date) -> str:
    return f"{day.year:04}{day.month:02}{day.day:02}"


def _ical_text(text: str) -> str:
    """RFC 5545 TEXT escaping, exactly as icalendar does it (the order matters)."""
    return (
        text.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


ICAL_FOLD = 75  # octets: a line is folded before it would reach this many


def _ical_fold(line: str) -> str:
    """Fold a content line (RFC 5545 3.1) where icalendar folds it: pieces of at most 74
    octets, never splitting a character, and never ending a piece on a backslash or a
    caret (some clients misread an escape split across a fold)."""
    if len(line) < ICAL_FOLD and (line.isascii() or len(line.encode("utf-8")) < ICAL_FOLD):
        return line
    pieces: list[str] = []
    current: list[str] = []
    count = 0
    for char in line:
        size = 1 if char < "\x80" else len(char.encode("utf-8"))
        if current and count + size >= ICAL_FOLD:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                pieces.append("".join(current))
                current = [carried]
                count = len(carried.encode("utf-8"))
            else:
                pieces.append("".join(current))
                current = []
                count = 0
        current.append(char)
        count += size
    if current:
        pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _calendar_note(event: Event) -> str:
    notes = []
    if event.date.precision in ("month", "year"):
        notes.append(f"Date known only to the {event.date.precision} ({event.date.human()}).")
    if event.approximate:
        notes.append("Date approximate.")
    return " ".join(notes) + (" " if notes else "")


def event_rows(library: Library, urls: Urls) -> list[dict]:
    """One flat row per event (ACLED-like), shared by the JSON and CSV exports."""
    rows = []
    for event in library.events:
        located = [library.locations[loc] for loc in event.locations]
        point = next((loc.coordinates for loc in located if loc.coordinates), None)
        rows.append(
            {
                "id": event.id,
                "title": event.title,
                "date": event.date.iso(),
                "end": event.end.iso() if event.end else "",
                "precision": event.date.precision,
                "approximate": event.approximate,
                "kind": event.kind,
                "actors": list(event.actors),
                "locations": list(event.locations),
                "latitude": point[0] if point else None,
                "longitude": point[1] if point else None,
                "sources": [{"seed": s.seed, "quote": s.quote} for s in event.sources],
                "url": urls.absolute(urls.url("event", event.id)),
                "status": event.status,
            }
        )
    return rows


def events_json(rows: list[dict]) -> bytes:
    return (json.dumps({"events": rows}, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def events_csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line endings
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(row[column]) for column in CSV_COLUMNS])
    return out.getvalue().encode("utf-8")


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):  # sources: the seed ids; the quotes are in events.json
        items = (v["seed"] if isinstance(v, dict) else v for v in value)
        return "; ".join(dict.fromkeys(items))
    return _defuse_formula(str(value))


def _defuse_formula(text: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def locations_geojson(library: Library, urls: Urls) -> bytes:
    features = []
    for loc in library.locations.values():
        if not loc.coordinates:
            continue
        lat, lon = loc.coordinates
        features.append(
            {
                "type": "Feature",
                "id": loc.id,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},  # GeoJSON is lon, lat
                "properties": {
                    "name": loc.name,
                    "kind": loc.kind,
                    "country": loc.country,
                    "events": [e.id for e in library.events_by_location[loc.id]],
                    "url": urls.absolute(urls.url("location", loc.id)),
                },
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return (json.dumps(collection, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def sitemap(page_urls: list[str], urls: Urls) -> bytes | None:
    """sitemaps.org XML; None when the site's address is unknown (locs must be absolute)."""
    if not urls.origin:
        return None
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    lines += [f"  <url><loc>{_xml_text(urls.absolute(u))}</loc></url>" for u in sorted(page_urls)]
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _xml_text(text: str) -> str:
    """As xml.sax.saxutils.escape (whose import pulls in urllib.request and ssl)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def robots(urls: Urls, has_sitemap: bool) -> bytes:
    text = "User-agent: *\nAllow: /\n"
    if has_sitemap:
        text += f"Sitemap: {urls.absolute(urls.url('file', 'sitemap.xml'))}\n"
    return text.encode("utf-8")


def timeline_data_makers(library: Library, urls: Urls) -> dict[PurePosixPath, Callable[[], bytes]]:
    """The data behind the filters of a split timeline (issue 14), fetched by timeline.js
    only when a reader filters: `filters.json` (the choices, with counts) and one small
    file per actor, place and kind listing the positions of its events in the timeline
    (delta-encoded: each number is the distance from the one before). Events are in date
    order and every period and density bar is a range of positions, so the script counts
    the matches of any combination of filters in any period without the events."""
    if len(library.events) <= periods.ONE_PAGE_LIMIT:
        return {}
    groups: dict[str, dict[str, list[int]]] = {"actor": {}, "location": {}, "kind": {}}
    for position, event in enumerate(library.events):
        for actor in dict.fromkeys(event.actors):
            groups["actor"].setdefault(actor, []).append(position)
        for loc in dict.fromkeys(event.locations):
            groups["location"].setdefault(loc, []).append(position)
        groups["kind"].setdefault(event.kind, []).append(position)

    def name(field: str, value: str) -> str:
        if field == "actor":
            return library.actors[value].name
        if field == "location":
            return library.locations[value].name
        return value

    def choices() -> bytes:
        view = {"count": len(library.events)}
        for field, plural in (("actor", "actors"), ("location", "locations"), ("kind", "kinds")):
            rows = [[v, name(field, v), len(p)] for v, p in groups[field].items()]
            key = (lambda r: r[0]) if field == "kind" else (lambda r: (r[1].casefold(), r[0]))
            view[plural] = sorted(rows, key=key)
        return _compact_json(view)

    def positions(numbers: list[int]) -> bytes:
        deltas = [b - a for a, b in zip([0, *numbers], numbers, strict=False)]
        return _compact_json({"deltas": deltas})

    makers: dict[PurePosixPath, Callable[[], bytes]] = {
        urls.output_path(urls.url("timeline_data", "filters.json")): choices
    }
    for field, values in groups.items():
        for value, numbers in values.items():
            path = urls.output_path(urls.url("timeline_data", f"{field}/{value}.json"))
            makers[path] = lambda numbers=numbers: positions(numbers)
    return makers


def _compact_json(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def export_makers(
    library: Library, urls: Urls, page_urls: list[str]
) -> dict[PurePosixPath, Callable[[], bytes]]:
    """Every non-page file of the site, by output path: a function that makes its bytes.

    The dev server makes them one at a time, so a save is never stuck behind all of them."""
    rows = cache(lambda: event_rows(library, urls))  # shared by the JSON and CSV files
    makers: dict[str, Callable[[], bytes]] = {
        "feed.xml": lambda: atom_feed(library, urls),
        "events.ics": lambda: calendar(library, urls),
        "events.json": lambda: events_json(rows()),
        "events.csv": lambda: events_csv(rows()),
        "locations.geojson": lambda: locations_geojson(library, urls),
        ".nojekyll": lambda: b"",
    }
    if urls.origin:  # sitemap locations must be absolute
        makers["sitemap.xml"] = lambda: sitemap(page_urls, urls)
    makers["robots.txt"] = lambda: robots(urls, bool(urls.origin))
    if library.config.domain:
        makers["CNAME"] = lambda: (library.config.domain + "\n").encode("utf-8")
    files = {urls.output_path(urls.url("file", name)): make for name, make in makers.items()}
    files.update(timeline_data_makers(library, urls))
    return files


def export_files(library: Library, urls: Urls, page_urls: list[str]) -> dict[PurePosixPath, bytes]:
    """Every non-page file of the site, by output path."""
    return {path: make() for path, make in export_makers(library, urls, page_urls).items()}
