"""What the site shows, read from the store: each document's history, its records and its current text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from summarizer.store.history import DocumentHistory, VersionEntry, history
from summarizer.store.models import PolicyDocument, Service, StoredRecord, Version, table_of

if TYPE_CHECKING:
    from summarizer.model.record import ChangeRecord


@dataclass
class DocumentRef:
    id: int
    service: str
    document: str
    fingerprint: str  # changes whenever a version or a record of the document is added or re-made


@dataclass
class DocumentData:
    ref: DocumentRef
    history: DocumentHistory
    records: dict[int, ChangeRecord] = field(default_factory=dict)  # by record id
    current_text: str = ""

    @property
    def current(self) -> VersionEntry | None:
        return self.history.versions[-1] if self.history.versions else None


def document_refs(engine: Engine) -> list[DocumentRef]:
    """Every document with a fingerprint, from two grouped queries (cheap: no text, no JSON)."""
    vt, rt = table_of(Version), table_of(StoredRecord)
    dt, st = table_of(PolicyDocument), table_of(Service)
    with engine.connect() as conn:
        names = conn.execute(
            select(dt.c.id, st.c.name, dt.c.doc_type)
            .join(st, st.c.id == dt.c.service_id)
            .order_by(st.c.name, dt.c.doc_type)
        ).all()
        versions = {
            d: (n, m)
            for d, n, m in conn.execute(
                select(vt.c.document_id, func.count(vt.c.id), func.max(vt.c.id)).group_by(vt.c.document_id)
            ).all()
        }
        records = {  # the newest creation time catches a record re-made under a reused id; the
            # summed JSON length catches a record changed in place (``track --compliance`` adding
            # the compliance section to stored records), without reading any JSON
            d: (n, m, t, size)
            for d, n, m, t, size in conn.execute(
                select(
                    rt.c.document_id,
                    func.count(rt.c.id),
                    func.max(rt.c.id),
                    func.max(rt.c.created_at),
                    func.sum(func.length(rt.c.record_json)),
                ).group_by(rt.c.document_id)
            ).all()
        }
    out = []
    for doc_id, service, document in names:
        v, r = versions.get(doc_id, (0, 0)), records.get(doc_id, (0, 0, None, 0))
        if not v[0]:
            continue
        out.append(
            DocumentRef(int(doc_id), service, document, f"v{v[0]}.{v[1]}-r{r[0]}.{r[1]}.{r[2]}.{r[3]}")
        )
    return out


def load_documents(db_url: str, engine: Engine, refs: list[DocumentRef]) -> list[DocumentData]:
    """The history, records and current text of each document in *refs*."""
    from summarizer.model.record import ChangeRecord

    wanted = {(r.service, r.document): r for r in refs}
    out: list[DocumentData] = []
    for service in dict.fromkeys(r.service for r in refs):
        for hist in history(db_url, service):
            ref = wanted.get((service, hist.document))
            if ref is None:
                continue
            out.append(DocumentData(ref, hist))
    rt, vt = table_of(StoredRecord), table_of(Version)
    with engine.connect() as conn:
        for doc in out:
            ids = [v.record_id for v in doc.history.versions if v.record_id is not None]
            for rid in ids:  # the history parsed them already
                if rid in doc.history.records:
                    doc.records[rid] = ChangeRecord.model_validate(doc.history.records[rid])
            ids = [rid for rid in ids if rid not in doc.records]
            for start in range(0, len(ids), 500):
                for rid, raw in conn.execute(
                    select(rt.c.id, rt.c.record_json).where(rt.c.id.in_(ids[start : start + 500]))
                ).all():
                    doc.records[int(rid)] = ChangeRecord.model_validate_json(raw)
            if doc.current is not None:
                doc.current_text = conn.execute(
                    select(vt.c.text).where(vt.c.id == doc.current.version.id)
                ).scalar_one()
    return out


def analyses(engine: Engine) -> list[tuple[str, str | None, str | None, int]]:
    """(analyzer, model, prompt version, records) for the methodology page."""
    rt = table_of(StoredRecord)
    with engine.connect() as conn:
        rows = conn.execute(
            select(rt.c.analyzer, rt.c.model, rt.c.prompt_version, func.count(rt.c.id))
            .group_by(rt.c.analyzer, rt.c.model, rt.c.prompt_version)
            .order_by(rt.c.analyzer)
        ).all()
    return [(a, m, p, int(n)) for a, m, p, n in rows]


def version_texts(engine: Engine, ids: list[int]) -> dict[int, str]:
    """version id -> text, read in batches."""
    vt = table_of(Version)
    out: dict[int, str] = {}
    with engine.connect() as conn:
        for start in range(0, len(ids), 200):
            for vid, text in conn.execute(
                select(vt.c.id, vt.c.text).where(vt.c.id.in_(ids[start : start + 200]))
            ):
                out[int(vid)] = text
    return out
