"""track(compliance=...) (the CLI: --compliance or the SUMMARIZER_COMPLIANCE setting) stores the
section; show renders it."""

from __future__ import annotations

from datetime import datetime

from summarizer.store.ingest import ingest_text
from summarizer.store.repository import load_record
from summarizer.tracking import track


def test_tracked_records_carry_the_compliance_section_and_show_renders_it(sqlite_url, monkeypatch):
    for year, body in (
        (2020, "## California residents\n\nWe will not sell your personal information."),
        (2022, "## California residents\n\nWe may sell your personal information to advertising partners."),
    ):
        ingest_text(
            sqlite_url, "Acme", "Privacy Policy", f"# Privacy\n\n{body}\n", captured_at=datetime(year, 1, 1)
        )
    assert track(sqlite_url, compliance="offline").made == 1
    record = load_record(sqlite_url, 1).record()
    assert record.compliance is not None
    assert "ccpa-1798-120-opt-out-sale-sharing" in record.compliance.entries

    from summarizer.rendering import render

    assert "Compliance analysis" in render(record, "markdown")


def test_without_the_setting_records_have_no_section(sqlite_url, monkeypatch):
    monkeypatch.delenv("SUMMARIZER_COMPLIANCE", raising=False)
    for year, body in ((2020, "We will not sell your data."), (2022, "We may sell your data.")):
        ingest_text(
            sqlite_url, "Acme", "Privacy Policy", f"# P\n\n{body}\n", captured_at=datetime(year, 1, 1)
        )
    track(sqlite_url)
    assert load_record(sqlite_url, 1).record().compliance is None
