"""Actors are people, organisations and states only; places are where things happen
(issue 13, parts 3 and 4). Short sentences of general English."""

import pytest

from site_builder.ingest.entities import EntityFinder
from site_builder.ingest.gazetteer import gazetteer
from site_builder.ingest.sentences import split_sentences


def find(text):
    return EntityFinder(split_sentences(text), gazetteer(), []).run()


def actors(result):
    return {e.name for e in result.entities.values() if e.category == "actor"}


def roles(result):
    """(surface text, category, entity name, role) of every mention, in order."""
    return [
        (m.text, m.key[0], m.key[1], m.role)
        for index in sorted(result.mentions)
        for m in result.mentions[index]
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Dow Jones Industrial Average fell 340 points on Monday.",
        "The Nasdaq Composite slipped 1.2% in late trading.",
        "The benchmark Hang Seng index rose for a third day.",
        "The primary index, the Northbridge 100, dropped by 2%.",
        "The Westmark 40 fell 3% while bonds rallied.",
        "The Kalder closed at 8,512.30 after a volatile session.",
    ],
)
def test_a_market_index_is_no_actor(text):
    assert actors(find(text)) == set()


def test_short_forms_and_acronyms_of_an_index_are_no_actors_either():
    result = find(
        "The Dow Jones Industrial Average (DJIA) lost 300 points. "
        "The Dow recovered later. Traders said the DJIA would stay volatile."
    )
    assert actors(result) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Orbital said its Kestrel-2 would fly in June.",
        "The airline grounded its A330s after the incident.",
        "Lumen unveiled the new Halo Pro laptops on Tuesday.",
        "Traders sold the USD and bought the Yen.",
        "Markets opened at 0800 UTC.",
        "Leaders of the G7 met in Rome.",
    ],
)
def test_products_currencies_and_time_zones_are_no_actors(text):
    assert actors(find(text)) <= {"Orbital", "Lumen", "G7"}


def test_a_released_person_is_not_a_product():
    result = find("Rebels released John Smith on Monday. Smith said he was well.")
    assert actors(result) == {"John Smith"}


def test_a_venue_is_a_place_and_an_occasion_nothing():
    result = find("The startup spoke at the Harbour Center during the Builders Conference.")
    assert actors(result) == set()
    assert ("Harbour Center", "place", "Harbour Center", "location") in roles(result)


def test_an_apposition_gives_role_and_affiliation():
    result = find("Dermot Mannion, chief executive of Aer Lingus, said fares would rise.")
    person = result.get(("actor", "Dermot Mannion"))
    assert (person.role, person.affiliation) == ("Chief executive", "Aer Lingus")
    assert result.get(("actor", "Aer Lingus")).kind == "organization"


def test_a_title_before_a_name_gives_the_role():
    result = find("Chief Executive Dermot Mannion said fares would rise. Mannion left.")
    person = result.get(("actor", "Dermot Mannion"))
    assert person.role == "Chief Executive"
    assert roles(result)[-1] == ("Mannion", "actor", "Dermot Mannion", "actor")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Talks were held in the Netherlands on Monday.", "Netherlands"),
        ("Losses were recorded in India, China, Britain and France.", "China"),
        ("Losses were recorded in India, China, Britain and France.", "Britain"),
        ("US stock markets dropped sharply.", "US"),
        ("The Japanese economy contracted by 0.9%.", "Japanese"),
        ("Japan's stock index fell.", "Japan"),
    ],
)
def test_a_state_named_as_a_place_is_a_location(text, surface):
    found = [r for r in roles(find(text)) if r[0] == surface]
    assert found and found[0][1] == "place" and found[0][3] == "location"


def test_a_ministry_of_the_economy_still_acts():
    result = find("The Dutch economy ministry would review the deal.")
    assert roles(result)[0] == ("Dutch", "actor", "Netherlands", "actor")


def test_a_based_place_is_no_event_location():
    result = find("The Luxembourg-based fund led the round.")
    assert roles(result)[0][3] == "descriptor"


def test_a_group_of_states_named_by_letter_and_number_still_acts():
    assert "G7" in actors(find("The G7 said it would act."))


def place_of(result, name):
    return result.get(("place", name)).place


def test_the_ends_of_a_route_are_no_event_locations():
    result = find("The airline cut flights from Dublin to Boston on Monday.")
    assert [r[3] for r in roles(result) if r[1] == "place"] == ["descriptor", "descriptor"]


def test_where_someone_flew_to_is_a_location():
    result = find("The minister flew from Kyiv to Warsaw on Monday.")
    assert ("Warsaw", "place", "Warsaw", "location") in roles(result)


