"""The built-in contents of a provision page's optional slots: the compliance analysis of the
latest change to the provision that carries one, and how other platforms handle the provision."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache

from summarizer.site.slots import ProvisionRef, SlotContent

#: While a build renders (:func:`build_scope`): db url -> what every platforms slot of a category
#: reads alike (see ``compare_provision(shared=...)``); the store does not change meanwhile.
_SHARED: ContextVar[dict[str, dict] | None] = ContextVar("site_platforms_shared", default=None)


@contextmanager
def build_scope() -> Iterator[None]:
    """Let the platforms slots of one build share their per-category reads."""
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


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

    scope = _SHARED.get()
    try:
        comparison = compare_provision(
            ref.db_url, ref.service, ref.document, ref.category, with_stances=True, catch_up=False,
            shared=None if scope is None else scope.setdefault(ref.db_url, {}),
        )  # fmt: skip
    except InputError:
        return None
    if not comparison.examples:
        return None
    return SlotContent(
        paragraphs=[s.summary for s in comparison.stances if s.summary and (s.this or s.stating)],
        # no version date here: the linked provision page names it, and a date would make every
        # page citing a service change with each of its new versions (see platforms_inputs)
        items=[f"{e.service}, {e.document}: \u201c{e.excerpt}\u201d" for e in comparison.examples],
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


@dataclass
class PlatformInputs:
    """What the platforms slots are computed from: per category, each document's current passages
    placed in it (by content hash), and a digest of them all."""

    digests: dict[str, str] = field(default_factory=dict)  # category -> digest
    passages: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # category -> doc id -> hashes
    # "category/hash" -> the stances the passage states, [[kind, value], ...] (what the slot counts)
    findings: dict[str, list] = field(default_factory=dict)


def platforms_inputs(
    db_url: str,
    known_findings: dict[str, list] | None = None,
    *,
    held: dict[str, dict[str, list[str]]] | None = None,
    read: set[str] | None = None,
    live: set[str] | None = None,
) -> PlatformInputs:
    """The :class:`PlatformInputs` of the store's current passages. A new version that leaves a
    category's passages as they were leaves its digest as it was. Whether a passage states a stance
    (a number or a practice the slot counts) is worked out once per passage text (*known_findings*
    are those of the last build). With *held* (the last build's passages) and *read* (document ids
    with a new version since), only those documents' passages are read again; *live* drops
    documents no longer stored."""
    import hashlib

    from sqlalchemy import bindparam, text

    from summarizer.rubric import stances as st
    from summarizer.store.db import open_engine

    known_findings = known_findings or {}
    sql = (
        "SELECT pc.category, p.document_id, p.text FROM passage_categories pc "
        "JOIN passages p ON p.id = pc.passage_id WHERE p.is_current"
    )
    params: dict = {}
    passages: dict[str, dict[str, list[str]]] = {}
    if held is not None and read is not None:
        for category, docs in held.items():
            kept = {d: hs for d, hs in docs.items() if d not in read and (live is None or d in live)}
            if kept:
                passages[category] = kept
        sql += " AND p.document_id IN :docs"
        params["docs"] = [int(d) for d in read] or [-1]
    query = text(sql + " ORDER BY pc.category, p.document_id, p.ordinal")
    if "docs" in params:
        query = query.bindparams(bindparam("docs", expanding=True))
    out = PlatformInputs()
    with open_engine(db_url).connect() as conn:
        for category, document_id, body in conn.execute(query, params):
            key = hashlib.sha1(body.encode()).hexdigest()[:16]
            passages.setdefault(category, {}).setdefault(str(document_id), []).append(key)
            fkey = f"{category}/{key}"
            if fkey not in out.findings:
                found = known_findings.get(fkey)
                if not isinstance(found, list):
                    found = []
                    for kind in st.BY_CATEGORY.get(category, ()):
                        stance = st.stance(kind, [body])
                        if stance is not None:
                            found.append([kind, stance.value])
                out.findings[fkey] = found
    for category, docs in passages.items():
        h = hashlib.sha1()
        for doc in sorted(docs, key=int):
            h.update(f"{doc}:{','.join(docs[doc])};".encode())
            for key in docs[doc]:
                fkey = f"{category}/{key}"
                if fkey not in out.findings and fkey in known_findings:
                    out.findings[fkey] = known_findings[fkey]
        out.digests[category] = h.hexdigest()[:20]
    out.passages = passages
    return out


def _stance_signature(category: str, hashes: set[str], findings: dict[str, list]) -> dict | None:
    """What a document's passages in *category* add to other pages' stance summaries, when that does
    not depend on which page asks: per practice, whether some passage states it and whether some
    denies it; per number, its one value. None when it may depend on the page (two different
    numbers: the passage closest to the page's provision wins) or a passage is unknown."""
    from summarizer.rubric import stances as st

    values: dict[str, set] = {}
    for h in hashes:
        found = findings.get(f"{category}/{h}")
        if not isinstance(found, list):  # unknown (or kept by an older build)
            return None
        for kind, value in found:
            values.setdefault(kind, set()).add(value)
    out: dict = {}
    for kind, seen in values.items():
        if st.KINDS[kind].kind == "number":
            if len(seen) > 1:
                return None
            out[kind] = next(iter(seen))
        else:
            out[kind] = (True in seen, False in seen)
    return out


def may_move(
    previous: dict[str, dict[str, list[str]]], inputs: PlatformInputs, findings: dict[str, list]
) -> tuple[dict[str, set[str]], set[str]]:
    """(category -> documents whose passages in it changed, categories where such a change can move
    every page's slot: what the changed document adds to the stance summaries moved, or may depend
    on the page, or the document started or stopped having passages in the category). Elsewhere a
    changed document can only move the slots that show one of its passages as an example (or that
    show fewer examples than they may)."""
    changed: dict[str, set[str]] = {}
    everywhere: set[str] = set()
    for category in set(previous) | set(inputs.passages):
        old, new = previous.get(category, {}), inputs.passages.get(category, {})
        for doc in set(old) | set(new):
            a, b = set(old.get(doc, ())), set(new.get(doc, ()))
            if a == b:
                continue
            changed.setdefault(category, set()).add(doc)
            before, after = _stance_signature(category, a, findings), _stance_signature(category, b, findings)
            if not a or not b or before is None or before != after:
                everywhere.add(category)
    return changed, everywhere


def slot_keys(providers: dict, inputs: PlatformInputs | None, category: str, records: list) -> dict:
    """The cache keys of the built-in slots of one provision page (see :func:`slots.fill_cached`):
    the platforms slot by its category's inputs, the compliance slot by the records of the document
    that touch the category and carry a compliance section (False: none does, nothing to show)."""
    keys: dict[str, str | bool | None] = {}
    if providers.get("platforms") is platforms_slot and inputs is not None:
        keys["platforms"] = inputs.digests.get(category, "-")
    if providers.get("compliance") is compliance_slot:
        ids = sorted(
            rid
            for rid, r in records
            if r.compliance is not None
            and (category in r.categories or any(c.category == category for c in r.changes))
        )
        keys["compliance"] = ",".join(map(str, ids)) if ids else False
    return keys
