"""Pseudo-translation: every interface string made 40 % longer must still fit on the main screens.

Translations are often longer than French (German-like lengths are a good stress): labels and
buttons must grow or wrap, never be clipped.
"""

from __future__ import annotations

import math
import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from wizard import i18n
from wizard.core.model import Organisation

_KEEP = re.compile(r"(\{[^{}]*\}|<[^>]*>|&[a-z]+;)")


def stretch(text: str) -> str:
    """Each word 40 % longer (accented filler), placeholders, tags and entities untouched."""
    def longer(word: re.Match[str]) -> str:
        w = word.group(0)
        return w + "ë" * math.ceil(0.4 * len(w))
    parts = _KEEP.split(text)
    return "".join(p if _KEEP.fullmatch(p) else re.sub(r"[^\W\d_]{2,}", longer, p) for p in parts)


class Pseudo:
    def gettext(self, message: str) -> str:
        return stretch(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return stretch(singular if n == 1 else plural)


def test_stretch_keeps_placeholders_and_grows_by_forty_percent():
    assert stretch("Bonjour {name}") == "Bonjourëëë {name}"
    text = "Résultats et plan d’action"
    letters = sum(c.isalpha() for c in text)
    assert sum(c.isalpha() for c in stretch(text)) >= 1.4 * letters


def clipped(root: QWidget) -> list[str]:
    problems = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root) or w.width() <= 0:
            continue
        if isinstance(w, QLabel) and w.text() and not w.pixmap():
            if w.wordWrap():
                need = w.heightForWidth(w.width())
                if need > w.height() + 2:
                    problems.append(f"label wraps to {need}px in {w.height()}px: {w.text()[:60]!r}")
            elif w.sizeHint().width() > w.width() + 2:
                problems.append(f"label needs {w.sizeHint().width()}px, has {w.width()}px: {w.text()[:60]!r}")
        elif isinstance(w, QAbstractButton) and w.text():
            if w.sizeHint().width() > w.width() + 2:
                problems.append(f"button needs {w.sizeHint().width()}px, has {w.width()}px: {w.text()[:60]!r}")
    return problems


@pytest.fixture
def pseudo(monkeypatch):
    monkeypatch.setattr(i18n, "_translation", Pseudo())


def settle(qtbot, window) -> None:
    window.resize(1280, 800)
    qtbot.wait(50)


def test_main_screens_fit_longer_translations(pseudo, open_window, qtbot, data_dir):
    from wizard.storage import Store

    store = Store(data_dir)
    window = open_window()
    settle(qtbot, window)
    problems = {"home (empty)": clipped(window)}

    created = store.create("lab", Organisation("Laboratoire des Tilleuls"), assessor="Zoé Martin")
    window.show_home()
    settle(qtbot, window)
    problems["home"] = clipped(window)

    window.open_assessment(created.id)
    settle(qtbot, window)
    problems["answering"] = clipped(window)

    window.show_results()
    settle(qtbot, window)
    problems["results"] = clipped(window)

    assert {screen: p for screen, p in problems.items() if p} == {}


def test_clipping_is_detected(qtbot):
    """The check itself sees a button too narrow for its text and a label cut in height."""
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    button = QPushButton("Exporter le plan d’action signé")
    button.setFixedWidth(40)
    label = QLabel("Une phrase assez longue pour devoir passer à la ligne plusieurs fois de suite.")
    label.setWordWrap(True)
    label.setFixedSize(120, 16)
    layout.addWidget(button)
    layout.addWidget(label)
    root.show()
    qtbot.waitExposed(root)
    found = clipped(root)
    assert len(found) == 2 and found[0].startswith("button") and found[1].startswith("label wraps")
