"""The extraction pipeline for one article: text → sentences → entities → events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from site_builder.ingest.entities import EntityFinder
from site_builder.ingest.events import read_sentence
from site_builder.ingest.gazetteer import gazetteer
from site_builder.ingest.happenings import Event
from site_builder.ingest.mentions import Entities, Known
from site_builder.ingest.sentences import Sentence, split_sentences
from site_builder.ingest.timeline import build_events
from site_builder.ingest.whereabouts import locate_events


@dataclass
class Extraction:
    sentences: list[Sentence]
    entities: Entities
    events: list[Event]


def extract(text: str, published: date, known: list[Known] = (), title: str = "") -> Extraction:
    sentences = split_sentences(text, title)
    entities = EntityFinder(sentences, gazetteer(), list(known)).run()
    body = [s.index for s in sentences if not s.heading]
    lede = body[0] if body else -1
    readings = [read_sentence(s, entities, published, s.index == lede) for s in sentences]
    events = build_events(readings, entities, published)
    locate_events(events, sentences, entities)
    return Extraction(sentences, entities, events)
