"""What an answer may be: « Non applicable » is earned, not chosen by default.

« Non applicable » is possible only where the content says when it applies (the question's
help.na), and always with a justification. The screens, the command line and answers files
refuse it elsewhere; an answer stored before this rule keeps its value (the scores count it as
« Je ne sais pas ») and can still receive its comment or its justification.
"""

from __future__ import annotations

from wizard.core.model import ANSWER_LABELS, Answer, Question
from wizard.i18n import _
from wizard.typography import french


class AnswerRefused(ValueError):
    """The answer breaks a rule of the content; the message names the question and the rule."""


def counted_label(value: str) -> str:
    """An answer's label as a gap shows it: a « Non applicable » among the gaps is one the rules
    refused, and it says how it counts (PDF, results page and `vigie plan` alike)."""
    label = _(ANSWER_LABELS[value]) if value in ANSWER_LABELS else value
    return _("{answer}, compté « Je ne sais pas »").format(answer=label) if value == "na" else label


def na_refusal(question: Question, justification: str) -> str | None:
    """Why « Non applicable » with this justification is refused here, or None when it is fine."""
    if not question.na_allowed:
        return french(_("« Non applicable » n’est pas possible pour la question {id} : elle s’applique à "
                        "toute organisation de ce profil")).format(id=question.id)
    if not justification.strip():
        return french(_("« Non applicable » demande une justification pour la question {id} : expliquez "
                        "pourquoi elle ne s’applique pas")).format(id=question.id)
    return None


def check_not_applicable(question: Question, value: str, justification: str, previous: Answer | None) -> None:
    """Raise AnswerRefused when the new answer breaks a rule.

    justification is the one the answer will carry. An earlier « Non applicable » that predates
    the rule may keep its value while only its texts change (previous.value == "na")."""
    if value != "na":
        return
    if previous is not None and previous.value == "na" and previous.justification == justification:
        return  # an old answer whose comment or evidence changes: left as it was stored
    reason = na_refusal(question, justification)
    if reason is not None:
        raise AnswerRefused(reason)
