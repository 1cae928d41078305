"""Calendar words and arithmetic for time expressions: month, weekday, season and quarter
names, the When an event record takes its date from, and the TIMEX3-style values
(2010-SU, 2010-Q3, 2010-W14, 199X) the benchmarks compare with.

A season, a quarter or a part of a year maps to a span of months for the event record
(the content model has no seasons): spring March–May, summer June–August, autumn
September–November, winter December to February of the next year (the winter of 2010
starts in December 2010); early/mid/late a year the first, middle and last four months.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import TH, TU, relativedelta

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
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3}
ORDINALS["4th"] = 4
HEDGES = r"(?:about|some|around|roughly|nearly|almost|more than|less than|over|just over|under)"
MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
RELATIVE = "|".join(
    [
        "the day before yesterday", "the day after tomorrow", "yesterday", "today", "tonight",
        "tomorrow", "overnight", "last night", "this morning", "this afternoon", "this evening",
        "recent days", "recent weeks", "recent months", "recent years", "recently",
        "this past weekend", "last weekend", "this weekend", "the weekend",
        "this week", "last week", "next week",
        "this month", "last month", "next month", "this year", "last year", "next year",
    ]
)  # fmt: skip
REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "presently": "PRESENT_REF", "at present": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "these days": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "the past": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
}  # fmt: skip
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"]
_TEENS += ["seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ONES = "|".join(_UNITS)
_WORD_VALUES = {w: i + 1 for i, w in enumerate(_UNITS)}
_WORD_VALUES.update({w: i + 10 for i, w in enumerate(_TEENS)})
_WORD_VALUES.update({w: (i + 2) * 10 for i, w in enumerate(_TENS)})
_TWO_DIGITS = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{_ONES}))?|{'|'.join(_TEENS)})"
# A year read out as words, as in broadcast transcripts: 'nineteen ninety-six', 'nineteen
# hundred', 'two thousand and one'. (A bare 'two thousand' is a count unless the pattern
# around it says 'the year'.)
SPOKEN_YEAR = (
    rf"(?:nineteen (?:hundred(?: and (?:{_ONES}))?|{_TWO_DIGITS}|oh? (?:{_ONES}))"
    rf"|two thousand(?:(?: and)? (?:{_TWO_DIGITS}|{_ONES}))?)"
)
YEAR_RX = rf"(?:(?:19|20)\d\d|{SPOKEN_YEAR})"


def year_number(text: str) -> int:
    """'1996' → 1996, 'nineteen ninety-six' → 1996, 'two thousand and one' → 2001."""
    if text.isdigit():
        return int(text)
    words = re.findall(r"[a-z]+", text.lower())
    century = 1900 if words[0] == "nineteen" else 2000
    rest = [w for w in words[1:] if w not in ("hundred", "thousand", "and", "o", "oh")]
    return century + sum(_WORD_VALUES.get(w, 0) for w in rest)


# Feasts and holidays with a date rule (dateutil's Easter; US Thanksgiving and Election Day).
HOLIDAYS = {
    "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "valentine's day": lambda y: date(y, 2, 14),
    "good friday": lambda y: easter(y) - timedelta(days=2),
    "easter": easter,
    "easter sunday": easter,
    "easter monday": lambda y: easter(y) + timedelta(days=1),
    "halloween": lambda y: date(y, 10, 31),
    # the Tuesday after the first Monday of November: the first Tuesday from the 2nd on
    "election day": lambda y: date(y, 11, 2) + relativedelta(weekday=TU(+1)),
    "thanksgiving": lambda y: date(y, 11, 1) + relativedelta(weekday=TH(+4)),
    "thanksgiving day": lambda y: date(y, 11, 1) + relativedelta(weekday=TH(+4)),
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas": lambda y: date(y, 12, 25),
    "christmas day": lambda y: date(y, 12, 25),
}
HOLIDAY_NAMES = "|".join(
    sorted((k.title().replace("'S", "'s") for k in HOLIDAYS), key=len, reverse=True)
)
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # 14: next Feb
# early / mid / late in a year: months (first, last)
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "end": (12, 12), "start": (1, 1)}
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
UNIT_CODES = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "quarter": "Q"}


@dataclass(frozen=True)
class When:
    start: date
    precision: str = "day"  # day | month | year
    end: date | None = None  # last day of a span
    approximate: bool = False
    overnight: bool = False  # "overnight": the night that ended on this day

    def iso(self) -> str:
        return iso(self.start, self.precision)

    def end_iso(self) -> str | None:
        """The span's last day; a month- or year-precision span ends in its month or year
        ('2010-06'..'2010-08' for a summer)."""
        if not self.end or self.end == self.start:
            return None
        if self.precision != "day" and self.end == last_day(self.end, self.precision):
            return iso(self.end, self.precision)
        return iso(self.end, "day")

    @property
    def last(self) -> date:
        """The last day the date may denote (a month's last day for month precision)."""
        if self.end:
            return self.end
        return last_day(self.start, self.precision)

    def approx(self) -> When:
        return replace(self, approximate=True, overnight=False)


def iso(day: date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def last_day(day: date, precision: str) -> date:
    if precision == "month":
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == "year":
        return day.replace(month=12, day=31)
    return day


def month_number(text: str) -> int | None:
    return MONTHS.get(text.lower().rstrip("."))


def add_months(year: int, month: int, shift: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + shift
    return index // 12, index % 12 + 1


def months(year: int, first: int, last: int, approximate: bool = False) -> When:
    """Months first..last of year (last may run into the next year: 14 is February)."""
    end_year, end_month = add_months(year, last, 0)
    end = last_day(date(end_year, end_month, 1), "month")
    return When(date(year, first, 1), "month", end if last != first else None, approximate)


def safe_date(year: int, month: int, day: int) -> When | None:
    try:
        return When(date(year, month, day))
    except ValueError:
        return None


def nearest(published: date, tense: str, make, years=None, strict=False) -> When | None:
    """The candidate year nearest to publication, on the side the tense points to — unless
    that lies over half a year back while a coming day is within three months, or a coming
    month is one of the next two (a dateless 'Dec. 10' in a November report is the coming
    one whatever the verb's tense; 'a cutback in September' in an August one). strict keeps
    the tense's side ('the year ended Jan. 31')."""
    years = years or (published.year - 1, published.year, published.year + 1)
    options = [w for y in years if (w := make(y))]
    slack = timedelta(days=1)
    if tense == "past":
        fitting = [w for w in options if w.start <= published + slack]
    elif tense == "future":
        fitting = [w for w in options if w.last >= published - slack]
    else:
        fitting = options
    distance = lambda w: abs((w.start - published).days)  # noqa: E731
    best = min(fitting or options, key=distance, default=None)
    closest = min(options, key=distance, default=None)
    if strict or tense != "past" or not best or not closest or distance(best) <= 182:
        return best
    if best.precision == "day":
        return closest if distance(closest) <= 92 else best
    ahead = (closest.start.year - published.year) * 12 + closest.start.month - published.month
    return closest if best.precision == "month" and 1 <= ahead <= 2 else best


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def week_of(day: date, tense: str, published: date) -> When:
    """The week (Monday..Sunday) holding day, as an approximate span; the part of this week
    the tense points to ('earlier this week': up to publication)."""
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    if monday <= published <= sunday:
        if tense == "past":
            sunday = published
        elif tense == "future":
            monday = published
    return When(monday, end=sunday if sunday != monday else None, approximate=True)


def season_value(year: int, code: str) -> str:
    return f"{year:04d}-{code}"


def season(published: date, code: str, mod: str, tense: str) -> tuple[int, When]:
    """(year, months) of a season: 'last' the latest one over before publication, 'next'
    the first one to begin after it, 'this' the one under way, else the last one over in
    the past tense, the coming one in the future, the nearer in the present; otherwise the
    tense's side."""
    first, last = SEASON_MONTHS[code]

    def span(year: int) -> When:
        return months(year, first, last)

    candidates = [span(y) for y in range(published.year - 2, published.year + 2)]
    over = [w for w in candidates if w.last < published]
    started = [w for w in candidates if w.start <= published]
    ahead = [w for w in candidates if w.start > published]
    current = [w for w in candidates if w.start <= published <= w.last]
    if mod in ("last", "this past", "past"):
        pick = over[-1]
    elif mod == "next":
        pick = ahead[0]
    elif current:
        pick = current[0]
    elif mod == "this" and tense == "past":  # 'they met this spring' in August
        pick = over[-1]
    elif mod == "this" and tense == "present":  # the nearer of the last and the next
        pick = min(
            over[-1], ahead[0], key=lambda w: min(abs(published - w.start), abs(published - w.last))
        )
    elif mod == "this" or tense in ("present", "future"):
        pick = ahead[0]
    else:
        pick = started[-1]
    return pick.start.year, pick


def quarter_span(year: int, number: int, unit: str = "Q") -> When:
    size = 3 if unit == "Q" else 6
    first = (number - 1) * size + 1
    return months(year, first, first + size - 1)


def quarter(published: date, number: int | None, mod: str, tense: str, unit: str = "Q"):
    """(year, number) of a quarter (or half, unit 'H') named without a year: 'the third
    quarter' in a past-tense report is the latest third quarter begun (this year's, when
    it has begun); 'the quarter' / 'the latest quarter' the latest one over, 'this/the
    current quarter' the one under way."""
    size = 3 if unit == "Q" else 6
    index = (published.month - 1) // size + 1  # the one under way
    per_year = 12 // size
    spans = [
        (y, n)
        for y in range(published.year - 2, published.year + 2)
        for n in range(1, per_year + 1)
    ]
    over = [(y, n) for y, n in spans if quarter_span(y, n, unit).last < published]
    key = published.year * 12 + published.month  # months before it have begun
    if number is None:
        if mod in ("this", "current") or (mod == "" and tense == "future"):
            return published.year, index
        if mod == "next":
            year, month = add_months(published.year, (index - 1) * size + 1, size)
            return year, (month - 1) // size + 1
        year, n = over[-1]
        if mod in ("year-earlier", "year-ago"):
            year -= 1
        return year, n
    if tense == "future" or mod == "next":
        ahead = [(y, n2) for y, n2 in spans if n2 == number and (y, n2) not in over]
        return ahead[0]
    if mod in ("this", "current"):
        return published.year, number
    # 'the fourth quarter' in a November report: this year's, under way (the latest begun)
    started = [(y, n2) for y, n2 in spans if n2 == number and y * 12 + (n2 - 1) * size < key]
    return started[-1]


def duration(m, published: date, tense: str):
    """'the past three years': P3Y, and for an event the span up to publication."""
    raw = (m["dnum"] or "one").lower()
    count = NUMBERS.get(raw) or (int(raw) if raw.isdigit() else None)
    unit = m["dunit"].lower()
    code = UNIT_CODES[unit]
    value = f"P{count if count else 'X'}{code}"
    n = count or 3
    days = {"day": n, "week": 7 * n}.get(unit)
    month_count = {"month": n, "quarter": 3 * n, "year": 12 * n, "decade": 120 * n}.get(unit, 0)
    ahead = m["dmod"].lower() in ("next", "coming")
    sign = 1 if ahead else -1
    if days:
        other = published + timedelta(days=sign * days)
    else:
        year, month = add_months(published.year, published.month, sign * month_count)
        other = safe_date(year, month, min(published.day, 28)).start
    start, end = (published, other) if ahead else (other, published)
    singular = not m["dnum"] and not m.group().lower().endswith("s")
    if singular and unit != "day":  # 'the past year' is the one before: 2009, not P1Y
        value = _unit_value(published, unit, sign)
    return When(start, end=end, approximate=True), value


def _unit_value(published: date, unit: str, sign: int) -> str:
    """The calendar week, month, quarter, year or decade before (sign -1) or after (1)."""
    if unit == "week":
        return week_value(published + timedelta(weeks=sign))
    if unit == "month":
        return "{:04d}-{:02d}".format(*add_months(published.year, published.month, sign))
    if unit == "quarter":
        year, number = quarter(published, None, "next" if sign > 0 else "last", "past")
        return f"{year:04d}-Q{number}"
    if unit == "decade":
        return f"{published.year // 10 + sign:03d}"
    return f"{published.year + sign:04d}"


def point(text: str, published: date, tense: str) -> When | None:
    """One end of a range: 'March 2009', '2009' or 'March'."""
    words = text.split()
    year = int(words[-1]) if words[-1].isdigit() else None
    month = month_number(words[0]) if not words[0].isdigit() else None
    if month and year:
        return When(date(year, month, 1), "month")
    if year:
        return When(date(year, 1, 1), "year")
    return nearest(published, tense, lambda y: When(date(y, month, 1), "month"))
