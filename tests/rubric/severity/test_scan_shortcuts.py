"""The rubric's speed shortcut (each rule's regex runs only near its literal hints) must find exactly
what a full scan finds. The parties' shortcut is tested in tests/diffing/signals/test_party_scan.py."""

from __future__ import annotations

from pathlib import Path

import pytest

import summarizer.diffing.signals as signals
from summarizer.rubric.severity.factor_rules import RULES
from summarizer.rubric.severity.factors import rule_matches

OTA = Path(__file__).resolve().parents[3] / "evals" / "data" / "ota"
DOCS = [
    "fox-news-privacy-policy-2022-07-08-2022-09-20/old.md",
    "spotify-terms-of-service-2021-02-23-2021-09-01/new.md",
    "duckduckgo-privacy-policy-2025-06-26-2025-06-27/old.md",
]
# one sentence per rule, so that every rule has something to find
EVERY_RULE = (
    "We may sell your data for any purpose without notice and without your consent, without a warrant. "
    "We reserve the right, at our sole discretion, to change or suspend it at any time. You grant a perpetual, "
    "irrevocable, royalty-free, sublicensable licence and waive any class action; disputes go to arbitration. "
    "By continuing to use the service you accept. We show targeted ads, keep data indefinitely, train our AI models "
    "on it and collect precise location from children under 13. Fees are non-refundable and renew automatically, "
    "provided as is. We do not sell or share your data and do not track you. We ask for your consent; you can opt out "
    "and you have the right to delete your data. We will notify you 30 days in advance and encrypt your data, and "
    "will delete it. We retain logs for 30 days, only use it as necessary, require a valid subpoena, honor global "
    "privacy control signals and offer a refund. We may use your chats to train our models unless you opt out."
)


def texts() -> list[str]:
    return [signals.canonical((OTA / d).read_text(encoding="utf-8")) for d in DOCS] + [
        signals.canonical(EVERY_RULE)
    ]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.key)
def test_rule_windows_find_every_match(rule) -> None:
    fired = 0
    for canon in texts():
        full = [(m.start(), m.end()) for m in rule.pattern.finditer(canon)]
        assert [(m.start(), m.end()) for m in rule_matches(rule, canon)] == full
        fired += bool(full)
    assert fired, f"rule {rule.key} matched nothing in the sample texts"
