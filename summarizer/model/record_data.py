"""The change record as plain data: what the rules analyzer builds, without pydantic.

Importing pydantic and building the record models costs about 100 ms, more than a whole offline
``compare`` of a short document. The rules analyzer is deterministic and builds its records from
values it computed itself, so it fills these plain classes (same field names, order and defaults as
:mod:`summarizer.model.record`) and the validated pydantic :class:`ChangeRecord` is built only when a
caller needs it (:meth:`RecordData.to_model`). :meth:`RecordData.model_dump_json` writes the same
bytes as the pydantic model's, so ``compare --format json`` can print a record without pydantic;
a test holds the two in step field for field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Protocol

from summarizer.about import DISCLAIMER, __version__

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.model.record import ChangeRecord

SCHEMA_VERSION = "1"  # summarizer.model.record.SCHEMA_VERSION (a test keeps them equal)


@dataclass(kw_only=True)
class ChangeData:
    """:class:`summarizer.model.record.Change` as plain data."""

    category: str
    kind: str
    summary: str
    severity_before: str
    severity_after: str
    shift_reason: str
    direction: str | None = None
    confidence: str | None = None
    evidence: list[str] = field(default_factory=list)
    section: str
    quotes_old: list[str] = field(default_factory=list)
    quotes_new: list[str] = field(default_factory=list)
    hunk_ids: list[int] = field(default_factory=list)


class ChangeView(Protocol):
    """What a record's direction reads of a change: a :class:`ChangeData` (the rules analyzer's) or a
    pydantic :class:`summarizer.model.record.Change` (the model analyzer's)."""

    @property
    def category(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def severity_after(self) -> str: ...
    @property
    def direction(self) -> str | None: ...
    @property
    def confidence(self) -> str | None: ...
    @property
    def quotes_new(self) -> list[str]: ...


@dataclass(kw_only=True)
class UsageData:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    cache_hits: int = 0


@dataclass(kw_only=True)
class ProvenanceData:
    analyzer: str
    model: str | None = None
    prompt_version: str | None = None
    tokens: UsageData = field(default_factory=UsageData)
    cost_usd: float = 0.0
    timings_ms: dict[str, float] = field(default_factory=dict)
    library_version: str = __version__
    schema_version: str = SCHEMA_VERSION
    old_source: str | None = None
    new_source: str | None = None
    old_sha256: str | None = None
    new_sha256: str | None = None


@dataclass(kw_only=True)
class FlagData:
    code: str
    message: str


@dataclass(kw_only=True)
class RecordData:
    """:class:`summarizer.model.record.ChangeRecord` as plain data (never with a compliance section:
    a record that gets one is turned into the model first)."""

    service: str | None = None
    document: str | None = None
    old_date: str | None = None
    new_date: str | None = None
    material: bool
    severity: str
    direction: str | None = None
    categories: list[str]
    headline: str
    summary: str
    impact: str
    actions: list[str] = field(default_factory=list)
    interpretive_note: str | None = None
    changes: list[ChangeData] = field(default_factory=list)
    provenance: ProvenanceData
    flags: list[FlagData] = field(default_factory=list)
    disclaimer: str = DISCLAIMER
    compliance = None  # not a field: read by the renderers, always absent here

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data, keys in the order the pydantic model writes them."""
        return _plain(self)

    def model_dump_json(self, *, indent: int | None = None) -> str:
        """The bytes ``ChangeRecord.model_dump_json(indent=indent)`` writes for this record."""
        if indent is None:
            return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_model(self) -> ChangeRecord:
        """The validated pydantic record (imports pydantic)."""
        from summarizer.model.record import ChangeRecord

        return ChangeRecord.model_validate(self.to_dict())


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, _DATA):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


_DATA = (ChangeData, UsageData, ProvenanceData, FlagData, RecordData)
