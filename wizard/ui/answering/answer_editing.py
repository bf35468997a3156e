"""Answering on the answering page: a choice or a typed text becomes a Session call, undo and
redo are the session's (the whole answer comes back, and the question is brought into view),
a failed save is said at once, and the help shows the answer's history.

A mixin of AnsweringPage: it works on the page's current question card and its Session.
"""

from __future__ import annotations

from datetime import datetime

from wizard.core.model import ANSWER_LABELS, ANSWER_VALUES
from wizard.core.undo import Change, ChangeGroup
from wizard.i18n import _, format_moment, ngettext
from wizard.ui.answering.question_card import QuestionCard
from wizard.ui.answering.question_text import ui
from wizard.ui.widgets import message
from wizard.ui.widgets.text import fr

FIELD_NAMES = {"note": "commentaire", "evidence": "preuve", "justification": "justification"}


def history_line(entry, labels: dict) -> str:  # noqa: ANN001 - a HistoryEntry of the session
    """One change in words: the answer's move (« Oui → Non »), or what else changed with it."""
    old, new = entry.old or {}, entry.new or {}
    what = labels.get(entry.new_value, entry.new_value)
    if entry.old_value != entry.new_value:
        what = ui(_("{old} → {new}")).format(old=labels.get(entry.old_value, entry.old_value), new=what)
    details = [_("commentaire modifié") if old.get("note") != new.get("note") else "",
               _("preuve modifiée") if old.get("evidence") != new.get("evidence") else "",
               _("justification modifiée") if old.get("justification") != new.get("justification") else "",
               (_("marquée « à revoir »") if new.get("review") else _("confirmée"))
               if bool(old.get("review")) != bool(new.get("review")) and entry.old_value == entry.new_value else ""]
    details = [d for d in details if d]
    return ui(what + (" (" + ", ".join(details) + ")" if details and entry.new is not None else ""))


class AnswerEditing:
    """What AnsweringPage does with the answers and texts given on its question cards."""

    auto_advance = False  # move to the next question once an answer is given

    def answer_current(self, number: int) -> None:
        if self.current is not None:
            self._answer_chosen(self.current.question.id, ANSWER_VALUES[number])

    def toggle_help(self) -> None:
        if self.current is not None:
            self.current.toggle_help()

    def _show_history(self, card: QuestionCard) -> None:
        """Each change of the answer, newest last, when the store keeps a history."""
        if not hasattr(self.session, "history"):
            return
        labels = {None: _("sans réponse"), **{k: _(v) for k, v in ANSWER_LABELS.items()}}
        lines = []
        for entry in self.session.history(card.question.id)[-8:]:
            when = format_moment(datetime.fromisoformat(entry.at)) if entry.at else ""
            lines.append(ui(_("{when} — {who} : {change}")).format(
                when=when, who=entry.by or _("(non précisé)"), change=history_line(entry, labels)))
        card.set_history(lines)

    def _answer_chosen(self, qid: str, value: str) -> None:
        if self.read_only():
            return
        view = self.views[self.section_index]
        card = view.cards[qid]
        self._set_current(card)
        existing = self.session.assessment.answers.get(qid)
        if value != "na":
            card.na_pending = False
        if value == "na" and not card.question.na_allowed:
            self.saved.mark_error(fr(_("« Non applicable » n’est pas possible pour cette question.")))
            return
        if value == "na" and not card.na_pending and not (existing and existing.value == "na") \
                and not card.justification.text().strip():
            card.begin_na()  # stored once justified (Enter in the justification field)
            return
        texts = card.take_pending()
        try:
            change = self.session.answer(qid, value, by=self.by(), **texts)
        except Exception as exc:  # refused or not stored: say so, keep what was typed on screen
            card.keep_pending(texts)
            card.choices.set_value(existing.value if existing else None)
            self._show_error(exc)
            return
        self.notice.clear()
        if change is not None and value != "na" and self.auto_advance and card is self.current:
            self.move_question(1)

    def _text_edited(self, qid: str, field: str, text: str) -> None:
        if self.session.assessment.answers.get(qid) is None or self.read_only():
            return
        try:
            # A comment added later changes neither the answer, nor who gave it, nor « à revoir ».
            self.session.edit_text(qid, field, text)
        except Exception as exc:  # refused or not stored: say so, keep the text on screen
            self._show_error(exc)

    def toggle_review(self) -> None:
        """« Revenir plus tard »: mark the current answer « à revoir », or clear the mark."""
        card = self.current
        if card is None or self.read_only():
            return
        answer = self.session.assessment.answers.get(card.question.id)
        if answer is None:
            self.notice.say(fr(_("La question {n} n’a pas de réponse : elle est déjà parmi les questions à "
                                 "reprendre ({key}).")).format(n=self.session.number(card.question.id),
                                                                key=self.key_text("next_open")))
            return
        card.flush()
        try:
            self.session.set_review(card.question.id, not answer.review)
        except Exception as exc:
            self._show_error(exc)

    # -- undo by operation -----------------------------------------------------------------------
    def undo(self) -> Change | None:
        return self._replay(undo=True)

    def redo(self) -> Change | None:
        return self._replay(undo=False)

    def _replay(self, *, undo: bool) -> Change | None:
        if self.session is None or self.read_only():
            return None
        self.flush()  # a text typed but not stored yet is part of what is undone
        try:
            change = self.session.undo() if undo else self.session.redo()
        except Exception as exc:
            self._show_error(exc)
            return None
        if change is None:
            return None
        number = self.session.number(change.question_id)
        self.show_question(change.question_id)
        if isinstance(change, ChangeGroup):  # the answers of one operation (a contract review reported)
            count = len(change.changes)
            if undo:
                self.notice.say(fr(ngettext("Annulé : {operation} ({n} réponse reprise).",
                                            "Annulé : {operation} ({n} réponses reprises).", count)).format(
                    operation=change.name, n=count), _("Rétablir"), self.redo)
            else:
                self.notice.say(fr(ngettext("Rétabli : {operation} ({n} réponse).",
                                            "Rétabli : {operation} ({n} réponses).", count)).format(
                    operation=change.name, n=count), _("Annuler"), self.undo)
            return change
        if undo:
            self.notice.say(fr(_("Réponse à la question {n} annulée.")).format(n=number), _("Rétablir"), self.redo)
        else:
            self.notice.say(fr(_("Réponse à la question {n} rétablie.")).format(n=number), _("Annuler"), self.undo)
        return change

    def _show_error(self, exc: Exception) -> None:
        self.saved.mark_error(str(exc))
        message.warning(self, _("Enregistrement impossible"),
                        fr(_("La modification n’a pas été enregistrée :\n{error}")).format(error=exc))

    def flush(self) -> None:
        """Store any text typed but not saved yet."""
        for view in self.views.values():
            for card in view.cards.values():
                card.flush()
