"""The bundled questionnaires: valid, complete, covering the law, every gap turned into actions."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest

from wizard.core.action_plan import computed_plan
from wizard.core.flow import visible_questions
from wizard.core.model import GAP_VALUES, Answer, Assessment, Organisation, Text
from wizard.core.questionnaire import load_questionnaire

# The bundled framework's profiles (framework.yaml): each test runs for every one.
PROFILES = load_questionnaire().framework.profile_ids


@pytest.fixture(scope="module")
def content():
    return load_questionnaire()


def all_texts(q):
    """Every user-visible Text of the content, with where it sits."""
    for s in q.sections:
        yield s.id, s.title
        if s.intro:
            yield s.id, s.intro
        for question in s.questions:
            yield question.id, question.text
            for part in vars(question.help).values():
                if part is not None:
                    yield question.id, part
            for cond in question.depends_on:
                if cond.reason:
                    yield question.id, cond.reason
    for a in q.actions.values():
        for part in (a.title, a.description, a.done_when):
            if part is not None:
                yield a.id, part
    if q.contract_elements is not None:  # what a contract review walks through, and the amendment prints
        for g in q.contract_elements.groups:
            yield g.id, g.title
        for e in q.contract_elements.elements:
            for part in (e.reference, e.title, e.requires, e.clause, *e.ask, e.draft):
                yield e.id, part


def assessment(profile, answers):
    return Assessment(profile=profile, organisation=Organisation("Test"), date=date(2026, 1, 1),
                      answers={k: Answer(v) for k, v in answers.items()})


@pytest.mark.parametrize("profile", PROFILES)
def test_workshop_sized_profile(content, profile):
    view = content.for_profile(profile)
    everything = len(view.questions)
    # Answering "no" everywhere closes every gate: the shortest path through the profile.
    shortest = len(visible_questions(view, assessment(profile, {q.id: "no" for q in view.questions}).answers))
    assert 45 <= shortest <= 90 and everything <= 95, (shortest, everything)
    for s in view.sections:
        assert 4 <= len(s.questions) <= 12, f"section {s.id} has {len(s.questions)} questions"


def checks(ref: str, cover: str) -> bool:
    """A question's reference checks a cover: the same reference, or for a GDPR article or
    paragraph one of its sub-paragraphs ("37.1.c" checks "37", "33.4" checks "33")."""
    return ref == cover or (cover[:1].isdigit() and ref.startswith(cover + "."))


def test_reference_matching():
    assert checks("37.1.c", "37") and checks("33", "33") and checks("CSP R.1111-11", "CSP R.1111-11")
    assert not checks("370", "37") and not checks("3.7", "37") and not checks("28.3", "28.3.a")
    assert not checks("CSP L.1111-8-2", "CSP L.1111-8")


@pytest.mark.parametrize("profile", PROFILES)
def test_references_covered(content, profile):
    view = content.for_profile(profile)
    refs = {r for q in view.questions for r in q.refs}
    covers = content.framework.profile(profile).covers
    assert covers, f"{profile}: framework.yaml lists no reference the profile must cover"
    missing = [c for c in covers if not any(checks(r, c) for r in refs)]
    assert not missing, f"{profile}: no question checks {missing}"


# What each profile must check, whatever else framework.yaml lists: the DPO (37) and the impact
# assessment (35) for the laboratory, transfers (45, 46) for both, the hosting contract
# (R.1111-11) and patients' access to their results (L.1111-7) for the laboratory.
REQUIRED_COVERS = {
    "lab": {"35", "37", "45", "46", "CSP R.1111-11", "CSP L.1111-7"},
    "vendor": {"45", "46"},
}


@pytest.mark.parametrize("profile", sorted(REQUIRED_COVERS))
def test_framework_makes_each_profile_cover_its_obligations(content, profile):
    covers = set(content.framework.profile(profile).covers)
    assert REQUIRED_COVERS[profile] <= covers, sorted(REQUIRED_COVERS[profile] - covers)


@pytest.mark.parametrize("profile", PROFILES)
def test_every_gap_answer_yields_actions(content, profile):
    view = content.for_profile(profile)
    for q in view.questions:
        for value in GAP_VALUES:
            # Answer the gates so that q is visible, then the gap.
            answers = {c.question: c.values[0] for c in q.depends_on}
            answers[q.id] = value
            plan = computed_plan(view, assessment(profile, answers))
            called = [a for a in plan if q.id in a.question_ids]
            assert called, f"{q.id}: answer {value!r} calls for no action"
            for a in called:
                assert a.owner and a.priority in ("P1", "P2", "P3") and a.due > date(2026, 1, 1)


@pytest.mark.parametrize("profile", PROFILES)
def test_conditions_point_at_questions_of_the_same_profile(content, profile):
    view = content.for_profile(profile)
    ids = {q.id for q in view.questions}
    for q in view.questions:
        for c in q.depends_on:
            assert c.question in ids, f"{q.id} depends on {c.question}, not asked of {profile}"
            assert c.reason is not None, f"{q.id}: a hidden question must say why it was hidden"


@pytest.mark.parametrize("profile", PROFILES)
def test_unknown_never_hides_an_obligation(content, profile):
    """Not knowing whether there are sub-processors or migrations must keep their questions shown."""
    view = content.for_profile(profile)
    for q in view.questions:
        for c in q.depends_on:
            assert "unknown" in c.values, f"{q.id}: answering 'Je ne sais pas' to {c.question} hides it"


def test_every_action_is_used(content):
    used = {ref.action for q in content.questions for refs in q.actions.values() for ref in refs}
    assert sorted(set(content.actions) - used) == []


def test_no_duplicate_action_titles(content):
    titles = Counter(a.title.fr.strip().lower() for a in content.actions.values())
    assert [t for t, n in titles.items() if n > 1] == []


def test_unknown_answer_is_a_find_out_action_with_an_owner(content):
    for q in content.questions:
        for ref in q.actions["unknown"]:
            assert content.actions[ref.action].owner


def test_every_text_has_an_english_version(content):
    missing = [where for where, text in all_texts(content) if not text.en]
    assert missing == []


def test_french_uses_typographic_apostrophes_and_no_hand_made_spacing(content):
    for where, text in all_texts(content):
        assert "'" not in text.fr, f"{where}: straight apostrophe in {text.fr!r}"
        assert "\u00a0" not in text.fr and "\u202f" not in text.fr, (
            f"{where}: spacing is applied by wizard.typography, write plain spaces")
        assert '"' not in text.fr, f"{where}: use « guillemets » in {text.fr!r}"


def test_text_type_is_used_for_content(content):
    assert all(isinstance(t, Text) for _, t in all_texts(content))


# -- words: one term each, EEE where the EEA is meant ---------------------------------------------
# The GDPR's transfer rules and the HDS framework speak of the European Economic Area (or of third
# countries), not of the European Union; « droit de l’Union », « Cour de justice de l’Union »,
# « les pays de l’Union » stay.
WRONG_AREA_FR = ("Union européenne", "hors de l’Union", "hors UE", "hors de l’UE")
WRONG_AREA_EN = ("European Union", "outside the Union", "outside the EU")
# One term for one thing (« responsable du traitement » as in the GDPR's French text; a deletion
# proof is a « certificat de suppression »).
WRONG_TERMS_FR = ("responsable de traitement", "attestation de suppression", "attestations de suppression")


def test_the_eea_is_named_where_it_is_meant(content):
    wrong = [(where, w) for where, text in all_texts(content) for w in WRONG_AREA_FR if w in text.fr]
    wrong += [(where, w) for where, text in all_texts(content) for w in WRONG_AREA_EN if w in (text.en or "")]
    assert wrong == []


def test_one_term_for_one_thing(content):
    texts = [*all_texts(content), *(("framework", p.label) for p in content.framework.profiles)]
    wrong = [(where, w) for where, text in texts for w in WRONG_TERMS_FR if w in text.fr.lower()]
    assert wrong == []


def shown_in_order(view):
    """A profile's texts as the user meets them: section by section, question by question."""
    for s in view.sections:
        yield s.id, s.title
        if s.intro:
            yield s.id, s.intro
        for q in s.questions:
            yield q.id, q.text
            for part in (q.help.why, q.help.good, q.help.evidence, q.help.na):
                if part is not None:
                    yield q.id, part


