"""Build-time geometry for issue 7: time scale, maps, labels, network and search index."""

from __future__ import annotations

import json
import math
import random
import re
from datetime import date
from pathlib import Path, PurePosixPath

from site_builder.content.library import load_library
from site_builder.content.model import Event, PartialDate
from site_builder.diagnostics import SourcePos
from site_builder.render import maps, network, search, timescale
from site_builder.render.labels import Box, place_labels
from site_builder.render.search import fold
from site_builder.render.topojson import load_countries
from tests.conftest import REPO, run


def ev(event_id: str, when: str, end: str | None = None, approximate: bool = False) -> Event:
    return Event(
        id=event_id,
        title=event_id.replace("-", " "),
        date=PartialDate.parse(when),
        end=PartialDate.parse(end) if end else None,
        approximate=approximate,
        kind="talks",
        actors=(),
        locations=(),
        sources=(),
        status="reviewed",
        body="",
        pos=SourcePos("x.md", 1),
    )


def marks_by_id(strip: dict) -> dict[str, dict]:
    return {m["id"]: m for m in strip["marks"]}


# --- time scale ---------------------------------------------------------------------


def test_time_scale_keeps_gaps_and_clusters_proportional():
    events = [ev("a", "2025-03-01"), ev("b", "2025-03-02"), ev("c", "2025-03-12")]
    marks = marks_by_id(timescale.layout(events, None, set()))
    one_day = marks["b"]["cx"] - marks["a"]["cx"]
    assert one_day > 0
    assert math.isclose(marks["c"]["cx"] - marks["b"]["cx"], 10 * one_day, abs_tol=0.3)


def test_events_of_one_day_stack_into_a_column():
    events = [ev("a", "2025-03-01"), ev("b", "2025-03-01"), ev("c", "2025-03-01")]
    marks = marks_by_id(timescale.layout(events, None, set()))
    assert len({m["cx"] for m in marks.values()}) == 1
    assert marks["a"]["cy"] > marks["b"]["cy"] > marks["c"]["cy"]  # upward from the axis


def test_month_precision_event_is_a_bar_over_its_whole_month():
    events = [ev("m", "2025-11"), ev("d", "2025-12-03")]
    strip = timescale.layout(events, None, set())
    scale = timescale.make_scale(events, None)
    bar = marks_by_id(strip)["m"]
    assert bar["shape"] == "bar" and "mark-period" in bar["classes"]
    assert bar["x"] == scale.x(date(2025, 11, 1))
    assert math.isclose(bar["x"] + bar["w"], scale.x(date(2025, 11, 30), 1.0), abs_tol=0.2)


def test_span_is_a_bar_and_approximate_date_gets_a_whisker():
    events = [ev("s", "2025-12-04", end="2025-12-06"), ev("a", "2025-12-10", approximate=True)]
    marks = marks_by_id(timescale.layout(events, None, set()))
    assert marks["s"]["shape"] == "bar" and "mark-span" in marks["s"]["classes"]
    assert marks["a"]["shape"] == "dot" and "mark-approx" in marks["a"]["classes"]
    whisker = marks["a"]["whisker"]
    assert whisker["x0"] < marks["a"]["cx"] < whisker["x1"]


def test_overlapping_bars_get_their_own_lanes():
    events = [ev("a", "2025-11"), ev("b", "2025-11"), ev("c", "2025-12-20", end="2025-12-22")]
    marks = marks_by_id(timescale.layout(events, None, set()))
    assert marks["a"]["y"] != marks["b"]["y"]
    assert marks["c"]["y"] == marks["a"]["y"]  # later bar reuses the first free lane


def test_scheduled_events_lie_beyond_the_as_of_line():
    events = [ev("past", "2025-12-06"), ev("next", "2025-12-08")]
    strip = timescale.layout(events, date(2025, 12, 7), {"next"})
    marks = marks_by_id(strip)
    assert "mark-upcoming" in marks["next"]["classes"]
    assert "mark-upcoming" not in marks["past"]["classes"]
    assert marks["past"]["cx"] < strip["as_of"]["x"] < marks["next"]["cx"]
    assert strip["as_of"]["label"] == "as of 7 Dec"


