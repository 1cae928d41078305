"""Normalising the time expressions that name a part of the calendar longer than a week
(timex_rules.py has the patterns): quarters and halves ('the fourth quarter', "last
year's quarter"), seasons, parts of a year ('early 2011', 'the end of the year'), parts
of a month ('the end of the month', 'the first week of March') and the whole year
('year-end', 'the full year').

A quarter or a whole fiscal year is what a figure covers, so it gives a value and no
event date; a season or a part of a year gives the span of months an event record takes.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from site_builder.ingest.calendar_words import (
    ORDINALS,
    SEASONS,
    YEAR_PARTS,
    When,
    add_months,
    last_day,
    month_number,
    months,
    nearest,
    quarter,
    quarter_span,
    season,
    week_value,
    year_number,
)


def a_quarter(m: re.Match, published: date, tense: str):
    unit = "H" if m["qunit"].lower() == "half" else "Q"
    number = ORDINALS.get((m["qord"] or "").lower())
    det, qmod = (m["det"] or "").lower(), (m["qmod"] or "").lower()
    ypos = (m["ypos"] or m["yof"] or "").lower()  # "last year's", 'of last year'
    if number is None and not (det or qmod or ypos) or (unit == "H" and number is None):
        return False  # 'a quarter of the shares'
    if unit == "H" and number > 2:
        return False
    explicit = m["year"] or m["y1"]
    mod = qmod if qmod not in ("fiscal", "calendar", "") else det
    if ypos or explicit:  # "last year's fourth quarter", 'the 1988 quarter'
        shift = {"last": -1, "next": 1}.get(ypos, 0)
        year = year_number(explicit) if explicit else published.year + shift
        # without its number: the one a results report is about, the latest over
        number = number or quarter(published, None, "", "past", unit)[1]
    else:
        year, number = quarter(published, number, "" if mod in ("the", "its") else mod, tense, unit)
    # A (fiscal) quarter is what a figure covers, not when a happening took place.
    return None, f"{year:04d}-{unit}{number}"


def a_season(m: re.Match, published: date, tense: str):
    word, smod = m["season"].lower(), (m["smod"] or "").lower()
    if not smod and not m["year"]:
        return False  # 'prices fall', 'summer camps'
    if word == "fall" and smod == "the" and not m["year"]:
        return False  # 'the fall of the government', 'the fall in prices'
    code = SEASONS[word]
    if m["year"]:
        year = year_number(m["year"])
        first, last = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}[code]
        when = months(year, first, last)
    else:
        year, when = season(published, code, smod if smod != "the" else "", tense)
    return when, f"{year:04d}-{code}"


def part_year(m: re.Match, published: date, tense: str):
    part = m["part"].lower().removeprefix("the ").removesuffix(" of").rstrip("-")
    if m["rmonth"]:
        return part_month(m, published, part)
    if m["year"]:
        year = year_number(m["year"])
    else:
        shift = {"last": -1, "next": 1}.get(m["ryear"].lower().split()[0], 0)
        year = published.year + shift
    if part.endswith("half"):
        half = 1 if part.startswith("first") else 2
        return quarter_span(year, half, "H"), f"{year:04d}-H{half}"
    key = {"beginning": "start", "middle": "mid", "end": "end"}.get(part, part)
    first, last = YEAR_PARTS[key]
    return months(year, first, last), f"{year:04d}"


def whole_year(m: re.Match, published: date, tense: str):
    """'year-end' (the last day of this year, or of the last one 'since year-end'), 'the
    full year', 'for the year' (what a figure covers: no event date), 'earlier in the
    year'."""
    cue = (m["cue"] or "").lower()
    if m["yend"]:
        year = published.year - (cue == "since")
        return When(date(year, 12, 31), approximate=True), f"{year:04d}-12-31"
    if m["wyear"]:  # 'for the year', 'the full year': what a figure covers
        year = published.year - ((m["wy"] or "").lower() == "latest fiscal")
        return None, f"{year:04d}"
    return When(date(published.year, 1, 1), "year"), f"{published.year:04d}"


def part_month(m: re.Match, published: date, part: str):
    """'the end of the month', 'early next month': that month (its part is finer than a
    record's month precision can say)."""
    shift = {"last": -1, "next": 1}.get(m["rmonth"].lower().split()[0], 0)
    year, month = add_months(published.year, published.month, shift)
    when = When(date(year, month, 1), "month")
    return when, when.iso()


def nth_week(m: re.Match, published: date, tense: str):
    """'the first week of March': its days 1-7 (the last week: the month's last seven
    days), approximately; the value is the ISO week of its middle day."""
    month = month_number(m["month"])
    if month is None:
        return False
    if m["year"]:
        year = year_number(m["year"])
    else:
        year = nearest(published, tense, lambda y: When(date(y, month, 1), "month")).start.year
    end_of_month = last_day(date(year, month, 1), "month")
    nth = m["nth"].lower()
    if nth in ("last", "final"):
        first = end_of_month - timedelta(days=6)
    else:
        first = date(year, month, 1 + 7 * (ORDINALS[nth] - 1))
    last = min(first + timedelta(days=6), end_of_month)
    return When(first, end=last, approximate=True), week_value(first + timedelta(days=3))
