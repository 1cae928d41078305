"""Records → plain dicts for templates, with every reference already resolved.

Templates get `{id, name, url}` style values, never records or paths (Zola's idea), so
presentation stays in templates and logic stays here.
"""

from __future__ import annotations

import calendar
import re
from itertools import groupby

from site_builder.library import Library, normalise_space, quote_anchor
from site_builder.markup import render_markdown
from site_builder.model import Actor, Event, Location, PartialDate, Seed
from site_builder.urls import Urls

ACTOR_KIND_TITLES = {"person": "People", "organization": "Organisations", "state": "States"}


class Views:
    def __init__(self, library: Library, urls: Urls, country_names: dict[str, str]):
        self.library = library
        self.urls = urls
        self.country_names = country_names
        # Timeline position by id: list.index() per event made 10,000 pages quadratic.
        self.position = {event.id: i for i, event in enumerate(library.events)}

    # --- references ---------------------------------------------------------------

    def actor_ref(self, actor_id: str) -> dict:
        actor = self.library.actors[actor_id]
        return {
            "id": actor.id,
            "name": actor.name,
            "kind": actor.kind,
            "url": self.urls.url("actor", actor.id),
        }

    def location_ref(self, location_id: str) -> dict:
        loc = self.library.locations[location_id]
        return {
            "id": loc.id,
            "name": loc.name,
            "kind": loc.kind,
            "url": self.urls.url("location", loc.id),
        }

    def seed_ref(self, seed: Seed) -> dict:
        return {
            "id": seed.id,
            "title": seed.title,
            "url": self.urls.url("source", seed.id),
            "published": seed.published.human(),
            "source": seed.source,
        }

    # --- events -------------------------------------------------------------------

    def event_summary(self, event: Event) -> dict:
        return {
            "id": event.id,
            "title": event.title,
            "url": self.urls.url("event", event.id),
            "kind": event.kind,
            "date": date_view(event.date, event.end),
            "approximate": event.approximate,
            "upcoming": self.library.is_upcoming(event),
            "status": event.status,
            "actors": [self.actor_ref(a) for a in event.actors],
            "locations": [self.location_ref(loc) for loc in event.locations],
        }

    def event_detail(self, event: Event) -> dict:
        view = self.event_summary(event)
        view["body_html"] = render_markdown(event.body)
        view["sources"] = [
            {
                "quote": source.quote,
                "seed": self.seed_ref(self.library.seeds[source.seed]),
                "url": self.urls.url("source", source.seed) + "#" + quote_anchor(source.quote),
            }
            for source in event.sources
        ]
        index = self.position[event.id]
        neighbours = self.library.events
        view["previous"] = self.event_summary(neighbours[index - 1]) if index > 0 else None
        view["next"] = (
            self.event_summary(neighbours[index + 1]) if index + 1 < len(neighbours) else None
        )
        return view

    def timeline(self, events: list[Event] | None = None) -> list[dict]:
        """Events grouped by month, then by day; coarser dates lead their month."""
        groups = []
        events = self.library.events if events is None else events
        for (year, month), in_month in groupby(events, key=lambda e: (e.date.year, e.date.month)):
            in_month = list(in_month)
            label = f"{calendar.month_name[month]} {year}" if month else str(year)
            days = []
            for _, on_day in groupby(in_month, key=lambda e: (e.date.day, e.date.precision)):
                on_day = list(on_day)
                first = on_day[0].date
                days.append(
                    {
                        "label": _day_label(first),
                        "iso": first.iso()[:10],
                        "events": [self.event_summary(e) for e in on_day],
                    }
                )
            groups.append({"label": label, "id": f"m-{year}-{month or 0:02d}", "days": days})
        return groups

    # --- actors and locations -----------------------------------------------------

    def actor_detail(self, actor: Actor) -> dict:
        view = self.actor_ref(actor.id)
        affiliation = actor.affiliation
        events = self.library.events_by_actor[actor.id]
        view.update(
            aliases=list(actor.aliases),
            role=actor.role,
            kind_title=ACTOR_KIND_TITLES[actor.kind].rstrip("s").lower()
            if actor.kind != "person"
            else "person",
            affiliation=self.actor_ref(affiliation) if affiliation else None,
            members=[
                self.actor_ref(a.id)
                for a in self.library.actors.values()
                if a.affiliation == actor.id
            ],
            body_html=render_markdown(actor.body),
            events=[self.event_summary(e) for e in events],
            appears_with=[
                dict(self.actor_ref(other), count=count)
                for other, count in self.library.co_actors[actor.id]
            ],
            places=self._places_of(events),
        )
        return view

    def _places_of(self, events: list[Event]) -> list[dict]:
        seen = dict.fromkeys(loc for e in events for loc in e.locations)
        return [self.location_ref(loc) for loc in seen]

    def actor_groups(self) -> list[dict]:
        groups = []
        for kind, title in ACTOR_KIND_TITLES.items():
            members = [a for a in self.library.actors.values() if a.kind == kind]
            members.sort(key=lambda a: (-len(self.library.events_by_actor[a.id]), a.name))
            if members:
                groups.append(
                    {
                        "kind": kind,
                        "title": title,
                        "actors": [
                            dict(
                                self.actor_ref(a.id),
                                role=a.role,
                                count=len(self.library.events_by_actor[a.id]),
                            )
                            for a in members
                        ],
                    }
                )
        return groups

    def location_detail(self, location: Location) -> dict:
        view = self.location_ref(location.id)
        events = self.library.events_by_location[location.id]
        view.update(
            aliases=list(location.aliases),
            country=self.country_names.get(location.country or "", location.country or ""),
            coordinates=_coordinates_view(location.coordinates),
            body_html=render_markdown(location.body),
            events=[self.event_summary(e) for e in events],
            actors=[self.actor_ref(a) for a in dict.fromkeys(a for e in events for a in e.actors)],
        )
        return view

    def location_list(self) -> list[dict]:
        rows = []
        for loc in self.library.locations.values():
            rows.append(
                dict(
                    self.location_ref(loc.id),
                    country=self.country_names.get(loc.country or "", ""),
                    count=len(self.library.events_by_location[loc.id]),
                )
            )
        return sorted(rows, key=lambda r: (-r["count"], r["name"]))

    # --- sources ------------------------------------------------------------------

    def source_detail(self, seed: Seed) -> dict:
        events = self.library.events_by_seed[seed.id]
        citing: dict[str, list[dict]] = {}
        for event in events:
            for source in event.sources:
                if source.seed == seed.id:
                    citing.setdefault(normalise_space(source.quote), []).append(
                        {"title": event.title, "url": self.urls.url("event", event.id)}
                    )
        view = self.seed_ref(seed)
        view.update(
            url_original=seed.url,
            license=seed.license,
            paragraphs=[_anchor_paragraph(p, citing) for p in _paragraphs(seed.text)],
            events=[self.event_summary(e) for e in events],
        )
        return view

    # --- overview -----------------------------------------------------------------

    def overview(self, latest_count: int = 6) -> dict:
        events = self.library.events
        past = [e for e in events if not self.library.is_upcoming(e)]
        upcoming = [e for e in events if self.library.is_upcoming(e)]
        actors = sorted(
            self.library.actors.values(),
            key=lambda a: (-len(self.library.events_by_actor[a.id]), a.name),
        )
        places = self.location_list()
        intro = self.library.pages.get("index")
        return {
            "summary_html": render_markdown(intro.body) if intro else "",
            "title": intro.title if intro else self.library.config.title,
            "latest": [self.event_summary(e) for e in reversed(past[-latest_count:])],
            "upcoming": [self.event_summary(e) for e in upcoming],
            "key_actors": [
                dict(
                    self.actor_ref(a.id), role=a.role, count=len(self.library.events_by_actor[a.id])
                )
                for a in actors[:8]
            ],
            "key_places": places[:6],
            "counts": {
                "events": len(events),
                "actors": len(self.library.actors),
                "locations": len(self.library.locations),
                "sources": len(self.library.seeds),
            },
        }


