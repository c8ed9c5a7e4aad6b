"""A rewrite of the same document named in both openings is compared, not called another page
(issue 12, round 7: analyzers/rules/rewrites.py)."""

from __future__ import annotations

from summarizer.analyzers.rules.rewrites import same_document_renamed, shared_vocabulary
from summarizer.api import compare_texts


def _body(verb: str, n: int = 25) -> str:
    return "\n\n".join(
        f"Section {i}. We {verb} your personal information with advertising partners for purpose {i}."
        for i in range(n)
    )


def _rewrite(n: int = 25) -> str:
    return "\n\n".join(
        f"Part {i}: partners may receive your personal information and advertising identifiers, kept {i} years."
        for i in range(n)
    )


def test_a_plain_line_naming_the_privacy_policy_in_both_openings_is_the_same_document() -> None:
    old = "**Last Updated: March 26, 2016**\n\nAcme Labs, Inc. Privacy Policy\n\n" + _body("share")
    new = (
        "**Last Updated: January 5, 2021**\n\nAcme Consumer Services Privacy Policy\n------\n\n" + _rewrite()
    )
    assert same_document_renamed(old, new)


def test_a_faq_captured_instead_of_the_terms_is_not_the_same_document() -> None:
    old = "Terms of Service\n================\n\n" + _body("share")
    new = "Acme FAQ\n========\n\n" + _rewrite()
    assert not same_document_renamed(old, new)


def test_a_sentence_or_a_link_in_the_opening_does_not_name_the_document() -> None:
    old = "Read our privacy policy below.\n\n[Privacy Policy](https://example.com/privacy)\n\n" + _body(
        "share"
    )
    new = "Acme Consumer Services Privacy Policy\n\n" + _rewrite()
    assert not same_document_renamed(old, new)


def test_a_name_far_below_the_opening_does_not_count() -> None:
    filler = "\n\n".join(f"Welcome line {i}" for i in range(10))
    old = filler + "\n\nAcme Privacy Policy\n\n" + _body("share")
    new = "Acme Privacy Policy\n\n" + _rewrite()
    assert not same_document_renamed(old, new)


def test_little_shared_vocabulary_is_not_a_rewrite_even_under_the_same_kind_of_name() -> None:
    old = "Acme Privacy Policy\n\n" + _body("share")
    new = "Zeta Privacy Policy\n\n" + "\n\n".join(
        f"Clause {i}: tourists visiting museums obtain discounted tickets during holidays." for i in range(25)
    )
    assert shared_vocabulary(old, new) < 0.5
    assert not same_document_renamed(old, new)


def test_the_record_of_a_rewrite_named_only_in_its_opening_lines_is_made() -> None:
    old = "Acme Labs, Inc. Privacy Policy\n\n# How to Opt-Out\n\n" + _body("share")
    new = "# Acme Consumer Services Privacy Policy\n\n" + _rewrite()
    record = compare_texts(old, new)
    assert record.material
    assert not any(f.code == "capture_mismatch" for f in record.flags)


def test_the_record_of_another_page_is_still_stopped() -> None:
    old = "Acme Labs, Inc. Privacy Policy\n\n# How to Opt-Out\n\n" + _body("share")
    new = "# Acme Help Center\n\n" + "\n\n".join(
        f"Question {i}: how do I reset my password on device number {i}?" for i in range(25)
    )
    record = compare_texts(old, new)
    assert any(f.code == "capture_mismatch" for f in record.flags)


def test_a_small_mixed_record_leaning_to_the_user_follows_its_better_side() -> None:
    from summarizer.analyzers.rules.rewrites import LARGE_REWRITE, severity_lean

    assert severity_lean("mixed", 3.5, 5.0, LARGE_REWRITE - 1) == "better"
    assert severity_lean("mixed", 5.0, 3.5, LARGE_REWRITE - 1) == "mixed"


def test_a_large_mixed_rewrite_is_not_held_down_by_its_better_side() -> None:
    from summarizer.analyzers.rules.rewrites import LARGE_REWRITE, severity_lean

    assert severity_lean("mixed", 13.0, 17.5, LARGE_REWRITE) == "mixed"
    assert severity_lean("worse", 13.0, 1.0, LARGE_REWRITE) == "worse"
    assert severity_lean("better", 0.0, 4.0, LARGE_REWRITE) == "better"
