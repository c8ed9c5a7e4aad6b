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


def platforms_slot(ref: ProvisionRef) -> SlotContent | None:
    """How other services' current documents word the provision (one passage each), and where
    this service stands on the numbers and practices they state (``summarizer platforms``)."""
    from summarizer.errors import InputError
    from summarizer.store.platforms import compare_provision

    try:
        comparison = compare_provision(
            ref.db_url, ref.service, ref.document, ref.category, with_stances=True, catch_up=False
        )
    except InputError:
        return None
    if not comparison.examples:
        return None
    return SlotContent(
        paragraphs=[s.summary for s in comparison.stances if s.summary and (s.this or s.stating)],
        items=[
            f"{e.service}, {e.document} (version of {e.version_date}): \u201c{e.excerpt}\u201d"
            for e in comparison.examples
        ],
        links=[(f"{e.service} \u00b7 {e.document}", e.link) for e in comparison.examples],
        source="summarizer platforms",
    )


def default_providers() -> dict:
    """The slots every site build fills unless told otherwise."""
    return {"platforms": platforms_slot, "compliance": compliance_slot}


def prepare(db_url: str, providers: dict) -> None:
    """Work a build does once before its pages: bring the passage index up to date."""
    if providers.get("platforms") is platforms_slot:
        from summarizer.store.platforms import catch_up_index

        catch_up_index(db_url)
