"""The optional ``compliance`` section of a change record (issue #15).

Every statement cites entries of the package's regulation table (``summarizer/data/regulations.yaml``)
and, where it rests on the document, verbatim quotes from it. The section says which rules a change
engages and what a compliance team should check; it never says a rule is broken.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ExposureLevel = Literal["high", "medium", "low"]

COMPLIANCE_DISCLAIMER = (
    "This compliance analysis lists rules that a change in the text engages and points a compliance "
    "team should check. It is not legal advice and makes no finding that any law has been broken."
)


class Statement(BaseModel):
    """One plain-language statement, tied to the table entries it rests on."""

    model_config = ConfigDict(extra="forbid")

    text: str
    entries: list[str] = Field(default_factory=list, description="Ids of the regulation table.")
    quotes: list[str] = Field(
        default_factory=list, description="Verbatim excerpts of the old or new document it rests on."
    )
    to_confirm: bool = Field(
        default=False,
        description="True when a cited entry's wording was not verified against its primary source, or "
        "its jurisdiction is to be confirmed (the document names no region it addresses).",
    )


class Exposure(BaseModel):
    model_config = ConfigDict(extra="forbid")

    level: ExposureLevel
    reasons: list[Statement] = Field(default_factory=list, description="What moved the level.")


class JurisdictionFlag(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(description="EU, EEA, UK, US, US-CA, US-VA ..., BR; codes outside the table too.")
    name: str
    reason: str = Field(description="Why it is flagged: named in the document, or engaged by an entry.")
    entries: list[str] = Field(default_factory=list)
    quotes: list[str] = Field(default_factory=list)
    in_table: bool = Field(default=True, description="False when the table has no entry for it.")
    to_confirm: bool = Field(
        default=False,
        description="True when the document names no region it addresses: whether the entries apply "
        "there depends on where the service operates.",
    )


class ComplianceSection(BaseModel):
    """The five parts: landscape, exposure, jurisdictions, contracts and vendors, considerations."""

    model_config = ConfigDict(extra="forbid")

    method: Literal["offline", "llm"] = "offline"
    table_version: str = Field(description="regulations@<version> (<updated>) the citations come from.")
    prompt_version: str | None = None
    landscape: list[Statement] = Field(default_factory=list)
    exposure: Exposure
    jurisdictions: list[JurisdictionFlag] = Field(default_factory=list)
    contracts: list[Statement] = Field(
        default_factory=list, description="Contract and vendor implications for businesses."
    )
    considerations: list[Statement] = Field(default_factory=list)
    entries: list[str] = Field(default_factory=list, description="Every entry id cited, in order.")
    notes: list[str] = Field(default_factory=list, description="Fallbacks and verification findings.")
    disclaimer: str = COMPLIANCE_DISCLAIMER
