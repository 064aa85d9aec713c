"""The progress chart's geometry: ratings across the last four weeks as AVG path data.

The document draws three paths inside a 320 × 160 viewport (``apl/progress.json``):
the grid (one line per rating, five at the top), the line through every evening
with a rating, and a dot on each of those evenings. Computing the paths here
keeps the drawing pure and testable, and the document small.
"""

from __future__ import annotations

from collections.abc import Sequence

WIDTH, HEIGHT = 320, 160
LEFT, RIGHT, TOP, BOTTOM = 24, 8, 16, 16
LOWEST, HIGHEST = 1, 5
DOT_RADIUS = 4
#: Path data that draws nothing (a move alone), for a chart with no ratings yet.
NOTHING = "M0,0"


def _n(value: float) -> str:
    """A coordinate, short: one decimal at most."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def x_of(index: int, count: int) -> float:
    """Where evening ``index`` of ``count`` sits across the chart (0: the oldest)."""
    span = WIDTH - LEFT - RIGHT
    return LEFT + (index * span / (count - 1) if count > 1 else span)


def y_of(rating: float) -> float:
    """Where a rating sits up the chart (five at the top)."""
    return TOP + (HIGHEST - rating) * (HEIGHT - TOP - BOTTOM) / (HIGHEST - LOWEST)


def grid_path() -> str:
    """One horizontal line per rating."""
    return " ".join(
        f"M{LEFT},{_n(y_of(r))} H{WIDTH - RIGHT}" for r in range(HIGHEST, LOWEST - 1, -1)
    )


def _points(ratings: Sequence[float | None]) -> list[tuple[float, float]]:
    count = len(ratings)
    return [(x_of(i, count), y_of(r)) for i, r in enumerate(ratings) if r is not None]


def line_path(ratings: Sequence[float | None]) -> str:
    """A line through every evening that has a rating (gaps are bridged); NOTHING for fewer
    than two."""
    points = _points(ratings)
    if len(points) < 2:
        return NOTHING
    first, *rest = points
    return f"M{_n(first[0])},{_n(first[1])} " + " ".join(f"L{_n(x)},{_n(y)}" for x, y in rest)


def dots_path(ratings: Sequence[float | None]) -> str:
    """A small filled circle on every evening that has a rating (two arcs each)."""
    r = DOT_RADIUS
    dots = [
        f"M{_n(x - r)},{_n(y)} a{r},{r} 0 1,0 {2 * r},0 a{r},{r} 0 1,0 {-2 * r},0"
        for x, y in _points(ratings)
    ]
    return " ".join(dots) or NOTHING
