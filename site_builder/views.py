"""Records → plain dicts for templates, with every reference already resolved.

Templates get `{id, name, url}` style values, never records or paths (Zola's idea), so
presentation stays in templates and logic stays here.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable
from datetime import date
from itertools import groupby

from site_builder import maps, network, timescale
from site_builder.library import Library, normalise_space, quote_anchor
from site_builder.markup import render_markdown
from site_builder.model import Actor, Event, Location, PartialDate, Seed
from site_builder.urls import Urls

ACTOR_KIND_TITLES = {"person": "People", "organization": "Organisations", "state": "States"}
SPARK_WIDTH = 120  # width of the activity sparklines on the overview, in CSS px
NETWORK_LIMIT = 30  # actors in the network picture; more would be unreadable
QUIET_DAYS = 3  # a stretch this long without events is called out in the timeline list


class Views:
    def __init__(
        self,
        library: Library,
        urls: Urls,
        country_names: dict[str, str],
        country_numbers: dict[str, str] | None = None,
    ):
        self.library = library
        self.urls = urls
        self.country_names = country_names
        # Position of each event on the timeline; list.index() made pages quadratic.
        self._position = {event.id: i for i, event in enumerate(library.events)}
        self.country_numbers = country_numbers or {}  # alpha-2 → ISO numeric, for maps
        self._memo: dict[str, dict | None] = {}
        # Called once per event in the long loops; the dev server makes it raise
        # Superseded once a newer save is known, so a 10,000-event page stops midway.
        self.checkpoint: Callable[[], None] = _carry_on

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
        self.checkpoint()
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
        index = self._position[event.id]
        neighbours = self.library.events
        view["previous"] = self.event_summary(neighbours[index - 1]) if index > 0 else None
        view["next"] = (
            self.event_summary(neighbours[index + 1]) if index + 1 < len(neighbours) else None
        )
        return view

    def timeline(self, events: list[Event] | None = None) -> list[dict]:
        """Events grouped by month, then by day; coarser dates lead their month.

        A day that follows a quiet stretch carries `gap_before` (days without a dated
        event), so the list tells what the time-scale strip shows (issue 7).
        """
        groups = []
        events = self.library.events if events is None else events
        last_dated: date | None = None
        for (year, month), in_month in groupby(events, key=lambda e: (e.date.year, e.date.month)):
            in_month = list(in_month)
            label = f"{calendar.month_name[month]} {year}" if month else str(year)
            days = []
            for _, on_day in groupby(in_month, key=lambda e: (e.date.day, e.date.precision)):
                on_day = list(on_day)
                first = on_day[0].date
                gap = 0
                if first.precision in ("day", "minute"):
                    if last_dated is not None:
                        gap = (first.first_day() - last_dated).days - 1
                    ends = [(e.end or e.date).last_day() for e in on_day]
                    last_dated = max([*ends, last_dated] if last_dated else ends)
                days.append(
                    {
                        "label": _day_label(first),
                        "iso": first.iso()[:10],
                        "gap_before": gap if gap >= QUIET_DAYS else 0,
                        "events": [self.event_summary(e) for e in on_day],
                    }
                )
            groups.append({"label": label, "id": f"m-{year}-{month or 0:02d}", "days": days})
        return groups

    def time_strip(self, events: list[Event] | None = None) -> dict | None:
        """The timeline on a true time scale, with a text equivalent (issue 7)."""
        events = self.library.events if events is None else events
        upcoming = {e.id for e in events if self.library.is_upcoming(e)}
        strip = timescale.layout(events, self.library.as_of, upcoming)
        if strip is None:
            return None
        by_id = {e.id: e for e in events}
        for mark in strip["marks"]:
            self.checkpoint()
            event = by_id[mark["id"]]
            mark["url"] = self.urls.url("event", event.id)
            mark["title"] = _mark_title(event, event.id in upcoming)
        strip["summary"] = _strip_summary(events, upcoming)
        return strip

    def timeline_filters(self) -> dict:
        """Choices for the actor, place and kind filters: only values some event uses."""
        events = self.library.events
        actor_counts = Counter(a for e in events for a in e.actors)
        location_counts = Counter(loc for e in events for loc in e.locations)
        kind_counts = Counter(e.kind for e in events)
        return {
            "actors": sorted(
                (dict(self.actor_ref(a), count=n) for a, n in actor_counts.items()),
                key=lambda r: r["name"].casefold(),
            ),
            "locations": sorted(
                (dict(self.location_ref(loc), count=n) for loc, n in location_counts.items()),
                key=lambda r: r["name"].casefold(),
            ),
            "kinds": [{"id": k, "name": k, "count": n} for k, n in sorted(kind_counts.items())],
        }

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

    def actor_network(self, limit: int = NETWORK_LIMIT) -> dict | None:
        """The most involved actors and who appears with whom, laid out at build time."""
        library = self.library
        ranked = sorted(
            (a for a in library.actors.values() if library.events_by_actor[a.id]),
            key=lambda a: (-len(library.events_by_actor[a.id]), a.name),
        )[:limit]
        if len(ranked) < 2:
            return None
        chosen = {a.id for a in ranked}
        edges = {
            (a, other): count
            for a in sorted(chosen)
            for other, count in library.co_actors[a]
            if other in chosen and a < other
        }
        nodes = [
            network.Node(a.id, a.name, a.kind, len(library.events_by_actor[a.id]))
            for a in sorted(ranked, key=lambda a: (a.kind, a.id))
        ]
        view = network.layout(nodes, edges)
        names = {a.id: a.name for a in ranked}
        pairs = sorted(
            edges.items(), key=lambda item: (-item[1], names[item[0][0]], names[item[0][1]])
        )
        view["pairs"] = [
            {"a": self.actor_ref(a), "b": self.actor_ref(b), "count": count}
            for (a, b), count in pairs
        ]
        strongest = [f"{names[a]} and {names[b]} ({n})" for (a, b), n in pairs[:3]]
        active = sum(1 for a in library.actors.values() if library.events_by_actor[a.id])
        who = (
            f"The {len(ranked)} most involved of {active} actors"
            if active > len(ranked)
            else f"All {len(ranked)} actors who appear in events"
        )
        view["caption"] = (
            f"{who}; a line joins two actors who appear in the same event, thicker for more "
            "shared events." + (f" Strongest ties: {_join(strongest)}." if strongest else "")
        )
        return view

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
            map=self.location_map(location),
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

    # --- maps (issue 7) -----------------------------------------------------------

    def _places(self) -> list[maps.Place]:
        return [
            maps.Place(
                loc.id,
                loc.name,
                loc.coordinates[0],
                loc.coordinates[1],
                len(self.library.events_by_location[loc.id]),
            )
            for loc in self.library.locations.values()
            if loc.coordinates
        ]

    def _involved_countries(self) -> set[str]:
        codes = {loc.country for loc in self.library.locations.values() if loc.country}
        return {self.country_numbers[c] for c in codes if c in self.country_numbers}

    def places_map(self) -> dict | None:
        """Every place with coordinates, sized by its number of events."""
        if "places_map" not in self._memo:  # drawn for both the overview and /locations/
            self._memo["places_map"] = self._draw_places_map()
        return self._memo["places_map"]

    def _draw_places_map(self) -> dict | None:
        places = self._places()
        if not places:
            return None
        extent = maps.fit_extent([(p.lat, p.lon) for p in places], min_span=14)
        view = maps.draw_map(extent, places, self._involved_countries())
        view["caption"] = _places_caption(places, len(self.library.locations))
        return view

    def location_map(self, location: Location) -> dict | None:
        """The place itself, with the briefing's other places nearby for context."""
        if not location.coordinates:
            return None
        focus = self.country_numbers.get(location.country or "")
        outline = next((c for c in maps.load_countries() if c.id == focus), None)
        if location.kind == "country" and outline is not None:
            extent = maps.country_extent(outline)
        else:
            extent = maps.fit_extent([location.coordinates], min_span=18)
        view = maps.draw_map(extent, self._places(), set(), focus=focus)
        for marker in view["markers"]:
            marker["focus"] = marker["id"] == location.id
        lat, lon = location.coordinates
        others = [m["name"] for m in view["markers"] if m["id"] != location.id]
        view["caption"] = (
            f"{location.name} on the map ({_coordinates_view((lat, lon))['label']})"
            + (f", with {_join(others)} nearby." if others else ".")
        )
        return view

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
        """The briefing at a glance (issue 7): summary, latest, next, who, when and where."""
        library = self.library
        events = library.events
        past = [e for e in events if not library.is_upcoming(e)]
        upcoming = [e for e in events if library.is_upcoming(e)]
        actors = sorted(
            library.actors.values(),
            key=lambda a: (-len(library.events_by_actor[a.id]), a.name),
        )
        scale = timescale.make_scale(events, library.as_of)
        upcoming_ids = {e.id for e in upcoming}

        def sparkline(evs: list[Event]) -> list[dict]:
            if scale is None:
                return []
            return timescale.activity(evs, scale, SPARK_WIDTH, upcoming_ids)

        intro = library.pages.get("index")
        return {
            "summary_html": render_markdown(intro.body) if intro else "",
            "title": intro.title if intro else library.config.title,
            "latest": [self.event_summary(e) for e in reversed(past[-latest_count:])],
            # The soonest few: a briefing that schedules hundreds keeps the rest on the timeline.
            "upcoming": [self.event_summary(e) for e in upcoming[:latest_count]],
            "upcoming_more": max(0, len(upcoming) - latest_count),
            "key_actors": [
                dict(
                    self.actor_ref(a.id),
                    role=a.role,
                    count=len(library.events_by_actor[a.id]),
                    activity=sparkline(library.events_by_actor[a.id]),
                )
                for a in actors[:8]
                if library.events_by_actor[a.id]
            ],
            "key_places": [
                dict(place, activity=sparkline(library.events_by_location[place["id"]]))
                for place in self.location_list()[:6]
                if place["count"]
            ],
            "spark": {
                "width": SPARK_WIDTH,
                "as_of": round(scale.x(library.as_of, 1.0) * SPARK_WIDTH / timescale.WIDTH, 1)
                if scale and library.as_of
                else None,
            },
            "strip": self.time_strip(),
            "map": self.places_map(),
            "counts": {
                "events": len(events),
                "actors": len(library.actors),
                "locations": len(library.locations),
                "sources": len(library.seeds),
            },
        }


