"""Source pages (/sources/<seed>/): the article, each cited sentence anchored and linked."""

from __future__ import annotations

import re
from collections.abc import Iterator

from site_builder.content.library import normalise_space, quote_anchor
from site_builder.content.model import Seed
from site_builder.diagnostics import Problems
from site_builder.render.page import PlannedPage
from site_builder.render.refs import Refs


def plan(refs: Refs, data, problems: Problems) -> Iterator[PlannedPage]:
    for seed in refs.library.seeds.values():
        yield PlannedPage(
            refs.urls.url("source", seed.id),
            "source.html",
            seed.title,
            lambda seed=seed: {"source": source_detail(refs, seed)},
            "source",
        )


def source_detail(refs: Refs, seed: Seed) -> dict:
    events = refs.library.events_by_seed[seed.id]
    citing: dict[str, list[dict]] = {}
    for event in events:
        for source in event.sources:
            if source.seed == seed.id:
                citing.setdefault(normalise_space(source.quote), []).append(
                    {"title": event.title, "url": refs.urls.url("event", event.id)}
                )
    view = refs.seed_ref(seed)
    view.update(
        url_original=seed.url,
        license=seed.license,
        paragraphs=[_anchor_paragraph(p, citing) for p in _paragraphs(seed.text)],
        events=[refs.event_summary(e) for e in events],
    )
    return view


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
