"""Temporal expressions normalised against the publication date (issue 3, 'time')."""

from datetime import date

import pytest

from site_builder.ingest.extract import extract
from site_builder.ingest.timex import When, find_times, offset_days, shifted

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


# ---------------------------------------------------------------- TIMEX3 values and spans
AUG = date(2010, 8, 11)  # a Wednesday in summer
LEAP = date(2024, 3, 1)

# (sentence, publication, tense, expression as TIMEX3 spans it, its value)
VALUES = [
    ("The plant opened in 1998.", AUG, "past", "1998", "1998"),
    ("Sales rose 4% in fiscal 2009.", AUG, "past", "fiscal 2009", "2009"),
    ("It happened last summer.", AUG, "past", "last summer", "2009-SU"),
    ("It will open this summer.", AUG, "future", "this summer", "2010-SU"),
    ("They met this spring.", AUG, "past", "this spring", "2010-SP"),
    ("It reopens this spring.", AUG, "future", "this spring", "2011-SP"),
    ("Sales rose this summer.", date(1989, 11, 1), "past", "this summer", "1989-SU"),
    ("Talks resume next spring.", AUG, "future", "next spring", "2011-SP"),
    ("He left last winter.", date(2011, 1, 10), "past", "last winter", "2009-WI"),
    ("in the winter of 1994", AUG, "past", "the winter of 1994", "1994-WI"),
    ("by the end of the year", AUG, "future", "the end of the year", "2010"),
    ("It is due in early 2011.", AUG, "future", "early 2011", "2011"),
    ("prices peaked in mid-2009", AUG, "past", "mid-2009", "2009"),
    ("late last year", AUG, "past", "late last year", "2009"),
    ("It fell in late March.", AUG, "past", "late March", "2010-03"),
    ("on Feb. 28, the board met", LEAP, "past", "Feb. 28", "2024-02-28"),
    ("on Feb. 29 the vote was held", LEAP, "past", "Feb. 29", "2024-02-29"),
    ("growth in the 1990s", AUG, "past", "the 1990s", "199X"),
    ("He is now in charge.", AUG, "present", "now", "PRESENT_REF"),
    ("It is currently closed.", AUG, "present", "currently", "PRESENT_REF"),
    ("in the past", AUG, "past", "the past", "PAST_REF"),
    ("They met earlier this week.", AUG, "past", "this week", "2010-W32"),
    ("It opened last week.", AUG, "past", "last week", "2010-W31"),
    ("It opens next week.", AUG, "future", "next week", "2010-W33"),
    ("It ended two weeks ago.", AUG, "past", "two weeks ago", "2010-07-28"),
    ("It has grown since December.", AUG, "past", "December", "2009-12"),
    ("The bill passes by August.", date(2010, 3, 1), "future", "August", "2010-08"),
    ("Prices have doubled since 1997.", AUG, "past", "1997", "1997"),
    ("over the past three years", AUG, "past", "the past three years", "P3Y"),
    ("profit in the third quarter", date(1989, 10, 26), "past", "the third quarter", "1989-Q3"),
    ("third-quarter profit fell", date(1989, 10, 26), "past", "third-quarter", "1989-Q3"),
    ("fourth-quarter results", date(1990, 1, 20), "past", "fourth-quarter", "1989-Q4"),
    ("on Friday morning", AUG, "past", "Friday morning", "2010-08-06TMO"),
    ("on Friday", AUG, "future", "Friday", "2010-08-13"),
    ("on Friday", AUG, "past", "Friday", "2010-08-06"),
    ("last December", date(2011, 1, 5), "present", "last December", "2010-12"),
    ("will be held Dec. 10", date(1989, 11, 5), "past", "Dec. 10", "1989-12-10"),
    # issue 13.5: weekdays with their date, feasts, spoken years, weeks and quarters
    ("on Saturday, April 25", date(1998, 4, 24), "past", "Saturday, April 25", "1998-04-25"),
    ("out Friday Oct. 13 alone", date(1989, 10, 27), "past", "Friday Oct. 13", "1989-10-13"),
    ("found on Thanksgiving Day", date(2000, 1, 7), "past", "Thanksgiving Day", "1999-11-25"),
    ("last Christmas", date(2000, 3, 1), "present", "last Christmas", "1999-12-25"),
    ("a trip in Easter week", date(2000, 3, 1), "future", "Easter week", "2000-W16"),
    ("voted on Election Day", date(1998, 11, 20), "past", "Election Day", "1998-11-03"),
    ("in nineteen ninety-six", AUG, "past", "nineteen ninety-six", "1996"),
    ("January nineteen ninety-seven.", AUG, "past", "January nineteen ninety-seven", "1997-01"),
    ("by the year two thousand", date(1998, 2, 1), "future", "the year two thousand", "2000"),
    ("lowest since '82", date(2008, 10, 27), "past", "'82", "1982"),
    (
        "a hearing the week of March 6",
        date(2000, 2, 24),
        "future",
        "the week of March 6",
        "2000-W10",
    ),
    ("In July last year he was arrested.", date(1998, 2, 19), "past", "July last year", "1997-07"),
    ("hopes to win seats this September", date(1998, 6, 26), "future", "this September", "1998-09"),
    ("a cutback in its supply in September", date(1990, 8, 16), "past", "September", "1990-09"),
    ("The strike began in January.", date(2025, 12, 7), "past", "January", "2025-01"),
    ("Talks resumed on Jan. 5.", date(2025, 12, 7), "past", "Jan. 5", "2025-01-05"),
    ("It is expected in December.", date(1989, 11, 2), "past", "December", "1989-12"),
    ("the period ended Jan. 31", date(1989, 10, 31), "present", "Jan. 31", "1989-01-31"),
    ("where the Aug. 7 blasts killed 257", date(1998, 8, 18), "future", "Aug. 7", "1998-08-07"),
    ("to get around Wednesday's ruling", date(2000, 1, 7), "future", "Wednesday", "2000-01-05"),
    ("planned to leave on Thursday", date(1998, 9, 30), "past", "Thursday", "1998-10-01"),
    (
        "He will succeed Daniel P. Davison Feb. 1.",
        date(1989, 10, 26),
        "past",
        "Feb. 1",
        "1990-02-01",
    ),
    ("They met later Thursday.", date(2000, 2, 10), "past", "Thursday", "2000-02-10"),
    ("profit in the fourth quarter", date(1989, 11, 2), "past", "the fourth quarter", "1989-Q4"),
    (
        "sales for this year's third quarter",
        date(1989, 11, 1),
        "past",
        "this year's third quarter",
        "1989-Q3",
    ),
    ("sales for last year's quarter", date(1989, 11, 1), "past", "last year's quarter", "1988-Q3"),
    ("earned $1 in the 1988 quarter", date(1989, 10, 30), "past", "the 1988 quarter", "1988-Q3"),
    ("a rise over the past year", date(1998, 3, 3), "past", "the past year", "1997"),
    ("in the past decade", date(2011, 1, 17), "past", "the past decade", "200"),
    ("profits in the last quarter", date(2007, 1, 18), "past", "the last quarter", "2006-Q4"),
    ("It hit the city a week ago.", date(2011, 3, 18), "past", "a week ago", "2011-03-11"),
    ("The index ended the day up 1%.", date(2009, 8, 21), "past", "the day", "2009-08-21"),
    ("as he arrived later in the day", date(1998, 2, 13), "past", "the day", "1998-02-13"),
    (
        "thrown out in nineteen ninety-six on a technicality",
        date(1998, 1, 15),
        "past",
        "nineteen ninety-six",
        "1996",
    ),
    ("to complete the deal by year-end", date(1989, 11, 2), "future", "year-end", "1989-12-31"),
    ("The change is since year-end.", date(1989, 10, 30), "present", "year-end", "1988-12-31"),
    ("sales for the full year", date(1989, 11, 2), "past", "the full year", "1989"),
    ("For the year, volume was flat.", date(1989, 11, 2), "past", "the year", "1989"),
    (
        "sales in the latest fiscal year",
        date(1989, 10, 26),
        "past",
        "the latest fiscal year",
        "1988",
    ),
    (
        "It was delayed earlier in the year.",
        date(1989, 10, 26),
        "past",
        "earlier in the year",
        "1989",
    ),
    ("It fell last December.", date(1989, 11, 1), "past", "last December", "1988-12"),
    (
        "suspended for a second consecutive day",
        date(2008, 9, 17),
        "past",
        "a second consecutive day",
        "2008-09-17",
    ),
    (
        "Stocks gained for the fourth week in a row.",
        date(2009, 4, 4),
        "past",
        "the fourth week",
        "2009-W14",
    ),
    (
        "It lost $2 billion in the third quarter of this year.",
        date(2009, 10, 16),
        "past",
        "the third quarter of this year",
        "2009-Q3",
    ),
]


