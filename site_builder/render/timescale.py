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
        cursor = date(cursor.year + 1, 1, 1) if yearly else _next_month(cursor)
    return _drop_crowded(labels)


def _next_month(day: date) -> date:
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


# Density strips (issue 14): counts per calendar bin, so that the picture of a whole story
# has the same size at 20 events or 20,000. The unit is the finest of day, week, month,
# quarter and year that needs no more than `max_bins` bins.
DENSITY_BINS = 160
DENSITY_H = 84  # height of the tallest bar, in viewBox units (the SVG is stretched sideways)
DENSITY_UNITS = ("day", "week", "month", "quarter", "year")


@dataclass(frozen=True)
class Bins:
    unit: str
    starts: tuple[date, ...]  # first day of each bin, then the first day after the last

    def __len__(self) -> int:
        return len(self.starts) - 1

    def index(self, day: date) -> int:
        """The bin a day falls in (clamped to the range)."""
        lo, hi = 0, len(self)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.starts[mid] <= day:
                lo = mid
            else:
                hi = mid
        return lo

    def fraction(self, day: date) -> float:
        """Where a day sits along the strip, 0.0 to 1.0 (bins are equally wide)."""
        i = self.index(day)
        length = (self.starts[i + 1] - self.starts[i]).days
        inside = min(max((day - self.starts[i]).days, 0), length) / length
        return (i + inside) / len(self)


def _unit_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "quarter":
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if unit == "year":
        return date(day.year, 1, 1)
    return day


def _unit_next(day: date, unit: str) -> date:
    if unit == "day":
        return day + timedelta(days=1)
    if unit == "week":
        return day + timedelta(days=7)
    if unit == "month":
        return _next_month(day)
    if unit == "quarter":
        return _next_month(_next_month(_next_month(day)))
    return date(day.year + 1, 1, 1)


def make_bins(first: date, last: date, max_bins: int = DENSITY_BINS) -> Bins:
    """Calendar bins covering first..last: the finest unit that fits in max_bins."""
    for unit in DENSITY_UNITS:
        starts = [_unit_start(first, unit)]
        while starts[-1] <= last and len(starts) <= max_bins + 1:
            starts.append(_unit_next(starts[-1], unit))
        if len(starts) - 1 <= max_bins or unit == "year":
            return Bins(unit, tuple(starts))
    raise AssertionError("unreachable")


def story_bins(events: list[Event], as_of: date | None, max_bins: int = DENSITY_BINS) -> Bins:
    """Bins over the days events start on, and the as-of day."""
    days = [e.date.first_day() for e in events]
    if as_of is not None:
        days.append(as_of)
    return make_bins(min(days), max(days), max_bins)


def density(
    events: list[Event], positions: list[int], bins: Bins, as_of: date | None, upcoming: set[str]
) -> dict:
    """Geometry of a density strip: one bar per bin, split into past and scheduled.

    `positions` are the events' places in the whole timeline; each bar carries the range
    of positions it counts (events are in date order), so a script can count any subset.
    """
    n = len(bins)
    past, ahead = [0] * n, [0] * n
    first_pos: list[int | None] = [None] * n
    last_pos = [0] * n
    for event, pos in zip(events, positions, strict=True):
        i = bins.index(event.date.first_day())
        (ahead if event.id in upcoming else past)[i] += 1
        if first_pos[i] is None:
            first_pos[i] = pos
        last_pos[i] = pos + 1
    top = max((p + a for p, a in zip(past, ahead, strict=True)), default=0) or 1
    step = WIDTH / n
    bars = []
    for i in range(n):
        count = past[i] + ahead[i]
        h_past = round(past[i] / top * DENSITY_H, 1)
        h_ahead = round(ahead[i] / top * DENSITY_H, 1)
        bars.append(
            {
                "x": round(i * step, 2),
                "w": round(max(step * 0.82, 0.5), 2),
                "count": count,
                "start": bins.starts[i],
                "y_past": round(DENSITY_H - h_past, 1),
                "h_past": h_past,
                "y_ahead": round(DENSITY_H - h_past - h_ahead, 1),
                "h_ahead": h_ahead,
                "from": first_pos[i] if first_pos[i] is not None else 0,
                "to": last_pos[i] if first_pos[i] is not None else 0,
            }
        )
    as_of_pct = None
    if as_of is not None and bins.starts[0] <= as_of < bins.starts[-1]:
        as_of_pct = round(bins.fraction(as_of + timedelta(days=1)) * 100, 2)
    return {
        "width": WIDTH,
        "height": DENSITY_H,
        "unit": bins.unit,
        "top": top,
        "bars": bars,
        "as_of": {"pct": as_of_pct, "x": round(as_of_pct * WIDTH / 100, 2)}
        if as_of_pct is not None
        else None,
        "labels": _density_labels(bins),
    }


def _density_labels(bins: Bins) -> list[dict]:
    """Axis labels under a density strip: years on long strips, months on short ones,
    days on a strip of days. Each has a `key` ('2025', '2025-03') to link it to a page."""
    first, end = bins.starts[0], bins.starts[-1]
    span = (end - first).days
    labels = []
    if bins.unit == "day" and span <= 21:
        day = first
        while day < end:
            labels.append({"text": f"{day.day} {calendar.month_abbr[day.month]}", "day": day})
            day += timedelta(days=1)
    elif span > 540:
        for year in range(first.year, end.year + 1):
            day = max(date(year, 1, 1), first)
            if day < end:
                labels.append({"text": str(year), "day": day, "key": f"{year:04d}"})
    else:
        day = first.replace(day=1)
        while day < end:
            text = calendar.month_abbr[day.month]
            if day.month == 1 or not labels:
                text += f" {day.year}"
            labels.append(
                {"text": text, "day": max(day, first), "key": f"{day.year:04d}-{day.month:02d}"}
            )
            day = _next_month(day)
    for label in labels:
        label["pct"] = round(bins.fraction(label.pop("day")) * 100, 2)
        label.setdefault("key", "")
    # A first label that only marks the sliver before the next period gives way to it;
    # one starting in the last sliver of the strip would run off its edge.
    if len(labels) > 1 and labels[1]["pct"] - labels[0]["pct"] < 6:
        labels.pop(0)
    labels = [label for label in labels if label["pct"] <= 94 or len(labels) == 1]
    for i, label in enumerate(labels):  # every other one is left out on a narrow screen
        label["minor"] = len(labels) > 6 and i % 2 == 1
    return labels


def binned_activity(events: list[Event], bins: Bins, width: float) -> list[dict]:
    """A small bar chart of some events (an actor's, a place's) on shared bins: its size
    depends on the number of bins, not on the number of events."""
    counts = [0] * len(bins)
    for event in events:
        counts[bins.index(event.date.first_day())] += 1
    top = max(counts, default=0) or 1
    step = width / len(bins)
    ticks = []
    for i, count in enumerate(counts):
        if count:
            h = round(max(count / top * 12, 1.5), 1)
            ticks.append(
                {
                    "x": round(i * step, 1),
                    "w": round(max(step - 0.6, 0.8), 1),
                    "y": round(13 - h, 1),
                    "h": h,
                    "period": False,
                    "upcoming": False,
                }
            )
    return ticks
