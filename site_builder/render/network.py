"""Who appears with whom: a small force-directed network laid out at build time.

Issue 7: `/actors/` shows the actors as a network (SVG) with a text equivalent. The
layout must be deterministic, because builds are byte-identical: the start positions
come from the nodes' order, the loop runs a fixed number of steps with no randomness,
and only sqrt (exactly rounded in IEEE 754) is used inside it; results are rounded.

Fruchterman & Reingold (1991): nodes push each other apart, shared events pull them
together, and a cooling step size lets the picture settle.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from site_builder.render.labels import Box, label_marks

WIDTH, HEIGHT = 720.0, 460.0
MARGIN = 24.0
STEPS = 300
GRAVITY = 0.2  # pull towards the centre, so loosely tied actors stay near the others
WIDE_FONT = 13.0
PHONE_PX = 340.0
PHONE_NODE_SCALE = 1.3  # nodes grow less than map markers: the middle of a network is crowded


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    kind: str
    weight: int  # number of events


def layout(nodes: list[Node], edges: dict[tuple[str, str], int]) -> dict:
    """Positions, sizes and labels for nodes (in order) and weighted edges (a < b)."""
    if not nodes:
        return {"width": WIDTH, "height": HEIGHT, "nodes": [], "edges": [], "labels": []}
    index = {node.id: i for i, node in enumerate(nodes)}
    links = [(index[a], index[b], w) for (a, b), w in sorted(edges.items())]
    positions = _settle(len(nodes), links)
    max_weight = max(n.weight for n in nodes) or 1
    radii = [round(5 + 11 * math.sqrt(n.weight / max_weight), 1) for n in nodes]
    points = _fit(positions, max(radii))
    drawn = [
        {
            "id": n.id,
            "name": n.name,
            "kind": n.kind,
            "weight": n.weight,
            "x": x,
            "y": y,
            "r": r,
        }
        for n, (x, y), r in zip(nodes, points, radii, strict=True)
    ]
    bounds = Box(0, 0, WIDTH, HEIGHT)
    max_link = max((w for *_, w in links), default=1)
    drawn_edges = [
        {
            "x1": points[a][0],
            "y1": points[a][1],
            "x2": points[b][0],
            "y2": points[b][1],
            "weight": w,
            "width": round(1 + 4 * (w - 1) / max(max_link - 1, 1), 1),
        }
        for a, b, w in sorted(links, key=lambda link: link[2])  # strongest drawn last
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "nodes": drawn,
        "edges": drawn_edges,
        "labels_wide": label_marks(drawn, WIDE_FONT, bounds),
        "labels_narrow": label_marks(
            drawn, WIDE_FONT * WIDTH / PHONE_PX, bounds, grow=PHONE_NODE_SCALE
        ),
    }


def _settle(count: int, links: list[tuple[int, int, int]]) -> list[list[float]]:
    """Run the force simulation from a circle; return unscaled positions."""
    # Start on a circle in node order; rounding makes the start exact on any platform.
    pos = [
        [
            round(math.cos(2 * math.pi * i / count), 6) * 100,
            round(math.sin(2 * math.pi * i / count), 6) * 100,
        ]
        for i in range(count)
    ]
    k = 100 * math.sqrt(math.pi / count)  # ideal edge length for the circle's area
    # Degree-weighted repulsion (as in ForceAtlas2): an actor with one tie is pushed away
    # less, so it stays by its partner instead of stretching the picture.
    degree = [1.0] * count
    for a, b, _ in links:
        degree[a] += 1
        degree[b] += 1
    mean = sum(degree) / count
    step = 20.0
    for _ in range(STEPS):
        move = [[0.0, 0.0] for _ in range(count)]
        for i in range(count):
            for j in range(i + 1, count):
                dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
                dist = math.sqrt(dx * dx + dy * dy) or 0.01
                push = k * k / dist / dist * degree[i] * degree[j] / (mean * mean)
                move[i][0] += dx * push
                move[i][1] += dy * push
                move[j][0] -= dx * push
                move[j][1] -= dy * push
        for a, b, weight in links:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = math.sqrt(dx * dx + dy * dy) or 0.01
            pull = dist / k * (1 + math.sqrt(weight - 1) / 2)
            move[a][0] -= dx * pull
            move[a][1] -= dy * pull
            move[b][0] += dx * pull
            move[b][1] += dy * pull
        for i in range(count):
            # Gravity keeps actors without shared events from drifting off.
            move[i][0] -= pos[i][0] * GRAVITY
            move[i][1] -= pos[i][1] * GRAVITY
            length = math.sqrt(move[i][0] ** 2 + move[i][1] ** 2) or 1.0
            scale = min(length, step) / length
            pos[i][0] += move[i][0] * scale
            pos[i][1] += move[i][1] * scale
        step = max(step * 0.985, 0.5)
    return pos


def _fit(positions: list[list[float]], radius: float) -> list[tuple[float, float]]:
    """Scale positions into the picture, leaving room for the largest node."""
    xs, ys = [p[0] for p in positions], [p[1] for p in positions]
    pad = MARGIN + radius
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    scale = min((WIDTH - 2 * pad - 120) / span_x, (HEIGHT - 2 * pad) / span_y)
    off_x = (WIDTH - span_x * scale) / 2
    off_y = (HEIGHT - span_y * scale) / 2
    return [
        (round(off_x + (x - min(xs)) * scale, 1), round(off_y + (y - min(ys)) * scale, 1))
        for x, y in positions
    ]
