"""The content model's rules, each with a passing and a failing case (issue 2)."""

from __future__ import annotations

import textwrap

import pytest

from tests.conftest import BASE_FILES, run

EVENT = "content/events/2025-02-10-geneva-talks.md"
ACTOR = "content/actors/jane-doe.md"
LOCATION = "content/locations/geneva.md"


def event(**changes: str) -> str:
    """The base event with some front-matter lines replaced ('key: value' text)."""
    lines = textwrap.dedent(BASE_FILES[EVENT]).split("\n")
    for key, value in changes.items():
        for i, line in enumerate(lines):
            if line.strip().lstrip("- ").startswith(f"{key}:"):
                indent = line[: len(line) - len(line.lstrip())]
                lines[i] = f"{indent}{value}" if value else "#"
    return "\n".join(lines)


FAILING = [
    pytest.param(
        {EVENT: event(actors="actors: [jane-do, freedonia]")},
        f"{EVENT}:5: unknown actor 'jane-do' (did you mean 'jane-doe'?)",
        id="unknown-actor",
    ),
    pytest.param(
        {EVENT: event(actors="actors: [doe]")},
        f"{EVENT}:5: unknown actor 'doe' (did you mean 'jane-doe'?)",
        id="unknown-actor-by-alias",
    ),
    pytest.param(
        {EVENT: event(locations="locations: [genva]")},
        f"{EVENT}:6: unknown location 'genva' (did you mean 'geneva'?)",
        id="unknown-location",
    ),
    pytest.param(
        {EVENT: event(seed="- seed: article-two")},
        f"{EVENT}:7: unknown seed 'article-two' (did you mean 'article-one'?) "
        "(seeds live in seeds/<id>.md)",
        id="unknown-seed",
    ),
    pytest.param(
        {EVENT: event(quote='quote: "Delegates met in Genf on Monday."')},
        f"{EVENT}:9: quote does not appear verbatim in seed 'article-one': it matches "
        "up to '…Delegates met in Gen' and differs from 'f on Monday.…'",
        id="quote-not-verbatim",
    ),
    pytest.param(
        {EVENT: event(date="date: 2025-02-30")},
        f"{EVENT}:3: '2025-02-30' is not a real date: February 2025 has 28 days",
        id="impossible-date",
    ),
    pytest.param(
        {EVENT: event(date="date: 12/08/2025")},
        f"{EVENT}:3: '12/08/2025' is ambiguous: write 2025-08-12 (12 August) or "
        "2025-12-08 (8 December)",
        id="ambiguous-date",
    ),
    pytest.param(
        {EVENT: event(kind="kind: talks\nend: 2025-02-01")},
        f"{EVENT}:5: 'end' (2025-02-01) is before 'date' (2025-02-10)",
        id="end-before-date",
    ),
    pytest.param(
        {EVENT: event(kind="kind: talks\napproximat: true")},
        f"{EVENT}:5: unknown field 'approximat' (did you mean 'approximate'?)",
        id="unknown-key",
    ),
    pytest.param(
        {EVENT: event(kind="kind: talks\napproximate: yes")},
        f"{EVENT}:5: 'approximate' must be true or false, not 'yes'",
        id="yaml11-yes-is-not-boolean",
    ),
    pytest.param(
        {EVENT: event(title="")}, f"{EVENT}:1: missing required field 'title'", id="missing-title"
    ),
    pytest.param(
        {EVENT: event(status="status: final")},
        f"{EVENT}:10: 'status' must be one of draft, reviewed, not 'final'",
        id="bad-status",
    ),
    pytest.param(
        {"content/events/Geneva Talks.md": BASE_FILES[EVENT]},
        "content/events/Geneva Talks.md:1: file name 'Geneva Talks.md' is not a valid "
        "id: use lowercase ASCII letters, digits and hyphens; rename the file to "
        "'geneva-talks.md'",
        id="id-with-space-and-capitals",
    ),
    pytest.param(
        {"content/events/2025/2025-02-10-geneva-talks.md": BASE_FILES[EVENT]},
        f"{EVENT}:1: duplicate id '2025-02-10-geneva-talks': "
        "content/events/2025/2025-02-10-geneva-talks.md has the same file name",
        id="duplicate-id",
    ),
    pytest.param(
        {ACTOR: BASE_FILES[ACTOR].replace("affiliation: freedonia", "affiliation: fredonia")},
        f"{ACTOR}:6: unknown actor 'fredonia' in affiliation (did you mean 'freedonia'?)",
        id="unknown-affiliation",
    ),
    pytest.param(
        {ACTOR: BASE_FILES[ACTOR].replace("kind: person", "kind: human")},
        f"{ACTOR}:4: 'kind' must be one of person, organization, state, not 'human'",
        id="bad-actor-kind",
    ),
    pytest.param(
        {LOCATION: BASE_FILES[LOCATION].replace("country: CH", "country: NO!")},
        f"{LOCATION}:4: 'country' must be an ISO 3166 two-letter code such as 'UA', not 'NO!'",
        id="bad-country",
    ),
    pytest.param(
        {LOCATION: BASE_FILES[LOCATION].replace("[46.2044, 6.1432]", "[146.2, 6.1]")},
        f"{LOCATION}:5: coordinates [146.2, 6.1] are off the globe: latitude is "
        "-90..90 and longitude -180..180 (is the order [lat, lon]?)",
        id="coordinates-off-globe",
    ),
    pytest.param(
        {"seeds/article-one.md": "---\ntitle: Talks\n---\ntext\n"},
        "seeds/article-one.md:1: missing required field 'published'",
        id="seed-without-published",
    ),
    pytest.param(
        {"site.yaml": "title: x\nbase_ulr: /x/\n"},
        "site.yaml:2: unknown field 'base_ulr' (did you mean 'base_url'?)",
        id="config-unknown-key",
    ),
]


