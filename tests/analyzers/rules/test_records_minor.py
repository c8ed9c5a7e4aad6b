"""Minor and neutral material changes (issue 12): a short edit with no new party, duty, right or
shift is low; a short edit that only cites another law is neutral, with its evidence."""

from __future__ import annotations

from summarizer.api import compare_texts

LAWS = (
    "# Privacy Policy\n\n## Compliance with U.S. state laws\n\n"
    "Some U.S. state privacy laws give you rights over your personal information. We process it as "
    "required by the following laws:\n\n"
    "- California Consumer Privacy Act (CCPA)\n\n- Virginia Consumer Data Protection Act (VCDPA)\n\n{}"
    "You can make requests about your information through your account.\n"
)
INDIANA = "- Indiana Consumer Data Protection Act (INCDPA)\n\n"

RETURNS = (
    "# Conditions of Sale\n\n## Returns\n\nYou can return most items within 30 days of delivery. {}\n\n"
    "## Payment\n\nWe charge your payment method when your order ships.\n"
)


def test_a_law_added_to_the_list_of_laws_is_neutral_and_low_with_its_evidence() -> None:
    record = compare_texts(LAWS.format(""), LAWS.format(INDIANA))
    assert record.material and record.direction == "neutral" and record.severity == "low"
    evidence = [e for c in record.changes for e in c.evidence]
    assert any(e.startswith("neutral:") for e in evidence) and any(e.startswith("minor:") for e in evidence)
    assert not [f for f in record.flags if f.code == "direction_unclear"]


def test_a_law_taken_off_the_list_is_not_called_neutral() -> None:
    record = compare_texts(LAWS.format(INDIANA), LAWS.format(""))
    assert record.direction != "neutral"


def test_one_return_carrier_dropped_is_a_low_change_and_the_direction_abstains() -> None:
    record = compare_texts(
        RETURNS.format("Drop off your parcel at a USPS or UPS location with the prepaid label."),
        RETURNS.format("Drop off your parcel at a USPS location with the prepaid label."),
    )
    assert record.material and record.severity == "low"
    assert record.direction == "unclear"


def test_a_short_edit_that_adds_a_duty_sentence_is_not_minor() -> None:
    record = compare_texts(
        RETURNS.format("Drop off your parcel at a USPS location."),
        RETURNS.format("Drop off your parcel at a USPS location. You must pay the return shipping fee."),
    )
    assert record.material and record.severity != "low"


def test_a_short_edit_that_drops_a_promise_is_not_minor() -> None:
    old = "# Privacy\n\n## Security\n\nWe store your messages encrypted and we do not sell your data.\n"
    new = "# Privacy\n\n## Security\n\nWe store your messages and we sell your data.\n"
    record = compare_texts(old, new)
    assert record.material and record.severity != "low"
