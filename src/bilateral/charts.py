"""Inline SVG charts drawn on the server: bars per year, and one indicator's values over time.

Every label that came from a document is escaped here, because the result is marked safe for
the templates. Colours are presentation attributes rather than ``style=``, so the pages' content
security policy (no inline styles) leaves the charts intact.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

_W, _H = 640, 200
_PAD_L, _PAD_R, _PAD_T, _PAD_B = 56, 12, 14, 34
_INK = "#24323f"
_MUTED = "#6b7785"
_BAR = "#3c6e91"
_FLAG = "#b3261e"


@dataclass(frozen=True, slots=True)
class Point:
    """One value on a line chart: where it sits, what it reads, where its source is."""

    label: str  # x-axis label (the period)
    value: float
    title: str  # tooltip: value, unit, period, source
    href: str | None = None  # link to the document at the evidence offsets
    flagged: bool = False  # conflicts with another value for the same period


def _a(value: object) -> str:
    return escape(str(value), quote=True)


def compact(value: float) -> str:
    """12_500_000_000 -> 12.5B: tick and bar labels stay short."""
    n = abs(value)
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if n >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def human(value: float) -> str:
    """26_000_000_000 -> "26 billion"; small numbers with thousands separators."""
    n = abs(value)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if n >= size:
            return f"{value / size:.4g} {word}"
    return f"{value:,.6g}" if n < 1e6 and value != int(value) else f"{int(value):,}"


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exp = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exp:
            return step * exp
    return 10 * exp


def _frame(title: str, body: list[str], ymax: float) -> Markup:
    plot_h = _H - _PAD_T - _PAD_B
    parts = [
        f'<svg class="chart" viewBox="0 0 {_W} {_H}" width="100%" role="img" '
        f'aria-label="{_a(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{_a(title)}</title>",
    ]
    for i in range(5):
        v = ymax * i / 4
        y = _PAD_T + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{_PAD_L}" x2="{_W - _PAD_R}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#dde3e8" stroke-width="1"/>'
            f'<text x="{_PAD_L - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{_MUTED}">{_a(compact(v))}</text>'
        )
    parts.extend(body)
    parts.append("</svg>")
    return Markup("".join(parts))


def bars(data: Sequence[tuple[str, float]], title: str) -> Markup:
    """Vertical bars, one per label (years), the count written above each bar."""
    if not data:
        return Markup('<p class="empty">No dated items.</p>')
    ymax = _nice_max(max(v for _, v in data))
    if all(float(v).is_integer() for _, v in data):
        ymax = 4 * math.ceil(ymax / 4)  # counts: whole-number ticks
    plot_w = _W - _PAD_L - _PAD_R
    plot_h = _H - _PAD_T - _PAD_B
    slot = plot_w / len(data)
    width = max(2.0, min(48.0, slot * 0.7))
    every = max(1, math.ceil(len(data) / 16))  # at most 16 x labels
    body = []
    for i, (label, value) in enumerate(data):
        h = plot_h * value / ymax
        x = _PAD_L + slot * i + (slot - width) / 2
        y = _PAD_T + plot_h - h
        body.append(
            f'<g class="bar"><rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h:.1f}" '
            f'fill="{_BAR}"><title>{_a(label)}: {_a(compact(value))}</title></rect>'
        )
        if slot >= 18 and value:
            body.append(
                f'<text x="{x + width / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" '
                f'font-size="11" fill="{_INK}">{_a(compact(value))}</text>'
            )
        if i % every == 0:
            body.append(
                f'<text x="{x + width / 2:.1f}" y="{_H - _PAD_B + 16}" text-anchor="middle" '
                f'font-size="11" fill="{_MUTED}">{_a(label)}</text>'
            )
        body.append("</g>")
    return _frame(title, body, ymax)


def line(points: Sequence[Point], title: str) -> Markup:
    """Values in period order joined by a line; each dot links to its source, conflicts in red.

    Several values for one period (the conflicts) share that period's x position.
    """
    if not points:
        return Markup('<p class="empty">No values.</p>')
    labels = list(dict.fromkeys(p.label for p in points))
    ymax = _nice_max(max(max(p.value for p in points), 0.0))
    plot_w = _W - _PAD_L - _PAD_R
    plot_h = _H - _PAD_T - _PAD_B
    slot = plot_w / len(labels)
    xs = {label: _PAD_L + slot * (i + 0.5) for i, label in enumerate(labels)}

    def y_of(v: float) -> float:
        return _PAD_T + plot_h - plot_h * max(v, 0.0) / ymax

    body = []
    # The line follows the mean of each period, so conflicting values don't zigzag it.
    means = []
    for label in labels:
        vals = [p.value for p in points if p.label == label]
        means.append(f"{xs[label]:.1f},{y_of(sum(vals) / len(vals)):.1f}")
    if len(means) > 1:
        body.append(
            f'<polyline points="{" ".join(means)}" fill="none" stroke="{_BAR}" stroke-width="2"/>'
        )
    every = max(1, math.ceil(len(labels) / 10))
    for i, label in enumerate(labels):
        if i % every == 0:
            body.append(
                f'<text x="{xs[label]:.1f}" y="{_H - _PAD_B + 16}" text-anchor="middle" '
                f'font-size="11" fill="{_MUTED}">{_a(label)}</text>'
            )
    # Values sharing a period sit side by side, so two close conflicting values stay apart.
    size = Counter(p.label for p in points)
    seen: Counter[str] = Counter()
    for p in points:
        colour = _FLAG if p.flagged else _BAR
        x = xs[p.label] + (seen[p.label] - (size[p.label] - 1) / 2) * min(14.0, slot / 4)
        seen[p.label] += 1
        dot = (
            f'<circle cx="{x:.1f}" cy="{y_of(p.value):.1f}" r="{6 if p.flagged else 5}" '
            f'fill="{colour}" stroke="#fff" stroke-width="1.5"><title>{_a(p.title)}</title></circle>'
        )
        cls = "point flagged" if p.flagged else "point"
        if p.href:
            body.append(f'<a class="{cls}" href="{_a(p.href)}">{dot}</a>')
        else:
            body.append(f'<g class="{cls}">{dot}</g>')
    return _frame(title, body, ymax)
