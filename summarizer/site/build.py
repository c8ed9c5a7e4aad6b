"""``build_site``: the static site from the store, rendered with the Jinja2 templates in ``templates/``.

Incremental: the build keeps a small state file (``.site-state.json``) with each document's
fingerprint (version and record counts and newest ids), what its pages say to the service and
index pages, and its feed entries. A rebuild re-renders only documents whose fingerprint moved
(their document, provision and feed pages, plus record and version pages not written before),
then the pages that list documents (service pages, index, site feed, sitemap) from the state.
A file is written only when its bytes differ. Templates, the library version or the base URL
changing make the next build a full one.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from summarizer.about import DISCLAIMER, __version__
from summarizer.model.taxonomy import CATEGORIES, CATEGORY_IDS, Severity
from summarizer.rendering.common import category_title
from summarizer.rendering.html import record_context
from summarizer.site import paths, slots, views
from summarizer.site.data import DocumentData, analyses, document_refs, load_documents, version_texts
from summarizer.site.providers import PlatformInputs
from summarizer.site.statement import ProvisionText, classify_passages, extract
from summarizer.site.statement_model import FLAG_TEXT, StatementWriter

STATE_FILE = ".site-state.json"
TEMPLATES = Path(__file__).resolve().parent / "templates"
FEED_ENTRIES = 50


@dataclass
class BuildSummary:
    out: str
    full: bool
    documents: int = 0  # documents in the site
    rebuilt_documents: int = 0
    pages: int = 0  # files the site holds
    written: list[str] = field(default_factory=list)  # files whose bytes changed
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {
            "out": self.out,
            "full": self.full,
            "documents": self.documents,
            "rebuilt_documents": self.rebuilt_documents,
            "pages": self.pages,
            "written": len(self.written),
            "seconds": self.seconds,
        }


@lru_cache(maxsize=1)
def environment() -> Any:
    """The Jinja2 environment: autoescaped HTML and XML, undefined names are errors."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    from summarizer.rendering.html import TEMPLATE_GLOBALS
    from summarizer.rendering.html import TEMPLATES as RECORD_TEMPLATES

    env = Environment(  # the site's templates, then the record's (record_body.html, macros.html)
        loader=FileSystemLoader([str(TEMPLATES), str(RECORD_TEMPLATES)]),
        autoescape=select_autoescape(["html", "xml", "svg"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # packaged templates: no stat of each template (and its parents) per page
    )
    env.filters["title"] = category_title
    env.filters["date"] = lambda d: d.strftime("%Y-%m-%d") if d else ""
    env.globals.update(
        TEMPLATE_GLOBALS,
        DISCLAIMER=DISCLAIMER,
        VERSION=__version__,
        LEVELS=views.LEVELS,
        CATEGORIES=CATEGORIES,
    )
    return env


@lru_cache(maxsize=1)
def templates_hash() -> str:
    from summarizer.rendering.html import TEMPLATES as RECORD_TEMPLATES

    digest = hashlib.sha256()
    for path in sorted([*TEMPLATES.rglob("*"), *RECORD_TEMPLATES.rglob("*")]):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class _Writer:
    """Writes files under *out*, only when their bytes change (known from the digests the build
    state keeps, so an unchanged page is neither read nor written); remembers what it wrote."""

    def __init__(self, out: Path, summary: BuildSummary, digests: dict[str, str]) -> None:
        self.out, self.summary, self.digests = out, summary, digests

    def write(self, rel: str, content: str) -> None:
        target = self.out / rel
        data = content.encode("utf-8")
        digest = hashlib.sha1(data).hexdigest()[:20]
        if self.digests.get(rel) == digest and target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.digests[rel] = digest
        self.summary.written.append(rel)

    def page(self, rel: str, template: str, **context: Any) -> None:
        context.setdefault("root", "../" * rel.count("/"))
        context.setdefault("page", rel)
        self.write(rel, environment().get_template(template).render(**context))


def build_site(
    db_url: str,
    out: str | Path,
    *,
    base_url: str | None = None,
    full: bool = False,
    slot_providers: dict[str, slots.SlotProvider] | None = None,
    statements: StatementWriter | None = None,
) -> BuildSummary:
    """Build (or bring up to date) the site for the store at *db_url* in folder *out*.

    *statements* writes the provision statements through the model (see
    :mod:`summarizer.site.statement_model`); None keeps them extractive (offline)."""
    from summarizer.site.providers import build_scope

    with build_scope():  # the store does not change while the pages render
        return _build_site(db_url, out, base_url, full, slot_providers, statements)


def _build_site(
    db_url: str,
    out: str | Path,
    base_url: str | None,
    full: bool,
    slot_providers: dict[str, slots.SlotProvider] | None,
    statements: StatementWriter | None,
) -> BuildSummary:
    from summarizer.store.db import open_engine

    started = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    from summarizer.site.providers import default_providers, platforms_inputs, platforms_slot, prepare

    if slot_providers is None:
        slot_providers = {**default_providers(), **slots.registered()}
    providers = slot_providers
    prepare(db_url, providers)
    build_key = hashlib.sha256(
        json.dumps(
            [
                __version__,
                templates_hash(),
                _lexicon(),
                base_url,
                sorted(providers),
                statements.identity if statements else "extractive",
            ]
        ).encode()
    ).hexdigest()[:16]
    state = _read_state(out)
    if full or state.get("build_key") != build_key:
        state = {"build_key": build_key, "documents": {}, "digests": {}}
        full = True
    summary = BuildSummary(str(out), full)
    writer = _Writer(out, summary, state.setdefault("digests", {}))
    engine = open_engine(db_url)
    refs = document_refs(engine)
    known: dict[str, dict] = state["documents"]
    stale = [r for r in refs if known.get(str(r.id), {}).get("fingerprint") != r.fingerprint]
    held = state.get("platforms") or {}
    live = {str(r.id) for r in refs}
    inputs = None
    if providers.get("platforms") is platforms_slot and (full or stale or set(known) - live):
        # passages change only with a new version: read again only those of documents that have one
        inputs = platforms_inputs(
            db_url,
            held.get("findings"),
            held=held.get("passages") if not full else None,
            read={str(r.id) for r in stale} if not full and "passages" in held else None,
            live=live,
        )
    for doc in load_documents(db_url, engine, stale):
        known[str(doc.ref.id)] = _build_document(
            writer, doc, engine, db_url, base_url, providers, known.get(str(doc.ref.id)), statements, inputs
        )
    # pages of other documents whose 'other platforms' slot moved with what changed elsewhere
    moved = _moved_platform_slots(refs, stale, known, providers, inputs, held, db_url) if not full else {}
    if inputs is not None:
        state["platforms"] = {"passages": inputs.passages, "findings": inputs.findings}
    for doc in load_documents(db_url, engine, [r for r in refs if str(r.id) in moved]):
        known[str(doc.ref.id)] = _build_document(
            writer,
            doc,
            engine,
            db_url,
            base_url,
            providers,
            known[str(doc.ref.id)],
            statements,
            inputs,
            only=moved[str(doc.ref.id)],
        )
    gone = set(known) - live
    for doc_id in gone:
        del known[doc_id]
    docs = [known[str(r.id)] for r in refs]
    summary.documents = len(refs)
    if not stale and not gone and not full and not moved:  # nothing new: every page is as it was
        summary.pages = sum(len(d["pages"]) for d in docs) + 3 + len({d["summary"]["service"] for d in docs})
        summary.seconds = round(time.perf_counter() - started, 3)
        return summary
    changed_services = {known[str(r.id)]["summary"]["service"] for r in stale}
    _build_listings(writer, docs, changed_services if not full else None, base_url, engine, statements)
    summary.documents = len(refs)
    summary.rebuilt_documents = len(stale)
    summary.pages = sum(len(d["pages"]) for d in docs) + 3 + len({d["summary"]["service"] for d in docs})
    state["documents"] = known
    # plain data with no cycles: the check would double the encoding time of the big state
    (out / STATE_FILE).write_text(json.dumps(state, check_circular=False), encoding="utf-8")
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _moved_platform_slots(
    refs: list,
    stale: list,
    known: dict[str, dict],
    providers: dict[str, slots.SlotProvider],
    inputs: PlatformInputs | None,
    held: dict,
    db_url: str,
) -> dict[str, set[str]]:
    """document id -> categories whose page must be rewritten, among documents not rebuilt.

    Where another document's passages in a category changed, a page's platforms slot is computed
    again when the change can move it (:func:`summarizer.site.providers.may_move`: a changed
    passage states a stance the slot counts, or a document entered or left the category; or the
    slot shows that document's passage, or fewer examples than it may); the page is rewritten only
    when what it shows changed. Elsewhere the slot's cache key moves on with its content as it was.
    Not foreseen: a changed passage of a document the slot does not show that now outranks the
    examples it shows (the next rebuild of the page's document, or ``--full``, brings it in).
    """
    if inputs is None or "passages" not in held:
        return {}
    from dataclasses import asdict

    from summarizer.model.slugs import provision_path
    from summarizer.site.providers import may_move
    from summarizer.store.platforms import DEFAULT_SERVICES

    changed, everywhere = may_move(held["passages"], inputs, {**held.get("findings", {}), **inputs.findings})
    names = {str(r.id): (r.service, r.document) for r in refs}
    rebuilt = {str(r.id) for r in stale}
    provider = providers["platforms"]
    out: dict[str, set[str]] = {}
    for ref in refs:
        doc_id = str(ref.id)
        entry = known.get(doc_id)
        if doc_id in rebuilt or not entry or "ref" not in entry:
            continue
        service, document, _id, version_id = entry["ref"]
        cache = entry.setdefault("slots", {})
        for category in entry.get("categories", []):
            key = inputs.digests.get(category, "-")
            slot = cache.setdefault(category, {})
            stored = slot.get("platforms")
            if stored is not None and stored[0] == key:
                continue
            if stored is not None and category not in everywhere:
                shown = {link for _label, link in (stored[1] or {}).get("links", [])}
                moved_docs = {
                    provision_path(*names[d], category) for d in changed.get(category, ()) if d in names
                }
                if len(shown) >= DEFAULT_SERVICES and not shown & moved_docs:
                    slot["platforms"] = [key, stored[1]]  # this change cannot move what the slot shows
                    continue
            content = provider(slots.ProvisionRef(db_url, service, document, category, ref.id, version_id))
            new = asdict(content) if content else None
            slot["platforms"] = [key, new]
            if stored is None or _plain(stored[1]) != _plain(new):
                out.setdefault(doc_id, set()).add(category)
    return out


def _plain(value: Any) -> Any:
    """Slot content as JSON gives it back (tuples as lists), for comparing stored and fresh content
    (without a JSON round trip: slot contents hold only strings, numbers, None, lists, tuples and
    dicts with string keys)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@lru_cache(maxsize=1)
def _lexicon() -> str:
    """The classifier's fingerprint: provision extracts depend on it."""
    from summarizer.rubric.classifier import lexicon_fingerprint

    return lexicon_fingerprint()


def _read_state(out: Path) -> dict:
    """The last build's state. Parsed with the cyclic garbage collector paused: the parse makes
    some hundred thousand containers (and no cycle), each batch of which would otherwise start a
    collection scanning them again (about half the time of an incremental build's read)."""
    import gc

    try:
        raw = (out / STATE_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return json.loads(raw)
    except ValueError:
        return {}
    finally:
        if was_enabled:
            gc.enable()


def _build_document(
    writer: _Writer,
    doc: DocumentData,
    engine,
    db_url: str,
    base_url: str | None,
    providers: dict[str, slots.SlotProvider],
    previous: dict | None,
    statements: StatementWriter | None = None,
    inputs: PlatformInputs | None = None,
    only: set[str] | None = None,
) -> dict:
    """Every page of one document (or, with *only*, just the provision pages of those categories);
    returns its entry of the build state."""
    from summarizer.site.providers import slot_keys

    service, document = doc.ref.service, doc.ref.document
    hist = doc.history
    found, classified = classify_passages(doc.current_text, (previous or {}).get("passages"))
    touched = {c for p in hist.provisions for c in [p.category]}
    for record in doc.records.values():
        touched.update(c.category for c in record.changes)
    categories = [c for c in CATEGORY_IDS if c in touched or c in found]
    provs = views.provisions(doc, categories)
    summary = views.document_summary(doc, provs)
    current = doc.current
    done_pages = set(previous.get("written_once", [])) if previous else set()
    pages: list[str] = []

    crumbs_doc = [
        (paths.INDEX, "All services"),
        (paths.service_page(service), service),
        (paths.document_page(service, document), document),
    ]
    # record pages: one per consecutive pair with a record, written once (a re-made record has a new id)
    records_view = []
    for prev, entry in zip(hist.versions, hist.versions[1:]):
        if entry.record_id is None:
            continue
        record = doc.records[entry.record_id]
        rel = views.record_path(doc, entry)
        pages.append(rel)
        records_view.append((entry, rel, record))
        key = f"{rel}#{entry.record_id}"
        if key in done_pages:
            continue
        mark, label = views.mark_of(entry)
        writer.page(
            rel,
            "record.html",
            title=record.headline,
            crumbs=crumbs_doc,
            **record_context(
                record,
                root="../" * rel.count("/"),
                service=service,
                document=document,
                old_label=f"{prev.version.captured_at:%Y-%m-%d}",
                new_label=f"{entry.version.captured_at:%Y-%m-%d}",
                old_path=views.version_path(doc, prev.version),
                new_path=views.version_path(doc, entry.version),
                sources=None,
                mark=mark,
                mark_label=label,
                provision_paths={c: paths.provision_page(service, document, c) for c in categories},
            ),
        )
        done_pages.add(key)
    todo = [e for e in hist.versions if views.version_path(doc, e.version) not in done_pages]
    texts = version_texts(engine, [e.version.id for e in todo])
    for entry in hist.versions:
        rel = views.version_path(doc, entry.version)
        pages.append(rel)
        if rel in done_pages:
            continue
        text = texts[entry.version.id]
        writer.page(
            rel,
            "version.html",
            title=f"{service} · {document} · version of {entry.version.captured_at:%Y-%m-%d}",
            crumbs=crumbs_doc,
            service=service,
            document=document,
            v=entry.version,
            text=text,
        )
        done_pages.add(rel)

    doc_feed = paths.document_feed(service, document)
    extracts: dict[str, list] = {}
    retry = False  # a statement made while the model was unreachable: rebuild the document next time
    earlier = (previous or {}).get("extracts", {})
    slot_cache: dict[str, dict] = (previous or {}).get("slots", {})
    record_items = list(doc.records.items())
    for prov in provs:
        if only is not None and prov.category not in only and prov.category in earlier:
            extracts[prov.category] = earlier[prov.category]
            pages.append(prov.path)
            continue
        hits = found.get(prov.category, [])
        digest = hashlib.sha1(repr([(score, pos) for score, pos, _ in hits]).encode())
        for _score, _pos, passage in hits:
            digest.update(passage.encode("utf-8"))
        hits_key = digest.hexdigest()[:20]
        cached = earlier.get(prov.category)
        keep = True
        if cached and cached[0] == hits_key:  # the category's passages did not move: same extract
            extract_ = ProvisionText(**cached[1])
        else:
            extract_ = extract(prov.category, found)
            if statements is not None:
                extract_, keep = statements.write(service, document, prov.category, hits, extract_)
        # an extract made while the model was unreachable is not kept: the next build asks again
        extracts[prov.category] = [hits_key if keep else "", dict(extract_.__dict__)]
        retry = retry or not keep
        table = prov.table
        ref = slots.ProvisionRef(
            db_url, service, document, prov.category, doc.ref.id, current.version.id if current else 0
        )
        writer.page(
            prov.path,
            "provision.html",
            title=f"{service} · {document} · {prov.title}",
            crumbs=crumbs_doc,
            service=service,
            document=document,
            p=prov,
            x=extract_,
            table=table,
            chart=views.chart(table, prov.title, len(prov.timeline)),
            current=current.version if current else None,
            current_path=views.version_path(doc, current.version) if current else None,
            summary=summary,
            feed=doc_feed,
            slots=slots.fill_cached(
                providers,
                ref,
                slot_keys(providers, inputs, prov.category, record_items),
                slot_cache.setdefault(prov.category, {}),
            ),
            category=CATEGORIES.get(prov.category),
            flag_text=FLAG_TEXT,
        )
        pages.append(prov.path)

    if only is not None and previous is not None:  # the other pages are as they were
        return {
            **previous,
            "extracts": extracts,
            "slots": {c: slot_cache[c] for c in categories if c in slot_cache},
        }
    doc_page = paths.document_page(service, document)
    records_newest = list(reversed(records_view))
    writer.page(
        doc_page,
        "document.html",
        title=f"{service} · {document}",
        crumbs=crumbs_doc[:2],
        service=service,
        document=document,
        hist=hist,
        provisions=sorted(provs, key=lambda p: (-Severity(p.current).rank, p.title)),
        versions=[
            (e, views.version_path(doc, e.version), *views.mark_of(e)) for e in reversed(hist.versions)
        ],
        records={e.version.id: rel for e, rel, _ in records_view},
        summary=summary,
        feed=doc_feed,
    )
    pages.append(doc_page)

    entries = []
    for entry, rel, record in records_newest:
        if not record.material or entry.capture is not None:
            continue
        shifts = [
            f"{category_title(c.category)}: {c.severity_before} → {c.severity_after}"
            for c in record.changes
            if c.severity_before != c.severity_after
        ]
        entries.append(
            {
                "service": service,
                "document": document,
                "title": record.headline,
                "path": rel,
                "updated": entry.version.captured_at.isoformat(),
                "severity": record.severity,
                "shifts": shifts[:6],
                "revert": entry.revert_of is not None,
            }
        )
    entries = entries[:FEED_ENTRIES]
    _feed(writer, doc_feed, f"{service} · {document}", entries, base_url, doc_page)
    return {
        "fingerprint": "retry" if retry else doc.ref.fingerprint,
        "summary": summary,
        "pages": pages,
        "entries": entries,
        "written_once": sorted(done_pages),
        "passages": classified,
        "extracts": extracts,
        "slots": {c: slot_cache[c] for c in categories if c in slot_cache},
        "ref": [service, document, doc.ref.id, current.version.id if current else 0],
        "categories": categories,
    }


def _feed(
    writer: _Writer, rel: str, title: str, entries: list[dict], base_url: str | None, html: str
) -> None:
    updated = max((e["updated"] for e in entries), default="2000-01-01T00:00:00+00:00")
    writer.page(
        rel,
        "feed.xml",
        feed_id=paths.absolute(base_url, rel),
        feed_title=title,
        self_url=paths.absolute(base_url, rel),
        html_url=paths.absolute(base_url, html),
        updated=updated,
        entries=[{**e, "url": paths.absolute(base_url, e["path"])} for e in entries],
    )


def _build_listings(
    writer: _Writer,
    docs: list[dict],
    services: set[str] | None,
    base_url: str | None,
    engine,
    statements: StatementWriter | None = None,
) -> None:
    """Service pages (all, or those in *services*), their feeds, the index, the site feed, the sitemap."""
    by_service: dict[str, list[dict]] = {}
    for d in docs:
        by_service.setdefault(d["summary"]["service"], []).append(d)
    rows = []
    for service, items in by_service.items():
        summaries = [d["summary"] for d in items]
        page = paths.service_page(service)
        row = {
            "service": service,
            "path": page,
            "documents": len(items),
            "last_change": max((s["last_change"] for s in summaries if s["last_change"]), default=None),
            "highest": max((s["highest"] for s in summaries), key=lambda s: Severity(s).rank, default="none"),
        }
        rows.append(row)
        if services is not None and service not in services:
            continue
        writer.page(
            page,
            "service.html",
            title=service,
            crumbs=[(paths.INDEX, "All services"), (page, service)],
            service=service,
            documents=summaries,
            feed=paths.service_feed(service),
        )
        entries = sorted((e for d in items for e in d["entries"]), key=lambda e: e["updated"], reverse=True)
        _feed(writer, paths.service_feed(service), service, entries[:FEED_ENTRIES], base_url, page)
    writer.page(
        paths.INDEX, "index.html", title="Policy changes", crumbs=[], services=rows, feed=paths.SITE_FEED
    )
    everything = sorted((e for d in docs for e in d["entries"]), key=lambda e: e["updated"], reverse=True)
    _feed(
        writer,
        paths.SITE_FEED,
        "Policy changes: every service",
        everything[:FEED_ENTRIES],
        base_url,
        paths.INDEX,
    )
    if services is None or services:
        writer.page(
            paths.METHODOLOGY,
            "methodology.html",
            title="How these pages are made",
            crumbs=[(paths.INDEX, "All services"), (paths.METHODOLOGY, "Methodology")],
            analyses=analyses(engine),
            categories=[CATEGORIES[c] for c in CATEGORY_IDS],
            statement_prompt=statements.prompt.identity if statements else None,
            statement_model=statements.model if statements else None,
        )
    writer.write(paths.STYLESHEET, (TEMPLATES / "site.css").read_text(encoding="utf-8"))
    urls = [
        paths.INDEX,
        paths.METHODOLOGY,
        *(r["path"] for r in rows),
        *(p for d in docs for p in d["pages"]),
    ]
    writer.page(paths.SITEMAP, "sitemap.xml", urls=[paths.absolute(base_url, u) for u in urls])
