"""Who said what, and which drafted event a statement belongs to.

What someone says without an occasion of its own belongs to an event already drafted: the
speaker's last statement, an event the speaker (or the speaker's employer) took part in, a
decision or deal the words are about ('the decision was unanimous'), or the event before.
A statement is one of its own when a new voice acts by speaking ('Minister X urged …'), a
state's official speaks for a state not yet in the story, or a company says what it did.
It attaches comments to events (through Timeline._support) but neither dates nor merges.
"""

from __future__ import annotations

import re
from datetime import date

from site_builder.ingest.events import Candidate, Reading
from site_builder.ingest.happenings import Event
from site_builder.ingest.mentions import Entities
from site_builder.ingest.references import ORG_REFERENCE_RE, after_locative
from site_builder.ingest.timex import When

_OWN_DEED_RE = re.compile(r"\b(?:said|says) (?:that )?(?:it|they) (?:had|has|have) [a-z]+ed\b")


class Statements:
    """Speakers, comments and the events they belong to: a mixin of Timeline."""

    # Set by Timeline.__init__ (timeline.py); also uses Timeline's _support, _follows,
    # _is_person, _is_state and _kind, and References' _referenced and _organisation_event.
    entities: Entities
    published: date
    events: list[Event]
    context: When | None
    last_event: Event | None
    last_sentence: tuple[int, int]
    last_person: tuple[str, str] | None

    def _inherits_speech(self, candidate: Candidate, reading: Reading) -> bool:
        reported = candidate.reported or (reading.reports and not candidate.occasion)
        return (
            reported
            and not self._own_statement(candidate, reading.speaker, reading.sentence.text)
            and candidate.when is None
            and (
                candidate.kind == "statement"
                or self._speaker_statement(reading.speaker) is not None
            )
        )

    def _own_statement(self, candidate: Candidate, speaker, text: str = "") -> bool:
        if self._new_organisation(speaker) and _OWN_DEED_RE.search(text):
            return True  # 'Shipping company X said it had diverted ships': X's own deed
        if not self._new_voice(speaker):
            return False
        if not candidate.trigger.reporting:
            return True  # 'urged', 'welcomed': an act of speech
        return self._state_official(speaker)  # a government's voice, not a comment

    def _state_official(self, speaker) -> bool:
        """'Dutch Economy Minister X said …' speaks for a state not yet in the story."""
        entity = self.entities.entities.get(speaker)
        key = ("actor", entity.affiliation) if entity and entity.affiliation else None
        if key is None or not self._is_state(key) or key not in self.entities.entities:
            return False
        return not (self.last_event and key in self.last_event.actors)

    def _new_organisation(self, speaker) -> bool:
        if speaker is None or self._kind(speaker) != "organization":
            return False
        return not any(speaker in e.actors for e in self.events)

    def _new_voice(self, speaker) -> bool:
        """A person named for the first time who acts by speaking ('Minister X urged both
        sides to return to the table') makes a statement of their own; merely reporting
        ('X said …') still comments on the event before (issue 3)."""
        if speaker is None or not self._is_person(speaker) or speaker == self.last_person:
            return False
        return not any(speaker in e.actors or speaker == e.speaker for e in self.events)

    def _statement_target(self, speaker, said: list[Candidate]) -> Event | None:
        target = self._speaker_statement(speaker)
        if target:
            return target
        if speaker:
            employer = self._employer(speaker)
            for event in reversed(self.events):
                if speaker in event.actors or (employer and employer in event.actors):
                    return event
        return self.last_event if self._follows() or said else None

    def _speaker_statement(self, speaker) -> Event | None:
        for event in reversed(self.events):
            if speaker and event.statement and event.speaker == speaker:
                return event
        return None

    def _comments(self, candidate: Candidate, reading: Reading) -> bool:
        """A statement about 'the decision' or 'the deal' drafted just before belongs to
        it ('Governor X told a news conference that the decision was unanimous')."""
        if candidate.kind != "statement" or candidate.when is not None:
            return False
        text = candidate.clause.text(reading.sentence.text)
        said = text[candidate.trigger_end(reading.sentence.text) :]
        event = self._referenced(said)
        speaker = candidate.speaker or (candidate.actors[0] if candidate.actors else None)
        if event and speaker in event.actors[1:]:
            return False  # the party a decision was about answers it: a statement of its own
        if event is None and not self._speaker_statement(candidate.speaker):
            event = self._organisation_event(said)  # 'the CFO said the company would …'
        if event is None:
            return False
        self._support(event, reading.sentence.index)
        employer = self._employer(candidate.speaker) if candidate.speaker else None
        if employer and employer not in event.actors:
            event.actors.append(employer)
        return True

    def _speaker_employer(self, candidate: Candidate, reading: Reading) -> None:
        """'X Vice Chairman Y said the company had agreed to buy Z': the company is Y's."""
        speaker = candidate.speaker or reading.speaker
        employer = self._employer(speaker) if speaker else None
        text = candidate.clause.text(reading.sentence.text)
        refers = any(not after_locative(text, m.start()) for m in ORG_REFERENCE_RE.finditer(text))
        if employer and refers and employer not in candidate.actors:
            candidate.actors.append(employer)

    def _employer(self, speaker) -> tuple[str, str] | None:
        """The organisation a speaker speaks for ('Norges Bank Governor X')."""
        entity = self.entities.entities.get(speaker)
        if not entity or not entity.affiliation:
            return None
        key = ("actor", entity.affiliation)
        employer = self.entities.entities.get(key)
        return key if employer and employer.kind == "organization" else None
