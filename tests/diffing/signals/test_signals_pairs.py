"""Signals on hand-written before/after pairs: one kind at a time, plus the negatives."""

from __future__ import annotations

import pytest

from summarizer.diffing.signals import canonical, compute_signals, find_numbers, parties_in, split_clauses
from summarizer.model.diff import NumberChange

# --- modality ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "pair", "direction"),
    [
        (
            "We will notify you of material changes.",
            "We may notify you of material changes.",
            ("will", "may"),
            "weaker",
        ),
        (
            "We shall delete your data on request.",
            "We can delete your data on request.",
            ("shall", "can"),
            "weaker",
        ),
        (
            "Partners are required to protect your data.",
            "Partners might protect your data.",
            ("required to", "might"),
            "weaker",
        ),
        (
            "We may tell you before we suspend your account.",
            "We must tell you before we suspend your account.",
            ("may", "must"),
            "stronger",
        ),
    ],
)
def test_modality_shift(old: str, new: str, pair: tuple[str, str], direction: str) -> None:
    sig = compute_signals(old, new)
    assert [(m.old, m.new, m.direction) for m in sig.modality] == [(*pair, direction)]


def test_discretion_and_reserve_the_right_added_then_removed() -> None:
    old = "We will change these terms after telling you."
    new = "We reserve the right to change these terms at our sole discretion."
    sig = compute_signals(old, new)
    assert sig.reserve_right_added and not sig.reserve_right_removed
    assert any(m.new == "at our sole discretion" and m.direction == "weaker" for m in sig.modality)
    back = compute_signals(new, old)
    assert back.reserve_right_removed and not back.reserve_right_added
    assert any(m.old == "at our sole discretion" and m.direction == "stronger" for m in back.modality)


def test_may_as_a_month_is_not_a_modal() -> None:
    sig = compute_signals(
        "This policy was updated in May 2023 and will apply to you.",
        "This policy was updated in May 2024 and will apply to you.",
    )
    assert sig.modality == []


# --- negation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "change", "phrase"),
    [
        (
            "We do not sell your personal information.",
            "We sell your personal information.",
            "removed",
            "do not sell",
        ),
        (
            "We will not share your data with partners.",
            "We may share your data with partners.",
            "removed",
            "will not share",
        ),
        (
            "We never read your messages.",
            "We read your messages to improve the service.",
            "removed",
            "never read",
        ),
        ("We don't track you across websites.", "We track you across websites.", "removed", "do not track"),
        (
            "We use your location to show nearby stores.",
            "We do not use your location to show nearby stores.",
            "added",
            "do not use",
        ),
    ],
)
def test_negation_change(old: str, new: str, change: str, phrase: str) -> None:
    sig = compute_signals(old, new)
    assert [(n.change, n.phrase) for n in sig.negation] == [(change, phrase)]


def test_negation_of_added_and_removed_hunks() -> None:
    added = compute_signals("", "We will never sell your data.")
    assert [(n.change, n.phrase) for n in added.negation] == [("added", "will never sell")]
    removed = compute_signals("We will never sell your data.", "")
    assert [(n.change, n.phrase) for n in removed.negation] == [("removed", "will never sell")]


def test_not_limited_to_is_not_a_negation() -> None:
    sig = compute_signals(
        "We collect data, including but not limited to your name.", "We collect data, including your name."
    )
    assert sig.negation == []


# --- enumerations --------------------------------------------------------------------------------


def test_item_added_to_a_list_with_its_context() -> None:
    sig = compute_signals(
        "We may share your data with affiliates, partners and service providers.",
        "We may share your data with affiliates, partners, service providers and advertisers.",
    )
    assert [(e.added, e.removed) for e in sig.enumerations] == [(["advertisers"], [])]
    assert sig.enumerations[0].context.endswith("share your data with")


def test_item_removed_from_a_list() -> None:
    sig = compute_signals(
        "You can access, correct and delete your data.", "You can access and correct your data."
    )
    assert [(e.added, e.removed) for e in sig.enumerations] == [([], ["delete your data"])]


def test_single_item_grows_into_a_list() -> None:
    sig = compute_signals(
        "We share your email address with our affiliates.",
        "We share your email address with our affiliates and advertisers.",
    )
    assert [(e.added, e.removed) for e in sig.enumerations] == [(["advertisers"], [])]


# --- parties -------------------------------------------------------------------------------------


def test_parties_are_canonical_and_in_order_of_first_mention() -> None:
    text = (
        "We share data with third-party service providers, our affiliates, law enforcement agencies "
        "and advertising partners. Unaffiliated third parties and data brokers never receive it; "
        "a buyer of our business may."
    )
    assert parties_in(text) == [
        "service providers",
        "affiliates",
        "law enforcement",
        "advertising partners",
        "third parties",
        "data brokers",
        "successors or acquirers",
    ]


