"""The demonstration assessment: a fictitious lab, partly answered, that a newcomer or a
consultant in training can open, explore and delete. Built from the content, so that it always
fits the questionnaire in use: every kind of answer, a few comments and justified « Non
applicable », some questions left open, and nothing that could pass for a real lab.
"""

from __future__ import annotations

import zlib
from datetime import date

from wizard.core.model import Answer, Assessment, Organisation, Participant, Question
from wizard.core.questionnaire import Questionnaire
from wizard.i18n import _

# One question in twenty is left without an answer, the others spread over the five answers.
SPREAD = (("yes", 45), ("partial", 22), ("no", 13), ("unknown", 8), ("na", 7), (None, 5))


def demo_name() -> str:
    return _("Laboratoire de démonstration")


def _choice(question: Question) -> str | None:
    if not question.scored:
        return "yes"  # a gate opens: the questions behind it show
    roll = zlib.crc32(question.id.encode("utf-8")) % 100
    for value, share in SPREAD:
        if roll < share:
            return "yes" if value == "na" and not question.na_allowed else value
        roll -= share
    return None


def demo_assessment(questionnaire: Questionnaire, profile: str, today: date | None = None) -> Assessment:
    """The demonstration of `profile` (the questionnaire's view of that profile)."""
    assessor = "Camille Exemple"
    people = [Participant(assessor, _("Biologiste responsable")),
              Participant("Dominique Exemple", _("Responsable informatique")),
              Participant("Alix Exemple", _("Délégué à la protection des données"))]
    answers: dict[str, Answer] = {}
    for i, question in enumerate(questionnaire.questions):
        value = _choice(question)
        if value is None:
            continue
        answer = Answer(value, by=people[i % len(people)].name)
        if value == "na":
            answer.justification = _("Données fictives : une justification de « Non applicable » dit ici "
                                     "pourquoi la question ne concerne pas le laboratoire.")
        elif value == "partial" and i % 3 == 0:
            answer.note = _("Fait pour le logiciel du laboratoire, pas encore pour le prestataire de sauvegarde.")
        elif value == "unknown":
            answer.note = _("À vérifier auprès du responsable informatique.")
        elif value == "yes" and i % 5 == 0:
            answer.evidence = _("Exemple de preuve : contrat du 12 mars 2024, classeur « Prestataires ».")
        answers[question.id] = answer
    return Assessment(
        profile=profile,
        organisation=Organisation(demo_name(), "", _("Données fictives, pour découvrir Vigie : "
                                                     "supprimez cette évaluation quand vous le voulez.")),
        date=today or date.today(), assessor=assessor, participants=people, answers=answers)