def test_axis_labels_of_a_long_scale_never_crowd_each_other():
    strip = timescale.layout([ev("old", "2019"), ev("new", "2025-02-10")], None, set())
    labels = strip["months"]
    assert [m["text"] for m in labels][:2] == ["2019", "2020"]
    for a, b in zip(labels, labels[1:], strict=False):
        assert b["x"] - a["x"] >= 9 * len(a["text"]) + 8


def test_axis_labels_of_a_month_page_stay_inside_the_picture():
    """A month page's scale ends on the next month's first day: no label cut off there."""
    events = [ev("a", "2022-03-02"), ev("b", "2022-03-30")]
    strip = timescale.layout(events, None, set(), (date(2022, 3, 1), date(2022, 4, 1)))
    labels = strip["months"]
    assert [m["text"] for m in labels] == ["March 2022"]
    assert all(m["x"] + timescale.CHAR_W * len(m["text"]) <= timescale.WIDTH for m in labels)


def test_timeline_list_names_quiet_stretches(scratch_site, capsys):
    later = """\
        ---
        title: Second round
        date: 2025-02-25
        kind: talks
        actors: [jane-doe]
        sources:
          - seed: article-one
            quote: "A second round of talks is planned for March."
        status: reviewed
        ---
        """
    root = scratch_site({"content/events/2025-02-25-second-round.md": later})
    assert run(root, "build")[0] == 0
    page = (root / "output/timeline/index.html").read_text()
    assert "14 days with no recorded events" in page
    assert page.count('class="mark') >= 2


# --- maps ---------------------------------------------------------------------------


def test_topojson_arcs_are_dequantized_and_reversed(tmp_path):
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, -4]]],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "Polygon",
                        "id": "001",
                        "properties": {"name": "Square"},
                        "arcs": [[0, 1]],
                    },
                    {
                        "type": "Polygon",
                        "id": "002",
                        "properties": {"name": "Back"},
                        "arcs": [[~1]],
                    },
                ],
            }
        },
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps(topology))
    square, back = load_countries(path)
    assert square.name == "Square"
    assert square.polygons[0][0] == [(10.0, 20.0), (11.0, 20.0), (11.0, 21.0), (10.0, 20.0)]
    assert back.polygons[0][0] == [(10.0, 20.0), (11.0, 21.0)]


def test_vendored_outlines_hold_the_worlds_countries():
    countries = {c.id: c for c in load_countries()}
    assert len(countries) > 150
    west, south, east, north = countries["250"].bbox  # France, with overseas parts
    assert west < 0 < east


def test_projection_puts_north_up_and_east_right():
    extent = maps.fit_extent([(48.85, 2.35), (52.52, 13.40)], min_span=10)
    proj = maps.Mercator(extent, 720, (0.5, 0.75))
    paris, berlin = proj.point(2.35, 48.85), proj.point(13.40, 52.52)
    assert paris[0] < berlin[0] and berlin[1] < paris[1]
    for x, y in (paris, berlin):
        assert 0 < x < proj.width and 0 < y < proj.height


def test_map_markers_grow_with_weight_and_countries_are_tinted():
    places = [maps.Place("p", "Paris", 48.85, 2.35, 1), maps.Place("b", "Berlin", 52.52, 13.4, 4)]
    extent = maps.fit_extent([(p.lat, p.lon) for p in places], min_span=10)
    drawn = maps.draw_map(extent, places, involved={"276"}, focus="250")
    markers = {m["id"]: m for m in drawn["markers"]}
    assert markers["b"]["r"] > markers["p"]["r"]
    layers = {layer["class"] for layer in drawn["layers"]}
    assert {"land", "land-involved", "land-focus"} <= layers
    labels = {item["text"] for item in drawn["labels_wide"]["items"]}
    assert labels == {"Paris", "Berlin"}
    assert drawn["labels_narrow"]["font"] > drawn["labels_wide"]["font"]


def rings(d: str) -> list[list[tuple[float, float]]]:
    """Absolute points of each subpath 'Mx yl dx dy dx dy…z' that maps.py writes."""
    result = []
    for part in d.split("M")[1:]:
        numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+", part)]
        x, y = numbers[0], numbers[1]
        points = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = round(x + dx, 1), round(y + dy, 1)
            points.append((x, y))
        result.append(points)
    return result


