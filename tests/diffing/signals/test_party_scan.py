"""The parties' speed shortcut (PARTY_RE runs only near literal hints) must find exactly the parties a
full scan of every clause finds."""

from __future__ import annotations

from pathlib import Path

from summarizer.diffing.signals import PARTY_RE, canonical, party_name, split_clauses
from summarizer.diffing.signals.parties import parties_canon

OTA = Path(__file__).resolve().parents[3] / "evals" / "data" / "ota"
# every 20th bundled pair's new version: long real texts with many parties
DOCS = [pair / "new.md" for pair in sorted(OTA.iterdir())[::20] if (pair / "new.md").exists()]
SAMPLE = (
    "We may share your data with our affiliates, advertising partners, unaffiliated third parties, service "
    "providers and law enforcement; we do not sell it to data brokers."
)


def test_party_windows_find_every_party() -> None:
    texts = [canonical(d.read_text(encoding="utf-8")) for d in DOCS] + [canonical(SAMPLE)]
    for canon in texts:
        full: dict[str, None] = {}
        for clause in split_clauses(canon):
            for m in PARTY_RE.finditer(clause):
                full.setdefault(party_name(m), None)
        assert parties_canon(canon) == list(full)
    assert len(parties_canon(canonical(SAMPLE))) >= 4 and len(DOCS) >= 4
