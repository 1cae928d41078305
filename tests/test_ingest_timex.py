"""Temporal expressions normalised against the publication date (issue 3, 'time')."""

from datetime import date

import pytest

from site_builder.ingest.timex import find_times, offset_days

SUNDAY = date(2025, 12, 7)  # the seed's publication date, a Sunday
JAN = date(2026, 1, 3)  # a Saturday early in the year: year choice matters

# (text, publication date, tense, expected ISO value, end, approximate)
TABLE = [
    ("met on December 3", SUNDAY, "past", "2025-12-03", None, False),
    ("will visit London on December 8", SUNDAY, "future", "2025-12-08", None, False),
    ("talks on Dec. 5, 2024", SUNDAY, "past", "2024-12-05", None, False),
    ("signed on 5 December", SUNDAY, "past", "2025-12-05", None, False),
    ("was held on December 28", JAN, "past", "2025-12-28", None, False),
    ("will meet on January 10", JAN, "future", "2026-01-10", None, False),
    ("will meet on December 20", JAN, "future", "2026-12-20", None, False),
    ("leaked to the media in November", SUNDAY, "past", "2025-11", None, False),
    ("will vote in March", SUNDAY, "future", "2026-03", None, False),
    ("in early January", SUNDAY, "future", "2026-01", None, False),
    ("in November 2024", SUNDAY, "past", "2024-11", None, False),
    ("in 2023", SUNDAY, "past", "2023", None, False),
    ("about two weeks ago", SUNDAY, "past", "2025-11-23", None, True),
    ("three days ago", SUNDAY, "past", "2025-12-04", None, False),
    ("a few days ago", SUNDAY, "past", "2025-12-04", None, True),
    ("two months ago", SUNDAY, "past", "2025-10", None, False),
    ("last week", SUNDAY, "past", "2025-11-24", "2025-11-30", True),
    ("last month", SUNDAY, "past", "2025-11", None, False),
    ("next year", SUNDAY, "future", "2026", None, False),
    ("yesterday", SUNDAY, "past", "2025-12-06", None, False),
    ("tomorrow", SUNDAY, "future", "2025-12-08", None, False),
    ("strikes overnight", SUNDAY, "past", "2025-12-07", None, False),
    ("on Monday", SUNDAY, "past", "2025-12-01", None, False),
    ("on Sunday", SUNDAY, "past", "2025-12-07", None, False),
    ("on Monday", SUNDAY, "future", "2025-12-08", None, False),
    ("last Friday", SUNDAY, "present", "2025-12-05", None, False),
    ("next Friday", SUNDAY, "present", "2025-12-12", None, False),
    ("from December 4 to 6", SUNDAY, "past", "2025-12-04", "2025-12-06", False),
    ("earlier this month", SUNDAY, "past", "2025-12", None, False),
    ("later this year", SUNDAY, "future", "2025", None, False),
    ("in recent weeks", SUNDAY, "past", "2025-11-23", None, True),
    ("last weekend", SUNDAY, "past", "2025-12-06", None, True),
    ("this weekend", JAN, "future", "2026-01-03", None, True),
    ("December 4-6", SUNDAY, "past", "2025-12-04", "2025-12-06", False),
]


@pytest.mark.parametrize(("text", "published", "tense", "value", "end", "approximate"), TABLE)
def test_expression_is_normalised_against_publication(
    text, published, tense, value, end, approximate
):
    found = [t for t in find_times(text, published, tense) if t.when]
    assert len(found) == 1, found
    when = found[0].when
    assert when.iso() == value
    assert when.end_iso() == end
    assert when.approximate is approximate


def test_overnight_is_marked_as_the_night_before_publication():
    (expr,) = find_times("Russia struck overnight", SUNDAY, "past")
    assert expr.when.overnight


@pytest.mark.parametrize(
    "text",
    ["the first increase since 2023", "until 2028", "by March"],
)
def test_ranges_are_not_dates_of_events(text):
    assert all(t.when is None for t in find_times(text, SUNDAY, "past"))


@pytest.mark.parametrize(
    "text",
    ["Theresa May said", "prices may rise", "in the third quarter", "a sunday roast"],
)
def test_words_that_only_look_like_dates(text):
    assert [t for t in find_times(text, SUNDAY, "past") if t.when] == []


def test_tense_can_be_given_per_position():
    text = "said on Monday that he will travel on Friday"
    tenses = ["past" if pos < 20 else "future" for pos in range(len(text))]
    found = find_times(text, SUNDAY, lambda pos: tenses[pos])
    assert [t.when.iso() for t in found] == ["2025-12-01", "2025-12-12"]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("hours after", 0),
        ("two days later", 2),
        ("a week after", 7),
        ("three days before", -3),
        ("the next day", 1),
        ("the previous day", -1),
        ("after the talks", None),
    ],
)
def test_offsets_relative_to_another_happening(text, days):
    assert offset_days(text) == days
