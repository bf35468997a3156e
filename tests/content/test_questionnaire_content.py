"""The bundled questionnaires: valid, complete, covering the law, every gap turned into actions."""

from __future__ import annotations

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


def assessment(profile, answers):
    return Assessment(profile=profile, organisation=Organisation("Test"), date=date(2026, 1, 1),
                      answers={k: Answer(v) for k, v in answers.items()})


@pytest.mark.parametrize("profile", PROFILES)
def test_workshop_sized_profile(content, profile):
    view = content.for_profile(profile)
    everything = len(view.questions)
    # Answering "no" everywhere closes every gate: the shortest path through the profile.
    shortest = len(visible_questions(view, assessment(profile, {q.id: "no" for q in view.questions}).answers))
    assert 45 <= shortest <= everything <= 80, (shortest, everything)
    for s in view.sections:
        assert 4 <= len(s.questions) <= 12, f"section {s.id} has {len(s.questions)} questions"


@pytest.mark.parametrize("profile", PROFILES)
def test_references_covered(content, profile):
    view = content.for_profile(profile)
    refs = {r for q in view.questions for r in q.refs}
    covers = content.framework.profile(profile).covers
    assert covers, f"{profile}: framework.yaml lists no reference the profile must cover"
    missing = [r for r in covers if r not in refs]
    assert not missing, f"{profile}: no question checks {missing}"


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
            f"{where}: spacing is applied by wizard.core.typography, write plain spaces")
        assert '"' not in text.fr, f"{where}: use « guillemets » in {text.fr!r}"


def test_text_type_is_used_for_content(content):
    assert all(isinstance(t, Text) for _, t in all_texts(content))
