"""The fixed taxonomy of provisions and the severity scale.

Category ids are part of the stored-data and eval contract: never rename them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """Ordered severity scale: none < low < medium < high."""

    none = "none"
    low = "low"
    medium = "medium"
    high = "high"

    @property
    def rank(self) -> int:
        return _RANK[self.value]

    @classmethod
    def from_rank(cls, rank: int) -> "Severity":
        return _BY_RANK[max(0, min(3, rank))]

    def __lt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank


_RANK = {"none": 0, "low": 1, "medium": 2, "high": 3}
_BY_RANK = {0: Severity.none, 1: Severity.low, 2: Severity.medium, 3: Severity.high}
SEVERITIES: tuple[str, ...] = ("none", "low", "medium", "high")


@dataclass(frozen=True, slots=True)
class Category:
    """One provision type of the taxonomy."""

    id: str
    title: str
    covers: str
    tendency: Severity
    tendency_note: str


CATEGORIES: dict[str, Category] = {
    c.id: c
    for c in (
        Category(
            "data_collection", "Data collection", "what data is collected and how", Severity.medium, "medium"
        ),
        Category(
            "data_use_purpose",
            "Use of data and purposes",
            "purposes: personalisation, profiling, AI/model training, research",
            Severity.medium,
            "medium; high when purposes broaden",
        ),
        Category(
            "third_party_sharing",
            "Sharing with third parties",
            "disclosure to affiliates, vendors, partners, other companies",
            Severity.high,
            "high",
        ),
        Category(
            "sale_targeted_ads",
            "Sale of data and targeted advertising",
            "selling data, cross-context behavioural advertising",
            Severity.high,
            "high",
        ),
        Category(
            "tracking_tech",
            "Tracking technologies",
            "cookies, pixels, SDKs, fingerprinting, Do Not Track, GPC",
            Severity.medium,
            "medium",
        ),
        Category(
            "sensitive_data",
            "Sensitive data",
            "biometric, health, precise location, financial, minors' data",
            Severity.high,
            "high",
        ),
        Category(
            "choice_consent",
            "Choice and consent",
            "opt-in/opt-out, consent, consent implied by use",
            Severity.medium,
            "medium; high when a choice is removed",
        ),
        Category(
            "user_rights",
            "User rights",
            "access, correction, deletion, portability, appeal",
            Severity.medium,
            "medium; high when reduced",
        ),
        Category(
            "data_retention",
            "Data retention",
            "how long data is kept, deletion schedules",
            Severity.medium,
            "medium",
        ),
        Category(
            "security_breach",
            "Security and breaches",
            "safeguards, encryption, breach notification",
            Severity.low,
            "low",
        ),
        Category(
            "international_transfer",
            "International transfers",
            "processing abroad, transfer mechanisms",
            Severity.medium,
            "medium",
        ),
        Category(
            "children_audiences",
            "Children and specific audiences",
            "children/teens, region-specific sections (EU, California, ...)",
            Severity.medium,
            "medium; high for children",
        ),
        Category(
            "government_requests",
            "Government requests",
            "law-enforcement and government access",
            Severity.medium,
            "medium",
        ),
        Category(
            "policy_change_notice",
            "Changes to the terms",
            "how changes are announced, acceptance by continued use",
            Severity.medium,
            "medium; high when notice is removed",
        ),
        Category(
            "content_license_ip",
            "Content licence and IP",
            "licences over user content, IP, moral rights",
            Severity.high,
            "high",
        ),
        Category(
            "account_termination",
            "Account suspension and termination",
            "suspension, termination, discontinuing the service",
            Severity.medium,
            "medium",
        ),
        Category(
            "dispute_resolution",
            "Disputes",
            "arbitration, class-action waiver, governing law, venue",
            Severity.high,
            "high",
        ),
        Category(
            "liability_warranty_payment",
            "Liability, warranties and payment",
            "disclaimers, liability caps, indemnity, fees, refunds, auto-renewal",
            Severity.medium,
            "medium",
        ),
        Category(
            "contact_generic",
            "General and contact",
            "introductions, contact details, effective dates, definitions",
            Severity.low,
            "low",
        ),
        Category(
            "ai_training",
            "AI training and automated decisions",
            "users' content, prompts, conversations or data used to train or improve AI models; AI "
            "features and agents acting for the user; automated decisions about users",
            Severity.medium,
            "high when training on user content is on by default or an opt-out is removed; medium otherwise",
        ),
    )
}

CATEGORY_IDS: tuple[str, ...] = tuple(CATEGORIES)
#: The ids the frozen prompt versions (change_record v1-v3) were written and recorded with: their
#: requests keep offering exactly these, so recorded model calls replay; ``ai_training`` (issue 12)
#: came later and is offered from the next prompt version on.
PROMPT_V1_CATEGORY_IDS: tuple[str, ...] = tuple(c for c in CATEGORY_IDS if c != "ai_training")


def is_category(value: str) -> bool:
    """True when *value* is one of the fixed taxonomy ids."""
    return value in CATEGORIES


def severity_of(value: str | Severity) -> Severity:
    """Parse a severity name (case-insensitive)."""
    if isinstance(value, Severity):
        return value
    return Severity(value.strip().lower())