def test_outlines_are_clipped_to_the_map():
    places = [maps.Place("k", "Kyiv", 50.45, 30.52, 1)]
    drawn = maps.draw_map(maps.fit_extent([(50.45, 30.52)], 12), places, set())
    points = [p for layer in drawn["layers"] for ring in rings(layer["d"]) for p in ring]
    margin = maps.CLIP_MARGIN + 0.1
    assert len(points) > 50
    assert all(-margin <= x <= drawn["width"] + margin for x, _ in points)
    assert all(-margin <= y <= drawn["height"] + margin for _, y in points)


def test_ring_across_the_antimeridian_stays_continuous():
    ring = [(170.0, 60.0), (-170.0, 60.0), (-170.0, 65.0), (170.0, 65.0)]
    assert [lon for lon, _ in maps._unwrap(ring)] == [170.0, 190.0, 190.0, 170.0]


def test_a_map_of_the_north_has_no_band_from_russias_far_east():
    """Russia's ring crosses 180°; drawn naively it adds a long edge across the map."""
    extent = maps.fit_extent([(68.97, 33.08), (51.5, -0.12)], 14)  # Murmansk and London
    drawn = maps.draw_map(extent, [], {"643"})
    edge = maps.CLIP_MARGIN + 0.5
    for layer in drawn["layers"]:
        for points in rings(layer["d"]):
            for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
                inside = edge < y1 < drawn["height"] - edge
                assert not (inside and abs(x2 - x1) > drawn["width"] / 2), (x1, y1, x2, y2)


# --- labels and network ---------------------------------------------------------------


def label_box(label: dict, font: float) -> Box:
    width = len(label["text"]) * font * 0.6
    x0 = {"start": label["x"], "end": label["x"] - width, "middle": label["x"] - width / 2}
    left = x0[label["anchor"]]
    return Box(left, label["y"] - font * 0.6, left + width, label["y"] + font * 0.6)


def test_labels_never_overlap_and_are_left_out_when_there_is_no_room():
    anchors = [
        (50 + 2 * i, 50, 4, name)
        for i, name in enumerate(["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"])
    ]
    bounds = Box(0, 0, 120, 100)
    placed = place_labels(anchors, 12, [], bounds)
    boxes = [label_box(label, 12) for label in placed]
    assert 0 < len(placed) < len(anchors)
    for i, a in enumerate(boxes):
        assert bounds.contains(Box(a.x0 + 0.01, a.y0 + 0.01, a.x1 - 0.01, a.y1 - 0.01))
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (placed, a, b)


def two_cliques() -> tuple[list[network.Node], dict[tuple[str, str], int]]:
    nodes = [network.Node(f"n{i}", f"Node {i}", "person", 2) for i in range(8)]
    edges = {}
    for group in (range(0, 4), range(4, 8)):
        for a in group:
            for b in group:
                if a < b:
                    edges[(f"n{a}", f"n{b}")] = 2
    edges[("n0", "n4")] = 1
    return nodes, edges


def test_network_layout_is_deterministic_and_inside_the_picture():
    nodes, edges = two_cliques()
    first, second = network.layout(nodes, edges), network.layout(nodes, edges)
    assert first == second
    for node in first["nodes"]:
        assert node["r"] <= node["x"] <= first["width"] - node["r"]
        assert node["r"] <= node["y"] <= first["height"] - node["r"]
    assert len(first["edges"]) == len(edges)


def test_network_keeps_groups_that_share_events_together():
    nodes, edges = two_cliques()
    pos = {n["id"]: (n["x"], n["y"]) for n in network.layout(nodes, edges)["nodes"]}

    def mean(pairs):
        return sum(math.dist(pos[a], pos[b]) for a, b in pairs) / len(pairs)

    inside = [(a, b) for a, b in edges if edges[(a, b)] == 2]
    across = [(f"n{a}", f"n{b}") for a in range(4) for b in range(4, 8)]
    assert mean(inside) < 0.6 * mean(across)


# --- search index ----------------------------------------------------------------------


def test_fold_drops_case_and_accents_like_search_js():
    assert fold("  Genève  ZÜRICH ") == "geneve zurich"


