"""Who takes on a duty and who gains a right in a clause (issue 12), in the view the document takes."""

from __future__ import annotations

import pytest

from summarizer.rubric.clauses import (
    balance,
    clause_cues,
    document_key,
    local_view,
    reader_view,
    record_cues,
    sentence_kind,
)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("You're responsible for all of these network usages and associated costs.", "reader_duty"),
        ("You agree to make us whole for any losses arising from your use of the Services.", "indemnity"),
        ("You may not use the Services if you are on a sanctions list.", "reader_duty"),
        ("We may remove these apps from the store if they are not updated.", "company_right"),
        (
            "We reserve the right to cancel your subscription if we cannot charge your payment method.",
            "company_right",
        ),
        ("Google is not responsible for the acts or omissions of any LLM provider.", "disclaimer"),
        ("You can cancel your subscription at any time and receive a prorated refund.", "reader_right"),
        ("Users in some countries may be able to cancel their subscription immediately.", "end_user_right"),
        ("We will notify you at least 30 days before any price increase.", "commitment"),
        ("We do not sell your personal information.", "protection"),
        ("Repeated submissions may lead to removal from the Developer Program.", "penalty"),
        ("Individualized content is not allowed.", "rule"),
        ("Customer may cache Grounded Output for up to thirty days.", "reader_permission"),
        ("Our offices are in Dublin.", None),
    ],
)
def test_a_sentence_names_who_takes_on_a_duty_or_gains_a_right(sentence: str, kind: str | None) -> None:
    assert sentence_kind(sentence) == kind


def test_being_unable_is_not_a_prohibition() -> None:
    assert sentence_kind("If you reject cookies, you may not be able to use some features.") is None


def test_an_added_duty_is_worse_and_a_removed_one_better() -> None:
    old = "We may stop the service."
    new = "We may stop the service. You must pay all network costs."
    (cue,) = clause_cues(old, new, "consumer")
    assert (cue.kind, cue.side, cue.polarity) == ("reader_duty", "added", 1)
    assert "network costs" in cue.evidence() and cue.evidence().startswith("+1 new:")
    (gone,) = clause_cues(new, old, "consumer")
    assert (gone.side, gone.polarity) == ("removed", -1)


def test_a_removed_protection_is_worse_in_full_a_removed_duty_better_at_a_quarter() -> None:
    (cue,) = clause_cues("We do not sell your personal information.", "", "consumer")
    assert cue.polarity == 1 and balance([cue]) == (1.0, 0.0)
    (duty,) = clause_cues("You must verify your channel.", "", "business")
    assert balance([duty]) == (0.0, 0.25)


def test_the_same_rule_reads_differently_by_whose_view_counts() -> None:
    new = "Don't share this data with any third party."
    assert clause_cues("", new, "business")[0].polarity == 1  # a new rule binds the business reader
    assert clause_cues("", new, "data")[0].polarity == -1  # it protects the person whose data it is
    assert clause_cues("", new, "consumer") == []  # an impersonal rule claims nothing for a consumer


def test_a_sentence_counts_once_and_a_reworded_pair_cancels() -> None:
    a = clause_cues("", "We may suspend your account. You must keep your password safe.", "consumer")
    b = clause_cues("", "We may suspend your account.", "consumer")
    c = clause_cues(
        "We may close your account at any time.", "We may suspend accounts at any time.", "consumer"
    )
    first, second, third = record_cues([a, b, c])
    assert len(first) == 2 and second == [] and third == []


@pytest.mark.parametrize(
    ("text", "view"),
    [
        ("# General ad requirements\n\nAds must use proper capitalization. Advertisers must ...", "business"),
        ("# Temu Affiliate Policy\n\nYou can earn commission.", "business"),
        ("# User Data\n\n" + "Your app must disclose how your app uses data. " * 20, "data"),
        ("# Privacy Policy\n\nWe collect your data. Developers of apps we partner with ...", "consumer"),
        ("# Terms of Service\n\nYou may use our services as permitted by law.", "consumer"),
    ],
)
def test_whose_view_the_document_takes(text: str, view: str) -> None:
    assert reader_view(text) == view


def test_a_reworded_sentence_that_gains_a_widening_word_is_worse() -> None:
    old = "You grant us a worldwide license to use your content in connection with the Service."
    new = (
        "You grant us a perpetual, worldwide license to use your content in connection with the Service, "
        "including to train our artificial intelligence models."
    )
    (cue,) = [c for g in record_cues([clause_cues(old, new, "consumer")]) for c in g]
    assert (cue.kind, cue.polarity) == ("widened", 1)
    (back,) = [c for g in record_cues([clause_cues(new, old, "consumer")]) for c in g]
    assert (back.kind, back.polarity) == ("narrowed", -1)


def test_a_sentence_still_in_the_other_version_is_neither_added_nor_removed() -> None:
    waiver = "You also agree to waive any moral rights in your content."
    old_doc = document_key(f"# Terms\n\nYou grant us a license. {waiver}\n")
    new_doc = document_key(f"# Terms\n\nYou grant us a license to train models.\n\n{waiver}\n")
    assert clause_cues(waiver, "", "consumer") != []
    assert clause_cues(waiver, "", "consumer", old_doc, new_doc) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "This may be decided by automated decision-making without human review.",
        "When you ask an AI agent to act for you, the agent can take actions on your behalf.",
    ],
)
def test_automated_decisions_and_agents_acting_for_you_are_worse(sentence: str) -> None:
    (cue,) = clause_cues("", sentence, "consumer")
    assert (cue.kind, cue.polarity) == ("automation", 1)


def test_a_consumer_document_passage_that_speaks_to_developers_is_read_for_them() -> None:
    passage = "Your app must tell your users how to cancel. Users may be able to cancel and get a refund."
    assert local_view("consumer", passage) == "business"
    assert local_view("consumer", "You can cancel your subscription at any time.") == "consumer"
    assert local_view("data", passage) == "data"  # a user-data policy stays judged for the data subject


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("We will investigate the issue and provide a suitable solution, including a refund.", "commitment"),
        ("According to applicable laws, the customer has statutory warranty rights.", "end_user_right"),
        ("You have no right to Payments unless and until they are paid to you.", "reader_duty"),
        ("We have the right to suspend your account.", "company_right"),
    ],
)
def test_promises_statutory_rights_and_rights_denied(sentence: str, kind: str) -> None:
    assert sentence_kind(sentence) == kind


def test_a_list_that_grows_in_a_reworded_sentence_widens_it_and_a_limiter_narrows_it() -> None:
    old = "You may choose standard shipping or express shipping."
    new = "You may choose standard shipping, express shipping or Click & Collect."
    (cue,) = [c for g in record_cues([clause_cues(old, new, "business")]) for c in g]
    assert (cue.kind, cue.polarity) == ("widened", -1)  # more of a permission: better for the reader
    limited = "We may share your data with partners only with your consent."
    cues = clause_cues("We may share your data with partners.", limited, "consumer")
    assert cues and all(c.polarity == -1 for g in record_cues([cues]) for c in g)  # a limit added: better
