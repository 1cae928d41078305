"""When a candidate happened, from its own time or its context, with a note saying how.

A candidate without a time of its own takes it from its sentence (a leading 'hours after'
clause, its main clause, a 'following the talks' anchor) or else from the event before it,
moved by an offset it tells ('Two days later', 'Weeks later': approximate unless a count
of days) or marked approximate; a statement after a background sentence takes the latest
day reported; with no context at all, a past happening is put the day before publication
(a future one the day after). Dating only: it does not attach candidates to events or merge them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from site_builder.ingest.events import Anchor, Candidate, Reading
from site_builder.ingest.happenings import Event
from site_builder.ingest.mentions import Entities
from site_builder.ingest.timex import When, find_times, offset_days, shifted
from site_builder.ingest.verbs import tense_at

# A sentence dated this long before the latest news is background ('The strike began on
# Feb. 23'); a statement after it is not made then.
BACKGROUND = timedelta(days=3)
AFTER_MARKERS = ("after", "following", "in response to", "since", "preceded-anchor")
BEFORE_MARKERS = ("before", "ahead of", "followed-anchor")


class Dating:
    """Dates from a candidate's sentence and context: a mixin of Timeline."""

    # Set by Timeline.__init__ (timeline.py); also uses References' _reference and _referenced.
    entities: Entities
    published: date
    events: list[Event]
    context: When | None
    last_event: Event | None
    last_sentence: tuple[int, int]
    last_person: tuple[str, str] | None

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
        moved = self._shifted(candidate, reading)
        if moved:
            return moved
        if self.context:
            latest = self._latest() if candidate.kind == "statement" else None
            if latest and latest.start - self.context.start > BACKGROUND:
                return latest.approx(), "no time of its own, so that of the latest news"
            return self.context.approx(), "no time of its own, so that of the sentence before"
        shift = {"past": -1, "present": 0, "future": 1}[candidate.tense]
        default = When(self.published + timedelta(days=shift), approximate=True)
        return default, "no time given, so just before publication"

    def _shifted(self, candidate: Candidate, reading: Reading) -> tuple[When, str] | None:
        """'Two days later, …', '… weeks later': moved from the happening before, in the
        candidate's clause or opening the sentence."""
        if self.context is None:
            return None
        text = reading.sentence.text
        for part in (candidate.clause.text(text), text[:30]):
            found = shifted(part, self.context)
            if found:
                when, note = found[0], f"“{found[1]}” the happening before"
                if candidate.tense == "past" and when.start > self.published:
                    when, note = When(self.published, approximate=True), note + ", by then"
                return when, note
        return None

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
