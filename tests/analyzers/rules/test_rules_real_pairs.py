"""Records of real Open Terms Archive pairs (evals/data/ota, ODC-BY 1.0, Open Terms Archive contributors)."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from summarizer.model.taxonomy import Severity
from summarizer.rubric.readability import record_reading_grade

OTA = Path(__file__).resolve().parents[3] / "evals" / "data" / "ota"

# Checked by reading the diffs: only link targets, dates, typography, Markdown, page furniture
# (menus, language pickers, ad iframes, price tickers) or capture noise differ.
COSMETIC = [
    "adsense-terms-of-service-2026-03-03-2026-03-03",  # link targets
    "apple-privacy-policy-2022-11-03-2022-11-14",  # language picker, certification badges
    "coindesk-privacy-policy-2025-04-25-2025-04-25",  # crypto price ticker
    "deviantart-privacy-policy-2024-05-23-2024-06-12",  # one link target
    "duckduckgo-privacy-policy-2025-06-26-2025-06-27",  # links and typography
    "facebook-privacy-policy-2023-04-02-2023-04-02",  # link target
    "kraken-privacy-policy-2025-10-01-2025-10-31",  # locale removed from URLs
    "linear-privacy-policy-2024-03-20-2024-03-21",  # heading anchors and bold markers
    "national-geographic-privacy-policy-2023-07-10-2023-09-22",  # date and links
    "nissan-privacy-policy-2020-12-08-2020-12-18",  # page header and footer dropped
    "revcontent-privacy-policy-2022-09-18-2022-11-30",  # 'Revcontent' -> 'RevContent'
    "starbucks-privacy-policy-2022-09-20-2022-10-14",  # Markdown list formatting
    "the-register-terms-of-service-2021-01-12-2021-01-12",  # ad iframe URLs
    "thomsonreuters-com-privacy-policy-2022-05-09-2022-06-27",  # opt-out tool URL
    "whatsapp-terms-of-service-2021-04-29-2022-01-17",  # empty heading anchors
    "yuka-terms-of-service-2023-12-04-2023-12-08",  # 'Updated <timestamp>' lines
]

# Clearly material: wording that changes what the text permits or protects.
MATERIAL = {
    "bitwarden-privacy-policy-2022-03-10-2022-03-25": {"children_audiences"},  # minimum age 16 -> 13
    "google-cloud-platform-terms-of-service-2025-01-27-2025-01-30": {"dispute_resolution"},  # arbitration
    "allrecipes-privacy-policy-2014-04-10-2015-01-28": {"third_party_sharing"},  # policy replaced wholesale
    "spotify-terms-of-service-2021-02-23-2021-09-01": {
        "dispute_resolution"
    },  # restructured; arbitration rules
}
# (optimize, vinted and ikea were dropped from this list: evals/material_labels.yaml, the project's
# labels, calls them borderline cosmetic; the accuracy test below measures against those labels.)


@pytest.mark.parametrize("name", COSMETIC)
def test_cosmetic_pairs_are_not_material(name, record_of):
    record = record_of(name)
    assert record.material is False, record.headline
    assert record.severity == "none" and record.categories == []
    assert record.headline.startswith("No material change. Only ") or "No words changed" in record.headline


@pytest.mark.parametrize("name,expected", sorted(MATERIAL.items()))
def test_material_pairs_are_material_with_plausible_categories(name, expected, record_of):
    record = record_of(name)
    assert record.material is True
    assert record.severity != "none" and record.changes
    assert expected <= set(record.categories), record.categories


def test_lower_minimum_age_raises_severity(record_of):
    record = record_of("bitwarden-privacy-policy-2022-03-10-2022-03-25")
    (change,) = [c for c in record.changes if c.category == "children_audiences"]
    assert Severity(change.severity_after) > Severity(change.severity_before)
    assert "16" in change.shift_reason and "13" in change.shift_reason
    assert any("under the age of 13" in q for q in change.quotes_new)
    assert any("under the age of 16" in q for q in change.quotes_old)


def test_a_different_page_is_called_out(record_of):
    # the new capture of Telegram's Terms of Service is its FAQ page
    note = record_of("telegram-terms-of-service-2025-01-24-2025-01-25").interpretive_note or ""
    assert "different titles" in note and "Telegram FAQ" in note


def test_a_page_cut_short_is_called_out(record_of):
    # the same day, once with the whole page around it, once cut after a few sections
    note = record_of("microsoft-privacy-policy-2020-12-08-2020-12-08").interpretive_note or ""
    assert "much shorter" in note


def check_record(name: str, record) -> list[str]:
    """Problems with one record: quotes not verbatim, incoherent severity, too many changes."""
    problems = []
    old = (OTA / name / "old.md").read_text(encoding="utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    new = (OTA / name / "new.md").read_text(encoding="utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    for c in record.changes:
        problems += [f"old quote not verbatim: {q[:50]!r}" for q in c.quotes_old if q not in old]
        problems += [f"new quote not verbatim: {q[:50]!r}" for q in c.quotes_new if q not in new]
        if not (c.quotes_old or c.quotes_new):
            problems.append(f"{c.category}: no quote")
        if any(len(q) > 400 for q in c.quotes_old + c.quotes_new):
            problems.append(f"{c.category}: quote longer than 400 characters")
        # an added provision rates from none unless it adds a protection (then from the level the
        # silent text allowed); a removed one rates to none unless it took a protection away
        if c.kind == "added" and (c.severity_before == "none") == (c.direction == "down"):
            problems.append(f"{c.category}: kind added, {c.direction}, but before {c.severity_before}")
        if c.kind == "removed" and (c.severity_after == "none") == (c.direction == "up"):
            problems.append(f"{c.category}: kind removed, {c.direction}, but after {c.severity_after}")
        if c.kind not in ("added", "removed", "moved") and "none" in (c.severity_before, c.severity_after):
            problems.append(f"{c.category}: kind {c.kind} but {c.severity_before} → {c.severity_after}")
        if c.shift_reason.startswith("unchanged") and c.severity_before != c.severity_after:
            problems.append(
                f"{c.category}: reason says unchanged but {c.severity_before} → {c.severity_after}"
            )
    if record.material != (record.severity != "none"):
        problems.append(f"material {record.material} with severity {record.severity}")
    if record.material and not record.changes:
        problems.append("material but no changes")
    # every change is kept in the JSON (issue 12); the record is filed under the subjects of what
    # changed (a subset of its changes' categories), plus policy_change_notice for a new date
    extra = set(record.categories) - {c.category for c in record.changes} - {"policy_change_notice"}
    if record.material and extra:
        problems.append(f"categories {sorted(extra)} name no change of the record")
    return problems


@pytest.mark.slow
def test_every_bundled_pair_gives_a_coherent_record_with_verbatim_quotes(record_of):
    names = sorted(p.name for p in OTA.iterdir() if (p / "old.md").exists())
    assert len(names) == 100
    problems = {name: found for name in names if (found := check_record(name, record_of(name)))}
    assert problems == {}
    grades = [record_reading_grade(record_of(name)) for name in names]
    assert statistics.mean(grades) <= 9 and max(grades) <= 12


@pytest.mark.slow
def test_material_accuracy_against_the_committed_labels(record_of):
    """Material-vs-cosmetic accuracy over all 100 bundled pairs, against evals/material_labels.yaml
    (measured 0.99 with the revised labels: the one miss is microsoft-store, a borderline consent
    wording change; bench/material_accuracy.py --misses lists it). The rules were written while
    looking at these pairs, so this is a guard against regressions, not a held-out figure."""
    import yaml

    labels = yaml.safe_load((OTA.parent.parent / "material_labels.yaml").read_text(encoding="utf-8"))
    assert len(labels) == 100
    right = sum(record_of(name).material == label["material"] for name, label in labels.items())
    assert right / len(labels) >= 0.98
