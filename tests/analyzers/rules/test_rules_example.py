"""The bundled example (examples/privacy-v1.md → privacy-v2.md): the record the README shows."""

from __future__ import annotations

from summarizer.analyzers.rules.provisions import provisions_of
from summarizer.model.taxonomy import Severity
from summarizer.rubric.readability import record_reading_grade


def _change(record, category):
    found = [c for c in record.changes if c.category == category]
    assert found, f"no {category} change in {[c.category for c in record.changes]}"
    return found[0]


def test_example_is_material_and_high(example_record):
    assert example_record.material is True
    assert example_record.severity == "high"
    assert {"third_party_sharing", "data_retention", "tracking_tech", "choice_consent"} <= set(
        example_record.categories
    )
    assert "will not sell your personal information" in example_record.headline


def test_selling_became_sharing_with_partners_and_goes_up(example_record):
    c = _change(example_record, "third_party_sharing")
    assert Severity(c.severity_after) > Severity(c.severity_before)
    assert c.quotes_old == ["We will not sell your personal information."]
    assert c.quotes_new[0].startswith("We may share your personal information with our advertising partners")
    assert "will not sell" in c.shift_reason
    assert c.section == "Acme Notes Privacy Policy › Sharing your information"


def test_retention_grew_from_30_to_180_days(example_record):
    c = _change(example_record, "data_retention")
    assert Severity(c.severity_after) > Severity(c.severity_before)
    assert "30" in c.shift_reason and "180" in c.shift_reason
    assert "180 days" in c.summary and "30 days" in c.summary


def test_the_opt_out_pushes_its_provision_down(example_diff):
    provisions = provisions_of(example_diff).provisions
    choice = [p for p in provisions if p.category == "choice_consent"]
    assert len(choice) == 1 and choice[0].direction == "down"
    assert "opt out" in choice[0].new_text


def test_what_you_can_do_is_taken_from_the_text(example_record, example_paths):
    new_text = example_paths[1].read_text(encoding="utf-8")
    assert example_record.actions == [
        "You can opt out of ad tracking at any time in Settings > Privacy > Ads."
    ]
    assert all(a in new_text for a in example_record.actions)


def test_cosmetic_edits_are_named_not_listed(example_record):
    assert "Cosmetic edits were left out: the 'Last updated' date and link targets." in example_record.summary
    quoted = " ".join(q for c in example_record.changes for q in c.quotes_old + c.quotes_new)
    assert "Last updated" not in quoted and "acme.example/terms" not in quoted


def test_hedges_are_noted(example_record):
    note = example_record.interpretive_note or ""
    assert "“including but not limited to”" in note and "“may”" in note


def test_every_quote_is_verbatim(example_record, example_paths):
    old, new = (p.read_text(encoding="utf-8") for p in example_paths)
    for c in example_record.changes:
        assert all(q in old for q in c.quotes_old) and all(q in new for q in c.quotes_new)


def test_plain_language(example_record):
    assert record_reading_grade(example_record) <= 9
