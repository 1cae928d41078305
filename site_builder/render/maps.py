"""Maps drawn at build time as inline SVG: projection, clipped outlines, markers, labels.

Issue 7: no tile server and no network. Country outlines come from the vendored Natural
Earth topology (topojson.py); places from location records. The result is plain numbers
and path strings for a template, identical for identical input (every value is rounded).

Labels come in two sets: one for the map at its full width (1 SVG unit = 1 CSS px) and
one with bigger type for phones, where the map is shrunk; CSS shows one of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from site_builder.render.labels import PHONE_MARK_SCALE, Box, label_marks
from site_builder.render.topojson import Country, load_countries

LAT_LIMIT = 80.0  # Mercator runs to infinity at the poles
WIDE_FONT = 13.0  # label size at full width, in CSS px
PHONE_PX = 340.0  # the narrowest width the map is drawn at, for the phone label set
CLIP_MARGIN = 4.0
SIMPLIFY = 0.6  # drop outline points closer than this (in SVG units) to the last one kept


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    lat: float
    lon: float
    weight: int  # e.g. number of events; decides marker size and label priority


@dataclass(frozen=True)
class Extent:
    west: float
    south: float
    east: float
    north: float


class Mercator:
    """Web-Mercator-shaped projection fitted to an extent and a width in SVG units."""

    def __init__(self, extent: Extent, width: float, ratio: tuple[float, float]):
        x0, x1 = extent.west, extent.east
        y0, y1 = _merc(extent.south), _merc(extent.north)
        # Widen the shorter side so that the map keeps a readable shape.
        low, high = ratio
        if (y1 - y0) < low * (x1 - x0):
            grow = (low * (x1 - x0) - (y1 - y0)) / 2
            y0, y1 = y0 - grow, y1 + grow
        elif (y1 - y0) > high * (x1 - x0):
            grow = ((y1 - y0) / high - (x1 - x0)) / 2
            x0, x1 = x0 - grow, x1 + grow
        self.x0, self.y1 = x0, y1
        self.k = width / (x1 - x0)
        self.width = width
        self.height = round((y1 - y0) * self.k, 1)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return self.planar(lon, _merc(lat))

    def planar(self, lon: float, merc_y: float) -> tuple[float, float]:
        """A point already in Mercator units (see _outlines) → SVG units."""
        return (lon - self.x0) * self.k, (self.y1 - merc_y) * self.k

    def bounds(self, margin: float) -> tuple[float, float, float, float]:
        """The visible area in Mercator units, widened by margin SVG units."""
        pad = margin / self.k
        return (
            self.x0 - pad,
            self.y1 - (self.height + margin) / self.k,
            self.x0 + (self.width + margin) / self.k,
            self.y1 + pad,
        )


def _merc(lat: float) -> float:
    lat = max(-LAT_LIMIT, min(LAT_LIMIT, lat))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def fit_extent(points: list[tuple[float, float]], min_span: float, pad: float = 0.18) -> Extent:
    """The (lat, lon) points' bounding box, padded and at least min_span degrees wide."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    lon_pad = max((east - west) * pad, (min_span - (east - west)) / 2, 0.5)
    lat_pad = max((north - south) * pad, (min_span * 0.6 - (north - south)) / 2, 0.5)
    return Extent(
        west=max(-180.0, west - lon_pad),
        south=max(-LAT_LIMIT, south - lat_pad),
        east=min(180.0, east + lon_pad),
        north=min(LAT_LIMIT, north + lat_pad),
    )


def country_extent(country: Country, pad: float = 0.15) -> Extent:
    """The extent of a country's largest polygon (Russia's, not its far-east islands)."""
    polygon = max(country.polygons, key=lambda p: _area(_bbox(p[0])))
    west, south, east, north = _bbox(polygon[0])
    dx, dy = (east - west) * pad, (north - south) * pad
    return Extent(west - dx, south - dy, east + dx, north + dy)