# An acronym or a piece of jargon a laboratory manager may not know, and the words that explain
# it where it first appears in a profile: in that section's introduction, or in that question's
# text or help.
GLOSSES = {
    "DPO": "délégué à la protection des données",
    "AIPD": "analyse d’impact",
    "EEE": "Espace économique européen",
    "SGL": "système de gestion du laboratoire",
    "HDS": "hébergeur de données de santé",
    "scan": "balayage",
    "bastion": "point de passage",
    "ticket": "enregistrée",
}


@pytest.mark.parametrize("profile", PROFILES)
def test_acronyms_and_jargon_are_explained_at_first_use(content, profile):
    items: dict[str, list[str]] = {}  # each section or question, in order, with its texts
    for where, text in shown_in_order(content.for_profile(profile)):
        items.setdefault(where, []).append(text.fr)
    unexplained = []
    for term, gloss in GLOSSES.items():
        pattern = re.compile(rf"\b{re.escape(term)}s?\b")
        first = next((where for where, texts in items.items() if any(pattern.search(t) for t in texts)), None)
        if first is not None and not any(gloss.lower() in t.lower() for t in items[first]):
            unexplained.append((term, first))
    assert unexplained == []


# -- « Non applicable » only where the content says when --------------------------------------------
def test_not_applicable_is_never_offered_on_a_gate(content):
    """A gate's « Non » is the fact; « Non applicable » there would hide questions unjustified."""
    assert [q.id for q in content.questions if not q.scored and q.help.na is not None] == []


