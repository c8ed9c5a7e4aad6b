"""Round 6 (#15, precision): over-citations that come from structure, not phrasing."""

from __future__ import annotations

import re

import pytest

from summarizer.compliance.denials import asserted, in_denial
from summarizer.compliance.signals import change_signals
from tests.compliance.conftest import make_change


def _at(text: str, word: str) -> int:
    return text.index(word)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        (
            "Information shared with ChatGPT for Teachers is not used to train our models by default.",
            "train",
            True,
        ),
        (
            "We will not obtain your precise geolocation information without your explicit consent.",
            "precise",
            True,
        ),
        # a long list under one negated verb, across the dot of "U.S."
        (
            "Mistral AI has not “sold,” “shared,” or engaged in “targeted advertising” with (as those terms are "
            "defined under U.S. state privacy laws) any personal data of consumers in the preceding 12 months, "
            "including of any consumer that we know is under 18 years old.",
            "under 18",
            True,
        ),
        # a clause break or a new sentence ends the denial
        ("We do not sell your data, but we use it to train our models.", "train", False),
        ("We do not sell your data. We use it to train our models.", "train", False),
        ("We do not sell your data, and we may use it to train our models.", "train", False),
        # a negation that is not a verb of data handling denies nothing far off
        ("We do not control how partners use your data for training of their models.", "training", False),
        ("We use your conversations to train our models.", "train", False),
    ],
)
def test_a_practice_word_inside_a_denial(text: str, word: str, expected: bool) -> None:
    assert in_denial(text, _at(text, word)) is expected


def test_asserted_skips_denied_words() -> None:
    rx = re.compile(r"train\w*")
    assert asserted(rx, "Your chats are not used to train our models.") is None
    m = asserted(rx, "Your chats are not used to train our models. Feedback is used for training.")
    assert m is not None and m.group(0) == "training"


def test_a_denied_training_sentence_signals_no_training() -> None:
    change = make_change(
        "ai_training",
        "added",
        [],
        [
            "As with our Enterprise offerings, information shared with ChatGPT for Teachers is not used to train our models by default."
        ],
        direction="up",
    )
    assert "training_on_user_content" not in change_signals(change).names


def test_a_denied_sensitive_collection_signals_no_sensitive_data() -> None:
    change = make_change(
        "data_collection",
        "added",
        [],
        ["We will not obtain your precise geolocation information without your explicit consent."],
        direction="up",
    )
    assert "sensitive_data" not in change_signals(change).names


def test_children_named_inside_a_denied_sale_are_not_childrens_data() -> None:
    change = make_change(
        "children_audiences",
        "added",
        [],
        [
            "Mistral AI has not “sold,” “shared,” or engaged in “targeted advertising” with (as those terms are "
            "defined under U.S. state privacy laws) any personal data of consumers in the preceding 12 months, "
            "including of any consumer that we know is under 18 years old."
        ],
        direction="up",
    )
    assert "children_data" not in change_signals(change).names


def test_a_denied_sale_is_still_the_sale_laws_disclosure() -> None:
    # "has not sold ... in the preceding 12 months" is what CCPA 1798.130(a)(5)(C) asks a policy to say
    change = make_change(
        "sale_targeted_ads",
        "added",
        [],
        [
            "Mistral AI has not sold or engaged in targeted advertising with any personal data of consumers in the preceding 12 months."
        ],
        direction="up",
    )
    names = change_signals(change).names
    assert names & {"sale_of_data", "targeted_advertising"}


def test_a_stated_practice_still_fires() -> None:
    change = make_change(
        "ai_training",
        "added",
        [],
        ["We may use your conversations to train our models."],
        direction="up",
    )
    assert "training_on_user_content" in change_signals(change).names


def _eu_ids(category: str, old: list[str], new: list[str]) -> set[str]:
    from summarizer.compliance.regions import RegionMention
    from summarizer.compliance.select import select_entries
    from summarizer.compliance.table import load_table

    regions = {"EU": RegionMention("EU", "European Union", 3, "If you are in the EU, you may", evidence=2)}
    change = make_change(category, "expanded", old, new, direction="up")
    return {e.entry.id for e in select_entries(load_table(), [change_signals(change)], regions)}


def test_a_recipient_that_uses_data_for_itself_is_not_a_processor() -> None:
    # an employer's administrators receive course activity: Art. 13's recipient, not Art. 28's processor
    ids = _eu_ids(
        "third_party_sharing",
        [],
        [
            "OpenAI may share information about your OpenAI Academy activity, such as enrollment and progress, "
            "with your organization’s owners or administrators and other third parties."
        ],
    )
    assert "gdpr-art13-information-at-collection" in ids
    assert "gdpr-art28-processors" not in ids


