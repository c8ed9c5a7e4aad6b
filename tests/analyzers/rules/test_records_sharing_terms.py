"""The reader's data going to a recipient outside the company, named by a changed sentence, files the
record under third_party_sharing beside its other subjects (sharing_terms.py; issue 12, round 8)."""

import yaml

from summarizer.analyzers.rules.provisions import Provision
from summarizer.analyzers.rules.sharing_terms import names_sharing, sharing_changed
from summarizer.api import compare_texts
from summarizer.testing.provisions import single_unit_provision

CASE = "evals/cases/marketing-vendors-receive-identifiers-is-sharing.yaml"


def _unit(kind: str, old: str, new: str) -> Provision:
    return single_unit_provision(old, new, category="data_use_purpose", kind=kind)


def test_sharing_with_marketing_vendors_files_the_record_under_sharing():
    case = yaml.safe_load(open(CASE, encoding="utf-8"))
    record = compare_texts(case["input"]["old_text"], case["input"]["new_text"])
    assert record.material
    assert "third_party_sharing" in record.categories


def test_the_company_giving_the_readers_data_to_a_recipient_is_sharing():
    assert names_sharing("We might share your email address with our trusted third-party marketing vendors.")
    assert names_sharing(
        "You consent to sharing data in your account, including your inbox with our AI Providers."
    )
    assert names_sharing(
        "Before sharing the chat with our partners, Apple scrubs personal identifiers from it."
    )
    assert names_sharing("Third party payment service providers may receive updated credit card information.")
    assert names_sharing("January 8, 2026: Added Intercom to the list of sub-processors.")


def test_denials_the_reader_sharing_and_recipients_without_data_are_not():
    assert not names_sharing("We do not share your personal information with third parties for marketing.")
    assert not names_sharing(
        "Avoid sharing your personal information; it may allow third parties to access it."
    )
    assert not names_sharing("You may share your posts with other users and partners.")
    assert not names_sharing("We are not responsible for third-party websites.")  # no data, no sharing verb
    assert not names_sharing("We share data with partners such as payment providers.")  # examples


def test_a_sentence_that_came_or_went_counts_an_unchanged_one_does_not():
    came = _unit(
        "modified", "We use your data.", "We use your data. We may share your data with our partners."
    )
    assert sharing_changed(came)
    went = _unit(
        "modified", "We use your data. We may share your data with our partners.", "We use your data."
    )
    assert sharing_changed(went)
    text = "# Privacy\n\nWe may share your data with our partners.\n\n## Contact\n\nWrite to us.\n"
    record = compare_texts(text, text.replace("Write to us.", "Write to us by email."))
    assert "third_party_sharing" not in record.categories


def test_a_reworded_sharing_sentence_is_a_restatement_not_a_change():
    old = "By using the services you consent that we must share this information with partners who help us."
    new = (
        "By using our services, you agree that we must share this information with the partners who help us."
    )
    assert not sharing_changed(_unit("modified", old, new))
    grown = "We may share your email address and your purchase history with our partners and advertisers too."
    assert sharing_changed(_unit("modified", "We may share your email address with our partners.", grown))
