"""Issue 12: a tracked record names the service, the document and the two versions' dates."""

from __future__ import annotations

from sqlalchemy import text

from summarizer.model.record import ChangeRecord
from summarizer.store.db import get_engine
from summarizer.store.ingest import ingest_path
from summarizer.tracking import track


def test_track_fills_service_document_and_dates_from_the_store(sqlite_url: str, ota_repo):
    ingest_path(sqlite_url, ota_repo(pairs=1, chained=2))
    track(sqlite_url)
    with get_engine(sqlite_url).connect() as conn:
        rows = conn.execute(text("SELECT record_json FROM change_records")).all()
    assert rows
    for (raw,) in rows:
        record = ChangeRecord.model_validate_json(raw)
        assert record.service and record.document
        assert record.old_date and record.new_date and record.old_date <= record.new_date
