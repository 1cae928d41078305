"""Normalising the time expressions that name a day or a week (timex_rules.py has the
patterns): month and day, weekdays, 'yesterday' and 'this week', feasts ('Thanksgiving
Day', 'Easter'), 'the week of March 6' and the day a market report is about ('the Dow
ended the day 2% lower').

Which day a word without a year or a week means depends on the tense (timex.py), and on
a few words beside it: 'planned to leave on Thursday' and 'as soon as Tuesday' look
ahead; 'Wednesday's ruling' and 'the Aug. 7 blasts' name a day already known, so one
before publication; 'later Thursday' in a Thursday report is that day.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from site_builder.ingest.calendar_words import (
    DAY_PARTS,
    HOLIDAYS,
    WEEKDAYS,
    When,
    add_months,
    month_number,
    nearest,
    safe_date,
    week_of,
    week_value,
    year_number,
)
from site_builder.ingest.lexicon import IRREGULAR

# 'planned to leave Nairobi on Thursday', 'has scheduled a news conference Thursday',
# 'will succeed him Feb. 1'
_CLAUSE_TAIL = r"(?:[^.,;:()\"“”]|(?<=\b[A-Z])\.)"  # 'Daniel P. Davison': an initial's point
_PLANNED_RE = re.compile(
    rf"(?:\b(?:will|shall)|'ll)(?! have)\b{_CLAUSE_TAIL}{{0,40}}$|"
    r"\b(?:plans? to|planned|planning|schedul(?:ed|ing)|intend(?:s|ed|ing)? to|due (?:to|on|for)"
    r"|aim(?:s|ed|ing)? to|hop(?:es?|ed|ing) to|as (?:soon|early) as|until|till|postponed"
    rf"|delayed|adjourned)\b{_CLAUSE_TAIL}{{0,60}}$",
    re.IGNORECASE,
)
# 'began in January', 'ended Jan. 31': a past verb right before the time (with its cue),
# not a passive ('is expected in December') or an adjective ('the planned …').
_VERB_BEFORE_RE = re.compile(
    r"\b(?P<aux>is|are|be|been|being|was|were|the|a|an)?\s*\b(?P<verb>[a-z]+)\s+"
    r"(?:(?:in|on|during|by|at|of|until|last)\s+)?(?:early|mid|late)?[\s-]*$"
)
_IRREGULAR_PAST = frozenset(
    form
    for lemma, forms in IRREGULAR.items()
    for form in forms.split()
    if form != lemma and not form.endswith(("s", "ing"))
)


def past_verb_before(m: re.Match) -> bool:
    """The time follows a verb in the past tense: it lies before publication, whatever a
    coming day or month nearer to it ('The strike began in January', in December)."""
    before = _VERB_BEFORE_RE.search(m.string[max(0, m.start() - 60) : m.start()])
    if not before or before["aux"]:
        return False
    verb = before["verb"]
    return verb in _IRREGULAR_PAST or (verb.endswith("ed") and len(verb) > 4) or verb == "ending"


def planned(m: re.Match) -> bool:
    """The expression follows a plan, a schedule or a deadline in its clause."""
    return bool(_PLANNED_RE.search(m.string[max(0, m.start() - 80) : m.start()]))


def attributive(m: re.Match) -> bool:
    """'the Aug. 7 blasts', 'Wednesday's ruling': the date names a known happening."""
    before = m.string[: m.start()]
    after = m.string[m.end() :]
    if re.match(r"['’]s\b", after):
        return True
    return bool(re.search(r"\bthe\s+$", before) and re.match(r"\s+[a-z]", after))


def _value(when: When | None) -> str | None:
    return when.iso() if when else None


def month_day(m: re.Match, published: date, tense: str):
    month, day = month_number(m["month"]), int(m["day"])
    if month is None or not 1 <= day <= 31:
        return False
    if m["year"]:
        when = safe_date(year_number(m["year"]), month, day)
    else:
        if planned(m):
            tense = "future"
        elif attributive(m):
            tense = "past"  # 'the Aug. 7 blasts', unless a coming day is near (nearest())
        strict = past_verb_before(m)
        tense = "past" if strict else tense
        when = nearest(published, tense, lambda y: safe_date(y, month, day), strict=strict)
    return when, _value(when)


def span(m: re.Match, published: date, tense: str):
    first = month_day(m, published, tense)
    if not first or first[0] is None:
        return False
    first = first[0]
    month2 = month_number(m["month2"]) if m["month2"] else first.start.month
    if month2 is None:
        return False
    last = safe_date(first.start.year + (month2 < first.start.month), month2, int(m["day2"]))
    if not last or last.start < first.start:
        return False
    return replace(first, end=last.start), first.iso()


# 'Black Monday', 'Super Tuesday', 'Ash Wednesday': a named day, not this week's weekday
_NAMED_DAY_RE = re.compile(
    r"\b(?:Black|Cyber|Super|Bloody|Ash|Maundy|Palm|Holy|Blue|Giving|Fat|Shrove)\s+$"
)


