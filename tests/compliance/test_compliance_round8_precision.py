"""Round 8 (#15, precision, cprec8): three narrow readings proposed by why8 (docs/compliance.md, item 5).

Synthetic changes and texts, so each rule is checked on its own; the golden cases measure the whole.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.compliance.signals import change_signals
from tests.compliance.conftest import make_change


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a category filed under transfers that says nothing of data going abroad
        (
            "The application of the United Nations Convention on Contracts for the International Sale of Goods is excluded.",
            False,
        ),
        ("Customer will not copy or modify the Software.", False),
        # a transfer stated in its own words
        ("We may transfer your personal data to servers located outside the European Economic Area.", True),
        ("Your information may be processed in countries other than the one where you live.", True),
        ("Data may be stored overseas by our group companies.", True),
        ("We rely on the Standard Contractual Clauses for these transfers.", True),
    ],
)
def test_a_new_transfer_destination_needs_a_word_of_transfer(text: str, expected: bool) -> None:
    cs = change_signals(make_change("international_transfer", "added", [], [text], direction="up"))
    assert ("new_transfer_destination" in cs.names) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a clause word inside a cross-reference names a section, it does not state the clause
        (
            "Except as set forth in Section 19 (Arbitration), any claim arising out of these Terms must be brought "
            "exclusively in the state or federal courts located in San Francisco.",
            False,
        ),
        (
            "Subject to Section 12 (Arbitration and Class Action Waiver), these Terms are governed by Delaware law.",
            False,
        ),
        (
            "As described in the section titled “Arbitration” below, some disputes are handled differently.",
            False,
        ),
        # the clause stated outright, beside or without a reference
        ("You and we agree to resolve any dispute by binding individual arbitration.", True),
        (
            "Except as set forth in Section 19 (Arbitration), claims go to court; small claims may also be resolved "
            "by binding arbitration.",
            True,
        ),
        ("Section 19. Arbitration. All disputes will be resolved by arbitration.", True),
    ],
)
def test_a_clause_word_inside_a_cross_reference_states_no_clause(text: str, expected: bool) -> None:
    cs = change_signals(make_change("dispute_resolution", "added", [], [text], direction="up"))
    assert ("arbitration_clause" in cs.names) is expected


def test_a_cross_reference_to_a_children_section_is_no_childrens_data() -> None:
    text = "For more information, see Section 9 (Children's Privacy) and Section 10 (Your Choices)."
    cs = change_signals(make_change("children_audiences", "added", [], [text], direction="up"))
    assert "children_data" not in cs.names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a representative under GDPR Art. 27: appointed by a controller with no EU establishment
        (
            "For individuals located in the European Union, OFi Technologies LLC has designated the following "
            "representative in the Union under Article 27 GDPR for matters related to the processing of personal data.",
            True,
        ),
        (
            "Individuals and the data protection supervisory authorities in the EU/EEA may also contact our data "
            "protection representatives according to Article 27 GDPR below:",
            True,
        ),
        ("You may contact our EU Representative on matters related to the GDPR.", True),
        ("We have appointed a representative in the European Economic Area.", True),
        # other representatives
        ("Our customer service representatives may contact you by phone.", False),
        ("A representative of the European Commission attended the meeting.", False),
        ("Our UK Representative under Article 27 of the UK GDPR is Example Ltd.", False),
        ("You may use an authorized agent or legal representative to submit a request.", False),
    ],
)
def test_an_eu_representative_is_read(text: str, expected: bool) -> None:
    from summarizer.compliance.establishment import names_eu_representative

    assert (names_eu_representative(text) is not None) is expected


def _ads_pair(tmp_path, extra: str):
    examples = Path(__file__).resolve().parents[2] / "examples"
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    ADS_OLD, ADS_NEW = examples / "ads-v1.md", examples / "ads-v2.md"
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(ADS_OLD.read_text(encoding="utf-8") + extra, encoding="utf-8")
    new.write_text(ADS_NEW.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return old, new


def test_no_lead_authority_where_the_document_names_an_eu_representative(tmp_path) -> None:
    from summarizer.api import compare_files

    lead = "gdpr-art56-lead-authority"
    old, new = _ads_pair(tmp_path, "")
    assert lead in compare_files(old, new, compliance="offline").compliance.entries
    old, new = _ads_pair(
        tmp_path,
        "\n## EU Representative\n\nWe have appointed Example Rep SARL as our representative in the Union under Article 27 GDPR.\n",
    )
    section = compare_files(old, new, compliance="offline").compliance
    assert lead not in section.entries
    assert any(f.code == "EU" for f in section.jurisdictions)  # the EU is still flagged, without Art. 56


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a browser's Do Not Track signal is the reader's preference, not a technology read from the device
        (
            'Some browsers offer a "Do Not Track" ("DNT") signal where you can indicate your preference regarding '
            "tracking and cross-site tracking.",
            False,
        ),
        ("We do not currently respond to Do Not Track signals.", False),
        # a tracker itself
        ("We and our partners place cookies and pixels on your device.", True),
    ],
)
def test_do_not_track_is_a_preference_not_a_tracker(text: str, expected: bool) -> None:
    # a new passage the record rates better: what its words state is still read (a pure addition)
    cs = change_signals(make_change("tracking_tech", "added", [], [text], direction="down"))
    assert ("tracking_technology" in cs.names) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the controller is established outside the Union, and no controller in a Member State is named
        (
            "X.AI LLC, which is based in the USA, is the controller of your personal information as described in "
            "this Privacy Policy, unless otherwise specified.",
            True,
        ),
        (
            "If you are in the EEA the data controller of your personal information is Alibaba.com Singapore "
            "E-Commerce Private Limited (incorporated in Singapore with Company Reg. No. 200720572D).",
            True,
        ),
        (
            "Data Controller: The Services are provided and controlled by Hangzhou DeepSeek Artificial Intelligence "
            "Co., Ltd., with its registered address in China.",
            True,
        ),
        # a controller in a Member State for EU users (a main establishment there): the lead authority applies
        (
            "If you are located in the Designated Countries, LinkedIn Ireland Unlimited Company, Dublin, Ireland, is "
            "the data controller. Otherwise LinkedIn Corporation, based in the United States, is the data controller.",
            False,
        ),
        ("Mistral AI, a French company, is the data controller.", False),
        # no establishment stated, or the reader is the controller
        ("Example Co. is the controller of your personal data.", False),
        ("In this case, you are the data controller, and we are based in the United States.", False),
    ],
)
def test_a_controller_established_outside_the_union_is_read(text: str, expected: bool) -> None:
    from summarizer.compliance.establishment import controller_outside_union

    assert (controller_outside_union(text) is not None) is expected


def test_no_lead_authority_where_the_controller_is_established_outside_the_union(tmp_path) -> None:
    from summarizer.api import compare_files

    old, new = _ads_pair(
        tmp_path,
        "\n## Who we are\n\nExample Co. Inc., which is based in the USA, is the controller of your personal information.\n",
    )
    assert "gdpr-art56-lead-authority" not in compare_files(old, new, compliance="offline").compliance.entries
    old, new = _ads_pair(
        tmp_path,
        "\n## Who we are\n\nFor users in the EU, Example Co. Ireland Limited, Dublin, Ireland, is the controller.\n",
    )
    assert "gdpr-art56-lead-authority" in compare_files(old, new, compliance="offline").compliance.entries
