"""Generate a valid briefing site of any size, for benchmarks.

Names are synthetic (actor-0001, city-0001); every quote is copied from its seed so the
provenance check passes, and every reference exists, so the site builds cleanly.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

EVENTS_PER_SEED = 10
KINDS = ("talks", "strike", "statement", "meeting", "visit", "announcement", "report")
COUNTRIES = ("FR", "DE", "GB", "US", "UA", "PL", "IT", "ES", "CH", "NL")


def sentence(seed: int, n: int) -> str:
    return f"Report {seed} sentence {n}: delegates from several states met and issued a statement."


def generate(root: Path, events: int, seed: int = 1) -> Path:
    """Write site.yaml, seeds and records for `events` events under root; return root."""
    rng = random.Random(seed)
    actors = max(20, events // 20)
    locations = max(10, events // 40)
    seeds = max(1, events // EVENTS_PER_SEED)
    _write(root / "site.yaml", f"title: Generated briefing ({events} events)\nbase_url: /\n")
    _write(root / "content/index.md", "---\ntitle: Generated briefing\n---\nA generated site.\n")
    for s in range(seeds):
        text = "\n".join(sentence(s, n) for n in range(EVENTS_PER_SEED))
        _write(
            root / f"seeds/s{s:05d}.md",
            f"---\ntitle: Article {s}\npublished: 2025-06-{1 + s % 28:02d}\n---\n{text}\n",
        )
    for a in range(actors):
        _write(
            root / f"content/actors/actor-{a:05d}.md",
            f"---\nname: Actor {a}\nkind: {('person', 'organization', 'state')[a % 3]}\n"
            f"role: Role {a}\nstatus: reviewed\n---\nProfile of actor {a}.\n",
        )
    for c in range(locations):
        _write(
            root / f"content/locations/city-{c:05d}.md",
            f"---\nname: City {c}\nkind: city\ncountry: {COUNTRIES[c % len(COUNTRIES)]}\n"
            f"coordinates: [{rng.uniform(-60, 60):.4f}, {rng.uniform(-170, 170):.4f}]\n"
            "status: reviewed\n---\n",
        )
    for e in range(events):
        _write(root / event_path(e), event_text(e, rng, actors, locations, seeds))
    return root


def event_path(e: int) -> str:
    return f"content/events/event-{e:06d}.md"


def event_text(
    e: int, rng: random.Random, actors: int, locations: int, seeds: int, title: str = ""
) -> str:
    who = sorted(rng.sample(range(actors), 3))
    where = rng.randrange(locations)
    s = e % seeds
    month, day = 1 + (e // 28) % 12, 1 + e % 28
    return (
        "---\n"
        f"title: {title or f'Event {e} in the generated briefing'}\n"
        f"date: 2025-{month:02d}-{day:02d}\n"
        f"kind: {KINDS[e % len(KINDS)]}\n"
        f"actors: [{', '.join(f'actor-{a:05d}' for a in who)}]\n"
        f"locations: [city-{where:05d}]\n"
        "sources:\n"
        f"  - seed: s{s:05d}\n"
        f'    quote: "{sentence(s, (e // seeds) % EVENTS_PER_SEED)}"\n'
        "status: reviewed\n"
        "---\n"
        f"Event {e} happened. *Delegates* met and talked for a while.\n"
    )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--events", type=int, default=1000)
    args = parser.parse_args()
    generate(args.root, args.events)
    print(f"generated {args.events} events in {args.root}")


if __name__ == "__main__":
    main()