@pytest.mark.parametrize(("files", "expected"), FAILING)
def test_rule_rejects_bad_input_with_path_and_line(scratch_site, capsys, files, expected):
    code, out, err = run(scratch_site(files), "build", capsys=capsys)
    assert code == 1
    assert expected in err.splitlines(), err
    assert "Traceback" not in err


PASSING = [
    pytest.param({}, id="base-site"),
    pytest.param({EVENT: event(date="date: 2025-02")}, id="month-precision"),
    pytest.param({EVENT: event(date="date: 2025")}, id="year-precision"),
    pytest.param({EVENT: event(date="date: 2025-02-10T14:30+01:00")}, id="time-and-zone"),
    pytest.param({EVENT: event(kind="kind: talks\nend: 2025-02-12")}, id="span"),
    pytest.param({EVENT: event(kind="kind: talks\nend: 2025-02-10")}, id="one-day-span"),
    pytest.param(
        {EVENT: event(quote='quote: "Delegates met in Geneva\n      on Monday"')},
        id="quote-whitespace-normalised",
    ),
    pytest.param(
        {LOCATION: BASE_FILES[LOCATION].replace("country: CH", "country: NO")},
        id="country-NO-stays-a-code",
    ),
    pytest.param({EVENT: event(actors="actors: jane-doe")}, id="single-actor-as-text"),
]


@pytest.mark.parametrize("files", PASSING)
def test_rule_accepts_valid_input(scratch_site, capsys, files):
    code, out, err = run(scratch_site(files), "build", capsys=capsys)
    assert code == 0, err
    assert out.startswith("Built ")


def test_all_problems_of_a_build_are_reported_together(scratch_site, capsys):
    files = {
        EVENT: event(
            actors="actors: [nobody]", locations="locations: [nowhere]", date="date: 2025-13-01"
        )
    }
    code, _, err = run(scratch_site(files), "build", capsys=capsys)
    lines = err.splitlines()
    assert code == 1
    assert [line.split(": ", 1)[0] for line in lines[:-1]] == [
        f"{EVENT}:3",
        f"{EVENT}:5",
        f"{EVENT}:6",
    ]
    assert lines[-1].startswith("3 problems found")
