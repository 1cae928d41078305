"""Density strips (issue 14): counts per calendar bin, so that the picture of a whole
story has the same size at 20 events or 20,000. The unit is the finest of day, week,
month, quarter and year that needs no more than `max_bins` bins. Geometry only, like
timescale.py, whose width it shares.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from site_builder.content.model import Event
from site_builder.render.timescale import WIDTH, next_month

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
        return next_month(day)
    if unit == "quarter":
        return next_month(next_month(next_month(day)))
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


def strip(
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
            day = next_month(day)
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
