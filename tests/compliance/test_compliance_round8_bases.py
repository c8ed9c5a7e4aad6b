"""Round 8, second wave (#15, cprec8b): a lawful basis a privacy notice never names is not engaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.compliance.relied_bases import unrelied_entries
from summarizer.compliance.table import load_table

LI = "gdpr-art6-1f-legitimate-interests"


@pytest.mark.parametrize(
    ("document", "old", "new", "dropped"),
    [
        # a privacy notice that names no legitimate interest in either version does not rely on it
        (
            "privacy",
            "We use cookies with your consent.",
            "We use cookies to deliver targeted advertising.",
            True,
        ),
        # named in one version: the notice relies (or relied) on it, a switch is read as such
        ("privacy", "We rely on our legitimate interests.", "We rely on your consent.", False),
        ("privacy", "We rely on your consent.", "We rely on our legitimate business interest.", False),
        # contract terms, or a document of no known kind, need not state a basis: not read this way
        ("terms", "Terms.", "We may share information with your employer.", False),
        (None, "Text.", "More text.", False),
    ],
)
def test_legitimate_interests_need_the_notice_to_name_them(
    document: str | None, old: str, new: str, dropped: bool
) -> None:
    assert (LI in unrelied_entries(document, old, new)) is dropped


def test_a_skipped_entry_is_not_engaged_and_the_others_are() -> None:
    from summarizer.compliance.regions import mentioned_regions
    from summarizer.compliance.select import select_entries
    from summarizer.compliance.signals import change_signals
    from tests.compliance.conftest import make_change

    change = make_change(
        "data_use_purpose",
        "added",
        [],
        ["We now rely on our legitimate interests to use your data for personalised advertising."],
        "up",
        severity_after="medium",
    )
    regions = mentioned_regions("This policy applies to users in the European Union under the GDPR.")
    table = load_table()
    every = {e.entry.id for e in select_entries(table, [change_signals(change)], regions)}
    assert LI in every
    skipped = {
        e.entry.id for e in select_entries(table, [change_signals(change)], regions, skip=frozenset({LI}))
    }
    assert LI not in skipped
    # the same as a table without the entry: its family place goes to the next entry, as if it were absent
    smaller = type(table).model_construct(
        version=table.version, updated=table.updated, entries=tuple(e for e in table.entries if e.id != LI)
    )
    assert skipped == {e.entry.id for e in select_entries(smaller, [change_signals(change)], regions)}


def _pair(tmp_path: Path, basis: str) -> tuple[Path, Path]:
    examples = Path(__file__).resolve().parents[2] / "examples"
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    for src, dst in ((examples / "ads-v1.md", old), (examples / "ads-v2.md", new)):
        dst.write_text(
            src.read_text(encoding="utf-8").replace("legitimate interests", basis), encoding="utf-8"
        )
    return old, new


def test_a_notice_without_legitimate_interests_does_not_engage_art_6_1_f(tmp_path: Path) -> None:
    from summarizer.api import compare_files

    old, new = _pair(tmp_path, "legitimate interests")
    assert LI in compare_files(old, new, compliance="offline").compliance.entries
    old, new = _pair(tmp_path, "consent")  # the EU paragraph now rests every use on consent
    entries = compare_files(old, new, compliance="offline").compliance.entries
    assert LI not in entries
    assert "gdpr-art5-1b-purpose-limitation" in entries  # the rest of the analysis is read as before


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        # parties made beneficiaries of a clause may enforce it: nobody is given data
        (
            "8.6 DeepSeek’s affiliates, suppliers, licensors, and employees are intended third party "
            "beneficiaries of this section.",
            False,
        ),
        ("Microsoft is an intended third-party beneficiary of this Section 5.", False),
        # a recipient named in a sharing sentence still is one
        ("We may share your information with our affiliates and advertising partners.", True),
        ("Our affiliates may receive your information to provide the services.", True),
    ],
)
def test_third_party_beneficiaries_are_no_recipients(text: str, recipient: bool) -> None:
    from summarizer.compliance.signals import change_signals
    from tests.compliance.conftest import make_change

    for kind, old in (("added", []), ("expanded", ["We keep your account secure."])):
        change = make_change("third_party_sharing", kind, old, [text], direction=None)
        assert ("new_recipient_class" in change_signals(change).signals) is recipient


@pytest.mark.parametrize(
    ("text", "pointer"),
    [
        (
            "If you would like to learn more about our model mechanism or training methods, please refer to the "
            "[Model Mechanism and Training Methods of DeepSeek](https://cdn.deepseek.com/policies/x.html).",
            True,
        ),
        ("For more information about cookies, see https://example.com/cookies.", True),
        # a practice stated beside the link is still stated
        (
            "We use your chats to train our models; learn more in our [AI notice](https://example.com/ai).",
            False,
        ),
        # directions without a page, or a page without directions
        ("To learn more about training, contact us.", False),
        ("Those services may [link information](https://example.com/x) about your activity.", False),
    ],
)
def test_a_pointer_to_another_page_is_read(text: str, pointer: bool) -> None:
    from summarizer.compliance.signals import pointer_to_page

    assert pointer_to_page(text) is pointer


def test_a_category_signal_needs_its_topic_outside_a_pointer() -> None:
    from summarizer.compliance.signals import change_signals
    from tests.compliance.conftest import make_change

    old = ["For detailed rules, please carefully read the [Privacy Policy](https://example.com/privacy)."]
    pointer = (
        "If you would like to learn more about our model mechanism or training methods, please refer to the "
        "[Model Mechanism and Training Methods](https://example.com/model.html)."
    )
    change = make_change("ai_training", "expanded", old, [pointer], direction="up")
    assert "training_on_user_content" not in change_signals(change).signals
    stated = "We may use your conversations to train and improve our models."
    change = make_change("ai_training", "expanded", old, [stated], direction="up")
    assert "training_on_user_content" in change_signals(change).signals


def test_data_given_to_a_new_recipient_is_not_data_obtained_from_others() -> None:
    # GDPR Art. 14 is the duty of whoever obtains data not from the person: a notice that now gives its
    # data to a new recipient engages its own recipients list (Art. 13), not Art. 14.
    from summarizer.compliance.regions import RegionMention
    from summarizer.compliance.select import select_entries
    from summarizer.compliance.signals import change_signals
    from tests.compliance.conftest import make_change

    eu = {"EU": RegionMention("EU", "European Union", 3, "If you live in the European Union", evidence=2)}
    change = make_change(
        "choice_consent",
        "expanded",
        [
            "If you are a Buyer, we will share details of the products you viewed to enable Sellers to contact you."
        ],
        [
            "If you are a Buyer, we will share details of the products you viewed to enable Sellers, their "
            "affiliates and their third-party service providers to contact you."
        ],
        direction="up",
    )
    cs = change_signals(change)
    assert cs.shares  # the recipient reading
    ids = {e.entry.id for e in select_entries(load_table(), [cs], eu)}
    assert "gdpr-art13-information-at-collection" in ids
    assert "gdpr-art14-information-indirect" not in ids


@pytest.mark.parametrize(
    ("new", "basis"),
    [
        # a heading, or a pointer to the section that states the bases, names no basis
        ("Legal bases.", None),
        (
            "6. **Legal Bases for Processing.** For explanations of our legal bases for processing in "
            "jurisdictions where this disclosure is required, see Section 15, Supplemental Notices.",
            None,
        ),
        # a sentence stating the basis still does
        (
            "We process your personal data on the legal basis of our legitimate interests in keeping the service safe.",
            "legal basis",
        ),
        ("Legitimate interests.", "Legitimate interests"),
    ],
)
def test_a_generic_basis_word_in_a_heading_or_pointer_names_no_basis(new: str, basis: str | None) -> None:
    from summarizer.compliance.practices import new_legal_basis

    assert new_legal_basis("We keep your account secure.", new) == basis
