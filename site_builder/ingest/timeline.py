"""Candidates in article order → events: the Timeline's state and its per-sentence driver.

Timeline.add takes one sentence's reading and either attaches the sentence to an event
already drafted or places its candidates: filling in actors, dating them and merging them.
A sentence with no happening of its own in the same paragraph ('No deaths have been
confirmed') supports the last event. The stages live in mixins, each its own module:

- statements.py: who said what, and which event a statement belongs to;
- references.py: what 'the decision', 'the group', 'the two companies' point back to;
- dating.py: a candidate's time, from its own words or its context;
- merging.py: candidates about one happening become one event (tests in happenings.py).

This module owns the state they share (events, context, last event, sentence and person).
"""

from __future__ import annotations

import re
from datetime import date

from site_builder.ingest.dating import Dating
from site_builder.ingest.events import Candidate, Reading
from site_builder.ingest.happenings import Event
from site_builder.ingest.mentions import Entities
from site_builder.ingest.merging import Merging
from site_builder.ingest.references import References
from site_builder.ingest.statements import Statements
from site_builder.ingest.timex import When

_PERSON_SUBJECT_RE = re.compile(r"^\W*(?:he|she)\b", re.IGNORECASE)
_IT_SUBJECT_RE = re.compile(r"^\W*(?:(?:last|this|next|on|in) \w+ )?(?:it|they)\b", re.IGNORECASE)


class Timeline(Merging, Dating, Statements, References):
    def __init__(self, entities: Entities, published: date, paragraphs: dict[int, int]):
        self.entities = entities
        self._paragraphs = paragraphs
        self.published = published
        self.events: list[Event] = []
        self.context: When | None = None
        self.last_event: Event | None = None
        self.last_sentence = (-1, -1)  # (index, paragraph) of the last sentence used
        self.last_person: tuple[str, str] | None = None

    # ------------------------------------------------------------------ driver
    def add(self, reading: Reading) -> None:
        sentence = reading.sentence
        if sentence.heading:
            self.last_event = None
            return
        speaker = reading.speaker or (self.last_person if reading.speaker_is_pronoun else None)
        pending = [c for c in reading.candidates if not self._comments(c, reading)]
        if reading.candidates and not pending:
            return self._remember(speaker, reading)
        candidates = [c for c in pending if not self._inherits_speech(c, reading)]
        said = [c for c in pending if c not in candidates]
        if reading.reports or said:
            # 'the judge said as she read the verdict': words spoken at the event named
            referenced = next(filter(None, (self._reference(a) for a in reading.anchors)), None)
            target = referenced or self._statement_target(speaker, said)
            if target and not candidates:
                return self._support(target, sentence.index)
        if reading.continues and not any(c.when for c in candidates) and self._follows():
            return self._support(self.last_event, sentence.index)
        referenced = self._referenced(reading.refers) if reading.refers else None
        if referenced and not candidates:
            return self._support(referenced, sentence.index)
        if not candidates:
            if self._follows() and sentence.index not in self.last_event.sentences:
                self._support(self.last_event, sentence.index)
            return self._remember(speaker, reading)
        self._place_candidates(reading, candidates, speaker)
        self._remember(speaker, reading)

    def _remember(self, speaker, reading: Reading) -> None:
        if speaker and self._is_person(speaker):
            self.last_person = speaker
            return
        for candidate in reading.candidates:
            people = [a for a in candidate.actors if self._is_person(a)]
            if people:
                self.last_person = people[0]
                return

    def _support(self, event: Event | None, index: int) -> None:
        if event is None:
            return
        if index not in event.sentences:
            event.sentences.append(index)
        self.last_event = event
        self.context = event.when
        self.last_sentence = (index, self._paragraph(index))

    def _follows(self) -> bool:
        """The previous sentence, in this paragraph, belonged to an event."""
        return self.last_event is not None and self.last_sentence[0] >= 0

    def _paragraph(self, index: int) -> int:
        return self._paragraphs.get(index, -1)

    # ------------------------------------------------------------------ placing
    def _place_candidates(self, reading: Reading, candidates: list[Candidate], speaker) -> None:
        ordered = sorted(candidates, key=lambda c: c.clause.role != "main")
        first = ordered[0].actors[:1]
        for candidate in ordered[1:]:  # '…, and last week it filed notices': the main's
            if first and _IT_SUBJECT_RE.match(candidate.clause.text(reading.sentence.text)):
                candidate.actors = list(dict.fromkeys([*first, *candidate.actors]))
        speaker = speaker or self.last_person
        if speaker and self._is_person(speaker):
            for candidate in ordered:  # 'She urged the group to …': she acts
                if _PERSON_SUBJECT_RE.match(candidate.clause.text(reading.sentence.text)):
                    candidate.actors = [speaker, *(a for a in candidate.actors if a != speaker)]
        main = ordered[0]
        if self._extends_last(main, reading):
            return
        for actor in reading.extra_actors:
            if actor not in main.actors:
                main.actors.append(actor)
        group = self._plural_reference(reading.sentence.text)
        for candidate in ordered:
            if group and not candidate.actors:
                candidate.actors = list(group)
            if not candidate.actors:
                text = candidate.clause.text(reading.sentence.text)
                if candidate.clause.role == "relative":  # 'The company, which went public …'
                    text = reading.sentence.text[: candidate.clause.start]
                candidate.actors = self._organisation_reference(text)
            self._speaker_employer(candidate, reading)
        dated: list[tuple[Candidate, When, str]] = []
        for candidate in ordered:
            when, note = self._date(candidate, reading, dated)
            self._inherit_attacker(candidate)
            dated.append((candidate, when, note))
        touched = None
        for candidate, when, note in self._merge_within(dated):
            event = self._merge_or_add(candidate, when, note)
            if candidate is main or touched is None:
                touched = event
        self.context = touched.when
        self.last_event = touched
        self.last_sentence = (reading.sentence.index, reading.sentence.paragraph)

    # ------------------------------------------------------------------ kinds
    def _kind(self, key) -> str:
        entity = self.entities.entities.get(key)
        return entity.kind if entity else ""

    def _is_person(self, key) -> bool:
        entity = self.entities.entities.get(key)
        return entity is not None and entity.kind == "person"

    def _is_state(self, key) -> bool:
        entity = self.entities.entities.get(key)
        return entity is None or entity.kind == "state"


def build_events(readings: list[Reading], entities: Entities, published: date) -> list[Event]:
    paragraphs = {r.sentence.index: r.sentence.paragraph for r in readings}
    timeline = Timeline(entities, published, paragraphs)
    previous_paragraph = None
    for reading in readings:
        if reading.sentence.paragraph != previous_paragraph:
            timeline.last_sentence = (-1, -1)  # a new paragraph: nothing to continue
            previous_paragraph = reading.sentence.paragraph
        timeline.add(reading)
    return timeline.events
