"""What the laboratory learns from a processor's response: its indices, its critical gaps, its urgent
actions, and which of the laboratory's own answers it calls to revisit.

Suggestions only: the laboratory's answers are never changed here. A processor's gap (« Non »,
« Partiellement », « Je ne sais pas ») on a question relations.yaml links to one of the
laboratory's calls its « Oui » there into question (« contradicted »); the processor's « Oui » to
every linked question may let the laboratory settle a « Je ne sais pas » (« supported »).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wizard.core.evaluation import Evaluation
from wizard.core.model import GAP_VALUES, Assessment
from wizard.core.processors import DueAction, Finding, ReceivedAssessment
from wizard.core.questionnaire import Questionnaire
from wizard.core.scoring import effective_value


def received_from(evaluation: Evaluation, *, request_id: str, received: date, vendor: str, signer: str,
                  fingerprint: str, content_version: str, protected: bool, new_signer: bool) -> ReceivedAssessment:
    """What the register keeps of a checked response: indices per axis, critical gaps, P1 actions."""
    assessment = evaluation.assessment
    return ReceivedAssessment(
        request_id=request_id, received=received.isoformat(), assessment_date=assessment.date.isoformat(),
        vendor=vendor, signer=signer, fingerprint=fingerprint, content_version=content_version,
        overall=evaluation.scores.overall, axes=dict(evaluation.scores.axes),
        critical_gaps=tuple(Finding(q.id, a.value, q.axis) for q, a in evaluation.critical_gaps),
        p1_actions=tuple(DueAction(a.id, a.title, a.due.isoformat()) for a in evaluation.plan if a.priority == "P1"),
        answered=evaluation.progress.answered, visible=evaluation.progress.total,
        protected=protected, new_signer=new_signer)


@dataclass(frozen=True)
class Suggestion:
    question: str  # the laboratory's question to revisit
    kind: str  # "contradicted" (the laboratory said « Oui », the processor has a gap) | "supported"
    current: str | None  # the laboratory's answer now (None: no answer)
    vendor_answers: tuple[tuple[str, str | None], ...]  # (processor's question, its answer)


def suggestions(lab_view: Questionnaire, lab: Assessment, vendor_view: Questionnaire,
                vendor: Assessment) -> list[Suggestion]:
    """The laboratory's answers the response calls to revisit, in questionnaire order, each once."""
    relations = lab_view.relations
    if relations is None:
        return []
    from wizard.core.flow import hidden_questions

    vendor_hidden = hidden_questions(vendor_view, vendor.answers)
    lab_hidden = hidden_questions(lab_view, lab.answers)
    vendor_questions = {q.id: q for q in vendor_view.questions}
    lab_questions = {q.id: q for q in lab_view.questions}
    found: dict[str, Suggestion] = {}
    for rule in relations.revisit:
        shown = [vendor_questions[q] for q in rule.when if q in vendor_questions and q not in vendor_hidden]
        values = tuple((q.id, effective_value(q, vendor.answers.get(q.id))) for q in shown)
        if not values:
            continue
        gap = any(v in GAP_VALUES for _q, v in values)
        all_yes = all(v == "yes" for _q, v in values)
        for qid in rule.revisit:
            question = lab_questions.get(qid)
            if question is None or qid in lab_hidden or qid in found:
                continue
            current = effective_value(question, lab.answers.get(qid))
            if gap and current == "yes":
                found[qid] = Suggestion(qid, "contradicted", current, values)
            elif all_yes and current == "unknown":
                found[qid] = Suggestion(qid, "supported", current, values)
    order = {q.id: i for i, q in enumerate(lab_view.questions)}
    return sorted(found.values(), key=lambda s: order[s.question])
