"""Bar charts drawn on the server as SVG: no script, no library from elsewhere.

The table beside each chart carries the same figures for screen readers and export.
"""

from dataclasses import dataclass

WIDTH, HEIGHT = 720, 240
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 40, 28, 12


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    series: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    labels: list[tuple[float, str]]  # x of each group's label, label
    ticks: list[tuple[float, int]]  # y of each gridline, value
    baseline: float


def bar_chart(*, groups: list[tuple[str, list[int]]]) -> Chart:
    """Grouped bars: ``groups`` is [(label, [value of each series]), ...]."""
    top = max((max(values) for _label, values in groups if values), default=0) or 1
    step = _nice_step(top)
    top = step * -(-top // step)
    plot_height = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    baseline = HEIGHT - MARGIN_BOTTOM
    group_width = (WIDTH - MARGIN_LEFT) / max(len(groups), 1)
    bars, labels = [], []
    for index, (label, values) in enumerate(groups):
        left = MARGIN_LEFT + index * group_width
        bar_width = group_width * 0.8 / max(len(values), 1)
        for series, value in enumerate(values):
            height = plot_height * value / top
            x = left + group_width * 0.1 + series * bar_width
            bars.append(
                Bar(
                    round(x, 1),
                    round(baseline - height, 1),
                    round(bar_width, 1),
                    round(height, 1),
                    value,
                    series,
                )
            )
        labels.append((round(left + group_width / 2, 1), label))
    ticks = [
        (round(baseline - plot_height * value / top, 1), value) for value in range(0, top + 1, step)
    ]
    return Chart(WIDTH, HEIGHT, bars, labels, ticks, baseline)


def _nice_step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 5:
            return step
    return 10000
