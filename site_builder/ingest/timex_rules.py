"""The patterns of time expressions and how each is normalised (timex.py runs them).

Each pattern may start with a cue — the preposition before the expression ('in', 'on',
'since', 'until' …) — which is not part of the expression's span (TIMEX3 spans leave it
out) but decides how an event record may use it: 'since December' is a span from December
to publication, 'until 2020' and 'by August' are deadlines that date no happening. A
handler returns False (not a time after all: 'May' the verb), or (When or None, value):
the When an event may take, and the TIMEX3-style value ('2010-SU', 'PRESENT_REF'). The
handlers of days and weeks are in timex_days.py, of longer parts of the calendar in
timex_periods.py.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from site_builder.ingest.calendar_words import (
    HEDGES,
    HOLIDAY_NAMES,
    MONTH_NAMES,
    NUMBERS,
    REFS,
    RELATIVE,
    YEAR_RX,
    When,
    add_months,
    duration,
    month_number,
    nearest,
    week_value,
    year_number,
)
from site_builder.ingest.timex_days import (
    holiday,
    month_day,
    past_verb_before,
    relative,
    span,
    the_day,
    week_of_date,
    weekday,
)
from site_builder.ingest.timex_periods import (
    a_quarter,
    a_season,
    nth_week,
    part_year,
    whole_year,
)

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)  # the point only after an abbreviation: 'since December.' ends a sentence
_NUM = r"(?P<num>\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = rf"(?P<year>{YEAR_RX})"
_ORDINAL = r"(?:st|nd|rd|th)?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?P<part>(?i:early|mid|mid-|late|the end of|the beginning of|the start of|the middle of))"
_CUE = (
    r"(?:(?P<cue>(?i:in|on|during|since|until|till|through|throughout|by|from|between|of|for|at"
    r"|before|after|within|over))\s+)?"
)
# Not part of the span either: 'earlier this week' is TIMEX3 'this week'.
_EDGE = r"(?:(?P<edge>(?i:earlier|later))\s+)?"
_REF_RX = "|".join(sorted((re.escape(k) for k in REFS), key=len, reverse=True))
_POINT = rf"(?:(?:{MONTH_NAMES})\.? )?(?:19|20)\d\d|(?:{MONTH_NAMES})"

# Order matters: the first pattern to claim a stretch of text wins.
PATTERNS = [
    (
        "range",  # 'from 2009 to 2011', 'between March and May 2010': two expressions
        rf"\b(?P<cue>(?i:from|between))\s+(?P<a>{_POINT})\s*(?:-|–|to|and|until|through)\s*"
        rf"(?P<b>{_POINT})\b",
    ),
    (
        "year_range",  # '2014-2016', 'in 2014–16': two years, a span from the first
        rf"(?<![$£€#\d.,/])\b{_CUE}(?P<a>(?:19|20)\d\d)\s*[-–]\s*(?P<b>(?:19|20)\d\d|\d\d)\b"
        r"(?![-–/.,:]\d|%)",
    ),
    # 'Saturday, April 25', 'Friday Oct. 13': the date says which Saturday
    ("weekday_date", rf"\b{_CUE}{_WEEKDAY},? {_MONTH} {_DAY}(?:,? {_YEAR})?\b"),
    (
        "nth_week",  # 'the first week of March', 'the last week of June 2010'
        rf"\b{_CUE}(?i:the) (?P<nth>(?i:first|second|third|fourth|last|final)) (?i:week) of "
        rf"{_MONTH}(?:,? {_YEAR})?\b",
    ),
    ("week_of_date", rf"\b{_CUE}(?i:the )?week of {_MONTH} {_DAY}(?:,? {_YEAR})?\b"),
    (
        "span_md",
        rf"\b{_CUE}{_MONTH} (?P<day>[0-3]?\d){_ORDINAL}\s*(?:-|–|to|through|until|and)\s*"
        rf"(?:(?P<month2>[A-Z][a-z]+)\.? )?(?P<day2>[0-3]?\d){_ORDINAL}(?:,? {_YEAR})?\b",
    ),
    ("month_day", rf"\b{_CUE}{_MONTH} {_DAY}(?:,? {_YEAR})?\b"),
    ("day_month", rf"\b{_CUE}{_DAY} (?:of )?{_MONTH}(?:,? {_YEAR})?\b"),
    (
        "year_earlier",  # 'a year earlier', 'the year-ago quarter': the year (or quarter) before
        r"(?i:\b(?:a year (?:ago|earlier)|(?:the )?year-(?:earlier|ago)(?: (?:quarter|period))?)"
        r"(?![\w-]))",
    ),
    ("ago", rf"(?i:\b(?P<hedge>{HEDGES} )?{_NUM} {_UNIT} ago\b)"),
    (
        "duration",  # 'the past three years', 'over the next few months'
        rf"(?i:\b{_CUE}(?:the|these) (?P<dmod>past|last|next|previous|coming) "
        rf"(?:(?P<dnum>\d+|few|several|couple of|{'|'.join(NUMBERS)}) )?"
        r"(?P<dunit>day|week|month|year|decade|quarter)s?\b)",
    ),
    (
        "quarter",
        r"(?i:\b" + _CUE + r"(?:(?P<det>the|its|this|last|next) )?"
        r"(?:(?P<ypos>this|last|next) year['’]s )?"
        r"(?:(?P<qmod>latest|current|previous|past|year-earlier|year-ago|fiscal|calendar)[ -])?"
        r"(?:(?P<y1>(?:19|20)\d\d) )?(?:fiscal )?(?P<qord>first|second|third|fourth|1st|2nd|3rd"
        r"|4th)?[ -]?(?:fiscal )?(?P<qunit>quarter|half)(?![-s]|ly)\b"
        r"(?:,? (?:of )?(?:fiscal )?(?:(?P<year>(?:19|20)\d\d)|(?P<yof>this|last|next) year)\b)?)",
    ),
    (
        "season",
        r"(?i:\b" + _CUE + r"(?:(?P<smod>last|this|next|this past|the past|early|late|the|mid)"
        r"[ -])?(?P<season>spring|summer|fall|autumn|winter)\b"
        rf"(?:,? (?:of )?(?P<year>{YEAR_RX})\b)?)",
    ),
    (
        "part_year",  # 'early 2011', 'mid-2009', 'the end of the year', 'late last year'
        r"(?i:\b" + _CUE + r"(?P<part>early|mid|late|the end of|the beginning of|the start of|"
        r"the middle of|the first half of|the second half of|end of|end-)[ -]?"
        rf"(?:(?P<year>{YEAR_RX})|(?P<ryear>this year|last year|next year|the year)"
        r"|(?P<rmonth>this month|last month|next month|the month))\b)",
    ),
    (
        "whole_year",  # 'by year-end', 'the full year', 'the current fiscal year'
        r"(?i:\b" + _CUE + r"(?:(?P<yend>(?:the )?year[- ]end|year['’]s end)|the (?:(?P<wy>full"
        r"|fiscal|current|current fiscal|latest fiscal|calendar) )?(?P<wyear>year)"
        r"(?! (?:before|earlier|after|later|since|ago|ended|ending|to|of|\d|two|nineteen)\b)"
        r"|(?P<side>earlier|later) in the year)(?![\w-]))",
    ),
    ("part_month", rf"\b{_CUE}{_PART}[ -]?{_MONTH}(?: {_YEAR})?\b"),
    ("month_year", rf"\b{_CUE}{_MONTH},? {_YEAR}\b"),
    ("month_rel_year", rf"\b{_CUE}{_MONTH},? (?P<ryear>(?i:last|this|next) year)\b"),
    (
        "holiday",
        rf"\b{_CUE}(?:(?P<mod>(?i:last|this|next)) )?(?P<holiday>{HOLIDAY_NAMES})"
        rf"(?P<hweek> week)?(?:,? {_YEAR})?\b",
    ),
    (
        "decade",
        rf"\b{_CUE}(?:(?i:the) )?(?:(?P<dpart>(?i:early|mid|late))[- ])?"
        r"(?P<decade>(?:1[89]|20)\d0)['’]?s\b",
    ),
    # '(?i:…)': 'In March, …' and 'Last November, …' open sentences; the month stays
    # case-sensitive ('may' is a verb).
    ("in_month", rf"\b{_CUE}(?:(?P<mod>(?i:last|this|next|this past)) )?{_MONTH}(?![\w-])"),
    (
        "year",
        rf"(?<![$£€#\d.,/-])\b{_CUE}(?P<theyear>(?i:the year) )?"
        rf"(?:(?P<fiscal>(?i:fiscal|calendar)) )?(?:{_YEAR}|['’](?P<short>\d\d))\b"
        r"(?![.,/]\d|%|-\d|\d|['’]s| (?:percent|per cent|million|billion|trillion|thousand|hundred"
        r"|points|people|votes|dollars|euros|pounds|tonnes|tons|barrels|shares|jobs|cases)\b)",
    ),
    (
        "weekday",
        rf"\b{_CUE}(?:(?P<mod>(?i:last|next|this|late|early|this past)) )?{_WEEKDAY}"
        r"(?:\s+(?P<daypart>morning|afternoon|evening|night))?\b",
    ),
    (
        "anaphora",  # 'that year', 'later that month', 'the following year': of a time before
        r"(?i:\b"
        + _CUE
        + r"(?:(?P<aedge>later|earlier) )?(?:that (?:same )?|the (?P<after>following) )"
        r"(?P<aunit>year|month|week|day)\b(?! (?:of|before|after|when)\b))",
    ),
    ("relative", rf"(?i:\b{_CUE}{_EDGE}(?P<rel>{RELATIVE})\b)"),
    ("refs", rf"(?i:\b{_CUE}(?P<ref>{_REF_RX})\b)"),
    (
        "streak",  # 'for a second consecutive day', 'its fourth week in a row': the latest
        r"(?i:\b(?:(?:a|the|its|their) )?(?:second|third|fourth|fifth|sixth|seventh"
        r"|\d+(?:nd|rd|th)) (?:(?P<run>consecutive|straight) )?(?P<sunit>day|session|week)\b"
        r"(?:(?= in a row)(?P<row>)|))",
    ),
    # 'shares fell 2% on the day', 'the Dow ended the day up 1%': the day of the report
    (
        "on_the_day",
        r"(?i:\b(?:(?P<cue>on|for)|(?P<edge>end(?:s|ed|ing)?|finish(?:es|ed|ing)?|clos(?:e|es|ed|ing)"
        r"|(?:later|earlier) in|(?:the )?(?:start|end|close) of))\s+"
        r"the day\b(?! (?:of|before|after|that|when|it)\b))",
    ),
]
COMPILED = [(name, re.compile(rx)) for name, rx in PATTERNS]
_SUPERLATIVE_RE = re.compile(
    r"\b(?:first|last|only|\w{3,}est|most|least|ever|biggest|worst|best)\b[^,;.]*$", re.I
)


def normalise(name: str, m: re.Match, published: date, tense: str):
    handler = {
        "weekday_date": month_day,
        "week_of_date": week_of_date,
        "span_md": span,
        "month_day": month_day,
        "day_month": month_day,
        "ago": _ago,
        "year_earlier": _year_earlier,
        "duration": duration,
        "quarter": a_quarter,
        "season": a_season,
        "part_year": part_year,
        "whole_year": whole_year,
        "part_month": _month_only,
        "nth_week": nth_week,
        "month_year": _month_only,
        "month_rel_year": _month_only,
        "holiday": holiday,
        "decade": _decade,
        "in_month": _month_only,
        "year": _year,
        "weekday": weekday,
        "relative": relative,
        "refs": _ref,
        "on_the_day": the_day,
        "anaphora": lambda m, published, tense: (None, None),  # resolved in timex.py
        "streak": _streak,
    }[name]
    result = handler(m, published, tense)
    if result is False:
        return False
    when, value = result
    cue = (m.groupdict().get("cue") or "").lower()
    if cue == "since" and _SUPERLATIVE_RE.search(m.string[: m.start()]):
        return None, value  # 'the first increase since 2023', 'the highest since May'
    if when is not None and cue in ("until", "till", "by", "before") and when.precision != "day":
        return None, value  # 'by the end of the year': a deadline, not when it happened
    if when is not None and cue == "since" and when.start <= published:
        when = replace(when, end=max(published, when.start), approximate=False)
    return when, value


def _value(when: When | None) -> str | None:
    return when.iso() if when else None


def _ago(m: re.Match, published: date, tense: str):
    count, unit = NUMBERS.get(m["num"].lower()) or int(m["num"]), m["unit"].lower()
    vague = bool(m["hedge"]) or m["num"].lower() in ("a few", "several") or unit == "week"
    if unit == "day":
        when = When(published - timedelta(days=count), approximate=vague)
        return when, when.iso()
    if unit == "week":  # 'two weeks ago': about that day (TimeBank and MEANTIME agree)
        when = When(published - timedelta(weeks=count), approximate=True)
        return when, when.iso()
    if unit == "month":
        year, month = add_months(published.year, published.month, -count)
        when = When(date(year, month, 1), "month", approximate=vague)
        return when, when.iso()
    if unit == "decade":  # 'two decades ago': about that year
        count, vague = count * 10, True
    when = When(date(published.year - count, 1, 1), "year", approximate=vague)
    return when, when.iso()


def _year_earlier(m: re.Match, published: date, tense: str):
    when = When(date(published.year - 1, 1, 1), "year")
    return (when if m.group().lower().startswith("a ") else None), when.iso()


def _month_only(m: re.Match, published: date, tense: str):
    groups = m.groupdict()
    month = month_number(m["month"])
    cue = (groups.get("cue") or "").lower()
    mod = (groups.get("mod") or "").lower()
    if month is None:
        return False
    dated = bool(groups.get("year") or groups.get("part") or groups.get("ryear"))
    may = m["month"] == "May" and not dated
    if may and cue not in ("in", "since", "until") and mod not in ("last", "next"):
        return False  # "May" is a verb or a name more often than a month
    bare = not (cue or mod or dated)
    if bare and (m["month"] != m["month"].title() or len(m["month"].rstrip(".")) < 5):
        return False  # a bare 'Jan' or 'Mar' is too often something else
    ryear = (groups.get("ryear") or "").lower().split(" ")[0]
    if groups.get("year"):
        when = When(date(year_number(m["year"]), month, 1), "month")
    elif ryear or mod == "this":  # 'July last year', 'this September': that year's month
        shift = {"last": -1, "next": 1}.get(ryear, 0)
        when = When(date(published.year + shift, month, 1), "month")
    else:
        if mod in ("last", "this past"):
            tense = "past"
        elif mod == "next":
            tense = "future"
        strict = mod in ("last", "this past") or past_verb_before(m)  # no coming one
        when = nearest(published, tense, lambda y: When(date(y, month, 1), "month"), strict=strict)
    value = when.iso() if when else None
    if cue in ("until", "till", "by", "from", "before", "after"):
        return None, value
    return when, value


def _decade(m: re.Match, published: date, tense: str):
    start = int(m["decade"])
    when = When(date(start, 1, 1), "year", date(start + 9, 12, 31))
    part = (m["dpart"] or "").lower()
    if part:
        first = {"early": 0, "mid": 3, "late": 7}[part]
        when = When(date(start + first, 1, 1), "year", date(start + first + 3, 12, 31), True)
    return when, f"{start // 10}X"


def _year(m: re.Match, published: date, tense: str):
    cue = (m["cue"] or "").lower()
    after = m.string[m.end() :]
    if m["short"]:  # "since '82": the latest such year
        if not cue:
            return False
        year = published.year // 100 * 100 + int(m["short"])
        year -= 100 if year > published.year else 0
    else:
        year = year_number(m["year"])
        spoken = not m["year"].isdigit()
        if spoken and m["year"].lower().startswith("two") and not (cue or m["theyear"]):
            return False  # 'two thousand people'
    value = f"{year:04d}"
    when = When(date(year, 1, 1), "year")
    if not cue and not m["fiscal"] and not m["theyear"]:
        if abs(year - published.year) > 60:
            return False  # a number, not a year
        before = m.string[: m.start()]
        named = re.search(r"[A-Z][a-z]+\s+$", before) and re.match(r"\s+[A-Z]", after)
        if named and not re.search(r"(?:^|[.!?]\s+)[A-Z][a-z]+\s+$", before):
            return False  # 'the Russell 2000 Index': a name
        if re.match(r"\s+[a-z]", after):
            return None, value  # 'the 2024 election': it names the election, not our time
    if cue in ("until", "till", "by", "from", "for", "before", "after", "within", "over"):
        return None, value
    return when, value


def _streak(m: re.Match, published: date, tense: str):
    """The last day (or week) of a streak is the report's: a value, no event date."""
    if not m["run"] and m["row"] is None:
        return False  # 'the second day of talks'
    if m["sunit"].lower() == "week":
        return None, week_value(published)
    return None, published.isoformat()


def _ref(m: re.Match, published: date, tense: str):
    """'now', 'currently', 'in the past', 'soon': a value, but no date for an event."""
    return None, REFS[" ".join(m["ref"].lower().split())]
