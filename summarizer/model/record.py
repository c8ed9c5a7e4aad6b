"""The ChangeRecord: the published unit of this tool (its JSON Schema is ``summarizer schema``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_serializer

from summarizer.about import DISCLAIMER, __version__
from summarizer.model.compliance import ComplianceSection
from summarizer.model.taxonomy import CATEGORY_IDS

CategoryId = Literal[CATEGORY_IDS]  # type: ignore[valid-type]
SeverityName = Literal["none", "low", "medium", "high"]
ChangeKind = Literal["added", "removed", "expanded", "narrowed", "reworded", "moved"]

SCHEMA_VERSION = "1"


class Change(BaseModel):
    """One affected provision: a category within the document and how it changed."""

    model_config = ConfigDict(extra="forbid")

    category: CategoryId
    kind: ChangeKind
    summary: str = Field(description="What the updated text now says, what it said before, in plain words.")
    severity_before: SeverityName = Field(
        description="How the old text rates on this provision; none when absent."
    )
    severity_after: SeverityName
    shift_reason: str = Field(description="One line: why the severity moved (or did not).")
    direction: Literal["up", "down", "same", "unclear"] | None = Field(
        default=None,
        description="Effect on the user: up = worse for the user (e.g. a protection removed, even when "
        "the removed text's own rating falls to none), down = better, same = no change in meaning, "
        "unclear = the provision changed but the evidence is weak or points both ways (needs review).",
    )
    confidence: Literal["high", "medium", "low"] | None = Field(
        default=None,
        description="How sure the direction is: high = evidence one way only, medium = one way clearly "
        "outweighs the other, low = no or conflicting evidence (direction unclear).",
    )
    evidence: list[str] = Field(
        default_factory=list,
        description="The words behind the direction claim, each signed (+ worse for you, - better).",
    )
    section: str = Field(description="Section breadcrumb, e.g. 'Privacy Policy › How we share › Partners'.")
    quotes_old: list[str] = Field(default_factory=list, description="Verbatim excerpts of the old text.")
    quotes_new: list[str] = Field(default_factory=list, description="Verbatim excerpts of the new text.")
    hunk_ids: list[int] = Field(default_factory=list, description="Diff hunks this change is built from.")


class Usage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    cache_hits: int = 0


class Provenance(BaseModel):
    model_config = ConfigDict(extra="forbid")

    analyzer: str
    model: str | None = None
    prompt_version: str | None = Field(default=None, description="name@version#content-hash")
    tokens: Usage = Field(default_factory=Usage)
    cost_usd: float = 0.0
    timings_ms: dict[str, float] = Field(default_factory=dict)
    library_version: str = __version__
    schema_version: str = SCHEMA_VERSION
    old_source: str | None = None
    new_source: str | None = None
    old_sha256: str | None = None
    new_sha256: str | None = None


class Flag(BaseModel):
    """A verification finding: something in the record that could not be trusted as written."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(description="e.g. quote_not_found, section_not_in_diff, invalid_category")
    message: str


RecordDirection = Literal["worse", "better", "mixed", "neutral", "unclear"]


class ChangeRecord(BaseModel):
    """A trustworthy account of how one document changed between two versions."""

    model_config = ConfigDict(extra="forbid")

    service: str | None = Field(default=None, description="The service whose document this is.")
    document: str | None = Field(default=None, description="The document, e.g. 'Privacy Policy'.")
    old_date: str | None = Field(default=None, description="When the old version was captured or dated.")
    new_date: str | None = Field(default=None, description="When the new version was captured or dated.")
    material: bool
    severity: SeverityName
    direction: RecordDirection | None = Field(
        default=None,
        description="For the user, from the changes whose direction is confident: worse, better, mixed "
        "(both), neutral (material but neither), unclear (no confident claim); null when not material.",
    )
    categories: list[CategoryId]
    headline: str
    summary: str
    impact: str
    actions: list[str] = Field(default_factory=list)
    interpretive_note: str | None = None
    changes: list[Change] = Field(default_factory=list)
    provenance: Provenance
    flags: list[Flag] = Field(default_factory=list)
    disclaimer: str = DISCLAIMER
    compliance: ComplianceSection | None = Field(
        default=None,
        description="Optional compliance analysis (compare --compliance); left out of the JSON when absent.",
    )

    @model_serializer(mode="wrap")
    def _drop_absent_compliance(self, handler):  # type: ignore[no-untyped-def]
        # Records made without --compliance serialise exactly as before the section existed.
        data = handler(self)
        if isinstance(data, dict) and data.get("compliance", ...) is None:
            del data["compliance"]
        return data


def record_json_schema() -> dict:
    """The published JSON Schema of :class:`ChangeRecord`."""
    schema = ChangeRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://change-summarizer/schema/change-record/v{SCHEMA_VERSION}.json"
    return schema