def _carry_on() -> None:
    pass


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


def _mark_title(event: Event, upcoming: bool) -> str:
    """Hover text of a mark on the time strip: date, title and how sure the date is."""
    notes = []
    if event.date.precision in ("month", "year"):
        notes.append(f"{event.date.precision} only")
    if event.approximate:
        notes.append("approximate date")
    if upcoming:
        notes.append("scheduled")
    label = date_view(event.date, event.end)["label"]
    return f"{label}: {event.title}" + (f" ({', '.join(notes)})" if notes else "")


def _strip_summary(events: list[Event], upcoming: set[str]) -> str:
    """The strip in words: range, busiest day and longest quiet stretch."""
    first, last = events[0], max(events, key=lambda e: (e.end or e.date).last_day())
    end = last.end or last.date
    text = (
        f"{len(events)} {'event' if len(events) == 1 else 'events'} "
        f"from {first.date.human()} to {end.human()}"
    )
    if upcoming:
        text += f", {len(upcoming)} of them scheduled"
    days = Counter(e.date.first_day() for e in events if e.date.precision in ("day", "minute"))
    if days:
        busiest, count = sorted(days.items(), key=lambda item: (-item[1], item[0]))[0]
        if count > 1:
            text += f". Busiest day: {_long_date(busiest)}, {count} events"
    quiet = _longest_quiet(_covered_days(events))
    if quiet:
        start, length = quiet
        text += f". Longest stretch without a dated event: {length} days from {_long_date(start)}"
    return text + "."


def _covered_days(events: list[Event]) -> list[date]:
    """Every day some day-precision event (or span) falls on, in order."""
    covered = set()
    for event in events:
        if event.date.precision not in ("day", "minute"):
            continue
        first, last = event.date.first_day(), (event.end or event.date).last_day()
        covered.update(date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1))
    return sorted(covered)


def _longest_quiet(days: list[date]) -> tuple[date, int] | None:
    best = None
    for before, after in zip(days, days[1:], strict=False):
        length = (after - before).days - 1
        if length >= QUIET_DAYS and (best is None or length > best[1]):
            best = (date.fromordinal(before.toordinal() + 1), length)
    return best


def _long_date(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def _places_caption(places: list[maps.Place], total: int) -> str:
    ranked = sorted(places, key=lambda p: (-p.weight, p.name))
    parts = [f"{p.name} ({p.weight} {'event' if p.weight == 1 else 'events'})" for p in ranked]
    text = f"Map of {len(places)} {'place' if len(places) == 1 else 'places'}: {_join(parts)}."
    if total > len(places):
        text += f" {total - len(places)} more without coordinates are listed below."
    return text + " Circle size shows the number of events."


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


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
