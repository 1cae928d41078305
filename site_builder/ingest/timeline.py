"""Candidates in article order → events: dates from context, attachments, merging.

- A candidate without a time of its own takes it from its sentence (a leading 'hours
  after' clause, a 'following the talks' anchor) or else from the event before it,
  marked approximate; the first undated past happening is put the day before publication.
- What someone says without an occasion of its own belongs to an event already drafted
  (the speaker's last statement, or the event it follows); a sentence with no happening
  of its own in the same paragraph ('No deaths have been confirmed') supports the last one.
- Sentences about the same happening merge: same time, compatible kind, and overlapping
  actors and places (a shared person or organisation, or a shared place; two undated-
  place reports merge on a shared state only when their kinds agree).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from site_builder.ingest.events import Anchor, Candidate, Reading
from site_builder.ingest.happenings import Event, overlapping, same_time, similar, union
from site_builder.ingest.mentions import Entities
from site_builder.ingest.references import References
from site_builder.ingest.statements import Statements
from site_builder.ingest.timex import When, find_times, offset_days
from site_builder.ingest.verbs import tense_at

# A sentence dated this long before the latest news is background ('The strike began on
# Feb. 23'); a statement after it is not made then.
BACKGROUND = timedelta(days=3)
# 'said the stoppage would continue through Thursday': when the last event ends, not a new one
_GOES_ON_UNTIL = re.compile(
    r"\b(?:would|will|is to|was to|to|should|could)\s+(?:continue|last|run|go on)\s+"
    r"(?:through|until|till|to|into)\b",
    re.IGNORECASE,
)
LONGEST_EXTENSION = timedelta(days=31)
AFTER_MARKERS = ("after", "following", "in response to", "since", "preceded-anchor")
BEFORE_MARKERS = ("before", "ahead of", "followed-anchor")


class Timeline(Statements, References):
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
        self._place_candidates(reading, candidates)
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
    def _place_candidates(self, reading: Reading, candidates: list[Candidate]) -> None:
        ordered = sorted(candidates, key=lambda c: c.clause.role != "main")
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

    def _extends_last(self, main: Candidate, reading: Reading) -> bool:
        """'The strike began on Tuesday. The union said it would continue through
        Thursday.': the second sentence gives the first event its last day."""
        event = self.last_event
        if event is None or not main.when or not _GOES_ON_UNTIL.search(reading.sentence.text):
            return False
        until = main.when.start
        if main.when.precision != "day" or event.when.precision != "day":
            return False
        if not event.when.start < until <= event.when.start + LONGEST_EXTENSION:
            return False
        event.when = replace(event.when, end=max(until, event.when.end or until))
        event.notes.append(f"until “{main.time_text}”")
        event.actors = union(event.actors, main.actors)
        self._support(event, reading.sentence.index)
        return True

    def _merge_within(self, dated):
        """Clauses of one sentence about the same happening become one candidate."""
        result: list[tuple[Candidate, When, str]] = []
        for candidate, when, note in dated:
            for i, (other, other_when, other_note) in enumerate(result):
                if same_time(when, other_when) and similar(candidate.kind, other.kind):
                    merged = replace(
                        other,
                        actors=union(other.actors, candidate.actors),
                        locations=union(other.locations, candidate.locations),
                    )
                    result[i] = (merged, other_when, other_note)
                    break
            else:
                result.append((candidate, when, note))
        return result

    def _merge_or_add(self, candidate: Candidate, when: When, note: str) -> Event:
        for event in reversed(self.events):
            if self._same_happening(event, candidate, when):
                event.actors = union(event.actors, candidate.actors)
                event.locations = union(event.locations, candidate.locations)
                if candidate.sentence not in event.sentences:
                    event.sentences.append(candidate.sentence)
                if event.when.approximate and not when.approximate:
                    event.when, event.notes = when, [note]
                return event
        event = Event(
            when,
            candidate.kind,
            list(candidate.actors),
            list(candidate.locations),
            [candidate.sentence],
            (candidate.sentence, candidate.clause),
            candidate.speaker,
            candidate.occasion,
            [note],
        )
        self.events.append(event)
        return event

    def _same_happening(self, event: Event, candidate: Candidate, when: When) -> bool:
        if not same_time(event.when, when) or not similar(event.kind, candidate.kind):
            return False
        if event.kind == "statement" and event.actors[:1] != candidate.actors[:1]:
            return False  # two people speaking, even about each other, are two statements
        return overlapping(
            (event.kind, event.actors, event.locations),
            (candidate.kind, candidate.actors, candidate.locations),
            self._is_state,
        )

    def _kind(self, key) -> str:
        entity = self.entities.entities.get(key)
        return entity.kind if entity else ""

    # ------------------------------------------------------------------ dates
    def _date(self, candidate: Candidate, reading: Reading, dated) -> tuple[When, str]:
        when, note = self._own_or_relative(candidate, reading, dated)
        if candidate.span_days > 1 and when.precision == "day" and not when.end:
            start = when.start - timedelta(days=candidate.span_days - 1)
            when = replace(when, start=start, end=when.start)
            note += f"; a span of {candidate.span_days} days ending then"
        return when, note

    def _own_or_relative(self, candidate, reading, dated) -> tuple[When, str]:
        if candidate.when:
            return candidate.when, f"from “{candidate.time_text}”"
        main = dated[0] if dated else None
        if main and candidate.clause.role == "lead":
            base = main[1]
            shift = -1 if base.overnight and "after" in candidate.clause.marker else 0
            when = replace(base, start=base.start + timedelta(days=shift), end=None)
            return when.approx(), f"“{candidate.clause.marker}” the happening it precedes"
        if candidate.clause.role == "sub":
            relative = self._relative_to_main(candidate, reading, main)
            if relative:
                return relative
        for anchor in reading.anchors:
            found = self._anchored(anchor, candidate.actors)
            if found:
                return found
        for anchor in reading.anchors:  # 'after a review at 6 p.m. on Wednesday': no event
            when = self._time_in(anchor.text)  # drafted names it, but its time is given
            if when is not None:
                return when.approx(), f"from “{anchor.text.rstrip('. ')}”"
        if self.context:
            latest = self._latest() if candidate.kind == "statement" else None
            if latest and latest.start - self.context.start > BACKGROUND:
                return latest.approx(), "no time of its own, so that of the latest news"
            return self.context.approx(), "no time of its own, so that of the sentence before"
        shift = {"past": -1, "present": 0, "future": 1}[candidate.tense]
        default = When(self.published + timedelta(days=shift), approximate=True)
        return default, "no time given, so just before publication"

    def _relative_to_main(self, candidate: Candidate, reading: Reading, main):
        """A subordinate clause happens when its main clause does, or — with 'after' and
        'before' — at the offset given ('The results came a week after X announced …')."""
        base = main[1] if main else None
        if base is None:
            event = self._referenced(reading.main_text)
            base = event.when if event else None
        if base is None:  # 'memories of September 2020, when an attack …': the main's own time
            base = self._time_in(reading.main_text)
        if base is None:
            return None
        marker = candidate.clause.marker
        if marker not in ("after", "before"):
            return base.approx(), "the time of the sentence’s main clause"
        tail = " ".join(reading.main_text.split()[-4:])
        days = offset_days(f"{tail} {marker}") or 0
        days = -abs(days) if marker == "after" else abs(days)
        when = When(base.start + timedelta(days=days), base.precision, approximate=True)
        return when, f"“{tail} {marker}” the happening of the main clause"

    def _time_in(self, text: str) -> When | None:
        found = find_times(text, self.published, lambda at: tense_at(text, at))
        return next((t.when for t in found if t.when is not None), None)

    def _latest(self) -> When | None:
        """A statement after a background sentence ('The strike began on Feb. 23 …') is
        made in the present of the story: the latest day reported so far."""
        days = [
            e.when
            for e in self.events
            if e.when.precision == "day" and e.when.start <= self.published
        ]
        return max(days, key=lambda w: w.start, default=None)

    def _anchored(self, anchor: Anchor, actors=()) -> tuple[When, str] | None:
        reference = self._reference(anchor, actors)
        if anchor.marker == "earlier" and self.context:
            return self.context.approx(), "“earlier” than the happening before"
        if reference is None:
            return None
        if anchor.marker.endswith(AFTER_MARKERS):
            day = reference.when.end or reference.when.start
            return When(day, reference.when.precision, approximate=True), (f"after “{anchor.text}”")
        if anchor.marker.endswith(BEFORE_MARKERS):
            day = reference.when.start - timedelta(days=1)
            return When(day, reference.when.precision, approximate=True), (
                f"before “{anchor.text}”"
            )
        return None

    # ------------------------------------------------------------------ kinds
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
