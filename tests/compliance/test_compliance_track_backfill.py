"""`track --compliance` on a store whose records were made without it: the stored records gain the
section in place (no record is made again, nothing they had is lost), once, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import func, select

from summarizer.store.db import get_engine
from summarizer.store.ingest import ingest_text
from summarizer.store.models import ProvisionState, RecordCategory, StoredRecord
from summarizer.store.repository import load_record
from summarizer.testing.cli import run_cli
from summarizer.tracking import track

VERSIONS = (
    (2020, "## California residents\n\nWe will not sell your personal information."),
    (2022, "## California residents\n\nWe may sell your personal information to advertising partners."),
    (2023, "## California residents\n\nWe may sell or share your personal information with advertisers."),
)


def _ingest(url: str) -> None:
    for year, body in VERSIONS:
        ingest_text(url, "Acme", "Privacy Policy", f"# Privacy\n\n{body}\n", captured_at=datetime(year, 1, 1))


def _rows(url: str) -> dict[int, str]:
    with get_engine(url).connect() as conn:
        rt = StoredRecord.__table__
        return dict(conn.execute(select(rt.c.id, rt.c.record_json)).all())


def _counts(url: str) -> tuple[int, int, int]:
    with get_engine(url).connect() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(select(func.count()).select_from(t.__table__)).scalar_one()
            for t in (StoredRecord, RecordCategory, ProvisionState)
        )


def _without_compliance(body: str) -> dict:
    data = json.loads(body)
    data.pop("compliance", None)
    data["provenance"]["timings_ms"].pop("compliance", None)
    return data


def test_stored_records_gain_the_section_in_place_once(db_url, monkeypatch):
    monkeypatch.delenv("SUMMARIZER_COMPLIANCE", raising=False)
    _ingest(db_url)
    first = track(db_url)
    assert first.made == 2 and first.compliance_added == 0
    before, counts = _rows(db_url), _counts(db_url)
    assert all(json.loads(b).get("compliance") is None for b in before.values())

    again = track(db_url, compliance="offline")
    assert again.made == 0 and again.compliance_added == 2
    after = _rows(db_url)
    assert after.keys() == before.keys() and _counts(db_url) == counts  # no record made or dropped
    for record_id, body in after.items():
        record = load_record(db_url, record_id).record()
        assert record.compliance is not None
        if record.old_date.startswith("2020"):  # 'will not sell' -> 'may sell': the opt-out right
            assert "ccpa-1798-120-opt-out-sale-sharing" in record.compliance.entries
        # everything the record had is still there, unchanged
        assert _without_compliance(body) == _without_compliance(before[record_id])

    assert track(db_url, compliance="offline").compliance_added == 0  # nothing left to add
    assert _rows(db_url) == after


def test_backfill_keeps_to_the_scope_and_the_limit(sqlite_url, monkeypatch):
    monkeypatch.delenv("SUMMARIZER_COMPLIANCE", raising=False)
    _ingest(sqlite_url)
    ingest_text(
        sqlite_url, "Other", "Terms", "# T\n\nWe will not sell data.\n", captured_at=datetime(2020, 1, 1)
    )
    ingest_text(sqlite_url, "Other", "Terms", "# T\n\nWe may sell data.\n", captured_at=datetime(2021, 1, 1))
    assert track(sqlite_url).made == 3
    assert track(sqlite_url, service="Acme", limit=1, compliance="offline").compliance_added == 1
    assert track(sqlite_url, service="Acme", compliance="offline").compliance_added == 1
    with_section = {i for i, b in _rows(sqlite_url).items() if json.loads(b).get("compliance")}
    assert len(with_section) == 2  # Other's record was out of scope
    assert track(sqlite_url, compliance="offline").compliance_added == 1


def test_the_cli_says_how_many_records_gained_the_section(sqlite_url, capsys, monkeypatch):
    monkeypatch.delenv("SUMMARIZER_COMPLIANCE", raising=False)
    _ingest(sqlite_url)
    code, _, _ = run_cli(capsys, "track", "--db", sqlite_url, "--no-progress")
    assert code == 0
    code, out, _ = run_cli(capsys, "track", "--db", sqlite_url, "--no-progress", "--compliance")
    assert code == 0
    assert "0 records made" in out and "compliance section added to 2 stored records" in out
    code, out, _ = run_cli(capsys, "track", "--db", sqlite_url, "--no-progress", "--compliance", "-f", "json")
    assert code == 0 and json.loads(out)["compliance_added"] == 0
