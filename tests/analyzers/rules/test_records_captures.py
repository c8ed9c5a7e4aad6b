"""Issue 12: broken captures are flagged, not read as mass removals: a short page swapped for the
document (sign-in, error page) and a capture cut off inside a passage."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.api import compare_texts

PAIR = (
    Path(__file__).resolve().parents[3]
    / "evals"
    / "data"
    / "ota"
    / "airbnb-privacy-policy-2022-01-23-2022-01-24"
)
SIGN_IN = (
    "# Log in or sign up\n\nWelcome back. Log in to continue.\n\nEmail\n\nPassword\n\n"
    "[Forgot password?](https://example.com/forgot)\n\nContinue\n"
)


@pytest.fixture(scope="module")
def policy() -> str:
    return (PAIR / "old.md").read_text(encoding="utf-8")


def test_a_sign_in_page_instead_of_the_policy_is_no_comparison(policy):
    record = compare_texts(policy, SIGN_IN)
    assert record.material is False and record.severity == "none"
    assert [f.code for f in record.flags] == ["capture_mismatch"]
    assert "short page" in record.summary


def test_the_policy_coming_back_after_a_sign_in_page_is_no_comparison_either(policy):
    assert compare_texts(SIGN_IN, policy).material is False


def test_a_short_excerpt_of_the_same_text_is_not_called_another_page(policy):
    paragraphs = policy.split("\n\n")
    excerpt = "\n\n".join(paragraphs[:8])
    record = compare_texts(policy, excerpt)
    assert not any(f.code == "capture_mismatch" for f in record.flags)


@pytest.mark.parametrize("share", [0.33, 0.5, 0.8])
def test_a_capture_cut_inside_a_passage_is_flagged_not_material(policy, share):
    cut = policy[: int(len(policy) * share)]
    assert not cut.endswith((".", "\n"))  # cut mid-passage
    record = compare_texts(policy, cut)
    assert record.material is False
    assert any(f.code == "capture_truncated" for f in record.flags)
