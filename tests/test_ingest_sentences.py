"""Sentences: abbreviations, quotations, and lines that are headings or links (issue 3)."""

import pytest

from site_builder.ingest.clauses import split_clauses
from site_builder.ingest.sentences import dateline_length, split_sentences


def texts(text):
    return [(s.text, s.heading) for s in split_sentences(text)]


def test_abbreviations_do_not_end_sentences():
    text = "Dr. Smith met U.S. officials on Jan. 5 in St. Louis. The talks ended."
    assert texts(text) == [
        ("Dr. Smith met U.S. officials on Jan. 5 in St. Louis.", False),
        ("The talks ended.", False),
    ]


def test_an_abbreviation_can_end_a_sentence_before_a_new_one():
    assert len(split_sentences("The envoy flew to the U.S. The talks began.")) == 2


def test_a_quotation_is_never_split():
    text = "“We agree. It is done,” he said. Then he left."
    assert [s.text for s in split_sentences(text)] == [
        "“We agree. It is done,” he said.",
        "Then he left.",
    ]


def test_a_closing_quote_can_end_a_sentence():
    text = "He said: “We agree.” Then he left."
    assert [s.text for s in split_sentences(text)] == ["He said: “We agree.”", "Then he left."]


def test_an_unclosed_quotation_does_not_swallow_the_paragraph():
    text = "“We will fight on. We will not give up. Then they left."
    assert len(split_sentences(text)) == 3


@pytest.mark.parametrize(
    "line",
    [
        "Talks Continue For US-Led Efforts To End Ukraine War",
        "[Read more](https://example.org/story)",
        "https://example.org/story",
        "## Background",
        "Advertisement",
    ],
)
def test_headings_and_links_are_not_sentences(line):
    sentences = split_sentences(f"The talks ended on Monday.\n{line}\nThey resume in May.")
    assert [s.heading for s in sentences] == [False, True, False]


def test_each_line_is_a_paragraph_unless_blank_lines_separate_them():
    assert [s.paragraph for s in split_sentences("One. Two.\nThree.")] == [0, 0, 1]
    wrapped = "One sentence wrapped\nover two lines.\n\nA second paragraph."
    assert [s.text for s in split_sentences(wrapped)] == [
        "One sentence wrapped over two lines.",
        "A second paragraph.",
    ]


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("OSLO, March 20 — Norway's central bank", "OSLO, March 20 — "),
        ("KYIV, Ukraine (AP) — The mayor", "KYIV, Ukraine (AP) — "),
        ("WASHINGTON (Reuters) - US officials", "WASHINGTON (Reuters) - "),
        ("US officials said on Monday", ""),
        ("Three days of talks ended — for now", ""),
    ],
)
def test_datelines_are_recognised(text, dateline):
    assert text[: dateline_length(text)] == dateline


def roles(text):
    return [(c.role, c.marker, c.text(text)) for c in split_clauses(text)]


def test_a_leading_clause_ends_after_a_dash_parenthetical():
    text = "Hours after X said he had a call — led by Y — Russia struck Z."
    assert roles(text) == [
        ("lead", "hours after", "Hours after X said he had a call — led by Y"),
        ("main", "", "Russia struck Z."),
    ]


def test_a_nominal_opening_is_an_anchor_not_an_event():
    text = "Following the talks in Florida, Zelenskyy said he was hopeful."
    assert roles(text)[0] == ("anchor", "following", "Following the talks in Florida")


def test_relative_clauses_only_describe():
    text = "The mayor of X, which is home to a refinery, said his city was hit."
    assert roles(text) == [
        ("main", "", "The mayor of X said his city was hit."),
        ("relative", "which", "is home to a refinery"),
    ]


def test_cuts_inside_a_relative_clause_are_ignored():
    text = "Moreira, who called the vote after losing a motion, told supporters he would stay."
    assert [r[0] for r in roles(text)] == ["main", "relative"]


def test_passive_precedence_makes_the_first_part_an_anchor():
    text = "The Miami talks were preceded by a visit to Moscow by Kushner."
    assert roles(text) == [
        ("anchor", "followed-anchor", "The Miami talks"),
        ("main", "preceded", "a visit to Moscow by Kushner."),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Image: Firefighters battle a blaze in Athens (Reuters)",
        "Reporting by Jane Doe; Editing by Tom Roe.",
        "By Jane Doe and John Roe",
        "Read more: Europe braces for record heat.",
    ],
)
def test_page_furniture_is_not_a_sentence(line):
    assert split_sentences(line)[0].heading


def test_the_headline_above_the_story_is_no_sentence_of_it():
    text = (
        "Peru caps prices of essential medicines in landmark vote.\n\n"
        "Lawmakers in Lima on Thursday approved a law that will limit prices.\n\n"
        "The bill passed by 78 votes to 31.\n"
    )
    title = "Peru caps prices of essential medicines as Congress passes landmark law"
    assert [s.heading for s in split_sentences(text, title)] == [True, False, False]


def test_a_short_lede_that_is_not_the_title_stays_a_sentence():
    text = "Fighting broke out in Khartoum.\n\nThe army said it held the airport.\n"
    title = "Sudan's army and rebels clash in the capital"
    assert not any(s.heading for s in split_sentences(text, title))
    assert not any(s.heading for s in split_sentences(text))


def test_just_two_days_before_opens_a_leading_clause():
    text = "Just two days before it was detected, the chief executive told investors it was safe."
    lead, main = split_clauses(text)[:2]
    assert (lead.role, lead.marker) == ("lead", "just two days before")
    assert main.text(text).startswith("the chief executive told")


def test_comma_and_with_a_subject_and_verb_splits_but_a_list_does_not():
    two = "The mayor resigned in May, and police arrested an aide in June."
    assert [c.role for c in split_clauses(two)] == ["main", "sub"]
    listed = "Police arrested Ana, Marco, and Ines on Friday."
    assert [c.role for c in split_clauses(listed)] == ["main"]