def test_georgia_among_us_places_is_the_us_state():
    result = find("Storms hit Georgia and Alabama on Monday. Officials in Atlanta said.")
    assert (place_of(result, "Georgia").kind, place_of(result, "Georgia").country) == (
        "region",
        "US",
    )


def test_georgia_elsewhere_is_the_country():
    result = find("Troops moved into Georgia on Monday. Officials in Tbilisi said.")
    assert place_of(result, "Georgia").kind == "country"


def test_a_city_qualified_by_its_us_state():
    result = find("A tornado struck Paris, Texas, on Monday.")
    assert place_of(result, "Paris").country == "US"
    assert ("Texas", "place", "Texas", "descriptor") in roles(result)


def test_the_article_s_other_places_choose_between_namesakes():
    result = find("Floods hit Victoria on Monday, officials in Vancouver said.")
    assert place_of(result, "Victoria").country == "CA"
    result = find("Floods hit Victoria, Canada, on Monday.")
    assert place_of(result, "Victoria").country == "CA"
    assert ("Canada", "place", "Canada", "descriptor") in roles(result)


def test_a_city_s_market_index_is_a_market_there():
    result = find("On Monday, Frankfurt's DAX 30 index closed down.")
    assert actors(result) == set()
    assert ("Frankfurt", "place", "Frankfurt", "location") in roles(result)


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("The container ship struck the tanker Sea Star as it left the harbour.", "Sea Star"),
        ("The recall covers Ridgeline SUVs from the 2022 model year.", "Ridgeline SUVs"),
        ("Two aircraft were sent under the Civil Protection Mechanism on Friday.", "Civil"),
        ("The rocket lifted off from Varna Spaceport at noon.", "Varna Spaceport"),
        ("Flights from Madrid-Barajas and Barcelona-El Prat were cancelled.", "Barcelona"),
    ],
)
def test_vessels_products_schemes_and_ports_are_no_people(text, thing):
    assert not [a for a in actors(find(text)) if thing in a]


def test_the_bare_name_of_a_mountain_is_no_person():
    result = find(
        "Mount Kerapu Tinggi erupted on Sunday. "
        "Kerapu Tinggi erupted in 2019, killing two climbers."
    )
    assert actors(result) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A ransomware gang calling itself Red Falcon said it was behind it.", "Red Falcon"),
        (
            "Hackers paralysed Rheinland Kliniken, one of the largest hospital operators, "
            "on Sunday.",
            "Rheinland Kliniken",
        ),
        ("The ship’s Singapore-based owner, Nordholm Maritime, said it would help.", "Nordholm"),
    ],
)
def test_the_words_around_a_name_make_it_an_organisation(text, name):
    found = {e.name: e.kind for e in find(text).entities.values() if e.category == "actor"}
    assert [kind for n, kind in found.items() if name in n] == ["organization"]


@pytest.mark.parametrize(
    "text",
    [
        "The Kalder dropped 9.62% to reach a 20 year low.",
        "The Westmark, was up 3.10% at 14:58 UTC.",
        "The Westmark currently has a value of 10769.00 points.",
    ],
)
def test_an_index_that_moves_by_a_percentage_or_has_points_is_no_actor(text):
    assert actors(find(text)) == set()


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("Apple released the associated iTunes “App Store” on Monday.", "App Store"),
        ("It also opened the iPhone Developer Program to everyone.", "Developer Program"),
        ("The iPod nano came after the Shuffle was introduced in January.", "Shuffle"),
        ("The update, Nova Software 1.1.1, works with older players.", "Nova Software"),
        ("Spotlight integrates search in the core of the OS.", "OS"),
    ],
)
def test_a_product_by_the_words_around_it_is_no_actor(text, thing):
    assert thing not in actors(find(text))


def test_a_sum_after_a_company_is_no_version_number():
    result = find("The Commission fined US tech company Lumio 1.8 billion euros on Tuesday.")
    assert "Lumio" in actors(result)


def test_an_acronym_in_brackets_after_an_index_is_the_index():
    result = find("The Kalder industrial average (KIA) finished on 7223.98 on Friday.")
    assert "KIA" not in actors(result)


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe, a member of the union, said the strike would go on.",
        "Carl Brandt, a spokesman for the company, declined to comment.",
    ],
)
def test_a_person_described_through_an_organisation_stays_a_person(text):
    found = {e.name: e.kind for e in find(text).entities.values() if e.category == "actor"}
    assert "organization" not in {found.get("Jane Doe"), found.get("Carl Brandt")}