@pytest.mark.parametrize(("text", "published", "tense", "span", "value"), VALUES)
def test_timex3_value_and_span_without_preposition(text, published, tense, span, value):
    found = find_times(text, published, tense)
    assert [(t.text, t.value) for t in found] == [(span, value)]
    assert text[found[0].start : found[0].end] == span


def test_the_preposition_is_kept_as_the_cue():
    (expr,) = find_times("They met in February.", AUG, "past")
    assert (expr.text, expr.cue) == ("February", "in")
    assert "They met in February."[slice(*expr.phrase)] == "in February"


def test_ranges_are_two_expressions_and_one_span_for_the_event():
    first, second = find_times("It ran from 2009 to 2011.", AUG, "past")
    assert (first.text, first.value, second.text, second.value) == ("2009", "2009", "2011", "2011")
    assert (first.when.iso(), first.when.end_iso()) == ("2009", "2011")
    assert second.when is None
    first, _ = find_times("between March and May 2010", AUG, "past")
    assert (first.when.iso(), first.when.end_iso()) == ("2010-03", "2010-05")
    first, _ = find_times("between 2014 and 2016", AUG, "past")
    assert (first.value, first.when.end_iso()) == ("2014", "2016")


def test_a_year_earlier_is_the_quarter_a_year_before():
    found = find_times(
        "Profit in the third quarter rose to $5 million from $4 million a year earlier.",
        date(1989, 10, 26),
        "past",
    )
    assert [t.value for t in found] == ["1989-Q3", "1988-Q3"]


