"""Contact details replaced file the record under contact_generic beside its other subjects
(analyzers/rules/contacts.py, issue 12, round 7)."""

from summarizer.analyzers.rules.contacts import contact_details_replaced
from summarizer.api import compare_texts

HEAD = (
    "# Privacy Policy\n\nWe collect the search terms you type, and we keep them for as long as needed to "
    "show you results.\n\n"
)
OLD_SHARE = "We do not share your search history with advertisers.\n\n"
NEW_SHARE = "We share your search history with advertising partners to measure their ads.\n\n"


def test_email_replaced():
    assert contact_details_replaced("Write to dpo@example.com.", "Write to privacy@example.net.")


def test_street_address_replaced():
    assert contact_details_replaced(
        "Post: 12 Market Street, Springfield.", "Post: 40 Harbour Road, Springfield."
    )


def test_phone_replaced():
    assert contact_details_replaced("Call +1-888-799-9666.", "Call +1-888-799-0566.")


def test_detail_only_added_or_only_removed_is_not_replaced():
    assert not contact_details_replaced("Write to us.", "Write to us at law@example.com.")
    assert not contact_details_replaced("Write to us at law@example.com.", "Write to us.")


def test_same_detail_reflowed_is_not_replaced():
    assert not contact_details_replaced("Post: 1 Matheson Street.", "Post: 1\xa0Matheson\xa0Street.")


def test_image_name_is_not_an_email():
    assert not contact_details_replaced("![](a@1x.png) dpo@x.com", "![](b@2x.png) dpo@x.com")


def test_a_list_of_partners_mailboxes_rewritten_is_not_the_services_contact():
    old = "Partners: a@one.com, b@two.com, c@three.com."
    new = "Partners: d@four.com, e@five.com, f@six.com."
    assert not contact_details_replaced(old, new)


def test_record_names_contact_generic_beside_the_real_change():
    old = HEAD + OLD_SHARE + "Questions? Write to dpo@example-search.com.\n"
    new = HEAD + NEW_SHARE + "Questions? Write to privacy@example-search.net.\n"
    record = compare_texts(old, new)
    assert record.material
    assert "contact_generic" in record.categories
    assert len(record.categories) > 1


def test_record_without_a_contact_change_does_not_name_it():
    old = HEAD + OLD_SHARE + "Questions? Write to dpo@example-search.com.\n"
    new = HEAD + NEW_SHARE + "Questions? Write to dpo@example-search.com.\n"
    assert "contact_generic" not in compare_texts(old, new).categories


def test_rules_of_conduct_mailbox_is_not_filed_as_contact():
    head = "# Community Guidelines\n\nBe kind to other members and respect their work.\n\n"
    old = head + "You may post photos of others.\n\nReport abuse to support@example.com.\n"
    new = head + "You may not post photos of others without consent.\n\nReport abuse to safety@example.com.\n"
    record = compare_texts(old, new)
    assert record.material
    assert "contact_generic" not in record.categories


def test_the_changed_text_alone_decides_when_it_holds_no_detail_of_a_kind_on_both_sides():
    """The diff's changed text is the short cut for long documents: a detail replaced must stand in
    both sides of it; a detail that only moved or a change elsewhere skips the whole-text scan."""
    old = "Write to help@example.com.\n\nWe keep data for 30 days.\n"
    new = "Write to support@example.com.\n\nWe keep data for 90 days.\n"
    hunks = ("Write to help@example.com.", "Write to support@example.com.")
    assert contact_details_replaced(old, new, hunks)
    assert contact_details_replaced(old, new)  # same answer without the short cut
    elsewhere = ("We keep data for 30 days.", "We keep data for 90 days.")
    assert not contact_details_replaced(old, new, elsewhere)  # the scan is skipped: no detail changed
