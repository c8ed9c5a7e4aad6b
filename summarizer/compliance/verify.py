"""Checks every compliance section must pass: citations in the table, quotes in the documents,
and no claim that anything is unlawful (the tool describes texts; it finds no violations)."""

from __future__ import annotations

import re

from summarizer.compliance.table import RegulationTable
from summarizer.model.compliance import ComplianceSection, Statement

FORBIDDEN_CLAIMS = re.compile(
    r"\b(violat\w*|unlawful\w*|illegal\w*|non-?compliant|noncompliance|non-compliance|in breach of|"
    r"breach(es|ed)? (the|its|their|our) (law|rules?|obligations?|duty|duties)|infring\w*|contraven\w*|"
    r"(is|are) (prohibited|forbidden|not allowed) (by|under)|against the law|lawsuit will)\b",
    re.IGNORECASE,
)


def normalise(text: str) -> str:
    """Runs of whitespace as one space (str.split: several times faster than a regex on long texts)."""
    return " ".join(text.split())


def forbidden_claims(text: str) -> list[str]:
    """The phrases in *text* (the tool's own prose, never quotes) that assert unlawfulness."""
    return [m.group(0) for m in FORBIDDEN_CLAIMS.finditer(text)]


def statements(section: ComplianceSection) -> list[Statement]:
    return [*section.landscape, *section.exposure.reasons, *section.contracts, *section.considerations]


def own_prose(section: ComplianceSection) -> str:
    """All prose the analysis wrote itself (quotes from documents excluded)."""
    parts = [s.text for s in statements(section)]
    parts += [f.reason for f in section.jurisdictions] + list(section.notes)
    return "\n".join(parts)


def verify_section(
    section: ComplianceSection, table: RegulationTable, old_text: str, new_text: str
) -> list[str]:
    """Findings (empty when the section passes): unknown ids, quotes not in either version, forbidden claims."""
    problems: list[str] = []
    known = table.by_id()
    haystack: str | None = None  # both texts normalised, built only if a quote needs it
    cited: list[str] = [i for s in statements(section) for i in s.entries]
    cited += [i for f in section.jurisdictions for i in f.entries] + list(section.entries)
    for entry_id in dict.fromkeys(cited):
        if entry_id not in known:
            problems.append(f"citation_not_in_table: {entry_id}")
    quotes = [q for s in statements(section) for q in s.quotes] + [
        q for f in section.jurisdictions for q in f.quotes
    ]
    for quote in dict.fromkeys(quotes):
        # Verbatim in a text is found normalised too (a quote's inner runs of spaces are runs of the text).
        if quote in new_text or quote in old_text:
            continue
        if haystack is None:
            haystack = normalise(old_text) + "\n" + normalise(new_text)
        if normalise(quote) not in haystack:
            problems.append(f"quote_not_found: {quote[:80]}")
    for phrase in forbidden_claims(own_prose(section)):
        problems.append(f"forbidden_claim: {phrase}")
    return problems
