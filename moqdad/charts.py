"""The site's one chart engine: geometry for server-rendered inline SVG, drawn by
templates/_chart.html.

Positions are worked out along the reading direction (distance from the inline start) and
mirrored for right-to-left pages, so a Persian chart starts at the right like its text. The
SVG has no script and no style attribute (the Content-Security-Policy forbids both): shapes
carry classes that site.css colours. A page pairs every chart with a table of its figures,
for screen readers and for print.

    {% include "_chart.html" with chart=stats.roles chart_id="roles" %}
"""

import dataclasses

# The drawing is as wide as a phone's column of text, so that its 14-unit labels render at
# 12 px or more on a 360 px screen; site.css keeps it near this width on a desktop.
WIDTH = 360
LABEL_WIDTH = 124
VALUE_WIDTH = 52
ROW_HEIGHT = 32
BAR_HEIGHT = 20
PADDING = 8
LABEL_CHARS = 16
# A column's label wraps onto a second line past this many characters.
COLUMN_LINE_CHARS = 10


# A printed chart (WeasyPrint) is coloured by presentation attributes, not the page's stylesheet:
# the print palette (static/followup/publication.css), for `{% include "_chart.html" with for_print=True %}`.
PRINT_FILLS = {1: "#1b6b5a", 2: "#c9a227", 3: "#7a4b00", 4: "#8aa8a0"}


@dataclasses.dataclass(frozen=True)
class Segment:
    label: str
    value: int
    series: int
    x: float
    y: float
    width: float
    height: float

    @property
    def print_fill(self) -> str:
        return PRINT_FILLS.get(self.series, PRINT_FILLS[1])


@dataclasses.dataclass(frozen=True)
class Row:
    label: str
    short_label: str
    total: int
    label_x: float
    label_y: float
    value_x: float
    value_y: float
    segments: list[Segment]
    values: list[int]


@dataclasses.dataclass(frozen=True)
class BarChart:
    title: str
    width: int
    height: int
    rows: list[Row]
    legend: list[tuple[int, str]]
    series_labels: list[str]
    direction: str
    stacked: bool
    # Fewer rows drawn than given: the page's table lists them all.
    shortened: bool = False
    kind = "bar"


@dataclasses.dataclass(frozen=True)
class Column:
    label: str
    value: int
    series: int
    x: float
    y: float
    width: float
    height: float
    center_x: float
    value_y: float
    label_y: float
    label_lines: list[str]

    @property
    def print_fill(self) -> str:
        return PRINT_FILLS.get(self.series, PRINT_FILLS[1])


@dataclasses.dataclass(frozen=True)
class ColumnChart:
    title: str
    width: int
    height: int
    columns: list[Column]
    baseline_y: float
    direction: str
    kind = "column"


def _shorten(text: str) -> str:
    text = str(text)
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def label_lines(text: str, max_chars: int = COLUMN_LINE_CHARS) -> list[str]:
    """A label in at most two lines, broken at the space nearest its middle (SVG text does
    not wrap by itself); the floor plan's hall names use it too."""
    text = str(text)
    if len(text) <= max_chars or " " not in text:
        return [text]
    spaces = [i for i, char in enumerate(text) if char == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return [text[:cut], text[cut + 1 :]]


def _place(logical_x: float, width: float, rtl: bool) -> float:
    """The physical x of a box that starts `logical_x` from the inline start."""
    return round(WIDTH - logical_x - width, 2) if rtl else round(logical_x, 2)


def _point(logical_x: float, rtl: bool) -> float:
    return round(WIDTH - logical_x, 2) if rtl else round(logical_x, 2)


def bar_chart(
    *,
    title: str,
    rows: list[tuple[str, list[int]]],
    series_labels: list[str],
    rtl: bool,
    stacked: bool = True,
    limit: int | None = None,
) -> BarChart:
    """Horizontal bars, one row per label (the first `limit` rows); several values per row
    are stacked or grouped."""
    shortened = limit is not None and len(rows) > limit
    rows = rows[:limit]
    series_count = max(len(series_labels), 1)
    if stacked:
        longest = max((sum(values) for _, values in rows), default=0)
    else:
        longest = max((max(values, default=0) for _, values in rows), default=0)
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH - 2 * PADDING) / longest if longest else 0
    bar_start = LABEL_WIDTH + PADDING
    row_height = ROW_HEIGHT if stacked else max(ROW_HEIGHT, series_count * 12 + 8)
    laid_out = []
    for index, (label, values) in enumerate(rows):
        top = PADDING + index * row_height
        segments = []
        offset = 0.0
        for series, value in enumerate(values):
            length = value * scale
            if stacked:
                y, height, start = top + (row_height - BAR_HEIGHT) / 2, BAR_HEIGHT, offset
                offset += length
            else:
                height = (row_height - 8) / series_count
                y, start = top + 4 + series * height, 0.0
                offset = max(offset, length)
            if value:
                segments.append(
                    Segment(
                        label=series_labels[series] if series < len(series_labels) else "",
                        value=value,
                        series=series + 1,
                        x=_place(bar_start + start, length, rtl),
                        y=round(y, 2),
                        width=round(max(length, 1), 2),
                        height=round(height, 2),
                    )
                )
        middle = round(top + row_height / 2 + 5, 2)
        laid_out.append(
            Row(
                label=str(label),
                short_label=_shorten(label),
                total=sum(values),
                label_x=_point(PADDING, rtl),
                label_y=middle,
                value_x=_point(bar_start + offset + 6, rtl),
                value_y=middle,
                segments=segments,
                values=list(values),
            )
        )
    return BarChart(
        title=title,
        width=WIDTH,
        height=int(2 * PADDING + max(len(rows), 1) * row_height),
        rows=laid_out,
        legend=[(n + 1, str(label)) for n, label in enumerate(series_labels)],
        series_labels=[str(label) for label in series_labels],
        direction="rtl" if rtl else "ltr",
        stacked=stacked,
        shortened=shortened,
    )


def column_chart(*, title: str, columns: list[tuple[str, int, int]], rtl: bool) -> ColumnChart:
    """Vertical columns; each is (label, value, series number)."""
    height = 260
    top, bottom = 28, 56
    usable = height - top - bottom
    longest = max((value for _, value, _ in columns), default=0)
    slot = (WIDTH - 2 * PADDING) / max(len(columns), 1)
    column_width = min(slot * 0.6, 90)
    laid_out = []
    for index, (label, value, series) in enumerate(columns):
        column_height = usable * value / longest if longest else 0
        logical_center = PADDING + slot * index + slot / 2
        y = top + usable - column_height
        laid_out.append(
            Column(
                label=str(label),
                value=value,
                series=series,
                x=_place(logical_center - column_width / 2, column_width, rtl),
                y=round(y, 2),
                width=round(column_width, 2),
                height=round(max(column_height, 1), 2),
                center_x=_point(logical_center, rtl),
                value_y=round(y - 8, 2),
                label_y=height - bottom + 20,
                label_lines=label_lines(label),
            )
        )
    return ColumnChart(
        title=title,
        width=WIDTH,
        height=height,
        columns=laid_out,
        baseline_y=top + usable,
        direction="rtl" if rtl else "ltr",
    )
