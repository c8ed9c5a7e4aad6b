"""Issue 12: actions in the reader's voice, breadcrumbs from real headings, records that name
what they describe and keep every change, directions that abstain rather than guess."""

from __future__ import annotations

import pytest

from summarizer.analyzers.rules.analyzer import record_direction
from summarizer.analyzers.rules.crumbs import breadcrumb, is_heading_name
from summarizer.analyzers.rules.voice import reader_voice
from summarizer.api import compare_texts, name_record
from summarizer.model.record import Change


def test_action_keeps_only_what_you_can_do_in_your_voice():
    said = (
        "It's important to us that you know you can turn off personalized ads at any time in "
        "Settings > Privacy, and we use your activity for business purposes."
    )
    assert reader_voice(said) == "You can turn off personalized ads at any time in Settings > Privacy."
    assert (
        reader_voice("You can ask us to delete your data.") == "You can ask the company to delete your data."
    )
    assert reader_voice("We collect data about your device.") is None


def test_record_actions_never_copy_the_company_voice():
    old = "# Privacy Policy\n\n## Your choices\n\nYou can contact us to ask about your data.\n"
    new = (
        "# Privacy Policy\n\n## Your choices\n\nYou can contact us to ask about your data. It's important to us "
        "that you know you can opt out of personalized ads at any time in Settings > Privacy.\n"
    )
    record = compare_texts(old, new)
    assert record.actions and all(not a.startswith("It's important") for a in record.actions)
    assert any(a.startswith("You can opt out") for a in record.actions)


@pytest.mark.parametrize(
    "crumb", ["1 Meta Way", "Effective January 21, 2026", "Menlo Park, CA 94025", "https://example.com/a"]
)
def test_addresses_dates_and_links_are_not_section_names(crumb):
    assert not is_heading_name(crumb)
    assert breadcrumb(("Privacy Policy", crumb, "Sharing")) == "Privacy Policy › Sharing"


def test_real_headings_stay_in_the_breadcrumb():
    assert breadcrumb(("Terms", "5. Payments", "Refunds")) == "Terms › 5. Payments › Refunds"


def _change(direction: str, confidence: str = "high") -> Change:
    return Change(
        category="data_collection",
        kind="expanded",
        summary="s",
        severity_before="medium",
        severity_after="high",
        shift_reason="r",
        section="s",
        direction=direction,  # type: ignore[arg-type]
        confidence=confidence,  # type: ignore[arg-type]
    )


def test_record_direction_uses_confident_claims_only():
    assert record_direction([_change("unclear", "low")]) == "unclear"
    assert record_direction([_change("up"), _change("unclear", "low")]) == "worse"
    assert record_direction([_change("up"), _change("down")]) == "mixed"
    # restatements claim nothing about which way the record goes: abstain rather than say neutral
    assert record_direction([_change("same")]) == "unclear"
    # one side must clearly outweigh the other (by severity after), else the record is mixed
    assert record_direction([_change("up"), _change("up"), _change("down")]) == "worse"
    assert record_direction([_change("up"), _change("down", "medium")]) == "mixed"
    # claims about generic text and low-confidence claims do not count
    generic = _change("down")
    generic.category = "contact_generic"
    assert record_direction([_change("up"), generic]) == "worse"
    assert record_direction([_change("up", "low")]) == "unclear"


def test_conflicting_evidence_gives_an_unclear_direction_with_a_flag():
    old = "# Terms\n\n## Licence\n\nYou grant us a licence to your content. You waive any moral rights.\n"
    new = (
        "# Terms\n\n## Licence\n\nYou grant us a perpetual licence to your content. "
        "You keep the right to object to any use of it.\n"
    )
    record = compare_texts(old, new)
    unclear = [c for c in record.changes if c.direction == "unclear"]
    if unclear:  # the rubric saw evidence both ways: it says so instead of guessing
        assert any(f.code == "direction_unclear" for f in record.flags)
        assert all(c.confidence == "low" for c in unclear)
        assert "better for you" not in record.summary and "worse for you" not in record.summary
    assert all(c.confidence for c in record.changes) and all(c.direction for c in record.changes)


