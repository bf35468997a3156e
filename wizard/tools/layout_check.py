"""What a screen hides from its user at a given size: a main button outside the window (or
scrolled out of view), a label or a button whose text is cut, a pane that must be scrolled
sideways. Used by `make screenshots` (it prints what it finds) and by the tests, which fail on it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QWidget,
)

NARROWEST_TEXT_COLUMN = 12  # characters: a stretched column of text narrower than this is unreadable


def _name(widget: QWidget) -> str:
    text = widget.accessibleName() or (widget.text() if hasattr(widget, "text") else "") or widget.objectName()
    return f"{type(widget).__name__} « {text[:50]} »"


def _in_scrolled_content(widget: QWidget, top: QWidget) -> bool:
    """Inside the content of a scroll area (below top): it may lie out of view, the user scrolls."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and parent is parent.parentWidget().viewport():
            return True
        parent = parent.parentWidget()
    return False


def _combo_option(combo: QComboBox) -> QStyleOptionComboBox:
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.editable = combo.isEditable()
    option.currentText = combo.currentText()
    return option


def outside(top: QWidget, buttons: list[QWidget]) -> list[str]:
    """The main buttons not wholly visible in the window `top`."""
    found = []
    window = QRect(0, 0, top.width(), top.height())
    for button in buttons:
        if not button.isVisibleTo(top):
            found.append(f"{_name(button)} : absent")
            continue
        where = QRect(button.mapTo(top, button.rect().topLeft()), button.size())
        if not window.contains(where):
            found.append(f"{_name(button)} : hors de la fenêtre ({where} dans {window})")
        elif button.visibleRegion().boundingRect() != button.rect():
            found.append(f"{_name(button)} : en partie caché ({button.visibleRegion().boundingRect()})")
    return found


def clipped(top: QWidget) -> list[str]:
    """Labels and buttons whose text does not fit the room they were given, and panes that must
    be scrolled sideways."""
    found = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.width() <= 0:
            continue
        if isinstance(widget, QScrollArea):
            bar = widget.horizontalScrollBar()
            if bar.isVisibleTo(top) and bar.maximum() > 0:
                found.append(f"{_name(widget)} : à faire défiler de côté ({bar.maximum()} px)")
            continue
        if isinstance(widget, QComboBox) and not widget.isEditable() and widget.currentText():
            room = widget.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, _combo_option(widget),
                                                 QStyle.SubControl.SC_ComboBoxEditField, widget).width()
            if widget.fontMetrics().horizontalAdvance(widget.currentText()) > room + 2 \
                    and widget.minimumContentsLength() == 0:
                found.append(f"{_name(widget)} : choix coupé ({room} px pour "
                             f"{widget.fontMetrics().horizontalAdvance(widget.currentText())})")
            continue
        if isinstance(widget, QTableView):
            bar = widget.horizontalScrollBar()
            if bar.isVisibleTo(top) and bar.maximum() > 0:
                found.append(f"{_name(widget)} : à faire défiler de côté ({bar.maximum()} px)")
            header = widget.horizontalHeader()
            least = NARROWEST_TEXT_COLUMN * widget.fontMetrics().averageCharWidth()
            for column in range(header.count()):
                if header.isSectionHidden(column) or header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
                    continue
                if header.sectionSize(column) < least:
                    found.append(f"{_name(widget)} : colonne {column} trop étroite ({header.sectionSize(column)} px)")
            continue
        if _in_scrolled_content(widget, top) and not isinstance(widget, (QLabel, QAbstractButton)):
            continue
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + 2:
                    found.append(f"{_name(widget)} : texte coupé ({widget.height()} px pour {needed})")
            elif widget.sizeHint().width() > widget.width() + 2:
                found.append(f"{_name(widget)} : texte coupé ({widget.width()} px pour {widget.sizeHint().width()})")
        elif isinstance(widget, QAbstractButton) and widget.text():
            hint = widget.minimumSizeHint()
            if hint.width() > widget.width() + 2 or hint.height() > widget.height() + 2:
                found.append(f"{_name(widget)} : libellé coupé ({widget.width()}×{widget.height()} px pour "
                             f"{hint.width()}×{hint.height()})")
    return found


def too_large(top: QWidget) -> list[str]:
    """A window whose content needs more room than it has (its right or bottom edge is cut)."""
    needed = top.minimumSizeHint()
    if needed.width() > top.width() or needed.height() > top.height():
        return [f"{_name(top)} : le contenu demande {needed.width()}×{needed.height()} px, "
                f"la fenêtre a {top.width()}×{top.height()}"]
    return []


def problems(top: QWidget, buttons: list[QWidget]) -> list[str]:
    return too_large(top) + outside(top, buttons) + clipped(top)
