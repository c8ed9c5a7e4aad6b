"""SQLModel tables. Column names are part of the stored-data contract: add, never rename.

Every schema change needs an alembic revision in ``summarizer/store/migrations/versions/``
(``tests/store/test_store_schema.py`` checks that the migrations build exactly these tables).

Timestamps are ``datetime`` fields, which SQLModel stores with its ``UTCDateTime`` type: aware
values are written as UTC and read back as aware UTC on SQLite and PostgreSQL alike (naive values
are refused, so always pass ``datetime.now(timezone.utc)``-style values).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Column, Index, LargeBinary, Table, Text, UniqueConstraint, inspect
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def table_of(model: type[SQLModel]) -> Table:
    """The Core ``Table`` a table model maps, for Core queries (``table_of(Version).c.id``).

    The same object as ``Model.__table__``, which SQLModel sets on each table class but does not
    declare, so type checkers cannot see it.
    """
    table = inspect(model).local_table
    assert isinstance(table, Table), f"{model.__name__} is not a table model"
    return table


def stored_id(value: int | None) -> int:
    """The primary key of a row read from (or flushed to) the database, as ``int``.

    Models declare ``id: int | None`` because a new row has none until it is stored; a stored row
    always has one, so None here is a bug (the row was never flushed).
    """
    if value is None:
        raise ValueError("the row has no id: it was never stored")
    return value


class ModelCall(SQLModel, table=True):
    """Every model call: the response cache (keyed by content) and the audit log. Never the key."""

    __tablename__ = "model_calls"

    id: int | None = Field(default=None, primary_key=True)
    cache_key: str = Field(index=True)  # sha256 of model + messages + parameters + template hash
    prompt_id: str | None = None  # name@version#hash
    model: str
    base_url_host: str | None = None
    request_json: str  # messages and parameters (no credentials)
    response_json: str | None = None
    ok: bool = True  # errors are logged but never served from the cache
    error: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    latency_ms: float = 0.0
    cached: bool = False  # this row records a cache hit
    created_at: datetime = Field(default_factory=utcnow)


# --- documents and their versions -------------------------------------------------------------


class Service(SQLModel, table=True):
    """A company or product whose documents are followed (e.g. 'AdSense')."""

    __tablename__ = "services"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)


class PolicyDocument(SQLModel, table=True):
    """One document of a service (e.g. its 'Privacy Policy'), the unit a history is kept for."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("service_id", "doc_type", name="uq_documents_service_type"),)

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="services.id", index=True)
    doc_type: str
    created_at: datetime = Field(default_factory=utcnow)


