"""Temporal expressions, normalised against the publication date.

A date without a year takes the year that puts it nearest to publication on the side the
tense points to ("will visit on December 8" lies after publication, "met on December 3"
before). Vague expressions ("about two weeks ago", "last week") are marked approximate;
"in November" has month precision. Expressions that only place a happening relative to
another one ("hours after", "two days later", "earlier") are returned as offsets.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a few": 3,
    "several": 3,
    "a couple of": 2,
    "a couple": 2,
}
HEDGES = r"(?:about|some|around|roughly|nearly|almost|more than|less than|over|just over|under)"

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"  # noqa: E501
_NUM = r"(?P<num>\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_ORDINAL = r"(?:st|nd|rd|th)?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?P<part>early|mid|mid-|late|the end of|the beginning of|the start of|the middle of)"
_RELATIVE = "|".join(
    [
        "yesterday", "today", "tonight", "tomorrow", "overnight", "last night", "this morning",
        "this afternoon", "this evening", "earlier today", "earlier this week",
        "later this week", "later this month", "earlier this month", "earlier this year",
        "later this year", "in recent days", "in recent weeks", "recently", "last weekend",
        "this weekend", "this week", "last week", "next week",
        "this month", "last month", "next month", "this year", "last year", "next year",
        "the day before yesterday",
    ]
)  # fmt: skip

# Order matters: the first pattern to claim a stretch of text wins.
PATTERNS = [
    (
        "span_md",
        rf"\b{_MONTH} (?P<day>[0-3]?\d){_ORDINAL}\s*(?:-|–|to|through|until)\s*"
        rf"(?:(?P<month2>[A-Z][a-z]+)\.? )?(?P<day2>[0-3]?\d){_ORDINAL}(?:,? {_YEAR})?\b",
    ),
    ("month_day", rf"\b{_MONTH} {_DAY}(?:,? {_YEAR})?\b"),
    ("day_month", rf"\b{_DAY} (?:of )?{_MONTH}(?:,? {_YEAR})?\b"),
    ("ago", rf"\b(?P<hedge>{HEDGES} )?{_NUM} {_UNIT} ago\b"),
    ("part_month", rf"\b{_PART}[ -]?{_MONTH}(?: {_YEAR})?\b"),
    ("month_year", rf"\b{_MONTH},? {_YEAR}\b"),
    # '(?i:…)': 'In March, …' and 'Last November, …' open sentences; the month stays
    # case-sensitive ('may' is a verb).
    ("in_month", rf"\b(?P<prep>(?i:in|during|last|this|next|since|until|by|from)) {_MONTH}\b"),
    ("year", rf"\b(?P<prep>(?i:in|during|since|until|by|from|of|for)) {_YEAR}\b"),
    (
        "weekday",
        rf"\b(?P<mod>last|next|this|on|late|early)?\s*{_WEEKDAY}"
        r"(?:\s+(?:morning|afternoon|evening|night))?\b",
    ),
    ("relative", rf"\b(?P<rel>{_RELATIVE})\b"),
]
COMPILED = [
    (name, re.compile(rx, re.IGNORECASE if name in ("ago", "relative") else 0))
    for name, rx in PATTERNS
]


@dataclass(frozen=True)
class When:
    start: date
    precision: str = "day"  # day | month | year
    end: date | None = None  # last day of a span
    approximate: bool = False
    overnight: bool = False  # "overnight": the night that ended on this day

    def iso(self) -> str:
        return _iso(self.start, self.precision)

    def end_iso(self) -> str | None:
        return _iso(self.end, "day") if self.end and self.end != self.start else None

    @property
    def last(self) -> date:
        """The last day the date may denote (a month's last day for month precision)."""
        if self.end:
            return self.end
        if self.precision == "month":
            return self.start.replace(day=calendar.monthrange(self.start.year, self.start.month)[1])
        if self.precision == "year":
            return self.start.replace(month=12, day=31)
        return self.start

    def approx(self) -> When:
        return replace(self, approximate=True, overnight=False)


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    text: str
    when: When | None  # None when it cannot be an event's date ("since 2023")


def _iso(day: date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


_DEADLINE_BEFORE = re.compile(r"\b(?:until|till|deadline of)\s+$", re.IGNORECASE)


def find_times(text: str, published: date, tense="past") -> list[TimeExpr]:
    """Every temporal expression in text, left to right, normalised.

    tense is past|present|future, or a function giving the tense at a character offset.
    """
    claimed: list[tuple[int, int]] = []
    found: list[TimeExpr] = []
    for name, rx in COMPILED:
        for match in rx.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in claimed):
                continue
            at = tense(match.start()) if callable(tense) else tense
            if _DEADLINE_BEFORE.search(text[: match.start()]):
                at = "present"  # 'gave it until Oct. 30': a deadline, ahead or behind
            when = _normalise(name, match, published, at)
            if when is False:
                continue  # not a temporal expression after all ("may" the verb, "Sun" ...)
            claimed.append(match.span())
            found.append(TimeExpr(match.start(), match.end(), match.group(), when or None))
    return sorted(found, key=lambda t: t.start)


def _normalise(name: str, m: re.Match, published: date, tense: str):
    handler = {
        "span_md": _span,
        "month_day": _month_day,
        "day_month": _month_day,
        "ago": _ago,
        "part_month": _month_only,
        "month_year": _month_only,
        "in_month": _month_only,
        "year": _year,
        "weekday": _weekday,
        "relative": _relative,
    }[name]
    return handler(m, published, tense)


def _month_number(text: str) -> int | None:
    return MONTHS.get(text.lower().rstrip("."))


def _month_day(m: re.Match, published: date, tense: str):
    month, day = _month_number(m["month"]), int(m["day"])
    if month is None or not 1 <= day <= 31:
        return False
    if m["year"]:
        return _safe_date(int(m["year"]), month, day)
    return _nearest(published, tense, lambda y: _safe_date(y, month, day))


def _span(m: re.Match, published: date, tense: str):
    first = _month_day(m, published, tense)
    if not first or first is None:
        return False
    month2 = _month_number(m["month2"]) if m["month2"] else first.start.month
    if month2 is None:
        return False
    last = _safe_date(first.start.year + (month2 < first.start.month), month2, int(m["day2"]))
    if not last or last.start < first.start:
        return False
    return replace(first, end=last.start)


def _ago(m: re.Match, published: date, tense: str):
    count, unit = NUMBERS.get(m["num"].lower()) or int(m["num"]), m["unit"].lower()
    vague = bool(m["hedge"]) or m["num"].lower() in ("a few", "several") or unit == "week"
    if unit == "day":
        return When(published - timedelta(days=count), approximate=vague)
    if unit == "week":
        return When(published - timedelta(weeks=count), approximate=True)
    if unit == "month":
        year, month = _add_months(published.year, published.month, -count)
        return When(date(year, month, 1), "month", approximate=vague)
    return When(date(published.year - count, 1, 1), "year", approximate=vague)


def _month_only(m: re.Match, published: date, tense: str):
    month = _month_number(m["month"])
    if month is None or (
        m["month"] == "May"
        and not (m.groupdict().get("year"))
        and (m.groupdict().get("prep") or "").lower()
        not in ("in", "last", "next", "since", "until")
    ):
        return False  # "May" is a verb or a name more often than a month
    prep = (m.groupdict().get("prep") or "").lower()
    if prep in ("since", "until", "by", "from"):
        return None
    if m.groupdict().get("year"):
        return When(date(int(m["year"]), month, 1), "month")
    if prep == "last":
        tense = "past"
    elif prep == "next":
        tense = "future"
    return _nearest(published, tense, lambda y: When(date(y, month, 1), "month"))


def _year(m: re.Match, published: date, tense: str):
    if m["prep"].lower() in ("since", "until", "by", "from", "for"):
        return None
    return When(date(int(m["year"]), 1, 1), "year")


def _weekday(m: re.Match, published: date, tense: str):
    target = WEEKDAYS[m["weekday"].lower()]
    mod = (m["mod"] or "").lower()
    if not mod and not m.group().istitle():
        return False
    back = (published.weekday() - target) % 7  # days since the last such weekday
    ahead = (target - published.weekday()) % 7 or 7
    if mod == "last" or (mod != "next" and tense == "past"):
        return When(published - timedelta(days=back + (7 if mod == "last" and back == 0 else 0)))
    if mod == "next" or tense == "future":
        return When(published + timedelta(days=ahead))
    return When(
        published - timedelta(days=back) if back <= ahead else published + timedelta(days=ahead)
    )  # noqa: E501


def _relative(m: re.Match, published: date, tense: str):
    rel = m["rel"].lower()
    offsets = {
        "yesterday": -1,
        "today": 0,
        "tonight": 0,
        "tomorrow": 1,
        "this morning": 0,
        "this afternoon": 0,
        "this evening": 0,
        "earlier today": 0,
        "the day before yesterday": -2,
    }
    if rel in offsets:
        return When(published + timedelta(days=offsets[rel]))
    if rel in ("overnight", "last night"):
        return When(published, overnight=True)
    if rel in ("this week", "earlier this week", "later this week"):
        return When(published, approximate=True)
    if rel in ("in recent days", "recently"):
        return When(published - timedelta(days=3), approximate=True)
    if rel == "in recent weeks":
        return When(published - timedelta(days=14), approximate=True)
    if rel.endswith("weekend"):  # the Saturday before publication, or the coming one
        back = (published.weekday() - 5) % 7 or 7
        ahead = (5 - published.weekday()) % 7
        future = rel.startswith("this") and tense == "future"
        return When(published + timedelta(days=ahead if future else -back), approximate=True)
    if rel in ("last week", "next week"):
        sign = -1 if rel.startswith("last") else 1
        return When(published + timedelta(days=7 * sign), approximate=True)
    if rel.endswith("month"):
        shift = {"last": -1, "next": 1}.get(rel.split()[0], 0)  # 'earlier this month': 0
        year, month = _add_months(published.year, published.month, shift)
        return When(date(year, month, 1), "month")
    shift = {"last": -1, "next": 1}.get(rel.split()[0], 0)  # 'later this year': 0
    return When(date(published.year + shift, 1, 1), "year")


def _nearest(published: date, tense: str, make) -> When | None:
    """The candidate year nearest to publication, on the side the tense points to."""
    options = [
        w for y in (published.year - 1, published.year, published.year + 1) if (w := make(y))
    ]
    slack = timedelta(days=1)
    if tense == "past":
        fitting = [w for w in options if w.start <= published + slack]
    elif tense == "future":
        fitting = [w for w in options if w.last >= published - slack]
    else:
        fitting = options
    pool = fitting or options
    return min(pool, key=lambda w: abs((w.start - published).days)) if pool else None


def _safe_date(year: int, month: int, day: int) -> When | None:
    try:
        return When(date(year, month, day))
    except ValueError:
        return None


def _add_months(year: int, month: int, shift: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + shift
    return index // 12, index % 12 + 1


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
