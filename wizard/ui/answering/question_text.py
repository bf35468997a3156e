"""Questionnaire content made ready for display: right language, French typography, HTML."""

from __future__ import annotations

from wizard.core.flow import Hidden
from wizard.core.model import ANSWER_LABELS, Question, Text
from wizard.i18n import _, current_language
from wizard.typography import for_language
from wizard.ui.widgets.text import escape


def shown(text: Text | None) -> str:
    """A content text in the current language, with French typography when French."""
    if text is None:
        return ""
    lang = current_language()
    return for_language(text.get(lang), lang)


def ui(text: str) -> str:
    """An interface string: French typography too (translations keep plain spaces)."""
    return for_language(text, current_language())


def refs_text(question: Question) -> str:
    # GDPR paragraphs ("28.3.a") read "art. 28.3.a"; other sources (CNIL guide, HDS) as written.
    return ", ".join(_("art. {ref}").format(ref=r) if r[:1].isdigit() else r for r in question.refs)


def help_html(question: Question) -> str:
    """Why it matters, what a good answer looks like, the evidence expected, the references."""
    parts = []
    for title, text in ((_("Pourquoi c’est important"), question.help.why),
                        (_("À quoi ressemble une bonne réponse"), question.help.good),
                        (_("Preuves attendues"), question.help.evidence),
                        (_("Quand répondre « Non applicable »"), question.help.na)):
        if text is not None:
            parts.append(f"<p><b>{escape(ui(title))}</b><br>{escape(shown(text))}</p>")
    title = ui(_("Références"))  # outside the f-string: Babel extracts it only there
    parts.append(f"<p><b>{escape(title)}</b><br>{escape(refs_text(question))}</p>")
    return "".join(parts)


def hidden_reason(hidden: Hidden, questions: dict[str, Question], answer_value: str | None) -> str:
    """Why skip logic hid a question, in words: the author's reason, or the answer that hid it."""
    if hidden.because.reason is not None:
        return shown(hidden.because.reason)
    controlling = questions.get(hidden.because.question)
    if controlling is None:
        return ""
    if answer_value is None:
        return ui(_("la question « {question} » est elle-même masquée")).format(
            question=shown(controlling.text))
    return ui(_("réponse « {answer} » à « {question} »")).format(
        answer=_(ANSWER_LABELS[answer_value]), question=shown(controlling.text))
