"""Temporal expressions, normalised against the publication date.

A date without a year takes the year that puts it nearest to publication on the side the
tense points to ("will visit on December 8" lies after publication, "met on December 3"
before). Vague expressions ("about two weeks ago", "last week") are marked approximate;
"in November" has month precision; a week is its days, a season or "early 2011" a span of
months, "the end of the year" December. Expressions that only place a happening relative
to another one are told apart: offset_days() gives the days of "hours after" or "a week
before", shifted() moves a given time by "Two days later", "Weeks later" or "The next
morning" (approximate unless by a count of days), and "that year" or "the following
month" take the time named before them in the same text.

Each expression also carries a TIMEX3-style value (TimeExpr.value: "2010-SU", "2010-W14",
"199X", "PRESENT_REF") and its span without the leading preposition, which is kept apart
as the cue (TimeExpr.cue; TimeExpr.outer is where the phrase with its cue begins).
Two expressions joined as a range ('from late March to early May', 'between Monday and
Wednesday', '2014-16') give the first the span to the end of the second.
Patterns: timex_rules.py, normalised there and in timex_days.py (days, weeks, feasts) and
timex_periods.py (quarters, seasons, parts of a year or month); calendar words and
arithmetic: calendar_words.py.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from site_builder.ingest.calendar_words import (
    NUMBERS,
    When,
    add_months,
    point,
    quarter,
    week_of,
    week_value,
)
from site_builder.ingest.timex_rules import COMPILED, normalise

__all__ = ["NUMBERS", "TimeExpr", "When", "find_times", "offset_days", "shifted"]


@dataclass(frozen=True)
class TimeExpr:
    start: int  # the expression, without its cue ("February" of "in February")
    end: int
    text: str
    when: When | None  # None when it cannot be an event's date ("until 2023", "now")
    value: str | None = None  # TIMEX3-style: 2010, 2010-03, 2010-SU, 2010-W14, PRESENT_REF
    cue: str = ""  # the preposition before it: "in", "since", "until" …
    outer: int = -1  # where the phrase with its cue begins (start when there is none)

    @property
    def phrase(self) -> tuple[int, int]:
        return (self.outer if self.outer >= 0 else self.start), self.end


_DEADLINE_BEFORE = re.compile(r"\b(?:until|till|deadline of)\s+$", re.IGNORECASE)


def find_times(text: str, published: date, tense="past") -> list[TimeExpr]:
    """Every temporal expression in text, left to right, normalised.

    tense is past|present|future, or a function giving the tense at a character offset.
    """
    claimed: list[tuple[int, int]] = []
    found: list[TimeExpr] = []
    opening: dict[int, When] = {}  # 'from late March': the When it has as a range's start
    anaphors: dict[int, re.Match] = {}  # 'that year': resolved against the time before it
    for name, rx in COMPILED:
        for match in rx.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in claimed):
                continue
            at = tense(match.start()) if callable(tense) else tense
            cue = (match.groupdict().get("cue") or "").lower()
            if _DEADLINE_BEFORE.search(text[: match.start()]) or cue in ("until", "till"):
                at = "present"  # 'gave it until Oct. 30': a deadline, ahead or behind
            if name in ("range", "year_range"):
                pieces = _range(match, published, at)
                if pieces is None:
                    continue  # '1998-02': an ISO month, not the years 1998 to 2002
            else:
                result = normalise(name, match, published, at)
                if result is False:
                    continue  # not a temporal expression after all ("may" the verb …)
                pieces = [(_start(match), match.end(), result[0], result[1])]
                if name == "anaphora":
                    anaphors[pieces[0][0]] = match
                if cue in ("from", "between"):
                    bare = rx.match(text, pieces[0][0])  # the expression without its cue
                    raw = bare and normalise(name, bare, published, at)
                    if raw and raw[0] is not None:
                        opening[pieces[0][0]] = raw[0]
            claimed.append(match.span())
            for i, (a, b, when, value) in enumerate(pieces):
                outer = match.start() if i == 0 else a
                found.append(TimeExpr(a, b, text[a:b], when, value, cue if i == 0 else "", outer))
    found = _resolve(_join_ranges(sorted(found, key=lambda t: t.start), opening, text), anaphors)
    return _year_before(found, text, published)


def _resolve(found: list[TimeExpr], anaphors: dict[int, re.Match]) -> list[TimeExpr]:
    """'in 1988, … imports that year': 1988; 'the following month' the month after the
    time named before it. Left out when none is named before it in the text."""
    out: list[TimeExpr] = []
    before: When | None = None
    for expr in found:
        m = anaphors.get(expr.start)
        if m is None:
            out.append(expr)
            before = expr.when or before
            continue
        when = _told_from(before, m["aunit"].lower(), 1 if m["after"] else 0) if before else None
        if when is not None:
            value = week_value(when.start) if m["aunit"].lower() == "week" else when.iso()
            out.append(replace(expr, when=when, value=value))
    return out


def _told_from(base: When, unit: str, shift: int) -> When | None:
    if unit == "year":
        return When(date(base.start.year + shift, 1, 1), "year")
    if unit == "month" and base.precision in ("day", "month"):
        year, month = add_months(base.start.year, base.start.month, shift)
        return When(date(year, month, 1), "month")
    if unit == "week" and base.precision == "day":
        return week_of(base.start + timedelta(weeks=shift), "", base.start)
    if unit == "day" and base.precision == "day":
        return When(base.start + timedelta(days=shift), approximate=base.approximate)
    return None


_TO = re.compile(r"\s*(?:-|–|to|until|till|through)\s*", re.IGNORECASE)
_AND = re.compile(r"\s*(?:-|–|and)\s*", re.IGNORECASE)


def _join_ranges(found: list[TimeExpr], opening: dict[int, When], text: str) -> list[TimeExpr]:
    """'from late March to early May', 'between Monday and Wednesday': the first takes the
    span to the end of the second, which dates nothing itself (as in _range)."""
    out = list(found)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        start = opening.get(first.start)
        connector = _AND if first.cue == "between" else _TO
        if start is None or second.when is None or second.cue:
            continue
        if not connector.fullmatch(text[first.end : second.start]):
            continue
        last = second.when.last
        if start.precision == "day" and timedelta(0) < start.start - last < timedelta(days=7):
            last += timedelta(days=7)  # 'from Monday to Wednesday' said on a Wednesday
        if last < start.start:
            continue
        approximate = start.approximate or second.when.approximate
        out[i] = replace(first, when=When(start.start, start.precision, last, approximate))
        out[i + 1] = replace(second, when=None)
    return out


_QUARTER_VALUE = re.compile(r"^(\d{4})-([QH]\d)$")
_FIGURES = re.compile(r"[$£€]\s?\d|\b\d[\d.,]* (?:cents|million|billion|percent)\b|%")
_YEAR_BEFORE = re.compile(r"\b(?:a year (?:ago|earlier)|year-(?:earlier|ago))\b", re.IGNORECASE)


def _year_before(found: list[TimeExpr], text: str, published: date) -> list[TimeExpr]:
    """'Profit rose in the third quarter from $5 million a year earlier': the same quarter
    a year before, when the sentence names one; with figures but no quarter named, the
    quarter a year before the latest one over (what a results report compares)."""
    quarters = [m for t in found if t.value and (m := _QUARTER_VALUE.match(t.value))]
    if quarters:
        year, part = quarters[0].groups()
        before = f"{int(year) - 1:04d}-{part}"
    elif _FIGURES.search(text):
        year, number = quarter(published, None, "year-earlier", "past")
        before = f"{year:04d}-Q{number}"
    else:
        return found
    return [
        replace(t, value=before)
        if _YEAR_BEFORE.search(t.text) and not _QUARTER_VALUE.match(t.value or "")
        else t
        for t in found
    ]


def _start(match: re.Match) -> int:
    """Where the expression begins: after its cue and an 'earlier'/'later' edge."""
    at = match.start()
    for group in ("cue", "edge"):
        if match.groupdict().get(group):
            at = match.end(group)
    while at < match.end() and match.string[at].isspace():
        at += 1
    return at


def _range(match: re.Match, published: date, tense: str):
    """'from 2009 to 2011', '2014-16': two expressions; an event takes the span from the
    first (none when they name a thing: 'the 2025-26 season')."""
    a_text, b_text = match["a"], match["b"]
    if len(b_text) == 2:  # '2014-16'
        if int(b_text) <= int(a_text[2:]):
            return None
        b_text = a_text[:2] + b_text
    first = point(a_text, published, tense)
    last = point(b_text, published, tense)
    bare_a, bare_b = (not match[g].split()[-1].isdigit() for g in ("a", "b"))
    if first and last and bare_a and not bare_b:  # 'between March and May 2010'
        day = first.start.replace(year=last.start.year)
        first = When(day if day <= last.start else day.replace(year=day.year - 1), "month")
    elif first and last and bare_b and not bare_a:  # 'from March 2009 to May'
        day = last.start.replace(year=first.start.year)
        last = When(day if day >= first.start else day.replace(year=day.year + 1), "month")
    named = not match["cue"] and re.match(r"\s+[a-z]", match.string[match.end() :])
    if not first or not last or last.last < first.start or named:
        if named:
            return [
                (match.start("a"), match.end("a"), None, first.iso()),
                (match.start("b"), match.end("b"), None, last.iso()),
            ]
        return [(match.start("a"), match.end("a"), None, first and first.iso())]
    span = When(first.start, first.precision, last.last)
    return [
        (match.start("a"), match.end("a"), span, first.iso()),
        (match.start("b"), match.end("b"), None, last.iso()),
    ]


# ---------------------------------------------------------------- relative offsets
_OFFSET_RE = re.compile(
    rf"\b(?:(?P<hours>hours|minutes|moments)|(?P<num>\d+|{'|'.join(NUMBERS)}) (?P<unit>day|week)s?"
    r"|(?P<next>the (?:next|following) day|a day later|the day after|the previous day|the day before|a day earlier))"  # noqa: E501
    r"(?: (?P<dir>after|later|before|earlier|previously))?\b",
    re.IGNORECASE,
)


def offset_days(text: str) -> int | None:
    """Days from a reference happening: 'two days later' → 2, 'hours before' → 0."""
    m = _OFFSET_RE.search(text)
    if not m:
        return None
    if m["next"]:
        return -1 if re.search(r"previous|before|earlier", m["next"], re.I) else 1
    if not m["dir"]:
        return None
    sign = -1 if m["dir"].lower() in ("before", "earlier", "previously") else 1
    if m["hours"]:
        return 0
    count = NUMBERS.get(m["num"].lower()) or int(m["num"])
    return sign * count * (7 if m["unit"].lower() == "week" else 1)


_SHIFT_RE = re.compile(
    rf"\b(?:(?P<hedge>about|some|nearly|almost|roughly|more than|less than) )?"
    rf"(?:(?P<num>\d+|{'|'.join(NUMBERS)}) (?P<unit>hour|day|week|month|year)s?"
    r"|(?P<vague>hours|days|weeks|months|years))"
    r" (?P<dir>later|afterwards?|earlier|before|after)(?! (?:the|a|an|his|her|its|their)\b)"
    r"|\b(?P<det>the (?:next|following|previous)|a) (?P<nunit>day|morning|night|week|month|year)"
    r"(?P<ndir> later| earlier)?\b",
    re.IGNORECASE,
)


def shifted(text: str, base: When) -> tuple[When, str] | None:
    """A time told from the happening before ('Two days later', 'Weeks later', 'The next
    morning', 'A year earlier'): base moved by it, approximate unless an exact count of
    days moves a day; with the words that say so. None when text tells no such offset."""
    m = _SHIFT_RE.search(text)
    when = _shift(m, base) if m else None
    return (when, m.group()) if when else None


def _shift(m: re.Match, base: When) -> When | None:
    if m["det"]:
        if m["det"].lower() == "a" and not m["ndir"]:
            return None  # 'a day of talks'
        back = "previous" in m["det"].lower() or "earlier" in (m["ndir"] or "").lower()
        unit, count, vague = m["nunit"].lower(), 1, False
        unit = "day" if unit in ("morning", "night") else unit
    else:
        back = m["dir"].lower() in ("earlier", "before")
        unit = (m["unit"] or m["vague"]).lower().rstrip("s")
        vague = bool(m["vague"] or m["hedge"]) and unit != "hour"  # 'hours later': that day
        raw = (m["num"] or "").lower()
        if m["vague"]:
            count = {"hour": 0, "day": 3, "week": 2, "month": 2, "year": 2}[unit]
        else:
            count = 0 if unit == "hour" else NUMBERS.get(raw) or int(raw)
    sign = -1 if back else 1
    approximate = base.approximate or vague or unit not in ("hour", "day")
    if unit in ("hour", "day", "week"):
        days = count * (7 if unit == "week" else 1)
        if base.precision != "day":
            return replace(base, end=None, approximate=True)
        return When(base.start + timedelta(days=sign * days), approximate=approximate)
    months = count * (12 if unit == "year" else 1)
    year, month = add_months(base.start.year, base.start.month, sign * months)
    if base.precision == "year" or (base.precision == "month" and unit == "year"):
        precision = base.precision if unit == "year" else "year"
        return When(
            date(year, 1 if precision == "year" else month, 1), precision, None, approximate
        )
    if base.precision == "month":
        return When(date(year, month, 1), "month", None, approximate)
    day = min(base.start.day, calendar.monthrange(year, month)[1])
    return When(date(year, month, day), approximate=True)