def test_parties_added_and_removed() -> None:
    sig = compute_signals(
        "We share your data with our affiliates and vendors.",
        "We share your data with our affiliates and advertisers.",
    )
    assert sig.parties_added == ["advertisers"]
    assert sig.parties_removed == ["service providers"]
    assert sig.parties == ["affiliates", "advertisers", "service providers"]


def test_non_affiliated_is_not_affiliates_and_partnership_is_not_a_partner() -> None:
    assert parties_in("We may share data with non-affiliated companies.") == ["other companies"]
    assert parties_in("This partnership agreement ends in 2025.") == []


# --- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "change"),
    [
        (
            "We keep server logs for 30 days.",
            "We keep server logs for 180 days.",
            NumberChange("30 days", "180 days", "days"),
        ),
        (
            "You must be at least 13 years old.",
            "You must be at least 16 years old.",
            NumberChange("13", "16", "age"),
        ),
        (
            "Our liability is limited to $100.",
            "Our liability is limited to $50.",
            NumberChange("$100", "$50", "currency"),
        ),
        (
            "We will give you 30 days' notice of changes.",
            "We will give you 7 days' notice of changes.",
            NumberChange("30 days", "7 days", "days"),
        ),
        (
            "We retain records for thirty (30) days.",
            "We retain records for sixty (60) days.",
            NumberChange("30 days", "60 days", "days"),
        ),
        ("A fee of 5% applies.", "A fee of 8% applies.", NumberChange("5%", "8%", "percent")),
    ],
)
def test_number_changes(old: str, new: str, change: NumberChange) -> None:
    assert compute_signals(old, new).numbers == [change]


def test_a_removed_notice_period_is_a_number_change_with_an_empty_side() -> None:
    sig = compute_signals(
        "We will notify you 30 days before changes take effect. Changes are posted here.",
        "Changes are posted here.",
    )
    assert sig.numbers == [NumberChange("30 days", "", "days")]


def test_number_written_differently_is_the_same_number() -> None:
    assert compute_signals("We keep data for thirty (30) days.", "We keep data for 30 days.").numbers == []
    assert compute_signals("We keep data for one year.", "We keep data for 12 months.").numbers == []


def test_find_numbers_units_and_values() -> None:
    found = {
        (n.kind, n.display)
        for n in find_numbers(
            canonical(
                "Users under the age of 16, fees of $1,000, refunds within 14 business days and 2.5% interest."
            )
        )
    }
    assert found == {("age", "16"), ("currency", "$1,000"), ("duration", "14 days"), ("percent", "2.5%")}


# --- negatives: no false signals -----------------------------------------------------------------


def test_identical_text_has_no_signals_but_names_parties() -> None:
    text = "We do not sell your data. We may share it with partners for 30 days."
    sig = compute_signals(text, text)
    assert sig.is_empty()
    assert sig.parties == ["partners"]


def test_pure_reordering_of_sentences_gives_no_signals() -> None:
    old = (
        "We do not sell your data. We may share it with affiliates and partners. "
        "We keep logs for 30 days. You can opt out at any time."
    )
    new = (
        "You can opt out at any time. We keep logs for 30 days. "
        "We may share it with affiliates and partners. We do not sell your data."
    )
    assert compute_signals(old, new).is_empty()


def test_reordering_a_list_gives_no_signals() -> None:
    sig = compute_signals(
        "We share data with affiliates, partners and advertisers.",
        "We share data with advertisers, affiliates and partners.",
    )
    assert sig.is_empty()


def test_rewording_keeps_negation_and_modality_quiet() -> None:
    sig = compute_signals(
        "We will not sell your personal information.", "Your personal information will never be sold by us."
    )
    assert sig.is_empty()
    sig = compute_signals("We won't share your data.", "We will not share your data.")
    assert sig.is_empty()


def test_unchanged_repeated_text_does_not_produce_signals() -> None:
    repeated = "We do not sell your data. "
    old = repeated * 3 + "We keep logs for 30 days."
    new = repeated * 3 + "We keep logs for 30 days, as required by law."
    sig = compute_signals(old, new)
    assert sig.negation == [] and sig.numbers == [] and sig.modality == []


def test_typography_and_markdown_only_changes_give_no_signals() -> None:
    sig = compute_signals(
        "We **won’t** share your data with [partners](https://a.example).",
        "We won't share your data with partners.",
    )
    assert sig.is_empty()


def test_split_clauses_splits_sentences_and_semicolons() -> None:
    assert split_clauses("we collect data; we share it. you can opt out!") == [
        "we collect data;",
        "we share it.",
        "you can opt out!",
    ]
