"""A document whose title names business users is read as their rules even when its body speaks
of products more than of sellers (audience.business_audience, issue 12)."""

from summarizer.analyzers.rules.audience import business_audience, business_document
from summarizer.api import compare_texts

ROWS = "\n".join(
    f"| {i}.1 Products of kind {i} that may be mistaken for currency, kept in stock or stored for sale. | 6 points |"
    for i in range(1, 30)
)
SELLERS = (
    f"# Marketplace Sellers Conditions\n\n## Prohibited items\n\n| Items | Penalty |\n| --- | --- |\n{ROWS}\n"
)


def test_title_names_sellers():
    assert not business_document(SELLERS)  # few audience words per thousand
    assert business_audience(SELLERS)


def test_new_listing_ban_is_filed_under_account_termination():
    new = SELLERS.replace(
        "| 1.1 Products of kind 1 that may be mistaken for currency, kept in stock or stored for sale. |",
        "| 1.1 Products of kind 1 that may be mistaken for currency, kept in stock or stored for sale.<br>"
        "1.2 Coins and coin-like products that may mislead the public are prohibited. |",
    )
    record = compare_texts(SELLERS, new)
    assert record.material
    assert "account_termination" in record.categories
    assert "data_retention" not in record.categories
