"""What every page kind shares: references to records, and the summary of an event.

Templates get `{id, name, url}` style values, never records or paths (Zola's idea), so
presentation stays in templates and logic stays here and in the page kinds (kinds/).
"""

from __future__ import annotations

from collections.abc import Callable

from site_builder.content.library import Library
from site_builder.content.model import Event, Seed
from site_builder.render import periods
from site_builder.render.urls import Urls
from site_builder.render.wording import date_view


class Refs:
    """The library and URLs seen from a page: one per site plan, shared by every page."""

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
        self.position = {event.id: i for i, event in enumerate(library.events)}
        self.country_numbers = country_numbers or {}  # alpha-2 → ISO numeric, for maps
        self.memo: dict[str, object] = {}
        # event id → its summary: the same event is summed up on its own page, its
        # neighbours', the timeline and every actor's and place's page (issue 14).
        self._summaries: dict[str, tuple[Event, dict]] = {}
        # Called once per event in the long loops; the dev server makes it raise
        # Superseded once a newer save is known, so a 10,000-event page stops midway.
        self.checkpoint: Callable[[], None] = _carry_on

    def timeline_years(self) -> list[periods.Period] | None:
        """The timeline's years and months with a page each; None when it is one page."""
        if "timeline_years" not in self.memo:
            events = self.library.events
            self.memo["timeline_years"] = (
                periods.split(events) if len(events) > periods.ONE_PAGE_LIMIT else None
            )
        return self.memo["timeline_years"]

    def timeline_url(self, event: Event) -> str:
        """The timeline page listing an event, at the event."""
        years = self.timeline_years()
        if years is None:
            page = self.urls.url("timeline")
        else:
            page = self.urls.url("timeline_period", periods.find(years, event).id)
        return f"{page}#ev-{event.id}"

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

    def event_summary(self, event: Event) -> dict:
        """A new dict each time (pages add keys to theirs), sharing the made values."""
        self.checkpoint()
        known = self._summaries.get(event.id)
        if known is None or known[0] is not event:
            known = self._summaries[event.id] = (event, self._summary(event))
        return known[1].copy()

    def _summary(self, event: Event) -> dict:
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


def _carry_on() -> None:
    pass
