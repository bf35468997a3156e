"""What every output of an evaluation states in the same words: how much was answered, how the
« Non applicable » answers were counted, and which indices a critical gap holds down.

The signed PDF and the command line both print these lines, so that they can never say two
different things. Plain text, French source, before typography (each output applies its own).
"""

from __future__ import annotations

from wizard.core.evaluation import Evaluation
from wizard.core.scoring import Scores
from wizard.i18n import _, ngettext


def incomplete_title(evaluation: Evaluation) -> str:
    """« Évaluation incomplète : N questions sans réponse », or "" when every visible question
    has an answer."""
    missing = len(evaluation.unanswered)
    if not missing:
        return ""
    return ngettext("Évaluation incomplète : {n} question sans réponse",
                    "Évaluation incomplète : {n} questions sans réponse", missing).format(n=missing)


def incomplete_meaning(evaluation: Evaluation) -> str:
    """What the unanswered questions mean for the indices and the plan."""
    return ngettext(
        "Une question sans réponse compte comme non démontrée : elle ne rapporte aucun point, aucun indice "
        "ne dépasse la part des questions répondues, et elle n’appelle encore aucune action. Les indices de "
        "maturité sont donc provisoires.",
        "Les questions sans réponse comptent comme non démontrées : elles ne rapportent aucun point, aucun "
        "indice ne dépasse la part des questions répondues, et elles n’appellent encore aucune action. Les "
        "indices de maturité sont donc provisoires.", len(evaluation.unanswered))


def coverage_lines(evaluation: Evaluation) -> list[str]:
    """Answered over visible questions, and how the « Non applicable » answers were counted."""
    return [
        _("Questions répondues : {answered} sur {visible} (hors questions sans objet d’après les réponses)").format(
            answered=evaluation.progress.answered, visible=evaluation.progress.total),
        _("« Non applicable » justifiés, écartés du calcul : {n}").format(n=len(evaluation.not_applicable)),
        _("« Non applicable » sans justification ou là où il n’est pas possible, comptés comme « Je ne sais "
          "pas » : {n}").format(n=len(evaluation.refused_na)),
    ]


def held_down_keys(scores: Scores) -> list[str]:
    """The indices a critical gap holds down: "overall", then axis ids, then section ids, each in
    the framework's order."""
    return [k for k in ("overall", *scores.axes, *scores.sections) if k in scores.held_down]


def index_text(scores: Scores, key: str, shown: str) -> str:
    """An index as printed (shown: « 45 / 100 » or « — »), marked in words when a critical gap holds it
    down, never by colour alone."""
    return _("{value} (plafonné)").format(value=shown) if key in scores.held_down else shown
