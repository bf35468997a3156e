"""No user-visible text in the UI escapes translation: every literal set on a widget goes through _()."""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "wizard" / "ui"
SETTERS = {"setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "setAccessibleName",
           "setAccessibleDescription", "setStatusTip", "setWhatsThis", "setTitle", "addTab", "setTabText",
           "addAction", "addMenu", "setLabelText", "setInformativeText", "setHeaderLabels", "setSuffix",
           "setPrefix", "showMessage", "setSpecialValueText", "critical", "warning", "information",
           "question", "addItem", "setHtml", "setMarkdown"}
WIDGETS = {"QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QToolButton",
           "QCommandLinkButton", "QMenu"}


MESSAGE_BOXES = {"critical", "warning", "information", "question"}  # (parent, title, text, ...)
TEXT_KEYWORDS = {"text", "placeholderText", "toolTip", "windowTitle", "title", "statusTip", "accessibleName"}
PRODUCT_NAME = "Vigie"  # the name is the same in every language


def has_words(value: object) -> bool:
    if not isinstance(value, str) or value.strip() == PRODUCT_NAME:
        return False
    return any(c.isalpha() for c in re.sub(r"<[^>]*>", "", value))


def _literal(arg: ast.AST) -> str | None:
    if isinstance(arg, ast.Constant):
        return arg.value if isinstance(arg.value, str) else None
    if isinstance(arg, ast.JoinedStr):
        return "".join(v.value for v in arg.values if isinstance(v, ast.Constant))
    return None


def offending_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name not in SETTERS and name not in WIDGETS:
            continue
        # addItem(text, data): only the text is shown; message boxes take (parent, title, text).
        shown = node.args[1:3] if name in MESSAGE_BOXES else node.args[:1]
        shown = list(shown) + [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
        for arg in shown:
            literal = _literal(arg)
            if has_words(literal) and not _is_technical(literal):
                yield node.lineno, name, literal


def _is_technical(text: str) -> bool:
    """Shortcut names, file filters and object names are not sentences for users."""
    return (text.startswith(("Ctrl+", "F", "Alt+", "Shift+", "*.")) and " " not in text.strip()) or text.isupper()


def test_ui_sets_no_untranslated_literal():
    problems = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, name, literal in offending_calls(tree):
            problems.append(f"{path.relative_to(UI.parent.parent)}:{line}: {name}({literal!r})")
    assert problems == []
