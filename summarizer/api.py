"""The library's front door: load two versions, diff them, analyse the diff.

Plain values in, plain values out; nothing here prints or exits. The public functions
(:func:`compare`, :func:`diff`, :func:`load`, :func:`render`, :func:`schema`) are re-exported by
``summarizer`` itself; the rest serves the CLI, evals and tracking.

**How a path differs from text.** Every public function takes a document as one of:

- a :class:`pathlib.Path` (any :class:`os.PathLike`): a file, read and decoded like the CLI reads it
  (UTF-8 unless ``encoding`` says otherwise; binary, empty and oversized files refused);
- a :class:`str`: the document's text itself, never a file name;
- a :class:`~summarizer.model.document.Document` (from :func:`load`): used as it is.

So ``compare("a.md", "b.md")`` compares the two strings "a.md" and "b.md"; write
``compare(Path("a.md"), Path("b.md"))`` for files.
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from summarizer.diffing.load import load_document, parse_document
from summarizer.errors import NoChange
from summarizer.model.diff import DiffResult
from summarizer.model.document import Document
from summarizer.text.digest import sha256_hex

if TYPE_CHECKING:  # the diff path stays free of pydantic and the analyzers
    from concurrent.futures import Executor

    from summarizer.analyzers import AnalysisOptions
    from summarizer.config import Settings
    from summarizer.model.record import ChangeRecord

Source: TypeAlias = "str | os.PathLike[str] | Document"
"""A document given to the public API: text (``str``), a file (``os.PathLike``) or a loaded Document."""


def sha256_text(text: str) -> str:
    return sha256_hex(text.encode("utf-8"))


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


def diff_documents(old: Document, new: Document, *, executor: Executor | None = None) -> DiffResult:
    """The diff of two loaded documents; *executor* (the caller's, optional) may take half the
    signals of a very large diff (see :func:`summarizer.diffing.engine.diff_documents`)."""
    from summarizer.diffing.engine import diff_documents as _diff

    return _diff(old, new, executor=executor)


def diff_texts(
    old_text: str, new_text: str, *, old_source: str = "old", new_source: str = "new"
) -> DiffResult:
    return diff_documents(
        parse_document(old_text, source=old_source), parse_document(new_text, source=new_source)
    )


def analyze(
    diff: DiffResult, analyzer: str = "rules", options: AnalysisOptions | None = None, *, plain: bool = False
) -> ChangeRecord:
    """Run an analyzer on a diff and fill in the provenance common to every analyzer.

    ``plain=True`` lets the rules analyzer return its record as plain data
    (:class:`~summarizer.model.record_data.RecordData`: same fields, same JSON, no pydantic, not
    validated); other analyzers return the model either way."""
    from summarizer.analyzers import get_analyzer

    started = time.perf_counter()
    chosen = get_analyzer(analyzer, options)
    analyze_data = getattr(chosen, "analyze_data", None) if plain else None
    record = analyze_data(diff) if analyze_data is not None else chosen.analyze(diff)
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


def name_record(
    record: ChangeRecord,
    *,
    service: str | None = None,
    document: str | None = None,
    old_date: str | None = None,
    new_date: str | None = None,
) -> ChangeRecord:
    """Fill in what the record describes (service, document, the two versions' dates) and, when the
    service or document is known, let the headline name them instead of the page's own title."""
    record.service = service or record.service
    record.document = document or record.document
    record.old_date = old_date or record.old_date
    record.new_date = new_date or record.new_date
    name = " ".join(x for x in (record.service, record.document) if x)
    if name and record.material and ": " in record.headline:
        head, rest = record.headline.split(": ", 1)
        if len(head) <= 80 and not head.startswith(name):
            record.headline = f"{name}: {rest}"
    return record


def compare_files(
    old: str | Path,
    new: str | Path,
    analyzer: str = "rules",
    options: AnalysisOptions | None = None,
    *,
    encoding: str | None = None,
    compliance: str | None = None,
    executor: Executor | None = None,
    plain: bool = False,
) -> ChangeRecord:
    """Two files in, one change record out; raises NoChange for identical files.

    ``compliance`` ('offline' or 'llm') also fills the record's optional compliance section;
    ``executor`` is passed to :func:`diff_documents`. ``plain=True``: see :func:`analyze` (ignored
    with ``compliance``, whose section is a model).
    """
    old_doc, new_doc = load_pair(old, new, encoding=encoding)
    started = time.perf_counter()
    diff = diff_documents(old_doc, new_doc, executor=executor)
    diff_ms = (time.perf_counter() - started) * 1000
    record = analyze(diff, analyzer, options, plain=plain and not compliance)
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

        record.compliance = llm_compliance(record, diff.old.text, diff.new.text, options, diff=diff)
    elif method == "offline":
        from summarizer.compliance import attach_compliance

        attach_compliance(record, diff.old.text, diff.new.text, diff=diff)
    else:
        from summarizer.errors import InputError

        raise InputError(f"unknown compliance method {method!r}: choose offline or llm")
    record.provenance.timings_ms["compliance"] = round((time.perf_counter() - started) * 1000, 2)
    return record


def analysis_options(settings: Settings, *, log_calls: bool = True, **overrides: Any) -> AnalysisOptions:
    """The analysis options the *settings* give, *overrides* (those not None) on top.

    The one way from settings to options (``compare``, ``eval run`` and ``track`` all use it):
    for the model analyzer its model, endpoint, key and tuning; for every analyzer the response
    cache and call log in the configured database (opened only when a model is called), unless
    *log_calls* is False (a caller that will call no model: the store is then not even imported).
    """
    from summarizer.analyzers import AnalysisOptions

    call_log = None
    if log_calls:
        from summarizer.store.model_calls import ModelCallStore

        call_log = ModelCallStore(settings.db_url)
    model = settings.analyzer == "llm"  # the model's settings travel only with the model analyzer
    options = AnalysisOptions(
        model=settings.model if model else None,
        base_url=settings.base_url if model else None,
        api_key=settings.api_key if model else None,
        call_log=call_log,
        chunk_tokens=settings.chunk_tokens,
        max_output_tokens=settings.max_output_tokens,
        response_format=settings.response_format,
        timeout=settings.timeout,
    )
    return replace(options, **{k: v for k, v in overrides.items() if v is not None})


# --- the public API (re-exported by ``summarizer``) ---------------------------------------------


def load(
    source: Source, *, name: str | None = None, encoding: str | None = None, format: str | None = None
) -> Document:
    """One document, parsed into sections.

    *source* is text (``str``), a file (``pathlib.Path`` or any ``os.PathLike``) or a Document
    (returned unchanged). *name* labels text in records (default "text"; a file is labelled by its
    path); *encoding* decodes a file (default UTF-8); *format* forces 'md', 'txt' or 'html' instead of
    sniffing it from the name and content. Raises :class:`~summarizer.errors.InputError` for
    missing, binary, undecodable or empty input.
    """
    if isinstance(source, Document):
        return source
    if isinstance(source, os.PathLike):
        path = os.fspath(source)
        if not isinstance(path, str):
            from summarizer.errors import InputError

            raise InputError(f"{path!r}: give a text path, not bytes")
        return load_document(Path(path), encoding=encoding, format=format)
    if isinstance(source, str):
        return parse_document(source, source=name or "text", format=format)
    from summarizer.errors import InputError

    raise InputError(
        f"a document is text (str), a file (pathlib.Path) or a Document, not {type(source).__name__}"
    )


def diff(old: Source, new: Source, *, encoding: str | None = None) -> DiffResult:
    """The section-aware diff of two versions (hunks with their signals); nothing is analysed.

    See :func:`load` for what *old* and *new* may be. Identical versions give a diff with no hunks.
    """
    return diff_documents(load(old, name="old", encoding=encoding), load(new, name="new", encoding=encoding))


def compare(
    old: Source,
    new: Source,
    *,
    analyzer: str = "rules",
    encoding: str | None = None,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    prompt: str | None = None,
    use_cache: bool = True,
    max_cost: float | None = None,
    options: AnalysisOptions | None = None,
) -> ChangeRecord:
    """One change record explaining how *old* became *new*.

    *old* and *new* are text (``str``), files (``pathlib.Path``) or Documents (see :func:`load`).
    *analyzer* is ``"rules"`` (offline, deterministic, the default) or ``"llm"`` (an OpenAI-compatible
    model: *model*, *base_url* and *api_key* fall back to ``SUMMARIZER_MODEL``, ``OPENAI_BASE_URL``,
    ``OPENAI_API_KEY`` and the config file; *prompt* is ``NAME@VERSION``; *max_cost* in USD stops
    before a call that would pass it; *use_cache* answers repeated calls from the cache). *options*,
    when given, is used as it is instead of those keywords. Identical versions give a record that is
    not material. Raises :class:`~summarizer.errors.InputError` for bad input or options and
    :class:`~summarizer.errors.UpstreamError` when the model endpoint fails after retries.
    """
    from summarizer.analyzers import require_analyzer

    require_analyzer(analyzer)
    if options is None and analyzer != "rules":
        options = _model_options(
            model=model,
            base_url=base_url,
            api_key=api_key,
            prompt=prompt,
            use_cache=use_cache,
            max_cost=max_cost,
        )
    old_doc = load(old, name="old", encoding=encoding)
    new_doc = load(new, name="new", encoding=encoding)
    started = time.perf_counter()
    result = diff_documents(old_doc, new_doc)
    diff_ms = (time.perf_counter() - started) * 1000
    record = analyze(result, analyzer, options)
    record.provenance.timings_ms["diff"] = round(diff_ms, 2)
    return record


def _model_options(**given: Any) -> AnalysisOptions:
    """Options for a model-backed analyzer: the keywords given, else the settings in force."""
    from summarizer.config import load_settings

    settings = load_settings(
        model=given["model"], base_url=given["base_url"], api_key=given["api_key"], analyzer="llm"
    )
    return analysis_options(
        settings, prompt=given["prompt"], use_cache=given["use_cache"], max_cost=given["max_cost"]
    )


def render(record: ChangeRecord, fmt: str = "text", *, color: bool = False, width: int = 100) -> str:
    """A change record as 'text' (plain unless *color*), 'json', 'markdown' or 'html'.

    The JSON is the record exactly as ``summarizer compare --format json`` prints it; every format
    escapes the documents' text and carries the disclaimer.
    """
    from summarizer.rendering import render as _render

    return _render(record, fmt, color=color, width=width)


def schema() -> dict[str, Any]:
    """The published JSON Schema of a change record (what ``summarizer schema`` prints)."""
    from summarizer.model.record import record_json_schema

    return record_json_schema()
