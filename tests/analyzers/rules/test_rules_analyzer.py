"""The rules analyzer on hand-made documents: cosmetic-only, moves, rewrites, actions, notes."""

from __future__ import annotations

import re

import pytest

from summarizer.analyzers import get_analyzer
from summarizer.analyzers.rules.analyzer import MAX_CHANGES, RulesAnalyzer
from summarizer.analyzers.rules.provisions import provisions_of
from summarizer.api import compare_texts, diff_texts
from summarizer.model.taxonomy import Severity

BASE = """# Example Privacy Policy

Last updated: 1 May 2024

## Sharing

We share your data with service providers who host our servers. See [our list](https://example.com/list).

## Retention

We keep your messages for 30 days and then delete them.

## Contact

Write to privacy@example.com with any questions.
"""


def quotes_are_verbatim(record, old: str, new: str) -> bool:
    return all(q in old for c in record.changes for q in c.quotes_old) and all(
        q in new for c in record.changes for q in c.quotes_new
    )


def test_cosmetic_only_says_which_kinds_in_one_sentence():
    new = BASE.replace("1 May 2024", "9 June 2024").replace(
        "https://example.com/list", "https://example.com/v2/list"
    )
    record = compare_texts(BASE, new)
    assert record.material is False and record.severity == "none"
    assert record.categories == [] and record.changes == [] and record.actions == []
    assert record.headline == "No material change. Only the 'Last updated' date and link targets changed."
    assert record.provenance.analyzer == "rules"


def test_reordering_within_a_section_is_not_material():
    a = "We share your data with service providers who host our servers."
    b = "We never share your messages with advertisers."
    old = f"# Policy\n\n## Sharing\n\n{a}\n\n{b}\n\n## Contact\n\nWrite to us.\n"
    new = f"# Policy\n\n## Sharing\n\n{b}\n\n{a}\n\n## Contact\n\nWrite to us.\n"
    record = compare_texts(old, new)
    assert record.material is False and record.severity == "none"


def test_navigation_menus_and_images_are_capture_noise():
    new = BASE.replace(
        "## Contact",
        "* [Home](https://example.com/)\n* [Blog](https://example.com/blog)\n\n"
        "![logo](https://example.com/logo.png)\n\n## Contact",
    )
    record = compare_texts(BASE, new)
    assert record.material is False
    assert "page elements" in record.headline


def test_material_change_quotes_the_sentences_that_changed():
    new = BASE.replace("We keep your messages for 30 days", "We keep your messages for 2 years")
    record = compare_texts(BASE, new)
    assert record.material is True and record.severity != "none"
    (change,) = record.changes
    assert change.category == "data_retention" and change.section == "Example Privacy Policy › Retention"
    assert change.quotes_old == ["We keep your messages for 30 days and then delete them."]
    assert change.quotes_new == ["We keep your messages for 2 years and then delete them."]
    assert Severity(change.severity_after) > Severity(change.severity_before)
    assert "30 days" in change.summary and "2 years" in change.summary
    assert change.hunk_ids and quotes_are_verbatim(record, BASE, new)


def test_rewording_keeps_the_rating():
    new = BASE.replace(
        "We keep your messages for 30 days and then delete them.",
        "We keep your messages for 30 days, then we delete them.",
    )
    record = compare_texts(BASE, new)
    # a rewording that changes nothing the text allows or promises is not a material change
    assert record.material is False and record.severity == "none" and record.changes == []
    assert "wording that does not change what the text allows or promises" in record.summary


def _rewrite(n: int) -> tuple[str, str]:
    """A policy with *n* sections, every one of which changes; a few changes are severe."""
    old, new = ["# Big Policy", ""], ["# Big Policy", ""]
    for i in range(n):
        old += [f"## Section {i}", "", f"We keep support ticket number {i} for 30 days.", ""]
        if i % 10 == 3:
            new += [
                f"## Section {i}",
                "",
                f"We may sell support ticket number {i} to data brokers and advertisers.",
                "",
            ]
        else:
            new += [f"## Section {i}", "", f"We keep support ticket number {i} for 31 days.", ""]
    return "\n".join(old), "\n".join(new)


