"""The questionnaire on paper: blank for a profile, or pre-filled with an assessment in progress.

A consultant sends it before the workshop; some participants answer on paper, others review
what was already answered. Each section, then each question with its number (the same as in
the answers spreadsheet), its help (why it matters, a good answer, the evidence to show), the
condition under which it is asked, a box for each answer the content allows — « Non
applicable » only where the question's help says when — and a frame for notes. The pre-filled
version ticks the boxes and prints the notes already given, and marks the questions an earlier
answer makes pointless. Same A4 page frame, fonts (embedded) and typography as the signed plan.
"""

from __future__ import annotations

from io import BytesIO

from babel.dates import format_date
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from wizard import __version__
from wizard.core import limits
from wizard.core.checks import one_of
from wizard.core.evaluation import Evaluation
from wizard.core.model import ANSWER_LABELS, ANSWER_VALUES, Answer, Question
from wizard.core.numbering import question_numbers
from wizard.core.questionnaire import Questionnaire
from wizard.i18n import _, babel_locale, language, language_tag, ngettext
from wizard.report.document import CONTENT_WIDTH, Heading, PageDecor, ReportDocument, numbered_canvas
from wizard.report.fonts import register_fonts
from wizard.report.long_text import clip
from wizard.report.styles import RULE, Typo, make_table

EMPTY_BOX, TICKED_BOX = "\u2610", "\u2612"  # ☐ ☒ (DejaVu Sans has both)
NOTES_HEIGHT = 24 * mm  # room to write a few lines by hand


