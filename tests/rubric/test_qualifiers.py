"""A reworded sentence that only gains a qualifier does not reach further (qualifiers.py, issue 12
round 8); one that gains an item of a list still does."""

from __future__ import annotations

import pytest

from summarizer.api import compare_texts
from summarizer.rubric.clauses import _widening, clause_cues, record_cues
from summarizer.rubric.qualifiers import only_qualifiers


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (  # fresh4 gravatar: "paid" qualifies the plan
            "We may analyze how many individuals purchased a plan after receiving a marketing message.",
            "We may analyze how many individuals purchased a paid plan after receiving a marketing message.",
        ),
        (  # fresh perplexity-dpa: a deadline that starts later is no wider duty
            "If the Customer does object within five days, the Customer and Perplexity will discuss it.",
            "If the Customer does object within five business days of receiving the notification, the Customer "
            "and Perplexity will discuss it.",
        ),
        (  # bundled skype terms: a product named
            "If your emergency call is connected, you will need to provide details of your location.",
            "If your Skype to Phone emergency call is connected, you will need to provide details of your location.",
        ),
        (
            "We may share your information with service providers.",
            "We may share some of your information with service providers.",
        ),
    ],
)
def test_a_qualifier_or_a_name_reaches_no_further(old: str, new: str) -> None:
    assert only_qualifiers(old, new)
    assert _widening(old, new) is None


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (  # dev temu conditions of sale: a delivery option joins the list
            "You can choose standard or express shipping depending on your address.",
            "You can choose standard, express shipping or Click & Collect depending on your address.",
        ),
        (  # held-out app store guidelines: a ban's list grows
            "Apps may not include chatroulette-style experiences, objectification of real people or threats.",
            "Apps may not include chatroulette-style experiences, random or anonymous chat, objectification of "
            "real people or threats.",
        ),
        (  # an item put in front of the others, its comma after it
            "We share your HIV status, photos and videos with service providers.",
            "We share your HIV status, vaccination status, photos and videos with service providers.",
        ),
        (  # a clause joined with "and"
            "We may modify our prices prospectively.",
            "We may modify our prices and those modified prices will apply prospectively.",
        ),
    ],
)
def test_an_item_joined_to_a_list_still_reaches_further(old: str, new: str) -> None:
    assert not only_qualifiers(old, new)
    assert _widening(old, new) == "widened"


def test_nothing_gained_is_no_qualifier() -> None:
    assert not only_qualifiers("We may share your data.", "We may share your data.")
    assert not only_qualifiers("We may share your data, or sell it.", "We may share your data or sell it.")


def test_a_limiter_still_narrows_and_a_widening_word_still_widens() -> None:
    assert (
        _widening("We share your data with partners.", "We share your data only with partners.") == "narrowed"
    )
    assert (
        _widening("We may use your content.", "We may use your content for perpetual promotion.") == "widened"
    )


def test_no_cue_from_a_qualifier_in_a_reworded_clause() -> None:
    old = (
        "To improve our ads, we may analyze how many individuals purchased a plan after receiving a message."
    )
    new = "To improve our ads, we may analyze how many individuals purchased a paid plan after receiving a message."
    cues = [c for g in record_cues([clause_cues(old, new, "consumer")]) for c in g]
    assert not [c for c in cues if c.kind in ("widened", "narrowed")]


PRIVACY_OLD = """# Privacy Policy

## How We Use Information

We use information about you for the purposes listed below:

*   To provide our Services, for example to set up and maintain your account;
*   To measure, gauge, and improve the effectiveness of our advertising, and better understand user retention and attrition–for example, we may analyze how many individuals purchased a plan after receiving a marketing message or the features used by those who continue to use our Services after a certain length of time;

## Your Rights

You can access the information we hold about you by writing to us.
"""


def test_a_record_whose_only_burden_was_a_qualifier_is_better() -> None:
    new = (
        PRIVACY_OLD.replace("purchased a plan", "purchased a paid plan").replace(
            "attrition–for", "attrition — for"
        )
        + "You can ask us to delete your account and the personal information we hold about you at any time.\n"
    )
    record = compare_texts(PRIVACY_OLD, new)
    assert record.material
    assert record.direction == "better"
    assert not any("reach further" in e for c in record.changes for e in c.evidence)
