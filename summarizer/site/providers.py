"""The built-in contents of a provision page's optional slots: the compliance analysis of the
latest change to the provision that carries one, and how other platforms handle the provision."""

from __future__ import annotations

from functools import cache

from summarizer.site.slots import ProvisionRef, SlotContent


@cache
def _entry_categories() -> dict[str, frozenset[str]]:
    from summarizer.compliance.table import load_table

    return {e.id: frozenset(e.categories) for e in load_table().entries}


def compliance_slot(ref: ProvisionRef) -> SlotContent | None:
    """The compliance section of the newest stored record of this document that touches the
    provision and carries one (``track --compliance``), narrowed to the entries of its category."""
    from sqlmodel import Session, select

    from summarizer.model.record import ChangeRecord
    from summarizer.store.db import open_engine
    from summarizer.store.models import RecordCategory, StoredRecord

    with Session(open_engine(ref.db_url)) as session:
        rows = session.exec(
            select(StoredRecord.record_json)
            .join(RecordCategory, RecordCategory.record_id == StoredRecord.id)  # type: ignore[arg-type]
            .where(StoredRecord.document_id == ref.document_id, RecordCategory.category == ref.category)
            .order_by(StoredRecord.new_version_id.desc())  # type: ignore[attr-defined]
        ).all()
    cats = _entry_categories()

    def about(entries: list[str]) -> bool:
        return any(ref.category in cats.get(i, ()) for i in entries)

    for raw in rows:
        section = ChangeRecord.model_validate_json(raw).compliance
        if section is None:
            continue
        landscape = [s.text for s in section.landscape if about(s.entries)]
        considerations = [s.text for s in section.considerations if about(s.entries)]
        if not landscape and not considerations:
            return None
        return SlotContent(
            paragraphs=[
                f"Governance exposure of the latest change: {section.exposure.level}.",
                *landscape,
                section.disclaimer,
            ],
            items=considerations
            + [f"{j.name}: {j.reason}" for j in section.jurisdictions if about(j.entries)],
            source=section.table_version,
        )
    return None


def default_providers() -> dict:
    """The slots every site build fills unless told otherwise."""
    return {"compliance": compliance_slot}
