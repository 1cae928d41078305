"""Candidates about one happening become one event.

Clauses of one sentence of the same time and kind become one candidate; a candidate of the
same time, a compatible kind and overlapping actors or places as a drafted event merges
into it (happenings.py holds those tests); 'said the strike would continue through
Thursday' gives the last event its last day. Otherwise the candidate is a new event.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from site_builder.ingest.events import Candidate, Reading
from site_builder.ingest.happenings import Event, overlapping, same_time, similar, union
from site_builder.ingest.mentions import Entities
from site_builder.ingest.timex import When

# 'said the stoppage would continue through Thursday': when the last event ends, not a new one
_GOES_ON_UNTIL = re.compile(
    r"\b(?:would|will|is to|was to|to|should|could)\s+(?:continue|last|run|go on)\s+"
    r"(?:through|until|till|to|into)\b",
    re.IGNORECASE,
)
LONGEST_EXTENSION = timedelta(days=31)


class Merging:
    """Merging candidates into drafted events: a mixin of Timeline."""

    # Set by Timeline.__init__ (timeline.py); also uses Timeline's _support.
    entities: Entities
    published: date
    events: list[Event]
    context: When | None
    last_event: Event | None
    last_sentence: tuple[int, int]
    last_person: tuple[str, str] | None

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
