"""Round 9 (crec9) recall and exposure readings (issue #15), each on a synthetic change; the golden cases
measure the whole (`python bench/compliance_folds.py` prints the figures per fold)."""

from __future__ import annotations

from summarizer.compliance.exposure import rate_exposure
from summarizer.compliance.moderation import mark_moderation_changes
from summarizer.compliance.processors import mark_processor_changes
from summarizer.compliance.regions import RegionMention
from summarizer.compliance.select import select_entries
from summarizer.compliance.signals import change_signals
from summarizer.compliance.sources import mark_third_party_sources
from summarizer.compliance.table import load_table
from tests.compliance.conftest import make_change

_EU = {
    "EU": RegionMention("EU", "European Union", 4, "If you are located in the European Union", evidence=2),
    "EEA": RegionMention("EEA", "European Economic Area", 3, "If you are located in the EEA", evidence=2),
}


def _in_section(change, section: str):
    return change.model_copy(update={"section": section})


# --- 1. A change to the list of processors engages GDPR Art. 28 ------------------------------------------


def test_a_row_of_a_sub_processor_list_that_changes_engages_art_28() -> None:
    """A row renamed under a "List of Sub-processors" heading (the record rates it the same, a rename) is
    a processor replaced: Art. 28, whatever category the record filed it under."""
    row = change_signals(
        _in_section(
            make_change(
                "data_collection",
                "reworded",
                ["User.com: for CRM service, customer support, online chat."],
                ["Intercom.com: for CRM service, customer support, online chat."],
                severity_after="medium",
            ),
            "Privacy policy › Other Things You Should Know › List of Sub-processors",
        )
    )
    mark_processor_changes([row])
    assert "processor_changed" in row.names
    ids = {e.entry.id for e in select_entries(load_table(), [row], _EU, document="privacy")}
    assert ids == {"gdpr-art28-processors"}


def test_a_table_row_under_a_service_provider_heading_needs_no_processor_word_in_its_quotes() -> None:
    row = change_signals(
        _in_section(
            make_change(
                "third_party_sharing",
                "narrowed",
                ["Docker.io | Hosting/Infrastructure | United States/EMEA"],
                ["OVHCloud | Hosting/Infrastructure | France"],
                severity_after="high",
            ),
            "Privacy Policy › LIST OF THIRD-PARTY SERVICE PROVIDERS",
        )
    )
    mark_processor_changes([row])
    assert "processor_changed" in row.names
    ids = {e.entry.id for e in select_entries(load_table(), [row], _EU, document="privacy")}
    assert "gdpr-art28-processors" in ids


def test_a_sentence_that_adds_a_sub_processor_is_read_wherever_it_sits() -> None:
    log = change_signals(
        make_change(
            "policy_change_notice",
            "expanded",
            [],
            ["January 8, 2026: Added Intercom to the list of sub-processors."],
        )
    )
    mark_processor_changes([log])
    assert "processor_changed" in log.names


def test_markup_only_or_no_processor_word_gives_no_processor_signal() -> None:
    markup = change_signals(
        _in_section(
            make_change("third_party_sharing", "reworded", ["**Stripe** | Payments"], ["Stripe | Payments"]),
            "Privacy Policy › Sub-processors",
        )
    )
    elsewhere = change_signals(
        make_change("third_party_sharing", "reworded", ["Stripe | Payments"], ["Adyen | Payments"])
    )
    payment = change_signals(
        make_change(
            "liability_warranty_payment",
            "reworded",
            ["Payments are handled by our payment processor."],
            ["Payments are handled by our payment processor, Adyen."],
        )
    )
    contracting = change_signals(
        _in_section(
            make_change(
                "third_party_sharing",
                "reworded",
                ["These Terms are between you and Spotify USA Inc, 45 West 18th Street."],
                ["These Terms are between you and Spotify USA Inc, 4 World Trade Center."],
            ),
            "Spotify Terms of Use › Service Provider",
        )
    )
    mark_processor_changes([markup, elsewhere, payment, contracting])
    assert not {"processor_changed"} & (markup.names | elsewhere.names | payment.names | contracting.names)


