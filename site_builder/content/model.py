"""The briefing's records: frozen dataclasses with no I/O.

Everything after loading works on these; templates never see them directly
(render/refs.py and render/kinds/ turn them into plain dicts).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import cached_property

from site_builder.diagnostics import SourcePos

PRECISIONS = ("year", "month", "day", "minute")

# YYYY, YYYY-MM, YYYY-MM-DD, optionally followed by a time and a zone.
_DATE_RE = re.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?P<zone>Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)


# 12/08/2025, 12.08.2025, 12-08-2025: day-first in Europe, month-first in the US.
_NUMERIC_DATE_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name} | {
    abbr.lower(): number for number, abbr in enumerate(calendar.month_abbr) if abbr
}
# '10 February 2025', '10th Feb. 2025', 'February 10, 2025', 'February 2025'.
_WORDS_DATE_RE = re.compile(
    r"^(?:(?P<day1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month1>[A-Za-z]+)\.?"
    r"|(?P<month2>[A-Za-z]+)\.?(?:\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?)?,?)\s+(?P<year>\d{4})$"
)


class DateFormatError(ValueError):
    """A value that is not a briefing date; the message says why, in the author's terms."""


@dataclass(frozen=True)
class PartialDate:
    """A date known to year, month, day or minute precision.

    Date-only values stay calendar dates: a zone applies only when a time is given,
    so `2025-12-06` is never shifted to the 5th by a time zone.
    """

    year: int
    month: int | None = None
    day: int | None = None
    clock: time | None = None  # carries tzinfo when the record gave a zone

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _DATE_RE.match(text.strip())
        if not match:
            raise DateFormatError(_not_a_date(text.strip()))
        year = int(match["year"])
        if year < 1:
            raise DateFormatError(f"'{text}' has no year 0; years run from 0001 to 9999")
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        if month is not None and not 1 <= month <= 12:
            raise DateFormatError(f"'{text}' has no month {month}; months run from 01 to 12")
        if day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise DateFormatError(
                    f"'{text}' is not a real date: {calendar.month_name[month]} {year} "
                    f"has {last} days"
                )
        clock = _parse_clock(match, text) if match["hour"] else None
        return cls(year, month, day, clock)

    @property
    def precision(self) -> str:
        if self.clock is not None:
            return "minute"
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def sort_key(self) -> tuple:
        """Coarser dates sort before finer ones inside their period (2025-11 < 2025-11-01)."""
        clock = self.clock.replace(tzinfo=None).isoformat() if self.clock else ""
        return (self.year, self.month or 0, self.day or 0, clock)

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day is not None:
            return date(self.year, self.month, self.day)
        if self.month is not None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    def iso(self) -> str:
        """The value as written in a record, at its own precision."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.clock is not None:
            text += "T" + self.clock.isoformat(timespec="minutes")
        return text.replace("+00:00", "Z")

    def human(self) -> str:
        """How the date reads on a page: '6 December 2025', 'November 2025', '2025'."""
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        if self.day is None:
            return f"{month} {self.year}"
        text = f"{self.day} {month} {self.year}"
        if self.clock is not None:
            text += ", " + self.clock.strftime("%H:%M")
            if self.clock.tzinfo is not None:
                text += " " + _zone_label(self.clock)
        return text

    def __str__(self) -> str:
        return self.iso()


def _not_a_date(text: str) -> str:
    """Why text is not a date; day-first and month-first forms are never guessed."""
    found = _NUMERIC_DATE_RE.match(text)
    if found:
        first, second, year = (int(part) for part in found.groups())
        readings = [
            f"{year:04d}-{month:02d}-{day:02d} ({day} {calendar.month_name[month]})"
            for day, month in ((first, second), (second, first))
            if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(max(year, 1), month)[1]
        ]
        readings = list(dict.fromkeys(readings))
        if len(readings) == 2:
            return f"'{text}' is ambiguous: write {readings[0]} or {readings[1]}"
        if readings:
            return f"'{text}' is not in the briefing's format: write {readings[0]}"
    iso = _date_in_words(text)
    if iso:
        return f"'{text}' is not in the briefing's format: write {iso}"
    return (
        f"'{text}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD "
        "(optionally followed by a time such as 14:30 and a zone such as +02:00)"
    )


def _date_in_words(text: str) -> str | None:
    """'10 February 2025', 'Feb 10, 2025' or 'February 2025' as YYYY-MM(-DD), if real."""
    found = _WORDS_DATE_RE.match(text)
    if not found:
        return None
    day = found["day1"] or found["day2"]
    month = _MONTHS.get((found["month1"] or found["month2"] or "").lower())
    year = int(found["year"])
    if not month or year < 1:
        return None
    if not day:
        return f"{year:04d}-{month:02d}"
    if not 1 <= int(day) <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{int(day):02d}"


def _parse_clock(match: re.Match, text: str) -> time:
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise DateFormatError(f"'{text}' has an impossible time of day")
    return time(hour, minute, second, tzinfo=_parse_zone(match["zone"], text))


def _parse_zone(zone: str | None, text: str) -> timezone | None:
    if not zone:
        return None
    if zone == "Z":
        return UTC
    sign = 1 if zone[0] == "+" else -1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 14 or minutes > 59:  # real offsets run from -12:00 to +14:00
        raise DateFormatError(
            f"'{text}' has an impossible time zone '{zone}'; zones run from -12:00 to +14:00"
        )
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _zone_label(clock: time) -> str:
    offset = clock.utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    return "UTC" + datetime(2000, 1, 1, tzinfo=clock.tzinfo).strftime("%z")[:3]


@dataclass(frozen=True)
class SourceRef:
    seed: str
    quote: str
    pos: SourcePos

    @cached_property
    def plain_quote(self) -> str:
        """The quote with runs of whitespace made single spaces, as it is matched."""
        return " ".join(self.quote.split())


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    date: PartialDate
    end: PartialDate | None
    approximate: bool
    kind: str
    actors: tuple[str, ...]
    locations: tuple[str, ...]
    sources: tuple[SourceRef, ...]
    status: str
    body: str
    pos: SourcePos
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple:
        return self.timeline_key

    @cached_property
    def timeline_key(self) -> tuple:
        # Kept on the record: the dev server sorts the same 10,000 records on every save.
        return (*self.date.sort_key(), self.id)


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    role: str
    affiliation: str | None
    status: str
    body: str
    pos: SourcePos
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Location:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    coordinates: tuple[float, float] | None
    status: str
    body: str
    pos: SourcePos
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Seed:
    id: str
    title: str
    published: PartialDate
    source: str
    url: str
    license: str
    text: str
    pos: SourcePos

    @cached_property
    def plain_text(self) -> str:
        """The text with runs of whitespace made single spaces, for matching quotes."""
        return " ".join(self.text.split())


@dataclass(frozen=True)
class Page:
    """A free page such as content/index.md or content/about.md."""

    id: str
    title: str
    body: str
    pos: SourcePos
