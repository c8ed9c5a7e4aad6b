"""The regulation table: a typed, versioned view of ``summarizer/data/regulations.yaml`` (data, not code)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from summarizer.errors import InputError
from summarizer.model.taxonomy import CATEGORY_IDS

SIGNALS = (
    "new_recipient_class sale_of_data targeted_advertising opt_out_removed opt_out_added consent_removed "
    "consent_implied_by_use purpose_broadened new_data_type sensitive_data children_data minimum_age_lowered "
    "retention_extended rights_reduced new_transfer_destination training_on_user_content automated_decisions "
    "tracking_technology government_access breach_notice arbitration_clause class_action_waiver "
    "governing_law_changed unilateral_change notice_removed auto_renewal fees_or_charges liability_limited "
    "indemnity_added content_licence_broadened termination_without_notice withdrawal_right law_named transfer_mechanism_changed legal_basis_changed ai_interaction promise_dropped processor_changed moderation_changed third_party_source"
).split()
"""The signal vocabulary of REGULATIONS.md: the only names an entry may carry."""

# design.md lists ai_training as a taxonomy id; the table may cite it before the classifier emits it.
KNOWN_CATEGORIES = frozenset(CATEGORY_IDS) | {"ai_training"}

DOCUMENT_KINDS = frozenset({"terms", "privacy"})

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Check(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str
    seen_at: str | None = None
    how: str


class Regulation(BaseModel):
    """One entry: a provision of an instrument, in our own words, and what engages it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    instrument: str
    article: str
    paraphrase: str
    jurisdiction: tuple[str, ...]
    effective: str
    authority: str
    categories: tuple[str, ...]
    signals: tuple[str, ...]
    requires_any: tuple[str, ...] = ()  # the entry's own subject: a change must show one of these
    # The entry's own subject in words (a case-insensitive regular expression): a change engages it only
    # if its changed passage says so (the right to delete needs deletion, recommender rules a recommender).
    subject_words: str | None = None
    # The kinds of document the entry governs (empty: any). "terms": contract terms (the unfair-terms,
    # platform-to-business and consumer-contract rules), not engaged by a privacy notice's own wording.
    documents: tuple[str, ...] = ()
    enforcement: str | None = None
    source: str = Field(min_length=8)
    verified: bool
    checked: Check

    @field_validator("effective")
    @classmethod
    def _iso_date(cls, value: str) -> str:
        if not _DATE.match(value):
            raise ValueError(f"effective must be an ISO date, got {value!r}")
        return value

    @field_validator("categories")
    @classmethod
    def _known_categories(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = set(value) - KNOWN_CATEGORIES
        if unknown:
            raise ValueError(f"unknown categories {sorted(unknown)}")
        return value

    @field_validator("signals", "requires_any")
    @classmethod
    def _known_signals(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = set(value) - set(SIGNALS)
        if unknown:
            raise ValueError(f"unknown signals {sorted(unknown)}")
        return value

    @field_validator("documents")
    @classmethod
    def _known_documents(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = set(value) - DOCUMENT_KINDS
        if unknown:
            raise ValueError(f"unknown document kinds {sorted(unknown)}")
        return value

    @field_validator("subject_words")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"subject_words is not a regular expression: {exc}") from None
        return value

    def about(self, text: str) -> bool:
        """The text speaks of this entry's own subject (always true for an entry without subject words)."""
        if self.subject_words is None:
            return True
        return re.search(self.subject_words, text, re.IGNORECASE) is not None  # re caches the compiled form

    @property
    def citation(self) -> str:
        """'GDPR Art. 5(1)(b)' style short name."""
        short = self.instrument
        m = re.search(r"\(([^()]+)\)\s*$", short)
        if m:
            short = m.group(1)
        return f"{short} {self.article}"


class RegulationTable(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    updated: str
    entries: tuple[Regulation, ...]

    @field_validator("entries")
    @classmethod
    def _unique_ids(cls, value: tuple[Regulation, ...]) -> tuple[Regulation, ...]:
        seen: set[str] = set()
        for entry in value:
            if entry.id in seen:
                raise ValueError(f"duplicate entry id {entry.id!r}")
            seen.add(entry.id)
        return value

    @property
    def label(self) -> str:
        return f"regulations@{self.version} ({self.updated})"

    def by_id(self) -> dict[str, Regulation]:
        index = self.__dict__.get("_index_cache")
        if index is None:
            index = {e.id: e for e in self.entries}
            object.__setattr__(self, "_index_cache", index)
        return index

    def get(self, entry_id: str) -> Regulation | None:
        return self.by_id().get(entry_id)


def parse_table(text: str, *, where: str = "regulations.yaml") -> RegulationTable:
    import yaml
    from pydantic import ValidationError

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster
    try:
        return RegulationTable.model_validate(yaml.load(text, Loader=loader))  # noqa: S506 (a safe loader)
    except (yaml.YAMLError, ValidationError) as exc:
        raise InputError(f"{where}: not a valid regulation table ({exc})") from None


# The packaged table parsed, as JSON beside the YAML, with the digest of the YAML it was parsed from:
# a fresh process loads it in about 7 ms, validation included, where the YAML took 25-50 ms (parsing,
# and importing the parser): once per CLI run with --compliance (round 5, #15). A stale or missing file is ignored: the YAML is the
# source. Regenerate with ``python bench/regulations_sidecar.py`` after editing the YAML.
SIDECAR = "data/regulations.json"


def source_digest(text: str) -> str:
    """The digest a sidecar records of the YAML text it was parsed from."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sidecar_json(text: str) -> str:
    """The sidecar for the YAML *text*: the parsed table as JSON, with the text's digest. Raises
    :class:`InputError` if the table is invalid or holds a value JSON cannot carry as YAML parsed it."""
    import json

    import yaml

    parse_table(text)  # valid first
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 (a safe loader)
    try:
        same = json.loads(json.dumps(data)) == data
    except (TypeError, ValueError):
        same = False
    if not same:
        raise InputError("regulations.yaml: holds values JSON does not carry as they are (dates? quote them)")
    return (
        json.dumps({"source_sha256": source_digest(text), "table": data}, ensure_ascii=False, indent=1) + "\n"
    )


def _from_sidecar(text: str) -> RegulationTable | None:
    """The packaged table from its sidecar, if the sidecar was made from *text* (else None)."""
    import json

    from pydantic import ValidationError

    try:
        raw = resources.files("summarizer").joinpath(SIDECAR).read_text(encoding="utf-8")
        doc = json.loads(raw)
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("source_sha256") != source_digest(text):
        return None
    try:
        return RegulationTable.model_validate(doc["table"])
    except (KeyError, ValidationError):
        return None


@lru_cache(maxsize=1)
def _packaged() -> RegulationTable:
    text = resources.files("summarizer").joinpath("data/regulations.yaml").read_text(encoding="utf-8")
    return _from_sidecar(text) or parse_table(text)


def load_table(path: str | Path | None = None) -> RegulationTable:
    """The packaged table (cached), or the one at *path*."""
    if path is None:
        return _packaged()
    return parse_table(Path(path).read_text(encoding="utf-8"), where=str(path))
