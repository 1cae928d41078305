"""schema.org JSON-LD for event, actor and location pages (issue 5).

Returned as plain dicts; templates serialise them with Jinja's `tojson`, which escapes
`<`, `>` and `&` so no value can close the surrounding <script> element.
"""

from __future__ import annotations

from site_builder.content.library import Library
from site_builder.content.model import Actor, Event, Location
from site_builder.render.urls import Urls

ACTOR_TYPES = {
    "person": "Person",
    "organization": "Organization",
    "state": "GovernmentOrganization",
}


class StructuredData:
    def __init__(self, library: Library, urls: Urls):
        self.library = library
        self.urls = urls

    def _actor_node(self, actor: Actor) -> dict:
        return {
            "@type": ACTOR_TYPES[actor.kind],
            "name": actor.name,
            "url": self.urls.absolute(self.urls.url("actor", actor.id)),
        }

    def _place_node(self, location: Location) -> dict:
        node = {
            "@type": "Place",
            "name": location.name,
            "url": self.urls.absolute(self.urls.url("location", location.id)),
        }
        if location.coordinates:
            lat, lon = location.coordinates
            node["geo"] = {"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}
        if location.country:
            node["address"] = {"@type": "PostalAddress", "addressCountry": location.country}
        return node

    def event(self, event: Event) -> dict:
        node = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": event.title,
            "startDate": event.date.iso(),
            "url": self.urls.absolute(self.urls.url("event", event.id)),
            "eventStatus": "https://schema.org/EventScheduled",
        }
        if event.end:
            node["endDate"] = event.end.iso()
        places = [self._place_node(self.library.locations[loc]) for loc in event.locations]
        if places:
            node["location"] = places if len(places) > 1 else places[0]
        actors = [self._actor_node(self.library.actors[a]) for a in event.actors]
        if actors:
            node["actor"] = actors
        seeds = dict.fromkeys(s.seed for s in event.sources)
        if seeds:
            node["citation"] = [
                {
                    "@type": "NewsArticle",
                    "headline": self.library.seeds[s].title,
                    "datePublished": self.library.seeds[s].published.iso(),
                    "url": self.urls.absolute(self.urls.url("source", s)),
                }
                for s in seeds
            ]
        return node

    def actor(self, actor: Actor) -> dict:
        node = {"@context": "https://schema.org", **self._actor_node(actor)}
        if actor.aliases:
            node["alternateName"] = list(actor.aliases)
        if actor.role:
            node["jobTitle" if actor.kind == "person" else "description"] = actor.role
        if actor.affiliation:
            parent = self._actor_node(self.library.actors[actor.affiliation])
            node["affiliation" if actor.kind == "person" else "parentOrganization"] = parent
        return node

    def location(self, location: Location) -> dict:
        node = {"@context": "https://schema.org", **self._place_node(location)}
        if location.aliases:
            node["alternateName"] = list(location.aliases)
        return node