def test_not_applicable_guidance_says_when_in_both_languages(content):
    for q in content.questions:
        if q.help.na is not None:
            assert q.help.na.en and len(q.help.na.fr) >= 40, q.id


def test_a_contradiction_on_not_applicable_names_a_question_that_allows_it(content):
    for c in content.contradictions:
        for cond in (c.when, *c.conflicts):
            if "na" in cond.values:
                assert content.question(cond.question).help.na is not None, (c.id, cond.question)


# -- actions: owners a small laboratory has, priorities, delays, no duplicates ------------------------
def test_every_owner_role_is_used_by_the_profiles_it_serves(content):
    for role in content.framework.owner_roles:
        for profile in role.profiles or PROFILES:
            view = content.for_profile(profile)
            used = {content.actions[ref.action].owner for q in view.questions
                    for refs in q.actions.values() for ref in refs}
            assert role.id in used, f"owner role {role.id!r} owns no action of profile {profile!r}"


def test_the_dpo_advises_and_owns_no_contract(content):
    """Art. 39: the DPO advises and monitors; signing and amending contracts is management's."""
    contract_words = ("faire signer", "faites signer", "avenant", "signé par les deux parties",
                      "annexe de sous-traitance", "annexe « article 28 »", "inscrire au contrat", "dans le contrat")
    owned = [a.id for a in content.actions.values() if a.owner == "dpo"
             and any(w in f"{a.title.fr} {a.description.fr}".lower() for w in contract_words)]
    assert owned == []


def test_no_two_actions_share_a_completion_criterion(content):
    def norm(text):
        return " ".join(text.lower().split())

    seen = Counter(norm(a.done_when.fr) for a in content.actions.values() if a.done_when)
    assert [t for t, n in seen.items() if n > 1] == []
    assert all(a.done_when for a in content.actions.values())


