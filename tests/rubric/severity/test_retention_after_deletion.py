"""Round 5 (issue 12): a period that data is kept after the user deletes it is a retention, not a
retention limit."""

from __future__ import annotations

import pytest

from summarizer.rubric.severity import assess_change

OLD = "We keep your account information while your account is open."


@pytest.mark.parametrize(
    "added",
    [
        "We may keep your messages for two years after you delete your account.",
        "We may retain your messages for 2 years after you delete your account.",
        "We keep your data for 90 days after account deletion.",
    ],
)
def test_data_kept_after_deletion_is_worse(added: str) -> None:
    found = assess_change("data_retention", OLD, f"{OLD} {added}")
    assert found.direction == "up"
    assert any("after you delete it" in e for e in found.evidence)


@pytest.mark.parametrize(
    "added",
    [
        "We delete your data within 30 days after you close your account.",
        "After you close your account, we will delete your data within 30 days.",
        "We retain logs for 90 days.",
    ],
)
def test_a_deletion_deadline_or_a_plain_limit_is_still_better(added: str) -> None:
    assert assess_change("data_retention", OLD, f"{OLD} {added}").direction == "down"
