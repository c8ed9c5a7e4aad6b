"""Who a ban protects: a prohibition on harming children is a rule of conduct, not a practice with
children's data (protective_bans.py, issue 12 round 6)."""

from __future__ import annotations

import pytest

from summarizer.api import compare_texts
from summarizer.rubric.severity import text_factors
from summarizer.rubric.severity.protective_bans import child_ban_added


def _keys(text: str) -> set[str]:
    return {f.key for f in text_factors("children_audiences", text)}


@pytest.mark.parametrize(
    "text",
    [
        "We strictly prohibit child sexual abuse and exploitation (CSAE) in any form.",
        "We strictly prohibit abuse of children. This includes grooming and content that sexualizes minors.",
        "Sexual content involving minors is strictly forbidden and will result in account termination.",
        "Do not post or share sexual, abusive, or suggestive content involving minors.",
        "We have zero tolerance for the exploitation of kids on our platform.",
    ],
)
def test_a_ban_on_harming_children_is_not_a_childrens_data_factor(text: str) -> None:
    assert "children" not in _keys(text)


@pytest.mark.parametrize(
    "text",
    [
        "We may collect information from children under 13 with a parent's consent.",
        "We do not knowingly collect personal information from children under 13.",
        "Teens can use the service and we show them personalised ads.",
        # a list of what the ban covers, but in a paragraph of its own: not read as part of the ban
        "We prohibit abuse.\n\nThis includes messages sent to minors about their accounts.",
    ],
)
def test_childrens_data_practices_still_count(text: str) -> None:
    assert "children" in _keys(text)


def test_a_ban_that_also_mentions_children_elsewhere_still_counts_the_other_mention() -> None:
    text = "We prohibit the sexual exploitation of children. We collect the age of teens who sign up."
    assert "children" in _keys(text)


def test_a_new_ban_is_found_and_an_unchanged_one_is_not() -> None:
    ban = "We strictly prohibit child sexual abuse in any form."
    assert child_ban_added("Be kind to other members.", f"Be kind to other members. {ban}")
    assert not child_ban_added(ban, f"{ban} Be kind.")
    assert not child_ban_added("", "We collect data from children.")


def test_a_new_child_protection_rule_is_not_worse_and_stays_filed_under_children() -> None:
    old = "# Community Guidelines\n\n## Respect\n\nTreat other members with respect.\n"
    new = old + "\nWe strictly prohibit the sexual abuse and exploitation of children in any form.\n"
    record = compare_texts(old, new)
    assert record.material
    assert record.direction != "worse"
    assert record.severity != "high"
    assert "children_audiences" in record.categories
    assert "less protection" not in record.headline
