"""A true time scale for the timeline: dates → x positions, marks packed into lanes.

Issue 7: gaps and clusters must be visible, month-precision and approximate events drawn
as such, spans as spans and scheduled events marked. This module is geometry only; it
knows dates, not titles or URLs, and returns plain numbers that a template draws as SVG.

Day-precision events are dots stacked upward from the axis (a dot plot: a busy day is a
tall column). Spans and month- or year-precision events are bars covering the period
they may fall in, packed into lanes above the dots.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from site_builder.content.model import Event

WIDTH = 1000
MARGIN_X = 24
LANE = 15  # vertical distance between stacked dots
BAR_LANE = 21  # vertical distance between lanes of bars
DOT_R = 5
BAR_H = 17
TOP = 24  # room for the "as of" label above the marks
LABEL_MIN_W = 90  # a bar at least this wide carries its event's title inside
CHAR_W = 7.2  # average width of a 12px character, to shorten titles that would not fit
AXIS_LABELS = 40  # room under the axis for day and month labels
APPROX_DAYS = 1.5  # half-width of the whisker drawn around an approximate date


@dataclass(frozen=True)
class Scale:
    """Maps calendar days onto [MARGIN_X, WIDTH - MARGIN_X]."""

    start: date
    days: int

    def x(self, day: date, fraction: float = 0.0) -> float:
        """Left edge of a day (plus a fraction of a day)."""
        usable = WIDTH - 2 * MARGIN_X
        return round(MARGIN_X + ((day - self.start).days + fraction) * usable / self.days, 1)


def make_scale(
    events: list[Event], as_of: date | None, bounds: tuple[date, date] | None = None
) -> Scale | None:
    """The scale over the events and the as-of day, or over a period (`bounds`: its first
    day and the day after it), widened only for events that run past it."""
    if not events:
        return None
    first = min(e.date.first_day() for e in events)
    last = max(_last_day(e) for e in events)
    if bounds is not None:
        first, last = min(first, bounds[0]), max(last, bounds[1] - timedelta(days=1))
    elif as_of is not None:
        first, last = min(first, as_of), max(last, as_of)
    length = (last - first).days + 1
    pad = max(1, length // 25)  # breathing room so end marks are not cut off
    return Scale(first - timedelta(days=pad), length + 2 * pad)


def layout(
    events: list[Event],
    as_of: date | None,
    upcoming: set[str],
    bounds: tuple[date, date] | None = None,
) -> dict | None:
    """Geometry of the whole strip: marks, axis ticks, month labels and the as-of line."""
    scale = make_scale(events, as_of, bounds)
    if scale is None:
        return None
    if as_of is not None and not scale.start <= as_of < scale.start + timedelta(scale.days):
        as_of = None  # a period page of another time: no as-of line
    dots, bars = [], []
    for event in events:
        (dots if _is_point(event) else bars).append(event)
    bar_lanes = _pack([(scale.x(e.date.first_day()), scale.x(_last_day(e), 1.0)) for e in bars])
    stacks = _stack_by_day(dots)
    dot_lanes = max(stacks.values(), default=-1) + 1
    n_bar_lanes = max(bar_lanes, default=-1) + 1
    axis_y = TOP + n_bar_lanes * BAR_LANE + dot_lanes * LANE + 4
    marks = [
        _dot(e, scale, axis_y - DOT_R - 4 - stacks[e.id] * LANE, e.id in upcoming) for e in dots
    ]
    marks += [
        _bar(e, scale, TOP + lane * BAR_LANE, e.id in upcoming)
        for e, lane in zip(bars, bar_lanes, strict=True)
    ]
    return {
        "width": WIDTH,
        "height": axis_y + AXIS_LABELS,
        "axis_y": axis_y,
        "x0": MARGIN_X,
        "x1": WIDTH - MARGIN_X,
        "marks": sorted(marks, key=lambda m: m["order"]),
        "ticks": _ticks(scale, axis_y),
        "months": _month_labels(scale, axis_y),
        "as_of": _as_of_line(scale, as_of, axis_y),
    }


def activity(events: list[Event], scale: Scale, width: float, upcoming: set[str]) -> list[dict]:
    """A sparkline of some events on the full timeline's scale (an actor's, a place's):
    one tick per event, as wide as its period, so readers compare when each was active."""
    factor = width / WIDTH
    ticks = []
    for event in events:
        x0 = scale.x(event.date.first_day()) * factor
        x1 = scale.x(_last_day(event), 1.0) * factor
        ticks.append(
            {
                "x": round(x0, 1),
                "w": round(max(x1 - x0, 2.0), 1),
                "period": not _is_point(event),
                "upcoming": event.id in upcoming,
                "y": 2 if _is_point(event) else 7,
                "h": 10 if _is_point(event) else 5,
            }
        )
    return ticks


def _is_point(event: Event) -> bool:
    single_day = event.end is None or event.end.iso()[:10] == event.date.iso()[:10]
    return event.date.precision in ("day", "minute") and single_day


def _last_day(event: Event) -> date:
    return (event.end or event.date).last_day()


def _pack(intervals: list[tuple[float, float]]) -> list[int]:
    """Greedy interval packing: each interval gets the lowest lane free at its start.

    Input order is kept (events arrive in timeline order), so the result is deterministic.
    """
    lane_ends: list[float] = []
    lanes = []
    for start, end in intervals:
        for lane, lane_end in enumerate(lane_ends):
            if lane_end + 3 <= start:
                lane_ends[lane] = end
                lanes.append(lane)
                break
        else:
            lane_ends.append(end)
            lanes.append(len(lane_ends) - 1)
    return lanes


def _stack_by_day(events: list[Event]) -> dict[str, int]:
    """Position of each day-precision event in its day's column (0 = on the axis)."""
    seen: dict[date, int] = {}
    stack = {}
    for event in events:
        day = event.date.first_day()
        stack[event.id] = seen.get(day, 0)
        seen[day] = stack[event.id] + 1
    return stack


