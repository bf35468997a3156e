"""Reference for the page-switch benchmark: a section page's widgets with no application code.

For each question, the widgets a question card shows or keeps ready — number and state, the
question in bold, five checkable answer buttons under the same style sheet, a justification
field, a comment box, an evidence field, a help button, a help text in rich text (hidden) — in
a scroll area, built with PySide6 alone. Vigie's first visit of a section beside this, in the
same rounds, shows what its own code adds to Qt's cost, whatever the load of the machine.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

ANSWERS = ("Oui", "Partiellement", "Non", "Je ne sais pas", "Non applicable")
SHEET = ("QPushButton { border: 1px solid palette(dark); border-radius: 4px; padding: 0.7em 0.3em;"
         " background: palette(button); }"
         "QPushButton:checked { background: palette(highlight); color: palette(highlighted-text); }"
         "QPushButton:focus { border: 3px solid palette(highlight); }")


def _card(number: int, text: str, help_html: str) -> QFrame:
    card = QFrame()
    card.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(card)
    top = QHBoxLayout()
    top.addWidget(QLabel(f"Question {number}"), 1)
    top.addWidget(QLabel())
    layout.addLayout(top)
    question = QLabel(text)
    question.setWordWrap(True)
    font = question.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.2)
    question.setFont(font)
    layout.addWidget(question)
    choices = QWidget()
    row = QHBoxLayout(choices)
    row.setContentsMargins(0, 0, 0, 0)
    group = QButtonGroup(choices)
    for n, label in enumerate(ANSWERS, start=1):
        button = QPushButton(f"{n}  {label}")
        button.setCheckable(True)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        group.addButton(button, n)
        row.addWidget(button)
    choices.setStyleSheet(SHEET)
    layout.addWidget(choices)
    justification = QHBoxLayout()
    justification.addWidget(QLabel("Justification :"))
    justification.addWidget(QLineEdit(), 1)
    layout.addLayout(justification)
    note = QPlainTextEdit()
    note.setPlaceholderText("Commentaire (facultatif)")
    layout.addWidget(note)
    bottom = QHBoxLayout()
    bottom.addWidget(QLineEdit(), 1)
    help_button = QPushButton("Aide (F1)")
    help_button.setCheckable(True)
    bottom.addWidget(help_button)
    layout.addLayout(bottom)
    help_label = QLabel(help_html)
    help_label.setWordWrap(True)
    help_label.setTextFormat(Qt.TextFormat.RichText)
    help_label.setVisible(False)
    help_button.toggled.connect(help_label.setVisible)
    layout.addWidget(help_label)
    return card


def section_page(title: str, questions: list[tuple[str, str]]) -> QScrollArea:
    """questions: (text, help in rich text) of each question of the section."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    body = QWidget()
    layout = QVBoxLayout(body)
    heading = QLabel(title)
    heading.setWordWrap(True)
    layout.addWidget(heading)
    for number, (text, help_html) in enumerate(questions, start=1):
        layout.addWidget(_card(number, text, help_html))
    layout.addStretch(1)
    area.setWidget(body)
    return area
