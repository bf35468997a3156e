"""Write the whole questionnaire content as one readable Markdown document for review.

  python -m wizard.tools.reference_doc docs/questionnaires.md   (make docs)

A consultant or a DPO can review every question, help text and action outside the app.
"""

from __future__ import annotations

import sys
from pathlib import Path

from wizard.core.model import ANSWER_LABELS, Question
from wizard.core.questionnaire import Questionnaire, load_questionnaire
from wizard.typography import french


def _question(q: Questionnaire, question: Question) -> list[str]:
    lines = [f"#### {french(question.text.fr)}", "",
             f"`{question.id}` — références : {', '.join(question.refs)} — gravité : {question.weight}/3", ""]
    help_ = question.help
    lines += [f"- **Pourquoi :** {french(help_.why.fr)}"]
    if help_.good:
        lines += [f"- **Bonne réponse :** {french(help_.good.fr)}"]
    lines += [f"- **Preuves attendues :** {french(help_.evidence.fr)}"]
    if help_.na:
        lines += [f"- **« Non applicable » accepté :** {french(help_.na.fr)}"]
    for cond in question.depends_on:
        values = ", ".join(ANSWER_LABELS[v] for v in cond.values)
        reason = f" ({french(cond.reason.fr)})" if cond.reason else ""
        lines += [f"- **Affichée si** `{cond.question}` vaut : {values}{reason}"]
    for answer, refs in question.actions.items():
        titles = []
        for ref in refs:
            action = q.actions[ref.action]
            titles.append(f"{french(action.title.fr)} [{ref.priority or action.priority}]")
        lines += [f"- **Si « {ANSWER_LABELS[answer]} » :** " + " ; ".join(titles)]
    return lines + [""]


def render(questionnaire: Questionnaire) -> str:
    lines = ["# Référentiel des questionnaires Vigie", "",
             "Document généré par `make docs` à partir de `questionnaires/*.yaml` : ne pas modifier à la main.", ""]
    framework = questionnaire.framework
    lines += [f"Référentiel `{framework.id}`, version du contenu {framework.content_version}.", ""]
    for profile in framework.profiles:
        view = questionnaire.for_profile(profile.id)
        lines += [f"## Profil : {french(profile.label.fr)}", "",
                  f"{len(view.sections)} sections, {len(view.questions)} questions.", ""]
        for section in view.sections:
            lines += [f"### {french(section.title.fr)} ({french(framework.axis(section.axis).name.fr)})", ""]
            if section.intro:
                lines += [french(section.intro.fr), ""]
            for question in section.questions:
                lines += _question(view, question)
    lines += ["## Catalogue des actions", "",
              "| Action | Priorité | Responsable | Délai (jours) | Preuve de réalisation |",
              "|---|---|---|---|---|"]
    for action in sorted(questionnaire.actions.values(), key=lambda a: a.id):
        done = french(action.done_when.fr) if action.done_when else ""
        lines.append(f"| **{french(action.title.fr)}** (`{action.id}`) — {french(action.description.fr)} | "
                     f"{action.priority} | {french(framework.owner_label(action.owner, 'fr'))} | {action.delay_days} | {done} |")
    lines += _contract_elements(questionnaire)
    return "\n".join(lines) + "\n"


def _contract_elements(questionnaire: Questionnaire) -> list[str]:
    """contract_elements.yaml: what the contract review walks through and the amendment prints."""
    content = questionnaire.contract_elements
    if content is None:
        return []
    lines = ["", "## Éléments d’un contrat de sous-traitance (revue du contrat)", "",
             "Généré à partir de `questionnaires/contract_elements.yaml` : chaque élément que la revue d’un "
             "contrat parcourt, et ce que le document « Points à compléter au contrat » imprime quand il manque.", ""]
    for group in content.groups:
        note = " — seulement si le prestataire héberge des données de santé" if group.hosting else ""
        lines += [f"### {french(group.title.fr)}{note}", ""]
        for e in (x for x in content.elements if x.group == group.id):
            lines += [f"#### {french(e.title.fr)}", "",
                      f"`{e.id}` — {french(e.reference.fr)} — répond à : "
                      f"{', '.join(f'`{q}`' for q in e.answers) or '—'}", "",
                      f"- **Ce que la loi exige :** {french(e.requires.fr)}",
                      f"- **Ce que la clause doit dire :** {french(e.clause.fr)}",
                      "- **Questions à poser :** " + " ".join(french(a.fr) for a in e.ask),
                      f"- **Projet de clause :** {french(e.draft.fr)}", ""]
    return lines


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path("docs/questionnaires.md")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(load_questionnaire()), encoding="utf-8")
    print(f"{out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