def weekday(m: re.Match, published: date, tense: str):
    if not m["mod"] and _NAMED_DAY_RE.search(m.string[: m.start("weekday")]):
        return False
    target = WEEKDAYS[m["weekday"].lower()]
    mod = (m["mod"] or "").lower()
    back = (published.weekday() - target) % 7  # days since the last such weekday
    ahead = (target - published.weekday()) % 7 or 7
    if not mod and back == 0:
        when = When(published)  # 'said Thursday', 'later Thursday' in a Thursday report
    elif mod in ("last", "this past") or (not mod and attributive(m)):
        when = When(published - timedelta(days=back + (7 if mod == "last" and back == 0 else 0)))
    elif mod == "next" or (not mod and planned(m)) or tense == "future":
        when = When(published + timedelta(days=ahead))
    elif tense == "past":
        when = When(published - timedelta(days=back))
    else:
        when = When(
            published - timedelta(days=back) if back <= ahead else published + timedelta(days=ahead)
        )
    value = when.iso()
    if m["daypart"]:
        value += "T" + DAY_PARTS[m["daypart"]]
    return when, value


def holiday(m: re.Match, published: date, tense: str):
    """'Thanksgiving Day', 'last Christmas', 'Easter 2000', 'Easter week'."""
    name = " ".join(m["holiday"].lower().split())
    mod = (m["mod"] or "").lower()
    after = m.string[m.end() :]
    bare = not (mod or m["cue"] or m["year"] or m["hweek"]) and name in ("christmas", "easter")
    if bare and re.match(r"\s+[a-z]", after):
        return False  # 'Christmas sales', 'Easter eggs': a season's name, not a day
    rule = HOLIDAYS[name]
    if m["year"]:
        when = When(rule(year_number(m["year"])))
    else:
        if mod == "last":
            tense = "past"
        elif mod == "next":
            tense = "future"
        years = (published.year - 1, published.year, published.year + 1)
        when = nearest(published, tense, lambda y: When(rule(y)), years)
    if m["hweek"]:
        return week_of(when.start, "", published), week_value(when.start)
    return when, when.iso()


def week_of_date(m: re.Match, published: date, tense: str):
    """'the week of March 6': that week (Monday to Sunday), approximately."""
    day = month_day(m, published, tense)
    if not day or day[0] is None:
        return False
    return week_of(day[0].start, "", published), week_value(day[0].start)


def the_day(m: re.Match, published: date, tense: str):
    """'shares fell 2% on the day', 'the index ended the day up 1%': the report's day."""
    return None, published.isoformat()


_OFFSETS = {
    "yesterday": -1,
    "today": 0,
    "tonight": 0,
    "tomorrow": 1,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}
_TIMES = {"tonight": "NI", "this morning": "MO", "this afternoon": "AF", "this evening": "EV"}


def relative(m: re.Match, published: date, tense: str):
    rel = m["rel"].lower()
    edge = (m["edge"] or "").lower()
    if edge:
        tense = "past" if edge == "earlier" else "future"
    if rel in _OFFSETS:
        when = When(published + timedelta(days=_OFFSETS[rel]))
        return when, when.iso() + ("T" + _TIMES[rel] if rel in _TIMES else "")
    if rel == "overnight":
        return When(published, overnight=True), published.isoformat()
    if rel == "last night":
        return When(published, overnight=True), f"{published - timedelta(days=1)}TNI"
    if rel in ("recent days", "recently"):
        return When(published - timedelta(days=3), approximate=True), "PAST_REF"
    if rel == "recent weeks":
        return When(published - timedelta(days=14), approximate=True), "PAST_REF"
    if rel == "recent months":  # about two months back, said as a month
        year, month = add_months(published.year, published.month, -2)
        return When(date(year, month, 1), "month", approximate=True), "PAST_REF"
    if rel == "recent years":
        return When(date(published.year - 2, 1, 1), "year", approximate=True), "PAST_REF"
    if rel.endswith("weekend"):  # the Saturday before publication, or the coming one
        back = (published.weekday() - 5) % 7 or 7
        ahead = (5 - published.weekday()) % 7
        future = rel in ("this weekend", "the weekend") and tense == "future"
        day = published + timedelta(days=ahead if future else -back)
        value = week_value(day) + "-WE"
        # 'rain is expected over the weekend': which one the tense seldom tells
        return (None if rel.startswith("the") else When(day, approximate=True)), value
    if rel.endswith("week"):
        shift = {"last": -7, "next": 7}.get(rel.split()[0], 0)
        day = published + timedelta(days=shift)
        return week_of(day, tense, published), week_value(day)
    shift = {"last": -1, "next": 1}.get(rel.split()[0], 0)  # 'earlier this month': 0
    if rel.endswith("month"):
        year, month = add_months(published.year, published.month, shift)
        when = When(date(year, month, 1), "month")
        return when, when.iso()
    when = When(date(published.year + shift, 1, 1), "year")  # 'later this year'
    return when, when.iso()
