"""Round-3 selection rules (issue #15): signals come from the change's own words, whatever the record's
rating says, and a law's rules on different topics are each engaged.

Synthetic changes, so each rule is checked on its own; the golden cases measure the whole.
"""

from __future__ import annotations

import pytest

from summarizer.compliance.regions import mentioned_regions
from summarizer.compliance.select import select_entries
from summarizer.compliance.signals import change_signals, mark_new_topics
from summarizer.compliance.table import load_table
from tests.compliance.conftest import make_change

_change = make_change


PROFILING = (
    "Certain uses of your personal data involve automated processing, including profiling, to personalize "
    "the products, content and advertising you see on the Platform."
)


def test_a_new_paragraph_states_its_practice_even_when_rated_narrowed() -> None:
    cs = change_signals(_change("ai_training", "narrowed", [], [PROFILING], direction="down"))
    assert {"automated_decisions", "targeted_advertising"} <= cs.names
    assert {"automated_decisions", "targeted_advertising"} <= cs.added


def test_a_new_paragraph_that_denies_a_practice_does_not_state_it() -> None:
    cs = change_signals(
        _change(
            "third_party_sharing", "added", [], ["We will not sell your personal data."], direction="down"
        )
    )
    assert "sale_of_data" not in cs.names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("help determine whether users should receive age-appropriate protections", False),
        ("we collect your location information when you use the app", True),
        ("we may infer your interests from the data you provide", True),
    ],
)
def test_new_data_type_needs_a_verb_of_collection_with_a_data_object(text: str, expected: bool) -> None:
    cs = change_signals(_change("data_collection", "expanded", ["Old sentence."], [text]))
    assert ("new_data_type" in cs.names) is expected


def test_a_misfiled_passage_without_data_words_opens_no_purpose() -> None:
    misfiled = _change(
        "data_use_purpose",
        "added",
        [],
        ["Google services may frequently use the Internet when you're not actively engaged with them."],
        direction="unclear",
    )
    assert "purpose_broadened" not in change_signals(misfiled).names
    real = _change(
        "data_use_purpose",
        "added",
        [],
        ["We use your messages to improve our assistant."],
        direction="unclear",
    )
    assert "purpose_broadened" in change_signals(real).names


def test_face_data_is_sensitive_data() -> None:
    cs = change_signals(
        _change(
            "data_use_purpose",
            "expanded",
            ["We may use the content of your photos to show you more content."],
            [
                "If you enable face grouping features, we may use information about faces detected in your photos."
            ],
        )
    )
    assert "sensitive_data" in cs.names


def test_a_topic_already_in_the_old_document_is_not_new_when_the_passage_only_moved() -> None:
    moved = change_signals(
        _change(
            "choice_consent",
            "added",
            [],
            ["If you are under 18 you must have parental consent."],
            direction="unclear",
        )
    )
    grown = change_signals(
        _change(
            "data_use_purpose",
            "expanded",
            ["We use photos to organise your albums."],
            ["We use photos and information about faces to organise your albums."],
        )
    )
    old_document = "Users under 18 need a parent's consent. We use photos to organise your albums."
    mark_new_topics([moved, grown], old_document, frozenset({"children_data", "sensitive_data"}))
    assert moved.new_topics == set()  # children were addressed before: the sentence moved
    assert grown.new_topics == {"sensitive_data"}  # the passage itself gains the words


def test_an_ads_change_engages_the_lawful_basis_and_the_objection_right() -> None:
    """Art. 6(1) and Art. 21 GDPR are different topics of one law: neither excludes the other."""
    change = _change(
        "sale_targeted_ads",
        "expanded",
        ["We may infer whether activity from different devices is associated to measure ads."],
        [
            "We may infer whether activity from different devices is associated to measure ads or to improve "
            "the relevance of ads you see."
        ],
    )
    cs = change_signals(change)
    assert "targeted_advertising" in cs.names
    regions = mentioned_regions("This policy applies to users in the European Union under the GDPR.")
    ids = {e.entry.id for e in select_entries(load_table(), [cs], regions)}
    assert {"gdpr-art6-1-lawful-basis", "gdpr-art21-2-3-objection-direct-marketing"} <= ids
    # DSA Art. 26(3) is about profiling with sensitive data: an ads change without it does not engage it
    assert "dsa-art26-3-no-special-category-profiling-ads" not in ids
