"""A company the reader deals with that takes a new legal name files the record under
contact_generic beside its other subjects (names.entity_renamed; issue 12, round 8, material8)."""

import yaml

from summarizer.analyzers.rules.names import entity_renamed
from summarizer.analyzers.rules.provisions import Provision
from summarizer.api import compare_texts
from summarizer.testing.provisions import single_unit_provision

CASE = "evals/cases/contracting-party-renamed-beside-a-real-change.yaml"


def _prov(old: str, new: str) -> Provision:
    return single_unit_provision(old, new, category="contact_generic")


def test_renamed_contracting_party_adds_contact_generic_beside_the_real_change():
    case = yaml.safe_load(open(CASE, encoding="utf-8"))
    record = compare_texts(case["input"]["old_text"], case["input"]["new_text"])
    assert record.material
    assert "liability_warranty_payment" in record.categories
    assert "contact_generic" in record.categories


def test_same_brand_new_legal_name_is_a_rename():
    assert entity_renamed(
        [
            _prov(
                "an agreement between you and OpenAI, L.L.C. (or our affiliates)",
                "an agreement between you and OpenAI OpCo, LLC (or our affiliates)",
            )
        ]
    )
    assert entity_renamed(
        [_prov("offered by Proton Technologies AG (the Company)", "offered by Proton AG (the Company)")]
    )


def test_another_company_or_an_added_one_is_not_a_rename():
    # a payment provider given as an example is swapped for another company
    assert not entity_renamed(
        [
            _prov(
                "such as Alipay Singapore E-Commerce Private Limited.",
                "such as AISG E-Commerce Private Limited.",
            )
        ]
    )
    # a company only added beside the standing ones
    assert not entity_renamed(
        [_prov("sent to Example Holdings Ltd.", "sent to Example Holdings Ltd. and Sample Korea Limited")]
    )
    # the same name on both sides
    assert not entity_renamed([_prov("Nimbus AG, Zurich", "Nimbus AG, Geneva")])


def test_rename_alone_stays_a_low_contact_change():
    old = "# Terms\n\nThese terms are an agreement between you and Nimbus Technologies AG.\n"
    new = "# Terms\n\nThese terms are an agreement between you and Nimbus AG.\n"
    record = compare_texts(old, new)
    assert record.material and record.severity == "low"
    assert record.categories == ["contact_generic"]  # named once, not beside a subject it does not have