def draw_map(
    extent: Extent,
    places: list[Place],
    involved: set[str],
    focus: str | None = None,
    width: float = 720,
    ratio: tuple[float, float] = (0.5, 0.75),
) -> dict:
    """Everything a template needs to draw the map: outlines, markers and both label sets.

    involved: ISO numeric ids of countries to tint; focus: one country to tint strongly.
    """
    proj = Mercator(extent, width, ratio)
    layers: dict[str, list[str]] = {"land": [], "land-involved": [], "land-focus": []}
    west, south, east, north = proj.bounds(CLIP_MARGIN)
    for country_id, (x0, y0, x1, y1), rings in _outlines():
        if x1 < west or x0 > east or y1 < south or y0 > north:
            continue  # the whole country is off the map (most are, on a city's map)
        layer = (
            "land-focus"
            if country_id == focus
            else "land-involved"
            if country_id in involved
            else "land"
        )
        layers[layer].extend(_country_rings(rings, proj))
    max_weight = max((p.weight for p in places), default=0) or 1
    markers = sorted(
        (_marker(p, proj, max_weight) for p in places),
        key=lambda m: (-m["r"], m["name"]),
    )
    markers = [m for m in markers if 0 <= m["x"] <= proj.width and 0 <= m["y"] <= proj.height]
    bounds = Box(0, 0, proj.width, proj.height)
    return {
        "width": proj.width,
        "height": proj.height,
        "layers": [{"class": name, "d": "".join(rings)} for name, rings in layers.items() if rings],
        "markers": markers,
        "labels_wide": label_marks(markers, WIDE_FONT, bounds),
        "labels_narrow": label_marks(
            markers, WIDE_FONT * proj.width / PHONE_PX, bounds, grow=PHONE_MARK_SCALE
        ),
    }


def _marker(place: Place, proj: Mercator, max_weight: int) -> dict:
    x, y = proj.point(place.lon, place.lat)
    radius = 3.5 + 9.0 * math.sqrt(place.weight / max_weight) if place.weight else 3.0
    return {
        "id": place.id,
        "name": place.name,
        "weight": place.weight,
        "x": round(x, 1),
        "y": round(y, 1),
        "r": round(radius, 1),
        "focus": False,
    }


@cache
def _outlines() -> tuple[tuple[str, tuple, tuple], ...]:
    """Every country's bounding box and its rings, each with its own, in Mercator units; once
    per process: a map then only culls, scales and clips (fast live-preview rebuilds)."""
    outlines = []
    for country in load_countries():
        rings = []
        for polygon in country.polygons:
            for ring in polygon:
                points = tuple((lon, _merc(lat)) for lon, lat in _unwrap(ring))
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                rings.append((points, (min(xs), min(ys), max(xs), max(ys))))
        if not rings:
            continue
        boxes = [box for _, box in rings]
        whole = (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
        outlines.append((country.id, whole, tuple(rings)))
    return tuple(outlines)


def _country_rings(rings, proj: Mercator) -> list[str]:
    """SVG path data for each ring of a country that shows on the map."""
    paths = []
    west, south, east, north = proj.bounds(CLIP_MARGIN)
    box = (-CLIP_MARGIN, -CLIP_MARGIN, proj.width + CLIP_MARGIN, proj.height + CLIP_MARGIN)
    for points, (x0, y0, x1, y1) in rings:
        if x1 < west or x0 > east or y1 < south or y0 > north:
            continue  # entirely off the map
        path = _path(_clip([proj.planar(x, y) for x, y in points], box))
        if path:
            paths.append(path)
    return paths


def _unwrap(ring):
    """Keep a ring continuous where it crosses the antimeridian (Russia's far east):
    a jump of more than 180° in longitude continues past ±180 instead of wrapping, so
    the ring is not drawn as a band across the whole map."""
    shift = 0.0
    previous = None
    for lon, lat in ring:
        if previous is not None:
            if lon + shift - previous > 180:
                shift -= 360
            elif lon + shift - previous < -180:
                shift += 360
        previous = lon + shift
        yield previous, lat


def _path(points: list[tuple[float, float]]) -> str:
    """A closed SVG subpath: absolute start, then relative steps (short numbers).

    Steps are differences of rounded points, so rounding never accumulates.
    """
    kept: list[tuple[float, float]] = []
    for x, y in points:
        point = (round(x, 1), round(y, 1))
        if kept and abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) < SIMPLIFY:
            continue
        kept.append(point)
    if len(kept) < 3:
        return ""
    numbers = []
    for (x0, y0), (x1, y1) in zip(kept, kept[1:], strict=False):
        numbers += [round(x1 - x0, 1), round(y1 - y0, 1)]
    return f"M{_num(kept[0][0])} {_num(kept[0][1])}l{_join_numbers(numbers)}z"


def _join_numbers(numbers: list[float]) -> str:
    """SVG number list: a minus sign separates numbers as well as a space does."""
    text = ""
    for value in numbers:
        part = _num(value)
        text += part if not text or part.startswith("-") else " " + part
    return text


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _clip(points, box):
    """Sutherland–Hodgman: clip a polygon to a rectangle, so paths stay small."""
    x0, y0, x1, y1 = box
    edges = (
        (lambda p: p[0] >= x0, lambda a, b: _cross_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cross_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cross_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cross_y(a, b, y1)),
    )
    for inside, cross in edges:
        if not points:
            break
        result = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    result.append(cross(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cross(previous, point))
            previous = point
        points = result
    return points


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def _bbox(ring) -> tuple[float, float, float, float]:
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


def _area(box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])
