"""Round 9 (crec9) recall and exposure readings (issue #15), each on a synthetic change; the golden cases
measure the whole (`python bench/compliance_folds.py` prints the figures per fold)."""

from __future__ import annotations

from summarizer.compliance.exposure import rate_exposure
from summarizer.compliance.processors import mark_processor_changes
from summarizer.compliance.regions import RegionMention
from summarizer.compliance.select import select_entries
from summarizer.compliance.signals import change_signals
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
        make_change("policy_change_notice", "expanded", [], ["January 8, 2026: Added Intercom to the list of sub-processors."])
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

