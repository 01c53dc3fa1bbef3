"""Geometry of the figure chart (values per source on one axis), drawn as SVG by the template."""

from __future__ import annotations

from dataclasses import dataclass

from app.schemas import ClaimOut
from app.services.labels import shorten

WIDTH, LEFT, ROW = 640, 250, 26


@dataclass(frozen=True)
class ChartRow:
    y: int
    label: str
    x: float  # the reported value
    bar_from: float | None  # the range the qualifier allows, when there is one
    bar_to: float | None
    open_right: bool  # "at least", "more than": the true value may lie beyond the axis
    claim: ClaimOut


def figure_chart(figures: list[ClaimOut]) -> tuple[list[ChartRow], list[tuple[float, str]], int]:
    """Rows (one per figure), axis ticks, and the chart height."""
    values = [v for f in figures for v in (f.value, f.value_high) if v is not None]
    if not values:
        return [], [], 0
    top = max(values) * 1.25 or 1
    scale = (WIDTH - LEFT - 20) / top

    def x(v: float) -> float:
        return round(LEFT + v * scale, 1)

    rows = []
    for i, f in enumerate(sorted(figures, key=lambda f: (f.published or "", f.outlet or "", f.value or 0))):
        value = f.value or 0
        low, high, open_right = None, None, False
        if f.value_high is not None:
            low, high = x(value), x(f.value_high)
        elif f.qualifier in ("at_least", "more_than"):
            low, high, open_right = x(value), x(top), True
        elif f.qualifier in ("at_most", "less_than"):
            low, high = x(0), x(value)
        elif f.qualifier == "about":
            low, high = x(value * 0.9), x(value * 1.1)
        # name, date, population: each shortened so the row fits left of the axis (about 45 characters)
        label = " · ".join(x for x in (shorten(f.source or f.outlet or "source", 22), f.published or "no date",
                                       shorten(f.population, 14) if f.population else "") if x)
        rows.append(ChartRow(y=20 + i * ROW, label=label, x=x(value), bar_from=low, bar_to=high, open_right=open_right, claim=f))
    step = _nice_step(top)
    ticks = [(x(t), f"{t:g}") for t in _frange(0, top, step)]
    return rows, ticks, 40 + len(rows) * ROW


def _nice_step(top: float) -> float:
    raw = top / 5
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    return max(1, round(raw / magnitude) * magnitude)


def _frange(start: float, stop: float, step: float) -> list[float]:
    out, v = [], start
    while v <= stop:
        out.append(v)
        v += step
    return out