def test_a_vendor_that_handles_data_for_the_company_is_a_processor() -> None:
    ids = _eu_ids(
        "third_party_sharing",
        ["We integrate search services."],
        [
            "We use third party vendors and service providers to provide necessary information to respond to your inquiries."
        ],
    )
    assert "gdpr-art28-processors" in ids


def test_a_new_destination_abroad_is_not_an_adequacy_question() -> None:
    ids = _eu_ids(
        "international_transfer",
        [],
        [
            "The personal data we collect from you may be stored on a server located outside of the country where you live."
        ],
    )
    assert "gdpr-art44-46-transfer-safeguards" in ids
    assert "gdpr-art45-adequacy" not in ids


def test_an_adequacy_decision_named_engages_art45() -> None:
    ids = _eu_ids(
        "international_transfer",
        [],
        [
            "We transfer personal data outside the EEA to countries covered by an adequacy decision of the European Commission."
        ],
    )
    assert "gdpr-art45-adequacy" in ids


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You also have the right to lodge a complaint with a supervisory authority.", True),
        ("The right to complain to a data protection authority about our use of your information.", True),
        # an authority named only as a party to a data-processing clause points no one anywhere
        (
            "The applicable data importer will be responsible for responding to enquiries from data subjects and "
            "the supervisory authority concerning the processing of applicable Controller Personal Data.",
            False,
        ),
        (
            "If Perplexity receives any notice, inquiry or investigations with respect to the Personal Data from a "
            "supervisory authority, Perplexity shall notify Customer.",
            False,
        ),
        ("We cooperate with authorities.", False),
    ],
)
def test_the_lead_authority_needs_a_sentence_pointing_people_to_one(text: str, expected: bool) -> None:
    from summarizer.compliance.analysis import _names_authority

    found = _names_authority("Privacy notice.\n" + text + "\nMore text.")
    assert (found is not None) is expected
    if expected:
        assert found == text


def test_a_processing_clause_is_passed_over_for_a_later_complaint_sentence() -> None:
    from summarizer.compliance.analysis import _names_authority

    text = (
        "The data importer shall notify the competent supervisory authority.\n"
        "You may complain to your data protection authority.\n"
    )
    assert _names_authority(text) == "You may complain to your data protection authority."


def test_a_model_named_as_a_party_is_not_training() -> None:
    # a subprocessor clause filed under AI training: "Model Providers" are vendors, nothing is trained
    change = make_change(
        "ai_training",
        "expanded",
        ["Perplexity will provide notice of new or replacement subcontractors by updating the list."],
        [
            "Perplexity will provide notice of new or replacement subcontractors (other than Model Providers) by "
            "updating the Trust Center Subprocessor List."
        ],
        direction="up",
    )
    assert "training_on_user_content" not in change_signals(change).names


def test_a_misfiled_passage_that_trains_still_signals_training() -> None:
    change = make_change(
        "ai_training",
        "expanded",
        ["We use your content to provide the service."],
        ["We use your content to provide the service and to train the models of our providers."],
        direction="up",
    )
    assert "training_on_user_content" in change_signals(change).names


def test_a_passage_filed_under_security_needs_words_of_security_for_breach_rules() -> None:
    change = make_change(
        "security_breach",
        "expanded",
        ["Each of your end users controls whether their conversations are retained."],
        ["Within your organization, end users can view their own conversations."],
        direction="up",
    )
    assert "breach_notice" not in change_signals(change).names
    dropped = make_change(
        "security_breach",
        "removed",
        ["Direct messages are end-to-end encrypted."],
        [],
        direction="up",
    )
    assert "breach_notice" in change_signals(dropped).names


def test_a_passage_filed_under_tracking_needs_words_of_tracking() -> None:
    misfiled = make_change(
        "tracking_tech",
        "added",
        [],
        ["OpenAI’s financial plugins and their Output are for informational purposes only."],
        direction="up",
    )
    assert "tracking_technology" not in change_signals(misfiled).names
    pixels = make_change(
        "tracking_tech",
        "expanded",
        ["We use cookies on our site."],
        ["We use cookies and pixels on our site and on partner sites."],
        direction="up",
    )
    assert "tracking_technology" in change_signals(pixels).names


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (
            "you agree to share information necessary to authenticate you (including name, email, and/or profile photo)",
            False,
        ),
        ("When you set up your profile, you provide profile details.", False),
        (
            "Certain uses involve automated processing, including profiling, to personalize what you see.",
            True,
        ),
        ("We build profiles of users from their activity.", True),
    ],
)
def test_profiling_is_not_a_users_profile(words: str, expected: bool) -> None:
    change = make_change("ai_training", "added", [], [words], direction="up")
    assert ("automated_decisions" in change_signals(change).names) is expected
