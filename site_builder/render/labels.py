"""Greedy label placement for maps and diagrams drawn at build time.

Each label tries the right, left, top and bottom of its mark, then the diagonals, and takes
the first spot that stays inside the picture and clear of marks and labels already
placed. Labels come in priority order, so when space runs out the least important go
first; a label left out is still in the picture's text equivalent.
"""

from __future__ import annotations

from dataclasses import dataclass

PHONE_MARK_SCALE = 1.8  # CSS enlarges map markers this much where a map is drawn narrow
GLYPH = 0.6  # average width of a sans-serif glyph, as a fraction of the font size
GAP = 3.0  # space between a mark and its label


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def contains(self, other: Box) -> bool:
        return (
            self.x0 <= other.x0
            and self.y0 <= other.y0
            and other.x1 <= self.x1
            and other.y1 <= self.y1
        )


def place_labels(
    anchors: list[tuple[float, float, float, str]],
    font: float,
    obstacles: list[Box],
    bounds: Box,
) -> list[dict]:
    """anchors: (x, y, radius, text) in priority order → placed labels.

    A placed label is {x, y, anchor, text} with y at the text's vertical centre, for
    SVG text drawn with text-anchor=anchor and dominant-baseline=central.
    """
    taken: list[Box] = []
    placed = []
    for x, y, radius, text in anchors:
        for anchor, tx, ty, box in _candidates(x, y, radius, text, font):
            if not bounds.contains(box):
                continue
            if any(box.overlaps(other) for other in taken + obstacles):
                continue
            taken.append(box)
            placed.append({"x": round(tx, 1), "y": round(ty, 1), "anchor": anchor, "text": text})
            break
    return placed


def label_marks(marks: list[dict], font: float, bounds: Box, grow: float = 1.0) -> dict:
    """Labels for circular marks ({x, y, r, name, weight}), the heaviest placed first.

    grow: how much larger the marks are drawn at this label size (the phone set's CSS
    scales them up), so that labels keep clear of the enlarged marks.
    """
    obstacles = [
        Box(
            m["x"] - m["r"] * grow,
            m["y"] - m["r"] * grow,
            m["x"] + m["r"] * grow,
            m["y"] + m["r"] * grow,
        )
        for m in marks
    ]
    wanted = sorted(marks, key=lambda m: (-m["weight"], m["name"]))
    anchors = [(m["x"], m["y"], m["r"] * grow, m["name"]) for m in wanted]
    return {"font": round(font, 1), "items": place_labels(anchors, font, obstacles, bounds)}


def _candidates(x: float, y: float, r: float, text: str, font: float):
    w, h = len(text) * font * GLYPH, font * 1.2
    off = r + GAP
    yield "start", x + off, y, Box(x + off, y - h / 2, x + off + w, y + h / 2)
    yield "end", x - off, y, Box(x - off - w, y - h / 2, x - off, y + h / 2)
    yield "middle", x, y - off - h / 2, Box(x - w / 2, y - off - h, x + w / 2, y - off)
    yield "middle", x, y + off + h / 2, Box(x - w / 2, y + off, x + w / 2, y + off + h)
    # Diagonals, for crowded spots: the label's near corner sits off the mark's.
    d = r * 0.7 + GAP
    yield "start", x + d, y - d - h / 2, Box(x + d, y - d - h, x + d + w, y - d)
    yield "start", x + d, y + d + h / 2, Box(x + d, y + d, x + d + w, y + d + h)
    yield "end", x - d, y - d - h / 2, Box(x - d - w, y - d - h, x - d, y - d)
    yield "end", x - d, y + d + h / 2, Box(x - d - w, y + d, x - d, y + d + h)
