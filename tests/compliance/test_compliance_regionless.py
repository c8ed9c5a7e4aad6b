"""A document that names no region it addresses engages the rules its change triggers, to confirm.

The bundled example (`summarizer example`) names no region except the USA in its postal address: its
"will not sell" promise turned into sharing with advertising partners must engage the CCPA/CPRA
sale and sharing entries, the opt-out and GPC, FTC Act s. 5 and the GDPR purpose and lawful-basis
rules, each with the quote it rests on and a to-confirm jurisdiction. A document that names a
region still gates on it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.api import compare_files
from summarizer.compliance.analysis import analyze_compliance
from summarizer.model.compliance import ComplianceSection

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SHARE_QUOTE = "We may share your personal information with our advertising partners"
SALE_SHARING = [
    "ccpa-1798-120-opt-out-sale-sharing",
    "ccpa-1798-135-do-not-sell-share-link",
    "ccpa-1798-140-ah-share-definition",
]
ALSO = [
    "ccr-7025-opt-out-preference-signals",
    "ftc-act-s5-retroactive-material-change",
    "gdpr-art5-1b-purpose-limitation",
    "gdpr-art6-1-lawful-basis",
]


def _texts() -> tuple[str, str]:
    return (
        (EXAMPLES / "privacy-v1.md").read_text(encoding="utf-8"),
        (EXAMPLES / "privacy-v2.md").read_text(encoding="utf-8"),
    )


def _analyse(old: str, new: str, tmp_path: Path) -> ComplianceSection:
    a, b = tmp_path / "old.md", tmp_path / "new.md"
    a.write_text(old, encoding="utf-8")
    b.write_text(new, encoding="utf-8")
    return analyze_compliance(compare_files(a, b), old, new)


@pytest.fixture(scope="module")
def example() -> ComplianceSection:
    old, new = _texts()
    record = compare_files(EXAMPLES / "privacy-v1.md", EXAMPLES / "privacy-v2.md")
    return analyze_compliance(record, old, new)


def test_the_example_names_no_region_but_its_address() -> None:
    old, new = _texts()
    for region in ("California", "European", "EU ", "GDPR", "CCPA", "United Kingdom", "Brazil"):
        assert region not in old + new
    assert "USA" in new  # only in the postal address


@pytest.mark.parametrize("entry", SALE_SHARING)
def test_example_engages_sale_and_sharing_entries_with_their_quote(
    example: ComplianceSection, entry: str
) -> None:
    _, new = _texts()
    assert entry in example.entries
    statement = next(s for s in example.landscape if entry in s.entries)
    assert statement.quotes and any(q.startswith(SHARE_QUOTE) for q in statement.quotes)
    assert all(q in new for q in statement.quotes)
    assert statement.to_confirm
    assert "depends on where the service operates" in statement.text


@pytest.mark.parametrize("entry", ALSO)
def test_example_engages_ftc_gpc_and_gdpr_purpose_entries(example: ComplianceSection, entry: str) -> None:
    old, new = _texts()
    assert entry in example.entries
    statement = next(s for s in example.landscape if entry in s.entries)
    assert statement.quotes and all(q in old or q in new for q in statement.quotes)


def test_example_flags_each_jurisdiction_to_confirm(example: ComplianceSection) -> None:
    flags = {f.code: f for f in example.jurisdictions}
    for code in ("US-CA", "EU", "UK", "US", "US-states"):
        assert code in flags, code
        assert flags[code].to_confirm, code
        assert flags[code].entries, code
        assert "to confirm" in flags[code].reason
    assert "ccpa-1798-120-opt-out-sale-sharing" in flags["US-CA"].entries
    assert example.exposure.level == "high"
    assert any("names no region it addresses" in n for n in example.notes)


def test_a_region_less_document_without_an_address_engages_too(tmp_path: Path) -> None:
    old, new = _texts()
    cut = lambda t: "\n".join(line for line in t.splitlines() if "USA" not in line) + "\n"  # noqa: E731
    section = _analyse(cut(old), cut(new), tmp_path)
    assert set(SALE_SHARING) <= set(section.entries)
    assert {f.code for f in section.jurisdictions if f.to_confirm} >= {"US-CA", "EU", "US"}


def test_a_document_naming_a_region_still_gates_on_it(tmp_path: Path) -> None:
    old, new = _texts()
    scope = "This policy applies to users in the European Union.\n\n"
    section = _analyse(scope + old, scope + new, tmp_path)
    assert "gdpr-art5-1b-purpose-limitation" in section.entries
    assert not [e for e in section.entries if e.startswith(("ccpa-", "ccr-", "uk"))]
    assert not any(f.to_confirm for f in section.jurisdictions)
    assert not any(
        s.to_confirm and "depends on where the service operates" in s.text for s in section.landscape
    )
