"""What a sentence's back-references point to among the events already drafted.

'The decision', 'the results', 'the deal' name a recent event of a matching kind; 'the
Miami talks' after 'following' names the event an anchor refers to; 'the group', 'the bank'
name the organisation last named; 'the two companies', 'both sides' the two actors of the
last event with two; a strike reported without its attacker is by the last strike's.
These only look back: they do not attach sentences to events or change events' dates.
"""

from __future__ import annotations

import re
from datetime import date

from site_builder.ingest.events import Anchor, Candidate
from site_builder.ingest.happenings import Event, similar
from site_builder.ingest.lexicon import LOCATIVE, NOUN_FORMS, REFERENT_KINDS
from site_builder.ingest.mentions import Entities
from site_builder.ingest.timex import When

_REFERENCE_RE = re.compile(
    r"\bthe (decision|deal|move|announcement|agreement|talks|meeting|election|vote|results?|"
    r"attack|strikes?|plan|proposal|merger|acquisition|takeover|ruling|verdict|summit|visit|"
    r"rate rise|rate cut|rate hike|increase)\b",
    re.IGNORECASE,
)
_REFERENCE_KINDS = {
    "move": None, "announcement": None, "decision": ("decision",),
    "results": ("report", "market"), "result": ("report", "election"),
    "increase": ("decision", "market"), "rate rise": ("decision",), "rate cut": ("decision",),
    "rate hike": ("decision",), "vote": ("election", "decision"),
}  # fmt: skip
ORG_REFERENCE_RE = re.compile(
    r"\bthe (group|company|firm|bank|bloc|alliance|organi[sz]ation|party|court|union|agency|"
    r"ministry|cartel|lender|carmaker|airline|insurer|fund|council|commission)\b",
    re.IGNORECASE,
)
_PLURAL_RE = re.compile(
    r"\b(?:the two|both|the) (companies|firms|groups|sides|countries|governments|parties|"
    r"leaders|men|women)\b",
    re.IGNORECASE,
)


class References:
    """Back-references to drafted events and actors: a mixin of Timeline."""

    # Set by Timeline.__init__ (timeline.py); also uses Timeline's _kind.
    entities: Entities
    published: date
    events: list[Event]
    context: When | None
    last_event: Event | None
    last_sentence: tuple[int, int]
    last_person: tuple[str, str] | None

    def _referenced(self, text: str) -> Event | None:
        """The recent event that 'the decision', 'the results', 'the deal' refers to."""
        match = _REFERENCE_RE.search(text)
        if not match:
            return None
        noun = match[1].lower()
        kinds = _REFERENCE_KINDS.get(noun, (NOUN_FORMS.get(noun),))
        recent = list(reversed(self.events[-4:]))
        if kinds is None:
            return recent[0] if recent else None
        for kind in kinds:  # in order of likelihood: 'the results' are a report first
            for event in recent:
                if kind and similar(event.kind, kind):
                    return event
        return None

    def _reference(self, anchor: Anchor, actors=()) -> Event | None:
        """The drafted event an anchor such as 'the Miami talks' refers to."""
        if anchor.kind is None:
            return None
        kinds = REFERENT_KINDS.get(anchor.kind, ())
        alike = [
            e for e in reversed(self.events) if similar(e.kind, anchor.kind) or e.kind in kinds
        ]  # 'after the announcement' names the deal that was announced
        # 'the verdict' in a news story is the recent, dated one, not background ('arrested
        # in March'): day-precision events when there are any, latest mentioned first.
        group = [e for e in alike if e.when.precision == "day"] or alike
        rank = {kind: i for i, kind in enumerate(kinds)}  # 'the announcement': a statement
        group.sort(key=lambda e: rank.get(e.kind, 0))  # before a decision (stable: recency)
        # Whose happening: the anchor's own names, else the sentence's actors ('X shares
        # rose after the announcement' is X's announcement).
        keys = set(anchor.keys) or set(actors)
        for event in group:
            if keys & (set(event.actors) | set(event.locations)):
                return event
        return group[0] if group else None

    def _organisation_event(self, text: str) -> Event | None:
        organisation = self._organisation_reference(text)
        for event in reversed(self.events[-3:]):
            if organisation and organisation[0] in event.actors:
                return event
        return None

    def _plural_reference(self, text: str) -> list[tuple[str, str]]:
        """'The two companies', 'both sides': the actors of the last event with two."""
        match = _PLURAL_RE.search(text)
        if not match:
            return []
        noun = match[1].lower()
        wanted = {
            "companies": "organization",
            "firms": "organization",
            "groups": "organization",
            "countries": "state",
            "governments": "state",
            "men": "person",
            "women": "person",
            "leaders": "person",
        }.get(noun)
        for event in reversed(self.events):
            actors = [a for a in event.actors if wanted is None or self._kind(a) == wanted]
            if len(actors) >= 2:
                return actors[:2]
        return []

    def _organisation_reference(self, text: str) -> list[tuple[str, str]]:
        """'The group will meet again', 'The bank said': the organisation last named, one
        whose name has that word first."""
        match = next(
            (m for m in ORG_REFERENCE_RE.finditer(text) if not after_locative(text, m.start())),
            None,
        )  # 'outside the court' is where, not who
        if not match:
            return []
        noun = match[1].lower()
        recent = [
            a for e in reversed(self.events) for a in e.actors if self._kind(a) == "organization"
        ]
        for actor in recent:
            if noun in actor[1].lower().split():
                return [actor]
        return recent[:1]

    def _inherit_attacker(self, candidate: Candidate) -> None:
        """A strike reported without its attacker is by the attacker of the last strike."""
        if candidate.kind != "strike" or candidate.actors:
            return
        for event in reversed(self.events):
            if event.kind == "strike" and event.actors:
                candidate.actors = [event.actors[0]]
                return


def after_locative(text: str, position: int) -> bool:
    """'outside the court': a locative word just before position."""
    before = text[:position].split()
    return bool(before) and before[-1].lower() in LOCATIVE