def date_view(start: PartialDate, end: PartialDate | None) -> dict:
    """Everything a template needs to show an event's time at its true precision."""
    label = start.human()
    if end and end.iso() != start.iso():
        label = _span_label(start, end)
    return {
        "iso": start.iso(),
        "end_iso": end.iso() if end else "",
        "label": label,
        "precision": start.precision,
        "datetime": start.iso() if start.precision != "minute" else start.iso(),
    }


def _span_label(start: PartialDate, end: PartialDate) -> str:
    if (
        start.precision == end.precision == "day"
        and start.year == end.year
        and start.month == end.month
    ):
        return f"{start.day}–{end.day} {calendar.month_name[start.month]} {start.year}"
    return f"{start.human()} – {end.human()}"


def _day_label(when: PartialDate) -> str:
    if when.precision == "year":
        return f"During {when.year}"
    if when.precision == "month":
        return f"During {calendar.month_name[when.month]}"
    weekday = calendar.day_name[when.first_day().weekday()]
    return f"{weekday} {when.day} {calendar.month_name[when.month]}"


def _coordinates_view(coordinates) -> dict | None:
    if not coordinates:
        return None
    lat, lon = coordinates
    return {
        "lat": lat,
        "lon": lon,
        "label": f"{abs(lat):.4f}° {'N' if lat >= 0 else 'S'}, "
        f"{abs(lon):.4f}° {'E' if lon >= 0 else 'W'}",
    }


def _paragraphs(text: str) -> list[str]:
    """Blank lines or single newlines both separate paragraphs in a seed article."""
    return [normalise_space(p) for p in re.split(r"\n+", text) if p.strip()]


def _anchor_paragraph(paragraph: str, citing: dict[str, list[dict]]) -> list[dict]:
    """Split a paragraph into plain and cited segments; each cited one carries its anchor.

    A quote nested inside an already marked one gets its anchor on the outer segment
    (`also`), so every quote's link still lands on the sentence that contains it.
    """
    spans = sorted(
        (
            (start, start + len(quote), quote)
            for quote in citing
            if (start := paragraph.find(quote)) >= 0
        ),
        key=lambda s: (s[0], -s[1]),
    )
    segments: list[dict] = []
    cursor = 0
    for start, end, quote in spans:
        if start < cursor:
            segments[-1]["also"].append(quote_anchor(quote))
            segments[-1]["cited_by"].extend(citing[quote])
            continue
        if start > cursor:
            segments.append({"text": paragraph[cursor:start], "anchor": None})
        segments.append(
            {
                "text": paragraph[start:end],
                "anchor": quote_anchor(quote),
                "also": [],
                "cited_by": list(citing[quote]),
            }
        )
        cursor = end
    if cursor < len(paragraph):
        segments.append({"text": paragraph[cursor:], "anchor": None})
    return segments
