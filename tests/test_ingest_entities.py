"""Entity patterns: titles and roles, demonyms, places, coreference, known names (issue 3)."""

import pytest

from site_builder.ingest.entities import EntityFinder, Known
from site_builder.ingest.gazetteer import gazetteer
from site_builder.ingest.sentences import split_sentences


def find(text, known=()):
    sentences = split_sentences(text)
    return EntityFinder(sentences, gazetteer(), list(known)).run()


def mentions(result, index=0):
    """(surface text, entity name, role) for one sentence, quotations left out."""
    return [(m.text, m.key[1], m.role) for m in result.mentions[index] if not m.quoted]


def test_a_title_names_a_person_and_the_state_is_only_a_descriptor():
    result = find("French President Emmanuel Macron said the talks would go on.")
    person = result.get(("actor", "Emmanuel Macron"))
    assert (person.kind, person.role, person.affiliation) == ("person", "President", "France")
    assert mentions(result) == [
        ("French", "France", "descriptor"),
        ("Emmanuel Macron", "Emmanuel Macron", "actor"),
    ]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("It was led by special envoy Steve Witkoff.", "Steve Witkoff", "Special envoy"),
        ("Bank of England Governor Andrew Bailey spoke.", "Andrew Bailey", "Governor"),
        (
            "Jane Smith, the chief executive of Acme Corp, resigned.",
            "Jane Smith",
            "Chief executive",
        ),
        ("Prime Minister Rui Moreira won.", "Rui Moreira", "Prime Minister"),
    ],
)
def test_titles_and_roles_before_or_after_a_name(text, name, role):
    person = find(text).get(("actor", name))
    assert (person.kind, person.role) == ("person", role)


def test_a_relation_describes_one_person_through_another():
    result = find("The team included US President Donald Trump’s son-in-law Jared Kushner.")
    roles = {name: role for _, name, role in mentions(result)}
    assert roles["Jared Kushner"] == "actor"
    assert roles["Donald Trump"] == "descriptor"


def test_short_forms_and_descriptions_refer_back_to_the_full_name():
    result = find(
        "French President Emmanuel Macron arrived. Macron spoke first. "
        "The French president said the group would meet again."
    )
    assert mentions(result, 1) == [("Macron", "Emmanuel Macron", "actor")]
    assert mentions(result, 2) == [("The French president", "Emmanuel Macron", "actor")]
    assert "Macron" in result.get(("actor", "Emmanuel Macron")).aliases


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ukrainian and US officials met.", [("Ukraine", "actor"), ("United States", "actor")]),
        ("Russian strikes hit the town.", [("Russia", "actor")]),
        ("The strikes hit Ukrainian infrastructure.", []),
        ("The Americans agreed.", [("United States", "actor")]),
        ("The White House said no.", [("United States", "actor")]),
        ("US rival Lumetric Systems agreed.", [("United States", "descriptor"),
                                                ("Lumetric Systems", "actor")]),
        ("Strikes hit the eastern Ukrainian city of Slovyansk.", [("Slovyansk", "location")]),
    ],
)  # fmt: skip
def test_states_from_names_demonyms_and_seats(text, expected):
    assert [(name, role) for _, name, role in mentions(find(text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They flew to Moscow on Monday.", ("Moscow", "location")),
        ("He visits London on Monday.", ("London", "location")),
        ("The US has pushed Moscow to agree.", ("Russia", "actor")),
        ("It took Kyiv’s concerns into account.", ("Ukraine", "actor")),
    ],
)
def test_a_capital_is_a_place_or_stands_for_its_government(text, expected):
    assert expected in [(name, role) for _, name, role in mentions(find(text))]


def test_places_come_from_the_gazetteer_with_country_and_coordinates():
    result = find("Talks were held in Miami and later in London.")
    miami = result.get(("place", "Miami")).place
    london = result.get(("place", "London")).place
    assert (miami.kind, miami.country) == ("city", "US")
    assert london.country == "GB"  # not London, Ontario: population decides
    lat, lon = london.coordinates
    assert 51 < lat < 52 and -1 < lon < 1


def test_context_chooses_between_namesakes():
    result = find("The Canadian city of London was flooded.")
    assert result.get(("place", "London")).place.country == "CA"


def test_a_region_the_gazetteer_lacks_is_still_a_place():
    result = find("Floods hit Pakistan's Punjab province on Thursday.")
    punjab = result.get(("place", "Punjab"))
    assert (punjab.kind, punjab.code) == ("region", "PK")


@pytest.mark.parametrize(
    "name", ["United Nations", "Amnesty International", "Human Rights Watch", "Red Cross"]
)
def test_organisation_words_keep_names_from_being_people(name):
    result = find(f"Officials from the {name} said the talks had failed.")
    assert result.get(("actor", name)).kind == "organization"


def test_organisations_acronyms_and_short_forms():
    result = find(
        "The European Central Bank (ECB) met. Veldhoven Photonics agreed to buy it. "
        "Shares of Veldhoven rose. The ECB said so."
    )
    assert ("Veldhoven", "Veldhoven Photonics", "actor") in mentions(result, 2)
    assert ("ECB", "European Central Bank", "actor") in mentions(result, 3)


def test_platforms_datelines_and_sentence_openers_are_not_entities():
    result = find("OSLO, March 20 — Heavy rain fell. Zelenskyy said on Telegram that he agreed.")
    names = {e.name for e in result.entities.values()}
    assert names == {"Zelenskyy"} or names == set()
    assert "Telegram" not in names and "OSLO" not in names and "Heavy" not in names


def test_names_already_in_content_are_recognised_and_reused():
    known = [
        Known("volodymyr-zelenskyy", "actor", "Volodymyr Zelenskyy", ("Zelenskyy",), "person"),
        Known("kremenchuk-mayor", "actor", "Mayor of Kremenchuk",
              ("the mayor of the central Ukrainian city of Kremenchuk",), "person"),
    ]  # fmt: skip
    result = find(
        "Zelenskyy said the talks went well. The mayor of the central Ukrainian city of "
        "Kremenchuk said the city was hit.",
        known,
    )
    assert ("Zelenskyy", "Volodymyr Zelenskyy", "actor") in mentions(result, 0)
    assert ("actor", "Mayor of Kremenchuk") in {m.key for m in result.mentions[1]}


def test_entities_inside_long_quotations_are_marked_as_quoted():
    result = find("“Ukraine can count on our support in the months ahead,” Macron said.")
    quoted = {m.key[1]: m.quoted for m in result.mentions[0]}
    assert quoted["Ukraine"] is True