def test_catalogue_delays_fit_their_priority(content):
    """The plan caps a P1 at 30 days and a P2 at 90: the catalogue gives realistic delays within."""
    from wizard.core.action_plan import MAX_DELAY_DAYS

    over = [(a.id, a.priority, a.delay_days) for a in content.actions.values()
            if a.delay_days > MAX_DELAY_DAYS.get(a.priority, 365)]
    assert over == []


# The Dedalus findings and the processor's basic duties: a « Non » there is urgent.
P1_ON_NO = ["lab.a28.contract.description", "vendor.a32.operations.escalation",
            "vendor.a32.governance.staff_instructions", "vendor.a32.access.logging"]


@pytest.mark.parametrize("qid", P1_ON_NO)
def test_a_no_on_a_dedalus_finding_is_p1(content, qid):
    q = content.question(qid)
    priorities = [ref.priority or content.actions[ref.action].priority for ref in q.actions["no"]]
    assert "P1" in priorities, (qid, priorities)


# One operation, one action: questions that ask about the same operation from two angles (the
# contract and the practice, Art. 29 and Art. 32) call the same action on « Non », so that a
# plan does not list the same work twice under two names.
SAME_OPERATION = [
    ("lab.a29.instructions.remote_access", "lab.a32.systems.remote_access"),  # providers' remote access
    ("lab.a28.choice.due_diligence", "lab.a28.contract.security"),  # the provider's security measures
    ("vendor.a32.governance.staff_instructions", "vendor.a29.instructions.traceability"),  # no operation without a request
    ("vendor.a29.instructions.cannot_execute", "vendor.a28.clauses.unlawful_instruction"),  # the written alert
    ("vendor.a29.instructions.extract_check", "vendor.a32.migration.scripts"),  # checking an extraction
]


@pytest.mark.parametrize(("first", "second"), SAME_OPERATION)
def test_one_operation_is_one_action(content, first, second):
    def called(qid):
        return {ref.action for ref in content.question(qid).actions["no"]}

    assert called(first) & called(second), (called(first), called(second))


CONTRACT_DONE = re.compile(r"modèle de contrat|dans le contrat|aux contrats|au contrat|avenant")


def test_the_vendor_completes_its_contract_in_one_action(content):
    """The clause questions' « Non » calls the annex action and the operations behind the clause;
    only the annex action is complete when the contract says it (no six actions for one
    document)."""
    questions = [q for s in content.sections if s.id == "vendor.a28.clauses" for q in s.questions]
    actions = {ref.action for q in questions for ref in q.actions["no"]}
    completing = sorted(a for a in actions if CONTRACT_DONE.search(content.actions[a].done_when.fr))
    assert len(completing) == 1, completing


# -- legal statements a DPO would refuse to sign ------------------------------------------------------
def test_pseudonymised_data_are_never_offered_as_test_data(content):
    """Pseudonymised data remain personal data (recital 26; CNIL, Cegedim Santé, 2024): tests use
    fictitious or anonymised data, never « fictives ou pseudonymisées »."""
    pattern = re.compile(r"fictifs? ou pseudonymisé|fictives? ou pseudonymisé", re.IGNORECASE)
    assert [where for where, text in all_texts(content) if pattern.search(text.fr)] == []


def test_a_justified_longer_log_retention_is_not_a_gap(content):
    """The CNIL's 6 months to 1 year is a default « sauf obligation légale ou besoin justifié »:
    no question asks for it as a condition, and any help quoting it gives the exception."""
    in_question = [q.id for q in content.questions if "6 mois à 1 an" in q.text.fr]
    assert in_question == []
    for q in content.questions:
        for part in (q.help.why, q.help.good):
            if part is not None and "6 mois à 1 an" in part.fr:
                assert "justifi" in part.fr or "obligation légale" in part.fr, q.id


def test_article_28_5_is_cited_for_codes_of_conduct_and_certification_only(content):
    """28(5) is about approved codes of conduct (Art. 40) and certification (Art. 42)."""
    for q in content.questions:
        if "28.5" in q.refs:
            text = f"{q.text.fr} {q.help.why.fr}".lower()
            assert "code de conduite" in text and "certification" in text, q.id