# (sentence, publication, tense, event date, end, approximate)
EVENT_DATES = [
    ("They met last summer.", AUG, "past", "2009-06", "2009-08", False),
    ("in the winter of 1994", AUG, "past", "1994-12", "1995-02", False),
    ("at the end of the year", AUG, "future", "2010-12", None, False),
    ("It is due in early 2011.", AUG, "future", "2011-01", "2011-04", False),
    ("It happened this week.", AUG, "past", "2010-08-09", "2010-08-11", True),
    ("It happens this week.", AUG, "future", "2010-08-11", "2010-08-15", True),
    ("It opened last week.", AUG, "past", "2010-08-02", "2010-08-08", True),
    ("It has grown since December.", AUG, "past", "2009-12", "2010-08-11", False),
    ("The 1990s were calm.", AUG, "past", "1990", "1999", False),
    ("over the past three years", AUG, "past", "2007-08-11", "2010-08-11", True),
    ("It opened in 1998.", AUG, "past", "1998", None, False),
    ("The results came out in early January.", date(2011, 1, 2), "past", "2011-01", None, False),
    # issue 13.5: spans of any two expressions, weeks and parts of a month, relative dates
    ("It ran from late March to early May.", AUG, "past", "2010-03", "2010-05", False),
    ("They met between Monday and Wednesday.", AUG, "past", "2010-08-09", "2010-08-11", False),
    ("talks from Monday to Wednesday", AUG, "future", "2010-08-16", "2010-08-18", False),
    ("He served in 2014-2016.", AUG, "past", "2014", "2016", False),
    ("He served in 2014–16.", AUG, "past", "2014", "2016", False),
    ("It happened in the first week of March.", AUG, "past", "2010-03-01", "2010-03-07", True),
    ("in the last week of June", AUG, "past", "2010-06-24", "2010-06-30", True),
    ("at the end of the month", AUG, "future", "2010-08", None, False),
    ("early next month", AUG, "future", "2010-09", None, False),
    ("It closed a decade ago.", AUG, "past", "2000", None, True),
    ("Prices rose in recent months.", AUG, "past", "2010-06", None, True),
    ("It grew in recent years.", AUG, "past", "2008", None, True),
    ("It rained this past weekend.", AUG, "past", "2010-08-07", None, True),
    (
        "The talks were held on Dec. 3 and 4.",
        date(2010, 12, 7),
        "past",
        "2010-12-03",
        "2010-12-04",
        False,
    ),
    (
        "The fair runs the week of March 6.",
        date(2000, 2, 24),
        "future",
        "2000-03-06",
        "2000-03-12",
        True,
    ),
    ("It happened on Thanksgiving Day.", date(2000, 1, 7), "past", "1999-11-25", None, False),
]


