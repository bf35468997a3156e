"""Commands across assessments: compare two, merge .vigie copies of one.

vigie compare A B [--json]
vigie merge ID FILE.vigie… [--take mine|theirs|newest] [--by NAME] [--json]

merge writes only when every conflict is decided; a conflict left to decide exits with code 3
(and lists it), nothing written. A value of the plan or of the details that a copy holds
differently keeps this assessment's, listed on stderr and counted in the summary. A file
refused (another assessment, another content version, altered, newer format) exits with code
2, nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from wizard.cli.common import CliError, Context, opened_workspace, print_json
from wizard.cli.output import one_line
from wizard.core import limits
from wizard.core.compare import CLOSED_LABELS, Comparison, IndexChange, comparison_dict
from wizard.core.merge import RULES, Conflict
from wizard.i18n import _, current_language, format_index, ngettext
from wizard.typography import for_language

NEEDS_CHOICE = 3


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help=_("comparer deux évaluations (indices, réponses, actions, contenu)"))
    p.add_argument("before", metavar="A", help=_("l’évaluation la plus ancienne"))
    p.add_argument("after", metavar="B", help=_("l’évaluation la plus récente"))
    p.add_argument("--json", action="store_true", help=_("sortie JSON"))
    p.set_defaults(handler=cmd_compare)

    p = sub.add_parser("merge", help=_("fusionner des copies .vigie d’une évaluation dans celle-ci"))
    p.add_argument("id")
    p.add_argument("files", nargs="+", type=Path, metavar=_("FICHIER.vigie"))
    p.add_argument("--take", choices=RULES,
                   help=_("trancher tous les conflits : mine (cette évaluation), theirs (la copie), newest (la "
                          "réponse changée en dernier)"))
    p.add_argument("--by", help=_("qui fusionne (inscrit dans l’historique ; par défaut l’évaluateur)"))
    p.add_argument("--json", action="store_true", help=_("sortie JSON"))
    p.set_defaults(handler=cmd_merge)


# -- compare ---------------------------------------------------------------------------------------
def _score(value: int | None) -> str:
    return "—" if value is None else format_index(value)


def _index_line(label: str, change: IndexChange) -> str:
    delta = "" if change.delta is None else " (=)" if change.delta == 0 else f" ({change.delta:+d})"
    return "  " + _("{label} : {before} → {after}{delta}").format(
        label=label, before=_score(change.before), after=_score(change.after), delta=delta)


def _said(text: str) -> str:
    """A line in the language of the command: French typography for French."""
    return for_language(text, current_language())


def _print_comparison(c: Comparison, lang: str) -> None:
    from wizard.operations.merging import answer_text

    a, b = c.before.assessment, c.after.assessment
    framework = c.after.questionnaire.framework
    print(f"{one_line(a.organisation.name)} — {a.date.isoformat()} → {b.date.isoformat()}")
    print(_said(_index_line(_("Indice global"), c.overall)))
    for change in c.axes:
        try:
            label = framework.axis(change.id).label.get(lang)
        except KeyError:
            label = change.id
        print(_said(_index_line(label, change)))
    titles = {s.id: s.title.get(lang) for s in (*c.after.questionnaire.sections, *c.before.questionnaire.sections)}
    print(_said(_("Par thème :")))
    for change in c.sections:
        print(_said(_index_line(one_line(titles.get(change.id, change.id)), change)))
    for title, changes in ((_("Réponses améliorées"), c.improved), (_("Réponses dégradées"), c.worsened),
                           (_("Autres changements"), c.other_changes)):
        print(_said(_("{title} ({n}) :").format(title=title, n=len(changes))))
        for x in changes:
            print(_said("  " + _("{question} : {before} → {after}").format(
                question=one_line(x.question.id), before=answer_text(x.before), after=answer_text(x.after))))
    print(_said(_("Actions closes ({n}) :").format(n=len(c.closed))))
    for closed in c.closed:
        print(f"  {one_line(closed.action.id)} ({_(CLOSED_LABELS[closed.how])})")
    print(_said(_("Actions nouvelles ({n}) :").format(n=len(c.new_actions))))
    for action in c.new_actions:
        print(f"  {one_line(action.id)} ({action.priority}, {action.due.isoformat()})")
    print(_said(_("Actions toujours ouvertes ({n}) :").format(n=len(c.still_open))))
    for still in c.still_open:
        late = ngettext("{n} jour de retard", "{n} jours de retard", still.days_late).format(n=still.days_late) \
            if still.days_late else _("pas encore en retard")
        print(_said("  " + _("{action} (échéance {due} : {late})").format(
            action=one_line(still.action.id), due=still.first_due.isoformat(), late=late)))
    content = c.content
    if not content.same:
        if content.known:
            print(_said(_("Contenu : version {before} → {after} ; questions nouvelles : {new} ; retirées : {gone}"))
                  .format(before=content.before, after=content.after, new=", ".join(content.new) or "—",
                          gone=", ".join(content.gone) or "—"))
        else:
            print(_said(_("Contenu : version {before} → {after} (questions nouvelles ou retirées inconnues)"))
                  .format(before=content.before or "?", after=content.after or "?"))


def cmd_compare(args: argparse.Namespace, ctx: Context) -> int:
    with opened_workspace(ctx) as workspace:
        comparison = workspace.compare(args.before, args.after)
    if args.json:
        print_json(comparison_dict(comparison, ctx.lang))
    else:
        _print_comparison(comparison, ctx.lang)
    return 0


# -- merge -----------------------------------------------------------------------------------------
def _version(side: Any) -> dict[str, Any]:
    answer = side.answer
    fields = {"value": None, "note": "", "justification": "", "evidence": ""} if answer is None else {
        "value": answer.value, "note": answer.note, "justification": answer.justification,
        "evidence": answer.evidence}
    return {**fields, "by": side.by, "at": side.at}


def _conflict_dict(conflict: Conflict, decision: str | None) -> dict[str, Any]:
    return {"file": conflict.label, "question": conflict.question, "mine": _version(conflict.mine),
            "theirs": _version(conflict.theirs), "decision": decision}


def _print_conflict(conflict: Conflict) -> None:
    from wizard.operations.merging import answer_text

    print(_said(_("Conflit sur {question} ({file}) :")).format(question=one_line(conflict.question),
                                                                file=one_line(conflict.label)))
    for name, side in ((_("ici"), conflict.mine), (_("copie"), conflict.theirs)):
        answer = side.answer
        print(_said("  " + _("{side} : {answer} — {who}, {when}").format(
            side=name, answer=answer_text(answer), who=one_line(side.by) or "—", when=one_line(side.at) or "—")))
        for label, text in ((_("commentaire"), answer and answer.note), (_("preuve"), answer and answer.evidence),
                            (_("justification"), answer and answer.justification)):
            if text:
                print("      " + _said(_("{label} : {text}").format(label=label, text=one_line(text[: limits.POSITION]))))


def cmd_merge(args: argparse.Namespace, ctx: Context) -> int:
    from wizard.operations.merging import describe_difference

    if args.by is not None:
        from wizard.core import checks

        try:
            checks.text(args.by, "--by", limits.NAME)
        except checks.FieldError as exc:
            raise CliError(str(exc)) from None
    with opened_workspace(ctx) as workspace:
        merged = workspace.merge(args.id, args.files, rule=args.take, who=args.by)
    result = merged.result
    waiting = result.unresolved
    if args.json:
        print_json({"id": args.id, "written": merged.written, "changed": result.changed,
                    "taken": [{"file": merged.files[i].name, "question": q} for i, q in result.taken],
                    "conflicts": [_conflict_dict(c, result.decisions.get(c.ref)) for c in result.conflicts],
                    "differences": [{"file": d.label, "kind": d.kind, "id": d.key, "field": d.field,
                                     "mine": d.mine, "theirs": d.theirs} for d in result.differences]})
    else:
        for conflict in waiting:
            _print_conflict(conflict)
        for difference in result.differences:
            print(f"vigie: {describe_difference(difference)}", file=sys.stderr)
    if waiting:
        print("vigie: " + _said(ngettext(
            "{n} conflit à trancher : rien n’a été fusionné. Relancez avec --take mine, theirs ou newest.",
            "{n} conflits à trancher : rien n’a été fusionné. Relancez avec --take mine, theirs ou newest.",
            len(waiting))).format(n=len(waiting)), file=sys.stderr)
        return NEEDS_CHOICE
    kept = len(result.differences)
    if not merged.written:
        if kept:
            print("vigie: " + _said(ngettext(
                "rien à fusionner ; {n} valeur diffère dans les copies : celle de cette évaluation est gardée "
                "(ci-dessus)",
                "rien à fusionner ; {n} valeurs diffèrent dans les copies : celles de cette évaluation sont "
                "gardées (ci-dessus)", kept)).format(n=kept), file=sys.stderr)
        else:
            print("vigie: " + _said(_("rien à fusionner : l’évaluation contient déjà tout ce que ces copies "
                                       "apportent")), file=sys.stderr)
        return 0
    taken, decided = len(result.taken), len(result.decisions)
    parts = [ngettext("{n} réponse reprise d’une copie", "{n} réponses reprises des copies", taken).format(n=taken),
             ngettext("{n} conflit tranché", "{n} conflits tranchés", decided).format(n=decided)]
    if kept:
        parts.append(ngettext("{n} valeur différente gardée telle qu’ici (ci-dessus)",
                              "{n} valeurs différentes gardées telles qu’ici (ci-dessus)", kept).format(n=kept))
    print("vigie: " + _said(_("fusion enregistrée : {counts} ; la version précédente reste dans les "
                              "sauvegardes").format(counts=", ".join(parts))), file=sys.stderr)
    return 0
