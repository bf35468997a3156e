"""An assessment answered on an earlier content says which questions are new and which are gone."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from wizard.core.content_changes import between, changes_since, of_profile
from wizard.core.model import Answer, Assessment, ContentStamp, Organisation


def _assessment(stamp: ContentStamp, answers: dict[str, str]) -> Assessment:
    return Assessment("lab", Organisation("Labo"), date(2026, 11, 28), content=stamp,
                      answers={k: Answer(v) for k, v in answers.items()})


def test_new_and_retired_questions_since_the_version_answered(mini):
    ids = [q.id for q in mini.questions]
    # Version "0" had every question but the audit clause, and one question since retired.
    content = replace(mini, versions={"0": tuple(i for i in ids if i != "t.a28.contract.audit") + ("t.old.q",),
                                      "1": tuple(ids)})
    lab = content.for_profile("lab")
    a = _assessment(ContentStamp("test-mini", "0"), {"t.a28.contract.signed": "yes", "t.old.q": "no"})
    changes = changes_since(lab, a, content)
    assert changes is not None
    assert (changes.since, changes.now, changes.new, changes.gone) == ("0", "1", ("t.a28.contract.audit",), ("t.old.q",))


def test_nothing_to_say_on_the_current_content_or_another_framework(mini):
    lab = mini.for_profile("lab")
    assert changes_since(lab, _assessment(mini.framework.stamp, {"t.a28.contract.signed": "yes"}), mini) is None
    other = _assessment(ContentStamp("iso-27001", "2027.1"), {"x.y.z": "no"})
    assert changes_since(lab, other, mini) is None


def test_a_vendor_answer_is_not_taken_for_a_retired_question(mini):
    """The whole questionnaire tells a retired question from one of another profile."""
    lab = mini.for_profile("lab")
    a = _assessment(ContentStamp("test-mini", "0"), {"t.a32.access.vendor_only": "yes"})
    assert changes_since(lab, a, mini) is None


def test_between_two_versions_a_profile_is_told_of_its_own_questions_only(mini):
    """versions.yaml lists every profile's questions: a laboratory's comparison or merge names
    none of a vendor's, new or retired."""
    ids = tuple(q.id for q in mini.questions)
    versions = {"0": ("t.a28.contract.signed", "lab.a28.retired", "vendor.a28.retired", "t.a28.retired",
                      "vendor.a32.answered_retired"),
                "1": ids}
    lab = mini.for_profile("lab")
    change = between(versions, "0", "1", of_profile(lab, "lab", versions=versions,
                                                    answered={"vendor.a32.answered_retired"}))
    assert "t.a32.access.vendor_only" in ids
    assert change.new == ("t.a28.contract.audit", "t.a28.sub.any", "t.a28.sub.authorised", "t.a28.sub.same_terms",
                          "t.a32.access.individual")
    # Retired: the laboratory's, one whose id names no profile, and one the assessments answered.
    assert change.gone == ("lab.a28.retired", "t.a28.retired", "vendor.a32.answered_retired")
    vendor = between(versions, "0", "1", of_profile(mini.for_profile("vendor"), "vendor", versions=versions))
    assert "t.a28.sub.any" not in vendor.new and "t.a32.access.vendor_only" in vendor.new
    assert vendor.gone == ("vendor.a28.retired", "t.a28.retired", "vendor.a32.answered_retired")