def test_every_change_is_kept_and_the_record_names_its_document():
    old = "# Policy\n\n" + "\n\n".join(f"## Part {i}\n\nWe keep log {i} for 30 days." for i in range(12))
    new = "# Policy\n\n" + "\n\n".join(f"## Part {i}\n\nWe keep log {i} for 90 days." for i in range(12))
    record = name_record(
        compare_texts(old, new), service="Example", document="Privacy Policy", old_date="2025-01-01"
    )
    assert len(record.changes) == 12
    assert (record.service, record.document, record.old_date) == ("Example", "Privacy Policy", "2025-01-01")
    assert record.headline.startswith("Example Privacy Policy: ")


def test_prose_quotes_carry_no_markdown_but_quotes_stay_verbatim():
    old = "# Privacy Policy\n\n## Your choices\n\nYou can contact us to ask about your data.\n"
    new = (
        "# Privacy Policy\n\n## Your choices\n\nYou can contact us to ask about your data. We use your activity "
        "fo**r** [business and commercial purposes](#)**.**\n"
    )
    record = compare_texts(old, new)
    prose = " ".join([record.headline, record.summary, *(c.summary for c in record.changes)])
    assert "**" not in prose and "](" not in prose
    assert all(q in new for c in record.changes for q in c.quotes_new)


def test_a_regional_section_is_not_about_children():
    old = "# Privacy Policy\n\n## Contact\n\nWrite to us.\n"
    new = (
        "# Privacy Policy\n\n## Your California privacy rights\n\nIf you live in California, you can opt out of the "
        "sale of your personal information at any time.\n\n## Contact\n\nWrite to us.\n"
    )
    record = compare_texts(old, new)
    assert (
        "children" not in record.impact.lower()
    )  # the topic's name may still say "children and ... regions"
    assert "get less care" not in " ".join(c.summary for c in record.changes)
    assert record.direction in ("better", "unclear")


def test_compare_names_the_service_document_and_dates(run_cli, tmp_path):
    import json

    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("# Terms\n\n## Fees\n\nYou pay a monthly fee.\n", encoding="utf-8")
    new.write_text(
        "# Terms\n\n## Fees\n\nYou pay a monthly fee. You agree to make us whole for any losses.\n",
        encoding="utf-8",
    )
    done = run_cli(
        "compare", str(old), str(new), "-f", "json", "--service", "Example", "--document", "Terms of Service",
        "--old-date", "2025-01-01", "--new-date", "2025-02-01",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert (record["service"], record["document"]) == ("Example", "Terms of Service")
    assert (record["old_date"], record["new_date"]) == ("2025-01-01", "2025-02-01")
    assert record["headline"].startswith("Example Terms of Service: ")
    assert record["direction"] == "worse"  # an indemnity the user owes


def test_record_categories_name_what_changed_not_every_keyword():
    from summarizer.analyzers.rules.analyzer import dated
    from summarizer.api import diff

    old = (
        "# Terms\n\nLast updated: January 5, 2025\n\n## Payments\n\n"
        "You pay the fees shown at checkout.\n\n## Contact\n\nWrite to us at the address below.\n"
    )
    new = (
        "# Terms\n\nLast updated: March 9, 2026\n\n## Payments\n\n"
        "You pay the fees shown at checkout. We may charge your saved payment method for any and all "
        "amounts you owe, without further notice.\n\n## Contact\n\nWrite to us at the address below.\n"
    )
    assert dated(diff(old, new))
    record = compare_texts(old, new)
    assert record.material
    assert "liability_warranty_payment" in record.categories
    assert "policy_change_notice" in record.categories  # a new effective date comes with the change
    assert "contact_generic" not in record.categories
    assert not dated(diff(old, old.replace("Write to us", "Please write to us")))


def test_a_removed_permissive_passage_claims_nothing_about_the_record():
    gone = _change("down")
    gone.kind = "removed"
    assert record_direction([gone]) == "unclear"
    assert record_direction([gone, _change("up")]) == "worse"
