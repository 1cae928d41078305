"""Actor pages: the index (/actors/, by kind, with the network) and one page per actor."""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.content.model import Actor, Event
from site_builder.diagnostics import Problems
from site_builder.render import network
from site_builder.render.kinds import record_periods
from site_builder.render.markup import render_markdown
from site_builder.render.page import PlannedPage
from site_builder.render.refs import Refs
from site_builder.render.structured import StructuredData
from site_builder.render.wording import join_names

ACTOR_KIND_TITLES = {"person": "People", "organization": "Organisations", "state": "States"}
NETWORK_LIMIT = 30  # actors in the network picture; more would be unreadable


def plan_index(refs: Refs, data: StructuredData, problems: Problems) -> Iterator[PlannedPage]:
    yield PlannedPage(
        refs.urls.url("actors"),
        "actors.html",
        "Actors",
        lambda: {"groups": actor_groups(refs), "network": actor_network(refs)},
        "actors",
    )


def plan(refs: Refs, data: StructuredData, problems: Problems) -> Iterator[PlannedPage]:
    for actor in refs.library.actors.values():
        yield PlannedPage(
            refs.urls.url("actor", actor.id),
            "actor.html",
            actor.name,
            lambda actor=actor: {"actor": actor_detail(refs, actor), "jsonld": data.actor(actor)},
            "actor",
        )
        yield from record_periods.plan(
            refs,
            refs.library.events_by_actor[actor.id],
            "actor_period",
            actor.id,
            actor.name,
            refs.actor_ref(actor.id),
            "record_period.html",
            "actor",
        )


def _members(refs: Refs) -> dict[str, list[str]]:
    """Affiliation → its members' ids, once per plan: not a walk of every actor per page."""
    if "members" not in refs.memo:
        members: dict[str, list[str]] = {}
        for other in refs.library.actors.values():
            if other.affiliation:
                members.setdefault(other.affiliation, []).append(other.id)
        refs.memo["members"] = members
    return refs.memo["members"]


def actor_detail(refs: Refs, actor: Actor) -> dict:
    view = refs.actor_ref(actor.id)
    affiliation = actor.affiliation
    events = refs.library.events_by_actor[actor.id]
    view.update(
        aliases=list(actor.aliases),
        role=actor.role,
        kind_title=ACTOR_KIND_TITLES[actor.kind].rstrip("s").lower()
        if actor.kind != "person"
        else "person",
        affiliation=refs.actor_ref(affiliation) if affiliation else None,
        members=[refs.actor_ref(member) for member in _members(refs).get(actor.id, ())],
        body_html=render_markdown(actor.body),
        **record_periods.summary(refs, events, "actor_period", actor.id),
        appears_with=[
            dict(refs.actor_ref(other), count=count)
            for other, count in refs.library.co_actors[actor.id]
        ],
        places=_places_of(refs, events),
    )
    return view


def _places_of(refs: Refs, events: list[Event]) -> list[dict]:
    seen = dict.fromkeys(loc for e in events for loc in e.locations)
    return [refs.location_ref(loc) for loc in seen]


def actor_groups(refs: Refs) -> list[dict]:
    groups = []
    for kind, title in ACTOR_KIND_TITLES.items():
        members = [a for a in refs.library.actors.values() if a.kind == kind]
        members.sort(key=lambda a: (-len(refs.library.events_by_actor[a.id]), a.name))
        if members:
            groups.append(
                {
                    "kind": kind,
                    "title": title,
                    "actors": [
                        dict(
                            refs.actor_ref(a.id),
                            role=a.role,
                            count=len(refs.library.events_by_actor[a.id]),
                        )
                        for a in members
                    ],
                }
            )
    return groups


def actor_network(refs: Refs, limit: int = NETWORK_LIMIT) -> dict | None:
    """The most involved actors and who appears with whom, laid out at build time."""
    library = refs.library
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
    pairs = sorted(edges.items(), key=lambda item: (-item[1], names[item[0][0]], names[item[0][1]]))
    view["pairs"] = [
        {"a": refs.actor_ref(a), "b": refs.actor_ref(b), "count": count} for (a, b), count in pairs
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
        "shared events." + (f" Strongest ties: {join_names(strongest)}." if strongest else "")
    )
    return view
