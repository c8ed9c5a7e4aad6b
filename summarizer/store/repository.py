"""Small queries over the store: find or create services and documents, list versions, read records."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import Select

from summarizer.errors import InputError
from summarizer.store.models import PolicyDocument, Service, StoredRecord, Version, stored_id


def get_or_create_document(session: Session, service: str, document: str) -> PolicyDocument:
    """The document row for (service, document type), created (with its service) when missing.

    Commits when it creates rows; safe when another process creates the same rows at the same time.
    """
    for _attempt in range(3):
        row = find_document(session, service, document)
        if row is not None:
            return row
        try:
            svc = session.exec(select(Service).where(Service.name == service)).first()
            if svc is None:
                svc = Service(name=service)
                session.add(svc)
                session.flush()
            row = PolicyDocument(service_id=stored_id(svc.id), doc_type=document)
            session.add(row)
            session.commit()
            return row
        except IntegrityError:  # another process created it first: read theirs
            session.rollback()
    raise InputError(f"could not create document {service}/{document}")  # pragma: no cover


def find_document(session: Session, service: str, document: str) -> PolicyDocument | None:
    return session.exec(
        select(PolicyDocument)
        .join(Service, col(Service.id) == col(PolicyDocument.service_id))
        .where(Service.name == service, PolicyDocument.doc_type == document)
    ).first()


@dataclass
class DocumentInfo:
    id: int
    service: str
    document: str
    versions: int


def list_documents(session: Session, service: str | None = None) -> list[DocumentInfo]:
    """Every stored document (of *service*), with its version count, by service then document name."""
    stmt = (
        select(
            col(PolicyDocument.id),
            col(Service.name),
            col(PolicyDocument.doc_type),
            func.count(col(Version.id)),
        )
        .join(Service, col(Service.id) == col(PolicyDocument.service_id))
        .join(Version, col(Version.document_id) == col(PolicyDocument.id), isouter=True)
        .group_by(col(PolicyDocument.id), col(Service.name), col(PolicyDocument.doc_type))
        .order_by(col(Service.name), col(PolicyDocument.doc_type))
    )
    if service is not None:
        stmt = stmt.where(Service.name == service)
    return [DocumentInfo(stored_id(i), s, d, int(n)) for i, s, d, n in session.exec(stmt).all()]


@dataclass
class VersionInfo:
    """A version without its text."""

    id: int
    document_id: int
    captured_at: datetime
    effective_date: date | None
    content_sha256: str
    source: str
    chars: int

    def to_dict(self) -> dict:
        out = asdict(self)
        out["captured_at"] = self.captured_at.isoformat()
        out["effective_date"] = self.effective_date.isoformat() if self.effective_date else None
        return out


_VERSION_COLUMNS = (
    col(Version.id),
    col(Version.document_id),
    col(Version.captured_at),
    col(Version.effective_date),
    col(Version.content_sha256),
    col(Version.source),
    col(Version.chars),
)


def select_columns(*columns: Any) -> Select[*tuple[Any, ...]]:
    """``select(*columns)`` for five columns or more: the same statement sqlmodel's ``select`` builds,
    whose overloads are typed for at most four (more fail to type-check)."""
    return Select(*columns)


def document_versions(session: Session, document_id: int) -> list[VersionInfo]:
    """A document's versions in timeline order (capture time, then insertion order)."""
    rows = session.exec(
        select_columns(*_VERSION_COLUMNS)
        .where(Version.document_id == document_id)
        .order_by(col(Version.captured_at), col(Version.id))
    ).all()
    return [VersionInfo(*row) for row in rows]


def consecutive_pairs(versions: list[VersionInfo]) -> list[tuple[VersionInfo, VersionInfo]]:
    return list(zip(versions, versions[1:]))


@dataclass
class RecordRow:
    """A stored change record with where it belongs."""

    id: int
    service: str
    document: str
    old_version: VersionInfo
    new_version: VersionInfo
    analyzer: str
    analysis_key: str
    created_at: datetime
    record_json: str

    def record(self):
        from summarizer.model.record import ChangeRecord

        return ChangeRecord.model_validate_json(self.record_json)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "service": self.service,
            "document": self.document,
            "old_version": self.old_version.to_dict(),
            "new_version": self.new_version.to_dict(),
            "analyzer": self.analyzer,
            "analysis_key": self.analysis_key,
            "created_at": self.created_at.isoformat(),
            "record": json.loads(self.record_json),
        }


def get_record(session: Session, record_id: int) -> RecordRow:
    """A stored record by id (InputError when there is none)."""
    row = session.get(StoredRecord, record_id)
    if row is None:
        raise InputError(f"no change record with id {record_id} (see 'summarizer history SERVICE' for ids)")
    doc = session.get(PolicyDocument, row.document_id)
    svc = session.get(Service, doc.service_id) if doc else None
    versions = {
        v.id: v
        for v in (
            VersionInfo(*r)
            for r in session.exec(
                select_columns(*_VERSION_COLUMNS).where(
                    col(Version.id).in_([row.old_version_id, row.new_version_id])
                )
            ).all()
        )
    }
    return RecordRow(
        stored_id(row.id),
        svc.name if svc else "?",
        doc.doc_type if doc else "?",
        versions[row.old_version_id],
        versions[row.new_version_id],
        row.analyzer,
        row.analysis_key,
        row.created_at,
        row.record_json,
    )


def version_text(session: Session, version_id: int) -> str:
    text = session.exec(select(Version.text).where(Version.id == version_id)).first()
    if text is None:
        raise InputError(f"no version with id {version_id}")
    return text


def load_record(db_url: str, record_id: int) -> RecordRow:
    """A stored record by id, opening the database at *db_url* (InputError when there is none)."""
    from summarizer.store.db import open_engine

    with Session(open_engine(db_url)) as session:
        return get_record(session, record_id)
