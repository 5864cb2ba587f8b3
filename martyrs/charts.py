"""Server-side SVG bar charts: geometry computed here, drawn by templates/martyrs/_chart.html.

No script and no style attribute (the Content-Security-Policy forbids both): bars are plain
SVG shapes with presentation attributes, coloured by classes from static/martyrs/martyrs.css.
Every chart is paired with a table of the same figures for screen readers and printing.
"""

from dataclasses import dataclass

from martyrs.selectors import Figures

WIDTH = 640
LABEL_WIDTH = 190
VALUE_WIDTH = 60
ROW_HEIGHT = 30
BAR_HEIGHT = 20
PADDING = 6


@dataclass
class Bar:
    label: str
    value: int
    url: str
    bar_x: float
    bar_width: float
    y: float
    text_y: float
    label_x: float
    value_x: float


@dataclass
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    rtl: bool
    shortened: bool = False

    @property
    def text_anchor(self) -> str:
        """Labels and values start at the edge nearest their bar in reading order."""
        return "start"

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"


def bar_chart(figures: Figures, *, rtl: bool, limit: int | None = None) -> BarChart:
    """Horizontal bars, one per figure (the first `limit`), growing from the reading side."""
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 2 * PADDING
    maximum = figures.maximum or 1
    bars = []
    for index, row in enumerate(figures.rows[:limit]):
        y = PADDING + index * ROW_HEIGHT
        width = max(plot_width * row.value / maximum, 1.0) if row.value else 0.0
        if rtl:
            label_x = WIDTH - PADDING
            bar_end = WIDTH - PADDING - LABEL_WIDTH
            bar_x = bar_end - width
            value_x = bar_x - 6
        else:
            label_x = PADDING
            bar_x = PADDING + LABEL_WIDTH
            value_x = bar_x + width + 6
        bars.append(
            Bar(
                label=row.label,
                value=row.value,
                url=row.url,
                bar_x=round(bar_x, 1),
                bar_width=round(width, 1),
                y=y + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                text_y=y + ROW_HEIGHT / 2 + 5,
                label_x=label_x,
                value_x=round(value_x, 1),
            )
        )
    height = 2 * PADDING + max(len(bars), 1) * ROW_HEIGHT
    return BarChart(
        width=WIDTH, height=height, bars=bars, rtl=rtl, shortened=len(bars) < len(figures.rows)
    )
