"""The library's front door: load two versions, diff them, analyse the diff.

Plain values in, plain values out; nothing here prints or exits.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.diffing.load import load_document, parse_document
from summarizer.errors import NoChange
from summarizer.model.diff import DiffResult
from summarizer.model.document import Document

if TYPE_CHECKING:  # the diff path stays free of pydantic and the analyzers
    from summarizer.analyzers import AnalysisOptions
    from summarizer.model.record import ChangeRecord


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_pair(old: str | Path, new: str | Path, *, encoding: str | None = None) -> tuple[Document, Document]:
    """Load both versions; raises NoChange when they are identical."""
    if str(old) == "-" and str(new) == "-":
        from summarizer.errors import InputError

        raise InputError("only one of OLD and NEW can be '-' (standard input)")
    old_doc = load_document(old, encoding=encoding)
    new_doc = load_document(new, encoding=encoding)
    if old_doc.text == new_doc.text:
        raise NoChange("no change: the two versions are identical")
    return old_doc, new_doc


def diff_documents(old: Document, new: Document) -> DiffResult:
    from summarizer.diffing.engine import diff_documents as _diff

    return _diff(old, new)


def diff_texts(
    old_text: str, new_text: str, *, old_source: str = "old", new_source: str = "new"
) -> DiffResult:
    return diff_documents(
        parse_document(old_text, source=old_source), parse_document(new_text, source=new_source)
    )


def analyze(
    diff: DiffResult, analyzer: str = "rules", options: AnalysisOptions | None = None
) -> ChangeRecord:
    """Run an analyzer on a diff and fill in the provenance common to every analyzer."""
    from summarizer.analyzers import get_analyzer

    started = time.perf_counter()
    record = get_analyzer(analyzer, options).analyze(diff)
    prov = record.provenance
    prov.timings_ms.setdefault("analyze", round((time.perf_counter() - started) * 1000, 2))
    prov.old_source = prov.old_source or diff.old.source
    prov.new_source = prov.new_source or diff.new.source
    prov.old_sha256 = prov.old_sha256 or sha256_text(diff.old.text)
    prov.new_sha256 = prov.new_sha256 or sha256_text(diff.new.text)
    return record


def compare_texts(
    old_text: str,
    new_text: str,
    analyzer: str = "rules",
    options: AnalysisOptions | None = None,
    *,
    old_source: str = "old",
    new_source: str = "new",
) -> ChangeRecord:
    """Two texts in, one change record out (identical texts still yield a record: not material)."""
    started = time.perf_counter()
    diff = diff_texts(old_text, new_text, old_source=old_source, new_source=new_source)
    diff_ms = (time.perf_counter() - started) * 1000
    record = analyze(diff, analyzer, options)
    record.provenance.timings_ms["diff"] = round(diff_ms, 2)
    return record


def compare_files(
    old: str | Path,
    new: str | Path,
    analyzer: str = "rules",
    options: AnalysisOptions | None = None,
    *,
    encoding: str | None = None,
    compliance: str | None = None,
) -> ChangeRecord:
    """Two files in, one change record out; raises NoChange for identical files.

    ``compliance`` ('offline' or 'llm') also fills the record's optional compliance section.
    """
    old_doc, new_doc = load_pair(old, new, encoding=encoding)
    started = time.perf_counter()
    diff = diff_documents(old_doc, new_doc)
    diff_ms = (time.perf_counter() - started) * 1000
    record = analyze(diff, analyzer, options)
    record.provenance.timings_ms["diff"] = round(diff_ms, 2)
    if compliance:
        add_compliance(record, diff, compliance, options)
    return record


def add_compliance(
    record: ChangeRecord, diff: DiffResult, method: str = "offline", options: AnalysisOptions | None = None
) -> ChangeRecord:
    """Fill ``record.compliance``: offline (the default), or 'llm' with the offline analysis as fallback."""
    started = time.perf_counter()
    if method == "llm":
        from summarizer.compliance.llm import llm_compliance

        record.compliance = llm_compliance(record, diff.old.text, diff.new.text, options)
    elif method == "offline":
        from summarizer.compliance import attach_compliance

        attach_compliance(record, diff.old.text, diff.new.text)
    else:
        from summarizer.errors import InputError

        raise InputError(f"unknown compliance method {method!r}: choose offline or llm")
    record.provenance.timings_ms["compliance"] = round((time.perf_counter() - started) * 1000, 2)
    return record
