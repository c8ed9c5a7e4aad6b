"""Round 7 (#15, crec7): a sentence read beyond the record's quotes adds a clause only if it states it.

Round 6's hunk reading cited, on its then-blind fold, rules a new sentence names only in a side part:
a document's name ("cookie policies"), a means ("by using the unsubscribe link"), a technology ("via
machine learning"). :func:`summarizer.compliance.hunk_gate.states_clause` keeps the clause only where the
sentence states it; these tests check both sides of each reading, and that hunk_signals applies it.
"""

from __future__ import annotations

import pytest

from summarizer.compliance.hunk_gate import main_text, states_clause
from summarizer.compliance.hunk_text import hunk_signals
from summarizer.compliance.signals import ADDED_WORDS, change_signals
from summarizer.diffing.engine import diff_documents
from summarizer.diffing.load import parse_document
from tests.compliance.conftest import make_change

OLD = "# Privacy Policy\n\nWe collect the email address you give us to run your account and send receipts.\n"
INTRO = "We show videos on our website, and some of them come from other companies."


@pytest.mark.parametrize(
    ("signal", "sentence", "stated"),
    [
        # a means is not consent by use; agreeing by use is
        (
            "consent_implied_by_use",
            "You may unsubscribe from our newsletters by using the link in each email.",
            False,
        ),
        (
            "consent_implied_by_use",
            "Select the right input by using your remote control to toggle the settings.",
            False,
        ),
        (
            "consent_implied_by_use",
            "By using the app, you agree that we may share this data with partners.",
            True,
        ),
        (
            "consent_implied_by_use",
            "If you continue to use the service you are deemed to accept these changes.",
            True,
        ),
        # applying a learning technology is not training on content; training or improving a model is
        (
            "training_on_user_content",
            "Your photo is checked for fraud via machine learning technology.",
            False,
        ),
        ("training_on_user_content", "We use your conversations to train our machine learning models.", True),
        ("training_on_user_content", "Your prompts may be used to improve our AI models and services.", True),
        # a document's name refers elsewhere; cookies that are set are tracking
        (
            "tracking_technology",
            "Please read the cookie policies of those partners to learn what they collect.",
            False,
        ),
        (
            "tracking_technology",
            "Our partners place cookies on your device to measure visits to our site.",
            True,
        ),
        # an identity document is data, not a government's access
        (
            "government_access",
            "We may ask for government identifiers such as a passport number to verify age.",
            False,
        ),
        (
            "government_access",
            "We disclose data to government agencies when the law requires us to do so.",
            True,
        ),
        # an aside in brackets and a leading heading are not the sentence's statement
        (
            "liability_limited",
            "Provisions meant to survive (including limitations of liability) remain in force.",
            False,
        ),
        (
            "liability_limited",
            "**Limitation of Liability.** Our total liability is limited to the fees you paid.",
            True,
        ),
        (
            "liability_limited",
            "**Limitation of Liability.** These sections apply to every user of the site.",
            False,
        ),
    ],
)
def test_states_clause_reads_the_statement_not_its_side_parts(signal, sentence, stated):
    assert states_clause(signal, sentence) is stated


def test_a_bracket_that_qualifies_the_statement_is_kept():
    assert "recurring" in main_text("If you pay (either one-time or recurring), we charge your card.")
    assert "Liability" not in main_text(
        "Section 12.2 (Limitation on Amount of Liability) is replaced as follows:"
    )
    assert "driver" not in main_text("We ask for your ID (like driver's license numbers) to check your age.")


def test_main_text_drops_asides_heading_and_names():
    text = main_text("2. **Heading.** See the cookie notice (for example, this one) before you go.")
    assert "Heading" not in text and "cookie" not in text and "example" not in text
    assert "before you go" in text


def _read(added: str, category: str):
    new = OLD + "\n" + f"{INTRO} {added}" + "\n"
    diff = diff_documents(parse_document(OLD, source="old.md"), parse_document(new, source="new.md"))
    hunk = next(h for h in diff.hunks if INTRO in h.new_text)
    parent = make_change(category, "added", [], [INTRO], direction="unclear")
    parent.hunk_ids = [hunk.id]
    return hunk_signals([change_signals(parent)], diff, diff.old.text, diff.new.text)


def test_hunk_signals_drop_a_clause_named_only_by_a_means():
    means = "You can opt out of our marketing emails by using the unsubscribe link at the bottom of each one."
    assert _read(means, "choice_consent") == []
    consent = "By using the website, you understand this may occur and consent thereto."
    assert [set(cs.signals) for cs in _read(consent, "choice_consent")] == [{"consent_implied_by_use"}]


def test_hunk_signals_drop_cookies_named_only_as_a_document():
    policy = "You should consider the privacy and cookie policies of those third parties before you use them."
    assert _read(policy, "third_party_sharing") == []
    cookies = "Those third parties place cookies on your device to record which of our videos you watch."
    assert any("tracking_technology" in cs.signals for cs in _read(cookies, "third_party_sharing"))


def test_a_recurring_or_subscription_payment_is_a_renewal():
    # "recurring/subscription": the slash reads "or" (Lex's new payment terms); a one-time payment is not
    rx = ADDED_WORDS["auto_renewal"]
    assert rx.search(
        "Should you choose to provide a payment (either one-time or recurring/subscription), we charge"
    )
    assert rx.search("You authorise a recurring payment each month.")
    assert not rx.search("Should you choose to provide a one-time payment, we charge your card once.")
    assert not rx.search("Recurring/seasonal events are listed on the calendar.")