class _Writer:
    def __init__(self, view: Questionnaire, lang: str, evaluation: Evaluation | None) -> None:
        self.view = view
        self.lang = lang
        self.evaluation = evaluation
        self.ty = Typo(lang)
        self.numbers = question_numbers(view)

    def text(self, text: object) -> str:
        return text.get(self.lang)  # type: ignore[attr-defined]

    # -- the first page -------------------------------------------------------------------------
    def opening(self, profile: str) -> list[Flowable]:
        ty, framework = self.ty, self.view.framework
        title = _("Questionnaire")
        story: list[Flowable] = [
            Spacer(1, 4 * mm),
            Heading(ty.t(self.text(framework.title)), "cover_title", 0, ty.plain(title)),
            ty.para(framework.profile_label(profile, self.lang), "cover_sub"),
        ]
        if self.evaluation is None:
            blank: list[list[object]] = [[ty.para(label, "cover_label"), ""] for label in (
                _("Organisme"), _("Date"), _("Participant ou participante"), _("Fonction"))]
            story.append(make_table(blank, [45 * mm, CONTENT_WIDTH - 45 * mm],
                                    [("LINEBELOW", (1, 0), (1, -1), 0.6, RULE),
                                     ("TOPPADDING", (0, 0), (-1, -1), 7)]))
        else:
            a = self.evaluation.assessment
            done = self.evaluation.progress
            rows = [
                (_("Organisme"), clip(a.organisation.name, limits.ORGANISATION_NAME)),
                (_("Date de l’évaluation"), format_date(a.date, format="long", locale=babel_locale(self.lang))),
                (_("Évaluateur ou évaluatrice"), clip(a.assessor, limits.NAME) or "—"),
                (_("Avancement"), ngettext("{answered} question répondue sur {total}",
                                           "{answered} questions répondues sur {total}", done.answered).format(
                    answered=done.answered, total=done.total)),
            ]
            story.append(make_table([[ty.para(k, "cover_label"), ty.para(v, "cover_value")] for k, v in rows],
                                    [45 * mm, CONTENT_WIDTH - 45 * mm], []))
            story.append(ty.para(_(
                "Version préremplie pour relecture avant l’atelier : les cases cochées et les notes sont les "
                "réponses enregistrées à ce jour. Corrigez ou complétez à la main ce qui doit l’être."), "notice"))
        story += [Spacer(1, 5 * mm), Heading(ty.t(_("Comment remplir")), "h2", 0, ty.plain(_("Comment remplir")))]
        for line in (
            _("Cochez une seule case par question. « Je ne sais pas » compte comme un écart : mieux vaut le "
              "dire que deviner, l’atelier servira à trouver la réponse."),
            _("« Non applicable » n’est proposé que là où la question dit quand il s’applique ; donnez alors "
              "la justification dans le cadre des notes."),
            _("Certaines questions ne se posent que selon une réponse précédente : la condition est écrite "
              "au-dessus d’elles."),
            _("Notez dans le cadre les preuves que vous pourrez montrer (document, outil, registre) et qui "
              "peut en parler."),
        ):
            story.append(ty.para("• " + line))
        return story

    # -- sections and questions --------------------------------------------------------------------
    def sections(self) -> list[Flowable]:
        ty, story = self.ty, []
        for number, section in enumerate(self.view.sections, start=1):
            heading = f"{number}. {self.text(section.title)}"
            story += [CondPageBreak(50 * mm), Spacer(1, 6 * mm), Heading(ty.t(heading), "h1", 0, ty.plain(heading))]
            if section.intro is not None:
                story.append(ty.para(self.text(section.intro), "body"))
            for question in section.questions:
                story.append(KeepTogether(self.question(question)))
        return story

    def conditions(self, question: Question) -> list[str]:
        """When the question is asked, one sentence per condition, said the shorter way: « Passez
        cette question si la question 5.1 a reçu la réponse « Non ». » rather than listing the four
        answers that keep it."""
        out = []
        for c in question.depends_on:
            number = self.numbers.get(c.question, c.question)
            keep = [v for v in ANSWER_VALUES if v in c.values]
            skip = [v for v in ANSWER_VALUES if v not in c.values]
            values, template = (skip, ngettext(
                "Passez cette question si la question {number} a reçu la réponse {answers}.",
                "Passez cette question si la question {number} a reçu l’une des réponses {answers}.",
                len(skip))) if skip and len(skip) < len(keep) else (keep, ngettext(
                    "À remplir seulement si la question {number} a reçu la réponse {answers}.",
                    "À remplir seulement si la question {number} a reçu l’une des réponses {answers}.",
                    len(keep)))
            out.append(template.format(number=number, answers=one_of(_("« {text} »").format(text=_(ANSWER_LABELS[v])) for v in values)))
        return out

    def question(self, question: Question) -> list[Flowable]:
        ty = self.ty
        number = self.numbers[question.id]
        block: list[Flowable] = [Spacer(1, 3 * mm),
                                 ty.markup(f"<b>{ty.t(number)}</b>\u2003" + ty.t(self.text(question.text)), "h3")]
        for condition in self.conditions(question):
            block.append(ty.markup(f"<i>{ty.t(condition)}</i>", "cell_small"))
        hidden = self.evaluation is not None and question.id in self.evaluation.hidden
        if hidden:
            block.append(ty.markup("<i>" + ty.t(_(
                "Sans objet d’après les réponses déjà données : rien à remplir.")) + "</i>", "notice"))
            return block
        help_ = question.help
        for label, text in ((_("Pourquoi :"), help_.why), (_("Une bonne réponse :"), help_.good),
                            (_("Preuves à montrer :"), help_.evidence), (_("« Non applicable » :"), help_.na)):
            if text is not None:
                block.append(ty.markup(f"<b>{ty.t(label)}</b> {ty.t(self.text(text))}", "cell_small"))
        answer = self.evaluation.answers.get(question.id) if self.evaluation is not None else None
        block += [Spacer(1, 1.5 * mm), self.boxes(question, answer), Spacer(1, 1 * mm), self.notes(answer)]
        return block

    def boxes(self, question: Question, answer: Answer | None) -> Flowable:
        """One cell per answer the content allows: a box and its label, the given answer ticked."""
        ty, cells = self.ty, []
        for value in ANSWER_VALUES:
            if value == "na" and not question.na_allowed and (answer is None or answer.value != "na"):
                continue
            label = ty.t(_(ANSWER_LABELS[value]))
            if answer is not None and answer.value == value:
                cells.append(ty.markup(f'<font size="14">{TICKED_BOX}</font> <b>{label}</b>', "body"))
            else:
                cells.append(ty.markup(f'<font size="14">{EMPTY_BOX}</font> {label}', "body"))
        widths = [CONTENT_WIDTH / 5] * len(cells)
        return make_table([cells], widths, [("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                            ("LEFTPADDING", (0, 0), (0, 0), 0)])

    def notes(self, answer: Answer | None) -> Flowable:
        ty = self.ty
        cell: list[Flowable] = [ty.para(_("Notes, preuves, justification :"), "cell_small")]
        if answer is not None:
            for label, text in ((_("Commentaire :"), answer.note), (_("Preuves :"), answer.evidence),
                                (_("Justification :"), answer.justification)):
                if text.strip():
                    cell += ty.long(text, limits.TEXT, "cell", label=label)
            if answer.by:
                cell.append(ty.para(_("Répondu par {who}").format(who=clip(answer.by, limits.NAME)), "cell_small"))
            if answer.review:
                cell.append(ty.markup("<i>" + ty.t(_("Reprise d’une évaluation précédente : à revoir.")) + "</i>",
                                      "cell_small"))
            cell.append(Spacer(1, NOTES_HEIGHT / 2))  # room to correct by hand
        return make_table([[cell]], [CONTENT_WIDTH], [("BOX", (0, 0), (-1, -1), 0.6, RULE),
                                                      ("VALIGN", (0, 0), (-1, -1), "TOP")],
                          rowHeights=None if answer is not None else [NOTES_HEIGHT])


def build_questionnaire_pdf(view: Questionnaire, profile: str, *, lang: str = "fr",
                            evaluation: Evaluation | None = None) -> bytes:
    """The questionnaire of a profile view as PDF bytes; pre-filled when an evaluation of an
    assessment of that profile is given. Labels and content in lang."""
    with language(lang):
        register_fonts()
        writer = _Writer(view, lang, evaluation)
        ty = writer.ty
        framework = view.framework
        org = evaluation.assessment.organisation.name if evaluation is not None else ""
        title = ty.plain(_("Questionnaire — {title}").format(title=writer.text(framework.title)))
        decor = PageDecor(
            organisation=ty.plain(clip(org, limits.ORGANISATION_NAME) or framework.profile_label(profile, lang)),
            confidential=ty.plain(_("Confidentiel") if evaluation is not None else _("Questionnaire")),
            title=title, page_label=lambda page, total: _("page {page} sur {total}").format(page=page, total=total))
        story = writer.opening(profile) + writer.sections()
        buffer = BytesIO()
        doc = ReportDocument(buffer, title=title, author=org or "Vigie",
                             subject=ty.plain(framework.profile_label(profile, lang)),
                             creator=f"Vigie {__version__}", producer=f"Vigie {__version__}",
                             lang=language_tag(lang))
        doc.build(story, canvasmaker=numbered_canvas(decor))
        return buffer.getvalue()

