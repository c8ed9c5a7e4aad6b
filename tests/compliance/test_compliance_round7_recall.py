"""Round 7, second pass (#15, crec7b): recall readings that are general, each checked on every open fold."""

from __future__ import annotations

from summarizer.compliance.regions import RegionMention
from summarizer.compliance.select import select_entries
from summarizer.compliance.signals import change_signals
from summarizer.compliance.table import load_table
from tests.compliance.conftest import make_change

_EU = {"EU": RegionMention("EU", "European Union", 3, "If you live in the European Union", evidence=2)}


def _ids(change, regions) -> set[str]:  # noqa: ANN001
    return {e.entry.id for e in select_entries(load_table(), [change_signals(change)], regions)}


def test_a_general_provision_subsumed_by_a_closer_sibling_leaves_its_slot_to_another_rule() -> None:
    # Art. 6(1) (any lawful basis) is engaged only by signals Art. 6(1)(f) (legitimate interests) also
    # takes, and 6(1)(f) fits better: 6(1) does not take one of the four EU places, so the notice
    # before a new purpose (Art. 13(3)) is kept for a switch to legitimate interests for AI training.
    change = make_change(
        "ai_training",
        "reworded",
        ["We train content-generating AI models with your data only with your consent."],
        [
            "We are updating this notice to provide information about our reliance on Legitimate Interests "
            "as the legal basis for training content-generating AI models with your data."
        ],
        direction="up",
    )
    ids = _ids(change, _EU)
    assert "gdpr-art6-1f-legitimate-interests" in ids
    assert "gdpr-art13-3-notice-before-new-purpose" in ids
    assert "gdpr-art6-1-lawful-basis" not in ids


def test_a_member_states_law_or_courts_is_read_as_a_choice_of_eu_law() -> None:
    from summarizer.compliance.member_states import member_state_choice

    text = (
        "BeReal SAS, 75001 Paris, FRANCE.\n"
        "You and BeReal consent to the exclusive jurisdiction of the courts of Paris and French law. "
        "These terms are governed by the laws of Ireland."
    )
    found = member_state_choice(text)
    assert found is not None and found[0] == 2
    assert "French law" in found[1]
    assert member_state_choice("the laws of the Netherlands apply")[0] == 1  # type: ignore[index]
    assert member_state_choice("the courts of Paris, Texas; the laws of the State of California") is None
    assert member_state_choice("Our German-language support team") is None


_TERMS_CHANGE = make_change(
    "policy_change_notice",
    "reworded",
    ["We will let you know approximately 30 days before the update goes into effect."],
    [
        "If we make an update that impacts your rights, we will notify you within a reasonable time before "
        "the update takes effect, unless the update is required for security or legal compliance reasons."
    ],
    direction="up",
)
_US = {"US": RegionMention("US", "United States (federal)", 2, "Users in the United States", evidence=2)}


def _contract_ids(regions, text: str) -> set[str]:  # noqa: ANN001
    from summarizer.compliance.member_states import contract_regions

    changed = [change_signals(_TERMS_CHANGE)]
    contract = contract_regions(regions, text)
    return {
        e.entry.id
        for e in select_entries(load_table(), changed, regions, document="terms", contract=contract)
    }


def test_terms_under_a_member_states_law_engage_the_eu_consumer_contract_rules_only() -> None:
    ids = _contract_ids(_US, "Disputes go to the courts of Paris and French law applies.")
    assert "uctd-annex-1j-unilateral-alteration" in ids
    # data-protection law does not follow the contract's law, nor does the P2B Regulation (business users)
    assert not {i for i in ids if i.startswith(("gdpr-", "p2b-"))}
    # without the choice of law, the same US-addressed terms engage no EU rule
    assert not {i for i in _contract_ids(_US, "Disputes go to the courts of Texas.") if i.startswith("uctd-")}


def test_a_document_already_addressing_the_eu_is_not_read_again() -> None:
    from summarizer.compliance.member_states import contract_regions

    assert contract_regions(_EU, "French law applies.") == {}


def test_a_facial_scan_beyond_the_quote_is_special_category_data_but_a_health_word_is_not() -> None:
    from summarizer.compliance.hunk_text import hunk_signals
    from summarizer.diffing.engine import diff_documents
    from summarizer.diffing.load import parse_document

    old = "# Privacy Policy\n\nWe collect the email address you give us to run your account.\n"
    intro = "To access some features you must verify your age with one of these methods."

    def read(added: str) -> list[set[str]]:
        diff = diff_documents(
            parse_document(old, source="old.md"), parse_document(f"{old}\n{intro} {added}\n", source="new.md")
        )
        hunk = next(h for h in diff.hunks if intro in h.new_text)
        parent = make_change("data_collection", "added", [], [intro], direction="up")
        parent.hunk_ids = [hunk.id]
        return [
            set(cs.signals)
            for cs in hunk_signals([change_signals(parent)], diff, diff.old.text, diff.new.text)
        ]

    assert read("You may upload a selfie or a real-time facial scan used to estimate your age.") == [
        {"sensitive_data"}
    ]
    assert read("We may ask you about your health when you contact our support team by phone.") == []
    assert read("We do not retain any biometric data or facial images provided to our vendors.") == []
