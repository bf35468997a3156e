"""A horizontal bar chart of scores, painted with QPainter.

QtCharts lives in the large PySide6-Addons wheel, which the build does not ship, and a few
bars do not need it. Each bar prints its value beside it and carries a hatch pattern by
band, so nothing is told by colour alone; the accessible description repeats every value.
A score of 0 shows a red stub at the start of its bar; « non évalué » (no index) a grey,
dotted bar and the words in italics: the two never look alike. A legend under the scale
names the bands.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from wizard.i18n import _
from wizard.ui.results.labels import score_text, typo

# Bands: below 50 is weak, below 80 is partial, otherwise good. Colours pass WCAG contrast
# against white for the text printed beside them, and each band has its own pattern.
BANDS: tuple[tuple[int, str, Qt.BrushStyle], ...] = (
    (50, "#b3261e", Qt.BrushStyle.BDiagPattern),
    (80, "#a15c00", Qt.BrushStyle.Dense4Pattern),
    (101, "#1b6e3a", Qt.BrushStyle.SolidPattern),
)


NOT_ASSESSED = (QColor("#8a9099"), Qt.BrushStyle.Dense6Pattern)


def legend() -> list[tuple[str, QColor, Qt.BrushStyle]]:
    return [(_("moins de 50"), QColor(BANDS[0][1]), BANDS[0][2]), (_("50 à 79"), QColor(BANDS[1][1]), BANDS[1][2]),
            (_("80 et plus"), QColor(BANDS[2][1]), BANDS[2][2]), (_("non évalué"), *NOT_ASSESSED)]


def band_of(score: int) -> tuple[QColor, Qt.BrushStyle]:
    for limit, colour, pattern in BANDS:
        if score < limit:
            return QColor(colour), pattern
    return QColor(BANDS[-1][1]), BANDS[-1][2]


class ScoreChart(QWidget):
    """Rows of "label  [bar]  value", the scale 0–100 under them."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._items: list[tuple[str, int | None]] = []
        self._capped: frozenset[str] = frozenset()
        self._unanswered: frozenset[str] = frozenset()
        self.label_width = 0  # at least this wide, so that several charts can line their bars up
        self.setAccessibleName(title)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable by Tab, so a screen reader reads it
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(360)

    def set_items(self, items: list[tuple[str, int | None]], capped: frozenset[str] = frozenset(),
                  unanswered: frozenset[str] = frozenset()) -> None:
        """capped: the labels of the indices a critical gap holds down, said « plafonné » in words;
        unanswered: those with not one answer behind their 0, said « aucune réponse » as in the PDF."""
        self._items = list(items)
        self._capped = capped
        self._unanswered = unanswered
        description = "; ".join(f"{label} : {self.value_text(label, score)}" for label, score in self._items)
        self.setAccessibleDescription(typo(description))
        self.setToolTip(typo("\n".join(f"{label} : {self.value_text(label, score)}" for label, score in self._items)))
        self.updateGeometry()
        self.update()

    def value_text(self, label: str, score: int | None) -> str:
        text = score_text(score)
        if label in self._capped:
            text = typo(_("{value} (plafonné)").format(value=text))
        if label in self._unanswered:
            text = typo(_("{value} (aucune réponse)").format(value=text))
        return text

    def items(self) -> list[tuple[str, int | None]]:
        return list(self._items)

    def longest_label(self) -> int:
        fm = QFontMetrics(self.font())
        return max((fm.horizontalAdvance(label) for label, _s in self._items), default=0)

    # -- geometry ----------------------------------------------------------------------
    def _row_height(self) -> int:
        return QFontMetrics(self.font()).height() + 12

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        fm = QFontMetrics(self.font())
        return QSize(560, self._row_height() * max(1, len(self._items)) + 2 * fm.height() + 28)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(360, self.sizeHint().height())

    def paintEvent(self, event) -> None:  # noqa: N802, ANN001
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        fm = QFontMetrics(self.font())
        text_colour = palette.color(palette.ColorRole.WindowText)
        row_h = self._row_height()
        width = self.width()
        value_w = max([fm.horizontalAdvance(score_text(100)), fm.horizontalAdvance(_("non évalué"))]
                      + [fm.horizontalAdvance(self.value_text(label, s)) for label, s in self._items]) + 12
        label_w = min(max(self.label_width, self.longest_label() + 24), int(width * 0.45))
        bar_x = label_w
        bar_w = max(40, width - label_w - value_w - 8)

        # Scale lines at 0, 50, 80 and 100, labelled under the bars.
        scale_y = row_h * len(self._items)
        painter.setPen(QPen(palette.color(palette.ColorRole.Mid), 1, Qt.PenStyle.DashLine))
        for mark in (0, 50, 80, 100):
            x = bar_x + bar_w * mark / 100
            painter.drawLine(int(x), 0, int(x), scale_y)
            painter.setPen(text_colour)
            text = str(mark)
            painter.drawText(int(x - fm.horizontalAdvance(text) / 2), scale_y + fm.ascent() + 4, text)
            painter.setPen(QPen(palette.color(palette.ColorRole.Mid), 1, Qt.PenStyle.DashLine))

        for row, (label, score) in enumerate(self._items):
            top = row * row_h
            painter.setPen(text_colour)
            elided = fm.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 12)
            painter.drawText(QRectF(0, top, label_w - 8, row_h),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, elided)
            bar_rect = QRectF(bar_x, top + 5, bar_w, row_h - 10)
            painter.setPen(QPen(palette.color(palette.ColorRole.Mid), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(bar_rect)
            font = painter.font()
            if score is None:  # no index: a grey dotted bar, the words in italics
                painter.fillRect(bar_rect, QBrush(NOT_ASSESSED[0], NOT_ASSESSED[1]))
                font.setItalic(True)
            elif score > 0:
                colour, pattern = band_of(score)
                filled = QRectF(bar_rect.x(), bar_rect.y(), bar_w * score / 100, bar_rect.height())
                painter.fillRect(filled, QColor("white"))
                painter.fillRect(filled, QBrush(colour, pattern))
                painter.setPen(QPen(colour, 1.5))
                painter.drawRect(filled)
            else:  # 0: a red stub, so that it is not read as « nothing to show »
                painter.fillRect(QRectF(bar_rect.x(), bar_rect.y(), 4, bar_rect.height()), QColor(BANDS[0][1]))
            painter.setPen(text_colour)
            painter.setFont(font)
            painter.drawText(QRectF(bar_x + bar_w + 8, top, value_w, row_h),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.value_text(label, score))
            font.setItalic(False)
            painter.setFont(font)
        # The legend, the same bands as the report's.
        x, y = bar_x, scale_y + fm.height() + 12
        for label, colour, pattern in legend():
            swatch = QRectF(x, y + 2, 18, fm.height() - 4)
            painter.fillRect(swatch, QColor("white"))
            painter.fillRect(swatch, QBrush(colour, pattern))
            painter.setPen(QPen(colour, 1))
            painter.drawRect(swatch)
            painter.setPen(text_colour)
            painter.drawText(int(x + 24), int(y + fm.ascent()), label)
            x += 24 + fm.horizontalAdvance(label) + 18
        painter.end()