def test_thirty_section_rewrite_leads_with_the_most_severe_and_folds_the_rest():
    old, new = _rewrite(30)
    record = compare_texts(old, new)
    assert len(record.changes) == 30  # every change is kept in the JSON (issue 12); the prose folds some
    folded = re.search(r"(\d+) smaller changes are folded together", record.summary)
    assert folded and int(folded.group(1)) == 30 - MAX_CHANGES
    assert record.headline.endswith("plus 29 more changes.")
    # the three 'may sell' sections come first
    top = [c for c in record.changes[:3]]
    assert all("sell" in " ".join(c.quotes_new) for c in top)
    assert record.severity == "high"
    assert quotes_are_verbatim(record, old, new)


def test_ranking_puts_every_shown_provision_above_every_folded_one():
    old, new = _rewrite(30)
    provisions = provisions_of(diff_texts(old, new)).provisions
    keys = [p.rank_key() for p in provisions]
    assert keys == sorted(keys, reverse=True)


def test_actions_come_only_from_the_text():
    new = BASE.replace(
        "We share your data with service providers who host our servers.",
        "We share your data with advertisers. You can opt out of this in Settings > Privacy.",
    )
    record = compare_texts(BASE, new)
    assert record.actions == ["You can opt out of this in Settings > Privacy."]
    silent = BASE.replace("service providers who host our servers", "advertisers and data brokers")
    assert compare_texts(BASE, silent).actions == []


def test_interpretive_note_flags_hedges_and_undefined_partners():
    new = BASE.replace(
        "We share your data with service providers who host our servers.",
        "We may share your data with partners, including but not limited to advertisers.",
    )
    note = compare_texts(BASE, new).interpretive_note
    assert note and "“including but not limited to”" in note and "“may”" in note
    assert "“partners” but does not say who they are" in note
    defined = new + '\n\n## Definitions\n\n"Partners" means the ad networks listed at example.com/partners.\n'
    assert "does not say who they are" not in (compare_texts(BASE, defined).interpretive_note or "")


def test_interpretive_note_flags_a_page_cut_short():
    body = " ".join(
        f"Paragraph {i} says we keep logs for {i} days and share them with no one." for i in range(60)
    )
    old = f"# Policy\n\n{body}\n\n## End\n\nWe never sell data.\n"
    new = f"# Policy\n\n{body[: len(body) // 3]}"
    note = compare_texts(old, new).interpretive_note or ""
    assert "cut short" in note and "mid-sentence" in note


def test_interpretive_note_flags_another_page_or_regional_edition():
    old = "# Privacy Policy\n\n" + "California residents have rights under the CCPA. " * 5
    new = "# Cookie FAQ\n\n" + "Residents of the European Union have rights under the GDPR. " * 5
    note = compare_texts(old, new).interpretive_note or ""
    assert "different titles" in note and "“Privacy Policy”" in note and "“Cookie FAQ”" in note
    assert "regional editions" in note and "California" in note and "the EU" in note


def test_records_are_deterministic():
    old, new = _rewrite(12)
    diff = diff_texts(old, new)
    a, b = RulesAnalyzer().analyze(diff), RulesAnalyzer().analyze(diff)
    a.provenance.timings_ms.clear()
    b.provenance.timings_ms.clear()
    assert a == b


def test_provenance_and_registry():
    analyzer = get_analyzer("rules")
    assert analyzer.name == "rules"
    record = analyzer.analyze(diff_texts(BASE, BASE.replace("30 days", "90 days")))
    p = record.provenance
    assert p.analyzer == "rules" and p.model is None and p.prompt_version is None
    assert {"provisions", "summarize"} <= set(p.timings_ms) and p.library_version


@pytest.mark.parametrize(
    "edit",
    [
        ("We keep your messages for 30 days and then delete them.", ""),
        (
            "",
            "\n\n## Arbitration\n\nAll disputes will be settled by binding arbitration on an individual basis.",
        ),
    ],
)
def test_added_and_removed_provisions(edit):
    old, new = (BASE, BASE.replace(edit[0], "")) if edit[0] else (BASE, BASE + edit[1])
    record = compare_texts(old, new)
    assert record.material
    kinds = {c.kind for c in record.changes}
    assert kinds & {"added", "removed", "narrowed", "expanded"}
    assert quotes_are_verbatim(record, old, new)


def test_interpretive_note_flags_an_unfilled_placeholder():
    new = BASE.replace("Last updated: 1 May 2024", "Last updated: [enter date of publication]")
    new = new.replace("for 30 days", "for 60 days")
    note = compare_texts(BASE, new).interpretive_note or ""
    assert "unfilled placeholder (“[enter date of publication]”)" in note
