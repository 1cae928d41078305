"""events.ics is written by our own RFC 5545 serializer (render/exports.py, issue 14).

It must give the bytes the icalendar library gave for the same properties, and icalendar
must read back exactly the values put in: any text (escapes, commas, newlines, non-ASCII,
long lines folded without splitting a character or an escape), any dates.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.content.model import Event, PartialDate
from site_builder.diagnostics import SourcePos
from site_builder.render import exports

# Text with the characters that need care: escapes, separators, line ends, a caret,
# multi-byte characters, and long runs that must be folded.
_ALPHABET = st.sampled_from(list("ab ,;:\\^\r\nN\"'éЖ€😀\t") + ["\\N", "x" * 30])
TEXT = st.lists(_ALPHABET, max_size=60).map("".join)
DAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9998, 12, 1))


@st.composite
def events(draw):
    start = draw(DAYS)
    precision = draw(st.sampled_from(["day", "month", "year"]))
    when = PartialDate(
        start.year,
        start.month if precision != "year" else None,
        start.day if precision == "day" else None,
    )
    end = None
    if draw(st.booleans()):
        later = start + timedelta(days=draw(st.integers(0, 400)))
        if later.year < 9999:
            end = PartialDate(later.year, later.month, later.day)
    return Event(
        id=draw(st.from_regex(r"[a-z0-9](-?[a-z0-9]){0,40}", fullmatch=True)),
        title=draw(TEXT),
        date=when,
        end=end,
        approximate=draw(st.booleans()),
        kind=draw(st.sampled_from(["talks", "strike", "a,b", "x;y"])),
        actors=(),
        locations=(),
        sources=(),
        status="reviewed",
        body="",
        pos=SourcePos("content/events/x.md", 1),
    )


def icalendar_event(event, host, stamp, summary, url, place, upcoming) -> bytes:
    """How exports.py made each event with the icalendar library (site-builder 0.2.0)."""
    item = icalendar.Event()
    item.add("uid", f"{event.id}@{host}.site-builder")
    item.add("dtstamp", stamp)
    item.add("summary", event.title)
    start = event.date.first_day()
    last = (event.end or event.date).last_day()
    item.add("dtstart", start)
    item.add("dtend", last + timedelta(days=1))
    item.add("description", exports._calendar_note(event) + summary)
    item.add("categories", [event.kind])
    item.add("url", url)
    if place:
        item.add("location", place)
    if upcoming:
        item.add("status", "TENTATIVE")
    return item.to_ical()


def icalendar_head(title: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//site-builder//{exports.__version__}//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", title)
    return cal.to_ical()[: -len(b"END:VCALENDAR\r\n")]


@settings(max_examples=300, deadline=None)
@given(
    event=events(),
    host=st.from_regex(r"[a-z0-9-]{1,30}", fullmatch=True),
    stamp=DAYS,
    summary=TEXT,
    url=st.text(st.sampled_from(list("ab/:.?=&%-_~#,;") + ["é"]), max_size=120),
    place=TEXT,
    upcoming=st.booleans(),
)
def test_each_event_is_written_as_icalendar_wrote_it(
    event, host, stamp, summary, url, place, upcoming
):
    stamp = datetime.combine(stamp, time(0), tzinfo=UTC)
    args = (event, host, stamp, summary, url, place, upcoming)
    ours = exports._calendar_event.__wrapped__(*args)
    assert ours == icalendar_event(*args)

    parsed = icalendar.Event.from_ical(ours)
    assert str(parsed["SUMMARY"]) == _unescapable(event.title)
    assert str(parsed["DESCRIPTION"]) == _unescapable(exports._calendar_note(event) + summary)
    assert parsed["DTSTART"].dt == event.date.first_day()
    assert parsed["DTEND"].dt == (event.end or event.date).last_day() + timedelta(days=1)
    assert parsed["DTSTAMP"].dt == stamp
    assert str(parsed["URL"]) == url
    assert str(parsed.get("LOCATION", "")) == _unescapable(place)
    assert ("STATUS" in parsed) == upcoming
    for line in ours.split(b"\r\n"):
        assert len(line) <= 75  # octets, the fold's leading space included


@settings(max_examples=200, deadline=None)
@given(title=TEXT)
def test_the_calendar_head_is_written_as_icalendar_wrote_it(title):
    ours = exports._ical_lines(
        ("BEGIN", "VCALENDAR"),
        ("VERSION", "2.0"),
        ("PRODID", exports._ical_text(f"-//site-builder//{exports.__version__}//EN")),
        ("X-WR-CALNAME", exports._calendar_name(title)),
    )
    if "\n" in title or "\r" in title:  # icalendar raised an AssertionError
        assert ours.count(b"\r\n") == ours.count(b"\r") == ours.count(b"\n")
    else:
        assert ours == icalendar_head(title)
    parsed = icalendar.Calendar.from_ical(ours + b"END:VCALENDAR\r\n")
    assert str(parsed["X-WR-CALNAME"]) == " ".join(title.splitlines())


@settings(max_examples=500, deadline=None)
@given(line=st.text(st.sampled_from(list("a\\^é€😀 ")), max_size=400))
def test_folding_is_icalendars(line):
    from icalendar.parser.string import _foldline

    assert exports._ical_fold(line) == _foldline(line)


def _unescapable(text: str) -> str:
    """What a reader gets back: line ends are one newline; a literal `\\N` was a newline."""
    return text.replace("\\N", "\n").replace("\r\n", "\n").replace("\r", "\n")
