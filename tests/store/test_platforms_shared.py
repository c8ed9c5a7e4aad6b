"""compare_provision(shared=...): what every comparison in a category reads alike (its stated
stances, the services with passages in it) is read once per shared dict, and changes nothing."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from summarizer.model.taxonomy import CATEGORIES
from summarizer.store.ingest import ingest_text
from summarizer.store.platforms import compare_provision

OTA = Path(__file__).resolve().parents[2] / "evals" / "data" / "ota"


def _ingest(url: str, pairs: int) -> list[tuple[str, str]]:
    docs = []
    for folder in sorted(OTA.iterdir())[:pairs]:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        ingest_text(
            url,
            meta["service"],
            meta["document_type"],
            (folder / "new.md").read_text(encoding="utf-8"),
            captured_at=datetime.fromisoformat(meta["new_date"]),
        )
        docs.append((meta["service"], meta["document_type"]))
    return list(dict.fromkeys(docs))


def _same_with_and_without_shared(url: str, docs: list[tuple[str, str]]) -> int:
    shared: dict = {}
    compared = 0
    for category in CATEGORIES:
        for service, document in docs:
            alone = compare_provision(url, service, document, category, catch_up=False)
            along = compare_provision(url, service, document, category, catch_up=False, shared=shared)
            assert along.to_dict() == alone.to_dict(), (service, document, category)
            compared += alone.compared
    assert any(key[0] == "services" for key in shared) and any(key[0] == "stances" for key in shared)
    return compared


def test_shared_reads_give_the_same_comparisons(sqlite_url: str):
    docs = _ingest(sqlite_url, 12)
    assert _same_with_and_without_shared(sqlite_url, docs) > 0  # some services were counted


@pytest.mark.postgres
def test_shared_reads_give_the_same_comparisons_on_postgresql(pg_url: str):
    docs = _ingest(pg_url, 8)
    assert _same_with_and_without_shared(pg_url, docs) > 0
