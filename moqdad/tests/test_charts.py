"""The one chart engine: bars and columns mirrored for right-to-left pages."""

from moqdad import charts


def test_bar_chart_runs_from_the_right_in_persian():
    chart = charts.bar_chart(
        title="t", rows=[("الف", [10]), ("ب", [5])], series_labels=["s"], rtl=True
    )

    first, second = (row.segments[0] for row in chart.rows)
    assert first.x + first.width == second.x + second.width
    assert second.width == first.width / 2
    assert chart.rows[0].label_x > first.x


def test_bar_chart_runs_from_the_left_in_english():
    chart = charts.bar_chart(
        title="t", rows=[("a", [10]), ("b", [5])], series_labels=["s"], rtl=False
    )

    first, second = (row.segments[0] for row in chart.rows)
    assert first.x == second.x
    assert chart.rows[0].label_x < first.x


def test_column_chart_heights_follow_the_values():
    chart = charts.column_chart(
        title="t", columns=[("a", 15, 1), ("b", 60, 1), ("c", 116, 1)], rtl=True
    )

    heights = [column.height for column in chart.columns]
    assert heights[2] > heights[1] > heights[0]
    assert chart.columns[0].x > chart.columns[2].x


def test_bar_chart_with_a_limit_draws_the_first_rows_and_says_so():
    rows = [(f"محله {n}", [n]) for n in range(17, 0, -1)]

    chart = charts.bar_chart(title="t", rows=rows, series_labels=["s"], rtl=True, limit=15)

    assert ([row.label for row in chart.rows], chart.shortened) == (
        [label for label, _ in rows[:15]],
        True,
    )


def test_bar_chart_within_its_limit_is_not_shortened():
    chart = charts.bar_chart(title="t", rows=[("a", [1])], series_labels=["s"], rtl=True, limit=15)

    assert (len(chart.rows), chart.shortened) == (1, False)


def test_column_chart_breaks_a_long_label_into_two_lines():
    chart = charts.column_chart(
        title="t", columns=[("مرحله ۳ (۱۴۰۱)", 116, 1), ("منتخب", 55, 2)], rtl=True
    )

    assert [column.label_lines for column in chart.columns] == [["مرحله ۳", "(۱۴۰۱)"], ["منتخب"]]


def test_charts_are_drawn_as_wide_as_a_phone_column():
    bars = charts.bar_chart(title="t", rows=[("الف", [1])], series_labels=["n"], rtl=True)
    columns = charts.column_chart(title="t", columns=[("الف", 1, 1)], rtl=True)

    assert (bars.width, columns.width) == (360, 360)