def _dot(event: Event, scale: Scale, cy: float, upcoming: bool) -> dict:
    cx = scale.x(event.date.first_day(), 0.5)
    mark = {
        "id": event.id,
        "shape": "dot",
        "cx": cx,
        "cy": cy,
        "r": DOT_R,
        "classes": _classes(event, upcoming),
        "order": (cy, cx),
        "whisker": None,
    }
    if event.approximate:
        spread = scale.x(event.date.first_day(), 0.5 + APPROX_DAYS) - cx
        mark["whisker"] = {"x0": round(cx - spread, 1), "x1": round(cx + spread, 1)}
    return mark


def _bar(event: Event, scale: Scale, y: float, upcoming: bool) -> dict:
    x0 = scale.x(event.date.first_day())
    x1 = scale.x(_last_day(event), 1.0)
    return {
        "id": event.id,
        "shape": "bar",
        "x": x0,
        "y": y,
        "w": round(max(x1 - x0, 2 * DOT_R), 1),
        "h": BAR_H,
        "classes": _classes(event, upcoming),
        "order": (y, x0),
        "label": _fit(event.title, x1 - x0) if x1 - x0 >= LABEL_MIN_W else "",
        "label_x": round(x0 + 6, 1),
        "label_y": round(y + BAR_H / 2, 1),
    }


def _fit(text: str, width: float) -> str:
    """The title shortened with an ellipsis so that it fits inside a bar."""
    room = int((width - 12) / CHAR_W)
    return text if len(text) <= room else text[: max(room - 1, 1)].rstrip() + "…"


def _classes(event: Event, upcoming: bool) -> str:
    classes = ["mark"]
    if event.date.precision in ("month", "year"):
        classes.append("mark-period")
    elif event.end is not None and not _is_point(event):
        classes.append("mark-span")
    if event.approximate:
        classes.append("mark-approx")
    if upcoming:
        classes.append("mark-upcoming")
    return " ".join(classes)


def _ticks(scale: Scale, axis_y: float) -> list[dict]:
    """Day ticks on short scales, week ticks on medium, month ticks on long ones."""
    ticks = []
    for offset in range(scale.days + 1):
        day = scale.start + timedelta(days=offset)
        if scale.days <= 120:
            major = day.weekday() == 0 if scale.days > 21 else True
            label = str(day.day) if major else ""
        elif scale.days <= 3 * 366:
            major = day.day == 1
            label = ""
        else:
            major = day.day == 1 and day.month == 1
            label = ""
        if scale.days > 120 and not major:
            continue
        ticks.append(
            {
                "x": scale.x(day),
                "y1": axis_y + (6 if major else 3),
                "label": label,
                "label_x": scale.x(day, 0.5) if scale.days <= 21 else scale.x(day),
                "major": major,
            }
        )
    return ticks


def _month_labels(scale: Scale, axis_y: float) -> list[dict]:
    """One label per month (per year on long scales) at its first visible day."""
    end = scale.start + timedelta(days=scale.days)
    labels = []
    cursor = date(scale.start.year, scale.start.month, 1)
    yearly = scale.days > 3 * 366
    while cursor < end:
        x = scale.x(max(cursor, scale.start))
        if yearly:
            text = str(cursor.year)
        elif scale.days > 120:
            text = calendar.month_abbr[cursor.month] + (
                f" {cursor.year}" if cursor.month == 1 or not labels else ""
            )
        else:
            text = f"{calendar.month_name[cursor.month]} {cursor.year}"
        labels.append({"x": x, "y": axis_y + (34 if scale.days <= 120 else 18), "text": text})
        cursor = date(cursor.year + 1, 1, 1) if yearly else next_month(cursor)
    # A month that starts on the scale's last day (a month page's bound) would have its
    # label cut off at the right edge; the neighbouring page is a link away anyway.
    fits = [label for label in labels if label["x"] + CHAR_W * len(label["text"]) <= WIDTH]
    return _drop_crowded(fits or labels[:1])


def next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _drop_crowded(labels: list[dict]) -> list[dict]:
    """A label that starts too close to the previous one would overlap it: drop it.

    When the first label only marks a sliver of padding before the next period starts,
    the next label replaces it instead.
    """
    kept: list[dict] = []
    for label in labels:
        if kept and label["x"] - kept[-1]["x"] < 9 * len(kept[-1]["text"]) + 8:
            if len(kept) == 1 and label["x"] - kept[0]["x"] < 60:
                kept[0] = label
            continue
        kept.append(label)
    return kept


def _as_of_line(scale: Scale, as_of: date | None, axis_y: float) -> dict | None:
    if as_of is None:
        return None
    x = scale.x(as_of, 1.0)
    return {
        "x": x,
        "y0": 4,
        "y1": axis_y,
        "label": f"as of {as_of.day} {calendar.month_abbr[as_of.month]}",
        "anchor": "end" if x > WIDTH * 0.8 else "start",
        "future_w": round(WIDTH - MARGIN_X - x, 1),
    }