def test_a_processor_list_update_alone_rates_low_exposure() -> None:
    """The labelling protocol rates a disclosed processor list updated as low, whatever severity the record
    gives the list's section."""
    row = change_signals(
        _in_section(
            make_change(
                "third_party_sharing",
                "narrowed",
                ["Docker.io | Hosting/Infrastructure | United States/EMEA"],
                ["OVHCloud | Hosting/Infrastructure | France"],
                severity_after="high",
            ),
            "Privacy Policy › List of sub-processors",
        )
    )
    mark_processor_changes([row])
    engaged = select_entries(load_table(), [row], _EU, document="privacy")
    assert rate_exposure(engaged).level == "low"


# --- 2. A moderation process or content rule that changes engages DSA Art. 14 -------------------------------

_EU_TERMS = dict(_EU)
_OLD_DOC = "Terms of Use. Our community guidelines apply to everything you post."
_NEW_DOC = "Terms of Use. Our community guidelines apply to everything you post, as before."


def test_a_moderation_step_that_goes_engages_the_dsa_terms_article() -> None:
    """The human step of a moderation process dropped (the record rates the rewording the same) is a change
    to the moderation rules a platform's terms must state (DSA Art. 14), whatever category it was filed under."""
    step = change_signals(
        make_change(
            "content_license_ip",
            "reworded",
            [
                "If the content does not pass initial technological review, a team of human moderators reviews "
                "the content to determine if it meets our guidelines."
            ],
            [
                "If the content does not pass technological review, it is rejected and not made visible on our services."
            ],
            severity_after="high",
        )
    )
    mark_moderation_changes([step], _OLD_DOC, _NEW_DOC)
    assert "moderation_changed" in step.names
    ids = {e.entry.id for e in select_entries(load_table(), [step], _EU_TERMS, document="terms")}
    assert "dsa-art14-terms-and-conditions" in ids


def test_new_moderation_tools_in_a_list_of_restrictions_are_read() -> None:
    listed = change_signals(
        make_change(
            "ai_training",
            "narrowed",
            ["We impose certain restrictions on user-provided content, including moderating user comments."],
            [
                "Use of algorithmic tools to restrict the visibility of search results containing adult content "
                "in certain cases."
            ],
            direction="down",
        )
    )
    mark_moderation_changes([listed], _OLD_DOC, _NEW_DOC)
    assert "moderation_changed" in listed.names


def test_the_same_moderation_words_reworded_are_no_moderation_change() -> None:
    """A takedown passage reworded around the same words ("Take Down Request" → "report") changes no rule."""
    reworded = change_signals(
        make_change(
            "account_termination",
            "reworded",
            [
                "A team of humans will review your Take Down Request, and we will remove the Content if we agree "
                "that it is in breach of our Acceptable Use Policy."
            ],
            [
                "A team of humans will review your report, and we will remove the Content if we agree that it is "
                "in breach of our Acceptable Use Policy."
            ],
        )
    )
    unrelated = change_signals(
        make_change(
            "liability_warranty_payment", "reworded", ["Fees are due monthly."], ["Fees are due yearly."]
        )
    )
    setting = change_signals(
        make_change(
            "choice_consent",
            "reworded",
            ["Public posts you favorite are shown on your profile."],
            ["Public posts that you favorite are always visible from your profile and cannot be hidden."],
        )
    )
    mark_moderation_changes([reworded, unrelated, setting], _OLD_DOC, _NEW_DOC)
    assert "moderation_changed" not in reworded.names | unrelated.names | setting.names


def test_a_moderation_change_does_not_engage_the_dsa_terms_article_in_a_privacy_notice() -> None:
    step = change_signals(
        make_change(
            "data_use_purpose",
            "expanded",
            [],
            ["We use automated tools to moderate content and remove posts that violate our rules."],
            direction="up",
        )
    )
    mark_moderation_changes([step], _OLD_DOC, _NEW_DOC)
    ids = {e.entry.id for e in select_entries(load_table(), [step], _EU_TERMS, document="privacy")}
    assert "dsa-art14-terms-and-conditions" not in ids