def search_files(out: Path) -> tuple[dict, list[list[str]], dict[str, list[int]]]:
    """The manifest, every record [kind, title, url, meta] and every word's postings."""
    folder = out / "search"
    manifest = json.loads((folder / "index.json").read_text())
    docs = sorted((folder / "docs").glob("*.json"), key=lambda p: int(p.stem))
    records = [row for path in docs for row in json.loads(path.read_text())]
    terms: dict[str, list[int]] = {}
    for path in (folder / "terms").glob("*.json"):
        terms.update(json.loads(path.read_text()))
    assert len(records) == manifest["records"]
    return manifest, records, terms


def test_search_index_covers_every_record_with_names_and_aliases(repo_build):
    library = load_library(REPO)
    _, records, terms = search_files(repo_build)
    urls = [url for _, _, url, _ in records]
    assert {f"/events/{e.id}/" for e in library.events} <= set(urls)
    assert {f"/actors/{a}/" for a in library.actors} <= set(urls)
    assert {f"/locations/{loc}/" for loc in library.locations} <= set(urls)
    for actor in library.actors.values():
        number = urls.index(f"/actors/{actor.id}/")
        for word in search.WORD.findall(fold(" ".join([actor.name, *actor.aliases]))):
            assert number in {posting >> 1 for posting in terms[word]}, (actor.id, word)
        for word in search.WORD.findall(fold(actor.name)):  # a title word ranks higher
            assert number * 2 + 1 in terms[word]


def test_no_search_file_grows_with_the_briefing():
    """Chunks hold a bounded share of the records: at 6,000 records the manifest and
    every chunk stay small, and together they hold every word of every record."""
    rng = random.Random(7)
    vocabulary = [
        "".join(rng.choice("abcdefghij") for _ in range(rng.randint(3, 9))) for _ in range(4000)
    ]
    items = [
        {
            "k": "Event",
            "t": f"Title {n}",
            "u": f"/e/{n}/",
            "m": "meta",
            "s": " ".join(rng.choice(vocabulary) for _ in range(60)) + f" title {n}",
        }
        for n in range(6000)
    ]
    files = search._files(
        PurePosixPath("search"),
        PurePosixPath("search/index.json"),
        items,
        6000 // search.RECORDS_PER_TERM_CHUNK,
        6000 // search.DOCS_PER_CHUNK,
    )
    sizes = {str(path): len(data) for path, data in files.items()}
    assert sizes["search/index.json"] < 8_000
    assert max(sizes.values()) < 60_000, max(sizes.items(), key=lambda kv: kv[1])
    starts = json.loads(files[PurePosixPath("search/index.json")])["terms"]
    assert starts == sorted(starts, key=lambda w: (w is None, w or ""))
    found = {}
    for path, data in files.items():
        if "/terms/" in str(path):
            found.update(json.loads(data))
    assert set(found) >= set(vocabulary) & set(" ".join(i["s"] for i in items).split())


def test_search_index_and_pictures_are_identical_across_builds(scratch_site, capsys):
    root = scratch_site()
    assert run(root, "build", "--out", str(root / "a"))[0] == 0
    assert run(root, "build", "--out", str(root / "b"))[0] == 0
    for name in ("index.html", "actors/index.html", "locations/index.html"):
        assert (root / "a" / name).read_bytes() == (root / "b" / name).read_bytes()

    def search_bytes(out: Path) -> dict[str, bytes]:
        return {str(p.relative_to(out)): p.read_bytes() for p in (out / "search").rglob("*.json")}

    assert len(search_bytes(root / "a")) > 2 and search_bytes(root / "a") == search_bytes(
        root / "b"
    )


def test_sub_path_reaches_scripts_forms_and_index(scratch_site, capsys):
    root = scratch_site()
    assert run(root, "build", "--base-url", "https://org.github.io/brief/")[0] == 0
    out = Path(root / "output")
    timeline = (out / "timeline/index.html").read_text()
    search = (out / "search/index.html").read_text()
    assert 'action="/brief/timeline/"' in timeline
    assert re.search(r'<script src="/brief/static/timeline\.js\?v=\w+"', timeline)
    assert 'data-index="/brief/search/index.json"' in search
    _, records, _ = search_files(out)
    assert records and all(url.startswith("/brief/") for _, _, url, _ in records)
