"""The score chart of the summary: one horizontal bar per article, and the overall score.

The same scale (0, 50, 80, 100: the bands' limits), the same bands and the same legend as the
results screen's chart; a 0 draws a red stub, so that it is not read as « nothing to show »."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from wizard.report.fonts import BOLD, REGULAR
from wizard.report.styles import INK, MUTED, PRIORITY_COLOURS, RULE

BAR_HEIGHT = 7 * mm
SCALE = (0, 50, 80, 100)


def score_colour(value: int | None) -> colors.Color:
    """Red under 50, amber under 80, green from 80: the same bands as the summary text."""
    if value is None:
        return RULE
    if value < 50:
        return PRIORITY_COLOURS["P1"]
    if value < 80:
        return PRIORITY_COLOURS["P2"]
    return PRIORITY_COLOURS["P3"]


def score_chart(rows: list[tuple[str, int | None, str]], width: float) -> Drawing:
    """rows: (label, score or None, printed value) from top to bottom."""
    label_width = 50 * mm
    value_width = 16 * mm
    height = len(rows) * (BAR_HEIGHT + 3 * mm) + 8 * mm
    drawing = Drawing(width, height)
    # Without this the renderer starts from Helvetica, a font that would not be embedded.
    drawing.initialFontName = REGULAR
    drawing.initialFontSize = 8
    chart = HorizontalBarChart()
    chart.x = label_width
    chart.y = 6 * mm
    chart.width = width - label_width - value_width
    chart.height = height - 8 * mm
    # The chart draws its first category at the bottom; rows are given top to bottom.
    ordered = list(reversed(rows))
    chart.data = [[r[1] or 0 for r in ordered]]
    chart.valueAxis.valueMin = 0  # otherwise the smallest bar can vanish
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueSteps = list(SCALE)
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.categoryAxis.categoryNames = [r[0] for r in ordered]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 8.5
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = RULE
    chart.categoryAxis.visibleTicks = False
    chart.barWidth = BAR_HEIGHT
    chart.groupSpacing = 3 * mm
    chart.bars.strokeColor = None
    for index, (_label, value, _text) in enumerate(ordered):
        chart.bars[(0, index)].fillColor = score_colour(value)
    drawing.add(chart)
    step = chart.height / len(ordered)
    for index, (_label, value, text) in enumerate(ordered):
        x = chart.x + chart.width * (value or 0) / 100 + 3
        y = chart.y + step * index + step / 2 - 3
        drawing.add(String(x, y, text, fontName=BOLD if value is not None else REGULAR, fontSize=8.5,
                           fillColor=INK if value is not None else MUTED))
        if value == 0:
            bar_y = chart.y + step * index + (step - BAR_HEIGHT) / 2
            drawing.add(Rect(chart.x, bar_y, 1.2 * mm, BAR_HEIGHT, fillColor=PRIORITY_COLOURS["P1"], strokeColor=None))
    return drawing


def legend(labels: list[str], width: float) -> Drawing:
    """The bands under the chart, labels given in the report's language: below 50, 50 to 79,
    80 and more, not assessed."""
    drawing = Drawing(width, 6 * mm)
    drawing.initialFontName = REGULAR
    x = 50 * mm
    for label, colour in zip(labels, (PRIORITY_COLOURS["P1"], PRIORITY_COLOURS["P2"], PRIORITY_COLOURS["P3"], RULE),
                             strict=True):
        drawing.add(Rect(x, 1.5 * mm, 4 * mm, 3 * mm, fillColor=colour, strokeColor=None))
        drawing.add(String(x + 5.5 * mm, 2 * mm, label, fontName=REGULAR, fontSize=7.5, fillColor=INK))
        x += 6.5 * mm + 1.9 * mm * len(label)
    return drawing
