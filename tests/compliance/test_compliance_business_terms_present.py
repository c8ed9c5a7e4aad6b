"""``unengaged_signals`` with the signals the changes carry: the same answer, read only when it can matter."""

from __future__ import annotations

from summarizer.compliance.business_terms import P2B_ENTRY, unengaged_signals

CONSUMER_TERMS = "We may close your account at any time. " * 50
BUSINESS_TERMS = "These terms follow Regulation (EU) 2019/1150 (P2B). We may close your account."


def test_a_termination_in_consumer_terms_does_not_engage_p2b() -> None:
    got = unengaged_signals(CONSUMER_TERMS, CONSUMER_TERMS, {"termination_without_notice"})
    assert got == {P2B_ENTRY: frozenset({"termination_without_notice"})}
    assert got == unengaged_signals(CONSUMER_TERMS, CONSUMER_TERMS)  # the same as without *present*


def test_terms_under_the_regulation_keep_the_termination_signal() -> None:
    assert unengaged_signals(BUSINESS_TERMS, BUSINESS_TERMS, {"termination_without_notice"}) == {}


def test_no_change_carrying_the_signal_needs_no_reading(monkeypatch) -> None:
    import summarizer.compliance.business_terms as business_terms

    class Unread:
        def search(self, text: str):  # a search of the document would fail the test
            raise AssertionError("the document was read")

    monkeypatch.setattr(business_terms, "_P2B_NAMED", Unread())
    assert unengaged_signals(CONSUMER_TERMS, CONSUMER_TERMS, {"change_notice_removed"}) == {}
