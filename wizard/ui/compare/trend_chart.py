"""The trend per axis over an organisation's assessments: one line per axis, painted with QPainter.

Each line has its own colour and its own dash pattern, and a point mark at each assessment, so
that nothing is told by colour alone; the accessible description repeats every value.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from wizard.i18n import _, format_day
from wizard.ui.widgets.text import fr

LINES: tuple[tuple[str, Qt.PenStyle], ...] = (
    ("#1f4e79", Qt.PenStyle.SolidLine), ("#b3261e", Qt.PenStyle.DashLine), ("#a15c00", Qt.PenStyle.DotLine),
    ("#1b6e3a", Qt.PenStyle.DashDotLine), ("#5b6673", Qt.PenStyle.DashDotDotLine),
)


class TrendChart(QWidget):
    """set_points(dates, series): dates oldest first; series: (label, one value or None per date)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dates: list = []
        self._series: list[tuple[str, list[int | None]]] = []
        self.setAccessibleName(_("Tendance par article"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(360)

    def set_points(self, dates: list, series: list[tuple[str, list[int | None]]]) -> None:
        self._dates, self._series = list(dates), [(label, list(values)) for label, values in series]
        lines = [fr(_("{label} : {values}").format(label=label, values=", ".join(
            f"{format_day(d)} {'—' if v is None else v}" for d, v in zip(self._dates, values, strict=False))))
            for label, values in self._series]
        self.setAccessibleDescription(" ; ".join(lines))
        self.setToolTip("\n".join(lines))
        self.updateGeometry()
        self.update()

    def series(self) -> list[tuple[str, list[int | None]]]:
        return [(label, list(values)) for label, values in self._series]

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        fm = QFontMetrics(self.font())
        return QSize(560, 200 + fm.height() * (2 + len(self._series)))

    def paintEvent(self, event) -> None:  # noqa: N802, ANN001
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        palette = self.palette()
        ink, mid = palette.color(palette.ColorRole.WindowText), palette.color(palette.ColorRole.Mid)
        half = max((fm.horizontalAdvance(format_day(d)) for d in self._dates), default=0) / 2 + 4
        left, top = max(fm.horizontalAdvance("100") + 10, half), fm.height() // 2
        width, height = max(60, self.width() - left - half), 180
        for mark in (0, 25, 50, 75, 100):
            y = top + height * (1 - mark / 100)
            painter.setPen(QPen(mid, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(left, y), QPointF(left + width, y))
            painter.setPen(ink)
            painter.drawText(QRectF(0, y - fm.height() / 2, left - 6, fm.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(mark))
        count = len(self._dates)

        def x_of(i: int) -> float:
            return left + (width * i / (count - 1) if count > 1 else width / 2)

        for i, day in enumerate(self._dates):
            text = format_day(day)
            painter.drawText(QPointF(x_of(i) - fm.horizontalAdvance(text) / 2, top + height + fm.ascent() + 4), text)
        for n, (label, values) in enumerate(self._series):
            colour, style = LINES[n % len(LINES)]
            pen = QPen(QColor(colour), 2, style)
            points = [QPointF(x_of(i), top + height * (1 - v / 100)) if v is not None else None
                      for i, v in enumerate(values)]
            painter.setPen(pen)
            for a, b in zip(points, points[1:], strict=False):
                if a is not None and b is not None:
                    painter.drawLine(a, b)
            painter.setPen(QPen(QColor(colour), 2))
            for p in points:
                if p is not None:
                    painter.drawEllipse(p, 3, 3)
            legend_y = top + height + fm.height() * (2 + n) + 4
            painter.setPen(pen)
            painter.drawLine(QPointF(left, legend_y - fm.ascent() / 3), QPointF(left + 30, legend_y - fm.ascent() / 3))
            painter.setPen(ink)
            painter.drawText(QPointF(left + 38, legend_y), label)
        painter.end()
