"""Issue 12: a clause put into (or taken out of) a sentence that names a term of the policy is a
material change even when the rubric rates the provision the same; AI language inside another
provision's passage is named as ai_training."""

from __future__ import annotations

from summarizer.api import compare_texts

OLD = "# Terms\n\n## Your account\n\nWe may suspend your account if you break these terms.\n"


def test_an_appended_clause_on_automated_decisions_is_material_and_named():
    new = OLD.replace(
        "break these terms.",
        "break these terms, and this may be decided by automated decision-making without human review.",
    )
    record = compare_texts(OLD, new)
    assert record.material
    assert "ai_training" in record.categories
    assert record.headline and not record.headline.startswith("No material change")


def test_the_same_clause_taken_out_is_material_too():
    new = OLD.replace(
        "break these terms.",
        "break these terms, and this may be decided by automated decision-making without human review.",
    )
    assert compare_texts(new, OLD).material


def test_ai_language_added_to_a_licence_is_named_even_when_the_licence_leads():
    old = "# Terms\n\n## Your content\n\nYou grant us a licence to host and display the content you post.\n"
    new = old.replace(
        "you post.", "you post, and to develop new features, including AI agents that act on your behalf."
    )
    record = compare_texts(old, new)
    assert record.material and "ai_training" in record.categories


def test_a_short_or_generic_insertion_stays_cosmetic():
    assert not compare_texts(OLD, OLD.replace("We may suspend", "We can suspend")).material
    generic = OLD.replace("these terms.", "these terms, as explained on this page of our website.")
    assert not compare_texts(OLD, generic).material
