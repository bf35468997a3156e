"""Commands on the questionnaire: its questions, and the plan of an answers file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from wizard.cli.common import CliError, Context, print_json
from wizard.cli.output import one_line
from wizard.core.action_plan import PlannedAction
from wizard.core.answer_rules import counted_label
from wizard.core.answers_file import AnswersFileError, read_answers_file
from wizard.core.checks import one_of
from wizard.core.disclosures import (
    coverage_lines,
    held_down_keys,
    incomplete_meaning,
    incomplete_title,
    index_text,
)
from wizard.core.evaluation import Evaluation, evaluate
from wizard.core.model import ANSWER_LABELS, PRIORITY_LABELS, Assessment, Question
from wizard.core.questionnaire import ContentError, Questionnaire
from wizard.i18n import _, format_index


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("questions", help=_("le questionnaire d'un profil"))
    p.add_argument("--profile", default="", help=_("profil (par défaut : le premier du référentiel)"))
    p.add_argument("--json", action="store_true", help=_("sortie JSON"))
    p.set_defaults(handler=cmd_questions)

    p = sub.add_parser("plan", help=_("indices de maturité et plan d'action d'un fichier de réponses"))
    p.add_argument("answers", type=Path, help=_("fichier de réponses (JSON)"))
    p.add_argument("--json", action="store_true", help=_("sortie JSON"))
    p.set_defaults(handler=cmd_plan)


def questionnaire(ctx: Context) -> Questionnaire:
    try:
        return ctx.registry.default
    except ContentError as exc:
        raise CliError(f"questionnaire invalide : {exc}") from None


def profile_view(ctx: Context, profile: str) -> Questionnaire:
    """The questionnaire of one profile ("" the framework's first); exit 2 naming the profiles there are."""
    full = questionnaire(ctx)
    profiles = full.framework.profile_ids
    if not profile:
        profile = profiles[0]
    if profile not in profiles:
        raise CliError(_("profil inconnu « {profile} » : {choices} attendu").format(profile=profile,
                                                                                   choices=one_of(profiles)))
    return full.for_profile(profile)


def load_answers(path: Path, ctx: Context) -> tuple[Questionnaire, Assessment]:
    """The assessment of an answers file and the questionnaire of its profile."""
    full = questionnaire(ctx)
    try:
        assessment = read_answers_file(path, full)
    except AnswersFileError as exc:
        raise CliError(str(exc)) from None
    return full.for_profile(assessment.profile), assessment


def question_json(q: Question, lang: str) -> dict[str, Any]:
    help_ = {k: t.get(lang) for k, t in vars(q.help).items() if t is not None}
    return {
        "id": q.id, "section": q.section, "article": q.axis, "text": q.text.get(lang),
        "help": help_, "references": list(q.refs), "weight": q.weight, "scored": q.scored,
        "critical": q.critical, "na_allowed": q.na_allowed,
        # The answers this question takes: « Non applicable » only where the content says when.
        "options": [{"value": v, "label": _(label)} for v, label in ANSWER_LABELS.items()
                    if v != "na" or q.na_allowed],
        "depends_on": [{"question": c.question, "in": list(c.values)} for c in q.depends_on],
    }


def cmd_questions(args: argparse.Namespace, ctx: Context) -> int:
    view = profile_view(ctx, args.profile)
    if args.json:
        print_json({
            "profile": args.profile or view.framework.profile_ids[0],
            "sections": [
                {"id": s.id, "article": s.axis, "title": s.title.get(ctx.lang),
                 "questions": [question_json(q, ctx.lang) for q in s.questions]}
                for s in view.sections
            ],
        })
        return 0
    for s in view.sections:
        print(f"\n== {s.title.get(ctx.lang)} ({view.framework.axis(s.axis).label.get(ctx.lang)})")
        for q in s.questions:
            print(f"  [{q.id}] {q.text.get(ctx.lang)}")
    return 0


def action_json(a: PlannedAction, view: Questionnaire, lang: str) -> dict[str, Any]:
    return {
        "id": a.id, "title": a.title.get(lang), "description": a.description.get(lang),
        "priority": a.priority, "references": list(a.refs), "owner_role": a.owner,
        "owner": view.framework.owner_label(a.owner, lang), "due": a.due.isoformat(), "status": a.status,
        "question_ids": list(a.question_ids), "custom": a.custom,
        "priority_reason": a.priority_reason,
        # The catalogue's title when the organisation reworded it ("title" then holds its wording).
        "catalogue_title": a.catalogue_title.get(lang) if a.catalogue_title is not None else None,
    }


def evaluation_json(evaluation: Evaluation, view: Questionnaire, lang: str) -> dict[str, Any]:
    """The JSON of `vigie plan`: the scores and actions of the first release, then what the plan
    must never hide (coverage, critical gaps, contradictions, « Non applicable » counted, indices
    held down by a critical gap)."""
    return {
        "scores": evaluation.scores.as_dict(),
        "actions": [action_json(a, view, lang) for a in evaluation.plan],
        "coverage": {"answered": evaluation.progress.answered, "visible": evaluation.progress.total},
        "critical_gaps": [{"question": q.id, "answer": a.value, "article": q.axis}
                          for q, a in evaluation.critical_gaps],
        "contradictions": [{"id": c.contradiction.id, "text": c.contradiction.text.get(lang),
                            "questions": list(c.question_ids)} for c in evaluation.contradictions],
        "not_applicable": {"counted": len(evaluation.not_applicable),
                           "counted_as_unknown": [q.id for q in evaluation.refused_na]},
        "held_down": held_down_keys(evaluation.scores),
    }


def cmd_plan(args: argparse.Namespace, ctx: Context) -> int:
    view, assessment = load_answers(args.answers, ctx)
    evaluation = evaluate(view, assessment)
    if args.json:
        print_json(evaluation_json(evaluation, view, ctx.lang))
        return 0
    scores, plan, framework = evaluation.scores, evaluation.plan, view.framework

    def shown(key: str, value: int | None) -> str:
        return index_text(scores, key, "—" if value is None else format_index(value))

    out = sys.stdout
    if evaluation.unanswered:
        out.write(incomplete_title(evaluation) + "\n" + incomplete_meaning(evaluation) + "\n\n")
    out.write(_("Indice de maturité global : {score}").format(score=shown("overall", scores.overall)) + "\n")
    for axis, value in scores.axes.items():
        out.write("  " + _("{axis} : {score}").format(axis=framework.axis(axis).label.get(ctx.lang),
                                                       score=shown(axis, value)) + "\n")
    for line in coverage_lines(evaluation):
        out.write(line + "\n")
    if evaluation.critical_gaps:
        out.write("\n" + _("Points critiques à traiter d’abord ({count})").format(
            count=len(evaluation.critical_gaps)) + "\n")
        for q, a in evaluation.critical_gaps:
            out.write(f"  [{q.id}] {one_line(q.text.get(ctx.lang))} — {counted_label(a.value)} "
                      f"({framework.axis(q.axis).label.get(ctx.lang)})\n")
    if evaluation.contradictions:
        out.write("\n" + _("Incohérences à lever ({count})").format(count=len(evaluation.contradictions)) + "\n")
        for c in evaluation.contradictions:
            out.write(f"  {one_line(c.contradiction.text.get(ctx.lang))} [{', '.join(c.question_ids)}]\n")
    out.write("\n" + _("Plan d'action ({count})").format(count=len(plan)) + "\n")
    for a in plan:
        out.write(f"  {_(PRIORITY_LABELS[a.priority])}  {a.due.isoformat()}  {one_line(a.title.get(ctx.lang))}"
                  f"  [{one_line(framework.owner_label(a.owner, ctx.lang))}]\n")
    return 0