@pytest.mark.parametrize(("text", "published", "tense", "date_", "end", "approx"), EVENT_DATES)
def test_event_dates_follow_the_content_model(text, published, tense, date_, end, approx):
    (expr,) = [t for t in find_times(text, published, tense) if t.when]
    assert (expr.when.iso(), expr.when.end_iso(), expr.when.approximate) == (date_, end, approx)


@pytest.mark.parametrize(
    "text",
    [
        "the highest level since 1997",
        "now",
        "currently",
        "the third quarter",
        "until August",
        "by 2030",
        "by the end of the year",
        "the 2024 election",
        "in the near future",
        "the 2025-26 season",
        "sales for the full year",
        "for a second consecutive day",
    ],
)
def test_values_that_date_no_happening(text):
    found = find_times(text, AUG, "past")
    assert found and all(t.when is None and t.value for t in found)


@pytest.mark.parametrize(
    "text",
    [
        "prices fall sharply",
        "the fall of the government",
        "a quarter of the shares",
        "1,998 votes",
        "two thousand people",
        "The Russell 2000 Index fell",
        "strong Christmas sales",
        "the second day of talks",
        "on 1998-02 figures",
        "the anniversary of Black Monday",
        "down from the year before",
        "revenue was 2019 million",
        "about 2000 people",
    ],
)
def test_look_alikes_are_not_times(text):
    assert find_times(text, AUG, "past") == []


# ---------------------------------------------------------------- told from the happening before
MONDAY = When(date(2025, 12, 1))


@pytest.mark.parametrize(
    ("text", "base", "value", "approximate"),
    [
        ("Two days later, the army struck", MONDAY, "2025-12-03", False),
        ("The next day, talks resumed", MONDAY, "2025-12-02", False),
        ("A day earlier, he had left", MONDAY, "2025-11-30", False),
        ("Weeks later, the UN sent a mission", MONDAY, "2025-12-15", True),
        ("a week later", MONDAY, "2025-12-08", True),
        ("Hours later, it was over", MONDAY, "2025-12-01", False),
        ("Two months later, it reopened", MONDAY, "2026-02-01", True),
        ("A year later, it closed", When(date(2024, 3, 1), "month"), "2025-03", True),
        ("the following month", When(date(2024, 3, 1), "month"), "2024-04", True),
        ("the previous year", When(date(2024, 1, 1), "year"), "2023", True),
    ],
)
def test_offsets_move_the_time_of_the_happening_before(text, base, value, approximate):
    when, _ = shifted(text, base)
    assert (when.iso(), when.approximate) == (value, approximate)


@pytest.mark.parametrize("text", ["two days after the talks", "a day of talks", "the army"])
def test_no_offset_without_one_or_with_its_own_anchor(text):
    assert shifted(text, MONDAY) is None


def test_a_sentence_told_from_the_one_before_is_dated_by_its_offset():
    text = (
        "Rebels attacked the town of Goma on Monday, officials said.\n\n"
        "Two days later, the army attacked the rebels in Bukavu.\n\n"
        "Weeks later, the United Nations sent a mission to Goma.\n"
    )
    events = extract(text, SUNDAY, title="Rebels attack Goma").events
    dates = [(e.when.iso(), e.when.approximate) for e in events]
    # the weeks run past publication: by then, approximately
    assert dates == [("2025-12-01", False), ("2025-12-03", False), ("2025-12-07", True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It sold $37 million in 1988, a share of imports that year.", ("that year", "1988")),
        ("He left in March 1996 and returned the following year.", ("the following year", "1997")),
        (
            "In April the board met; the following month it voted.",
            ("the following month", "1989-05"),
        ),
        ("It opened on Oct. 23, 1998 and closed that same day.", ("that same day", "1998-10-23")),
    ],
)
def test_that_year_is_the_time_named_before_it(text, expected):
    found = find_times(text, date(1989, 11, 2), "past")
    assert (found[-1].text, found[-1].value) == expected
    assert found[-1].when.iso() == expected[1]


def test_that_year_without_a_time_before_it_is_left_to_the_context():
    assert find_times("Later that year, he resigned.", date(1989, 11, 2), "past") == []