def test_moderation_words_that_moved_are_no_moderation_change() -> None:
    """A training clause whose quote loses "automated moderation" while the new document still says it
    (the clause was cut at another place) changes no moderation rule."""
    training = change_signals(
        make_change(
            "ai_training",
            "expanded",
            [
                "We will not train on Customer Content except when it is flagged as part of our automated moderation."
            ],
            ["Labs Models."],
            direction="up",
        )
    )
    new_doc = "Labs Models. We will not train on Customer Data except when it is flagged as part of our automated moderation."
    mark_moderation_changes([training], _OLD_DOC, new_doc)
    assert "moderation_changed" not in training.names


# --- 3. Exposure: a change rated the same that names a lawful basis or an AI voice anew is not favourable ---

_US = {"US": RegionMention("US", "United States", 3, "users in the United States", evidence=2)}


def test_an_ai_voice_rated_the_same_is_not_lowered_as_favourable() -> None:
    """ "No engaged change makes the text worse" lowers a change the record rates better; one rated the same
    that brings in an AI voice states a practice anew (as added practice words do), so it is not lowered."""
    voice = change_signals(
        make_change(
            "data_use_purpose",
            "reworded",
            ["We may contact you for marketing purposes by phone."],
            [
                "We may contact you for marketing purposes using a voice generated using artificial intelligence."
            ],
            direction="same",
            severity_after="medium",
        )
    )
    assert "ai_interaction" in voice.names
    engaged = select_entries(load_table(), [voice], _EU, document="privacy")
    assert rate_exposure(engaged).level == "medium"


def test_a_transfer_mechanism_rated_the_same_is_still_lowered() -> None:
    """A safeguard named anew (standard contractual clauses) protects: rated the same, it is lowered as before."""
    mechanism = change_signals(
        make_change(
            "international_transfer",
            "expanded",
            ["We transfer personal data to other countries."],
            [
                "We transfer personal data to other countries under the Standard Contractual Clauses approved "
                "by the European Commission."
            ],
            direction="same",
            severity_after="medium",
        )
    )
    assert "transfer_mechanism_changed" in mechanism.names
    engaged = select_entries(load_table(), [mechanism], _EU, document="privacy")
    assert engaged and rate_exposure(engaged).level == "low"


# --- 4. Data obtained from a third party engages GDPR Art. 14 ------------------------------------------------


def test_data_obtained_from_a_third_party_source_engages_art_14() -> None:
    """A new source of data about people (an analytics provider, "publicly available sources") is what Art. 14
    governs, wherever the record filed the passage (here under advertising)."""
    source = change_signals(
        make_change(
            "sale_targeted_ads",
            "expanded",
            ["We collect data you give us when you register."],
            [
                "We collect data you give us when you register.",
                "We may obtain or receive personal data about you from analytics providers such as Google.",
            ],
            direction="up",
            severity_after="high",
        )
    )
    mark_third_party_sources([source], "We collect data you give us when you register.")
    assert "third_party_source" in source.names
    ids = {e.entry.id for e in select_entries(load_table(), [source], _EU, document="privacy")}
    assert "gdpr-art14-information-indirect" in ids


def test_training_data_provided_by_third_parties_is_a_source() -> None:
    datasets = change_signals(
        make_change(
            "ai_training",
            "added",
            [],
            [
                "Training Datasets. Data publicly available on the Internet. Data provided by third parties (e.g., licensed datasets)."
            ],
            direction="up",
        )
    )
    mark_third_party_sources([datasets], "Privacy policy.")
    assert "third_party_source" in datasets.names


def test_a_source_the_old_document_already_names_or_data_given_out_is_no_new_source() -> None:
    old_doc = "We may receive information about you from our advertising partners."
    moved = change_signals(
        make_change(
            "data_collection",
            "expanded",
            [],
            ["We may receive information about you from our advertising partners."],
            direction="up",
        )
    )
    given = change_signals(
        make_change(
            "third_party_sharing",
            "expanded",
            [],
            ["We may share information about you with our advertising partners."],
            direction="up",
        )
    )
    brokers = change_signals(
        make_change(
            "sale_targeted_ads",
            "expanded",
            [],
            [
                "These third parties may include companies who take part in cross-context behavioral advertising and data brokers."
            ],
            direction="up",
        )
    )
    mark_third_party_sources([moved, given, brokers], old_doc)
    assert "third_party_source" not in moved.names | given.names | brokers.names
