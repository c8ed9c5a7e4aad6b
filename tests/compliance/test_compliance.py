"""The regulation table, the offline compliance analysis, its verification and its rendering."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.api import compare_files
from summarizer.compliance import analyze_compliance, load_table
from summarizer.compliance.table import SIGNALS, parse_table
from summarizer.compliance.verify import forbidden_claims, own_prose, verify_section
from summarizer.errors import InputError
from summarizer.model.compliance import COMPLIANCE_DISCLAIMER
from summarizer.rendering import render

ROOT = Path(__file__).resolve().parents[2]
ADS_OLD, ADS_NEW = ROOT / "examples/ads-v1.md", ROOT / "examples/ads-v2.md"


@pytest.fixture(scope="module")
def ads_record():
    return compare_files(ADS_OLD, ADS_NEW, compliance="offline")


def test_every_entry_has_a_source_and_an_effective_date():
    table = load_table()
    assert len(table.entries) >= 90
    for entry in table.entries:
        assert entry.source.startswith("http"), entry.id
        assert len(entry.effective) == 10, entry.id
        assert set(entry.signals) <= set(SIGNALS)


def test_an_entry_without_an_effective_date_is_rejected():
    text = (ROOT / "summarizer/data/regulations.yaml").read_text(encoding="utf-8")
    broken = text.replace("  effective: '2018-05-25'\n", "", 1)
    with pytest.raises(InputError, match="effective"):
        parse_table(broken)
    with pytest.raises(InputError, match="source"):
        parse_table(text.replace("  source: https://eur-lex.europa.eu/eli/reg/2016/679/oj\n", "", 1))


def test_no_paraphrase_claims_unlawfulness():
    for entry in load_table().entries:
        assert not forbidden_claims(entry.paraphrase), entry.id


def test_ads_example_names_the_rules_the_issue_asks_for(ads_record):
    section = ads_record.compliance
    assert section is not None and section.exposure.level == "high"
    cited = set(section.entries)
    for must in (
        "gdpr-art5-1b-purpose-limitation",
        "gdpr-art6-1-lawful-basis",
        "gdpr-art56-lead-authority",
        "ccpa-1798-140-ah-share-definition",
        "ccpa-1798-120-opt-out-sale-sharing",
        "ccr-7025-opt-out-preference-signals",
        "va-vcdpa-opt-out",
        "co-cpa-opt-out",
    ):
        assert must in cited, must
    gpc = [s for s in section.considerations if "Global Privacy Control" in s.text]
    assert gpc and "ccr-7025-opt-out-preference-signals" in gpc[0].entries and gpc[0].quotes
    assert any("advertise" in s.text for s in section.contracts)
    eu = next(f for f in section.jurisdictions if f.code == "EU")
    assert "Irish DPC" in eu.reason and eu.quotes
    new_text, old_text = ADS_NEW.read_text(), ADS_OLD.read_text()
    assert verify_section(section, load_table(), old_text, new_text) == []
    for statement in section.landscape:
        assert statement.entries and statement.quotes
        for quote in statement.quotes:
            assert quote in new_text or quote in old_text


def test_verification_catches_bad_citations_quotes_and_claims(ads_record):
    section = ads_record.compliance.model_copy(deep=True)
    section.considerations[0].entries.append("gdpr-art99-made-up")
    section.considerations[0].quotes.append("We sell everything to everyone.")
    section.considerations[0].text += " This violates the GDPR."
    problems = verify_section(section, load_table(), ADS_OLD.read_text(), ADS_NEW.read_text())
    codes = {p.split(":")[0] for p in problems}
    assert codes == {"citation_not_in_table", "quote_not_found", "forbidden_claim"}


def test_no_forbidden_claim_in_own_prose(ads_record):
    assert forbidden_claims(own_prose(ads_record.compliance)) == []


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_every_format_carries_the_five_parts_and_the_disclaimer(ads_record, fmt):
    out = render(ads_record, fmt)
    if fmt == "json":
        data = json.loads(out)["compliance"]
        assert data["disclaimer"] == COMPLIANCE_DISCLAIMER
        assert {"landscape", "exposure", "jurisdictions", "contracts", "considerations"} <= set(data)
        return
    assert "no finding that any law has been broken" in out
    for title in (
        "Governance exposure",
        "Jurisdiction flags",
        "Regulatory landscape",
        "Contract and vendor implications",
        "Compliance considerations",
    ):
        assert title in out


def test_html_escapes_document_text(tmp_path):
    old = tmp_path / "old.md"
    new = tmp_path / "new.md"
    old.write_text("# P\n\n## California residents\n\nWe will not sell your personal information.\n")
    new.write_text(
        "# P\n\n## California residents\n\nWe may sell your personal information to our "
        "advertising partners <script>alert(1)</script>.\n"
    )
    record = compare_files(old, new, compliance="offline")
    html = render(record, "html")
    assert "<script>alert(1)</script>" not in html


def test_json_unchanged_without_compliance():
    record = compare_files(ADS_OLD, ADS_NEW)
    assert "compliance" not in json.loads(render(record, "json"))


def test_cosmetic_change_engages_nothing(tmp_path):
    old = tmp_path / "old.md"
    new = tmp_path / "new.md"
    old.write_text("# P\n\nLast updated: 1 May 2020\n\nWe collect your email.\n")
    new.write_text("# P\n\nLast updated: 2 May 2020\n\nWe collect your email.\n")
    record = compare_files(old, new)
    section = analyze_compliance(record, old.read_text(), new.read_text())
    assert section.entries == [] and section.exposure.level == "low"


def test_cli_compare_compliance_json_and_eval_gate(capsys, tmp_path):
    from summarizer.testing.cli import run_cli

    code, out, _ = run_cli(capsys, "compare", str(ADS_OLD), str(ADS_NEW), "--compliance", "-f", "json")
    assert code == 0 and json.loads(out)["compliance"]["exposure"]["level"] == "high"
    code, out, _ = run_cli(capsys, "compare", str(ADS_OLD), str(ADS_NEW), "-f", "json")
    assert code == 0 and "compliance" not in json.loads(out)
    code, _, err = run_cli(
        capsys, "compare", str(ADS_OLD), str(ADS_NEW), "--compliance", "--compliance-method", "psychic"
    )
    assert code == 2 and "compliance method" in err
