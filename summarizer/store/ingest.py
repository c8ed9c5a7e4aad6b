"""Ingest versions into the store: new texts become versions, everything else is a no-op.

A candidate version is

- *already stored* when the document has a version with the same text hash and capture time
  (re-ingesting a file, folder or repository changes nothing);
- *identical to the previous version* when the version just before it in time has the same text
  (a snapshot taken when nothing had changed) - skipped;
- *earlier evidence* when the version just after it has the same text: that version is moved back
  to the earlier capture time instead of adding a duplicate;
- otherwise added.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from summarizer.errors import InputError
from summarizer.store.db import open_engine
from summarizer.store.models import Version, stored_id
from summarizer.store.passage_index import index_pending
from summarizer.store.repository import document_versions, get_or_create_document
from summarizer.store.sources import Candidate, as_utc, effective_date, scan

ProgressCallback = Callable[[int, int | None], None]  # (candidates seen, total or None)


@dataclass
class IngestSummary:
    """What an ingest did (counts of candidate versions by outcome)."""

    added: int = 0
    already_stored: int = 0
    identical_to_previous: int = 0
    backdated: int = 0
    documents: dict[str, int] = field(default_factory=dict)  # "service/document" -> versions added
    version_ids: list[int] = field(default_factory=list)  # ids of the added versions
    failed: list[str] = field(default_factory=list)  # files that could not be read, one line each

    @property
    def seen(self) -> int:
        return self.added + self.already_stored + self.identical_to_previous + self.backdated

    def to_dict(self) -> dict:
        return {
            "added": self.added,
            "already_stored": self.already_stored,
            "identical_to_previous": self.identical_to_previous,
            "backdated": self.backdated,
            "documents": dict(self.documents),
            "version_ids": list(self.version_ids),
            **({"failed": list(self.failed)} if self.failed else {}),
        }


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ingest_path(
    db_url: str,
    path: str | Path,
    *,
    service: str | None = None,
    document: str | None = None,
    when: datetime | None = None,
    on_progress: ProgressCallback | None = None,
) -> IngestSummary:
    """Ingest a file, a folder of dated snapshots, or a git repository in Open Terms Archive layout."""
    found = scan(path, service, document, when)
    summary = ingest_candidates(db_url, found.candidates, total=found.total, on_progress=on_progress)
    summary.failed = list(found.failed)
    return summary


def ingest_text(
    db_url: str,
    service: str,
    document: str,
    text: str,
    *,
    captured_at: datetime | None = None,
    source: str = "api",
) -> IngestSummary:
    """Ingest one text as a version of *service*/*document* (dated now unless *captured_at* is given)."""
    when = as_utc(captured_at) if captured_at else datetime.now(UTC)
    if not text.strip():
        raise InputError(f"{service}/{document}: the text is empty")
    return ingest_candidates(db_url, [Candidate(service, document, text, when, source)], total=1)


def ingest_candidates(
    db_url: str,
    candidates: Iterable[Candidate],
    *,
    total: int | None = None,
    on_progress: ProgressCallback | None = None,
    batch: int = 200,
) -> IngestSummary:
    """Place each candidate in its document's timeline; commit every *batch* versions."""
    engine = open_engine(db_url)
    summary = IngestSummary()
    timelines: dict[tuple[str, str], _Timeline] = {}
    with Session(engine) as session:
        try:
            since_commit = 0
            for seen, cand in enumerate(candidates, start=1):
                key = (cand.service, cand.document)
                timeline = timelines.get(key)
                if timeline is None:
                    session.commit()  # creating the document may roll back: never take the batch with it
                    since_commit = 0
                    doc = get_or_create_document(session, cand.service, cand.document)
                    timeline = timelines[key] = _Timeline.load(session, stored_id(doc.id))
                outcome = timeline.place(session, cand)
                setattr(summary, outcome, getattr(summary, outcome) + 1)
                name = f"{cand.service}/{cand.document}"
                summary.documents.setdefault(name, 0)
                if outcome == "added":
                    summary.documents[name] += 1
                    summary.version_ids.append(timeline.last_added)
                    since_commit += 1
                if since_commit >= batch:
                    session.commit()
                    since_commit = 0
                if on_progress:
                    on_progress(seen, total)
            session.commit()
        except IntegrityError:
            session.rollback()
            raise InputError(
                "another process stored some of the same versions at the same time; "
                "run the ingest again (versions already stored are skipped)"
            ) from None
    if summary.added:  # keep the passage index of the documents' current versions up to date
        index_pending(engine, [t.document_id for t in timelines.values()])
    return summary


@dataclass
class _Entry:
    captured_at: datetime
    id: int
    sha: str

    def sort_key(self) -> tuple[datetime, int]:
        return (self.captured_at, self.id)


class _Timeline:
    """A document's versions (time, id, hash only) kept in order while candidates are placed."""

    def __init__(self, document_id: int, entries: list[_Entry]) -> None:
        self.document_id = document_id
        self.entries = entries
        self.keys = {(e.sha, e.captured_at) for e in entries}
        self.last_added = 0

    @classmethod
    def load(cls, session: Session, document_id: int) -> "_Timeline":
        return cls(
            document_id,
            [_Entry(v.captured_at, v.id, v.content_sha256) for v in document_versions(session, document_id)],
        )

    def place(self, session: Session, cand: Candidate) -> str:
        sha = sha256_text(cand.text)
        if (sha, cand.captured_at) in self.keys:
            return "already_stored"
        # insert after every version captured at or before this time
        if not self.entries or cand.captured_at >= self.entries[-1].captured_at:
            pos = len(self.entries)  # the usual case: sources are walked oldest first
        else:
            pos = bisect.bisect_right(self.entries, cand.captured_at, key=lambda e: e.captured_at)
        before = self.entries[pos - 1] if pos > 0 else None
        after = self.entries[pos] if pos < len(self.entries) else None
        if before is not None and before.sha == sha:
            return "identical_to_previous"
        if after is not None and after.sha == sha:
            session.execute(
                update(Version).where(col(Version.id) == after.id).values(captured_at=cand.captured_at)
            )
            self.keys.discard((after.sha, after.captured_at))
            after.captured_at = cand.captured_at
            self.keys.add((sha, cand.captured_at))
            return "backdated"
        row = Version(
            document_id=self.document_id,
            content_sha256=sha,
            captured_at=cand.captured_at,
            effective_date=effective_date(cand.text),
            source=cand.source,
            chars=len(cand.text),
            text=cand.text,
        )
        session.add(row)
        session.flush()
        entry = _Entry(cand.captured_at, stored_id(row.id), sha)
        self.entries.insert(pos, entry)
        self.keys.add((sha, cand.captured_at))
        self.last_added = entry.id
        session.expunge(row)  # keep the session from holding every text in memory
        return "added"
