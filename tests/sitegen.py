"""Generate a large, valid briefing site for failure-safety tests and benchmarks.

Two variants of the same site differ in every page (the site title is on each one)
and in one event file each, so a mix of the two trees, or a stale file, is detectable.
"""

from __future__ import annotations

import random
from pathlib import Path

SEED_ID = "generated-article"


def _sentence(i: int) -> str:
    return f"Sentence number {i} reports that delegation {i % 97} met observers in town {i % 53}."


def generate_site(root: Path, events: int = 2000, variant: str = "a", rng_seed: int = 6) -> Path:
    """Write site.yaml, a seed, actors, locations and `events` event records under root."""
    rng = random.Random(rng_seed)
    actors = max(10, events // 20)
    locations = max(5, events // 40)
    _write(root / "site.yaml", f"title: Generated briefing {variant}\nbase_url: /\n")
    seed = "\n".join(_sentence(i) for i in range(events))
    _write(
        root / f"seeds/{SEED_ID}.md",
        f"---\ntitle: A generated article\npublished: 2025-06-30\n---\n{seed}\n",
    )
    for a in range(actors):
        kind = ("person", "organization", "state")[a % 3]
        _write(
            root / f"content/actors/actor-{a}.md",
            f"---\nname: Actor {a}\naliases: [A{a}]\nkind: {kind}\nrole: Role {a}\n"
            f"status: reviewed\n---\nProfile of actor {a}.\n",
        )
    for loc in range(locations):
        _write(
            root / f"content/locations/place-{loc}.md",
            f"---\nname: Place {loc}\nkind: city\ncountry: CH\n"
            f"coordinates: [{40 + loc % 10}.5, {5 + loc % 7}.25]\n---\n",
        )
    for e in range(events):
        if (e == 0 and variant == "b") or (e == 1 and variant == "a"):
            continue  # each variant lacks one event the other has: stale files show
        month, day = 1 + e % 12, 1 + e % 28
        cast = sorted({f"actor-{rng.randrange(actors)}" for _ in range(3)})
        _write(
            root / f"content/events/2025-{month:02d}-{day:02d}-event-{e}.md",
            f"---\ntitle: Event {e} of the generated briefing\ndate: 2025-{month:02d}-{day:02d}\n"
            f"kind: meeting\nactors: [{', '.join(cast)}]\n"
            f"locations: [place-{rng.randrange(locations)}]\n"
            f'sources:\n  - seed: {SEED_ID}\n    quote: "{_sentence(e)}"\n'
            f"status: reviewed\n---\nBody of event {e}, with *some* Markdown.\n",
        )
    return root


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
