"""A record that only moves an address, a contact channel or the contracting company is neutral and
low, filed under contact_generic (counterparty.py, issue 12 round 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.analyzers.rules.counterparty import NOTE
from summarizer.api import compare_files, compare_texts

FRESH2 = Path(__file__).resolve().parents[3] / "evals" / "data" / "fresh2"

TERMS = """# Terms of Use

{intro}

You may cancel an order before the restaurant accepts it. We may suspend your account if you break these Terms.

## Notices

Any notice to us should be sent to {notice}.
"""
OLD = TERMS.format(
    intro="These Terms govern your use of the service provided by Portier Delivery B.V., a company registered in "
    "the Netherlands whose registered address is Meester Treublaan 7, 1097 DP, Amsterdam.",
    notice="Portier Delivery B.V., Attn: Legal, Meester Treublaan 7, 1097 DP, Amsterdam (legal@portier.example)",
)


def test_a_new_registered_address_and_company_is_neutral_low_contact() -> None:
    new = TERMS.format(
        intro="As of 1 February 2026, this provision is amended as follows: These Terms govern your use of the "
        "service provided by Portier Eats B.V., a company registered in the Netherlands whose registered address "
        "is Burgerweeshuispad 301, 1076 HR, Amsterdam.",
        notice="Portier Eats B.V., Attn: Legal, Burgerweeshuispad 301, 1076 HR, Amsterdam (legal@portier.example)",
    )
    record = compare_texts(OLD, new)
    assert record.material
    assert record.direction == "neutral"
    assert record.severity == "low"
    assert "contact_generic" in record.categories
    assert any(NOTE in e for c in record.changes for e in c.evidence)


def test_an_address_change_beside_a_new_duty_is_not_called_neutral() -> None:
    new = TERMS.format(
        intro="These Terms govern your use of the service provided by Portier Delivery B.V., a company registered "
        "in the Netherlands whose registered address is Burgerweeshuispad 301, 1076 HR, Amsterdam.",
        notice="Portier Delivery B.V., Attn: Legal, Burgerweeshuispad 301, 1076 HR, Amsterdam "
        "(legal@portier.example)",
    ).replace(
        "accepts it.",
        "accepts it. We will charge you a cancellation fee of 5 euros for every cancelled order.",
    )
    record = compare_texts(OLD, new)
    assert record.material
    assert record.direction != "neutral"
    assert not any(NOTE in e for c in record.changes for e in c.evidence)


def test_a_place_name_without_an_address_is_not_a_contact_change() -> None:
    old = "# Privacy\n\n## Storage\n\nYour data is stored on servers in Ireland and may be accessed by our staff.\n"
    new = "# Privacy\n\n## Storage\n\nYour data is stored on servers in Singapore and may be accessed by our staff.\n"
    record = compare_texts(old, new)
    assert not any(NOTE in e for c in record.changes for e in c.evidence)


@pytest.mark.parametrize(
    "pair",
    [
        "match-terms-of-service-2024-03-28-2026-02-01",  # the contracting company becomes Meetic, with a preamble
        "uber-eats-commercial-terms-2021-08-09-2023-09-08",  # only the registered and notice address changes
    ],
)
def test_real_contracting_company_and_address_changes(pair: str) -> None:
    record = compare_files(FRESH2 / pair / "old.md", FRESH2 / pair / "new.md")
    assert (record.material, record.direction, record.severity) == (True, "neutral", "low")
    assert "contact_generic" in record.categories
