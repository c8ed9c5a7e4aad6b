"""The parties' speed shortcut (PARTY_RE runs only near literal hints) must find exactly the parties a
full scan of every clause finds."""

from __future__ import annotations

from pathlib import Path

from summarizer.diffing.signals import PARTY_RE, canonical, party_name, split_clauses
from summarizer.diffing.signals.parties import parties_canon

OTA = Path(__file__).resolve().parents[3] / "evals" / "data" / "ota"
DOCS = [
    "fox-news-privacy-policy-2022-07-08-2022-09-20/old.md",
    "spotify-terms-of-service-2021-02-23-2021-09-01/new.md",
    "duckduckgo-privacy-policy-2025-06-26-2025-06-27/old.md",
]
SAMPLE = (
    "We may share your data with our affiliates, advertising partners, unaffiliated third parties, service "
    "providers and law enforcement; we do not sell it to data brokers."
)


def test_party_windows_find_every_party() -> None:
    texts = [canonical((OTA / d).read_text(encoding="utf-8")) for d in DOCS] + [canonical(SAMPLE)]
    for canon in texts:
        full: dict[str, None] = {}
        for clause in split_clauses(canon):
            for m in PARTY_RE.finditer(clause):
                full.setdefault(party_name(m), None)
        assert parties_canon(canon) == list(full)
    assert len(parties_canon(canonical(SAMPLE))) >= 4
