"""What the results must say before any chart: what is not answered, what is critical, what does
not add up. Plain functions over the core's evaluation, no Qt, so the page and its tests agree.
"""

from __future__ import annotations

from wizard.core.answer_rules import counted_label
from wizard.core.evaluation import Evaluation
from wizard.i18n import _, ngettext
from wizard.ui.results.labels import content, typo


def coverage_text(evaluation: Evaluation) -> str:
    """« 20 questions répondues sur 65 », and what that means for the indices."""
    progress = evaluation.progress
    text = ngettext("{n} question répondue sur {total}", "{n} questions répondues sur {total}",
                    progress.answered).format(n=progress.answered, total=progress.total)
    missing = len(evaluation.unanswered)
    if missing:
        text += " " + ngettext(
            "— évaluation incomplète : {n} question sans réponse compte comme non démontrée, les indices "
            "sont provisoires.",
            "— évaluation incomplète : {n} questions sans réponse comptent comme non démontrées, les "
            "indices sont provisoires.", missing).format(n=missing)
    return typo(text)


def critical_lines(evaluation: Evaluation) -> list[str]:
    """One line per critical gap: the question and its answer."""
    return [typo(_("{question} — « {answer} »").format(question=content(q.text), answer=counted_label(a.value)))
            for q, a in evaluation.critical_gaps]


def contradiction_lines(evaluation: Evaluation) -> list[str]:
    return [content(found.contradiction.text) for found in evaluation.contradictions]


def na_text(evaluation: Evaluation) -> str:
    """How many « Non applicable » count as such, and how many count as « Je ne sais pas »."""
    parts = []
    if evaluation.not_applicable:
        n = len(evaluation.not_applicable)
        parts.append(ngettext("{n} réponse « Non applicable », justifiée, est écartée du calcul.",
                              "{n} réponses « Non applicable », justifiées, sont écartées du calcul.", n).format(n=n))
    if evaluation.refused_na:
        n = len(evaluation.refused_na)
        parts.append(ngettext(
            "{n} réponse « Non applicable » sans justification, ou là où elle n’est pas possible, compte "
            "comme « Je ne sais pas ».",
            "{n} réponses « Non applicable » sans justification, ou là où elles ne sont pas possibles, "
            "comptent comme « Je ne sais pas ».", n).format(n=n))
    return typo(" ".join(parts))
