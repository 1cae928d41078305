"""Location pages: the index (/locations/, with the map of every place) and one per place."""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.content.model import Location
from site_builder.diagnostics import Problems
from site_builder.render import maps
from site_builder.render.kinds import record_periods
from site_builder.render.markup import render_markdown
from site_builder.render.page import PlannedPage
from site_builder.render.refs import Refs
from site_builder.render.structured import StructuredData
from site_builder.render.wording import join_names

CAPTION_PLACES = 15  # places named in a map's caption; the list beside it names them all


def plan_index(refs: Refs, data: StructuredData, problems: Problems) -> Iterator[PlannedPage]:
    yield PlannedPage(
        refs.urls.url("locations"),
        "locations.html",
        "Locations",
        lambda: {"locations": location_list(refs), "map": places_map(refs)},
        "locations",
    )


def plan(refs: Refs, data: StructuredData, problems: Problems) -> Iterator[PlannedPage]:
    for location in refs.library.locations.values():
        yield PlannedPage(
            refs.urls.url("location", location.id),
            "location.html",
            location.name,
            lambda location=location: {
                "location": location_detail(refs, location),
                "jsonld": data.location(location),
            },
            "location",
        )
        yield from record_periods.plan(
            refs,
            refs.library.events_by_location[location.id],
            "location_period",
            location.id,
            location.name,
            refs.location_ref(location.id),
            "record_period.html",
            "location",
        )


def location_detail(refs: Refs, location: Location) -> dict:
    view = refs.location_ref(location.id)
    events = refs.library.events_by_location[location.id]
    view.update(
        aliases=list(location.aliases),
        country=refs.country_names.get(location.country or "", location.country or ""),
        coordinates=_coordinates_view(location.coordinates),
        body_html=render_markdown(location.body),
        **record_periods.summary(refs, events, "location_period", location.id),
        actors=[refs.actor_ref(a) for a in dict.fromkeys(a for e in events for a in e.actors)],
        map=location_map(refs, location),
    )
    return view


def location_list(refs: Refs) -> list[dict]:
    rows = []
    for loc in refs.library.locations.values():
        rows.append(
            dict(
                refs.location_ref(loc.id),
                country=refs.country_names.get(loc.country or "", ""),
                count=len(refs.library.events_by_location[loc.id]),
            )
        )
    return sorted(rows, key=lambda r: (-r["count"], r["name"]))


def _places(refs: Refs) -> list[maps.Place]:
    return [
        maps.Place(
            loc.id,
            loc.name,
            loc.coordinates[0],
            loc.coordinates[1],
            len(refs.library.events_by_location[loc.id]),
        )
        for loc in refs.library.locations.values()
        if loc.coordinates
    ]


def _involved_countries(refs: Refs) -> set[str]:
    codes = {loc.country for loc in refs.library.locations.values() if loc.country}
    return {refs.country_numbers[c] for c in codes if c in refs.country_numbers}


def places_map(refs: Refs) -> dict | None:
    """Every place with coordinates, sized by its number of events."""
    if "places_map" not in refs.memo:  # drawn for both the overview and /locations/
        refs.memo["places_map"] = _draw_places_map(refs)
    return refs.memo["places_map"]


def _draw_places_map(refs: Refs) -> dict | None:
    places = _places(refs)
    if not places:
        return None
    extent = maps.fit_extent([(p.lat, p.lon) for p in places], min_span=14)
    view = maps.draw_map(extent, places, _involved_countries(refs))
    view["caption"] = _places_caption(places, len(refs.library.locations))
    return view


def location_map(refs: Refs, location: Location) -> dict | None:
    """The place itself, with the briefing's other places nearby for context."""
    if not location.coordinates:
        return None
    focus = refs.country_numbers.get(location.country or "")
    outline = next((c for c in maps.load_countries() if c.id == focus), None)
    if location.kind == "country" and outline is not None:
        extent = maps.country_extent(outline)
    else:
        extent = maps.fit_extent([location.coordinates], min_span=18)
    view = maps.draw_map(extent, _places(refs), set(), focus=focus)
    for marker in view["markers"]:
        marker["focus"] = marker["id"] == location.id
    lat, lon = location.coordinates
    others = [m["name"] for m in view["markers"] if m["id"] != location.id]
    view["caption"] = f"{location.name} on the map ({_coordinates_view((lat, lon))['label']})" + (
        f", with {join_names(others)} nearby." if others else "."
    )
    return view


def _places_caption(places: list[maps.Place], total: int) -> str:
    ranked = sorted(places, key=lambda p: (-p.weight, p.name))
    parts = [
        f"{p.name} ({p.weight} {'event' if p.weight == 1 else 'events'})"
        for p in ranked[:CAPTION_PLACES]
    ]
    if len(ranked) > CAPTION_PLACES:  # the caption keeps its size; the list has every place
        parts.append(f"{len(ranked) - CAPTION_PLACES} more places with fewer events")
    text = f"Map of {len(places)} {'place' if len(places) == 1 else 'places'}: {join_names(parts)}."
    if total > len(places):
        text += f" {total - len(places)} more without coordinates are listed below."
    return text + " Circle size shows the number of events."


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
