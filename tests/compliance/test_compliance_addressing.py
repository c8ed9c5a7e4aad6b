"""Jurisdiction evidence from the document's addressing of its readers (round 4).

A region the document names but never addresses (a transfer destination, an office, a contract clause
appended for business customers) is not one it speaks to: it gets no jurisdiction flag unless an
engaged entry applies there, and a change that names no region does not engage its rules. A document
that addresses no region at all keeps reading every region it names (the design example's rules).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.api import compare_files
from summarizer.compliance.analysis import analyze_compliance
from summarizer.compliance.regions import addressing_evidence


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("If you are located in the EU, UK, Norway or Switzerland and you object", "UK"),
        ("**L.\u00a0VISITORS FROM BRAZIL**", "BR"),
        ("**For users located in South Korea**: you contract with", "KR"),
        ("## California", "US-CA"),
        ("California residents may ask us", "US-CA"),
        ("Virginia\u2019s Consumer Data Protection Act, Va. Code", "US-VA"),
        ("the Texas Data Privacy and Security Act", "US-TX"),
        ("Rights you have under the GDPR", "EU"),
        ("[Country version:](https://example.com/terms#country-version) United States", "US"),
    ],
)
def test_reader_addressing_counts(text: str, code: str) -> None:
    assert code in addressing_evidence(text)


@pytest.mark.parametrize(
    "text",
    [
        "We may transfer your information to the United States and Japan.",
        "These Clauses shall be governed by the law of the EU Member State in which the exporter is established.",
        "Our offices are in Virginia and Texas.",
        "countries such as Mexico and India do not provide extended protections",
    ],
)
def test_mere_mentions_do_not_count(text: str) -> None:
    assert addressing_evidence(text) == {}


def test_offsets_survive_characters_whose_lower_case_is_longer() -> None:
    assert "US-CA" in addressing_evidence("\u0130stanbul. " * 3 + "Under the CCPA, you may opt out.")


POLICY = """# Privacy policy

## Your rights in California

California residents may opt out of the sale of personal information.

## How we use information

{use}

## Transfers

We store information on servers in the United Kingdom and Japan.
"""


def _analyse(tmp_path: Path, old_use: str, new_use: str):
    a, b = tmp_path / "old.md", tmp_path / "new.md"
    a.write_text(POLICY.format(use=old_use), encoding="utf-8")
    b.write_text(POLICY.format(use=new_use), encoding="utf-8")
    old, new = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    return analyze_compliance(compare_files(a, b), old, new)


def test_a_region_named_only_as_a_destination_engages_and_flags_nothing(tmp_path: Path) -> None:
    section = _analyse(
        tmp_path,
        "We use your information to provide the service. We will not sell your personal information.",
        "We use your information to provide the service. We may sell your personal information to "
        "advertising partners, who use it to show you targeted ads.",
    )
    flagged = {f.code for f in section.jurisdictions}
    assert "US-CA" in flagged
    assert not flagged & {"UK", "JP"}
    assert not any(i.startswith("ukgdpr") for i in section.entries)
    assert any(i.startswith("ccpa") for i in section.entries)