class Version(SQLModel, table=True):
    """One captured text of a document. Ordered by ``captured_at`` (then id) within a document."""

    __tablename__ = "versions"
    __table_args__ = (
        UniqueConstraint("document_id", "content_sha256", "captured_at", name="uq_versions_doc_hash_time"),
        Index("ix_versions_document_time", "document_id", "captured_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", index=True)
    content_sha256: str = Field(index=True, max_length=64)
    captured_at: datetime = Field(default_factory=utcnow)
    effective_date: date | None = None  # "Effective/Last updated ..." found in the text, if any
    source: str  # file path, or git "<repo>@<commit>:<path>"
    chars: int = 0
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


# --- change records and the provision timeline --------------------------------------------------


class StoredRecord(SQLModel, table=True):
    """A change record for one version pair, with its key fields pulled out for queries.

    Exactly one per (old version, new version, analyzer, analysis key); the analysis key names
    what else makes a record differ (for the llm analyzer: model and prompt; empty for rules).
    """

    __tablename__ = "change_records"
    __table_args__ = (
        UniqueConstraint(
            "old_version_id", "new_version_id", "analyzer", "analysis_key", name="uq_change_records_pair"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", index=True)
    old_version_id: int = Field(foreign_key="versions.id", index=True)
    new_version_id: int = Field(foreign_key="versions.id", index=True)
    analyzer: str = Field(index=True)
    analysis_key: str = ""
    model: str | None = None
    prompt_version: str | None = Field(default=None, index=True)
    material: bool = Field(index=True)
    severity: str = Field(index=True)
    severity_rank: int = 0
    categories: str = ""  # space-separated taxonomy ids (also in record_categories, indexed)
    headline: str = ""
    record_json: str = Field(sa_column=Column(Text, nullable=False))
    worker: str | None = None  # which tracker made it
    created_at: datetime = Field(default_factory=utcnow)


class RecordCategory(SQLModel, table=True):
    """Which taxonomy categories a record touches (one row each), for 'every change to X' queries."""

    __tablename__ = "record_categories"

    record_id: int = Field(foreign_key="change_records.id", primary_key=True)
    category: str = Field(primary_key=True, index=True)


class ProvisionState(SQLModel, table=True):
    """The severity of one category of a document at one version, as a record asserts it.

    Each record asserts the state of every category it touches twice: ``basis='before'`` at its
    old version and ``basis='after'`` at its new version. The history walks these in version order.
    """

    __tablename__ = "provision_states"
    __table_args__ = (UniqueConstraint("record_id", "category", "basis", name="uq_provision_states_record"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", index=True)
    version_id: int = Field(foreign_key="versions.id", index=True)
    record_id: int = Field(foreign_key="change_records.id", index=True)
    category: str = Field(index=True)
    basis: str  # 'before' | 'after'
    severity: str
    severity_rank: int = 0


# --- tracking work queue -----------------------------------------------------------------------


class WorkItem(SQLModel, table=True):
    """One version pair to analyse: the unit trackers claim, with a lease so a dead worker's claim lapses.

    status: 'pending' -> 'claimed' -> 'done' (or 'failed'; 'obsolete' when the pair stopped being
    consecutive because a version was ingested between them).
    """

    __tablename__ = "work_items"
    __table_args__ = (
        UniqueConstraint(
            "old_version_id", "new_version_id", "analyzer", "analysis_key", name="uq_work_items_pair"
        ),
        Index("ix_work_items_queue", "analyzer", "analysis_key", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", index=True)
    old_version_id: int = Field(foreign_key="versions.id")
    new_version_id: int = Field(foreign_key="versions.id")
    analyzer: str
    analysis_key: str = ""
    status: str = "pending"
    claimed_by: str | None = None
    lease_expires_at: datetime | None = None
    attempts: int = 0
    error: str | None = None
    record_id: int | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


# --- alerts (the site's notifications, #13) ------------------------------------------------------


class AlertDelivery(SQLModel, table=True):
    """One alert event owed to one receiver: queued with its material record (same transaction), so
    no record's alert is ever lost; 'pending' until a POST succeeds, then 'delivered'.

    ``target`` is the receiver URL; no secret is ever stored (the signing key stays in the config).
    """

    __tablename__ = "alert_deliveries"
    __table_args__ = (UniqueConstraint("record_id", "target", name="uq_alert_deliveries_record_target"),)

    id: int | None = Field(default=None, primary_key=True)
    record_id: int = Field(foreign_key="change_records.id", index=True)
    target: str
    status: str = Field(default="pending", index=True)  # 'pending' | 'delivered'
    attempts: int = 0
    last_error: str | None = None
    last_status: int | None = None  # HTTP status of the last attempt (None: no response)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    delivered_at: datetime | None = None


# --- eval suite ---------------------------------------------------------------------------------


class EvalRun(SQLModel, table=True):
    """One run of the eval suite (``summarizer eval run``)."""

    __tablename__ = "eval_runs"

    id: int | None = Field(default=None, primary_key=True)
    run_id: str = Field(unique=True, index=True)  # short readable id
    created_at: datetime = Field(default_factory=utcnow, index=True)
    label: str | None = Field(default=None, index=True)
    analyzer: str
    model: str | None = None
    prompt_id: str | None = None
    git_revision: str | None = None
    cases_dir: str
    case_count: int = 0
    aggregate_json: str = Field(sa_column=Column(Text, nullable=False))
    params_json: str = Field(sa_column=Column(Text, nullable=False))


class EvalResult(SQLModel, table=True):
    """One case's result within an eval run."""

    __tablename__ = "eval_results"

    id: int | None = Field(default=None, primary_key=True)
    run_id: str = Field(foreign_key="eval_runs.run_id", index=True)
    case_id: str
    metrics_json: str = Field(sa_column=Column(Text, nullable=False))
    record_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    passed: bool = False
    error: str | None = None
    tokens: int = 0
    cost_usd: float = 0.0
    latency_ms: float = 0.0


# --- passage index (comparing one provision across services) -----------------------------------

#: Tables, columns and indexes the search engine owns (SQLite's FTS5 table and its shadow tables,
#: PostgreSQL's stored tsvector column and its GIN index): made by migration
#: 0004_passages, not by these models, so schema comparisons leave them out.
SEARCH_INDEX_PREFIX = "passage_fts"


def is_model_object(obj, name, type_, reflected, compare_to) -> bool:
    """alembic ``include_object`` hook: skip the search engine's own tables and indexes."""
    return not (
        type_ in ("table", "index", "column") and name is not None and name.startswith(SEARCH_INDEX_PREFIX)
    )


class IndexedVersion(SQLModel, table=True):
    """A version whose passages are indexed (once per version, even when it has none)."""

    __tablename__ = "indexed_versions"

    version_id: int = Field(foreign_key="versions.id", primary_key=True)
    passages: int = 0
    created_at: datetime = Field(default_factory=utcnow)


class Passage(SQLModel, table=True):
    """One passage of a version (``text == version.text[start:end]``), its categories and search terms.

    ``is_current`` marks the passages of each document's latest version, the ones comparisons show.
    """

    __tablename__ = "passages"
    __table_args__ = (UniqueConstraint("version_id", "ordinal", name="uq_passages_version_ordinal"),)

    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="versions.id", index=True)
    document_id: int = Field(foreign_key="documents.id", index=True)
    # the document's service, copied so a comparison's search needs no join per match (0007)
    service_id: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    ordinal: int
    start: int
    end: int
    section: str = ""
    text: str = Field(sa_column=Column(Text, nullable=False))
    terms: str = Field(sa_column=Column(Text, nullable=False))  # stemmed content words, space-separated
    norm: float = 0.0  # Euclidean length of the terms' weights (passage_index.term_norm)
    # the terms as a vector (passage_index.term_vector): distinct terms in first-occurrence order, and
    # their weights 1 + ln(count) as little-endian float64, so a query sums without re-counting
    vocab: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    weights: bytes = Field(default=b"", sa_column=Column(LargeBinary, nullable=False, server_default=""))
    categories: str = ""  # space-separated taxonomy ids (also in passage_categories, indexed)
    is_current: bool = Field(default=False, index=True)


class PassageCategory(SQLModel, table=True):
    """Which taxonomy categories a passage treats (one row each)."""

    __tablename__ = "passage_categories"

    passage_id: int = Field(foreign_key="passages.id", primary_key=True)
    category: str = Field(primary_key=True, index=True)
    # how well the passage treats the category (rubric.passages.topic_strength): -1 off topic (in the
    # category by a passing word: counted for stances, never shown as an example), 0 by its heading,
    # 1-2 distinct phrases of evidence in its text
    strength: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class CategoryService(SQLModel, table=True):
    """Which services have current passages in a category (kept by ``passage_index.refresh_current``):
    a comparison counts the services it compares without scanning the category's passages."""

    __tablename__ = "category_services"

    category: str = Field(primary_key=True)
    service_id: int = Field(foreign_key="services.id", primary_key=True)


class PassageStance(SQLModel, table=True):
    """A stance a passage states (:func:`summarizer.rubric.stances.stance` of its text), read once at
    index time: ``value`` is the number in the kind's unit, or 1.0 / 0.0 for a practice stated / denied."""

    __tablename__ = "passage_stances"

    passage_id: int = Field(foreign_key="passages.id", primary_key=True)
    kind: str = Field(primary_key=True, index=True)
    value: float
    shown: str
    sentence: str = Field(sa_column=Column(Text, nullable=False))
