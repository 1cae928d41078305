"""Decode a TopoJSON topology into country rings of (lon, lat) points.

TopoJSON stores shared borders once as quantized, delta-encoded arcs; a polygon
lists arc indexes, where a negative index ~i means arc i reversed
(https://github.com/topojson/topojson-specification). Small enough to own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

Ring = list[tuple[float, float]]

WORLD_110M = Path(__file__).resolve().parent.parent / "data" / "world-atlas" / "countries-110m.json"


@dataclass(frozen=True)
class Country:
    id: str  # ISO 3166-1 numeric code, as a string ("804")
    name: str
    polygons: tuple[tuple[Ring, ...], ...]  # each polygon: outer ring, then holes

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) in degrees."""
        points = [p for polygon in self.polygons for p in polygon[0]]
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        return min(lons), min(lats), max(lons), max(lats)


@cache
def load_countries(path: Path = WORLD_110M) -> tuple[Country, ...]:
    """Every country of the topology's `countries` object (decoded once per process)."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue  # null geometry (a country too small for this scale)
        countries.append(
            Country(
                id=str(geometry.get("id", "")),
                name=geometry.get("properties", {}).get("name", ""),
                polygons=tuple(
                    tuple(_ring(indexes, arcs) for indexes in polygon) for polygon in polygons
                ),
            )
        )
    return tuple(countries)


def _decode_arcs(topology: dict) -> list[Ring]:
    """Undo delta encoding and quantization: arc positions → (lon, lat)."""
    transform = topology.get("transform")
    decoded = []
    for arc in topology["arcs"]:
        if transform is None:
            decoded.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    """Join a ring's arcs; consecutive arcs share an end point, kept once."""
    ring: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    return ring
